//! One colour per dimension (and the overall score), the same in every chart of
//! every report, so a trainee learns them once.

use crate::rubric::Dimension;

/// The colour of `dimension`'s line, bar or dot.
pub fn colour(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Empathy => "#c53030",
        Dimension::Clarity => "#2b6cb0",
        Dimension::Negotiation => "#2f855a",
        Dimension::Compliance => "#b7791f",
        Dimension::Documentation => "#6b46c1",
    }
}

/// The overall score's colour.
pub const OVERALL: &str = "#1a202c";

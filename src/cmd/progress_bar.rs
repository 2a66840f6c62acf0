//! `score`'s progress line on stderr while a batch runs, only when stderr is a terminal
//! (logs and pipes stay clean). Redrawn at most ten times a second, so it costs
//! nothing next to the scoring.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use collectsim::batch::summary::megabytes;

const WIDTH: usize = 28;
const REDRAW_EVERY: Duration = Duration::from_millis(100);

/// The progress line drawn on standard error during a long batch run (only at a terminal).
pub struct Progress {
    enabled: bool,
    total_bytes: Option<u64>,
    calls: usize,
    bytes: u64,
    started: Instant,
    last_drawn: Option<Instant>,
}

impl Progress {
    /// A bar towards `total_bytes` when known, else a running count.
    pub fn new(total_bytes: Option<u64>) -> Progress {
        Progress {
            enabled: std::io::stderr().is_terminal(),
            total_bytes: total_bytes.filter(|&t| t > 0),
            calls: 0,
            bytes: 0,
            started: Instant::now(),
            last_drawn: None,
        }
    }

    /// Counts one call of `bytes` and redraws, at most ten times a second.
    pub fn advance(&mut self, bytes: u64) {
        self.calls += 1;
        self.bytes += bytes;
        if !self.enabled || self.last_drawn.is_some_and(|t| t.elapsed() < REDRAW_EVERY) {
            return;
        }
        self.last_drawn = Some(Instant::now());
        // One write for the whole redraw: stderr is unbuffered, and a line written
        // in pieces can be read half drawn.
        let redraw = format!("\r\x1b[2K{}", self.line());
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(redraw.as_bytes());
        let _ = err.flush();
    }

    /// A line for the person running the batch (a skipped file, an inferred
    /// collector), written over the bar, which is redrawn on the next call.
    pub fn say(&mut self, note: &str) {
        let clear = if self.enabled && self.last_drawn.is_some() { "\r\x1b[2K" } else { "" };
        let _ = std::io::stderr().lock().write_all(format!("{clear}{note}\n").as_bytes());
        self.last_drawn = None;
    }

    /// Clears the line, so what follows starts on a clean one.
    pub fn finish(&self) {
        if self.enabled && self.last_drawn.is_some() {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
        }
    }

    fn line(&self) -> String {
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = format!("{}/s", megabytes((self.bytes as f64 / seconds) as u64));
        let calls = format!("{} call{}", self.calls, if self.calls == 1 { "" } else { "s" });
        match self.total_bytes {
            Some(total) => {
                let done = (self.bytes as f64 / total as f64).min(1.0);
                let filled = (done * WIDTH as f64) as usize;
                let bar = "█".repeat(filled) + &"░".repeat(WIDTH - filled);
                format!(
                    "{bar} {:>5.1}%  {calls}  {} of {}  {rate}",
                    done * 100.0,
                    megabytes(self.bytes),
                    megabytes(total)
                )
            }
            None => format!("scoring… {calls}  {}  {rate}", megabytes(self.bytes)),
        }
    }
}

//! "Did you mean" suggestions for misspelt keys, node ids, signals and events.

/// The candidate closest to `word` by edit distance, if it is close enough to be a
/// plausible typo (at most a third of the word's length, and at least one edit).
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let word: Vec<char> = word.chars().collect();
    let limit = (word.len() / 3).max(2);
    let mut rows = (Vec::new(), Vec::new(), Vec::new());
    candidates
        .into_iter()
        .filter_map(|candidate| Some((distance_within(&word, candidate, limit, &mut rows)?, candidate)))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate.to_string())
}

/// The edit distance (Levenshtein, over characters) when it is at most `limit`, else
/// `None`, giving up as soon as it must exceed it. A file with thousands of broken
/// references asks for a suggestion per reference among thousands of names: the
/// full distance for every pair took 80 s for 8,000.
fn distance_within(
    a: &[char],
    b: &str,
    limit: usize,
    (b_chars, previous, current): &mut (Vec<char>, Vec<usize>, Vec<usize>),
) -> Option<usize> {
    b_chars.clear();
    b_chars.extend(b.chars());
    if a.len().abs_diff(b_chars.len()) > limit {
        return None;
    }
    previous.clear();
    previous.extend(0..=b_chars.len());
    for (i, ca) in a.iter().enumerate() {
        current.clear();
        current.push(i + 1);
        for (j, cb) in b_chars.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        if current.iter().min().is_some_and(|&least| least > limit) {
            return None;
        }
        std::mem::swap(previous, current);
    }
    Some(previous[b_chars.len()]).filter(|&d| d <= limit)
}

/// A "did you mean `x`?" sentence, or a fallback listing what is allowed.
pub fn help_for<'a, I>(word: &str, candidates: I, what: &str) -> String
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    match did_you_mean(word, candidates.clone()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => {
            let known: Vec<&str> = candidates.into_iter().collect();
            if known.len() <= 12 {
                format!("known {what}: {}", known.join(", "))
            } else {
                format!("known {what}: {}, … ({} in all)", known[..12].join(", "), known.len())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let known = ["greeting", "hangs_up", "plan_agreed"];
        assert_eq!(did_you_mean("greting", known), Some("greeting".into()));
        assert_eq!(did_you_mean("zzz", known), None);
        let kitten: Vec<char> = "kitten".chars().collect();
        let mut rows = Default::default();
        assert_eq!(distance_within(&kitten, "sitting", 3, &mut rows), Some(3));
        assert_eq!(distance_within(&kitten, "sitting", 2, &mut rows), None);
    }
}

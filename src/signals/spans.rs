//! Where each entry's kept matches lie, so that asking whether a span sits inside
//! one of them (`not_inside`) or ends with one (`not_ending_in`) takes log time.
//! Checking every hit against every other was quadratic: once busy cues (pressure,
//! a request for payment) had `not_inside`, a turn of a megabyte of "please pay the
//! balance today" took twenty seconds instead of under one (stop 38).

use std::collections::HashMap;

/// The kept matches of a turn, indexed by entry.
pub struct KeptSpans {
    /// Per entry: its matches' starts in order, and the furthest end reached by the
    /// matches up to each one.
    reach: HashMap<usize, (Vec<usize>, Vec<usize>)>,
    /// Per entry and end: the latest start of a match of the entry ending there.
    ending: HashMap<(usize, usize), usize>,
}

impl KeptSpans {
    /// `kept` is (entry, start, end), in order of start.
    pub fn new<'k>(kept: impl IntoIterator<Item = &'k (usize, usize, usize)>) -> Self {
        let mut reach: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
        let mut ending: HashMap<(usize, usize), usize> = HashMap::new();
        for &(entry, start, end) in kept {
            let (starts, furthest) = reach.entry(entry).or_default();
            let far = furthest.last().map_or(end, |&f| f.max(end));
            starts.push(start);
            furthest.push(far);
            let latest = ending.entry((entry, end)).or_insert(start);
            *latest = (*latest).max(start);
        }
        KeptSpans { reach, ending }
    }

    /// Whether a match of `entry` covers `start..end`.
    pub fn covers(&self, entry: usize, start: usize, end: usize) -> bool {
        self.reach.get(&entry).is_some_and(|(starts, furthest)| {
            let before = starts.partition_point(|&s| s <= start);
            before > 0 && furthest[before - 1] >= end
        })
    }

    /// Whether a match of `entry` ends at `end` and starts within `start..end`.
    pub fn ends(&self, entry: usize, start: usize, end: usize) -> bool {
        self.ending.get(&(entry, end)).is_some_and(|&from| from >= start)
    }
}

#[cfg(test)]
mod tests {
    use super::KeptSpans;

    #[test]
    fn a_span_is_inside_or_ends_with_a_match_of_another_entry() {
        // entry 1 holds 10..40; entry 2 ends at 30 from 20
        let spans = KeptSpans::new(&[(1, 10, 40), (0, 12, 30), (2, 20, 30), (0, 50, 60)]);
        assert!(spans.covers(1, 12, 30));
        assert!(!spans.covers(1, 50, 60), "no match of entry 1 reaches 60");
        assert!(!spans.covers(1, 5, 30), "entry 1 starts after 5");
        assert!(spans.ends(2, 12, 30));
        assert!(!spans.ends(2, 25, 30), "entry 2 starts before 25");
        assert!(!spans.covers(3, 12, 30) && !spans.ends(3, 12, 30));
    }
}

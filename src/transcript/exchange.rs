//! What a collector's turn answers: the debtor's lines since the collector last
//! spoke, read as one. A debtor's turn often arrives in pieces - speech-to-text
//! segments, a chat's separate messages, "I could lose this job." after "My
//! manager's noticed." - and the reply answers all of them, not only the last.

use std::borrow::Cow;

use super::{Speaker, Turn};

/// The debtor lines that end at `last` (inclusive) and go back to the line after
/// the collector's turn before them.
pub fn debtor_run(turns: &[Turn], last: usize) -> &[Turn] {
    let end = (last + 1).min(turns.len());
    let start = turns[..end].iter().rposition(|t| t.speaker != Speaker::Debtor).map_or(0, |i| i + 1);
    &turns[start..end]
}

/// What the debtor said up to line `last` (a debtor line), since the collector
/// last spoke, read as one: [`as_one`] of [`debtor_run`].
pub fn said_up_to(turns: &[Turn], last: usize) -> Option<Cow<'_, Turn>> {
    as_one(debtor_run(turns, last))
}

/// A run of debtor lines as one line: the words joined, the events of each (once,
/// in order), and where the lexicon first heard what they told, counted in the
/// joined words. One line is itself.
pub fn as_one(run: &[Turn]) -> Option<Cow<'_, Turn>> {
    match run {
        [] => None,
        [one] => Some(Cow::Borrowed(one)),
        [.., last] => {
            let mut joined = Turn { text: String::new(), events: Vec::new(), told_at: None, ..last.clone() };
            for turn in run {
                if !joined.text.is_empty() {
                    joined.text.push(' ');
                }
                if joined.told_at.is_none() {
                    joined.told_at = turn.told_at.map(|at| at + joined.text.len());
                }
                joined.text.push_str(turn.text.trim_end());
                for event in &turn.events {
                    if !joined.events.contains(event) {
                        joined.events.push(event.clone());
                    }
                }
            }
            Some(Cow::Owned(joined))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn debtor(text: &str, events: &[&str]) -> Turn {
        let mut turn = Turn::spoken(Speaker::Debtor, text);
        turn.events = events.iter().map(|e| e.to_string()).collect();
        turn
    }

    #[test]
    fn the_run_stops_at_the_collector() {
        let turns = vec![
            debtor("Hello?", &[]),
            Turn::spoken(Speaker::Collector, "Hi, is this Dana?"),
            debtor("My manager's noticed.", &["complains"]),
            debtor("I could lose this job.", &["hardship_disclosed"]),
        ];
        assert_eq!(debtor_run(&turns, 3).len(), 2);
        assert_eq!(debtor_run(&turns, 0).len(), 1);
    }

    #[test]
    fn lines_are_joined_with_their_events_once() {
        let mut told = debtor("I lost my job.", &["hardship_disclosed", "apologises"]);
        told.told_at = Some(2);
        let run = [debtor("Sorry.", &["apologises"]), told];
        let one = as_one(&run).unwrap();
        assert_eq!(one.text, "Sorry. I lost my job.");
        assert_eq!(one.events, vec!["apologises", "hardship_disclosed"]);
        assert_eq!(&one.text[one.told_at.unwrap()..], "lost my job.");
    }
}

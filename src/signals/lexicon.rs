//! Loading and checking the signal lexicon.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::classes::ClassError;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::suggest::help_for;
use crate::yaml::{self, Seg};
use crate::ypath;

/// The lexicon shipped in the binary; `rubrics/signals.yaml` on disk overrides it.
pub const BUILTIN_SIGNALS: &str = include_str!("../../rubrics/signals.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    format: u32,
    negators: String,
    conditionals: String,
    /// Phrases with a negator that does not negate what follows ("don't be surprised when...").
    #[serde(default)]
    not_negations: Option<String>,
    /// Phrases that say the debtor's own view back ("you feel", "called yourself"):
    /// what follows is theirs, not the speaker's, as if negated.
    #[serde(default)]
    reported_views: Option<String>,
    /// Word classes: `name: [member, ...]`, used in patterns as `<name>`.
    #[serde(default)]
    classes: BTreeMap<String, Vec<String>>,
    /// Classes that name a topic of conversation (job, health, money, ...): a reply
    /// takes up what the debtor said when both name the same topic.
    #[serde(default)]
    topics: Vec<String>,
    signals: Vec<RawEntry>,
    events: Vec<RawEntry>,
    #[serde(default)]
    acts: Vec<RawAct>,
}

/// A speech act as written: cues (signal ids) and debtor events composed by the
/// keys documented in `acts.rs`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAct {
    /// The act's name (`acknowledges_feelings`).
    pub id: String,
    /// What the act is, for people.
    pub description: String,
    /// Cues that perform the act strongly.
    #[serde(default)]
    pub strong: Vec<String>,
    /// Cues that perform it weakly.
    #[serde(default)]
    pub weak: Vec<String>,
    /// Groups of cues that together perform it (one from each group).
    #[serde(default)]
    pub all: Vec<Vec<String>>,
    /// Cues that cancel it where they overlap its words.
    #[serde(default)]
    pub not: Vec<String>,
    /// Cues that cancel it anywhere in the turn.
    #[serde(default)]
    pub not_in_turn: Vec<String>,
    /// Cues that cancel a candidate only where they share its words ("I'm happy
    /// with that" is no introduction; "this is Sam from Apex, I'm calling..." is).
    #[serde(default)]
    pub not_overlapping: Vec<String>,
    /// Cues that take it back when they follow in the same turn (a turn to payment).
    #[serde(default)]
    pub pivot: Vec<String>,
    /// Cues that keep a pivot cue they overlap from taking the act back ("there's
    /// nothing you need to do today" takes the pressure off; it turns to nothing).
    #[serde(default)]
    pub pivot_unless: Vec<String>,
    /// Debtor events it needs in the line before.
    #[serde(default)]
    pub after: Vec<String>,
    /// Debtor events that let its weak cues count.
    #[serde(default)]
    pub weak_after: Vec<String>,
    /// Debtor events after which it does not count.
    #[serde(default)]
    pub not_after: Vec<String>,
    /// `third_party`: only when the person on the line is not the consumer.
    #[serde(default)]
    pub to: Option<String>,
    /// It must refer to what the debtor said (by topic).
    #[serde(default)]
    pub reference: bool,
    /// It only counts after the debtor agreed terms.
    #[serde(default)]
    pub terms_agreed: bool,
    /// Taking up the debtor's own words counts as performing it.
    #[serde(default)]
    pub echo: bool,
    /// A cue repeating words the debtor said, in a statement, does not count.
    #[serde(default)]
    pub not_echo: bool,
    /// Facts under which some of its cues are lawful.
    #[serde(default)]
    pub lawful_when: BTreeMap<String, serde_json::Value>,
    /// The cues that are lawful under `lawful_when`.
    #[serde(default)]
    pub lawful: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    description: String,
    #[serde(default)]
    negatable: bool,
    #[serde(default)]
    not_just_after: Vec<String>,
    #[serde(default)]
    not_inside: Vec<String>,
    #[serde(default)]
    not_ending_in: Vec<String>,
    patterns: Vec<String>,
}

/// One named signal or event with its patterns.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The signal's or event's id.
    pub id: String,
    /// What it is, for people.
    pub description: String,
    /// Whether a negation before it ("not", "never") cancels it.
    pub negatable: bool,
    /// Cues that cancel it when they end just before it in the same clause
    /// ("you just need to" before "take it one step at a time": advice, not a deed).
    pub not_just_after: Vec<String>,
    /// Entries of its own section whose match holding it cancels it: "my brother's
    /// been off sick but I'm fine" names a trouble that is not the speaker's.
    pub not_inside: Vec<String>,
    /// Entries of its own section whose match ends it: the words that made it
    /// match are another thing's. "but if that's tight on half pay" turns to no
    /// payment - its money word is their wages.
    pub not_ending_in: Vec<String>,
    /// Its regular expressions, word classes expanded.
    pub patterns: Vec<String>,
}

/// The checked lexicon, ready to compile into a [`crate::signals::Detector`].
/// Patterns are stored with their word classes expanded.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// The pattern of words that negate what follows.
    pub negators: String,
    /// The pattern of words that make what follows a condition ("if", "unless").
    pub conditionals: String,
    /// Phrases that look negated and are not ("won't hesitate").
    pub not_negations: Option<String>,
    /// Phrases that report the debtor's own view ("you feel"), read like a negation.
    pub reported_views: Option<String>,
    /// Each topic's name and its class, expanded to one pattern.
    pub topics: Vec<(String, String)>,
    /// Cues in a collector's words.
    pub signals: Vec<Entry>,
    /// Debtor events.
    pub events: Vec<Entry>,
    /// Speech acts composed of cues and events.
    pub acts: Vec<RawAct>,
}

impl Lexicon {
    /// Parses and checks a lexicon file, collecting every problem.
    pub fn load(file: &SourceFile) -> Result<Lexicon, Vec<Diagnostic>> {
        let (raw, locator) = yaml::parse::<RawLexicon>(file)?;
        let mut problems = Vec::new();
        if raw.format != 1 {
            problems.push(
                Diagnostic::error(file, locator.value(&ypath!["format"]), "unsupported lexicon format")
                    .with_help("this version of collectsim reads `format: 1`"),
            );
        }
        let not_negations = raw.not_negations.clone().unwrap_or_default();
        let reported_views = raw.reported_views.clone().unwrap_or_default();
        for (key, pattern) in [
            ("negators", &raw.negators),
            ("conditionals", &raw.conditionals),
            ("not_negations", &not_negations),
            ("reported_views", &reported_views),
        ] {
            if let Err(error) = regex::Regex::new(pattern) {
                let pos = locator.value(&ypath![key]);
                problems.push(Diagnostic::error(file, pos, regex_message(&error)));
            }
        }
        let classes = &raw.classes;
        let checker = Checker { file, locator: &locator, classes };
        checker.classes(&mut problems);
        let topics = checker.topics(&raw.topics, &mut problems);
        let signals = checker.entries("signals", raw.signals, &mut problems);
        let events = checker.entries("events", raw.events, &mut problems);
        let lexicon = Lexicon {
            negators: raw.negators,
            conditionals: raw.conditionals,
            not_negations: raw.not_negations,
            reported_views: raw.reported_views,
            topics,
            signals,
            events,
            acts: raw.acts,
        };
        checker.frames(&lexicon, &mut problems);
        checker.acts(&lexicon, &mut problems);
        if problems.is_empty() { Ok(lexicon) } else { Err(problems) }
    }

    /// The lexicon built into the binary.
    pub fn builtin() -> Lexicon {
        Lexicon::load(&SourceFile::new("builtin:rubrics/signals.yaml", BUILTIN_SIGNALS))
            .expect("the built-in lexicon is checked by the test suite")
    }

    /// Ids of every signal.
    pub fn signal_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.signals.iter().map(|e| e.id.as_str())
    }

    /// Ids of every debtor event.
    pub fn event_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.events.iter().map(|e| e.id.as_str())
    }

    /// Signals and acts: everything a collector's words can be said to do.
    pub fn has_signal(&self, id: &str) -> bool {
        self.signals.iter().any(|e| e.id == id) || self.acts.iter().any(|a| a.id == id)
    }

    /// Ids of signals and acts, for did-you-mean help.
    pub fn doing_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.signal_ids().chain(self.acts.iter().map(|a| a.id.as_str()))
    }

    /// Whether a debtor event has this id.
    pub fn has_event(&self, id: &str) -> bool {
        self.events.iter().any(|e| e.id == id)
    }
}

/// Checks a lexicon's parts against each other, every problem located in the file.
struct Checker<'a> {
    file: &'a SourceFile,
    locator: &'a yaml::Locator,
    classes: &'a BTreeMap<String, Vec<String>>,
}

impl Checker<'_> {
    fn problem(&self, path: &[Seg], message: String, help: Option<String>) -> Diagnostic {
        let found = Diagnostic::error(self.file, self.locator.value(path), message);
        match help {
            Some(help) => found.with_help(help),
            None => found,
        }
    }

    /// A pattern with its classes expanded, or the problem with it.
    fn expand(&self, pattern: &str, path: &[Seg]) -> Result<String, Diagnostic> {
        let expanded = super::classes::expand(pattern, self.classes).map_err(|error| match error {
            ClassError::Unknown(name) => self.problem(
                path,
                format!("unknown word class `<{name}>`"),
                Some(help_for(&name, self.classes.keys().map(String::as_str), "classes")),
            ),
            ClassError::Cycle(name) => self.problem(
                path,
                format!("word class `<{name}>` names itself (or classes nest too deep)"),
                Some("a class may name other classes, but not itself, directly or through others".into()),
            ),
        })?;
        if let Some(group) = contraction_after_space(pattern) {
            return Err(self.problem(
                path,
                format!("`{group}` never hears a contraction: the space before the group comes before the apostrophe too"),
                Some("move the space into the other alternatives: `what(?: is| does|'s)` hears \"what's\" and \"what is\"".into()),
            ));
        }
        // Parsed, not compiled: the detector compiles every pattern into one
        // automaton later, and compiling each here as well was a third of
        // start-up (profiled). Only a size limit shows at compile time alone.
        regex_syntax::Parser::new()
            .parse(&expanded)
            .map_err(|error| self.problem(path, regex_message(&error), None))?;
        Ok(expanded)
    }

    fn classes(&self, problems: &mut Vec<Diagnostic>) {
        for (name, members) in self.classes {
            for (i, member) in members.iter().enumerate() {
                if let Err(problem) = self.expand(member, &[Seg::Key("classes"), Seg::Key(name), Seg::Index(i)]) {
                    problems.push(problem);
                }
            }
        }
    }

    fn topics(&self, names: &[String], problems: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
        let mut topics = Vec::new();
        for (i, name) in names.iter().enumerate() {
            match self.expand(&format!("<{name}>"), &[Seg::Key("topics"), Seg::Index(i)]) {
                Ok(pattern) => topics.push((name.clone(), pattern)),
                Err(problem) => problems.push(problem),
            }
        }
        topics
    }

    fn entries(&self, section: &str, raw: Vec<RawEntry>, problems: &mut Vec<Diagnostic>) -> Vec<Entry> {
        let mut seen: Vec<String> = Vec::new();
        let mut entries = Vec::with_capacity(raw.len());
        for (index, entry) in raw.into_iter().enumerate() {
            let id_path = [Seg::Key(section), Seg::Index(index), Seg::Key("id")];
            if seen.contains(&entry.id) {
                problems.push(self.problem(
                    &id_path,
                    format!("duplicate id `{}`", entry.id),
                    Some("give each signal and event its own id".into()),
                ));
            }
            seen.push(entry.id.clone());
            if entry.patterns.is_empty() {
                problems.push(self.problem(&id_path, format!("`{}` has no patterns", entry.id), None));
            }
            let mut patterns = Vec::with_capacity(entry.patterns.len());
            for (p, pattern) in entry.patterns.iter().enumerate() {
                let path = [Seg::Key(section), Seg::Index(index), Seg::Key("patterns"), Seg::Index(p)];
                match self.expand(pattern, &path) {
                    Ok(expanded) => patterns.push(expanded),
                    Err(problem) => problems.push(problem),
                }
            }
            entries.push(Entry {
                id: entry.id,
                description: entry.description,
                negatable: entry.negatable,
                not_just_after: entry.not_just_after,
                not_inside: entry.not_inside,
                not_ending_in: entry.not_ending_in,
                patterns,
            });
        }
        entries
    }

    /// Every `not_just_after` names an entry of its own section: the detector looks
    /// for the frame among the same section's matches, so a signal is framed by
    /// signals and an event by events.
    fn frames(&self, lexicon: &Lexicon, problems: &mut Vec<Diagnostic>) {
        for (index, signal) in lexicon.signals.iter().enumerate() {
            let path = [Seg::Key("signals"), Seg::Index(index), Seg::Key("not_just_after")];
            self.names(&signal.not_just_after, &path, lexicon.signal_ids(), "signals", problems);
        }
        for (index, event) in lexicon.events.iter().enumerate() {
            let path = [Seg::Key("events"), Seg::Index(index), Seg::Key("not_just_after")];
            self.names(&event.not_just_after, &path, lexicon.event_ids(), "events", problems);
            let path = [Seg::Key("events"), Seg::Index(index), Seg::Key("not_inside")];
            self.names(&event.not_inside, &path, lexicon.event_ids(), "events", problems);
        }
        for (index, signal) in lexicon.signals.iter().enumerate() {
            let path = [Seg::Key("signals"), Seg::Index(index), Seg::Key("not_inside")];
            self.names(&signal.not_inside, &path, lexicon.signal_ids(), "signals", problems);
            let path = [Seg::Key("signals"), Seg::Index(index), Seg::Key("not_ending_in")];
            self.names(&signal.not_ending_in, &path, lexicon.signal_ids(), "signals", problems);
        }
        for (index, event) in lexicon.events.iter().enumerate() {
            let path = [Seg::Key("events"), Seg::Index(index), Seg::Key("not_ending_in")];
            self.names(&event.not_ending_in, &path, lexicon.event_ids(), "events", problems);
        }
    }

    /// Every act names existing cues and events, and no act shares an id with a signal.
    fn acts(&self, lexicon: &Lexicon, problems: &mut Vec<Diagnostic>) {
        let mut seen: Vec<&str> = Vec::new();
        for (index, act) in lexicon.acts.iter().enumerate() {
            let at = |key: &'static str| [Seg::Key("acts"), Seg::Index(index), Seg::Key(key)];
            if seen.contains(&act.id.as_str()) || lexicon.signals.iter().any(|s| s.id == act.id) {
                problems.push(self.problem(
                    &at("id"),
                    format!("`{}` is already a signal or act", act.id),
                    Some("acts and signals share one list of names; rename one of them".into()),
                ));
            }
            seen.push(&act.id);
            let cue_lists = [
                ("strong", &act.strong),
                ("weak", &act.weak),
                ("not", &act.not),
                ("not_in_turn", &act.not_in_turn),
                ("not_overlapping", &act.not_overlapping),
                ("pivot", &act.pivot),
                ("pivot_unless", &act.pivot_unless),
                ("lawful", &act.lawful),
            ];
            for (key, names) in cue_lists {
                self.names(names, &at(key), lexicon.signal_ids(), "signals", problems);
            }
            for (g, group) in act.all.iter().enumerate() {
                let path = [Seg::Key("acts"), Seg::Index(index), Seg::Key("all"), Seg::Index(g)];
                self.names(group, &path, lexicon.signal_ids(), "signals", problems);
            }
            for (key, names) in [("after", &act.after), ("weak_after", &act.weak_after), ("not_after", &act.not_after)]
            {
                self.names(names, &at(key), lexicon.event_ids(), "events", problems);
            }
            if act.to.as_deref().is_some_and(|to| to != "third_party") {
                problems.push(self.problem(&at("to"), "`to:` takes only `third_party`".into(), None));
            }
            if act.strong.is_empty() && act.weak.is_empty() && act.all.is_empty() {
                problems.push(self.problem(
                    &at("id"),
                    format!("act `{}` has no cues", act.id),
                    Some("give it `strong:`, `weak:` or `all:` cues".into()),
                ));
            }
        }
    }

    fn names<'n>(
        &self,
        names: &[String],
        path: &[Seg],
        known: impl Iterator<Item = &'n str> + Clone,
        what: &str,
        problems: &mut Vec<Diagnostic>,
    ) {
        for (j, name) in names.iter().enumerate() {
            if !known.clone().any(|k| k == name) {
                let item = [path, &[Seg::Index(j)]].concat();
                problems.push(self.problem(
                    &item,
                    format!("unknown {} `{name}`", &what[..what.len() - 1]),
                    Some(help_for(name, known.clone(), what)),
                ));
            }
        }
    }
}

/// A group after a space with an alternative that begins with an apostrophe
/// (`what (?:is|'s)`): it would need "what 's", so it never hears "what's". Found
/// 31 times in the shipped lexicon, each silently deaf to the contraction.
fn contraction_after_space(pattern: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(found) = pattern[from..].find(" (?:") {
        let open = from + found + 1;
        let inner_start = open + 3;
        let mut depth = 1;
        let mut alternative_start = inner_start;
        let mut end = None;
        for (i, c) in pattern[inner_start..].char_indices() {
            let at = inner_start + i;
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(at);
                        break;
                    }
                }
                '|' if depth == 1 => alternative_start = at + 1,
                _ => {}
            }
            if depth == 1 && at == alternative_start && c == '\'' {
                return Some(&pattern[open..pattern[open..].find(')').map_or(pattern.len(), |e| open + e + 1)]);
            }
        }
        from = end.unwrap_or(pattern.len()).min(pattern.len());
        if end.is_none() {
            break;
        }
    }
    None
}

/// The regex crate's (or its parser's) message, kept to its last line ("error:
/// unclosed group").
pub fn regex_message(error: &impl std::fmt::Display) -> String {
    let text = error.to_string();
    let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(&text);
    format!("bad regular expression: {}", last.trim().trim_start_matches("error: "))
}

#[cfg(test)]
mod tests {
    use super::contraction_after_space;

    #[test]
    fn a_contraction_after_a_space_in_a_group_is_caught() {
        assert!(contraction_after_space(r"\bwhat (?:does|is|'s|would) like").is_some());
        assert!(contraction_after_space(r"\bwhat(?: does| is|'s) like").is_none());
        assert!(contraction_after_space(r"\bi (?:can|(?:'ll|will)) pay").is_none(), "nested groups are their own");
        assert!(contraction_after_space(r"\byou (?:'re|are)").is_some(), "first alternative too");
    }
}

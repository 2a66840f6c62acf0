//! Where a lexicon's patterns start in an utterance, in one automaton.
//!
//! Every pattern of a lexicon section sits in one lazy DFA that reports all
//! matches (`MatchKind::All`). It is run *anchored* from each position where a
//! pattern could begin: a run dies within a few bytes unless a pattern really
//! starts there, and because every run follows a single start its states stay few
//! and are reused from call to call. (Profiled: an unanchored overlapping search of
//! the same set kept building new states, since threads started at different
//! places combine without end, and then needed a second search per matched pattern
//! to learn where the match was.) Only the patterns found to start somewhere are
//! run again, anchored at that position, to learn where their match ends.

use std::sync::OnceLock;

use regex_automata::hybrid::LazyStateID;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::util::{start, syntax};
use regex_automata::{Anchored, Input, MatchKind, meta};
use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, HirKind, Repetition};

/// Look-behind classes that give the DFA different start states: start of text,
/// after `\n`, after `\r`, after an ASCII word byte, after any other byte.
const LOOK_BEHIND_KINDS: usize = 5;

type ScratchFn = Box<dyn Fn() -> Scratch + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// What one thread needs to scan, kept from scan to scan: the DFA's cache, the
/// lowercased text, and where matches end and what was found at one position.
struct Scratch {
    cache: Cache,
    lowered: Vec<u8>,
    ends: Ends,
    found: Vec<Found>,
}

pub struct Scanner {
    dfa: DFA,
    /// Each pattern alone, leftmost-first, to find where a match that starts at a
    /// known position ends (the same end an ordinary regex search would give).
    patterns: Vec<Confirmer>,
    /// For each pattern, how long a match the DFA sees exactly on ASCII text: `None`
    /// when the pattern does not ignore case throughout (the DFA reads lowercased
    /// text); else the smallest maximum of its long bounded repetitions, which the
    /// DFA loops instead of counting. A match no longer than that cannot have gone
    /// round any of them more often than the pattern allows.
    exact_within: Vec<Option<usize>>,
    /// For each byte, the look-behind kinds (one bit each, see [`KIND_BIT_AFTER`])
    /// after which some pattern can begin with it, so most positions are passed
    /// over without running the DFA at all.
    can_start: [u8; 256],
    /// One scratch (DFA cache and buffers) per thread scoring calls.
    scratch: Pool<Scratch, ScratchFn>,
    /// The longest match any pattern can have, in bytes ([`UNBOUNDED_MATCH`] for a
    /// pattern with `*` or `+`). No run goes further than this from where it began,
    /// so scanning stays linear in the length of a turn however it is written: a
    /// run of accented letters, digits or words with no full stop no longer carries
    /// every run to its end.
    longest: usize,
    /// For each pattern, whether its matches can be longer than [`UNBOUNDED_MATCH`]
    /// (it has `*` or `+`): a run cut short says nothing exact about where they end.
    unbounded: Vec<bool>,
}

/// The most memory one thread's lazy DFA may hold. The DFA builds its states as
/// text needs them and throws them all away when this is full: with ~1,400
/// patterns, 8 MB filled 53 times on the 5,400 lines of the development data and
/// batch scoring spent more than half its time rebuilding states (2.5 times slower
/// on the throughput bench); 32 MB still filled twice. At stop 32, with ~1,650
/// patterns, 64 MB filled on the 7,450 lines of the development data and
/// paraphrases (`cargo test` caught it); 96 MB no longer did, and 128 MB leaves room.
/// It is a ceiling, not an allocation: a batch of calls peaks a few MB higher than
/// with 8 MB (158 MB on the throughput bench, as with 64 MB).
const CACHE_BYTES: usize = 128 << 20;

/// How far a pattern with `*` or `+` is followed from where it begins. A phrase
/// in a lexicon is a few words: nothing it is meant to find is this long.
pub const UNBOUNDED_MATCH: usize = 256;

/// A pattern with a match starting where the scan reports it, and where that match
/// ends when the scan could tell (see [`Scanner::match_at`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub pattern: usize,
    end: Option<usize>,
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scanner").field("patterns", &self.patterns.len()).finish_non_exhaustive()
    }
}

impl Scanner {
    /// Compiles case-insensitive `sources` (already using ASCII word boundaries).
    pub fn new(sources: &[String]) -> crate::error::Result<Scanner> {
        let syntax = syntax::Config::new().case_insensitive(true);
        let (mut hirs, mut exact_within) = (Vec::with_capacity(sources.len()), Vec::with_capacity(sources.len()));
        let mut patterns = Vec::with_capacity(sources.len());
        let mut unbounded = Vec::with_capacity(sources.len());
        let mut longest = 0;
        for source in sources {
            let hir = syntax::parse_with(source, &syntax)?;
            let maximum = hir.properties().maximum_len();
            unbounded.push(maximum.is_none_or(|len| len > UNBOUNDED_MATCH));
            longest = longest.max(maximum.map_or(UNBOUNDED_MATCH, |len| len.min(UNBOUNDED_MATCH)));
            let within = long_repetition_limit(&hir).map_or(usize::MAX, |max| max as usize);
            exact_within.push(is_case_closed(&hir).then_some(within));
            hirs.push(widen(&hir));
            patterns.push(Confirmer { hir, regex: OnceLock::new() });
        }
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().utf8(false).which_captures(thompson::WhichCaptures::None))
            .build_many_from_hir(&hirs)?;
        let dfa = DFA::builder()
            // A Unicode word boundary (only a custom lexicon could ask for one)
            // makes the DFA stop at non-ASCII bytes; `starts` then lets every
            // pattern check that position itself.
            .configure(DFA::config().match_kind(MatchKind::All).cache_capacity(CACHE_BYTES).unicode_word_boundary(true))
            .build_from_nfa(nfa)?;
        let mut cache = dfa.create_cache();
        let can_start = start_bytes(&dfa, &mut cache);
        let for_threads = dfa.clone();
        let scratch: Pool<Scratch, ScratchFn> = Pool::new(Box::new(move || Scratch {
            cache: for_threads.create_cache(),
            lowered: Vec::new(),
            ends: Ends::default(),
            found: Vec::new(),
        }));
        Ok(Scanner { dfa, patterns, exact_within, can_start, scratch, longest, unbounded })
    }

    /// How often this thread's DFA cache has filled up and been cleared: each
    /// clear throws away every state built so far, so a count that keeps rising
    /// on ordinary text means [`CACHE_BYTES`] is too small for the lexicon.
    pub fn cache_clears(&self) -> usize {
        self.scratch.get().cache.clear_count()
    }

    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Calls `visit(start, found)` for every position, in order, where at least one
    /// pattern has a match starting; `found` is in ascending pattern order.
    pub fn starts(&self, text: &str, mut visit: impl FnMut(usize, &[Found])) {
        // On ASCII text the DFA sees every end a case-insensitive pattern's matches
        // can have; when there is only one, that is where the match ends.
        let ends_are_exact = text.is_ascii();
        let mut scratch = self.scratch.get();
        let Scratch { cache, lowered, ends, found } = &mut *scratch;
        lowered.clear();
        lowered.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
        let bytes = lowered.as_slice();
        // Start states by look-behind kind, valid until the DFA's cache is cleared.
        let mut start_states = [None; LOOK_BEHIND_KINDS];
        let mut clears = cache.clear_count();
        let mut from = 0;
        while let Some(at) = self.next_candidate(bytes, from) {
            from = at + 1;
            let look_behind = at.checked_sub(1).map(|i| bytes[i]);
            let kind = look_behind_kind(look_behind);
            ends.clear();
            let start = match start_states[kind] {
                Some(state) => Ok(state),
                None => {
                    anchored_start(&self.dfa, cache, look_behind).inspect(|&state| start_states[kind] = Some(state))
                }
            };
            let run = start.and_then(|state| self.run_from(cache, state, bytes, at, ends));
            let cut_short = run == Ok(Run::CutShort);
            if cache.clear_count() != clears {
                clears = cache.clear_count();
                start_states = [None; LOOK_BEHIND_KINDS];
            }
            found.clear();
            if run.is_err() {
                // The DFA could not decide here (only a lexicon using Unicode-only
                // assertions can cause this): let every pattern check for itself.
                found.extend((0..self.patterns.len()).map(|pattern| Found { pattern, end: None }));
            } else {
                ends.matched.sort_unstable();
                for &(pattern, end, several) in &ends.matched {
                    let exact = self.exact_within[pattern].is_some_and(|within| end - at <= within);
                    let cut = cut_short && self.unbounded[pattern];
                    let known = !several && ends_are_exact && exact && !cut;
                    found.push(Found { pattern, end: known.then_some(end) });
                }
            }
            if !found.is_empty() {
                visit(at, found);
            }
        }
    }

    /// The first match of every pattern in `text`, as an ordinary regex search would
    /// find it, written into `first` (one slot per pattern, `None` where absent).
    pub fn first_matches(&self, text: &str, first: &mut [Option<[usize; 2]>]) {
        self.starts(text, |start, found| {
            for candidate in found {
                let slot = &mut first[candidate.pattern];
                if slot.is_none() {
                    *slot = self.match_at(text, start, candidate).map(|(s, e)| [s, e]);
                }
            }
        });
    }

    /// The leftmost-first match of a pattern `found` to start at `at`, as a byte
    /// range: from the scan when it could tell, else from the pattern itself.
    pub fn match_at(&self, text: &str, at: usize, found: &Found) -> Option<(usize, usize)> {
        if let Some(end) = found.end {
            return Some((at, end));
        }
        let within = text.len().min(at.saturating_add(self.longest));
        let input = Input::new(text).range(at..within).anchored(Anchored::Yes);
        self.patterns[found.pattern].regex()?.search(&input).map(|m| (m.start(), m.end()))
    }

    /// The first position from `from` on where a pattern may begin, judged by the
    /// byte there and the one before. Kept apart and small: this loop sees every
    /// byte of every turn, and most bytes go no further.
    fn next_candidate(&self, bytes: &[u8], from: usize) -> Option<usize> {
        let can_start = &self.can_start;
        if from == 0 {
            let first = *bytes.first()?;
            if can_start[usize::from(first)] & (1 << look_behind_kind(None)) != 0 {
                return Some(0);
            }
        }
        let from = from.max(1);
        let pairs = bytes.get(from - 1..)?.windows(2);
        let found = pairs
            .into_iter()
            .position(|pair| can_start[usize::from(pair[1])] & KIND_BIT_AFTER[usize::from(pair[0])] != 0);
        found.map(|offset| from + offset)
    }

    /// Runs the DFA from `state` over `bytes[at..]`, no further than the longest
    /// match, noting every pattern with a match that starts at `at` and where.
    fn run_from(
        &self,
        cache: &mut Cache,
        mut state: LazyStateID,
        bytes: &[u8],
        at: usize,
        ends: &mut Ends,
    ) -> Result<Run, ()> {
        let limit = bytes.len().min(at.saturating_add(self.longest).saturating_add(1));
        for (end, &byte) in bytes.iter().enumerate().take(limit).skip(at) {
            state = self.dfa.next_state(cache, state, byte).map_err(|_| ())?;
            if state.is_tagged() {
                // Matches show one byte late: this state says what ended before `byte`.
                if state.is_match() {
                    self.collect(cache, state, end, ends);
                }
                if state.is_dead() {
                    return Ok(Run::Ended);
                }
                if state.is_quit() {
                    return Err(());
                }
            }
        }
        if limit < bytes.len() {
            return Ok(Run::CutShort);
        }
        state = self.dfa.next_eoi_state(cache, state).map_err(|_| ())?;
        if state.is_match() {
            self.collect(cache, state, bytes.len(), ends);
        }
        Ok(Run::Ended)
    }

    fn collect(&self, cache: &Cache, state: LazyStateID, end: usize, ends: &mut Ends) {
        for index in 0..self.dfa.match_len(cache, state) {
            ends.note(self.dfa.match_pattern(cache, state, index).as_usize(), end);
        }
    }
}

/// How a run of the DFA from one position ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Run {
    /// Every match starting there was seen.
    Ended,
    /// Stopped at the longest match: a pattern with `*` or `+` may go on.
    CutShort,
}

/// The patterns matched from one position: for each, its first end and whether it
/// had more than one. Kept per pattern rather than per end, since a pattern over a
/// run of letters can end at every one of them.
#[derive(Default)]
struct Ends {
    /// Pattern, first end, and whether another end was seen; in the order found.
    matched: Vec<(usize, usize, bool)>,
    /// For each pattern, its index in `matched` (`usize::MAX` when absent).
    slot: Vec<usize>,
}

impl Ends {
    fn note(&mut self, pattern: usize, end: usize) {
        if self.slot.len() <= pattern {
            self.slot.resize(pattern + 1, usize::MAX);
        }
        match self.slot[pattern] {
            usize::MAX => {
                self.slot[pattern] = self.matched.len();
                self.matched.push((pattern, end, false));
            }
            index => self.matched[index].2 |= self.matched[index].1 != end,
        }
    }

    fn clear(&mut self) {
        for &(pattern, _, _) in &self.matched {
            self.slot[pattern] = usize::MAX;
        }
        self.matched.clear();
    }
}

/// One pattern on its own, compiled the first time one of its matches needs
/// confirming: most patterns never do (the scan tells where they end), and
/// compiling them all up front was a third of start-up (profiled).
struct Confirmer {
    hir: Hir,
    regex: OnceLock<Option<meta::Regex>>,
}

impl Confirmer {
    /// `None` only if the pattern alone exceeds a size limit that all of them
    /// together did not: then it is treated as not matching.
    fn regex(&self) -> Option<&meta::Regex> {
        let build = || {
            // Anchored where the scan saw a match start: a literal prefilter
            // would never be used.
            let config = meta::Config::new().auto_prefilter(false);
            meta::Regex::builder().configure(config).build_from_hir(&self.hir).ok()
        };
        self.regex.get_or_init(build).as_ref()
    }
}

/// `look_behind_kind` of every byte as a bit, looked up once per position scanned.
static KIND_BIT_AFTER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = 1 << look_behind_kind(Some(byte as u8));
        byte += 1;
    }
    table
};

const fn look_behind_kind(byte: Option<u8>) -> usize {
    match byte {
        None => 0,
        Some(b'\n') => 1,
        Some(b'\r') => 2,
        Some(b) if b.is_ascii_alphanumeric() || b == b'_' => 3,
        Some(_) => 4,
    }
}

/// For each byte, the look-behind kinds after which its transition from the
/// anchored start state is not dead, as bits. Where the DFA cannot say, every byte
/// that begins a character may start a match.
fn start_bytes(dfa: &DFA, cache: &mut Cache) -> [u8; 256] {
    let representatives = [None, Some(b'\n'), Some(b'\r'), Some(b'a'), Some(b' ')];
    let mut table = [0u8; 256];
    for (kind, look_behind) in representatives.into_iter().enumerate() {
        debug_assert_eq!(look_behind_kind(look_behind), kind);
        for byte in 0..=255u8 {
            // Looked up afresh for each byte: computing a transition may clear the cache.
            let start = anchored_start(dfa, cache, look_behind).ok();
            let next = start.and_then(|s| dfa.next_state(cache, s, byte).ok());
            let inside_character = (0x80..0xc0).contains(&byte);
            let may_start = !inside_character && next.is_none_or(|state| !state.is_dead());
            table[usize::from(byte)] |= u8::from(may_start) << kind;
        }
    }
    table
}

/// The DFA's state for a match starting right after `look_behind`.
fn anchored_start(dfa: &DFA, cache: &mut Cache, look_behind: Option<u8>) -> Result<LazyStateID, ()> {
    let config = start::Config::new().anchored(Anchored::Yes).look_behind(look_behind);
    dfa.start_state(cache, &config).map_err(|_| ())
}

/// Beyond this many, a bounded repetition (`.{0,160}`) is scanned as unbounded: a
/// count makes a new DFA state at every byte, so a run through one missed the CPU
/// cache at every step, and in all-matches mode such counts combine.
const LONG_REPETITION: u32 = 8;

/// The smallest maximum of the pattern's long bounded repetitions, if it has any.
fn long_repetition_limit(hir: &Hir) -> Option<u32> {
    match hir.kind() {
        HirKind::Repetition(repetition) => {
            let own = repetition.max.filter(|&max| max > LONG_REPETITION);
            [own, long_repetition_limit(&repetition.sub)].into_iter().flatten().min()
        }
        HirKind::Capture(capture) => long_repetition_limit(&capture.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().filter_map(long_repetition_limit).min(),
        _ => None,
    }
}

/// Whether every ASCII letter the pattern can match, it can match in either case.
fn is_case_closed(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(literal) => !literal.0.iter().any(u8::is_ascii_alphabetic),
        HirKind::Class(Class::Bytes(class)) => {
            letters_case_closed(ascii_set(class.ranges().iter().map(|r| (u32::from(r.start()), u32::from(r.end())))))
        }
        HirKind::Class(Class::Unicode(class)) => {
            letters_case_closed(ascii_set(class.ranges().iter().map(|r| (u32::from(r.start()), u32::from(r.end())))))
        }
        HirKind::Repetition(repetition) => is_case_closed(&repetition.sub),
        HirKind::Capture(capture) => is_case_closed(&capture.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().all(is_case_closed),
    }
}

/// The ASCII members of a class given as inclusive ranges, as a bit set; one pass
/// over the ranges (a case-folded Unicode class has hundreds).
fn ascii_set(ranges: impl Iterator<Item = (u32, u32)>) -> u128 {
    ranges
        .filter(|&(start, _)| start < 128)
        .fold(0, |set, (start, end)| (start..=end.min(127)).fold(set, |set, b| set | 1 << b))
}

/// Whether the set holds each ASCII letter in both cases or in neither: lower
/// case letters sit 32 bits above their capitals.
fn letters_case_closed(set: u128) -> bool {
    const CAPITALS: u128 = ((1 << 26) - 1) << b'A';
    (set & CAPITALS) << 32 == set & (CAPITALS << 32)
}

/// A byte class as it reads ASCII-lowercased text: upper case letters become
/// lower case ones.
fn lowercase(ranges: impl Iterator<Item = (u8, u8)>) -> ClassBytes {
    let mut class = ClassBytes::new(ranges.map(|(start, end)| ClassBytesRange::new(start, end)));
    let mut upper = class.clone();
    upper.intersect(&ClassBytes::new([ClassBytesRange::new(b'A', b'Z')]));
    class.difference(&upper);
    let lowered = upper.ranges().iter().map(|r| ClassBytesRange::new(r.start() + 32, r.end() + 32));
    class.union(&ClassBytes::new(lowered));
    class
}

/// One character outside ASCII, whatever it is: a leading byte and the
/// continuation bytes after it. (A run of any high bytes would also do, but kept
/// every run alive to the end of a stretch of accented letters or CJK: one start
/// per character, each running to the end, made scanning quadratic.)
fn any_non_ascii_character() -> Hir {
    let lead = Hir::class(Class::Bytes(ClassBytes::new([ClassBytesRange::new(0xc0, 0xff)])));
    let continuation = Hir::class(Class::Bytes(ClassBytes::new([ClassBytesRange::new(0x80, 0xbf)])));
    let continuations = Hir::repetition(Repetition { min: 0, max: None, greedy: true, sub: Box::new(continuation) });
    Hir::concat(vec![lead, continuations])
}

/// The pattern as it reads ASCII-lowercased text, with every character class cut
/// down to its ASCII part plus "any one non-ASCII character", and long counted
/// repetitions unbounded. It matches wherever the pattern does (and sometimes more:
/// the exact pattern confirms), but its automaton needs a few dozen byte classes
/// instead of nearly two hundred, so the DFA's tables stay small enough to live in
/// the CPU cache. Unicode case folding, `.` and upper case letters made them large.
fn widen(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0.to_ascii_lowercase()),
        HirKind::Class(Class::Bytes(class)) => {
            Hir::class(Class::Bytes(lowercase(class.ranges().iter().map(|r| (r.start(), r.end())))))
        }
        HirKind::Class(Class::Unicode(class)) => {
            let ascii = class
                .ranges()
                .iter()
                .filter(|r| r.start().is_ascii())
                .map(|r| (r.start() as u8, r.end().min('\x7f') as u8));
            let ascii = Hir::class(Class::Bytes(lowercase(ascii)));
            if class.ranges().iter().all(|r| r.end().is_ascii()) {
                return ascii;
            }
            Hir::alternation(vec![ascii, any_non_ascii_character()])
        }
        HirKind::Look(look) => Hir::look(*look),
        HirKind::Repetition(repetition) => {
            let max = repetition.max.filter(|&max| max <= LONG_REPETITION);
            Hir::repetition(Repetition { sub: Box::new(widen(&repetition.sub)), max, ..repetition.clone() })
        }
        HirKind::Capture(capture) => widen(&capture.sub),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(widen).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(widen).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first match of each pattern as the scanner finds it.
    fn first_matches(scanner: &Scanner, text: &str) -> Vec<Option<[usize; 2]>> {
        let mut first = vec![None; scanner.pattern_count()];
        scanner.first_matches(text, &mut first);
        first
    }

    #[test]
    fn case_closed_means_both_cases_of_every_letter_or_neither() {
        let closed = |pattern: &str, insensitive: bool| {
            let syntax = syntax::Config::new().case_insensitive(insensitive);
            is_case_closed(&syntax::parse_with(pattern, &syntax).unwrap())
        };
        assert!(closed(r"pay(ment)?\b", true) && closed(r"[0-9]+ days", true) && closed("[a-zA-Z]", false));
        assert!(!closed("Sam", false) && !closed("[a-z]", false) && !closed("[A-Za-y]", false));
        assert!(closed("[0-9 .,]", false), "no letters at all");
    }

    #[test]
    fn finds_the_same_first_match_as_a_regex_search_in_any_script() {
        let sources: Vec<String> = [
            r"(?-u:\b)(?:so |really )?sorry(?-u:\b)",
            r"(?-u:\b)attempt to collect a debt(?-u:\b).{0,40}(?-u:\b)purpose",
            r"(?-u:\b)\w+ing(?-u:\b)",
            r"[$£€] ?\d[\d,]*",
            r"(?-u:\b)is [a-z]+(?: [a-z]+)? there(?-u:\b)",
            r"(?-u:\b)ok(?-u:\b)",
            r"(?u:\b)café(?u:\b)",
            r"(?-i:Sam [A-Z])",
        ]
        .map(String::from)
        .to_vec();
        let scanner = Scanner::new(&sources).unwrap();
        for text in [
            "I'm so SORRY, this is an attempt to collect a debt; for that purpose only.",
            "Je suis désolé — attempt to collect a debt, ça va, naïve façade, for that purpose.",
            "You owe £1,250 or €30 and $5. Is Zoë Ångström there?",
            "Is \u{212a}elvin there? \u{212a}O, ok. Ça marche: Überlegung, draining.",
            "Un café, un cafés, café.",
            "sam X, SAM Y, Sam z, Sam Z.",
            "An attempt to collect a debt, and then some fifty more letters of talk, for a purpose.",
            "Attempt to collect a debt: purpose. Attempt to collect a debt, no purpose?",
            "",
            "sorry",
        ] {
            let expected: Vec<_> = sources
                .iter()
                .map(|s| {
                    let re = regex::RegexBuilder::new(s).case_insensitive(true).build().unwrap();
                    re.find(text).map(|m| [m.start(), m.end()])
                })
                .collect();
            assert_eq!(first_matches(&scanner, text), expected, "in {text:?}");
        }
    }

    #[test]
    fn a_single_possible_end_on_ascii_text_needs_no_second_search() {
        let sources = [r"thank you", r"debts?", r"(?-i:Sam)"].map(String::from).to_vec();
        let scanner = Scanner::new(&sources).unwrap();
        let ends = |text: &str| {
            let mut seen = Vec::new();
            scanner.starts(text, |start, found| seen.extend(found.iter().map(|f| (start, f.pattern, f.end))));
            seen
        };
        // "debts" could also end after "debt"; "Sam" is case-sensitive; "é" is not ASCII.
        assert_eq!(ends("Thank you: debts, sam"), vec![(0, 0, Some(9)), (11, 1, None), (18, 2, None)]);
        assert_eq!(ends("Thank you, José"), vec![(0, 0, None)]);
        // The DFA loops `{0,12}`: a match it sees within 12 bytes is one; a longer
        // one is left for the pattern itself to check (and here it fails).
        let scanner = Scanner::new(&[r"(?:how|why)[^?]{0,12}\?".to_string()]).unwrap();
        let mut seen = Vec::new();
        scanner.starts("How so? Why is that the case?", |start, found| seen.push((start, found[0].end)));
        assert_eq!(seen, vec![(0, Some(7)), (8, None)]);
        assert_eq!(scanner.match_at("How so? Why is that the case?", 8, &Found { pattern: 0, end: None }), None);
    }

    #[test]
    fn reports_every_pattern_starting_at_a_position_in_order() {
        let sources = ["attempt to collect", "attempt", "collect a debt"].map(String::from).to_vec();
        let scanner = Scanner::new(&sources).unwrap();
        let mut seen = Vec::new();
        scanner.starts("An attempt to collect a debt.", |start, found| {
            seen.push((start, found.iter().map(|f| f.pattern).collect::<Vec<_>>()))
        });
        assert_eq!(seen, vec![(3, vec![0, 1]), (14, vec![2])]);
    }
}

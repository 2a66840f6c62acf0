//! Who is the collector. Plain text usually says (`Agent:`), contact-centre JSON
//! says (`AGENT`), but speech-to-text output names speakers only `Speaker 0`,
//! `spk_1` or `SPEAKER_01`. Then `--agent SPEAKER` decides, or the collector is
//! inferred from what only a collector says: introducing themselves for a
//! company, the debt-collector disclosure, the balance. A call where no speaker
//! stands out is an error for that call, never a guess.

use serde::{Deserialize, Serialize};

use super::{Speaker, Transcript, Turn};
use crate::signals::{Context, Detector};

/// How the collector's side was told apart when the transcript did not say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentChoice {
    /// The speaker label taken as the collector (`spk_1`).
    pub speaker: String,
    /// `inferred` from what was said, or `--agent` when the user named it.
    pub by: String,
    /// Why, in words a QA analyst can check against the call.
    pub reason: String,
}

/// Whether a transcript's turns already have sides.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Roles {
    /// The labels (or the session, or the vendor's roles) said who is who.
    #[default]
    Given,
    /// Chosen by `--agent` or inferred; every turn now has its side.
    Chosen(AgentChoice),
    /// No label names the collector: these labels are candidates, to be decided
    /// by [`Transcript::resolve_roles`] before the call is read.
    Pending(Vec<String>),
}

/// One stretch of speech from a caption file or vendor JSON, before turns are made.
#[derive(Debug, Clone, PartialEq)]
pub struct Utterance {
    /// The speaker's label as the input gives it.
    pub label: String,
    /// The side, when the input says (`AGENT`, `<v Agent>`).
    pub side: Option<Speaker>,
    /// Seconds from the start of the recording.
    pub start: Option<f64>,
    /// What was said.
    pub text: String,
}

/// Turns from utterances: consecutive stretches by one speaker become one turn
/// (speech-to-text splits at pauses, not at turns), starting when the first did.
pub fn turns_from(utterances: Vec<Utterance>) -> Vec<Turn> {
    let mut turns: Vec<Turn> = Vec::new();
    for utterance in utterances {
        let text = utterance.text.trim();
        if text.is_empty() {
            continue;
        }
        if let Some(last) = turns.last_mut()
            && last.label.as_deref() == Some(utterance.label.as_str())
        {
            last.text.push(' ');
            last.text.push_str(text);
            continue;
        }
        let side = utterance.side.or_else(|| super::label::side_named(&utterance.label));
        let mut turn = Turn::spoken(side.unwrap_or(Speaker::Debtor), text);
        turn.start = utterance.start;
        turn.label = Some(utterance.label);
        turns.push(turn);
    }
    turns
}

/// Sides for turns whose labels may not say: `--agent` decides when given;
/// otherwise a call whose labels name no collector is left pending with its
/// candidate labels. `named` says whether a turn's side came from its label.
pub fn settle(turns: &mut [Turn], named: &[bool], agent: Option<&str>) -> Result<Roles, String> {
    let labels = distinct_labels(turns);
    if let Some(agent) = agent {
        return choose(turns, agent, &labels).map(Roles::Chosen);
    }
    if !turns.iter().any(|t| t.speaker == Speaker::Collector) {
        let callers: Vec<&String> = labels.iter().filter(|l| super::label::is_caller(l)).collect();
        if let [caller] = callers.as_slice() {
            let caller = (*caller).clone();
            assign(turns, &caller);
        }
    }
    if turns.iter().any(|t| t.speaker == Speaker::Collector) {
        return Ok(Roles::Given);
    }
    let unnamed: std::collections::HashSet<&str> =
        turns.iter().zip(named).filter(|(_, named)| !**named).filter_map(|(t, _)| t.label.as_deref()).collect();
    let candidates: Vec<String> = labels.iter().filter(|l| unnamed.contains(l.as_str())).cloned().collect();
    if labels.len() < 2 {
        let only = labels.first().map_or("nobody", String::as_str);
        return Err(format!(
            "only one speaker (`{only}`) in this call: collectsim scores a conversation between a collector and \
             a consumer; check that the speech-to-text job separated the speakers (diarization)"
        ));
    }
    if candidates.is_empty() {
        return Err(no_collector(&labels));
    }
    Ok(Roles::Pending(candidates))
}

fn distinct_labels(turns: &[Turn]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    turns.iter().filter_map(|t| t.label.clone()).filter(|l| seen.insert(l.clone())).collect()
}

fn choose(turns: &mut [Turn], agent: &str, labels: &[String]) -> Result<AgentChoice, String> {
    let Some(label) = labels.iter().find(|l| l.eq_ignore_ascii_case(agent)) else {
        return Err(format!(
            "--agent `{agent}`: no speaker of that name in this call; its speakers are {}",
            listed(labels)
        ));
    };
    assign(turns, label);
    Ok(AgentChoice { speaker: label.clone(), by: "--agent".into(), reason: "named with --agent".into() })
}

fn assign(turns: &mut [Turn], collector: &str) {
    for turn in turns {
        let is_collector = turn.label.as_deref() == Some(collector);
        turn.speaker = if is_collector { Speaker::Collector } else { Speaker::Debtor };
    }
}

fn listed(labels: &[String]) -> String {
    let mut shown = labels.iter().take(10).map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ");
    if labels.len() > 10 {
        shown += &format!(" and {} more", labels.len() - 10);
    }
    shown
}

fn no_collector(labels: &[String]) -> String {
    format!(
        "no collector turns: none of the speakers ({}) is on the collector's side; label the collector's turns \
         `Agent:` (or Collector, Rep), map the label in front matter (`speakers: {{{}: collector}}`) or name it \
         with --agent",
        listed(labels),
        labels.first().map_or("Sam", String::as_str)
    )
}

/// What only a collector says, each with how the reason puts it. The first
/// match of any of a kind's signals counts once per speaker.
const EVIDENCE: &[(&[&str], &str)] = &[
    (&["identifies_company", "collector_company_named"], "introduced themselves for a company"),
    (&["mini_miranda", "debt_collector_disclosure", "states_collection_purpose"], "gave the debt-collector disclosure"),
    (&["states_amount", "discloses_debt"], "named the debt or its balance"),
    (&["verifies_identity"], "asked to confirm who they were speaking to"),
];

impl Transcript {
    /// Decides a pending collector (see [`Roles::Pending`]) from what each
    /// candidate said; an error when no one speaker stands out.
    pub fn resolve_roles(&mut self, detector: &Detector) -> crate::error::Result<()> {
        let Roles::Pending(candidates) = &self.roles else { return Ok(()) };
        let context = Context::opening(&self.facts);
        // One pass over the turns, so a call with thousands of labels stays linear.
        let mut evidence: std::collections::HashMap<&str, Vec<(usize, &str)>> =
            candidates.iter().map(|l| (l.as_str(), Vec::new())).collect();
        for (index, turn) in self.turns.iter().enumerate() {
            let Some(kinds) = turn.label.as_deref().and_then(|l| evidence.get_mut(l)) else { continue };
            let hits = detector.signals(&turn.text, &context);
            for (signals, said) in EVIDENCE {
                let heard = hits.iter().any(|h| signals.contains(&h.id.as_str()));
                if heard && !kinds.iter().any(|(_, k)| k == said) {
                    kinds.push((index + 1, said));
                }
            }
        }
        let mut found: Vec<(String, Vec<(usize, &str)>)> =
            candidates.iter().map(|l| (l.clone(), evidence.remove(l.as_str()).unwrap_or_default())).collect();
        found.sort_by_key(|(_, kinds)| std::cmp::Reverse(kinds.len()));
        let strongest = found[0].1.len();
        let runner_up = found.get(1).map_or(0, |(_, k)| k.len());
        let candidate_set: std::collections::HashSet<&String> = candidates.iter().collect();
        let others_named = self.turns.iter().any(|t| t.label.as_ref().is_some_and(|l| !candidate_set.contains(l)));
        let (label, reason) = if strongest > runner_up {
            let (label, kinds) = &found[0];
            let mut kinds = kinds.clone();
            kinds.sort();
            let said: Vec<String> = kinds.iter().map(|(turn, said)| format!("{said} (turn {turn})")).collect();
            (label.clone(), said.join(", "))
        } else if found.len() == 1 && others_named {
            (found[0].0.clone(), "the only speaker not labelled as the customer".to_string())
        } else {
            return Err(crate::error::Error::Refused(undecided(&found)));
        };
        assign(&mut self.turns, &label);
        self.roles = Roles::Chosen(AgentChoice { speaker: label, by: "inferred".into(), reason });
        Ok(())
    }
}

fn undecided(found: &[(String, Vec<(usize, &str)>)]) -> String {
    let labels: Vec<String> = found.iter().map(|(l, _)| l.clone()).collect();
    format!(
        "cannot tell which speaker is the collector: none of {} stands out by introducing themselves for a \
         company, giving the debt-collector disclosure or naming the balance; name the collector with \
         --agent {}",
        listed(&labels),
        shell_word(&labels[0])
    )
}

fn shell_word(label: &str) -> String {
    if label.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')) {
        label.to_string()
    } else {
        format!("'{label}'")
    }
}

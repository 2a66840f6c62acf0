//! One call in progress: the engine session plus everything the session file keeps
//! beyond the turns (mode, trainee, hints, undos, notes), saved after every change.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Result, bail};

use super::coach::Coach;
use collectsim::engine::{Session, rng};
use collectsim::scenario::Scenario;
use collectsim::signals::Detector;
use collectsim::store::{
    self, ABANDONED, COLLECTOR_ENDED, HintUse, Mode, Note, PersonaRef, ScenarioRef, SessionRecord, Undo,
};
use collectsim::time::now_rfc3339;
use collectsim::transcript::{Speaker, Turn};

pub struct Call {
    pub session: Session,
    pub record: SessionRecord,
    pub path: PathBuf,
    pub coach: Coach,
}

impl Call {
    /// Starts a new call and writes its session file at once.
    pub fn start(
        scenario: Arc<Scenario>,
        detector: Arc<Detector>,
        (seed, mode, trainee, from): (u64, Mode, &str, Option<usize>),
        data: &Path,
        coach: Coach,
    ) -> Result<Call> {
        let started_at = now_rfc3339();
        let stem = format!(
            "{}-{}-{}-{seed}",
            started_at.replace([':', '-'], "").trim_end_matches('Z'),
            scenario.id,
            store::slug(trainee)
        );
        let path = store::new_session_path(data, &stem)?;
        let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or(&stem).to_string();
        let record = SessionRecord {
            format: store::SESSION_FORMAT,
            id,
            scenario: ScenarioRef {
                id: scenario.id.clone(),
                title: scenario.title.clone(),
                sha256: scenario.sha256.clone(),
                source: scenario.source.clone(),
            },
            persona: PersonaRef {
                name: scenario.persona.name.clone(),
                kind: scenario.persona.kind.clone(),
                difficulty: scenario.difficulty.label.clone(),
            },
            facts: scenario.facts.clone(),
            seed,
            rng: rng::ALGORITHM.to_string(),
            mode,
            trainee: trainee.to_string(),
            started_at,
            ended_at: None,
            turns: Vec::new(),
            hints: Vec::new(),
            undos: Vec::new(),
            restarts: 0,
            notes: Vec::new(),
            outcome: ABANDONED.to_string(),
            success: None,
            final_meters: Vec::new(),
            score_checks: 0,
            start_node: from.map(|i| scenario.nodes[i].id.clone()),
            scorecard: None,
        };
        let session = Session::starting_at(Arc::clone(&scenario), detector, seed, from.unwrap_or(scenario.start));
        let mut call = Call { session, record, path, coach };
        call.save()?;
        Ok(call)
    }

    /// Continues an unfinished call: the engine replays the recorded lines from the
    /// seed. Returns the call and whether the replay matched what was recorded.
    pub fn resume(path: &Path, scenario: Arc<Scenario>, detector: Arc<Detector>, coach: Coach) -> Result<(Call, bool)> {
        let record = SessionRecord::load(path)?;
        if record.is_finished() {
            bail!(
                "{} is a finished call (outcome `{}`); start a new one with `collectsim play {}`",
                path.display(),
                record.outcome,
                record.scenario.id
            );
        }
        let lines: Vec<&str> =
            record.turns.iter().filter(|t| t.speaker == Speaker::Collector).map(|t| t.text.as_str()).collect();
        let start = start_of(&scenario, &record);
        let session = Session::replay_from(scenario, detector, record.seed, start, lines);
        let matches = session.turns() == record.turns.as_slice();
        Ok((Call { session, record, path: path.to_path_buf(), coach }, matches))
    }

    /// Copies the session's state into the record and writes it atomically.
    pub fn save(&mut self) -> Result<()> {
        self.record.turns = self.session.turns().to_vec();
        self.record.final_meters = self.session.meters();
        if let Some(ending) = self.session.ending() {
            self.record.outcome = ending.outcome.clone();
            self.record.success = Some(ending.success);
            self.record.ended_at.get_or_insert_with(now_rfc3339);
        }
        Ok(self.record.save(&self.path)?)
    }

    /// The trainee speaks; returns the debtor's reply (None for a blank line).
    pub fn say(&mut self, text: &str) -> Result<Option<Turn>> {
        let reply = self.session.respond(text).cloned();
        if reply.is_some() {
            self.save()?;
        }
        Ok(reply)
    }

    pub fn trainee_turns(&self) -> usize {
        self.session.turns().iter().filter(|t| t.speaker == Speaker::Collector).count()
    }

    pub fn record_hint(&mut self, text: &str) -> Result<()> {
        let node = self.session.node().id.clone();
        self.record.hints.push(HintUse { before_turn: self.trainee_turns() + 1, node, text: text.to_string() });
        self.save()
    }

    pub fn add_note(&mut self, text: &str) -> Result<()> {
        self.record.notes.push(Note { after_turn: self.trainee_turns(), text: text.to_string(), at: now_rfc3339() });
        self.save()
    }

    /// Takes back the last trainee line by replaying the call without it.
    pub fn undo(&mut self) -> Result<Option<String>> {
        let mut lines = self.session.trainee_lines();
        let Some(taken_back) = lines.pop() else { return Ok(None) };
        let scenario = Arc::clone(self.session.scenario());
        let detector = self.detector();
        let start = self.session.start();
        self.session =
            Session::replay_from(scenario, detector, self.record.seed, start, lines.iter().map(String::as_str));
        self.record.undos.push(Undo { text: taken_back.clone(), at: now_rfc3339() });
        self.reopen();
        self.save()?;
        self.coach.forget_after(self.record.turns.len());
        Ok(Some(taken_back))
    }

    /// Starts the same call again from the top (same seed).
    pub fn restart(&mut self) -> Result<()> {
        let scenario = Arc::clone(self.session.scenario());
        let start = self.session.start();
        self.session = Session::starting_at(scenario, self.detector(), self.record.seed, start);
        self.record.restarts += 1;
        self.coach.reset();
        self.reopen();
        self.save()
    }

    /// The collector hangs up before the story reached an ending.
    pub fn end_early(&mut self) -> Result<()> {
        self.record.outcome = COLLECTOR_ENDED.to_string();
        self.record.success = Some(false);
        self.record.ended_at = Some(now_rfc3339());
        self.save()
    }

    /// After an undo or restart the call is under way again.
    fn reopen(&mut self) {
        self.record.scorecard = None;
        self.record.outcome = ABANDONED.to_string();
        self.record.success = None;
        self.record.ended_at = None;
    }

    /// Scores the call as it stands and keeps the card in the session.
    pub fn finish_scoring(&mut self) -> Result<collectsim::score::Scorecard> {
        self.save()?;
        // An abandoned call is judged as far as it went, as `score` and `report` judge it.
        let card = self.coach.card(&self.record, &self.session.detector(), self.record.is_finished());
        self.record.scorecard = Some(card.clone());
        self.record.save(&self.path)?;
        Ok(card)
    }

    /// `:reload`: the scenario as it now is on disk, with the call so far replayed
    /// into it. The session file records the new scenario hash.
    pub fn reload(&mut self, scenario: Arc<Scenario>) -> Result<()> {
        let lines = self.session.trainee_lines();
        let start =
            scenario.node_index(&self.session.scenario().nodes[self.session.start()].id).unwrap_or(scenario.start);
        self.record.scenario.sha256 = scenario.sha256.clone();
        self.session =
            Session::replay_from(scenario, self.detector(), self.record.seed, start, lines.iter().map(String::as_str));
        self.coach.reset();
        self.save()
    }

    fn detector(&self) -> Arc<Detector> {
        self.session.detector()
    }
}

/// Where a recorded call began: its `start_node`, else the scenario's start.
pub fn start_of(scenario: &Scenario, record: &SessionRecord) -> usize {
    record.start_node.as_deref().and_then(|id| scenario.node_index(id)).unwrap_or(scenario.start)
}

//! The command line, and nothing else: clap structs only. Each sub-command's
//! behaviour lives in `cmd/<name>.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use collectsim::store::Mode;

#[derive(Debug, Parser)]
#[command(
    name = "collectsim",
    version,
    about = "Practise debt-collection calls against scripted debtor personas",
    long_about = "collectsim plays a debtor (evasive, hardship, hostile, disputing, ...) in your terminal. \
                  You talk as the collector; the debtor reacts to how you speak. Every call is saved and \
                  can be replayed exactly from its seed.\n\nRun with no command to start the onboarding call.",
    after_help = "Examples:\n  collectsim                          start the onboarding call\n  \
                  collectsim list                     see every scenario\n  \
                  collectsim play hostile-swearing    play one scenario\n  \
                  collectsim validate scenarios/      check scenario files\n  \
                  collectsim score call.txt           score a call transcript\n  \
                  collectsim report last              the debrief of your last call\n\n\
                  Exit codes: 0 fine, 1 problems found (a call failed, a check failed), 2 could not run."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the scenarios you can play.
    #[command(after_help = "Examples:\n  collectsim list\n  collectsim list --format json")]
    List(ListArgs),
    /// Play a call against a debtor persona.
    #[command(after_help = "Examples:\n  collectsim play hardship-job-loss\n  \
                            collectsim play hostile-swearing --mode assessment --trainee dana\n  \
                            collectsim play disputing-not-my-debt --seed 7 --script lines.txt\n  \
                            printf 'Hello, this is Sam from Ridgeline Recovery.\\n' | collectsim play\n\n\
                            collectsim play my-scenario.yaml --from twist     (authors: start at a node; :reload after editing)\n\n\
                            In a call: type what you would say. Commands start with ':' — \
                            :help :hint :score :facts :note TEXT :undo :restart :reload :end :quit\n\
                            Exit codes: 0 the call was played and saved (whatever its score), 2 it could not start.")]
    Play(PlayArgs),
    /// Check scenario files and the signal lexicon for mistakes.
    #[command(after_help = "Examples:\n  collectsim validate scenarios/\n  \
                            collectsim validate my-scenario.yaml --format json\n  \
                            collectsim validate                  (checks ./scenarios and ./rubrics, or the built-ins)\n\n\
                            Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 could not run.")]
    Validate(ValidateArgs),
    /// Score call transcripts (plain text, captions, speech-to-text JSON, saved sessions) against the rubrics.
    #[command(after_help = "Examples:\n  collectsim score calls/0042.txt\n  \
                            collectsim score calls/ --format json > cards.json\n  \
                            collectsim score call.vtt --agent 'Speaker 1'\n  \
                            collectsim score transcribe-output.json --format md\n  \
                            cat call.txt | collectsim score - --format md\n  \
                            collectsim score --input jsonl --format jsonl < calls.jsonl > cards.jsonl\n  \
                            collectsim score calls/ --format csv --redact --summary summary.json > findings.csv\n\n\
                            Formats (told by extension or content, or chosen with --input): plain text (`Agent: ...`, \
                            `[00:00:01] Agent: ...`, `Sam Ortiz (Agent): ...`, optional YAML front matter between `---` \
                            lines for the account facts), WebVTT, SRT, Amazon Transcribe, Contact Lens, Whisper/whisperX, \
                            Deepgram, collectsim sessions. When no speaker is labelled as the collector (`Speaker 0`, \
                            `spk_1`), the collector is inferred from what was said and the choice is printed; --agent decides.\n\
                            With --input jsonl each line is {\"id\": ..., \"text\": \"Agent: ...\", \"facts\": {...}}; other keys \
                            are ignored and a record over 10 MB is refused. Output keeps input order; an input that \
                            cannot be read gives {\"source\", \"error\"} in its place and the run goes on. In a folder, \
                            files that are not transcripts are skipped with the reason on stderr (--strict: an error).\n\
                            Exit codes: 0 all calls passed, 1 a call failed (unless --exit-zero), 2 an input could not be read.")]
    Score(ScoreArgs),
    /// Run the playthrough tests in scenarios and the examples of every rubric rule.
    #[command(
        after_help = "Examples:\n  collectsim test                      (./scenarios and ./rubrics, or the built-ins)\n  \
                            collectsim test my-scenario.yaml rubrics/my-pack.yaml\n\n\
                            Exit codes: 0 all passed, 1 something failed, 2 a file could not be loaded."
    )]
    Test(TestArgs),
    /// The debrief of a saved call or a call transcript: scores, what to work on, the call turn by turn.
    #[command(after_help = "Examples:\n  collectsim report ~/.local/share/collectsim/sessions/CALL.json\n  \
                            collectsim report CALL.json --format html -o debrief.html\n  \
                            collectsim report calls/0042.vtt --format html --redact -o 0042.html\n  \
                            collectsim report CALL.json --format md --template my-report.md.hbs\n  \
                            collectsim report CALL.json --format xapi --home-page https://lms.example.com\n  \
                            collectsim report last                 (your last call; or its id, as the end of a call prints it)\n\n\
                            Exit codes: 0 written, 2 the session or transcript could not be read.")]
    Report(ReportArgs),
    /// Show a saved call again turn by turn with its findings; --verify re-runs it.
    #[command(after_help = "Examples:\n  collectsim replay CALL.json\n  collectsim replay last --verify\n\n\
                            Exit codes: 0 shown (and, with --verify, every debtor line the same), 1 a debtor line differs, \
                            2 could not run.")]
    Replay(ReplayArgs),
    /// Trainee progress over the saved sessions: one trainee, or everyone.
    #[command(after_help = "Examples:\n  collectsim progress                         a table of every trainee\n  \
                            collectsim progress --trainee dana          one trainee's calls, trends and readiness\n  \
                            collectsim progress --format html > team.html\n\n\
                            Ready means: passed every persona of the curriculum's assessment set (see `collectsim list`) in assessment mode.")]
    Progress(ProgressArgs),
    /// Send calls to a Learning Record Store as xAPI statements (idempotent).
    #[command(
        after_help = "Examples:\n  COLLECTSIM_LRS_PASSWORD=... collectsim export --lrs https://lrs.example.com/xAPI --user collectsim\n  \
                            collectsim export --lrs http://127.0.0.1:8100/xAPI --user me SESSION.json\n\n\
                            The password is read from COLLECTSIM_LRS_PASSWORD, never from the command line. Statements \
                            have fixed ids, so running export again is safe. Exit codes: 0 all sent, 1 the LRS refused \
                            a statement, 2 the LRS could not be reached."
    )]
    Export(ExportArgs),
    /// Draw a scenario: nodes, edges labelled by what takes them, endings coloured.
    #[command(after_help = "Examples:\n  collectsim graph hardship-job-loss | dot -Tsvg > maria.svg\n  \
                            collectsim graph my-scenario.yaml --format mermaid\n  \
                            collectsim graph hostile-swearing --coverage     (nodes no playthrough or saved call reached stand out)")]
    Graph(GraphArgs),
    /// Start a new scenario from a commented scaffold that already works.
    #[command(after_help = "Examples:\n  collectsim new roommate-answers --persona third-party\n  \
                            collectsim new late-payer --persona broken-promise --dir my-scenarios\n\n\
                            Kinds: hardship, evasive, hostile, disputing, third-party, attorney, time-barred, cease,\n\
                            vulnerable, wrong-number, broken-promise.")]
    New(NewArgs),
    /// Print the JSON Schema of scenario or rubric files, for editors.
    #[command(after_help = "Examples:\n  collectsim schema scenario > scenario.schema.json\n\n\
                            Then start a YAML file with\n  # yaml-language-server: $schema=scenario.schema.json\n\
                            and editors that use the YAML language server complete and check it as you type.")]
    Schema(SchemaArgs),
    /// Write a deterministic corpus of realistic call transcripts (for benchmarks and QA pipeline tests).
    #[command(after_help = "Examples:\n  collectsim corpus --count 10000 > calls.jsonl\n  \
                            collectsim corpus --count 200 --seed 7 --dir sample-calls\n  \
                            collectsim corpus --count 50000 | collectsim score --input jsonl --format jsonl > cards.jsonl\n\n\
                            Each call is a shipped scenario played by a careful, uneven or careless simulated collector, \
                            so the corpus mixes passes and compliance failures. The same --count and --seed always \
                            give the same bytes.")]
    Corpus(CorpusArgs),
    /// Check the scorer's judgement against your own labelled calls (a calibration session).
    #[command(after_help = "Examples:\n  collectsim calibrate our-calls.yaml\n  \
                            collectsim calibrate tests/data/judgement.yaml --part check --misses 5\n  \
                            collectsim calibrate our-calls.yaml --rubric rubrics/our-pack.yaml --format json\n  \
                            collectsim calibrate our-calls.yaml --gate          (exit 1 below the project's bar)\n\n\
                            The file has up to four sections (see tests/data/judgement.README.md):\n  \
                            acts:  turns labelled by act        → precision and recall per act\n  \
                            pairs: a better and a worse reply   → how often the better one scores higher (ties are wrong)\n  \
                            calls: short calls, violations marked by turn → recall per violation kind, false alarms\n  \
                            bids:  debtor lines labelled by event (hardship_disclosed...) → precision and recall per event\n\
                            Violations are named by kind (a rule's `violation:`) or by rule id.\n\n\
                            --gate: every act and bid precision >= 0.90 and recall >= 0.85, every pair dimension >= 0.90,\n\
                            violation recall >= 0.95 and no false alarm on a clean call.\n\
                            Exit codes: 0 ran (and, with --gate, met the bar), 1 below the bar, 2 could not run.")]
    Calibrate(CalibrateArgs),
    /// Show or set what collectsim remembers: who is playing.
    #[command(
        after_help = "Examples:\n  collectsim config                        show the settings and where they are\n  \
                            collectsim config --trainee \"Dana Lee\"    save calls under this name from now on\n\n\
                            At a terminal, the first call asks for your name once and remembers it; --trainee on \
                            `play` still decides for one call."
    )]
    Config(ConfigArgs),
    /// Print shell completions (bash, zsh, fish, powershell, elvish) for collectsim.
    #[command(
        after_help = "Examples:\n  collectsim completions bash > ~/.local/share/bash-completion/completions/collectsim\n  \
                            collectsim completions zsh > ~/.zfunc/_collectsim\n  \
                            collectsim completions fish > ~/.config/fish/completions/collectsim.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page, or write one page per command into a folder.
    #[command(after_help = "Examples:\n  collectsim man | man -l -\n  \
                            collectsim man --dir ~/.local/share/man/man1")]
    Man(ManArgs),
    /// Show what the lexicon hears in one line: its cues, the acts it performs, the debtor events.
    #[command(
        after_help = "Examples:\n  collectsim hear \"I'm so sorry about your mum. What can you pay today?\" --after \"My mum died.\"\n  \
                            collectsim hear \"Tell her she owes us \\$900.\" --after \"She's out, I'm her roommate.\"\n  \
                            collectsim hear \"We'll file suit.\" --fact legal_action_intended=true\n  \
                            collectsim hear \"She owes us \\$900.\" --fact on_line=coworker     (who is on the line, as a fact)\n  \
                            collectsim hear --debtor \"I lost my job and I'm scared.\"\n\n\
                            For scenario and rubric authors: the signals and acts a line carries are what transitions \
                            and rules see. Acts depend on the debtor's line before (--after), who is on the line (--after a line \
                            that says so, or --fact on_line=...) and the facts."
    )]
    Hear(HearArgs),
}

#[derive(Debug, Args)]
pub struct HearArgs {
    /// The words, as the collector (or, with --debtor, the debtor) says them.
    pub text: String,
    /// What the debtor said just before (for a collector's line).
    #[arg(long, value_name = "LINE")]
    pub after: Option<String>,
    /// Read the line as the debtor's: show the events it carries.
    #[arg(long, conflicts_with = "after")]
    pub debtor: bool,
    /// An account fact, NAME=VALUE (true, false, a number or text); repeat for more.
    #[arg(long = "fact", value_name = "NAME=VALUE")]
    pub facts: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalibratePart {
    /// Every item.
    All,
    /// Items whose id does not end in a multiple of four (the part patterns are tuned on).
    Tune,
    /// Items whose id ends in a multiple of four (kept unseen, to check the tuning).
    Check,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalibrateFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// The labelled calls: a YAML file with `acts`, `pairs`, `calls` and `bids` sections.
    pub file: PathBuf,
    /// Rubric pack files to use instead of the ones each call's jurisdiction selects.
    #[arg(long, value_name = "PATH")]
    pub rubric: Vec<PathBuf>,
    /// Which items to use.
    #[arg(long, value_enum, default_value_t = CalibratePart::All)]
    pub part: CalibratePart,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CalibrateFormat::Text)]
    pub format: CalibrateFormat,
    /// List up to N missed items of each act, dimension and kind.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub misses: usize,
    /// Exit 1 when any measure is below the project's bar.
    #[arg(long)]
    pub gate: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Scenario,
    Rubric,
    Curriculum,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file format.
    #[arg(value_enum)]
    pub kind: SchemaKind,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The scenario id (lowercase letters, digits and dashes); also the file name.
    pub id: String,
    /// The kind of debtor.
    #[arg(long)]
    pub persona: String,
    /// Where to write ID.yaml.
    #[arg(long, value_name = "DIR", default_value = "scenarios")]
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Dot,
    Mermaid,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Scenario id or path to a scenario file.
    pub scenario: String,
    /// Graphviz DOT, or Mermaid (rendered by code-hosting sites).
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Mark the nodes that no playthrough test and no saved session ever visited.
    #[arg(long)]
    pub coverage: bool,
    /// Where sessions are saved, for --coverage (default: $COLLECTSIM_HOME, else your data directory).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The LRS endpoint, e.g. https://lrs.example.com/xAPI
    #[arg(long, value_name = "URL")]
    pub lrs: String,
    /// The LRS user (the password comes from COLLECTSIM_LRS_PASSWORD).
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,
    /// Send over plain http to a host other than this machine (the password and the
    /// trainees' calls travel unencrypted): only on a network you trust.
    #[arg(long)]
    pub allow_http: bool,
    /// Sessions to send, as files, ids or `last` (default: every session in the data directory).
    pub sessions: Vec<PathBuf>,
    /// Where sessions are saved (default: $COLLECTSIM_HOME, else your data directory).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(flatten)]
    pub xapi: XapiArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressFormat {
    Text,
    Json,
    Html,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Show one trainee in detail.
    #[arg(long)]
    pub trainee: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ProgressFormat::Text)]
    pub format: ProgressFormat,
    /// Where sessions are saved (default: $COLLECTSIM_HOME, else your data directory).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Md,
    Html,
    Json,
    /// xAPI 1.0.3 statements, for a learning record store.
    Xapi,
}

/// Where xAPI actors and activities live.
#[derive(Debug, Clone, Args)]
pub struct XapiArgs {
    /// The actor account's homePage (default: $COLLECTSIM_XAPI_HOMEPAGE).
    #[arg(long, value_name = "URL")]
    pub home_page: Option<String>,
    /// IRI base for activity ids (default: $COLLECTSIM_XAPI_BASE).
    #[arg(long, value_name = "IRI")]
    pub iri_base: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// A saved session (its file, its id, or `last`), or a call transcript in any format `score` reads.
    pub session: PathBuf,
    /// Where sessions are saved, for an id or `last` (default: $COLLECTSIM_HOME, else your data directory).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// For a transcript whose speakers have no roles: the speaker who is the collector.
    #[arg(long, value_name = "SPEAKER")]
    pub agent: Option<String>,
    /// Mask card, account, social-security and phone numbers and e-mail addresses in the report.
    #[arg(long)]
    pub redact: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A handlebars template to use instead of the built-in one for this format.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    #[command(flatten)]
    pub xapi: XapiArgs,
}

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// A saved session: its file, its id, or `last`.
    pub session: PathBuf,
    /// Where sessions are saved, for an id or `last` (default: $COLLECTSIM_HOME, else your data directory).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Re-run the engine on the recorded seed and lines; fail if any debtor line differs.
    #[arg(long)]
    pub verify: bool,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Scenario files, rubric packs or directories (default: ./scenarios and ./rubrics, else the built-ins).
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    Text,
    Json,
    Jsonl,
    Md,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreInput {
    /// One call per file, its format told by extension or content; stdin is one call.
    Auto,
    /// Plain text: `Agent: ...` lines, with optional timestamps and front matter.
    Text,
    /// A call saved by `collectsim play`.
    Session,
    /// WebVTT captions (speakers as `<v Name>` or `Name:`).
    Vtt,
    /// SubRip captions (speakers as `Name:`).
    Srt,
    /// Amazon Transcribe JSON with speaker labels or channel identification.
    Transcribe,
    /// Amazon Connect Contact Lens output.
    ContactLens,
    /// Whisper or whisperX JSON segments with `speaker`.
    Whisper,
    /// Deepgram JSON (utterances, or words with `speaker`).
    Deepgram,
    /// One call per line: {"id": ..., "text": ..., "facts": {...}}.
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Transcript files, directories (every file; those that are not transcripts are skipped) or `-` for stdin.
    pub inputs: Vec<PathBuf>,
    /// Rubric pack files to use instead of the ones the call's jurisdiction selects.
    #[arg(long, value_name = "PATH")]
    pub rubric: Vec<PathBuf>,
    /// The inputs' format [default: told by extension or content; *.jsonl files are records].
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ScoreInput::Auto, hide_default_value = true)]
    pub input: ScoreInput,
    /// The speaker who is the collector, for transcripts whose speakers have no roles
    /// (`Speaker 0`, `spk_1`); without it the collector is inferred from what was said.
    #[arg(long, value_name = "SPEAKER")]
    pub agent: Option<String>,
    /// Make a file in a folder that is not a transcript (a scorecard, an image) an error, not a skip.
    #[arg(long)]
    pub strict: bool,
    /// Output format (csv: one row per finding).
    #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
    pub format: ScoreFormat,
    /// Calls scored at once [default: all cores]. Output stays in input order.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Mask card, account, social-security and phone numbers and e-mail addresses in the output.
    #[arg(long)]
    pub redact: bool,
    /// Write the end-of-run summary to FILE (JSON if it ends in .json) instead of stderr.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// Exit 0 even when a call fails (for pipelines).
    #[arg(long)]
    pub exit_zero: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct PlayArgs {
    /// Scenario id (see `collectsim list`) or path to a scenario file.
    pub scenario: Option<String>,
    /// Seed for the debtor's choices; the same seed and lines replay the same call.
    #[arg(long)]
    pub seed: Option<u64>,
    /// practice allows :hint, :undo and :restart; assessment refuses them.
    #[arg(long, value_enum, default_value_t = ModeArg::Practice)]
    pub mode: ModeArg,
    /// Your name, as recorded in the session (default: the name `collectsim config` keeps, else your login name).
    #[arg(long)]
    pub trainee: Option<String>,
    /// Read your lines from FILE (one per line; `-` for stdin) instead of the keyboard.
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,
    /// Where sessions are saved (default: $COLLECTSIM_HOME, else your data directory).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Start the call at this node (for authors trying one part of a scenario).
    #[arg(long, value_name = "NODE", conflicts_with = "resume")]
    pub from: Option<String>,
    /// Also write the debrief next to the session file (html) at the end of the call.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub report: Option<ReportFormat>,
    /// Continue an unfinished call: its session file, its id, or `last`.
    #[arg(long, value_name = "SESSION", conflicts_with_all = ["scenario", "seed"])]
    pub resume: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Scenario files, lexicon files or directories (default: ./scenarios and ./rubrics).
    pub paths: Vec<PathBuf>,
    /// Output format (json for editors and CI).
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// How many calls.
    #[arg(long, default_value_t = 1000)]
    pub count: u64,
    /// Seed for the whole corpus.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write one transcript file per call into DIR instead of JSON Lines on stdout.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write collectsim.1 and one collectsim-COMMAND.1 per command into DIR instead of printing collectsim.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Save calls under this name when `play` is not given --trainee.
    #[arg(long, value_name = "NAME")]
    pub trainee: Option<String>,
    /// Where settings and sessions are kept (default: $COLLECTSIM_HOME, else your data directory).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

/// `--mode` as the command line spells it: the library's `store::Mode` stays free of
/// clap, and this is the one place the two meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// Hints, undo and restart allowed (their use is recorded).
    Practice,
    /// No hints, undo or restart: the call counts as it goes.
    Assessment,
}

impl From<ModeArg> for Mode {
    fn from(mode: ModeArg) -> Mode {
        match mode {
            ModeArg::Practice => Mode::Practice,
            ModeArg::Assessment => Mode::Assessment,
        }
    }
}

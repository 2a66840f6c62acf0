//! Shell completions and manual pages, generated from the command line's own
//! definitions, and the exit codes each command's help gives.

use crate::common::*;

#[test]
fn completions_for_every_shell_name_the_commands_and_options() {
    let dir = temp_dir("completions");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = run(&dir, &["completions", shell], "");
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        let script = stdout(&output);
        for word in ["collectsim", "score", "report", "agent", "redact"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    let unknown = run(&dir, &["completions", "tcsh"], "");
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn man_prints_the_page_or_writes_one_per_command() {
    let dir = temp_dir("man");
    let page = stdout(&run(&dir, &["man"], ""));
    assert!(page.starts_with(".ie") || page.contains(".TH collectsim"), "{}", &page[..page.len().min(300)]);
    assert!(page.contains("Exit codes"), "the top page gives the exit codes");
    let output = run(&dir, &["man", "--dir", "pages"], "");
    assert!(output.status.success(), "{}", stderr(&output));
    let score = std::fs::read_to_string(dir.join("pages/collectsim-score.1")).unwrap();
    assert!(score.contains(".TH collectsim-score") && score.contains("agent"), "{score}");
    assert!(dir.join("pages/collectsim.1").exists() && !dir.join("pages/collectsim-help.1").exists());
}

#[test]
fn commands_that_exit_non_zero_say_when_in_their_help() {
    let dir = temp_dir("exit-help");
    for command in ["play", "validate", "score", "test", "report", "replay", "export", "calibrate"] {
        let help = stdout(&run(&dir, &[command, "--help"], ""));
        assert!(help.contains("Exit codes:"), "{command} --help says nothing of its exit codes");
    }
}

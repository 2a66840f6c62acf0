use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = collectsim::cli::Cli::parse();
    match collectsim::cmd::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("collectsim: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

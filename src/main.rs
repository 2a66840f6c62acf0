use std::process::ExitCode;

use clap::Parser;

/// jemalloc rather than the system allocator: `collectsim score` makes a few hundred
/// small allocations per call on every worker thread, and glibc's malloc and free
/// were a sixth of its time (profiled); with jemalloc a call takes about 8% fewer
/// instructions, and peak memory on two jobs stays near 30 MB. (mimalloc was as
/// fast but held three times the memory.)
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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

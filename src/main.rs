use std::process::ExitCode;

use clap::Parser;

mod cli;
mod cmd;
mod repl;

/// jemalloc rather than the system allocator: `collectsim score` makes a few hundred
/// small allocations per call on every worker thread, and glibc's malloc and free
/// were a sixth of its time (profiled); with jemalloc a call takes about 8% fewer
/// instructions, and peak memory on two jobs stays near 30 MB. (mimalloc was as
/// fast but held three times the memory.)
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    end_quietly_on_a_closed_pipe();
    say_what_a_panic_means();
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("collectsim: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// `collectsim play | head -1` closed the pipe and the next print panicked. Rust
/// ignores SIGPIPE; restoring the default makes collectsim end quietly when its
/// reader goes away, as `cat` and `grep` do. (Every turn is saved as it is played,
/// so nothing is lost.)
fn end_quietly_on_a_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a
    // valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// A panic is a bug in collectsim, never the user's doing: say so plainly, with
/// where it happened, instead of a bare Rust message.
fn say_what_a_panic_means() {
    std::panic::set_hook(Box::new(|info| {
        let message = collectsim::batch::panic_message(info.payload());
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!(
            "collectsim: internal error{place}: {message}\n\
             This is a bug in collectsim, not in your files; please report it with the input that caused it."
        );
    }));
}

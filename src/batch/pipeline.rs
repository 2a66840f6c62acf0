//! An ordered parallel map with bounded memory: one thread produces jobs, `workers`
//! threads turn them into results, and the caller's thread receives the results in
//! the order the jobs were produced.
//!
//! Jobs travel in chunks (up to [`CHUNK_JOBS`] jobs or [`CHUNK_BYTES`] bytes), so the
//! threads wake each other once per chunk rather than once per call: per-call
//! hand-offs cost a tenth of the run (profiled). A producer that would now wait for
//! input says so with [`Feed::idle`], and the partial chunk goes at once, so a slow
//! stream is still answered record by record.
//!
//! Memory is bounded by a window: the producer may not run more than `window` chunks
//! ahead of the last chunk handed to the caller, so one slow call cannot make the
//! finished ones behind it pile up.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Condvar, Mutex};

/// Most jobs in one chunk.
pub const CHUNK_JOBS: usize = 64;
/// A chunk closes once its jobs hold this many bytes.
pub const CHUNK_BYTES: usize = 1 << 20;
/// How far (in chunks) production may run ahead of delivery, per worker.
const WINDOW_PER_WORKER: usize = 4;

/// The producer's side: jobs go in, chunks go out to the workers.
pub struct Feed<'a, J> {
    chunk: Vec<J>,
    bytes: usize,
    next: usize,
    sender: SyncSender<(usize, Vec<J>)>,
    window: &'a Window,
}

impl<J> Feed<'_, J> {
    /// Adds a job of about `bytes` bytes; false when the run was stopped.
    pub fn push(&mut self, job: J, bytes: usize) -> bool {
        self.chunk.push(job);
        self.bytes += bytes;
        if self.chunk.len() >= CHUNK_JOBS || self.bytes >= CHUNK_BYTES { self.send() } else { true }
    }

    /// The input has nothing more ready: send what there is now.
    pub fn idle(&mut self) -> bool {
        if self.chunk.is_empty() { true } else { self.send() }
    }

    fn send(&mut self) -> bool {
        if !self.window.wait_for_room(self.next) {
            return false;
        }
        let chunk = std::mem::take(&mut self.chunk);
        self.bytes = 0;
        let sent = self.sender.send((self.next, chunk)).is_ok();
        self.next += 1;
        sent
    }
}

/// Runs `work` over the jobs `produce` feeds, on `workers` threads, and hands each
/// result to `deliver` in production order. `deliver` returning `false` stops the
/// run early (for example when the reader of the output has gone away). A panic in
/// `work` stops the run and is raised again on the caller's thread once every
/// thread has ended: never a wait for results that will not come. (Callers that
/// want the run to go on catch panics inside `work`.)
pub fn ordered<J, R>(
    workers: usize,
    produce: impl FnOnce(&mut Feed<J>) + Send,
    work: impl Fn(J) -> R + Sync,
    mut deliver: impl FnMut(R) -> bool,
) where
    J: Send,
    R: Send,
{
    let workers = workers.max(1);
    let window = Window::new(workers * WINDOW_PER_WORKER);
    let (job_sender, job_receiver) = mpsc::sync_channel::<(usize, Vec<J>)>(workers);
    let job_receiver = Mutex::new(job_receiver);
    let (result_sender, results) = mpsc::channel::<(usize, Vec<R>)>();
    let panicked: Mutex<Option<Box<dyn std::any::Any + Send>>> = Mutex::new(None);
    std::thread::scope(|scope| {
        let window = &window;
        scope.spawn(move || {
            let mut feed = Feed { chunk: Vec::new(), bytes: 0, next: 0, sender: job_sender, window };
            produce(&mut feed);
            feed.idle();
        });
        for _ in 0..workers {
            let result_sender = result_sender.clone();
            let (job_receiver, work, panicked) = (&job_receiver, &work, &panicked);
            scope.spawn(move || {
                while let Some((seq, chunk)) = next_job(job_receiver) {
                    let results = catch_unwind(AssertUnwindSafe(|| chunk.into_iter().map(work).collect()));
                    match results {
                        Ok(results) => {
                            if result_sender.send((seq, results)).is_err() {
                                return;
                            }
                        }
                        Err(payload) => {
                            // The chunk's results will never come: stop the run rather
                            // than wait for them, and let the panic end it below.
                            window.close();
                            panicked.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(payload);
                            return;
                        }
                    }
                }
            });
        }
        drop(result_sender);
        deliver_in_order(&results, window, &mut deliver);
        window.close();
        drop(results);
        // Unblock workers waiting for jobs the producer will no longer send.
        while next_job(&job_receiver).is_some() {}
    });
    if let Some(payload) = panicked.into_inner().unwrap_or_else(|e| e.into_inner()) {
        resume_unwind(payload);
    }
}

fn next_job<J>(receiver: &Mutex<Receiver<(usize, Vec<J>)>>) -> Option<(usize, Vec<J>)> {
    receiver.lock().ok()?.recv().ok()
}

fn deliver_in_order<R>(results: &Receiver<(usize, Vec<R>)>, window: &Window, deliver: &mut impl FnMut(R) -> bool) {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for (seq, chunk) in results {
        waiting.insert(seq, chunk);
        while let Some(chunk) = waiting.remove(&next) {
            for result in chunk {
                if !deliver(result) {
                    return;
                }
            }
            next += 1;
            window.delivered(next);
        }
    }
}

/// The producer's permission to run ahead: `delivered + size` jobs in all.
pub struct Window {
    delivered: Mutex<usize>,
    changed: Condvar,
    size: usize,
    closed: AtomicBool,
}

impl Window {
    fn new(size: usize) -> Window {
        Window { delivered: Mutex::new(0), changed: Condvar::new(), size, closed: AtomicBool::new(false) }
    }

    /// Blocks until job `seq` fits in the window; false when the run was stopped.
    fn wait_for_room(&self, seq: usize) -> bool {
        let Ok(mut delivered) = self.delivered.lock() else { return false };
        while seq >= *delivered + self.size && !self.closed.load(Ordering::Acquire) {
            delivered = match self.changed.wait(delivered) {
                Ok(guard) => guard,
                Err(_) => return false,
            };
        }
        !self.closed.load(Ordering::Acquire)
    }

    fn delivered(&self, count: usize) {
        if let Ok(mut delivered) = self.delivered.lock() {
            *delivered = count;
        }
        self.changed.notify_all();
    }

    fn close(&self) {
        self.closed.store(true, Ordering::Release);
        let _guard = self.delivered.lock();
        self.changed.notify_all();
    }
}

/// The text a panic was raised with (what `panic!` or a failed `expect` said).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an unknown failure".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order_whatever_the_timing() {
        let mut seen = Vec::new();
        ordered(
            4,
            |feed| {
                for i in 0..500u64 {
                    if !feed.push(i, 1) {
                        return;
                    }
                    if i % 97 == 0 {
                        feed.idle();
                    }
                }
            },
            |i| {
                // Early jobs take longest, so later ones finish first.
                std::thread::sleep(std::time::Duration::from_micros((500 - i) % 7 * 50));
                i * 2
            },
            |r| {
                seen.push(r);
                true
            },
        );
        assert_eq!(seen, (0..500u64).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn stopping_early_ends_the_run_without_hanging() {
        let mut seen = 0;
        ordered(
            2,
            |feed| {
                for i in 0.. {
                    if !feed.push(i, 1) {
                        return;
                    }
                }
            },
            |i: u64| i,
            |_| {
                seen += 1;
                seen < 10
            },
        );
        assert_eq!(seen, 10);
    }

    #[test]
    fn a_panicking_job_ends_the_run_with_that_panic_instead_of_a_deadlock() {
        // Once, a worker's panic left the caller waiting for its chunk forever.
        for workers in [1, 2, 4] {
            let outcome = std::panic::catch_unwind(|| {
                ordered(
                    workers,
                    |feed| {
                        for i in 0..10_000u64 {
                            if !feed.push(i, 1) {
                                return;
                            }
                        }
                    },
                    |i| if i == 700 { panic!("job {i} failed") } else { i },
                    |_| true,
                )
            });
            let payload = outcome.expect_err("the panic reaches the caller");
            assert_eq!(super::panic_message(payload.as_ref()), "job 700 failed");
        }
    }
}

//! An ordered parallel map with bounded memory: one thread produces jobs, `workers`
//! threads turn them into results, and the caller's thread receives the results in
//! the order the jobs were produced.
//!
//! Memory is bounded by a window: the producer may not run more than `window` jobs
//! ahead of the last result handed to the caller, so one slow call cannot make the
//! finished ones behind it pile up.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Condvar, Mutex};

/// How far (in jobs) production may run ahead of delivery, per worker.
const WINDOW_PER_WORKER: usize = 16;

/// Runs `work` over the jobs `produce` emits, on `workers` threads, and hands each
/// result to `deliver` in production order. `deliver` returning `false` stops the
/// run early (for example when the reader of the output has gone away).
pub fn ordered<J, R>(
    workers: usize,
    produce: impl FnOnce(&mut dyn FnMut(J) -> bool) + Send,
    work: impl Fn(J) -> R + Sync,
    mut deliver: impl FnMut(R) -> bool,
) where
    J: Send,
    R: Send,
{
    let workers = workers.max(1);
    let window = Window::new(workers * WINDOW_PER_WORKER);
    let (job_sender, job_receiver) = mpsc::sync_channel::<(usize, J)>(workers * 2);
    let job_receiver = Mutex::new(job_receiver);
    let (result_sender, results) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut next = 0;
            produce(&mut |job| {
                if !window.wait_for_room(next) {
                    return false;
                }
                let sent = job_sender.send((next, job)).is_ok();
                next += 1;
                sent
            });
            drop(job_sender);
        });
        for _ in 0..workers {
            let result_sender = result_sender.clone();
            let (job_receiver, work) = (&job_receiver, &work);
            scope.spawn(move || {
                while let Some((seq, job)) = next_job(job_receiver) {
                    if result_sender.send((seq, work(job))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(result_sender);
        deliver_in_order(&results, &window, &mut deliver);
        window.close();
        drop(results);
        // Unblock workers waiting for jobs the producer will no longer send.
        while next_job(&job_receiver).is_some() {}
    });
}

fn next_job<J>(receiver: &Mutex<Receiver<(usize, J)>>) -> Option<(usize, J)> {
    receiver.lock().ok()?.recv().ok()
}

fn deliver_in_order<R>(results: &Receiver<(usize, R)>, window: &Window, deliver: &mut impl FnMut(R) -> bool) {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for (seq, result) in results {
        waiting.insert(seq, result);
        while let Some(result) = waiting.remove(&next) {
            if !deliver(result) {
                return;
            }
            next += 1;
            window.delivered(next);
        }
    }
}

/// The producer's permission to run ahead: `delivered + size` jobs in all.
struct Window {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order_whatever_the_timing() {
        let mut seen = Vec::new();
        ordered(
            4,
            |emit| {
                for i in 0..500u64 {
                    if !emit(i) {
                        return;
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
            |emit| {
                for i in 0.. {
                    if !emit(i) {
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
}

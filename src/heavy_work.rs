//! Work that reads the whole matcher index (ranking every request, tallying every record) runs
//! here, on a few threads of lower OS priority with a bounded queue, never on the HTTP workers:
//! light requests keep their threads and, when the cores are busy, the first claim on them. Past
//! the queue, a caller gets 503 with `Retry-After` at once instead of waiting in a growing line.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};

use crate::error::{AppError, AppResult};

type Job = Box<dyn FnOnce() + Send>;

pub struct HeavyWork {
    queue: SyncSender<Job>,
}

impl HeavyWork {
    /// Starts `threads` workers sharing a queue of `queued` jobs.
    pub fn start(threads: usize, queued: usize) -> HeavyWork {
        let (queue, jobs) = sync_channel::<Job>(queued);
        let jobs = std::sync::Arc::new(std::sync::Mutex::new(jobs));
        for n in 0..threads.max(1) {
            let jobs = std::sync::Arc::clone(&jobs);
            std::thread::Builder::new()
                .name(format!("tcmatch-heavy-{n}"))
                .spawn(move || {
                    lower_priority();
                    loop {
                        let job = match jobs.lock().unwrap_or_else(|p| p.into_inner()).recv() {
                            Ok(job) => job,
                            Err(_) => return,
                        };
                        // A panicking job drops its answer (its caller gets 500); the thread stays.
                        let _ = catch_unwind(AssertUnwindSafe(job));
                    }
                })
                .expect("cannot start a heavy-work thread");
        }
        HeavyWork { queue }
    }

    /// Runs `work` on a heavy-work thread and waits for its result without holding this one.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let span = tracing::Span::current();
        let job: Job = Box::new(move || {
            let _entered = span.enter();
            let _ = answer.send(work());
        });
        self.queue.try_send(job).map_err(|e| match e {
            TrySendError::Full(_) => AppError::Busy("this instance has too much heavy work queued"),
            TrySendError::Disconnected(_) => AppError::internal("the heavy-work threads are gone"),
        })?;
        answered.await.map_err(|_| AppError::internal("heavy work failed"))
    }
}

/// Heavy-work threads yield the cores to the HTTP workers when both want them (Linux `nice` 10,
/// per thread; elsewhere they run at normal priority).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain system calls on the calling thread's own id; no memory is shared.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn runs_work_and_refuses_past_the_queue() {
        let pool = HeavyWork::start(1, 1);
        assert_eq!(pool.run(|| 6 * 7).await.unwrap(), 42);
        let (release, gate) = std::sync::mpsc::channel::<()>();
        let (started, has_started) = std::sync::mpsc::channel::<()>();
        let blocked = pool.run(move || {
            started.send(()).unwrap();
            gate.recv().ok()
        });
        let (first, second, third) = tokio::join!(
            blocked,
            async {
                has_started.recv().unwrap();
                pool.run(|| 1).await
            },
            async {
                // The worker holds one job and the queue one more: a third is refused at once.
                let refused = pool.run(|| 2).await;
                release.send(()).unwrap();
                refused
            }
        );
        assert!(first.is_ok() && second.is_ok());
        assert!(matches!(third, Err(AppError::Busy(_))));
    }

    #[actix_web::test]
    async fn a_panic_fails_its_call_only() {
        let pool = HeavyWork::start(1, 4);
        assert!(pool.run(|| panic!("boom")).await.is_err());
        assert_eq!(pool.run(|| 1).await.unwrap(), 1);
    }
}

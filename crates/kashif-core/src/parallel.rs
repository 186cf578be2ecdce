//! Work spread over threads: what the command line and the Python package use to analyze many
//! documents on every core. In the browser (wasm32, no threads) [`cores`] is 1 and the work is
//! done on the calling thread.
//!
//! It is no stage of the flow: it runs the flow of one document ([`Analyzer::analyze`](crate::Analyzer::analyze))
//! on many at once, one analyzer shared by every thread; the results come back in order, the
//! same as one thread gives.
//!
//! ```
//! use kashif_core::parallel::{cores, in_parallel};
//!
//! let analyzer = kashif_core::Analyzer::new();
//! let texts = ["وصل لافروف إلى أنقرة", "قصفت الطائرات مدينة إدلب", "زار بوتين دمشق"];
//! let analyses = in_parallel(&texts, cores(), |text| analyzer.analyze(text));
//! assert_eq!(analyses.len(), 3);
//! assert_eq!(analyses[1], analyzer.analyze(texts[1]));
//! ```

use std::panic::AssertUnwindSafe;
use std::sync::{mpsc, Arc, Mutex};

/// The number of cores this process may use (1 when it cannot be told): the threads to give
/// [`in_parallel`].
///
/// ```
/// let threads = kashif_core::parallel::cores();
/// assert!(threads >= 1);
/// assert_eq!(kashif_core::parallel::in_parallel(&[1, 2, 3], threads, |n| n + 1), [2, 3, 4]);
/// ```
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// `work` done on every item by `threads` threads (each taking the next item when it is free),
/// the results in the items' order. One thread, or one item, works on the calling thread.
///
/// ```
/// let squares = kashif_core::parallel::in_parallel(&[1, 2, 3, 4], 2, |n| n * n);
/// assert_eq!(squares, [1, 4, 9, 16]);
/// ```
pub fn in_parallel<T: Sync, R: Send>(items: &[T], threads: usize, work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let work_at = |&at: &usize| work(&items[at]);
    std::thread::scope(|scope| {
        let workers = Workers::new(scope, threads.min(items.len()), &work_at);
        workers.map((0..items.len()).collect()).into_iter().map(|(_, result)| result).collect()
    })
}

/// Threads that live as long as a [`std::thread::scope`] and do `work` on the items of each
/// batch they are given ([`Workers::map`]): for a stream of batches, where threads made anew for
/// each batch ([`in_parallel`]) would each start with nothing of what the tagger keeps per thread
/// (the weights of the words it has seen): with them, 28% of the 10 MB corpus's tokens on two
/// cores were of words new to their thread, against 16% on one.
///
/// ```
/// use kashif_core::parallel::Workers;
///
/// let double = |n: &u32| n * 2;
/// std::thread::scope(|scope| {
///     let workers = Workers::new(scope, 2, &double);
///     assert_eq!(workers.map(vec![1, 2, 3]), [(1, 2), (2, 4), (3, 6)]);
///     assert_eq!(workers.map(vec![4]), [(4, 8)]);
/// });
/// ```
pub struct Workers<'scope, T, R> {
    /// The items to do, with their place in their batch; none when the work is done on the
    /// calling thread.
    jobs: Option<mpsc::Sender<(usize, T)>>,
    done: mpsc::Receiver<(usize, T, std::thread::Result<R>)>,
    work: &'scope (dyn Fn(&T) -> R + Sync),
}

impl<'scope, T: Send + 'scope, R: Send + 'scope> Workers<'scope, T, R> {
    /// `threads` threads of `scope` doing `work`; with one thread or fewer, the calling thread
    /// does it.
    ///
    /// ```
    /// let here = std::thread::current().id();
    /// let thread = |_: &u8| std::thread::current().id();
    /// std::thread::scope(|scope| {
    ///     let alone = kashif_core::parallel::Workers::new(scope, 1, &thread);
    ///     assert_eq!(alone.map(vec![0]), [(0, here)]);
    /// });
    /// ```
    pub fn new<'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        threads: usize,
        work: &'scope (dyn Fn(&T) -> R + Sync),
    ) -> Workers<'scope, T, R> {
        let (finished, done) = mpsc::channel();
        if threads <= 1 {
            return Workers { jobs: None, done, work };
        }
        let (jobs, waiting) = mpsc::channel::<(usize, T)>();
        let waiting = Arc::new(Mutex::new(waiting));
        for _ in 0..threads {
            let (waiting, finished) = (Arc::clone(&waiting), finished.clone());
            scope.spawn(move || loop {
                // One worker waits for the next item at a time; none when the sender is gone.
                let next = waiting.lock().map(|waiting| waiting.recv());
                let Ok(Ok((at, item))) = next else { return };
                let result = std::panic::catch_unwind(AssertUnwindSafe(|| work(&item)));
                if finished.send((at, item, result)).is_err() {
                    return;
                }
            });
        }
        Workers { jobs: Some(jobs), done, work }
    }

    /// `work` done on every item, each with its result, in the items' order. A panic of the
    /// work is passed on as it is, as without threads.
    ///
    /// ```
    /// let analyzer = kashif_core::Analyzer::new();
    /// let analyze = |text: &String| analyzer.analyze(text).entities.len();
    /// std::thread::scope(|scope| {
    ///     let workers = kashif_core::parallel::Workers::new(scope, 2, &analyze);
    ///     let done = workers.map(vec!["زار بوتين دمشق".to_string(), "لا أسماء هنا".to_string()]);
    ///     assert_eq!(done[0].0, "زار بوتين دمشق");
    ///     assert!(done[0].1 >= 2);
    /// });
    /// ```
    pub fn map(&self, items: Vec<T>) -> Vec<(T, R)> {
        let Some(jobs) = &self.jobs else {
            return items
                .into_iter()
                .map(|item| {
                    let result = (self.work)(&item);
                    (item, result)
                })
                .collect();
        };
        let count = items.len();
        for job in items.into_iter().enumerate() {
            // The workers hold the receiver until the workers are dropped.
            jobs.send(job).unwrap_or_else(|_| unreachable!("the workers wait for jobs while they live"));
        }
        let mut done: Vec<Option<(T, R)>> = std::iter::repeat_with(|| None).take(count).collect();
        for _ in 0..count {
            let (at, item, result) =
                self.done.recv().unwrap_or_else(|_| unreachable!("a worker sends every result it takes"));
            match result {
                Ok(result) => done[at] = Some((item, result)),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done.into_iter().flatten().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_keep_their_threads_from_one_batch_to_the_next() {
        let thread = |_: &u32| std::thread::current().id();
        std::thread::scope(|scope| {
            let workers = Workers::new(scope, 2, &thread);
            let mut threads = std::collections::HashSet::new();
            for _ in 0..3 {
                threads.extend(workers.map((0..64).collect()).into_iter().map(|(_, id)| id));
            }
            assert!(!threads.contains(&std::thread::current().id()), "the workers are other threads");
            assert!(threads.len() <= 2, "the same two threads work on every batch: {threads:?}");
        });
    }

    #[test]
    fn one_thread_works_on_the_calling_thread_and_results_keep_their_order() {
        let thread = |n: &u32| (*n, std::thread::current().id());
        std::thread::scope(|scope| {
            let workers = Workers::new(scope, 1, &thread);
            let done = workers.map(vec![3, 1, 2]);
            assert_eq!(done.iter().map(|(n, (m, _))| (*n, *m)).collect::<Vec<_>>(), [(3, 3), (1, 1), (2, 2)]);
            assert!(done.iter().all(|(_, (_, id))| *id == std::thread::current().id()));
        });
    }

    #[test]
    fn a_panic_of_the_work_is_passed_on() {
        let work = |n: &u32| if *n == 2 { panic!("two") } else { *n };
        let caught = std::panic::catch_unwind(|| {
            std::thread::scope(|scope| {
                let workers = Workers::new(scope, 2, &work);
                workers.map(vec![1, 2, 3]);
            })
        });
        let message = caught.expect_err("the panic comes through");
        assert_eq!(message.downcast_ref::<&str>(), Some(&"two"));
    }
}

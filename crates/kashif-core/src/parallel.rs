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
use std::collections::VecDeque;
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
        let mut workers = Workers::new(scope, threads.min(items.len()), &work_at);
        workers.map((0..items.len()).collect()).into_iter().map(|(_, result)| result).collect()
    })
}

/// Threads that live as long as a [`std::thread::scope`] and do `work` on the items of each
/// batch they are given ([`Workers::map`], or [`Workers::submit`] and [`Workers::collect`]): for
/// a stream of batches, where threads made anew for each batch ([`in_parallel`]) would each start
/// with nothing of what the tagger keeps per thread (the weights of the words it has seen): with
/// them, 28% of the 10 MB corpus's tokens on two cores were of words new to their thread,
/// against 16% on one.
///
/// ```
/// use kashif_core::parallel::Workers;
///
/// let double = |n: &u32| n * 2;
/// std::thread::scope(|scope| {
///     let mut workers = Workers::new(scope, 2, &double);
///     assert_eq!(workers.map(vec![1, 2, 3]), [(1, 2), (2, 4), (3, 6)]);
///     assert_eq!(workers.map(vec![4]), [(4, 8)]);
/// });
/// ```
pub struct Workers<'scope, T, R> {
    /// The items to do, with their batch and their place in it; none when the work is done on
    /// the calling thread.
    jobs: Option<mpsc::Sender<(Place, T)>>,
    done: mpsc::Receiver<(Place, T, std::thread::Result<R>)>,
    work: &'scope (dyn Fn(&T) -> R + Sync),
    /// The batches given and not yet collected, oldest first, with what is done of each: the
    /// last one is numbered `next - 1`, the one before `next - 2`, and so on.
    batches: VecDeque<Batch<T, R>>,
    /// The number of the next batch given.
    next: usize,
}

/// An item's batch (numbered from 0 in the order they are given) and its place in that batch.
type Place = (usize, usize);

/// A batch given to [`Workers`]: each item with its result once done, and how many are still to
/// come back.
struct Batch<T, R> {
    done: Vec<Option<(T, R)>>,
    missing: usize,
}

impl<'scope, T: Send + 'scope, R: Send + 'scope> Workers<'scope, T, R> {
    /// `threads` threads of `scope` doing `work`; with one thread or fewer, the calling thread
    /// does it.
    ///
    /// ```
    /// let here = std::thread::current().id();
    /// let thread = |_: &u8| std::thread::current().id();
    /// std::thread::scope(|scope| {
    ///     let mut alone = kashif_core::parallel::Workers::new(scope, 1, &thread);
    ///     assert_eq!(alone.map(vec![0]), [(0, here)]);
    /// });
    /// ```
    pub fn new<'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        threads: usize,
        work: &'scope (dyn Fn(&T) -> R + Sync),
    ) -> Workers<'scope, T, R> {
        let (finished, done) = mpsc::channel();
        let mut workers = Workers { jobs: None, done, work, batches: VecDeque::new(), next: 0 };
        if threads <= 1 {
            return workers;
        }
        let (jobs, waiting) = mpsc::channel::<(Place, T)>();
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
        workers.jobs = Some(jobs);
        workers
    }

    /// `work` done on every item, each with its result, in the items' order: [`Workers::submit`]
    /// and [`Workers::collect`] of a batch, given when no other is waiting to be collected. A
    /// panic of the work is passed on as it is, as without threads.
    ///
    /// ```
    /// let analyzer = kashif_core::Analyzer::new();
    /// let analyze = |text: &String| analyzer.analyze(text).entities.len();
    /// std::thread::scope(|scope| {
    ///     let mut workers = kashif_core::parallel::Workers::new(scope, 2, &analyze);
    ///     let done = workers.map(vec!["زار بوتين دمشق".to_string(), "لا أسماء هنا".to_string()]);
    ///     assert_eq!(done[0].0, "زار بوتين دمشق");
    ///     assert!(done[0].1 >= 2);
    /// });
    /// ```
    pub fn map(&mut self, items: Vec<T>) -> Vec<(T, R)> {
        assert!(self.batches.is_empty(), "Workers::map with batches still to collect");
        self.submit(items);
        self.collect().unwrap_or_default()
    }

    /// Gives the workers a batch, to collect later ([`Workers::collect`]), and returns at once:
    /// the caller may read the next batch, or write the last, while they work. With no threads,
    /// the work is done here, before it returns.
    ///
    /// ```
    /// let double = |n: &u32| n * 2;
    /// std::thread::scope(|scope| {
    ///     let mut workers = kashif_core::parallel::Workers::new(scope, 2, &double);
    ///     workers.submit(vec![1, 2]);
    ///     workers.submit(vec![3]);
    ///     assert_eq!(workers.waiting(), 2);
    ///     assert_eq!(workers.collect(), Some(vec![(1, 2), (2, 4)]));
    ///     assert_eq!(workers.collect(), Some(vec![(3, 6)]));
    ///     assert_eq!(workers.collect(), None);
    /// });
    /// ```
    pub fn submit(&mut self, items: Vec<T>) {
        let number = self.next;
        self.next += 1;
        let mut batch = Batch { done: Vec::with_capacity(items.len()), missing: 0 };
        match &self.jobs {
            None => batch.done.extend(items.into_iter().map(|item| {
                let result = (self.work)(&item);
                Some((item, result))
            })),
            Some(jobs) => {
                batch.missing = items.len();
                batch.done.resize_with(items.len(), || None);
                for (at, item) in items.into_iter().enumerate() {
                    // The workers hold the receiver until the workers are dropped.
                    jobs.send(((number, at), item)).unwrap_or_else(|_| unreachable!("the workers wait for jobs while they live"));
                }
            }
        }
        self.batches.push_back(batch);
    }

    /// How many batches are given and not yet collected.
    ///
    /// ```
    /// let length = |text: &&str| text.len();
    /// std::thread::scope(|scope| {
    ///     let mut workers = kashif_core::parallel::Workers::new(scope, 2, &length);
    ///     assert_eq!(workers.waiting(), 0);
    ///     workers.submit(vec!["حلب", "دمشق"]);
    ///     assert_eq!(workers.waiting(), 1);
    ///     workers.collect();
    ///     assert_eq!(workers.waiting(), 0);
    /// });
    /// ```
    pub fn waiting(&self) -> usize {
        self.batches.len()
    }

    /// The oldest batch given and not yet collected, each item with its result, in the items'
    /// order, once all are done (the results of later batches that come back meanwhile are
    /// kept for them); `None` when every batch is collected. A panic of the work is passed on.
    ///
    /// ```
    /// let analyzer = kashif_core::Analyzer::new();
    /// let analyze = |text: &&str| analyzer.analyze(text).entities.len();
    /// std::thread::scope(|scope| {
    ///     let mut workers = kashif_core::parallel::Workers::new(scope, 2, &analyze);
    ///     workers.submit(vec!["زار بوتين دمشق"]);
    ///     workers.submit(vec!["لا أسماء هنا", "وصل لافروف إلى أنقرة"]);
    ///     let first = workers.collect().expect("a batch was given");
    ///     assert_eq!(first[0].0, "زار بوتين دمشق");
    ///     assert_eq!(workers.collect().map(|done| done.len()), Some(2));
    ///     assert!(workers.collect().is_none());
    /// });
    /// ```
    pub fn collect(&mut self) -> Option<Vec<(T, R)>> {
        if self.batches.is_empty() {
            return None;
        }
        // The batches waiting are numbered one after the other up to the last one given.
        let oldest = self.next - self.batches.len();
        while self.batches.front().is_some_and(|batch| batch.missing > 0) {
            let ((number, at), item, result) =
                self.done.recv().unwrap_or_else(|_| unreachable!("a worker sends every result it takes"));
            let result = result.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let batch = &mut self.batches[number - oldest];
            batch.done[at] = Some((item, result));
            batch.missing -= 1;
        }
        self.batches.pop_front().map(|batch| batch.done.into_iter().flatten().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_keep_their_threads_from_one_batch_to_the_next() {
        let thread = |_: &u32| std::thread::current().id();
        std::thread::scope(|scope| {
            let mut workers = Workers::new(scope, 2, &thread);
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
            let mut workers = Workers::new(scope, 1, &thread);
            let done = workers.map(vec![3, 1, 2]);
            assert_eq!(done.iter().map(|(n, (m, _))| (*n, *m)).collect::<Vec<_>>(), [(3, 3), (1, 1), (2, 2)]);
            assert!(done.iter().all(|(_, (_, id))| *id == std::thread::current().id()));
        });
    }

    #[test]
    fn batches_come_back_whole_and_in_the_order_given() {
        // The first item is slow: the second batch is done before the first.
        let work = |n: &u64| {
            if *n == 0 {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            *n * 10
        };
        std::thread::scope(|scope| {
            let mut workers = Workers::new(scope, 2, &work);
            workers.submit(vec![0, 1]);
            workers.submit(vec![2, 3, 4]);
            workers.submit(vec![]);
            assert_eq!(workers.waiting(), 3);
            assert_eq!(workers.collect(), Some(vec![(0, 0), (1, 10)]));
            workers.submit(vec![5]);
            assert_eq!(workers.collect(), Some(vec![(2, 20), (3, 30), (4, 40)]));
            assert_eq!(workers.collect(), Some(vec![]));
            assert_eq!(workers.collect(), Some(vec![(5, 50)]));
            assert_eq!((workers.collect(), workers.waiting()), (None, 0));
        });
    }

    #[test]
    fn a_panic_of_the_work_is_passed_on() {
        let work = |n: &u32| if *n == 2 { panic!("two") } else { *n };
        let caught = std::panic::catch_unwind(|| {
            std::thread::scope(|scope| {
                let mut workers = Workers::new(scope, 2, &work);
                workers.map(vec![1, 2, 3]);
            })
        });
        let message = caught.expect_err("the panic comes through");
        assert_eq!(message.downcast_ref::<&str>(), Some(&"two"));
    }
}

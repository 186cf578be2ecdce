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

use std::sync::atomic::{AtomicUsize, Ordering};

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
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(at) else { return mine };
                        mine.push((at, work(item)));
                    }
                })
            })
            .collect();
        // A worker's panic is the analyzer's bug: passed on as it is, as without threads.
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    done.sort_unstable_by_key(|(at, _)| *at);
    done.into_iter().map(|(_, result)| result).collect()
}

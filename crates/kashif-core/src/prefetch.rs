//! Asking the processor for memory before it is read.
//!
//! The tagger's tables are larger than the processor's caches, and most of their lookups wait
//! on memory. Where the address of a later lookup is known early (the entry a place's search
//! starts at, a few tokens ahead), a prefetch lets that wait overlap with the work in between.
//! The word cache's open-addressing tables ([`home`]) are found so.

/// The bytes of a cache line.
const LINE: usize = 64;

/// Asks the processor to bring the cache lines of `item` close (a hint: nothing else changes).
/// On targets other than x86-64 (the page's WebAssembly), it does nothing.
#[inline(always)]
pub(crate) fn prefetch<T>(item: &T) {
    let start = (item as *const T).cast::<i8>();
    for offset in (0..std::mem::size_of::<T>()).step_by(LINE) {
        line(start.wrapping_add(offset));
    }
}

/// Asks for the cache line of the byte at `address`.
#[inline(always)]
fn line(address: *const i8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees and cannot fault, whatever the address;
    // these are of a live reference's bytes. `_mm_prefetch` is unsafe only for its target
    // feature, SSE, which every x86-64 processor has.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(address);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}

/// The entry where the search for hash `hash` starts in an open-addressing table of `len`
/// entries, a power of two (none: any number past the end): the hash's top bits.
#[inline]
pub(crate) fn home(hash: u64, len: usize) -> usize {
    hash.checked_shr(64 - len.trailing_zeros()).unwrap_or(u64::MAX) as usize
}

/// Asks the processor for the entry of `entries` (a power of two of them, or none) where the
/// search for hash `hash` starts ([`home`]).
#[inline]
pub(crate) fn prefetch_home<T>(entries: &[T], hash: u64) {
    if let Some(entry) = entries.get(home(hash, entries.len())) {
        prefetch(entry);
    }
}

/// The most entries of such a table that are used, as a fraction: five eighths. At half, a
/// table grew past 131,072 entries as its words or places passed 65,536 (the word cache's
/// capacity, which one text may pass before the next thins it), and the 100 MB corpus on one
/// core peaked at 145 MB, not 102.
const MOST_USED: (usize, usize) = (5, 8);

/// How many entries a table needs for `items` items: a power of two, at least 16.
pub(crate) fn entries_for(items: usize) -> usize {
    (items * MOST_USED.1).div_ceil(MOST_USED.0).next_power_of_two().max(16)
}

/// Whether `items` items are more than a table of `entries` entries takes.
#[inline]
pub(crate) fn over_full(items: usize, entries: usize) -> bool {
    items * MOST_USED.1 > entries * MOST_USED.0
}

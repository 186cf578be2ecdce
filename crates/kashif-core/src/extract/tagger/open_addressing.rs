//! What the word cache's two open-addressing tables share (its places,
//! [`super::place_table`], and its index of words, [`super::word_slots`]): where the search for
//! a hash starts, a prefetch of that entry, and how many entries a table needs. Each table
//! probes linearly from there, comparing its own keys.

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
        crate::prefetch::prefetch(entry);
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

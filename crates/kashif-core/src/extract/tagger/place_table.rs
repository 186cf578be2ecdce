//! The word cache's table of places ([`Place`]): each place's summed weights, and how often it
//! came since the cache was last full, in one 64-byte entry found from the place's hash alone.
//!
//! A news corpus has many places (the tagger's view of a token and its neighbours), so the table
//! is larger than the processor's second-level cache, and finding a place mostly waits on
//! memory: on the 10 MB corpus on one core, finding places took 11% of the tagger's time in a
//! hash map whose control bytes and entries lay apart. Here the entry a place starts its search
//! at is known from its hash, so the tagger asks the processor for it a few tokens before it
//! needs it ([`PlaceTable::prefetch`]), and a search reads that one line (open addressing,
//! linear probing, at most five eighths full).

use super::open_addressing::{entries_for, home, over_full, prefetch_home};
use super::features::Place;
use super::viterbi::MODEL_TAGS;

/// A [`Place`] as the table compares it: its 18 bytes as two 64-bit integers and a 16-bit one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PlaceKey {
    low: u64,
    high: u64,
    last: u16,
}

impl PlaceKey {
    /// The key of `place`.
    #[inline]
    pub(crate) fn of(place: &Place) -> PlaceKey {
        let word = |at: usize| u64::from_le_bytes(std::array::from_fn(|k| place[at + k]));
        PlaceKey { low: word(0), high: word(8), last: u16::from_le_bytes([place[16], place[17]]) }
    }

    /// The key's hash, from which the table finds where its search starts: the three parts
    /// mixed by multiplications (the bytes of a place are small numbers, alike from one place
    /// to the next), so that its high bits depend on every byte.
    #[inline]
    pub(crate) fn hash(self) -> u64 {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        let h = (self.low ^ K).wrapping_mul(K).rotate_left(29) ^ self.high;
        let h = h.wrapping_mul(K).rotate_left(29) ^ u64::from(self.last);
        h.wrapping_mul(K)
    }
}

/// One place: its key, its summed weights and how often it came; 64 bytes, one cache line.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct Entry {
    low: u64,
    high: u64,
    weights: [i16; MODEL_TAGS],
    last: u16,
    seen: u32,
    used: bool,
}

const EMPTY: Entry = Entry { low: 0, high: 0, weights: [0; MODEL_TAGS], last: 0, seen: 0, used: false };

impl Entry {
    /// The key of the place the entry holds.
    #[inline]
    fn key(&self) -> PlaceKey {
        PlaceKey { low: self.low, high: self.high, last: self.last }
    }

    #[inline]
    fn holds(&self, key: PlaceKey) -> bool {
        self.used && self.key() == key
    }
}

/// The places and their summed weights (see the module's documentation).
#[derive(Debug, Default)]
pub(crate) struct PlaceTable {
    /// A power of two of entries (none before the first place), at most five eighths of them
    /// used ([`entries_for`]).
    entries: Vec<Entry>,
    len: usize,
}

impl PlaceTable {
    /// How many places the table holds.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Asks the processor for the entry where the search for the place of hash `hash` starts,
    /// which the tagger will read a few tokens later.
    #[inline]
    pub(crate) fn prefetch(&self, hash: u64) {
        prefetch_home(&self.entries, hash);
    }

    /// The summed weights of the place `key` (of hash `hash`), counted as seen once more.
    #[inline]
    pub(crate) fn get(&mut self, key: PlaceKey, hash: u64) -> Option<&[i16; MODEL_TAGS]> {
        if self.entries.is_empty() {
            return None;
        }
        let mask = self.entries.len() - 1;
        let mut at = home(hash, self.entries.len());
        loop {
            let entry = &self.entries[at];
            if !entry.used {
                return None;
            }
            if entry.holds(key) {
                let entry = &mut self.entries[at];
                entry.seen += 1;
                return Some(&entry.weights);
            }
            at = (at + 1) & mask;
        }
    }

    /// Keeps the summed weights of the place `key` (of hash `hash`), which the table does not
    /// hold, as seen once.
    pub(crate) fn insert(&mut self, key: PlaceKey, hash: u64, weights: [i16; MODEL_TAGS]) {
        if over_full(self.len + 1, self.entries.len()) {
            self.grow_to(entries_for(self.len + 1));
        }
        self.put(Entry { low: key.low, high: key.high, weights, last: key.last, seen: 1, used: true }, hash);
    }

    /// Makes room for `places` places in all, if the table has less.
    pub(crate) fn reserve(&mut self, places: usize) {
        if over_full(places, self.entries.len()) {
            self.grow_to(entries_for(places));
        }
    }

    /// Keeps only the places seen more than once, each now seen none.
    pub(crate) fn keep_seen_again(&mut self) {
        let size = self.entries.len();
        self.rebuild(size, |entry| (entry.seen > 1).then_some(Entry { seen: 0, ..entry }));
    }

    /// The table with `size` entries (a power of two, with room for all its places).
    fn grow_to(&mut self, size: usize) {
        self.rebuild(size, Some);
    }

    /// The table with `size` entries, each place's entry as `keep` makes it (none: left out).
    fn rebuild(&mut self, size: usize, keep: impl Fn(Entry) -> Option<Entry>) {
        let old = std::mem::replace(&mut self.entries, vec![EMPTY; size]);
        self.len = 0;
        for entry in old.into_iter().filter(|entry| entry.used).filter_map(keep) {
            self.put(entry, entry.key().hash());
        }
    }

    /// Puts `entry` (of a place the table does not hold, of hash `hash`) in the first free
    /// entry from its home; the table has one.
    fn put(&mut self, entry: Entry, hash: u64) {
        let mask = self.entries.len() - 1;
        let mut at = home(hash, self.entries.len());
        while self.entries[at].used {
            at = (at + 1) & mask;
        }
        self.entries[at] = entry;
        self.len += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(n: u32) -> Place {
        let mut place = [0u8; 18];
        place[..4].copy_from_slice(&n.to_le_bytes());
        place[17] = (n % 7) as u8;
        place
    }

    #[test]
    fn an_entry_is_one_cache_line() {
        assert_eq!(std::mem::size_of::<Entry>(), 64);
        assert_eq!(std::mem::align_of::<Entry>(), 64);
    }

    #[test]
    fn a_place_is_found_by_all_its_bytes() {
        let mut other = place(1);
        other[17] ^= 1;
        assert_ne!(PlaceKey::of(&place(1)), PlaceKey::of(&other));
        assert_eq!(PlaceKey::of(&place(1)), PlaceKey::of(&place(1)));
        let mut table = PlaceTable::default();
        let key = PlaceKey::of(&place(1));
        assert_eq!(table.get(key, key.hash()), None);
        table.insert(key, key.hash(), [3; MODEL_TAGS]);
        assert_eq!(table.get(key, key.hash()), Some(&[3; MODEL_TAGS]));
        let other = PlaceKey::of(&other);
        assert_eq!(table.get(other, other.hash()), None);
    }

    #[test]
    fn many_places_each_keep_their_weights_as_the_table_grows_and_thins() {
        let mut table = PlaceTable::default();
        table.reserve(10);
        for n in 0..5000 {
            let key = PlaceKey::of(&place(n));
            table.insert(key, key.hash(), [n as i16; MODEL_TAGS]);
            table.prefetch(key.hash());
        }
        assert_eq!(table.len(), 5000);
        assert!(!over_full(5000, table.entries.len()) && table.entries.len().is_power_of_two());
        // Every third place comes again: only those stay.
        for n in (0..5000).step_by(3) {
            let key = PlaceKey::of(&place(n));
            assert_eq!(table.get(key, key.hash()), Some(&[n as i16; MODEL_TAGS]));
        }
        table.keep_seen_again();
        assert_eq!(table.len(), 1667);
        for n in 0..5000 {
            let key = PlaceKey::of(&place(n));
            let found = table.get(key, key.hash()).copied();
            assert_eq!(found, (n % 3 == 0).then_some([n as i16; MODEL_TAGS]), "place {n}");
        }
        // Each was seen once since: none stays.
        table.keep_seen_again();
        assert_eq!(table.len(), 0);
    }
}

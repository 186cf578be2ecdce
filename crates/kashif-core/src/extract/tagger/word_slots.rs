//! The word cache's index of words: each word's slot, in a 32-byte entry found from the word's
//! hash alone.
//!
//! A corpus brings tens of thousands of words, so the index is larger than the processor's
//! second-level cache and finding a word mostly waits on memory: on the 10 MB corpus on one
//! core, finding words in a hash map took 14% of the tagger's time. Here the entry a word's
//! search starts at is known from its hash ([`word_hash`]), which the tagger takes for a whole
//! text first, so that it asks the processor for the entries of words a few tokens ahead
//! ([`WordSlots::prefetch`]); the search reads that line (open addressing, linear probing, at
//! most five eighths full, a word's bytes in its entry when they are few: [`WordKey`]).

use super::open_addressing::{entries_for, home, over_full, prefetch_home};
use crate::word_key::WordKey;

/// The hash by which [`WordSlots`] finds a word ([`crate::hash::bytes_hash`] of its bytes).
#[inline]
pub(crate) fn word_hash(word: &str) -> u64 {
    crate::hash::bytes_hash(word.as_bytes())
}

/// One word: its key, its slot and the low half of its hash, told apart from other words' before
/// their bytes are compared; 32 bytes, two to a cache line.
#[derive(Debug, Clone)]
#[repr(C, align(32))]
struct Entry {
    key: WordKey,
    slot: u32,
    tag: u32,
}

/// The slot of an entry that holds no word.
const FREE: u32 = u32::MAX;

impl Entry {
    fn free() -> Entry {
        Entry { key: WordKey::of(""), slot: FREE, tag: 0 }
    }
}

/// Each word's slot (see the module's documentation).
#[derive(Debug, Default)]
pub(crate) struct WordSlots {
    /// A power of two of entries (none before the first word), at most five eighths of them
    /// used ([`entries_for`]).
    entries: Vec<Entry>,
    len: usize,
}

impl WordSlots {
    /// Asks the processor for the entry where the search for the word of hash `hash` starts.
    #[inline]
    pub(crate) fn prefetch(&self, hash: u64) {
        prefetch_home(&self.entries, hash);
    }

    /// The slot of `word` (of hash `hash`: [`word_hash`]), if the index holds it.
    #[inline]
    pub(crate) fn get(&self, word: &str, hash: u64) -> Option<u32> {
        if self.entries.is_empty() {
            return None;
        }
        let (mask, tag) = (self.entries.len() - 1, hash as u32);
        let mut at = home(hash, self.entries.len());
        loop {
            let entry = &self.entries[at];
            if entry.slot == FREE {
                return None;
            }
            if entry.tag == tag && std::borrow::Borrow::<[u8]>::borrow(&entry.key) == word.as_bytes() {
                return Some(entry.slot);
            }
            at = (at + 1) & mask;
        }
    }

    /// Gives `word` (of hash `hash`), which the index does not hold, the slot `slot`.
    pub(crate) fn insert(&mut self, word: &str, hash: u64, slot: u32) {
        if over_full(self.len + 1, self.entries.len()) {
            self.grow_to(entries_for(self.len + 1));
        }
        self.put(Entry { key: WordKey::of(word), slot, tag: hash as u32 }, hash);
    }

    /// Makes room for `words` words in all, if the index has less.
    pub(crate) fn reserve(&mut self, words: usize) {
        if over_full(words, self.entries.len()) {
            self.grow_to(entries_for(words));
        }
    }

    /// Keeps the words to which `new_slot` gives a new slot (from their old one), under it.
    pub(crate) fn renumber(&mut self, new_slot: impl Fn(u32) -> Option<u32>) {
        let size = self.entries.len();
        self.rebuild(size, |entry| new_slot(entry.slot).map(|slot| Entry { slot, ..entry }));
    }

    /// The index with `size` entries (a power of two, with room for all its words).
    fn grow_to(&mut self, size: usize) {
        self.rebuild(size, Some);
    }

    /// The index with `size` entries, each word's entry as `keep` makes it (none: left out).
    fn rebuild(&mut self, size: usize, keep: impl Fn(Entry) -> Option<Entry>) {
        let old = std::mem::replace(&mut self.entries, vec![Entry::free(); size]);
        self.len = 0;
        for entry in old.into_iter().filter(|entry| entry.slot != FREE).filter_map(keep) {
            let hash = crate::hash::bytes_hash(std::borrow::Borrow::<[u8]>::borrow(&entry.key));
            self.put(entry, hash);
        }
    }

    /// Puts `entry` (of a word the index does not hold, of hash `hash`) in the first free entry
    /// from its home; the index has one.
    fn put(&mut self, entry: Entry, hash: u64) {
        let mask = self.entries.len() - 1;
        let mut at = home(hash, self.entries.len());
        while self.entries[at].slot != FREE {
            at = (at + 1) & mask;
        }
        self.entries[at] = entry;
        self.len += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_half_a_cache_line() {
        assert_eq!(std::mem::size_of::<Entry>(), 32);
    }

    #[test]
    fn words_short_and_long_keep_their_slots_as_the_index_grows_and_is_renumbered() {
        let word = |n: u32| if n % 5 == 0 { format!("والاستخبارات{n}") } else { format!("كلمة{n}") };
        let mut slots = WordSlots::default();
        assert_eq!(slots.get("كلمة", word_hash("كلمة")), None);
        for n in 0..3000 {
            let w = word(n);
            assert_eq!(slots.get(&w, word_hash(&w)), None);
            slots.insert(&w, word_hash(&w), n);
            slots.prefetch(word_hash(&w));
        }
        assert!(!over_full(3000, slots.entries.len()) && slots.entries.len().is_power_of_two());
        for n in 0..3000 {
            let w = word(n);
            assert_eq!(slots.get(&w, word_hash(&w)), Some(n), "{w}");
        }
        // The odd slots stay, numbered anew in their order.
        slots.renumber(|slot| (slot % 2 == 1).then_some(slot / 2));
        assert_eq!(slots.len, 1500);
        for n in 0..3000 {
            let w = word(n);
            assert_eq!(slots.get(&w, word_hash(&w)), (n % 2 == 1).then_some(n / 2), "{w}");
        }
        assert_eq!(slots.get("كلمة1x", word_hash("كلمة1x")), None);
    }
}

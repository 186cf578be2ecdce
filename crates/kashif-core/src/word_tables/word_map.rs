//! The maps and sets of the word tables: a hash map of folded words behind a filter that
//! answers "not there" for most words of a text without hashing them.
//!
//! The stages ask a small table (the number words, the verbs of saying, the words of a rule)
//! about every token and every reading of it, and almost always the word is not there. A hash
//! lookup that misses still hashes the word and probes the table: about 65 instructions on the
//! 10 MB corpus (callgrind; 2.6 M such lookups of sets by the rules and the dates alone). The
//! filter takes a word's length and last bytes to one of 4,096 bits ([`filter_bit`]); a word
//! whose bit is clear is not in the table, and only the others are looked up. The answers are
//! those of the map alone.

use std::borrow::Borrow;
use std::hash::Hash;

use rustc_hash::FxHashMap;

/// The bits of a [`WordMap`]'s filter.
const FILTER_BITS: usize = 4096;

/// Which bit of the filter stands for `word`: its last eight bytes (the last four letters of an
/// Arabic word; of a shorter word its first four bytes and its last four) and its length,
/// spread by a multiplication. Of the Arabic words of the 1 MB corpus, 15% pass the filter of
/// the 218 name heads (6.1% are heads), 3.4% that of the 119 verbs of saying (0.7%) and 2.1%
/// that of the 76 number words (0.6%); of a word's length and last two letters in 1,024 bits,
/// 35%, 14% and 12%. This key took the run of that corpus from 1,263.7 to 1,253.4 M
/// instructions.
#[inline]
fn filter_bit(word: &[u8]) -> usize {
    let n = word.len();
    let tail = if n >= 4 {
        // One reading for every length, where a test of the length, which each word decides,
        // cost mispredicted branches (the cold 10,000-word article: 1.21 → 1.16 M in
        // callgrind's simulation).
        crate::hash::last_eight(word)
    } else {
        word.iter().fold(0, |v, &b| v << 8 | u64::from(b))
    };
    let key = tail ^ (n as u64) << 56;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FILTER_BITS.trailing_zeros())) as usize
}

/// A map of folded words (`K`: `String` or `&'static str`) to `V`, behind a filter.
#[derive(Debug, Clone)]
pub(crate) struct WordMap<K, V> {
    filter: [u64; FILTER_BITS / 64],
    map: FxHashMap<K, V>,
}

impl<K, V> Default for WordMap<K, V> {
    fn default() -> Self {
        WordMap { filter: [0; FILTER_BITS / 64], map: FxHashMap::default() }
    }
}

impl<K: Borrow<str> + Hash + Eq, V> WordMap<K, V> {
    /// Whether the filter lets `word` through: false only for a word the map does not hold.
    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        let bit = filter_bit(word.as_bytes());
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The value of `word`, if the map holds it.
    #[inline]
    pub(crate) fn get(&self, word: &(impl AsRef<str> + ?Sized)) -> Option<&V> {
        let word = word.as_ref();
        if !self.may_hold(word) {
            return None;
        }
        self.map.get(word)
    }

    /// Whether the map holds `word`.
    #[inline]
    pub(crate) fn contains_key(&self, word: &(impl AsRef<str> + ?Sized)) -> bool {
        self.get(word).is_some()
    }

    /// Puts `value` under `word`, and returns the value it had.
    pub(crate) fn insert(&mut self, word: K, value: V) -> Option<V> {
        let bit = filter_bit(word.borrow().as_bytes());
        self.filter[bit / 64] |= 1 << (bit % 64);
        self.map.insert(word, value)
    }

    /// The value of `word`, put there by `value` if the map holds none.
    pub(crate) fn get_or_insert_with(&mut self, word: K, value: impl FnOnce() -> V) -> &mut V {
        let bit = filter_bit(word.borrow().as_bytes());
        self.filter[bit / 64] |= 1 << (bit % 64);
        self.map.entry(word).or_insert_with(value)
    }

    /// The words, in no order.
    pub(crate) fn words(&self) -> impl Iterator<Item = &K> {
        self.map.keys()
    }

    /// The values, to change them (the words and the filter stay).
    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.map.values_mut()
    }

    /// How many words the map holds.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the map holds no word.
    pub(crate) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

impl<K: Borrow<str> + Hash + Eq, V> FromIterator<(K, V)> for WordMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        let mut map = WordMap::default();
        map.extend(pairs);
        map
    }
}

impl<K: Borrow<str> + Hash + Eq, V> Extend<(K, V)> for WordMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, pairs: I) {
        for (word, value) in pairs {
            self.insert(word, value);
        }
    }
}

/// A set of folded words (`K`: `String` or `&'static str`), behind a filter ([`WordMap`]).
#[derive(Debug, Clone)]
pub(crate) struct WordSet<K>(WordMap<K, ()>);

impl<K> Default for WordSet<K> {
    fn default() -> Self {
        WordSet(WordMap::default())
    }
}

impl<K: Borrow<str> + Hash + Eq> WordSet<K> {
    /// Whether the set holds `word`.
    #[inline]
    pub(crate) fn contains(&self, word: &(impl AsRef<str> + ?Sized)) -> bool {
        self.0.contains_key(word)
    }

    /// Adds `word`; false when the set held it already.
    pub(crate) fn insert(&mut self, word: K) -> bool {
        self.0.insert(word, ()).is_none()
    }

    /// The words, in no order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &K> {
        self.0.words()
    }
}

impl<'s, K: Borrow<str> + Hash + Eq> IntoIterator for &'s WordSet<K> {
    type Item = &'s K;
    type IntoIter = std::collections::hash_map::Keys<'s, K, ()>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.map.keys()
    }
}

impl<K: Borrow<str> + Hash + Eq> FromIterator<K> for WordSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(words: I) -> Self {
        let mut set = WordSet::default();
        set.extend(words);
        set
    }
}

impl<K: Borrow<str> + Hash + Eq> Extend<K> for WordSet<K> {
    fn extend<I: IntoIterator<Item = K>>(&mut self, words: I) {
        for word in words {
            self.insert(word);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_never_hides_a_word_the_map_holds() {
        // The number words and every shorter or longer word around them, in Arabic and Latin.
        let words: Vec<String> = crate::embedded::NUMBER_WORDS
            .lines()
            .filter_map(|line| line.split('\t').next())
            .flat_map(|w| [w.to_owned(), format!("{w}ة"), format!("و{w}"), w.chars().skip(1).collect()])
            .chain(["", "a", "ab", "CNN", "Reuters"].map(str::to_owned))
            .collect();
        let map: WordMap<String, usize> = words.iter().cloned().zip(0..).collect();
        for (k, word) in words.iter().enumerate() {
            assert!(map.contains_key(word.as_str()), "{word}");
            assert!(map.get(word).is_some_and(|&v| words[v] == words[k]), "{word}");
        }
        assert_eq!(map.len(), words.iter().collect::<std::collections::HashSet<_>>().len());
    }

    #[test]
    fn a_word_the_map_lacks_is_not_found_past_the_filter() {
        let set: WordSet<&str> = ["قال", "أعلن", "وزارة"].into_iter().collect();
        assert!(set.contains("قال") && set.contains(&"وزارة") && set.contains(&String::from("أعلن")));
        // Words the filter lets through or not, none of them there.
        for word in ["قالت", "وقال", "ال", "", "وزارات", "x"] {
            assert!(!set.contains(word), "{word}");
        }
        assert!(!WordSet::<&str>::default().contains("قال"));
    }

    #[test]
    fn the_filter_turns_away_most_words_of_a_text_for_a_small_table() {
        let set: WordSet<&str> = crate::embedded::NUMBER_WORDS.lines().filter_map(|l| l.split('\t').next()).collect();
        let text = "قال المتحدث باسم وزارة الخارجية الروسية إن الوفد وصل إلى جنيف صباح اليوم لبحث الأزمة";
        let passed = text.split(' ').filter(|w| set.0.may_hold(w)).count();
        assert!(passed * 4 <= text.split(' ').count(), "{passed} of the words passed the filter");
    }
}

//! Words as keys of hash maps, with their bytes in the key itself when they are few.

use std::borrow::Borrow;

use rustc_hash::FxHashMap;

/// A hash map of words, looked up by a word's bytes (`map.get(word.as_bytes())`).
pub(crate) type WordKeyMap<V> = FxHashMap<WordKey, V>;

/// A word as a key of a hash map: its bytes in the key itself when they are few (most words:
/// [`WordKey::INLINE`] bytes are 11 Arabic letters), so that finding a word reads the table and
/// not a string elsewhere in memory too (a `&str` or `String` key is compared where it points).
///
/// In the tagger's word cache, on the 10 MB corpus, cachegrind with a 1 MB second level counted
/// 36.93 M data misses of that level with every key a string of its own and 36.34 M with short
/// keys inline (first level 123.9 → 124.1 M, instructions +0.02%). In the lexicon's vocabulary
/// (no `String` per word): the analyzer's build 139.6 → 138.7 M instructions. (The tagger's
/// word lists keyed so took its build from 139.6 to 147.7 M instructions and 2 MB more memory,
/// for a new analyzer's first 10,000-word article 2-3% faster: not kept. Keyed by the hash of
/// each string instead, [`crate::hash::ByHash`], they cost less memory and no more building.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WordKey {
    Inline { len: u8, bytes: [u8; WordKey::INLINE] },
    Long(Box<[u8]>),
}

impl WordKey {
    /// The most bytes a key holds in itself.
    const INLINE: usize = 22;

    /// The key of `word`.
    pub(crate) fn of(word: &str) -> WordKey {
        let bytes = word.as_bytes();
        if bytes.len() > WordKey::INLINE {
            return WordKey::Long(bytes.into());
        }
        let mut inline = [0; WordKey::INLINE];
        inline[..bytes.len()].copy_from_slice(bytes);
        WordKey::Inline { len: bytes.len() as u8, bytes: inline }
    }
}

impl Borrow<[u8]> for WordKey {
    fn borrow(&self) -> &[u8] {
        match self {
            WordKey::Inline { len, bytes } => &bytes[..usize::from(*len)],
            WordKey::Long(bytes) => bytes,
        }
    }
}

/// Hashed as its bytes, as `Borrow` requires.
impl std::hash::Hash for WordKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        Borrow::<[u8]>::borrow(self).hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_found_by_its_bytes_short_or_long() {
        let long = "عبدالرحمنالمستشارالأعلى";
        assert!(long.len() > WordKey::INLINE);
        let mut map = WordKeyMap::default();
        for (value, word) in ["", "في", long].into_iter().enumerate() {
            map.insert(WordKey::of(word), value);
        }
        assert_eq!(map.get("في".as_bytes()), Some(&1));
        assert_eq!(map.get(long.as_bytes()), Some(&2));
        assert_eq!(map.get("".as_bytes()), Some(&0));
        assert_eq!(map.get("فى".as_bytes()), None);
        assert_eq!(map.get(&long.as_bytes()[..22]), None);
    }
}

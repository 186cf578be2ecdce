//! The hashes Kashif keeps or compares across runs and platforms: FNV-1a for the tagger's
//! features and word tables (its model file stores them), and a fast stable hash for the sets
//! of names the linker keeps.

/// The FNV-1a offset basis (64 bits).
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// The FNV-1a prime (64 bits).
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Goes on hashing `bytes` with FNV-1a from the state `h`.
#[inline]
pub(crate) fn mix(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The 64-bit FNV-1a hash of `bytes`.
#[inline]
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    mix(FNV_OFFSET, bytes)
}

/// A 64-bit hash of `value`, the same on every run (a set of these stands for a set of the
/// values: two names of a corpus colliding is about one chance in 10^9 for 200,000 names).
pub(crate) fn stable_hash(value: impl std::hash::Hash) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(value)
}

/// A map from strings to `V` that keeps each string's [`stable_hash`], not the string: a lookup
/// compares 64-bit keys held in the table rather than following a pointer to the string's bytes
/// (a second wait on memory for a table larger than the caches: in the tagger's cold first
/// article, 12% of its time went to comparing the strings of its word lists). Two strings of a
/// table and one looked up share a key about once in 10^14 lookups of 200,000 strings.
#[derive(Debug)]
pub(crate) struct ByHash<V>(rustc_hash::FxHashMap<u64, V>);

impl<V> Default for ByHash<V> {
    fn default() -> Self {
        ByHash(rustc_hash::FxHashMap::default())
    }
}

impl<V> ByHash<V> {
    /// An empty map with room for `capacity` strings.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        ByHash(rustc_hash::FxHashMap::with_capacity_and_hasher(capacity, Default::default()))
    }

    /// Makes room for `more` strings.
    pub(crate) fn reserve(&mut self, more: usize) {
        self.0.reserve(more);
    }

    /// Maps `key` to `value` (replacing what it mapped to).
    pub(crate) fn insert(&mut self, key: &str, value: V) {
        self.0.insert(string_key(key), value);
    }

    /// What `key` maps to.
    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        self.get_hashed(string_key(key))
    }

    /// What the string whose [`string_key`] is `hash` maps to (one hash for several maps).
    #[inline]
    pub(crate) fn get_hashed(&self, hash: u64) -> Option<&V> {
        self.0.get(&hash)
    }
}

/// The key of a string in a [`ByHash`]: its [`stable_hash`].
#[inline]
pub(crate) fn string_key(string: &str) -> u64 {
    stable_hash(string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_is_the_published_function() {
        // Test vectors of the FNV reference (http://www.isthe.com/chongo/tech/comp/fnv/).
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(mix(fnv1a(b"fo"), b"o"), fnv1a(b"foo"));
    }

    #[test]
    fn a_map_by_hash_finds_its_strings_and_no_others() {
        let mut map = ByHash::with_capacity(2);
        map.insert("منبج", 1u8);
        map.insert("حلب", 2);
        map.insert("منبج", 3);
        assert_eq!(map.get("منبج"), Some(&3));
        assert_eq!(map.get_hashed(string_key("حلب")), Some(&2));
        assert_eq!(map.get("منب"), None);
        assert_eq!(map.get(""), None);
    }
}

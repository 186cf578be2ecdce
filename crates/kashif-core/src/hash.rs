//! The hashes Kashif keeps or compares across runs and platforms: [`feature_part`] for the
//! tagger's features (its model file stores them) and its table of word frequencies
//! ([`bytes_hash`]), and a fast stable hash for the word lists and the sets of names the linker
//! keeps.

/// The multiplier of a [`feature_part`] step: odd, so that multiplying is a bijection of the
/// state (the fractional part of the golden ratio, as Fibonacci hashing takes it).
const STEP_MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// The state a feature's hash starts from ([`feature_start`]): the first hexadecimal digits of
/// the fraction of pi, a number with nothing to hide.
const FEATURE_SEED: u64 = 0x243f_6a88_85a3_08d3;

/// One step of a feature's hash: the state turned and the 64-bit word `x` put in, then
/// multiplied. For one state, two words give two next states, and for one word two states
/// give two (turning, xor and an odd multiplier are bijections).
#[inline(always)]
fn step(h: u64, x: u64) -> u64 {
    (h.rotate_left(23) ^ x).wrapping_mul(STEP_MULTIPLIER)
}

/// The first eight bytes of `bytes` as a little-endian integer (0 when there are fewer; the
/// callers make sure there are enough).
#[inline(always)]
fn le_u64(bytes: &[u8]) -> u64 {
    bytes.first_chunk::<8>().map_or(0, |chunk| u64::from_le_bytes(*chunk))
}

/// The last eight bytes of `bytes` as a little-endian integer, read as two four-byte halves: of
/// 4 to 7 bytes, the first four and the last four, which overlap. One reading for every such
/// length, with no test of it (the callers make sure there are at least four bytes).
#[inline(always)]
pub(crate) fn last_eight(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let four = |at: usize| u64::from(u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default()));
    four(n.saturating_sub(8)) | four(n - 4) << 32
}

/// The state of a feature's hash once its template number is in.
#[inline]
pub(crate) fn feature_start(template: u8) -> u64 {
    step(FEATURE_SEED, u64::from(template))
}

/// Goes on hashing a feature from the state `h` with one whole `part` (a string or a few bytes).
///
/// - A part of 1 to 3 bytes takes one step: its first, middle and last byte, with its length.
/// - One of 4 to 7 bytes takes one step for its first four and last four bytes.
/// - A longer one takes a step for every eight bytes, the last step reading the part's last
///   eight bytes again where they overlap.
/// - Every part but the shortest then takes a step of its length, under 2^24, which ends it.
///
/// Read back from the end, each last word tells the part's length (a short part's word is at
/// least 2^24, a length is less), so where its steps start: two lists of parts never give one
/// list of steps. FNV-1a, which this replaced, took a step of a multiply for every byte, one
/// after the other: a part of 10 bytes and its end took 11; here they take 3.
#[inline]
pub(crate) fn feature_part(h: u64, part: &[u8]) -> u64 {
    let n = part.len();
    if (1..=3).contains(&n) {
        let bytes = u64::from(part[0]) | u64::from(part[n / 2]) << 8 | u64::from(part[n - 1]) << 16;
        return step(h, bytes | (n as u64) << 24);
    }
    if (8..=16).contains(&n) {
        // Most words: one step or two (the second reading the last eight bytes), taken as one
        // choice rather than a loop and a test of what remains, whose outcomes the length of
        // each word decides (the cold 10,000-word article: 1.25 → 1.21 M mispredicted branches
        // in callgrind's simulation, 147.9 → 146.8 M instructions).
        let first = step(h, le_u64(part));
        let both = step(first, le_u64(&part[n - 8..]));
        return step(if n > 8 { both } else { first }, n as u64);
    }
    let h = if n >= 8 {
        by_chunks(h, part)
    } else if n >= 4 {
        step(h, last_eight(part))
    } else {
        h
    };
    step(h, n as u64)
}

/// The steps of a part of at least eight bytes: one for every eight, the last reading the
/// part's last eight bytes again where they overlap.
#[inline]
fn by_chunks(mut h: u64, part: &[u8]) -> u64 {
    let mut chunks = part.chunks_exact(8);
    for chunk in &mut chunks {
        h = step(h, le_u64(chunk));
    }
    if !chunks.remainder().is_empty() {
        h = step(h, le_u64(&part[part.len() - 8..]));
    }
    h
}

/// A feature's hash from its state `h` once every part is in: splitmix64's finish, so that the
/// low and high halves are both well spread (the model keeps the two halves xored).
#[inline]
pub(crate) fn feature_finish(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// A 64-bit hash of `bytes` made as a feature's ([`feature_part`], [`feature_finish`]), for
/// tables of words that keep no string: the same on every platform.
#[inline]
pub(crate) fn bytes_hash(bytes: &[u8]) -> u64 {
    feature_finish(feature_part(FEATURE_SEED, bytes))
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

    /// A part of 8 to 16 bytes, hashed as one choice of one step or two, hashes as the steps of
    /// every eight bytes do.
    #[test]
    fn words_of_8_to_16_bytes_hash_as_by_chunks() {
        let text: Vec<u8> = "سيرغي لافروف في منبج".bytes().collect();
        for start in 0..8 {
            for n in 8..=16 {
                let part = &text[start..start + n];
                assert_eq!(feature_part(FEATURE_SEED, part), step(by_chunks(FEATURE_SEED, part), n as u64), "{n} bytes");
            }
        }
    }

    /// Every string of up to 12 bytes over two letters, cut into two parts at every place,
    /// hashes apart: the steps of two lists of parts are never the same.
    #[test]
    fn feature_parts_hash_apart() {
        let mut seen = std::collections::HashMap::new();
        let mut strings = vec![Vec::new()];
        for len in 1..=12usize {
            for bits in 0..(1u32 << len) {
                strings.push((0..len).map(|k| if bits >> k & 1 == 1 { b'a' } else { b'b' }).collect::<Vec<u8>>());
            }
        }
        for string in &strings {
            for cut in 0..=string.len() {
                let (first, second) = string.split_at(cut);
                let h = feature_finish(feature_part(feature_part(feature_start(1), first), second));
                if let Some(other) = seen.insert(h, (first.to_vec(), second.to_vec())) {
                    panic!("{other:?} and {:?} share a hash", (first, second));
                }
            }
        }
        assert!(seen.len() > 90_000, "{}", seen.len());
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

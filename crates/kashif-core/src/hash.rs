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
}

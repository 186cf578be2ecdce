//! The model: quantized weights per (feature, tag), transition scores, and its compact binary form.
//!
//! Binary layout (little-endian): `KSHT` magic, version byte (3: the keys are of
//! [`crate::hash::feature_part`]'s hashes; 2 had FNV-1a's), tag count byte, `f32` scale
//! (weight units per quantum), `u32` feature count, `(MODEL_TAGS + 1) × MODEL_TAGS` transition
//! scores as `i16` quanta (the last row is the start of the text), the feature keys sorted and
//! delta-coded as LEB128 varints, then the weights as `i8` quanta, tag-major (all features' `O`
//! weights, then all `B-PER` weights, …), which compresses better than feature-major.
//!
//! In memory the rows live in an open-addressing table (with a hash map from key to row, the
//! tagger ran at about 0.9 M tokens/s; with the table, 1.48 M), with fingerprints of its keys
//! in an array of their own, looked up a batch of features at a time (see [`Table`] and
//! [`Model::quanta_in_groups`]: `cargo bench --bench analyze`, tagger alone 13.96 → 13.34 ms and 10,000
//! words 39.7 → 36.4 ms on a slower machine than the 1.48 M one; output unchanged).

#[cfg(any(test, feature = "train"))]
use rustc_hash::FxHashMap as HashMap;

use super::viterbi::MODEL_TAGS;

const MAGIC: &[u8; 4] = b"KSHT";
const VERSION: u8 = 3;

/// A feature hash reduced to the 32-bit key the model stores (never 0: that marks an empty
/// slot of the table).
#[inline]
pub(crate) fn key(hash: u64) -> u32 {
    ((hash >> 32) as u32 ^ hash as u32).max(1)
}

/// A feature's key and quantized weights, as [`Table::rows`] gives them.
#[cfg(any(test, feature = "train"))]
struct Row<'t> {
    key: u32,
    weights: &'t [i8; MODEL_TAGS],
}

/// The feature rows in an open-addressing table (linear probing, at most two thirds full): an
/// 8-bit fingerprint of each slot's key in one array, and the key and weights of each slot side
/// by side in another, one slot to half a cache line. Most lookups of a text are of common
/// features, and a quarter are of features the model does not keep: the fingerprints (128 KB for
/// the shipped model) mostly stay in the processor's second-level cache, so a lookup that misses
/// reads nothing else (but for one key in 255), and one that finds its row waits for memory once,
/// for its key and weights together. With the keys in one array (1 MB, which did not stay in
/// that cache) and the weights in another, a found row waited twice: on the 1 MB corpus,
/// cachegrind with a 1 MB second-level cache counted 7.10 M data misses of that level before and
/// 5.92 M after (first level 14.92 → 14.38 M); the instructions stayed within 1.5%. Fingerprints
/// of 8 bits rather than 16 (512 KB, which the rest of a long run pushed out of that cache):
/// 5.52 → 5.18 M misses on the 1 MB corpus and 40.38 → 38.10 M on the 10 MB one, the same
/// instructions. At most two thirds full rather than half (131,072 slots for the shipped
/// model's 81,571 rows, 4 MB, not 262,144 and 8 MB): 4 MB less memory; on the 10 MB corpus,
/// 37.36 → 34.85 M data misses of that level and 9,777 → 9,971 M instructions (the lookups of
/// features the model lacks probe further); the time on one core the same within its noise.
///
/// A lookup compares the fingerprints of eight slots at once ([`GROUP`], the bytes of a `u64`),
/// not one slot after the other: how far a probe goes no longer decides a branch at each slot,
/// and mispredicted branches, not instructions, were what such a lookup cost. The cold 10,000-word
/// article: 142.2 → 147.9 M instructions, but 1.47 → 1.25 M branches mispredicted (callgrind's
/// simulation), and the tagger alone 0.5-2 ms faster in 21 of 25 paired runs (12.4-13.8 →
/// 10.8-13.2 ms). Without the branch on whether a feature is found: reading a slot whatever the
/// fingerprints said, 2-3 ms slower (a wait on memory for each missing feature); adding a static
/// row of zeros for a missing one, no faster than the branch.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Table {
    /// The [`fingerprint`] of the key of each slot, 0 for an empty slot, and after the last slot's
    /// those of the first [`GROUP`] slots again, so that a group read from any slot wraps round.
    prints: Vec<u8>,
    slots: Vec<Slot>,
    len: usize,
}

/// One slot of a [`Table`]: a key and its weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, align(32))]
struct Slot {
    key: u32,
    weights: [i8; MODEL_TAGS],
}

/// How many slots' fingerprints a lookup compares at once, as the bytes of a `u64`.
const GROUP: usize = 8;
/// A byte of 1 in each lane of a group.
const LANES_ONE: u64 = u64::from_le_bytes([1; GROUP]);
/// The high bit of each lane of a group.
const LANES_HIGH: u64 = LANES_ONE << 7;

/// The lanes of `group` that are 0, as their high bits: exact up to the lowest such lane (a
/// lane above one may be flagged wrongly, as the subtraction borrows through it).
#[inline]
fn zero_lanes(group: u64) -> u64 {
    group.wrapping_sub(LANES_ONE) & !group & LANES_HIGH
}

/// The fingerprint of a key in a [`Table`]: its low 8 bits, never 0 (the slot comes from the
/// middle bits of the key times an odd constant).
#[inline]
fn fingerprint(key: u32) -> u8 {
    (key as u8).max(1)
}

impl Table {
    fn with_rows(rows: impl ExactSizeIterator<Item = (u32, [i8; MODEL_TAGS])>) -> Table {
        let capacity = (rows.len() * 3 / 2).next_power_of_two().max(16);
        let empty = Slot { key: 0, weights: [0; MODEL_TAGS] };
        let mut table = Table { prints: vec![0; capacity + GROUP], slots: vec![empty; capacity], len: 0 };
        for (key, weights) in rows {
            let mut at = table.home(key);
            while table.prints[at] != 0 && table.slots[at].key != key {
                at = (at + 1) & (capacity - 1);
            }
            if table.prints[at] == 0 {
                table.len += 1;
            }
            table.prints[at] = fingerprint(key);
            table.slots[at] = Slot { key, weights };
        }
        table.prints.copy_within(..GROUP, capacity);
        table
    }

    #[inline]
    fn home(&self, key: u32) -> usize {
        (u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & (self.slots.len() - 1)
    }

    /// The fingerprints of the [`GROUP`] slots from slot `at` on (round past the last), as the
    /// lanes of a `u64`, the first in the lowest.
    #[inline]
    fn group(&self, at: usize) -> u64 {
        u64::from_le_bytes(self.prints[at..at + GROUP].try_into().unwrap_or_default())
    }

    /// The slot of `key`, probing from slot `at`, whose [`Table::group`] is `group`: a group at a
    /// time, the slots whose fingerprint is the key's before the first empty one (where the
    /// probe would stop) are the only ones whose key is compared.
    #[inline(always)]
    fn find_from(&self, key: u32, mut at: usize, mut group: u64) -> Option<usize> {
        let (mask, print) = (self.slots.len() - 1, u64::from(fingerprint(key)) * LANES_ONE);
        loop {
            let empty = zero_lanes(group);
            let before = (empty & empty.wrapping_neg()).wrapping_sub(1);
            let mut same = zero_lanes(group ^ print) & before;
            while same != 0 {
                let slot = (at + (same.trailing_zeros() / 8) as usize) & mask;
                if self.slots[slot].key == key {
                    return Some(slot);
                }
                same &= same - 1;
            }
            if empty != 0 {
                return None;
            }
            at = (at + GROUP) & mask;
            group = self.group(at);
        }
    }

    #[cfg(any(test, feature = "train"))]
    /// The rows sorted by key.
    fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row<'_>> = (self.prints.iter().zip(&self.slots))
            .filter(|(&print, _)| print != 0)
            .map(|(_, slot)| Row { key: slot.key, weights: &slot.weights })
            .collect();
        rows.sort_unstable_by_key(|row| row.key);
        rows
    }
}

/// A trained, quantized model.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Model {
    /// Feature key → quantized weights.
    table: Table,
    /// `(MODEL_TAGS + 1) × MODEL_TAGS` transition scores in weight units.
    pub transitions: Vec<f32>,
    /// Weight units per quantum.
    pub scale: f32,
}

/// Why a model file could not be read: what [`Analyzer::with_model`](crate::Analyzer::with_model)
/// returns for bytes that are no tagger model, with the reason.
///
/// ```
/// let Err(error) = kashif_core::Analyzer::with_model(b"not a model") else { panic!("read as a model") };
/// assert_eq!(error.0, "not a Kashif tagger model");
/// assert_eq!(error.to_string(), "tagger model: not a Kashif tagger model");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "tagger model: {}", self.0)
    }
}

impl Model {
    #[cfg(any(test, feature = "train"))]
    /// Quantizes float weights (`(feature hash, scores per tag)`) to `i8`, sets the quantized
    /// weights of `prune` quanta or fewer (in absolute value) to 0 and drops the features left
    /// with none; rows whose keys collide are added.
    pub(crate) fn quantize(features: &[(u64, [f32; MODEL_TAGS])], transitions: &[f32], prune: u8) -> Model {
        let max = features.iter().flat_map(|(_, w)| w.iter()).fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let mut rows: HashMap<u32, [f32; MODEL_TAGS]> = HashMap::default();
        for (hash, w) in features {
            let row = rows.entry(key(*hash)).or_insert([0.0; MODEL_TAGS]);
            for t in 0..MODEL_TAGS {
                row[t] += w[t];
            }
        }
        let mut keys: Vec<u32> = rows.keys().copied().collect();
        keys.sort_unstable();
        let quantized: Vec<(u32, [i8; MODEL_TAGS])> = keys
            .into_iter()
            .map(|k| (k, rows[&k].map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8)))
            .map(|(k, q)| (k, q.map(|v| if v.unsigned_abs() <= prune { 0 } else { v })))
            .filter(|(_, q)| q.iter().any(|&v| v != 0))
            .collect();
        let table = Table::with_rows(quantized.into_iter());
        let transitions = transitions.iter().map(|t| ((t / scale).round().clamp(-32767.0, 32767.0)) * scale).collect();
        Model { table, transitions, scale }
    }

    /// How many features the model keeps.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.table.len
    }

    /// Sets `scores` to the scores of the features `hashes` (in weight units).
    #[cfg(test)]
    pub(crate) fn score(&self, hashes: &[u64], scores: &mut [f32; MODEL_TAGS]) {
        let [sum] = self.quanta_in_groups(hashes, [hashes.len()], [[0; MODEL_TAGS]]);
        *scores = self.scores(sum);
    }

    /// `sums` with the quantized weights of the features `hashes` added, in consecutive groups:
    /// group `g` ends at `ends[g]` (the last group at the end of `hashes`) and is added to
    /// `sums[g]`. The weights are integers, so that the features may be summed in parts, in any
    /// order, to the same scores.
    ///
    /// The table is larger than the caches, so most lookups wait on memory: the features are
    /// looked up a batch at a time, first reading the home slot of each (loads that do not
    /// depend on each other, so the processor overlaps their waits), then probing from there;
    /// groups looked up together overlap their waits too (a new word's own features and those
    /// it gives its neighbours; a place's and the rest of a token's). Each group's part of a batch
    /// is summed in a row of its own, not told apart feature by feature: 1 MB corpus 1,268.4 →
    /// 1,263.7 M instructions (batches of 64 homes: 1,279.3 M, the larger array set to zero at
    /// each call).
    #[inline(always)]
    pub(crate) fn quanta_in_groups<const N: usize>(
        &self,
        hashes: &[u64],
        ends: [usize; N],
        mut sums: [[i32; MODEL_TAGS]; N],
    ) -> [[i32; MODEL_TAGS]; N] {
        const BATCH: usize = 16;
        let mut homes = [(0u32, 0usize, 0u64); BATCH];
        for batch_start in (0..hashes.len()).step_by(BATCH) {
            let batch = &hashes[batch_start..hashes.len().min(batch_start + BATCH)];
            for (home, &hash) in homes.iter_mut().zip(batch) {
                let key = key(hash);
                let at = self.table.home(key);
                *home = (key, at, self.table.group(at));
            }
            // Each group's part of the batch, summed apart (the last group runs to the end).
            for (group, sum) in sums.iter_mut().enumerate() {
                let start = if group == 0 { 0 } else { ends[group - 1] };
                let end = if group + 1 == N { hashes.len() } else { ends[group] };
                let (from, to) = (start.max(batch_start), end.min(batch_start + batch.len()));
                if from < to {
                    *sum = self.add_rows(*sum, &homes[from - batch_start..to - batch_start]);
                }
            }
        }
        sums
    }

    /// `sum` with the weights of the features whose home slots are `homes` (key, slot, the
    /// [`Table::group`] of the slot) added.
    #[inline(always)]
    fn add_rows(&self, mut sum: [i32; MODEL_TAGS], homes: &[(u32, usize, u64)]) -> [i32; MODEL_TAGS] {
        for &(key, at, group) in homes {
            if let Some(slot) = self.table.find_from(key, at, group) {
                let row = &self.table.slots[slot].weights;
                for t in 0..MODEL_TAGS {
                    sum[t] += i32::from(row[t]);
                }
            }
        }
        sum
    }

    /// Summed quantized weights in weight units.
    #[inline]
    pub(crate) fn scores(&self, quanta: [i32; MODEL_TAGS]) -> [f32; MODEL_TAGS] {
        quanta.map(|q| q as f32 * self.scale)
    }

    #[cfg(any(test, feature = "train"))]
    /// The binary form (see the module documentation).
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let rows = self.table.rows();
        let mut out = Vec::with_capacity(16 + rows.len() * (MODEL_TAGS + 3));
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(MODEL_TAGS as u8);
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for t in &self.transitions {
            out.extend_from_slice(&((t / self.scale).round() as i16).to_le_bytes());
        }
        let mut previous = 0u32;
        for row in &rows {
            let mut delta = row.key - previous;
            previous = row.key;
            loop {
                let byte = (delta & 0x7f) as u8;
                delta >>= 7;
                if delta == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
        }
        for t in 0..MODEL_TAGS {
            for row in &rows {
                out.push(row.weights[t] as u8);
            }
        }
        out
    }

    /// Reads the binary form.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let error = |m: &str| ModelError(m.to_owned());
        if bytes.len() < 14 || &bytes[..4] != MAGIC {
            return Err(error("not a Kashif tagger model"));
        }
        if bytes[4] != VERSION || bytes[5] as usize != MODEL_TAGS {
            return Err(error("unsupported version or tag set (a model of another Kashif version: train it again with `kashif train`)"));
        }
        let scale = f32::from_le_bytes(bytes[6..10].try_into().unwrap_or_default());
        let count = u32::from_le_bytes(bytes[10..14].try_into().unwrap_or_default()) as usize;
        let mut at = 14;
        let transition_count = (MODEL_TAGS + 1) * MODEL_TAGS;
        let transition_bytes = bytes.get(at..at + 2 * transition_count).ok_or_else(|| error("truncated"))?;
        let transitions =
            transition_bytes.chunks_exact(2).map(|c| f32::from(i16::from_le_bytes([c[0], c[1]])) * scale).collect();
        at += 2 * transition_count;
        let mut keys = Vec::with_capacity(count);
        let mut previous = 0u32;
        for _ in 0..count {
            let mut delta = 0u32;
            let mut shift = 0;
            loop {
                let byte = *bytes.get(at).ok_or_else(|| error("truncated keys"))?;
                at += 1;
                delta |= u32::from(byte & 0x7f).checked_shl(shift).ok_or_else(|| error("bad key"))?;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            previous = previous.wrapping_add(delta);
            keys.push(previous);
        }
        let columns = bytes.get(at..at + count * MODEL_TAGS).ok_or_else(|| error("truncated weights"))?;
        if at + count * MODEL_TAGS != bytes.len() {
            return Err(error("trailing bytes"));
        }
        if keys.contains(&0) {
            return Err(error("bad key"));
        }
        // The file holds the weights a column (tag) at a time: one sequential pass per column
        // (reading them a row at a time touched 17 places of the file per row, three times slower).
        let mut rows = vec![[0i8; MODEL_TAGS]; count];
        for (t, column) in columns.chunks_exact(count.max(1)).enumerate() {
            for (row, &weight) in rows.iter_mut().zip(column) {
                row[t] = weight as i8;
            }
        }
        Ok(Model { table: Table::with_rows(keys.into_iter().zip(rows)), transitions, scale })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut a = [0.0; MODEL_TAGS];
        a[1] = 2.5;
        a[0] = -1.0;
        let mut b = [0.0; MODEL_TAGS];
        b[3] = -0.7;
        let zero = [0.001; MODEL_TAGS];
        let transitions: Vec<f32> = (0..(MODEL_TAGS + 1) * MODEL_TAGS).map(|i| i as f32 * 0.1 - 3.0).collect();
        let model = Model::quantize(&[(7, a), (1 << 40, b), (99, zero)], &transitions, 0);
        assert_eq!(model.len(), 2, "the all-zero feature is pruned");
        let bytes = model.to_bytes();
        let read = Model::from_bytes(&bytes).unwrap();
        assert_eq!(read, model);
        let mut scores = [0.0; MODEL_TAGS];
        read.score(&[7, 12345], &mut scores);
        assert!((scores[1] - 2.5).abs() < 0.02 && (scores[0] + 1.0).abs() < 0.02);
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Model::from_bytes(b"nope").is_err());
    }

    /// A group of fingerprints read past the last slot wraps round to the first, and a probe
    /// goes on past a group with no empty slot: ten keys whose home is one of the last two of 16
    /// slots fill the last two and the first eight, and each is found where it is, as are keys
    /// the table lacks (not found) whatever their fingerprint.
    #[test]
    fn lookups_wrap_round_and_cross_groups() {
        let probe = Table::with_rows(std::iter::empty());
        let homed_at_end = |key: &u32| probe.home(*key) >= 14;
        let keys: Vec<u32> = (1..u32::MAX).step_by(7919).filter(homed_at_end).take(14).collect();
        let (kept, lacking) = keys.split_at(10);
        let table = Table::with_rows(kept.iter().map(|&key| (key, [key as i8; MODEL_TAGS])));
        assert_eq!((table.slots.len(), table.len), (16, 10));
        let find = |key: u32| {
            let at = table.home(key);
            table.find_from(key, at, table.group(at))
        };
        for &key in kept {
            let slot = find(key).unwrap_or_else(|| panic!("key {key} not found"));
            assert_eq!(table.slots[slot].key, key);
        }
        assert_eq!(table.slots.iter().filter(|slot| slot.key != 0).count(), 10);
        assert!(table.slots[8..14].iter().all(|slot| slot.key == 0), "the cluster wraps round");
        for &key in lacking {
            assert_eq!(find(key), None, "key {key}");
            // The same key with another key's fingerprint: compared, not found.
            let twin = (key & !0xff) | (kept[0] & 0xff);
            if !kept.contains(&twin) {
                assert_eq!(find(twin), None, "key {twin}");
            }
        }
    }

    #[test]
    fn weights_of_a_few_quanta_are_pruned_and_features_left_with_none_dropped() {
        // The largest weight, 127 quanta, sets the scale: 1.0 per quantum.
        let mut strong = [0.0; MODEL_TAGS];
        strong[0] = 127.0;
        strong[1] = 2.0;
        strong[2] = -3.0;
        let mut weak = [0.0; MODEL_TAGS];
        weak[4] = -2.0;
        weak[5] = 1.0;
        let transitions = vec![0.0; (MODEL_TAGS + 1) * MODEL_TAGS];
        let model = Model::quantize(&[(7, strong), (9, weak)], &transitions, 2);
        assert_eq!(model.len(), 1, "the feature of weights of 2 quanta or fewer is dropped");
        let mut scores = [0.0; MODEL_TAGS];
        model.score(&[7], &mut scores);
        assert_eq!((scores[0], scores[1], scores[2]), (127.0, 0.0, -3.0));
        assert_eq!(Model::quantize(&[(7, strong), (9, weak)], &transitions, 0).len(), 2);
    }
}

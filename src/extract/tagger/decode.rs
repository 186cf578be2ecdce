//! Viterbi decoding under the BIO constraints: `I-X` only right after `B-X` or `I-X`.

use crate::conll::TAG_COUNT;

/// True when tag `current` may follow tag `previous` (`None` at the start of the text).
#[inline]
pub(crate) fn allowed(previous: Option<usize>, current: usize) -> bool {
    let inside = current != 0 && current % 2 == 0;
    if !inside {
        return true;
    }
    matches!(previous, Some(p) if p == current || p + 1 == current)
}

/// The best tag sequence for per-token tag scores `emissions` and transition scores
/// `transitions[previous * TAG_COUNT + current]`, with row `TAG_COUNT` for the start.
pub(crate) fn viterbi(emissions: &[[f32; TAG_COUNT]], transitions: &[f32]) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let mut back = vec![[0u8; TAG_COUNT]; n];
    let mut score = [f32::NEG_INFINITY; TAG_COUNT];
    for (tag, slot) in score.iter_mut().enumerate() {
        if allowed(None, tag) {
            *slot = emissions[0][tag] + transitions[TAG_COUNT * TAG_COUNT + tag];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; TAG_COUNT];
        for current in 0..TAG_COUNT {
            let mut best = f32::NEG_INFINITY;
            let mut best_previous = 0;
            for previous in 0..TAG_COUNT {
                if !allowed(Some(previous), current) {
                    continue;
                }
                let s = score[previous] + transitions[previous * TAG_COUNT + current];
                if s > best {
                    best = s;
                    best_previous = previous;
                }
            }
            next[current] = best + emissions[i][current];
            back[i][current] = best_previous as u8;
        }
        score = next;
    }
    let mut tag = (0..TAG_COUNT).fold(0, |best, t| if score[t] > score[best] { t } else { best });
    let mut tags = vec![0; n];
    for i in (0..n).rev() {
        tags[i] = tag;
        tag = back[i][tag] as usize;
    }
    tags
}

/// The probability of tag `tag` under a softmax of one token's scores.
pub(crate) fn softmax_probability(scores: &[f32; TAG_COUNT], tag: usize) -> f32 {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let total: f32 = scores.iter().map(|s| (s - max).exp()).sum();
    (scores[tag] - max).exp() / total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_needs_a_beginning() {
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(0), 2));
        assert!(!allowed(Some(3), 2), "I-PER after B-LOC");
        assert!(allowed(Some(0), 3));
        assert!(allowed(None, 0));
    }

    #[test]
    fn viterbi_respects_constraints() {
        // Token 0 prefers I-PER (2) but may not start with it; token 1 prefers I-LOC (4).
        let mut a = [0.0; TAG_COUNT];
        a[2] = 10.0;
        a[1] = 1.0;
        let mut b = [0.0; TAG_COUNT];
        b[4] = 4.0;
        b[2] = 5.0;
        let transitions = vec![0.0; (TAG_COUNT + 1) * TAG_COUNT];
        let tags = viterbi(&[a, b], &transitions);
        assert_eq!(tags, [1, 2], "B-PER I-PER: the constrained best");
        for window in tags.windows(2) {
            assert!(allowed(Some(window[0]), window[1]));
        }
        assert!(viterbi(&[], &transitions).is_empty());
    }

    #[test]
    fn softmax_is_a_probability() {
        let mut s = [0.0; TAG_COUNT];
        s[3] = 5.0;
        let p = softmax_probability(&s, 3);
        assert!(p > 0.9 && p < 1.0);
        let total: f32 = (0..TAG_COUNT).map(|t| softmax_probability(&s, t)).sum();
        assert!((total - 1.0).abs() < 1e-5);
    }
}

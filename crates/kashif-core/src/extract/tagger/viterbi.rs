//! The model's tag scheme and Viterbi decoding under its constraints.
//!
//! The model tags tokens BIOES: `O`, then for each of [`TYPES`] `B` (the first token of a name of
//! two or more), `I` (a token inside one), `E` (its last token) and `S` (a name of one token).
//! Telling a name's last token and one-token names apart from the others gives the perceptron
//! more to learn from than BIO's two tags per type (Ratinov and Roth 2009).

use crate::analysis::Label;
use crate::conll::TYPES;
#[cfg(any(test, feature = "train"))]
use crate::conll::Tag;

/// How many tags the model scores: `O`, and `B`, `I`, `E`, `S` of each of [`TYPES`].
pub(crate) const MODEL_TAGS: usize = 1 + 4 * TYPES.len();

/// The place of a token in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Begin,
    Inside,
    End,
    Single,
}

const PARTS: [Part; 4] = [Part::Begin, Part::Inside, Part::End, Part::Single];

/// The type and part of a model tag (`None` for `O`).
#[inline]
pub(crate) fn part(tag: usize) -> Option<(Label, Part)> {
    (tag != 0 && tag < MODEL_TAGS).then(|| (TYPES[(tag - 1) / 4], PARTS[(tag - 1) % 4]))
}

/// The model tag of a part of a name of type `label` (`O` for labels outside [`TYPES`]).
#[cfg(any(test, feature = "train"))]
#[inline]
pub(crate) fn tag_of(label: Label, part: Part) -> usize {
    let offset = PARTS.iter().position(|&p| p == part).unwrap_or(0);
    TYPES.iter().position(|&t| t == label).map_or(0, |t| 1 + 4 * t + offset)
}

#[cfg(any(test, feature = "train"))]
/// The model tags of a BIO sequence (an `I` with no name open starts one).
///
/// ```text
/// // B-PER I-PER O B-LOC → B-PER E-PER O S-LOC
/// ```
pub(crate) fn from_bio(tags: &[Tag]) -> Vec<usize> {
    (0..tags.len())
        .map(|i| {
            let Some(label) = tags[i].label() else { return 0 };
            let opens = tags[i] == Tag::B(label) || i == 0 || tags[i - 1].label() != Some(label);
            let goes_on = tags.get(i + 1) == Some(&Tag::I(label));
            let part = match (opens, goes_on) {
                (true, true) => Part::Begin,
                (true, false) => Part::Single,
                (false, true) => Part::Inside,
                (false, false) => Part::End,
            };
            tag_of(label, part)
        })
        .collect()
}

/// True when the name of `tag` goes on after it (`B`, `I`).
#[inline]
fn open(tag: usize) -> bool {
    matches!(part(tag), Some((_, Part::Begin | Part::Inside)))
}

/// True when tag `current` may follow tag `previous` (`None` at the start of the text): `I` and
/// `E` only inside a name of their type, the others only outside names.
#[inline]
pub(crate) fn allowed(previous: Option<usize>, current: usize) -> bool {
    match part(current) {
        Some((label, Part::Inside | Part::End)) => {
            previous.is_some_and(|p| open(p) && part(p).is_some_and(|(l, _)| l == label))
        }
        _ => !previous.is_some_and(open),
    }
}

/// The tags that close a name or stand outside one (`O`, every `E`, every `S`): the only tags
/// `O`, `B` and `S` may follow.
const CLOSED: [usize; 1 + 2 * TYPES.len()] = {
    let mut tags = [0; 1 + 2 * TYPES.len()];
    let mut t = 0;
    while t < TYPES.len() {
        tags[1 + 2 * t] = 3 + 4 * t;
        tags[2 + 2 * t] = 4 + 4 * t;
        t += 1;
    }
    tags
};

/// Each `I` and `E` tag with the `B` tag of its type: they follow that `B` or the `I` right
/// after it.
const INSIDE: [(usize, usize); 2 * TYPES.len()] = {
    let mut pairs = [(0, 0); 2 * TYPES.len()];
    let mut t = 0;
    while t < TYPES.len() {
        pairs[2 * t] = (2 + 4 * t, 1 + 4 * t);
        pairs[2 * t + 1] = (3 + 4 * t, 1 + 4 * t);
        t += 1;
    }
    pairs
};

/// The best tag sequence for per-token tag scores `emissions` and transition scores
/// `transitions[previous * MODEL_TAGS + current]`, with row `MODEL_TAGS` for the start; the
/// last tag closes its name.
///
/// The forward pass keeps, for each token and tag, only the best score of a sequence ending
/// there: the max over the previous tags the constraints allow of that score plus the
/// transition (`I` and `E` of a type after its `B` or `I`; the other tags after [`CLOSED`],
/// every tag at once, the pairs the constraints forbid scoring −∞: [`allowed_rows`]). No
/// branch and no bookkeeping of which previous tag won, so the compiler vectorizes it. The way
/// back finds, for the one tag chosen at each token, the first previous tag that gave its
/// score: the same sums, so the same tag, ties included.
///
/// Compiled twice, and run with AVX2 where the processor has it ([`crate::cpu`]).
pub(crate) fn viterbi(emissions: &[[f32; MODEL_TAGS]], transitions: &[f32]) -> Vec<usize> {
    #[cfg(target_arch = "x86_64")]
    if crate::cpu::has_avx2() {
        // SAFETY: the processor has AVX2, the one feature the function is compiled for.
        return unsafe { viterbi_with_avx2(emissions, transitions) };
    }
    viterbi_on_any(emissions, transitions)
}

/// [`viterbi`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn viterbi_with_avx2(emissions: &[[f32; MODEL_TAGS]], transitions: &[f32]) -> Vec<usize> {
    viterbi_on_any(emissions, transitions)
}

/// [`viterbi`], compiled into each of its versions.
#[inline(always)]
fn viterbi_on_any(emissions: &[[f32; MODEL_TAGS]], transitions: &[f32]) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let Some(rows) = allowed_rows(transitions) else { return vec![0; n] };
    // `ending[i][t]`: the best score of the tags of tokens 0 to i with tag t at i.
    let mut ending: Vec<[f32; MODEL_TAGS]> = Vec::with_capacity(n);
    ending.push(std::array::from_fn(|t| emissions[0][t] + rows[MODEL_TAGS][t]));
    for (i, emission) in emissions.iter().enumerate().skip(1) {
        let score = &ending[i - 1];
        // After a closed tag: any tag but I and E, whose lanes stay −∞.
        let mut next = [f32::NEG_INFINITY; MODEL_TAGS];
        for previous in CLOSED {
            for (next, transition) in next.iter_mut().zip(&rows[previous]) {
                let s = score[previous] + transition;
                *next = if s > *next { s } else { *next };
            }
        }
        // I and E: after the B or the I of their type.
        for (current, begin) in INSIDE {
            let (from_begin, from_inside) = (score[begin] + rows[begin][current], score[begin + 1] + rows[begin + 1][current]);
            next[current] = if from_inside > from_begin { from_inside } else { from_begin };
        }
        ending.push(std::array::from_fn(|t| next[t] + emission[t]));
    }
    let last = &ending[n - 1];
    let mut tag = (0..MODEL_TAGS).filter(|&t| !open(t)).fold(0, |best, t| if last[t] > last[best] { t } else { best });
    let mut tags = vec![0; n];
    for i in (0..n).rev() {
        tags[i] = tag;
        if i > 0 {
            tag = best_previous(&ending[i - 1], &rows, tag);
        }
    }
    tags
}

/// The transition scores as rows, `rows[previous][current]` (row `MODEL_TAGS` is the start of
/// the text), −∞ where [`allowed`] forbids the pair; none when `transitions` is not
/// `(MODEL_TAGS + 1) × MODEL_TAGS` long.
fn allowed_rows(transitions: &[f32]) -> Option<[[f32; MODEL_TAGS]; MODEL_TAGS + 1]> {
    (transitions.len() == (MODEL_TAGS + 1) * MODEL_TAGS).then(|| {
        std::array::from_fn(|previous| {
            std::array::from_fn(|current| {
                if allowed((previous < MODEL_TAGS).then_some(previous), current) {
                    transitions[previous * MODEL_TAGS + current]
                } else {
                    f32::NEG_INFINITY
                }
            })
        })
    })
}

/// The first previous tag (in tag order) whose `score` and transition to `current` give the
/// best sum: the one the forward pass of [`viterbi`] took its score from.
#[inline(always)]
fn best_previous(score: &[f32; MODEL_TAGS], rows: &[[f32; MODEL_TAGS]; MODEL_TAGS + 1], current: usize) -> usize {
    let mut best = (f32::NEG_INFINITY, 0);
    for (previous, (&score, row)) in score.iter().zip(rows).enumerate() {
        let s = score + row[current];
        if s > best.0 {
            best = (s, previous);
        }
    }
    best.1
}

/// Below this, `exp` is 0 in `f32` (it is under half the least subnormal, `2^-150`, from
/// `ln 2^-150 ≈ -103.97` down), and the C library reaches that 0 through its underflow handler,
/// which cost as much as the rest of `exp` on the 10 MB corpus: tag scores run in the hundreds,
/// so that most of a token's tags are that far below its best.
const EXP_IS_ZERO: f32 = -104.0;

/// `exp(x)`, 0 below [`EXP_IS_ZERO`] without calling `exp`: the same value.
#[inline]
fn exp(x: f32) -> f32 {
    if x < EXP_IS_ZERO {
        0.0
    } else {
        x.exp()
    }
}

/// The softmax of one token's tag scores: each tag's `exp(score - max)` and their sum (all 0
/// when no tag is possible).
fn softmax(scores: &[f32; MODEL_TAGS]) -> ([f32; MODEL_TAGS], f32) {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if max == f32::NEG_INFINITY {
        return ([0.0; MODEL_TAGS], 0.0);
    }
    let weights = scores.map(|s| exp(s - max));
    (weights, weights.iter().sum())
}

/// The probability that a token is part of a name of type `label` (its `B`, `I`, `E` and `S`
/// tags together) under a softmax of its tag scores (0 when no tag is possible).
fn type_probability(scores: &[f32; MODEL_TAGS], label: Label) -> f32 {
    let (weights, total) = softmax(scores);
    if total == 0.0 {
        return 0.0;
    }
    let of_label: f32 = (1..MODEL_TAGS).filter(|&t| part(t).is_some_and(|(l, _)| l == label)).map(|t| weights[t]).sum();
    of_label / total
}

/// The log-odds that a token is part of a name of type `label` under a softmax of its tag
/// scores: the log-sum-exp of the type's tags minus that of the other tags, within ±[`LOG_ODDS_BOUND`]
/// (the bound where one side has no possible tag; 0 when neither has).
fn type_log_odds(scores: &[f32; MODEL_TAGS], label: Label) -> f32 {
    let of_label = |t: usize| part(t).is_some_and(|(l, _)| l == label);
    let log_sum_exp = |inside: bool| {
        let max =
            (0..MODEL_TAGS).filter(|&t| of_label(t) == inside).map(|t| scores[t]).fold(f32::NEG_INFINITY, f32::max);
        if max == f32::NEG_INFINITY {
            return max;
        }
        max + (0..MODEL_TAGS).filter(|&t| of_label(t) == inside).map(|t| exp(scores[t] - max)).sum::<f32>().ln()
    };
    let (yes, no) = (log_sum_exp(true), log_sum_exp(false));
    match (yes == f32::NEG_INFINITY, no == f32::NEG_INFINITY) {
        (true, true) => 0.0,
        (true, false) => -LOG_ODDS_BOUND,
        (false, true) => LOG_ODDS_BOUND,
        (false, false) => (yes - no).clamp(-LOG_ODDS_BOUND, LOG_ODDS_BOUND),
    }
}

/// The largest log-odds [`type_log_odds`] gives (the tagger's scores of a sure name are in the
/// hundreds).
pub(crate) const LOG_ODDS_BOUND: f32 = 10_000.0;

/// The probability of tag `tag` under a softmax of one token's scores.
pub(crate) fn softmax_probability(scores: &[f32; MODEL_TAGS], tag: usize) -> f32 {
    let (weights, total) = softmax(scores);
    weights[tag] / total
}

/// Tokens on each side of a name over which [`Confidence`] lets the tags vary.
const CONFIDENCE_WINDOW: usize = 1;

/// How sure the model is of the names [`viterbi`] decoded: per token, a softmax over its tags of
/// the best score of a tag sequence with that tag there (its max-marginal, transitions
/// included), summed over the tags of the name's type; the mean over the name's tokens. The tags
/// vary over the name and [`CONFIDENCE_WINDOW`] tokens on each side, the others stay as decoded.
/// (A softmax of the token's own scores ignores the transitions: a name of a list `X وY وZ` that
/// the transitions make came out under 10⁻⁹, and 11% of the names of a dev split under 0.01,
/// 93% of them right.)
pub(crate) struct Confidence<'a> {
    emissions: &'a [[f32; MODEL_TAGS]],
    tags: &'a [usize],
    /// `from[previous][current]`: the transition score, −∞ where not [`allowed`]; `previous`
    /// `MODEL_TAGS` is the start of the text.
    from: [[f32; MODEL_TAGS]; MODEL_TAGS + 1],
    /// `into[next][current]`: the score of the transition from `current` to `next` (rows of
    /// `from` as columns, so that both passes run over contiguous rows).
    into: [[f32; MODEL_TAGS]; MODEL_TAGS],
    forward: Vec<[f32; MODEL_TAGS]>,
    backward: Vec<[f32; MODEL_TAGS]>,
}

impl<'a> Confidence<'a> {
    /// For the decoded `tags` of `emissions` under `transitions` (see [`viterbi`]).
    pub(crate) fn new(emissions: &'a [[f32; MODEL_TAGS]], transitions: &[f32], tags: &'a [usize]) -> Self {
        let from = allowed_rows(transitions).unwrap_or([[f32::NEG_INFINITY; MODEL_TAGS]; MODEL_TAGS + 1]);
        let into = std::array::from_fn(|next| std::array::from_fn(|current| from[current][next]));
        Confidence { emissions, tags, from, into, forward: Vec::new(), backward: Vec::new() }
    }

    /// The confidence that tokens `first..last` are a name of type `label`, in [0, 1]. Where
    /// each token's own scores already pick its decoded tag (the transitions only agreed), the
    /// softmax of those scores stands for the max-marginals, at a sixth of the cost.
    pub(crate) fn of(&mut self, first: usize, last: usize, label: Label) -> f32 {
        self.mean(first, last, |scores| type_probability(scores, label))
    }

    /// The same belief as log-odds, which do not saturate: the mean over the tokens of
    /// `ln P(type) − ln P(any other tag)` under the softmax of their max-marginals (a name the
    /// tagger is sure of scores in the hundreds, where [`Confidence::of`] is 1 in `f32`; one it
    /// reads as no name, below 0). Any tokens, not only a decoded span's: the calibration
    /// (`crate::calibration`) reads it for every name, whatever found it.
    pub(crate) fn log_odds(&mut self, first: usize, last: usize, label: Label) -> f32 {
        self.mean(first, last, |scores| type_log_odds(scores, label))
    }

    /// The mean over tokens `first..last` of `per_token` of their max-marginals (0 for no token).
    fn mean(&mut self, first: usize, last: usize, per_token: impl Fn(&[f32; MODEL_TAGS]) -> f32) -> f32 {
        let n = self.emissions.len().min(self.tags.len());
        if first >= last || last > n {
            return 0.0;
        }
        let own_choice = (first..last).all(|k| {
            let scores = &self.emissions[k];
            (0..MODEL_TAGS).all(|t| scores[t] <= scores[self.tags[k]])
        });
        if own_choice {
            return (first..last).map(|k| per_token(&self.emissions[k])).sum::<f32>() / (last - first) as f32;
        }
        let (from, to) = (first.saturating_sub(CONFIDENCE_WINDOW), (last + CONFIDENCE_WINDOW).min(n));
        let before = from.checked_sub(1).map_or(MODEL_TAGS, |k| self.tags[k]);
        let after = self.tags.get(to).copied();
        let width = to - from;
        let (into, emissions) = (&self.into, &self.emissions[from..to]);
        let transitions_from = &self.from;
        // max over rows r of (scores[r] + rows[r][t]), for every t: contiguous, independent lanes.
        let best_over = |scores: &[f32; MODEL_TAGS], rows: &[[f32; MODEL_TAGS]]| {
            let mut best = [f32::NEG_INFINITY; MODEL_TAGS];
            for (score, row) in scores.iter().zip(rows) {
                if *score == f32::NEG_INFINITY {
                    continue;
                }
                for t in 0..MODEL_TAGS {
                    // A compare and select rather than `f32::max`, whose care for NaN (none
                    // here) costs three instructions more per lane.
                    let s = score + row[t];
                    best[t] = if s > best[t] { s } else { best[t] };
                }
            }
            best
        };
        let forward = &mut self.forward;
        forward.clear();
        forward.resize(width, [f32::NEG_INFINITY; MODEL_TAGS]);
        for t in 0..MODEL_TAGS {
            forward[0][t] = transitions_from[before][t] + emissions[0][t];
        }
        for k in 1..width {
            let best = best_over(&forward[k - 1], &transitions_from[..MODEL_TAGS]);
            forward[k] = std::array::from_fn(|t| best[t] + emissions[k][t]);
        }
        let backward = &mut self.backward;
        backward.clear();
        backward.resize(width, [f32::NEG_INFINITY; MODEL_TAGS]);
        for t in 0..MODEL_TAGS {
            backward[width - 1][t] = match after {
                Some(next) => transitions_from[t][next],
                None if open(t) => f32::NEG_INFINITY,
                None => 0.0,
            };
        }
        for k in (0..width - 1).rev() {
            // The best way on from each tag x at k + 1, its emission included.
            let on: [f32; MODEL_TAGS] = std::array::from_fn(|x| emissions[k + 1][x] + backward[k + 1][x]);
            backward[k] = best_over(&on, into);
        }
        let token = |k: usize| per_token(&std::array::from_fn(|t| forward[k][t] + backward[k][t]));
        (first - from..last - from).map(token).sum::<f32>() / (last - first) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_without_the_underflow_is_exp() {
        let below = (0..=40_000).map(|k| -(k as f32) / 200.0);
        let near = (0..=2_000).map(|k| EXP_IS_ZERO + 1.0 - k as f32 / 1_000.0);
        for x in below.chain(near).chain([f32::NEG_INFINITY, f32::MIN, 0.0, 1.0]) {
            assert_eq!(exp(x).to_bits(), x.exp().to_bits(), "{x}");
        }
    }

    #[test]
    fn a_name_the_transitions_make_is_confident_and_a_weak_one_is_not() {
        // Token 1 reads as O by its own scores, but the transitions make it the second name of
        // a list (`S-PER S-PER`).
        let mut transitions = vec![0.0; (MODEL_TAGS + 1) * MODEL_TAGS];
        transitions[S_PER * MODEL_TAGS + S_PER] = 12.0;
        let mut person = [0.0; MODEL_TAGS];
        person[S_PER] = 10.0;
        let mut outside = [0.0; MODEL_TAGS];
        outside[0] = 6.0;
        let mut surely_outside = [0.0; MODEL_TAGS];
        surely_outside[0] = 20.0;
        let emissions = [person, outside, surely_outside];
        let tags = viterbi(&emissions, &transitions);
        assert_eq!(tags, [S_PER, S_PER, 0]);
        assert!(softmax_probability(&emissions[1], S_PER) < 0.01, "its own scores say O");
        assert!(Confidence::new(&emissions, &transitions, &tags).of(1, 2, Label::Per) > 0.99);
        // Without the transition, a name that barely wins is about even.
        let mut weak = [0.0; MODEL_TAGS];
        weak[S_PER] = 0.1;
        let plain = vec![0.0; (MODEL_TAGS + 1) * MODEL_TAGS];
        let emissions = [[0.0; MODEL_TAGS], weak, [0.0; MODEL_TAGS]];
        let confidence = Confidence::new(&emissions, &plain, &[0, S_PER, 0]).of(1, 2, Label::Per);
        assert!(confidence > 0.05 && confidence < 0.5, "{confidence}");
    }

    const B_PER: usize = 1;
    const I_PER: usize = 2;
    const E_PER: usize = 3;
    const S_PER: usize = 4;
    const B_LOC: usize = 5;
    const S_LOC: usize = 8;

    #[test]
    fn inside_and_end_need_an_open_name_of_their_type() {
        assert!(!allowed(None, I_PER));
        assert!(!allowed(None, E_PER));
        assert!(allowed(Some(B_PER), I_PER));
        assert!(allowed(Some(I_PER), E_PER));
        assert!(!allowed(Some(0), E_PER));
        assert!(!allowed(Some(B_LOC), E_PER), "E-PER after B-LOC");
        assert!(!allowed(Some(B_PER), 0), "O inside a name");
        assert!(allowed(Some(E_PER), S_LOC));
        assert!(allowed(Some(S_PER), B_PER));
        assert!(allowed(None, 0));
    }

    #[test]
    fn the_unrolled_constraints_are_the_allowed_pairs() {
        for current in 0..MODEL_TAGS {
            for previous in 0..MODEL_TAGS {
                let unrolled = match INSIDE.iter().find(|&&(inside, _)| inside == current) {
                    Some(&(_, begin)) => previous == begin || previous == begin + 1,
                    None => CLOSED.contains(&previous),
                };
                assert_eq!(unrolled, allowed(Some(previous), current), "{previous} → {current}");
            }
        }
    }

    #[test]
    fn the_forbidden_pairs_score_minus_infinity() {
        let transitions = vec![1.0; (MODEL_TAGS + 1) * MODEL_TAGS];
        let rows = allowed_rows(&transitions).expect("the right length");
        for (previous, row) in rows.iter().enumerate() {
            for (current, &score) in row.iter().enumerate() {
                let allowed = allowed((previous < MODEL_TAGS).then_some(previous), current);
                assert_eq!(score, if allowed { 1.0 } else { f32::NEG_INFINITY }, "{previous} → {current}");
            }
        }
        // 97 pairs of tags may follow each other: O, B and S after the 9 tags that close a name
        // or stand outside one, I and E after the B or I of their type.
        assert_eq!(rows[..MODEL_TAGS].iter().flatten().filter(|s| s.is_finite()).count(), 97);
        assert!(allowed_rows(&transitions[1..]).is_none());
    }

    /// Viterbi over every allowed pair, tested one by one, the earlier previous tag winning a
    /// tie: what [`viterbi`] unrolls.
    fn viterbi_pair_by_pair(emissions: &[[f32; MODEL_TAGS]], transitions: &[f32]) -> Vec<usize> {
        let n = emissions.len();
        let mut back = vec![[0usize; MODEL_TAGS]; n];
        let mut score: [f32; MODEL_TAGS] = std::array::from_fn(|t| {
            if allowed(None, t) { emissions[0][t] + transitions[MODEL_TAGS * MODEL_TAGS + t] } else { f32::NEG_INFINITY }
        });
        for i in 1..n {
            let mut next = [f32::NEG_INFINITY; MODEL_TAGS];
            for current in 0..MODEL_TAGS {
                let mut best = (f32::NEG_INFINITY, 0);
                for previous in (0..MODEL_TAGS).filter(|&p| allowed(Some(p), current)) {
                    let s = score[previous] + transitions[previous * MODEL_TAGS + current];
                    if s > best.0 {
                        best = (s, previous);
                    }
                }
                next[current] = best.0 + emissions[i][current];
                back[i][current] = best.1;
            }
            score = next;
        }
        let mut tag = (0..MODEL_TAGS).filter(|&t| !open(t)).fold(0, |best, t| if score[t] > score[best] { t } else { best });
        let mut tags = vec![0; n];
        for i in (0..n).rev() {
            tags[i] = tag;
            tag = back[i][tag];
        }
        tags
    }

    /// A compiled version of [`viterbi`].
    type Decoder = fn(&[[f32; MODEL_TAGS]], &[f32]) -> Vec<usize>;

    /// Each compiled version of [`viterbi`] this processor runs ([`crate::cpu`]).
    fn versions() -> Vec<(&'static str, Decoder)> {
        let any: (&'static str, Decoder) = ("any processor", viterbi_on_any);
        #[cfg(target_arch = "x86_64")]
        if crate::cpu::has_avx2() {
            // SAFETY: the processor has AVX2.
            return vec![any, ("AVX2", |emissions, transitions| unsafe { viterbi_with_avx2(emissions, transitions) })];
        }
        vec![any]
    }

    #[test]
    fn the_decoder_is_the_pairwise_one_ties_included() {
        // Scores of few distinct values, so that many paths tie.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut small = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 5) as f32 - 2.0
        };
        // Every version decodes 50 texts of each length as the pairwise decoder does.
        let decode_alike = |lengths: &[usize], score: &mut dyn FnMut() -> f32| {
            for &length in lengths {
                for _ in 0..50 {
                    let emissions: Vec<[f32; MODEL_TAGS]> = (0..length).map(|_| std::array::from_fn(|_| score())).collect();
                    let transitions: Vec<f32> = (0..(MODEL_TAGS + 1) * MODEL_TAGS).map(|_| score()).collect();
                    let expected = viterbi_pair_by_pair(&emissions, &transitions);
                    for (version, decode) in versions() {
                        assert_eq!(decode(&emissions, &transitions), expected, "{version}");
                    }
                }
            }
        };
        decode_alike(&[1, 2, 3, 7, 40], &mut small);
        // Scores in the hundreds with fractions, as the tagger's are.
        decode_alike(&[5, 60], &mut || small() * 97.3 + small() * 0.37);
    }

    #[test]
    fn bio_becomes_bioes() {
        let (per, loc) = (Label::Per, Label::Loc);
        let bio = [Tag::B(per), Tag::I(per), Tag::I(per), Tag::O, Tag::B(loc), Tag::I(loc), Tag::B(loc)];
        assert_eq!(from_bio(&bio), [B_PER, I_PER, E_PER, 0, B_LOC, 7, S_LOC]);
        assert_eq!(part(7), Some((loc, Part::End)));
    }

    #[test]
    fn viterbi_respects_constraints() {
        // Token 0 prefers I-PER but may not start with it; the text may not end inside a name.
        let mut a = [0.0; MODEL_TAGS];
        a[I_PER] = 10.0;
        a[B_PER] = 1.0;
        let mut b = [0.0; MODEL_TAGS];
        b[I_PER] = 6.0;
        b[E_PER] = 5.0;
        let transitions = vec![0.0; (MODEL_TAGS + 1) * MODEL_TAGS];
        let tags = viterbi(&[a, b], &transitions);
        assert_eq!(tags, [B_PER, E_PER], "B-PER E-PER: the constrained best");
        for window in tags.windows(2) {
            assert!(allowed(Some(window[0]), window[1]));
        }
        assert!(viterbi(&[], &transitions).is_empty());
    }

    #[test]
    fn softmax_is_a_probability() {
        let mut s = [0.0; MODEL_TAGS];
        s[3] = 5.0;
        let p = softmax_probability(&s, 3);
        assert!(p > 0.9 && p < 1.0);
        let total: f32 = (0..MODEL_TAGS).map(|t| softmax_probability(&s, t)).sum();
        assert!((total - 1.0).abs() < 1e-5);
    }
}

//! Training: an averaged structured perceptron (Collins 2002) over the features of
//! [`super::features`], with Viterbi under the BIOES constraints, deterministic for a given seed.

use rustc_hash::FxHashMap as HashMap;

use super::viterbi::{self, viterbi, MODEL_TAGS};
use super::features::{self, Lists};
use super::model::Model;
use super::gold::GoldText;
use crate::conll::Sentence;
use crate::extract::lexicon::Lexicon;
use crate::extract::Words;
use crate::text::tokenize::tokenize;

/// How to train (the defaults are what `kashif train` uses unless told otherwise).
///
/// ```
/// use kashif_core::tagger::{train_model, TrainOptions};
///
/// let corpus = "وصل O\nلافروف B-PER\nإلى O\nأنقرة B-LOC\n\nزار O\nبوتين B-PER\nدمشق B-LOC\n\n".repeat(3);
/// let sentences = kashif_core::conll::parse(&corpus);
/// let full = TrainOptions { epochs: 2, ..TrainOptions::default() };
/// assert_eq!((full.min_count, full.ensemble, full.prune), (2, 1, 0));
/// let pruned = TrainOptions { prune: 60, ..full.clone() };
/// let (big, small) = (train_model(&sentences, &full, |_, _| {}), train_model(&sentences, &pruned, |_, _| {}));
/// assert!(small.len() < big.len(), "{} < {}", small.len(), big.len());
/// ```
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Features seen fewer times than this in the training data are left out.
    pub min_count: u32,
    /// Seed of the sentence shuffling.
    pub seed: u64,
    /// Domain adaptation (Daumé 2007, "frustratingly easy"): every feature also fires in a copy
    /// private to the sentence's [`Sentence::domain`]; the model keeps the shared weights plus
    /// domain 0's copy, summed, so it costs nothing at tagging time.
    pub adapt: bool,
    /// Loss-augmented training: while training, every wrong tag of a token gets this much added
    /// to its score before decoding, so the perceptron also updates on right answers won by less
    /// than this margin (0 is the plain perceptron).
    pub cost: f32,
    /// The cost of tagging `O` a token that is inside an entity (replaces `cost` there; a higher
    /// value trades precision for recall).
    pub miss_cost: f32,
    /// Identity dropout: the share of training tokens, drawn anew at every visit, whose identity
    /// features (word and stem, alone and with a neighbour) are left out, so that the model
    /// learns what the context and the word's form say of names it never saw (0 keeps them all).
    pub dropout: f32,
    /// Seed ensembling: trains this many models on the same data with different shuffling and
    /// dropout seeds (the first is `seed`) and keeps the mean of their averaged weights, one
    /// model of the same features, so it costs nothing at tagging time (1 trains one model).
    pub ensemble: usize,
    /// Magnitude pruning: quantized weights of this many quanta or fewer (in absolute value)
    /// are left out of the model, and the features left with none: a smaller model on the
    /// wire (0 keeps every weight that quantizes to more than 0).
    pub prune: u8,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 8,
            min_count: 2,
            seed: 0x6b61_7368_6966,
            adapt: false,
            cost: 0.0,
            miss_cost: 0.0,
            dropout: 0.0,
            ensemble: 1,
            prune: 0,
        }
    }
}

struct Example<'a> {
    /// Feature ids of each token, flattened; `offsets[i]..offsets[i + 1]` are token i's.
    features: Vec<u32>,
    offsets: Vec<u32>,
    /// How many of token i's features, put first, are identity features (see
    /// [`features::IDENTITY_POSITIONS`]).
    identity: Vec<u8>,
    gold: &'a [usize],
    domain: u8,
}

/// A training sequence: feature hashes per token (flattened, `offsets`) and gold tags.
pub(crate) struct Seq {
    hashes: Vec<u64>,
    offsets: Vec<u32>,
    gold: Vec<usize>,
    domain: u8,
}

/// Computes the feature hashes and projected gold tags of the sentences.
fn hashed(sentences: &[Sentence], lexicon: &Lexicon, lists: &Lists) -> Vec<Seq> {
    sentences
        .iter()
        .map(|sentence| {
            let text = GoldText::of(&sentence.tokens);
            let tokens = tokenize(&text.folded);
            let gold = text.project(&tokens, &sentence.tags);
            let words = Words::new(&tokens);
            let candidates = lexicon.find(&words);
            let infos = features::token_infos(&words, &candidates, lists);
            let mut hashes = Vec::new();
            let mut offsets = vec![0u32];
            for i in 0..infos.len() {
                features::extract(&infos, i, &mut hashes);
                offsets.push(hashes.len() as u32);
            }
            Seq { hashes, offsets, gold: viterbi::from_bio(&gold), domain: sentence.domain }
        })
        .collect()
}

/// A small deterministic generator for the shuffling (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Trains the model.
pub(crate) fn train(
    sentences: &[Sentence],
    lexicon: &Lexicon,
    lists: &Lists,
    options: &TrainOptions,
    progress: impl FnMut(usize, usize),
) -> Model {
    let seqs = hashed(sentences, lexicon, lists);
    let all: Vec<&Seq> = seqs.iter().collect();
    fit(&all, options, progress)
}

/// Trains one model on sequences.
fn fit(seqs: &[&Seq], options: &TrainOptions, progress: impl FnMut(usize, usize)) -> Model {
    let (ids, names) = feature_ids(seqs, options.min_count);
    let examples: Vec<Example> =
        seqs.iter().filter(|seq| !seq.gold.is_empty()).map(|seq| example_of(seq, &ids)).collect();
    let feature_count = names.len();
    // With adaptation, feature f of a domain-d sentence also updates row f + (d + 1) × count.
    let copies = if options.adapt { 1 + examples.iter().map(|e| e.domain as usize + 1).max().unwrap_or(1) } else { 1 };
    let (weights, transitions) = ensemble(&examples, feature_count, copies, options, progress);
    let rows: Vec<(u64, [f32; MODEL_TAGS])> = names
        .iter()
        .enumerate()
        .map(|(f, &h)| (h, weights[f * MODEL_TAGS..][..MODEL_TAGS].try_into().unwrap_or([0.0; MODEL_TAGS])))
        .collect();
    Model::quantize(&rows, &transitions, options.prune)
}

/// The features seen at least `min_count` times: the id of each hash, and the hash of each id
/// (ids in the order of the hashes).
fn feature_ids(seqs: &[&Seq], min_count: u32) -> (HashMap<u64, u32>, Vec<u64>) {
    let mut counts: HashMap<u64, u32> = HashMap::default();
    for seq in seqs {
        for &h in &seq.hashes {
            *counts.entry(h).or_insert(0) += 1;
        }
    }
    let mut ids: HashMap<u64, u32> = HashMap::default();
    let mut names: Vec<u64> = Vec::new();
    let mut kept: Vec<u64> = counts.iter().filter(|(_, &c)| c >= min_count).map(|(&h, _)| h).collect();
    kept.sort_unstable();
    for h in kept {
        ids.insert(h, names.len() as u32);
        names.push(h);
    }
    (ids, names)
}

/// A sequence as the perceptron reads it: the ids of its kept features, each token's identity
/// features first, so that dropout leaves out a prefix.
fn example_of<'s>(seq: &'s Seq, ids: &HashMap<u64, u32>) -> Example<'s> {
    let mut features = Vec::with_capacity(seq.hashes.len());
    let mut new_offsets = vec![0u32];
    let mut identity = Vec::with_capacity(seq.gold.len());
    for window in seq.offsets.windows(2) {
        let hashes = &seq.hashes[window[0] as usize..window[1] as usize];
        // The identity features first, so that dropout leaves out a prefix.
        let is_identity = |p: usize| features::IDENTITY_POSITIONS.contains(&p);
        let before = features.len();
        features.extend(hashes.iter().enumerate().filter(|&(p, _)| is_identity(p)).filter_map(|(_, h)| ids.get(h)));
        identity.push((features.len() - before) as u8);
        features.extend(hashes.iter().enumerate().filter(|&(p, _)| !is_identity(p)).filter_map(|(_, h)| ids.get(h)));
        new_offsets.push(features.len() as u32);
    }
    Example { features, offsets: new_offsets, identity, gold: &seq.gold, domain: seq.domain }
}

/// The mean of the averaged weights and transitions of the [`TrainOptions::ensemble`] members'
/// perceptrons, the progress of member 0 reported.
fn ensemble(
    examples: &[Example],
    feature_count: usize,
    copies: usize,
    options: &TrainOptions,
    mut progress: impl FnMut(usize, usize),
) -> (Vec<f32>, Vec<f32>) {
    let members = options.ensemble.max(1);
    let seed_of = |member: usize| options.seed.wrapping_add((member as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(members);
    let mut weights = vec![0f32; feature_count * MODEL_TAGS];
    let mut transitions = vec![0f32; (MODEL_TAGS + 1) * MODEL_TAGS];
    let mut add = |(w, t): (Vec<f32>, Vec<f32>)| {
        weights.iter_mut().zip(&w).for_each(|(sum, w)| *sum += w / members as f32);
        transitions.iter_mut().zip(&t).for_each(|(sum, t)| *sum += t / members as f32);
    };
    // Members run `threads` at a time, the first of each batch on this thread (with the
    // progress of member 0); their weights are added in member order, so the result does not
    // depend on the number of threads.
    let mut first = 0;
    while first < members {
        let last = (first + threads).min(members);
        let results: Vec<(Vec<f32>, Vec<f32>)> = std::thread::scope(|scope| {
            let others: Vec<_> = (first + 1..last)
                .map(|m| scope.spawn(move || perceptron(examples, feature_count, copies, options, seed_of(m), |_, _| {})))
                .collect();
            let report = |epoch, errors| {
                if first == 0 {
                    progress(epoch, errors);
                }
            };
            let own = perceptron(examples, feature_count, copies, options, seed_of(first), report);
            std::iter::once(own).chain(others.into_iter().map(|h| h.join().expect("a training thread panicked"))).collect()
        });
        results.into_iter().for_each(&mut add);
        first = last;
    }
    (weights, transitions)
}

/// One averaged perceptron over the examples: its averaged weights (`feature_count × MODEL_TAGS`,
/// shared plus domain 0's copy) and transitions.
fn perceptron(
    examples: &[Example],
    feature_count: usize,
    copies: usize,
    options: &TrainOptions,
    seed: u64,
    mut progress: impl FnMut(usize, usize),
) -> (Vec<f32>, Vec<f32>) {
    let mut model = Perceptron::new(feature_count, copies);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(seed | 1);
    let mut emissions: Vec<[f32; MODEL_TAGS]> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut drop_rng = Rng(seed.rotate_left(17) | 1);
    let drop_below = (options.dropout.clamp(0.0, 1.0) * u32::MAX as f32) as u64;
    for epoch in 0..options.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        let mut errors = 0;
        for &e in &order {
            let example = &examples[e];
            starts.clear();
            for i in 0..example.gold.len() {
                let dropped = drop_below > 0 && (drop_rng.next() >> 32) < drop_below;
                starts.push(example.offsets[i] as usize + if dropped { usize::from(example.identity[i]) } else { 0 });
            }
            model.emissions(example, &starts, &mut emissions);
            add_costs(&mut emissions, example.gold, options);
            let predicted = viterbi(&emissions, &model.transitions);
            if predicted != example.gold {
                errors += 1;
                model.update(example, &starts, &predicted, example.gold, 1.0);
                model.update(example, &starts, &predicted, &predicted, -1.0);
            }
            model.step += 1.0;
        }
        progress(epoch + 1, errors);
    }
    model.averaged()
}

/// Loss-augmented training ([`TrainOptions::cost`], [`TrainOptions::miss_cost`]): adds the cost
/// of every wrong tag of a token to its score.
fn add_costs(emissions: &mut [[f32; MODEL_TAGS]], gold: &[usize], options: &TrainOptions) {
    if options.cost > 0.0 || options.miss_cost > 0.0 {
        for (scores, &gold) in emissions.iter_mut().zip(gold) {
            for (t, score) in scores.iter_mut().enumerate() {
                if t != gold {
                    *score += if t == 0 { options.miss_cost } else { options.cost };
                }
            }
        }
    }
}

/// The weights of a perceptron in training, their sums over the steps (for the average) and
/// the step, counted in examples seen.
struct Perceptron {
    feature_count: usize,
    /// 1, or with adaptation 1 + the number of domains: rows of a feature's copies.
    copies: usize,
    weights: Vec<f32>,
    totals: Vec<f32>,
    transitions: Vec<f32>,
    transition_totals: Vec<f32>,
    step: f32,
}

impl Perceptron {
    fn new(feature_count: usize, copies: usize) -> Self {
        let transition_count = (MODEL_TAGS + 1) * MODEL_TAGS;
        Perceptron {
            feature_count,
            copies,
            weights: vec![0f32; feature_count * copies * MODEL_TAGS],
            totals: vec![0f32; feature_count * copies * MODEL_TAGS],
            transitions: vec![0f32; transition_count],
            transition_totals: vec![0f32; transition_count],
            step: 1f32,
        }
    }

    /// The row of feature `f`'s copy for `domain`.
    fn copy_of(&self, f: u32, domain: u8) -> usize {
        f as usize + (domain as usize + 1) * self.feature_count
    }

    /// The tag scores of the example's tokens, each from its features from `starts[i]` on.
    fn emissions(&self, example: &Example, starts: &[usize], emissions: &mut Vec<[f32; MODEL_TAGS]>) {
        emissions.clear();
        for (i, &start) in starts.iter().enumerate() {
            let mut scores = [0f32; MODEL_TAGS];
            for &f in &example.features[start..example.offsets[i + 1] as usize] {
                let row = &self.weights[f as usize * MODEL_TAGS..][..MODEL_TAGS];
                for t in 0..MODEL_TAGS {
                    scores[t] += row[t];
                }
                if self.copies > 1 {
                    let row = &self.weights[self.copy_of(f, example.domain) * MODEL_TAGS..][..MODEL_TAGS];
                    for t in 0..MODEL_TAGS {
                        scores[t] += row[t];
                    }
                }
            }
            emissions.push(scores);
        }
    }

    /// Adds `delta` to the weights of `tags` (the gold or the predicted ones) where the
    /// prediction is wrong: of the features of a wrong token, and of a transition into one or
    /// out of one.
    fn update(&mut self, example: &Example, starts: &[usize], predicted: &[usize], tags: &[usize], delta: f32) {
        let step = self.step;
        for i in 0..example.gold.len() {
            if predicted[i] == example.gold[i] && (i == 0 || predicted[i - 1] == example.gold[i - 1]) {
                continue;
            }
            if predicted[i] != example.gold[i] {
                for &f in &example.features[starts[i]..example.offsets[i + 1] as usize] {
                    let at = f as usize * MODEL_TAGS + tags[i];
                    self.weights[at] += delta;
                    self.totals[at] += step * delta;
                    if self.copies > 1 {
                        let at = self.copy_of(f, example.domain) * MODEL_TAGS + tags[i];
                        self.weights[at] += delta;
                        self.totals[at] += step * delta;
                    }
                }
            }
            let previous = if i == 0 { MODEL_TAGS } else { tags[i - 1] };
            let at = previous * MODEL_TAGS + tags[i];
            self.transitions[at] += delta;
            self.transition_totals[at] += step * delta;
        }
    }

    /// Averaged weights (`w - totals / step`; shared plus domain 0's copy) and transitions.
    fn averaged(self) -> (Vec<f32>, Vec<f32>) {
        let step = self.step;
        let mut averaged = vec![0f32; self.feature_count * MODEL_TAGS];
        for (at, weight) in averaged.iter_mut().enumerate() {
            *weight = self.weights[at] - self.totals[at] / step;
            if self.copies > 1 {
                let (f, t) = (at / MODEL_TAGS, at % MODEL_TAGS);
                let at = self.copy_of(f as u32, 0) * MODEL_TAGS + t;
                *weight += self.weights[at] - self.totals[at] / step;
            }
        }
        let averaged_transitions =
            self.transitions.iter().zip(&self.transition_totals).map(|(w, total)| w - total / step).collect();
        (averaged, averaged_transitions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Label;
    use crate::conll::parse;

    /// Three sentences: a person and a place, twice, and a ministry.
    const TINY: &str = "قال O\nالرئيس O\nسمير B-PER\nخليل I-PER\nفي O\nطرابلس B-LOC\n\n\
                      وصل O\nسمير B-PER\nخليل I-PER\nإلى O\nطرابلس B-LOC\n\n\
                      وزارة B-ORG\nالصحة I-ORG\nفي O\nطرابلس B-LOC\n";

    /// The tagger's spans in a sentence, as (first token, one past the last, label).
    fn spans_in(tagger: &super::super::Tagger, sentence: &Sentence) -> Vec<(usize, usize, Label)> {
        let text = GoldText::of(&sentence.tokens);
        let tokens = tokenize(&text.folded);
        let words = Words::new(&tokens);
        tagger.spans(&words, &[]).iter().map(|s| (s.first, s.last, s.label)).collect()
    }

    #[test]
    fn learns_a_tiny_corpus_deterministically() {
        let sentences = parse(TINY);
        let lexicon = Lexicon::default();
        let lists = Lists::of_names("");
        let options =
            TrainOptions { epochs: 10, min_count: 1, seed: 7, adapt: false, ..TrainOptions::default() };
        let a = train(&sentences, &lexicon, &lists, &options, |_, _| {});
        let b = train(&sentences, &lexicon, &lists, &options, |_, _| {});
        assert_eq!(a.to_bytes(), b.to_bytes(), "same data and seed, same model");
        let tagger = super::super::Tagger::new(a, lists);
        assert_eq!(spans_in(&tagger, &sentences[1]), [(1, 3, Label::Per), (4, 5, Label::Loc)]);
    }

    #[test]
    fn an_ensemble_is_one_model_of_the_same_features() {
        let sentences = parse(TINY);
        let (lexicon, lists) = (Lexicon::default(), Lists::of_names(""));
        let train_with = |ensemble| {
            let options = TrainOptions { epochs: 10, min_count: 1, seed: 7, ensemble, ..TrainOptions::default() };
            train(&sentences, &lexicon, &lists, &options, |_, _| {})
        };
        let single = train_with(1);
        let ensemble = train_with(3);
        assert_eq!(ensemble.to_bytes(), train_with(3).to_bytes(), "same data and seeds, same model");
        assert_ne!(ensemble.to_bytes(), single.to_bytes(), "the other members change the weights");
        assert!(ensemble.len() <= single.len() * 2, "{} rows against {}", ensemble.len(), single.len());
        let tagger = super::super::Tagger::new(ensemble, Lists::of_names(""));
        assert_eq!(spans_in(&tagger, &sentences[1]), [(1, 3, Label::Per), (4, 5, Label::Loc)]);
    }

    #[test]
    fn adaptation_keeps_the_target_domain_convention() {
        let target = "قال O\nالرئيس O\nسمير B-PER\nخليل I-PER\nفي O\nطرابلس B-LOC\n\n\
                      وصل O\nسمير B-PER\nخليل I-PER\nإلى O\nطرابلس B-LOC\n\n";
        // Another corpus where the same word names a club.
        let other = "فاز O\nطرابلس B-ORG\nعلى O\nالنجمة B-ORG\n\n";
        let mut sentences = parse(&target.repeat(2));
        for mut sentence in parse(&other.repeat(3)) {
            sentence.domain = 1;
            sentences.push(sentence);
        }
        let options =
            TrainOptions { epochs: 10, min_count: 1, seed: 7, adapt: true, ..TrainOptions::default() };
        let model = train(&sentences, &Lexicon::default(), &Lists::of_names(""), &options, |_, _| {});
        let tagger = super::super::Tagger::new(model, Lists::of_names(""));
        assert_eq!(spans_in(&tagger, &sentences[1]), [(1, 3, Label::Per), (4, 5, Label::Loc)]);
    }
}

//! The statistical tagger: an averaged structured perceptron over BIOES tags (O, B/I/E/S of PER, LOC,
//! ORG, MISC) with Viterbi decoding, trained on ANERcorp train (see `data/README.md`).
//!
//! - [`features`]: hashed features of a token (word, folded stems, affixes, shape, window,
//!   lexicon and name-list membership, trigger words).
//! - [`model`]: quantized weights and their compact binary form (`data/tagger.bin`).
//! - [`viterbi`]: the BIOES tag scheme and Viterbi under its constraints.
//! - [`train`]: the perceptron.

#[cfg(feature = "train")]
pub(crate) mod clusters;
#[cfg(any(test, feature = "train"))]
pub(crate) mod gold;
pub(crate) mod viterbi;
pub(crate) mod features;
mod frequency;
pub(crate) mod rules;
pub(crate) mod model;
#[cfg(feature = "train")]
pub(crate) mod train;
mod open_addressing;
mod place_table;
mod word_cache;
mod word_slots;

use crate::analysis::Label;
#[cfg(feature = "train")]
use crate::conll::Sentence;
use viterbi::MODEL_TAGS;
use crate::extract::lexicon::Lexicon;
use crate::extract::{Candidate, Source, Words};
use crate::word_tables::WordTables;
#[cfg(test)]
use crate::text::normalize::Folded;
#[cfg(test)]
use crate::text::tokenize::tokenize;
use features::Lists;
pub use model::ModelError;
use model::Model;
use place_table::PlaceKey;
use word_cache::{Slot, TaggerId, WordCache, WordWeights};
use word_slots::word_hash;

/// How many tokens ahead the tagger asks the processor for the entry of a token's place in its
/// cache ([`WordCache::prefetch_place`]): a token's other work takes longer than the wait.
const PLACE_PREFETCH: usize = 4;

/// How many tokens ahead the tagger asks the processor for where a token's word is kept in its
/// cache ([`WordCache::prefetch_word`]); for what is kept of it, half as many.
const WORD_PREFETCH: usize = 8;

#[cfg(feature = "train")]
pub use train::TrainOptions;

/// A span the tagger found: tokens `[first, last)`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub first: usize,
    pub last: usize,
    pub label: Label,
    /// The mean, over the span's tokens, of the softmax probability of the chosen tag under the
    /// token's own scores.
    pub confidence: f32,
}

/// The tagger: a model and the word lists its features use.
#[derive(Debug)]
pub(crate) struct Tagger {
    model: Model,
    lists: Lists,
    /// Whose summed word weights a thread's [`WordCache`] holds.
    id: TaggerId,
}

impl Tagger {
    /// A tagger of `model`, with the word lists its features consult.
    pub(crate) fn new(model: Model, lists: Lists) -> Tagger {
        Tagger { model, lists, id: TaggerId::new() }
    }

    /// Reads a model in its binary form, to use with `lists`.
    pub(crate) fn from_bytes(bytes: &[u8], lists: Lists) -> Result<Tagger, ModelError> {
        Ok(Tagger::new(Model::from_bytes(bytes)?, lists))
    }

    /// The word lists its features consult.
    pub(crate) fn lists(&self) -> &Lists {
        &self.lists
    }

    /// How many features the model keeps.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.model.len()
    }

    /// The per-token tag scores of a text, in weight units, and the transitions to decode them
    /// with.
    ///
    /// Never inlined: where LLVM inlined it into a growing `merge`, the tagger lost a quarter of
    /// its speed (1.49M → 1.11M tokens/s in `cargo bench --bench analyze`).
    ///
    /// With them, the lexicon's matches when they are found here, where the word cache tells
    /// which words begin no name of the lexicon (none when they were given).
    #[inline(never)]
    fn emissions(&self, words: &Words<'_>, lexicon: Matches<'_>) -> (Vec<Candidate>, Vec<[f32; MODEL_TAGS]>) {
        let names = lexicon.to_find();
        WordCache::with(self.id, names.map(Lexicon::id), |cache| {
            cache.start_text();
            cache.reserve_for(words.tokens.len());
            let mut slots = Vec::with_capacity(words.tokens.len());
            // Each token's word, found in the cache after the processor was asked for where it
            // is kept `WORD_PREFETCH` tokens before, and for what is kept of it half as many.
            let hashes: Vec<u64> = words.tokens.iter().map(|token| word_hash(token.text)).collect();
            let text = |i: usize| words.tokens[i].text;
            // The first tokens' entries are asked for before the first is read, as the later
            // ones are while the tokens before them are.
            hashes.iter().take(WORD_PREFETCH).for_each(|&hash| cache.prefetch_word(hash));
            let facts = |i: usize| {
                if let Some(&ahead) = hashes.get(i + WORD_PREFETCH) {
                    cache.prefetch_word(ahead);
                }
                if let Some(&ahead) = hashes.get(i + WORD_PREFETCH / 2) {
                    cache.prefetch_facts(text(i + WORD_PREFETCH / 2), ahead);
                }
                let (slot, facts) =
                    cache.facts(text(i), hashes[i], || features::WordFacts::of(&self.lists, names, words, i));
                slots.push(slot);
                facts
            };
            let mut infos = features::token_infos_with(words, &self.lists, facts);
            let found = names.map_or_else(Vec::new, |names| {
                names.find_where(
                    words,
                    |i, reading| infos[i].name_starts.in_lexicon(reading),
                    |i| infos[i].name_starts.lexicon_number(),
                )
            });
            features::set_lexicon(&mut infos, lexicon.given().unwrap_or(&found));
            (found, self.one_pass(&infos, &slots, cache))
        })
    }

    /// The first pass's scores. The features of a word alone ([`features::FeatureSink`]) and
    /// those it gives its neighbours are scored once and kept in the word's `slots` of `cache`
    /// ([`WordCache`]): a word seen before, in this text or an earlier one, only has the rest
    /// of its place's hashed and looked up. The weights are integers: summed in this order or
    /// any other, the scores are the same.
    ///
    /// Compiled twice, and run with AVX2 where the processor has it ([`crate::cpu`]).
    #[inline(never)]
    fn one_pass(&self, infos: &[features::TokenInfo<'_>], slots: &[Slot], cache: &mut WordCache) -> Vec<[f32; MODEL_TAGS]> {
        #[cfg(target_arch = "x86_64")]
        if crate::cpu::has_avx2() {
            // SAFETY: the processor has AVX2, the one feature the function is compiled for.
            return unsafe { self.one_pass_with_avx2(infos, slots, cache) };
        }
        self.one_pass_on_any(infos, slots, cache)
    }

    /// [`Tagger::one_pass`] compiled for AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn one_pass_with_avx2(&self, infos: &[features::TokenInfo<'_>], slots: &[Slot], cache: &mut WordCache) -> Vec<[f32; MODEL_TAGS]> {
        self.one_pass_on_any(infos, slots, cache)
    }

    /// [`Tagger::one_pass`], compiled into each of its versions.
    #[inline(always)]
    fn one_pass_on_any(&self, infos: &[features::TokenInfo<'_>], slots: &[Slot], cache: &mut WordCache) -> Vec<[f32; MODEL_TAGS]> {
        let mut sums = vec![[0i32; MODEL_TAGS]; infos.len()];
        let mut hashes = features::SplitFeatures::with_neighbours_apart();
        // Each token's place, found in the cache `PLACE_PREFETCH` tokens after the processor
        // was asked for it.
        let places: Vec<(PlaceKey, u64)> = (0..infos.len())
            .map(|i| {
                let key = PlaceKey::of(&features::place(infos, i));
                (key, key.hash())
            })
            .collect();
        // What token `j` reads from the cache, asked for before it is read.
        let ask = |cache: &WordCache, j: usize| {
            if let Some((&(_, place), &word)) = places.get(j).zip(slots.get(j)) {
                cache.prefetch_place(place);
                cache.prefetch_weights(word);
            }
        };
        (0..PLACE_PREFETCH).for_each(|j| ask(cache, j));
        for (i, &slot) in slots.iter().enumerate().take(infos.len()) {
            ask(cache, i + PLACE_PREFETCH);
            let known = cache.has_weights(slot);
            let (place, place_hash) = places[i];
            let known_place = cache.place(place, place_hash).copied();
            hashes.clear(!known, known_place.is_none());
            features::extract(infos, i, &mut hashes);
            // The features of the place (when not kept) and the others, looked up together.
            let place_len = hashes.place.len();
            hashes.place.extend_from_slice(&hashes.context);
            let [of_place, rest] = self.model.quanta_in_groups(&hashes.place, [place_len, hashes.place.len()], [[0; MODEL_TAGS]; 2]);
            let of_place = match known_place {
                Some(kept) => kept.map(i32::from),
                None => {
                    cache.insert_place(place, place_hash, of_place);
                    of_place
                }
            };
            // Read where they are kept: a word's weights are too many to copy for each token.
            let weights = match cache.weights(slot) {
                Some(kept) => &*kept,
                none => none.insert(self.word_weights(&infos[i], &mut hashes.word)),
            };
            sums[i] = add(add(add_narrow(sums[i], &weights.own), &of_place), &rest);
            // The word stands at `offset` from the token it gives to.
            for (given, offset) in weights.given.iter().zip(features::NEIGHBOUR_OFFSETS) {
                if let Some(sum) = i.checked_add_signed(-offset).and_then(|j| sums.get_mut(j)) {
                    *sum = add_narrow(*sum, given);
                }
            }
        }
        sums.into_iter().map(|sum| self.model.scores(sum)).collect()
    }

    /// The summed weights of a word's own features (`own`, hashed) and of those it gives its
    /// neighbours, looked up together (the given hashes are added to `own`).
    #[inline(always)]
    fn word_weights(&self, word: &features::TokenInfo<'_>, own: &mut Vec<u64>) -> WordWeights {
        let own_len = own.len();
        let given = features::given_to_neighbours(word);
        own.extend_from_slice(given.all());
        let ends = [own_len, own_len + given.end(0), own_len + given.end(1), own_len + given.end(2), own.len()];
        let [own, given @ ..] = self.model.quanta_in_groups(own, ends, [[0; MODEL_TAGS]; 5]);
        WordWeights::of(own, given)
    }

    /// The entity spans of a text whose lexicon matches are `lexicon`.
    pub(crate) fn spans(&self, words: &Words<'_>, lexicon: &[Candidate]) -> Vec<Span> {
        self.decode(words, Matches::Found(lexicon)).1
    }

    /// The lexicon's matches in a text (when found here), its entity spans, and the tag scores
    /// and decoded tags of its tokens.
    fn decode(&self, words: &Words<'_>, lexicon: Matches<'_>) -> (Vec<Candidate>, Vec<Span>, Decoded<'_>) {
        let (lexicon, emissions) = self.emissions(words, lexicon);
        let transitions = &self.model.transitions[..];
        let tags = viterbi::viterbi(&emissions, transitions);
        (lexicon, spans_of(&tags, &emissions, transitions), Decoded { emissions, tags, transitions })
    }
}

/// The lexicon matches of a text the tagger reads: found already, or to find in a lexicon.
#[derive(Clone, Copy)]
enum Matches<'a> {
    Found(&'a [Candidate]),
    Find(&'a Lexicon),
}

impl<'a> Matches<'a> {
    /// The lexicon to find them in, if they are not found yet.
    fn to_find(self) -> Option<&'a Lexicon> {
        match self {
            Matches::Found(_) => None,
            Matches::Find(lexicon) => Some(lexicon),
        }
    }

    /// The matches found already, if they are.
    fn given(self) -> Option<&'a [Candidate]> {
        match self {
            Matches::Found(found) => Some(found),
            Matches::Find(_) => None,
        }
    }
}

/// The tagger's reading of a document: the tag scores of its tokens, the tags it decoded and its
/// transition scores, from which [`Decoded::confidence`] tells how sure it is of any name.
pub(crate) struct Decoded<'t> {
    emissions: Vec<[f32; MODEL_TAGS]>,
    tags: Vec<usize>,
    transitions: &'t [f32],
}

impl Decoded<'_> {
    /// How sure the tagger is that given tokens are a name of a given type.
    pub(crate) fn confidence(&self) -> viterbi::Confidence<'_> {
        viterbi::Confidence::new(&self.emissions, self.transitions, &self.tags)
    }
}

/// `sum` with `weights` added, tag by tag.
#[inline]
fn add(mut sum: [i32; MODEL_TAGS], weights: &[i32; MODEL_TAGS]) -> [i32; MODEL_TAGS] {
    for (s, w) in sum.iter_mut().zip(weights) {
        *s += w;
    }
    sum
}

/// `sum` with a word's kept `weights` added, tag by tag.
#[inline]
fn add_narrow(mut sum: [i32; MODEL_TAGS], weights: &[i16; MODEL_TAGS]) -> [i32; MODEL_TAGS] {
    for (s, w) in sum.iter_mut().zip(weights) {
        *s += i32::from(*w);
    }
    sum
}

/// Spans from a constrained tag sequence, with their confidence ([`viterbi::Confidence`]).
fn spans_of(tags: &[usize], emissions: &[[f32; MODEL_TAGS]], transitions: &[f32]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut confidence = viterbi::Confidence::new(emissions, transitions, tags);
    let mut i = 0;
    while i < tags.len() {
        let Some((label, part)) = viterbi::part(tags[i]) else {
            i += 1;
            continue;
        };
        let mut last = i + 1;
        if part == viterbi::Part::Begin {
            // The `I` tags of the name, then its `E`.
            while last < tags.len() && viterbi::part(tags[last]) == Some((label, viterbi::Part::Inside)) {
                last += 1;
            }
            if last < tags.len() && viterbi::part(tags[last]) == Some((label, viterbi::Part::End)) {
                last += 1;
            }
        }
        spans.push(Span { first: i, last, label, confidence: confidence.of(i, last, label) });
        i = last;
    }
    spans
}

#[cfg(feature = "train")]
/// Trains a model on CoNLL sentences with the embedded lexicon and name lists, and returns its
/// binary form (what `data/tagger.bin` holds). `progress(epoch, sentences with errors)` is
/// called after each pass. Deterministic: the same sentences and options give the same bytes.
///
/// ```
/// use kashif_core::tagger::{train_model, TrainOptions};
///
/// let corpus = "وصل O\nلافروف B-PER\nإلى O\nأنقرة B-LOC\n\nزار O\nبوتين B-PER\nدمشق B-LOC\n\n".repeat(3);
/// let sentences = kashif_core::conll::parse(&corpus);
/// let options = TrainOptions { epochs: 2, ..TrainOptions::default() };
/// let mut passes = 0;
/// let model = train_model(&sentences, &options, |_, _| passes += 1);
/// assert_eq!(passes, 2);
/// assert_eq!(model, train_model(&sentences, &options, |_, _| {}));
/// let analyzer = kashif_core::Analyzer::with_model(&model).unwrap();
/// assert!(analyzer.analyze("زار بوتين أنقرة").entities.iter().any(|m| m.text == "أنقرة"));
/// ```
pub fn train_model(sentences: &[Sentence], options: &TrainOptions, progress: impl FnMut(usize, usize)) -> Vec<u8> {
    let (lexicon, lists) = (crate::extract::lexicon::Lexicon::embedded(), features::Lists::parse_embedded());
    train::train(sentences, &lexicon, &lists, options, progress).to_bytes()
}

/// Where a tagger span's clitics end: none when the word is itself a known person-name token
/// (`كارين`, not ك + `ارين`; `بيونغ`, not ب + `يونغ`), else the least stripped reading whose
/// stem is a known person-name token (`ولافروف` → `لافروف`), else the most stripped one whose
/// stem starts with the article (`وبالرقة` → `الرقة`), else none.
fn clitic_prefix(lists: &Lists, words: &Words<'_>, first: usize) -> usize {
    let readings = words.readings(first);
    if readings.first().is_some_and(|r| lists.is_name(&r.stem)) {
        return 0;
    }
    readings
        .iter()
        .find(|r| r.prefix > 0 && lists.is_name(&r.stem))
        .or_else(|| readings.iter().rev().find(|r| r.prefix > 0 && r.stem.starts_with("ال")))
        .map_or(0, |r| r.prefix)
}

impl Tagger {
    /// How common a folded word is in Arabic text at large (0: unknown or rare, 7: most common).
    pub(crate) fn frequency(&self, word: &str) -> u8 {
        self.lists.frequency(word)
    }

    /// Merges the tagger's spans with the matches of `names` (the lexicon): tagger spans win,
    /// except that a curated lexicon name of the same type containing a span replaces it (on the dev split,
    /// letting gazetteer names do so too costs 1.6 points of F1); a lexicon name of the same
    /// type inside a tagger span gives it its id and display name (and its clitics);
    /// a lexicon match the tagger missed is kept, unless the tagger is sure it is no name
    /// ([`LEXICON_OVERRULED`]) or it is read through a more common word's clitics; then the rules
    /// of `steps` run ([`rules::RULES`]). Each candidate
    /// comes with its confidence: the span's for tagger spans, [`LEXICON_CONFIDENCE`] for
    /// lexicon matches the tagger did not find.
    ///
    /// These confidences weigh the votes of the rules (`consistent-types`); the analyzer shows
    /// calibrated ones, from the tagger's reading of the document ([`Decoded`]), also returned.
    pub(crate) fn merge(
        &self,
        words: &Words<'_>,
        names: &Lexicon,
        tables: &WordTables,
        steps: &rules::RuleSet,
    ) -> (Vec<(Candidate, f32)>, Decoded<'_>) {
        let (lexicon, spans, decoded) = self.decode(words, Matches::Find(names));
        let lexicon = if steps.on("split-mined-pairs") { rules::split_mined_pairs(names, words, lexicon) } else { lexicon };
        let mut merging = Merging::new(words, &lexicon, names, &self.lists, tables, steps, spans.len() + lexicon.len());
        for span in &spans {
            if !merging.covered[span.first] {
                merging.span(span);
            }
        }
        let Merging { covered, mut out, .. } = merging;
        let vetoed = self.add_missed_matches(words, lexicon, &decoded.emissions, steps, &covered, &mut out);
        // What the veto dropped is still a name where the text writes it as one (`في مسقط`).
        if steps.on("common-words-in-context") {
            self.add_named_in_context(tables, words, vetoed, steps.on("misread-clitics"), &covered, &mut out);
        }
        rules::run(&rules::RuleInput { words, lists: &self.lists, names, tables }, steps, &mut out);
        (out, decoded)
    }

    /// Adds to `out` the lexicon matches no tagger span covers, with [`LEXICON_CONFIDENCE`],
    /// unless the tagger is sure their common words are no name (`lexicon-overruled`: these are
    /// returned) or they are read through a more common word's clitics (`misread-clitics`).
    fn add_missed_matches(
        &self,
        words: &Words<'_>,
        lexicon: Vec<Candidate>,
        emissions: &[[f32; MODEL_TAGS]],
        steps: &rules::RuleSet,
        covered: &[bool],
        out: &mut Vec<(Candidate, f32)>,
    ) -> Vec<Candidate> {
        let (overruled, misread_on) = (steps.on("lexicon-overruled"), steps.on("misread-clitics"));
        let mut vetoed: Vec<Candidate> = Vec::new();
        for candidate in lexicon {
            // The tagger saw the lexicon's match among its features and is still sure these
            // common words are no name here (`عددا كبيرا`).
            let common = (candidate.first..candidate.last).all(|j| self.lists.is_common_word(words.tokens[j].text));
            let outside = || {
                (candidate.first..candidate.last).map(|j| viterbi::softmax_probability(&emissions[j], 0)).sum::<f32>()
                    / candidate.len().max(1) as f32
            };
            if overruled && common && outside() >= LEXICON_OVERRULED {
                vetoed.push(candidate);
                continue;
            }
            let misread = misread_on && misread_clitics(&self.lists, words, candidate.first, candidate.prefix);
            if !covered[candidate.first..candidate.last].iter().any(|&c| c) && !misread {
                out.push((candidate, LEXICON_CONFIDENCE));
            }
        }
        vetoed
    }

    /// Adds to `out`, as `common-words-in-context` found them, the `vetoed` matches that no name
    /// covers, not misread, and that the text writes as names ([`rules::named_in_context`]).
    fn add_named_in_context(
        &self,
        tables: &WordTables,
        words: &Words<'_>,
        vetoed: Vec<Candidate>,
        misread_on: bool,
        covered: &[bool],
        out: &mut Vec<(Candidate, f32)>,
    ) {
        let kept: Vec<Candidate> = vetoed
            .into_iter()
            .filter(|c| {
                let taken = covered[c.first..c.last].iter().any(|&c| c);
                let misread = misread_on && misread_clitics(&self.lists, words, c.first, c.prefix);
                !taken && !misread && rules::named_in_context(&tables.place_cues, &tables.rule_words, words, c, out)
            })
            .collect();
        out.extend(
            kept.into_iter()
                .map(|c| (Candidate { source: Source::Rule("common-words-in-context"), ..c }, LEXICON_CONFIDENCE)),
        );
    }
}

/// [`Tagger::merge`] under way, over the tagger's spans: the lexicon's matches, the match
/// covering each token, the tokens a name covers already and the names so far.
struct Merging<'m, 'w> {
    words: &'m Words<'w>,
    names: &'m Lexicon,
    lists: &'m Lists,
    tables: &'m WordTables,
    steps: &'m rules::RuleSet,
    lexicon: &'m [Candidate],
    /// Lexicon matches never overlap: the index of the match covering each token, if any.
    lexicon_at: Vec<Option<usize>>,
    covered: Vec<bool>,
    out: Vec<(Candidate, f32)>,
}

impl<'m, 'w> Merging<'m, 'w> {
    /// The merge of the tagger's spans over `words` with the `lexicon`'s matches there (made by
    /// `names`), room made for `capacity` names.
    fn new(
        words: &'m Words<'w>,
        lexicon: &'m [Candidate],
        names: &'m Lexicon,
        lists: &'m Lists,
        tables: &'m WordTables,
        steps: &'m rules::RuleSet,
        capacity: usize,
    ) -> Self {
        let mut lexicon_at: Vec<Option<usize>> = vec![None; words.tokens.len()];
        for (index, candidate) in lexicon.iter().enumerate() {
            lexicon_at[candidate.first..candidate.last].iter_mut().for_each(|at| *at = Some(index));
        }
        let covered = vec![false; words.tokens.len()];
        Merging { words, names, lists, tables, steps, lexicon, lexicon_at, covered, out: Vec::with_capacity(capacity) }
    }

    /// The lexicon match covering token `token`, if any.
    fn match_at(&self, token: usize) -> Option<&'m Candidate> {
        self.lexicon_at[token].map(|index| &self.lexicon[index])
    }

    fn cover(&mut self, first: usize, last: usize) {
        self.covered[first..last].iter_mut().for_each(|c| *c = true);
    }

    /// Adds the name or names a tagger span whose first token no name covers yet stands for.
    fn span(&mut self, span: &Span) {
        if let Some(described) = self.described(span) {
            self.cover(described.first, described.last);
            let prefix = clitic_prefix(self.lists, self.words, span.first);
            let candidate =
                Candidate { first: span.first, last: span.last, prefix, source: Source::Tagger, ..described.clone() };
            self.out.push((candidate, span.confidence));
            return;
        }
        if let Some(longer) = self.longer(span) {
            self.push_longer(span, longer);
            return;
        }
        self.cover(span.first, span.last);
        if let Some(same) = self.retyped(span) {
            self.out.push((Candidate { source: Source::Tagger, ..same.clone() }, span.confidence));
            return;
        }
        // Two known names side by side read as one (`استقبل بوتين أردوغان`): split them.
        let parts = tiling(self.lexicon, &self.lexicon_at, span);
        if parts.len() >= 2 {
            self.out.extend(parts.into_iter().map(|c| (c.clone(), span.confidence)));
            return;
        }
        let candidate = self.tagger_candidate(span);
        self.out.push((candidate, span.confidence));
    }

    /// A lexicon name that is the span with a descriptor word before it (`فريق برشلونة`,
    /// `قطاع غزة`, `صحيفة بيلد`) or, for an organization, a nationality after it (`ميلان
    /// الإيطالي`): the name is the span's words, the entity the lexicon's.
    fn described(&self, span: &Span) -> Option<&'m Candidate> {
        let words = self.words;
        self.match_at(span.first).filter(|c| {
            c.first <= span.first
                && c.last >= span.last
                && c.len() > span.last - span.first
                && (c.first..span.first).all(|j| self.tables.rule_words.is_descriptor(words, j))
                && (span.last..c.last).all(|j| c.label == Label::Org && is_demonym(self.tables, words, j))
        })
    }

    /// A curated lexicon name of the same type that contains the span is the longer, known name
    /// (`أحمد داود` → `أحمد داود أوغلو`): it replaces the span; so does a longer one of
    /// another type (`الشرق الأوسط` in `وكالة أنباء الشرق الأوسط`).
    fn longer(&self, span: &Span) -> Option<&'m Candidate> {
        self.match_at(span.first).filter(|c| {
            (c.label == span.label || c.len() > span.last - span.first) && c.last >= span.last && is_curated(c)
        })
    }

    /// Adds the `longer` name in place of the span, unless the span is itself a name of that
    /// entity (`حماس` in `حركة حماس`, `يديعوت أحرونوت` after `صحيفة`): then the text's words
    /// stay as the tagger read them, with the entity's id.
    fn push_longer(&mut self, span: &Span, longer: &Candidate) {
        match self.names.naming(self.words, span.first, span.last).filter(|(_, id)| *id == longer.id) {
            Some((prefix, _)) => {
                self.cover(span.first, span.last);
                let candidate =
                    Candidate { first: span.first, last: span.last, prefix, source: Source::Tagger, ..longer.clone() };
                self.out.push((candidate, span.confidence));
            }
            None => {
                self.cover(longer.first, longer.last);
                self.out.push((longer.clone(), span.confidence));
            }
        }
    }

    /// A curated name that is exactly the span is that entity, whatever type the tagger gave it
    /// (`مليون درهم`: the currency, not a place). So is a curated person, organization or place
    /// the tagger read as another name (`البيت الأبيض` tagged MISC): `known-over-misc`.
    fn retyped(&self, span: &Span) -> Option<&'m Candidate> {
        let known_over_misc = self.steps.on("known-over-misc");
        self.match_at(span.first).filter(|c| {
            let retyped = (c.label == Label::Misc && span.label != Label::Misc)
                || (known_over_misc && span.label == Label::Misc && c.label != Label::Misc);
            c.first == span.first && c.last == span.last && retyped && is_curated(c)
        })
    }

    /// The span as the tagger read it, with the clitics, id and display name of the longest
    /// lexicon name of its type inside it, if any.
    fn tagger_candidate(&self, span: &Span) -> Candidate {
        let inside = (span.first..span.last)
            .filter_map(|token| self.match_at(token))
            .filter(|c| c.label == span.label && c.first >= span.first && c.last <= span.last)
            .max_by_key(|c| c.len());
        let starting = self.match_at(span.first).filter(|c| c.first == span.first);
        let prefix = match starting {
            Some(c) => c.prefix,
            None => clitic_prefix(self.lists, self.words, span.first),
        };
        let (id, canonical) = match inside {
            Some(c) => (c.id.clone(), c.canonical.clone()),
            // Filled in by the analyzer from the surface (see `link::unknown_entity`).
            None => (String::new(), String::new()),
        };
        Candidate {
            first: span.first,
            last: span.last,
            prefix,
            label: span.label,
            canonical,
            id,
            source: Source::Tagger,
        }
    }
}

/// Whether token `at`, read with `prefix` chars of clitics, is rather a word of its own: it is at
/// least as common in Arabic as the name so reached (`كسرت`, "broke", read as ك + `سرت`, Sirte;
/// `باهر`, "dazzling", as ب + Ahar; `ولايزال` as Aizawl). With a clitic, a real name is far
/// rarer than without: `وسوريا` is 1.1 Zipf units under `سوريا`, `بحلب` 1.3 under `حلب`.
fn misread_clitics(lists: &Lists, words: &Words<'_>, at: usize, prefix: usize) -> bool {
    if prefix == 0 {
        return false;
    }
    let (Some(word), Some(reading)) = (words.text(at), words.readings(at).iter().find(|r| r.prefix == prefix)) else {
        return false;
    };
    let of_word = lists.frequency(word);
    of_word >= 2 && of_word >= lists.frequency(&reading.stem)
}

/// The lexicon names of the span's type that cover its tokens exactly, one after the other, each
/// a different entity; empty when they don't.
fn tiling<'a>(lexicon: &'a [Candidate], lexicon_at: &[Option<usize>], span: &Span) -> Vec<&'a Candidate> {
    let mut parts: Vec<&Candidate> = Vec::new();
    let mut at = span.first;
    while at < span.last {
        let Some(c) = lexicon_at[at].map(|index| &lexicon[index]) else { return Vec::new() };
        if c.first != at || c.last > span.last || c.label != span.label || parts.iter().any(|p| p.id == c.id) {
            return Vec::new();
        }
        parts.push(c);
        at = c.last;
    }
    parts
}


/// A country's nationality adjective (`data/demonyms.tsv`).
fn is_demonym(tables: &WordTables, words: &Words<'_>, at: usize) -> bool {
    words.text(at).is_some_and(|word| tables.demonyms.is_country_adjective(word))
}

/// True for hand-written lexicon entries (`per:`, `org:`, `loc:`, `misc:` ids).
pub(crate) fn is_curated(candidate: &Candidate) -> bool {
    ["per:", "org:", "loc:", "misc:"].iter().any(|p| candidate.id.starts_with(p))
}

/// The tagger's mean probability of `O` over a lexicon match it did not find above which the
/// match is dropped, when its words are also common words ([`Lists::is_common_word`]). On the
/// dev split (the last 10% of ANERcorp train) F1 72.78 → 73.30 (5-fold CV 76.10 → 76.58, AQMAR
/// dev PER/LOC/ORG 57.87 → 58.27); without the common-word condition 73.55 (CV 76.64), but the
/// tagger is just as sure of `O` on places ANERcorp never saw (`إدلب` in `نزح … من إدلب`).
pub(crate) const LEXICON_OVERRULED: f32 = 0.99;

/// The confidence given to a lexicon match the tagger did not find (and to a name a rule adds
/// or retypes): the weight of its vote in `consistent-types`. The confidence a mention shows is
/// not this but the calibrated one (`crate::calibration`).
pub(crate) const LEXICON_CONFIDENCE: f32 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_carry_confidence() {
        let mut strong = [0.0; MODEL_TAGS];
        strong[1] = 8.0;
        let mut weak = [0.0; MODEL_TAGS];
        weak[2] = 0.5;
        let transitions = vec![0.0; (MODEL_TAGS + 1) * MODEL_TAGS];
        let spans = spans_of(&[0, 1, 3, 0], &[[0.0; MODEL_TAGS], strong, weak, [0.0; MODEL_TAGS]], &transitions);
        assert_eq!(spans.len(), 1);
        assert_eq!((spans[0].first, spans[0].last, spans[0].label), (1, 3, Label::Per));
        assert!(spans[0].confidence > 0.4 && spans[0].confidence < 1.0);
    }

    #[test]
    fn two_known_names_side_by_side_are_two_mentions() {
        let analysis = crate::analyzer::shared_for_tests().analyze("استقبل بوتين أردوغان في الكرملين.");
        let people: Vec<&str> =
            analysis.entities.iter().filter(|m| m.label == Label::Per).map(|m| m.text.as_str()).collect();
        assert_eq!(people, ["بوتين", "أردوغان"]);
    }

    #[test]
    fn scoring_each_word_once_and_keeping_it_changes_no_score() {
        let tagger = &crate::resources::Resources::embedded().tagger;
        let texts = ["قال الرئيس بوتين إن بوتين لن يزور «الرئيس»، وقال الرئيس الروسي: بوتين 2020", "بوتين", "قال بوتين"];
        for text in texts {
            let folded = Folded::new(text);
            let tokens = tokenize(&folded);
            let words = Words::new(&tokens);
            let infos = features::token_infos(&words, &[], &tagger.lists);
            let every_feature: Vec<[f32; MODEL_TAGS]> = (0..infos.len())
                .map(|i| {
                    let mut hashes = Vec::new();
                    features::extract(&infos, i, &mut hashes);
                    let mut scores = [0.0; MODEL_TAGS];
                    tagger.model.score(&hashes, &mut scores);
                    scores
                })
                .collect();
            for (version, one_pass) in one_pass_versions() {
                let cache_of_this_text = TaggerId::new();
                for pass in ["words new to the cache", "words kept from before"] {
                    let scores = WordCache::with(cache_of_this_text, None, |cache| {
                        cache.start_text();
                        let slots: Vec<Slot> = (0..infos.len())
                            .map(|i| cache.facts(infos[i].word, word_hash(infos[i].word), || features::WordFacts::of(&tagger.lists, None, &words, i)).0)
                            .collect();
                        one_pass(tagger, &infos, &slots, cache)
                    });
                    assert_eq!(scores, every_feature, "{text}: {version}, {pass}");
                }
            }
        }
    }

    /// A compiled version of [`Tagger::one_pass`].
    type OnePass = fn(&Tagger, &[features::TokenInfo<'_>], &[Slot], &mut WordCache) -> Vec<[f32; MODEL_TAGS]>;

    /// Each compiled version of [`Tagger::one_pass`] this processor runs ([`crate::cpu`]).
    fn one_pass_versions() -> Vec<(&'static str, OnePass)> {
        let any: (&'static str, OnePass) = ("any processor", Tagger::one_pass_on_any);
        #[cfg(target_arch = "x86_64")]
        if crate::cpu::has_avx2() {
            // SAFETY: the processor has AVX2.
            return vec![any, ("AVX2", |tagger, infos, slots, cache| unsafe { tagger.one_pass_with_avx2(infos, slots, cache) })];
        }
        vec![any]
    }

    /// Which words begin a name, kept with them in the word cache, never changes what the
    /// lexicon finds: in a text the cache has not seen, then again once it keeps its words.
    #[test]
    fn the_lexicon_finds_the_same_names_with_the_words_kept() {
        let resources = crate::resources::Resources::embedded();
        let tagger = &resources.tagger;
        let text = "قال وزير الخارجية الأمريكي إن الولايات المتحدة وبمنبج ولإيران والسعودية ومنظمة الصحة العالمية \
                    وحركة حماس في قطاع غزة، وقالت الأمم المتحدة للأمم المتحدة إن عبدالله وعبد الله في الرياض";
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let expected = resources.lexicon.find(&words);
        assert!(expected.len() >= 8, "{expected:?}");
        for pass in ["words new to the cache", "words kept from before"] {
            let (found, _, _) = tagger.decode(&words, Matches::Find(&resources.lexicon));
            assert_eq!(found, expected, "{pass}");
        }
    }

    #[test]
    fn embedded_model_loads() {
        assert!(crate::resources::Resources::embedded().tagger.len() > 1000);
    }
}

//! What a tagger knows of a word wherever it stands, kept from one text to the next.
//!
//! The features of a word alone (its letters, affixes, stem, lists; [`super::features::FeatureSink`])
//! are the same wherever the word is, and so are those it gives its neighbours (their templates
//! that read the word before or after them: [`super::features::NEIGHBOUR_TEMPLATES`]); so their
//! weights are summed once per word and kept ([`WordWeights`]), and so is what the tagger's lists
//! say of the word ([`WordFacts`], with which of its readings begin a name of the lexicon or of
//! WikiFANE), which takes a dozen lookups to find; and the summed weights of the features a
//! token's place decides ([`Place`](super::features::Place): what the lists and the lexicon say
//! of it and its neighbours, their kinds, the topic), of which news has few. Within a text that
//! saves the words seen again; across the texts a thread tags, the common words of the language,
//! which make most of any article.
//!
//! One cache per thread (no lock), for one tagger and one lexicon at a time: a tagger has its
//! own [`TaggerId`] and a lexicon its own [`LexiconId`], and the cache of a thread that tags
//! with another tagger, or matches another lexicon, starts again. A word
//! has one [`Slot`], found once per token by its text; its facts and weights are kept there.
//! When the cache holds [`CAPACITY`] words or places, the next text keeps only those that came
//! more than once since it was last full ([`WordCache::start_text`]): about 16 MB of words
//! (their facts and 16-bit weights) and a table of 8.4 MB of places (64 bytes each, with their
//! 16-bit weights; 12.6 MB with 32-bit ones) at most, a little more for the words of
//! one long text, which are never dropped while it is tagged. The weights are integers, summed
//! in any order to the same total, and the facts are those the lists give: the tags never
//! depend on what the cache holds.

use std::cell::RefCell;

use super::features::{WordFacts, MOST_PLACE_FEATURES};
use super::place_table::{PlaceKey, PlaceTable};
use super::word_slots::WordSlots;
#[cfg(doc)]
use super::word_slots::word_hash;
use super::viterbi::MODEL_TAGS;
use crate::extract::lexicon::LexiconId;

/// The most words (and places) a thread's cache keeps before a new text thins it
/// ([`WordCache::start_text`]).
const CAPACITY: usize = 1 << 16;

/// The summed quantized weights of a word's own features and of those it gives its neighbours,
/// as 16-bit integers (half the memory a token reads): a word has at most 39 features of its
/// own and gives at most 4 to each neighbour, each at most 127 quanta, so every sum fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordWeights {
    /// Of the word's own features.
    pub own: [i16; MODEL_TAGS],
    /// Of the features it gives the tokens around it, by where it stands from them
    /// ([`super::features::NEIGHBOUR_OFFSETS`]).
    pub given: [[i16; MODEL_TAGS]; 4],
}

impl WordWeights {
    /// The weights of the sums `own` and `given` (see [`WordWeights`] for why they fit).
    #[inline(always)]
    pub(crate) fn of(own: [i32; MODEL_TAGS], given: [[i32; MODEL_TAGS]; 4]) -> WordWeights {
        WordWeights { own: narrow(own), given: given.map(narrow) }
    }
}

// A place's summed weights fit in 16 bits ([`WordCache::insert_place`]).
const _: () = assert!(MOST_PLACE_FEATURES * 127 <= i16::MAX as usize);

/// Summed weights as 16-bit integers, for sums the callers bound (see [`WordWeights`] and
/// [`WordCache::insert_place`]). A loop, not `<[_; N]>::map`, which the compiler left out of
/// line, out of the tagger's AVX2 version ([`crate::cpu`]).
#[inline(always)]
fn narrow(sums: [i32; MODEL_TAGS]) -> [i16; MODEL_TAGS] {
    let mut narrow = [0; MODEL_TAGS];
    for (narrow, sum) in narrow.iter_mut().zip(sums) {
        debug_assert!(i16::try_from(sum).is_ok(), "a summed weight {sum} overflows 16 bits");
        *narrow = sum.clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as i16;
    }
    narrow
}

/// What tells one tagger from another, for the cache: never the same for two taggers of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TaggerId(u64);

impl TaggerId {
    /// A new id, unlike any other of the run.
    pub(crate) fn new() -> TaggerId {
        TaggerId(crate::extract::new_id())
    }
}

/// What a thread's tagger keeps of the words it has tagged.
#[derive(Default)]
pub(crate) struct WordCache {
    tagger: Option<TaggerId>,
    /// The lexicon whose name starts the words' facts hold, once one was matched (the words kept
    /// while none was may begin any name: [`super::features::NameStarts`]).
    lexicon: Option<LexiconId>,
    /// Each word's place in `words`.
    slots: WordSlots,
    /// What is kept of each word, in the order the words came.
    words: Vec<KeptWord>,
    /// The summed weights of each place, and how often it came since the cache was last full.
    places: PlaceTable,
}

/// What the cache keeps of one word: what the lists say of it, and the summed weights of its
/// features once the tagger has summed them.
struct KeptWord {
    facts: WordFacts,
    weights: Option<WordWeights>,
    /// How often the word came since the cache was last full.
    seen: u32,
}

/// A word's place in a [`WordCache`], for the text being tagged: [`WordCache::start_text`]
/// keeps every place of a text valid until the next text starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot(u32);

thread_local! {
    static CACHE: RefCell<WordCache> = RefCell::default();
}

impl WordCache {
    /// Runs `f` with this thread's cache for the tagger `tagger` and the lexicon `lexicon` (none
    /// when the caller matches none).
    pub(crate) fn with<R>(tagger: TaggerId, lexicon: Option<LexiconId>, f: impl FnOnce(&mut WordCache) -> R) -> R {
        CACHE.with_borrow_mut(|cache| {
            let other_lexicon = lexicon.is_some() && cache.lexicon.is_some() && cache.lexicon != lexicon;
            if cache.tagger != Some(tagger) || other_lexicon {
                *cache = WordCache { tagger: Some(tagger), ..WordCache::default() };
            }
            cache.lexicon = cache.lexicon.or(lexicon);
            f(cache)
        })
    }

    /// Makes room for a new text: when the cache holds [`CAPACITY`] words (or places) or more,
    /// keeps only those that came more than once since it was last full, which the text of any
    /// language mostly repeats, and forgets the others (the words of one text are never
    /// dropped while it is tagged, so its [`Slot`]s hold). On the 10 MB corpus on one core, with
    /// room for 65,536 words, 90,888 of its 1,055,368 tokens were of words new to the cache;
    /// emptied when full instead, 112,944.
    pub(crate) fn start_text(&mut self) {
        if self.words.len() >= CAPACITY {
            // Each word's new slot, as the words that stay move up.
            let mut new_slots = Vec::with_capacity(self.words.len());
            let mut kept = 0;
            self.words.retain_mut(|word| {
                let keep = word.seen > 1;
                new_slots.push(keep.then_some(kept));
                kept += u32::from(keep);
                word.seen = 0;
                keep
            });
            self.slots.renumber(|slot| new_slots[slot as usize]);
        }
        if self.places.len() >= CAPACITY {
            self.places.keep_seen_again();
        }
    }

    /// Makes room, in a cache that holds no word yet, for the words and places of a text of
    /// `tokens` tokens (half as many, at most [`CAPACITY`]): grown as they filled, its tables
    /// were copied a dozen times in a new analyzer's first 10,000-word article (4,990 new words
    /// in 12,526 tokens; 146.4 → 143.4 M instructions). A cache that holds words keeps its size.
    pub(crate) fn reserve_for(&mut self, tokens: usize) {
        if self.words.is_empty() {
            let room = (tokens / 2).min(CAPACITY);
            self.words.reserve(room);
            self.slots.reserve(room);
            self.places.reserve(room);
        }
    }

    /// The slot of `word` (of hash `hash`: [`word_hash`]) and what the lists say of it
    /// ([`WordFacts`]): kept from an earlier call, else found by `find` and kept.
    #[inline]
    pub(crate) fn facts(&mut self, word: &str, hash: u64, find: impl FnOnce() -> WordFacts) -> (Slot, WordFacts) {
        if let Some(slot) = self.slots.get(word, hash) {
            let kept = &mut self.words[slot as usize];
            kept.seen += 1;
            return (Slot(slot), kept.facts);
        }
        let slot = self.words.len() as u32;
        let facts = find();
        self.words.push(KeptWord { facts, weights: None, seen: 1 });
        self.slots.insert(word, hash, slot);
        (Slot(slot), facts)
    }

    /// Asks the processor for where the word of hash `hash` would be found: the tagger reads it
    /// a few tokens later.
    #[inline]
    pub(crate) fn prefetch_word(&self, hash: u64) {
        self.slots.prefetch(hash);
    }

    /// Asks the processor for what the lists say of `word` (of hash `hash`), if the cache keeps
    /// it: the tagger reads it a few tokens later.
    #[inline]
    pub(crate) fn prefetch_facts(&self, word: &str, hash: u64) {
        if let Some(slot) = self.slots.get(word, hash) {
            crate::prefetch::prefetch(&self.words[slot as usize].facts);
        }
    }

    /// Asks the processor for the summed weights of the word in `slot`, which the tagger reads
    /// a few tokens later.
    #[inline]
    pub(crate) fn prefetch_weights(&self, slot: Slot) {
        if let Some(word) = self.words.get(slot.0 as usize) {
            crate::prefetch::prefetch(&word.weights);
        }
    }

    /// Whether the weights of the features of the word in `slot` are summed and kept.
    #[inline]
    pub(crate) fn has_weights(&self, slot: Slot) -> bool {
        self.words[slot.0 as usize].weights.is_some()
    }

    /// Where the summed weights of the features of the word in `slot` are kept (none until
    /// they are summed). Not a method that takes the summing as a closure: the compiler left
    /// that closure out of line, and with it the summing, out of the tagger's AVX2 version
    /// ([`crate::cpu`]).
    #[inline(always)]
    pub(crate) fn weights(&mut self, slot: Slot) -> &mut Option<WordWeights> {
        &mut self.words[slot.0 as usize].weights
    }

    /// The summed weights of the features of a token's place
    /// ([`Place`](super::features::Place): its key and the key's hash), if summed before.
    #[inline]
    pub(crate) fn place(&mut self, key: PlaceKey, hash: u64) -> Option<&[i16; MODEL_TAGS]> {
        self.places.get(key, hash)
    }

    /// Asks the processor for where the place of hash `hash` would be kept: the tagger reads it
    /// a few tokens later.
    #[inline]
    pub(crate) fn prefetch_place(&self, hash: u64) {
        self.places.prefetch(hash);
    }

    /// Keeps the summed weights of the features of a place, as 16-bit integers: a place decides
    /// at most [`MOST_PLACE_FEATURES`] features, each at most 127 quanta, so every sum fits (an
    /// entry of the table takes 64 bytes, one cache line, not 96).
    pub(crate) fn insert_place(&mut self, key: PlaceKey, hash: u64, quanta: [i32; MODEL_TAGS]) {
        self.places.insert(key, hash, narrow(quanta));
    }

    /// How many words the cache holds.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tagger::word_slots::word_hash;
    use crate::extract::Words;
    use crate::text::{normalize::Folded, tokenize::tokenize};

    fn weights(w: i16) -> WordWeights {
        WordWeights { own: [w; MODEL_TAGS], given: [[w; MODEL_TAGS]; 4] }
    }

    /// What the embedded lists say of the second word of `قال بوتين`.
    fn facts_of_putin() -> WordFacts {
        let folded = Folded::new("قال بوتين");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        WordFacts::of(super::super::features::Lists::embedded(), None, &words, 1)
    }

    #[test]
    fn a_thread_keeps_words_for_one_tagger_at_a_time() {
        let (a, b) = (TaggerId::new(), TaggerId::new());
        assert_ne!(a, b);
        let facts = facts_of_putin();
        let slot = WordCache::with(a, None, |cache| {
            let (slot, _) = cache.facts("بوتين", word_hash("بوتين"), || facts);
            *cache.weights(slot) = Some(weights(1));
            slot
        });
        assert_eq!(WordCache::with(a, None, |cache| cache.weights(slot).unwrap()), weights(1));
        assert_eq!(WordCache::with(b, None, |cache| cache.len()), 0, "another tagger starts again");
        assert_eq!(WordCache::with(a, None, |cache| cache.len()), 0);
    }

    #[test]
    fn the_facts_of_a_word_are_found_once() {
        let found = facts_of_putin();
        let mut finds = 0;
        WordCache::with(TaggerId::new(), None, |cache| {
            let slots: Vec<Slot> = (0..3)
                .map(|_| {
                    let (slot, facts) = cache.facts("بوتين", word_hash("بوتين"), || {
                        finds += 1;
                        found
                    });
                    assert_eq!(facts, found);
                    slot
                })
                .collect();
            assert!(slots.iter().all(|&slot| slot == slots[0]), "one slot per word");
            assert!(!cache.has_weights(slots[0]), "no weights before they are summed");
            *cache.weights(slots[0]) = Some(weights(4));
            assert_eq!(cache.weights(slots[0]).unwrap(), weights(4));
        });
        assert_eq!(finds, 1);
    }

    #[test]
    fn words_of_any_length_have_one_slot_each() {
        let facts = facts_of_putin();
        // 10 bytes, 22 (the most a key holds in itself), 24 and 26.
        let words = ["بوتين", "والاستخبارا", "والاستخبارات", "وبالاستخبارات"];
        assert_eq!(words.map(str::len), [10, 22, 24, 26]);
        WordCache::with(TaggerId::new(), None, |cache| {
            let slots = words.map(|word| cache.facts(word, word_hash(word), || facts).0);
            let again = words.map(|word| cache.facts(word, word_hash(word), || unreachable!("kept")).0);
            assert_eq!(slots, again);
            assert_eq!(cache.len(), words.len());
        });
    }

    #[test]
    fn a_full_cache_keeps_the_words_that_came_again() {
        let facts = facts_of_putin();
        WordCache::with(TaggerId::new(), None, |cache| {
            let (again, _) = cache.facts("بوتين", word_hash("بوتين"), || facts);
            *cache.weights(again) = Some(weights(3));
            cache.facts("بوتين", word_hash("بوتين"), || facts);
            for i in 0..CAPACITY {
                cache.facts(&i.to_string(), word_hash(&i.to_string()), || facts);
            }
            cache.start_text();
            assert_eq!(cache.len(), 1, "only the word that came twice is kept");
            let (slot, _) = cache.facts("بوتين", word_hash("بوتين"), || unreachable!("kept"));
            assert_eq!(cache.weights(slot).unwrap(), weights(3));
        });
    }

    #[test]
    fn a_full_cache_forgets_the_words_that_came_once_when_a_text_starts_never_within_one() {
        let facts = facts_of_putin();
        WordCache::with(TaggerId::new(), None, |cache| {
            for i in 0..=CAPACITY {
                cache.facts(&i.to_string(), word_hash(&i.to_string()), || facts);
            }
            assert_eq!(cache.len(), CAPACITY + 1, "within a text every slot holds");
            cache.start_text();
            assert_eq!(cache.len(), 0);
            let (slot, _) = cache.facts("كلمة", word_hash("كلمة"), || facts);
            *cache.weights(slot) = Some(weights(2));
            cache.start_text();
            assert_eq!((cache.len(), cache.weights(slot).unwrap()), (1, weights(2)));
        });
    }
}

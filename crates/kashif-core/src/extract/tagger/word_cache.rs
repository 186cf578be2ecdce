//! What a tagger knows of a word wherever it stands, kept from one text to the next.
//!
//! The features of a word alone (its letters, affixes, stem, lists; [`super::features::FeatureSink`])
//! are the same wherever the word is, and so are those it gives its neighbours (their templates
//! that read the word before or after them: [`super::features::NEIGHBOUR_TEMPLATES`]); so their
//! weights are summed once per word and kept ([`WordWeights`]), and so is what the tagger's lists
//! say of the word ([`WordFacts`]), which takes a dozen lookups to find; and the summed weights
//! of the features a token's place decides ([`Place`]: what the lists and the lexicon say of it
//! and its neighbours, their kinds, the topic), of which news has few. Within a text that saves
//! the words seen again; across the texts a thread tags, the common words of the language, which
//! make most of any article.
//!
//! One cache per thread (no lock), for one tagger at a time: a tagger has its own
//! [`TaggerId`], and the cache of a thread that tags with another tagger starts again. It holds
//! at most [`CAPACITY`] words of each kind (about 13 MB of weights: five sums of 17 tags each,
//! and the word; 2 MB of facts and 3 MB of places) and each map is emptied when full. The weights are integers,
//! summed in any order to the same total, and the facts are those the lists give: the tags never
//! depend on what the cache holds.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

use super::features::{Place, WordFacts};
use super::viterbi::MODEL_TAGS;

/// The most words a thread's cache keeps before it is emptied.
const CAPACITY: usize = 1 << 15;

/// The summed quantized weights of a word's own features and of those it gives its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordWeights {
    /// Of the word's own features.
    pub own: [i32; MODEL_TAGS],
    /// Of the features it gives the tokens around it, by where it stands from them
    /// ([`super::features::NEIGHBOUR_OFFSETS`]).
    pub given: [[i32; MODEL_TAGS]; 4],
}

/// What tells one tagger from another, for the cache: never the same for two taggers of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TaggerId(u64);

impl TaggerId {
    /// A new id, unlike any other of the run.
    pub(crate) fn new() -> TaggerId {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        TaggerId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// The summed weights of the words a thread has tagged.
#[derive(Default)]
pub(crate) struct WordCache {
    tagger: Option<TaggerId>,
    quanta: FxHashMap<Box<str>, WordWeights>,
    facts: FxHashMap<Box<str>, WordFacts>,
    places: FxHashMap<Place, [i32; MODEL_TAGS]>,
}

thread_local! {
    static CACHE: RefCell<WordCache> = RefCell::default();
}

impl WordCache {
    /// Runs `f` with this thread's cache for the tagger `tagger`.
    pub(crate) fn with<R>(tagger: TaggerId, f: impl FnOnce(&mut WordCache) -> R) -> R {
        CACHE.with_borrow_mut(|cache| {
            if cache.tagger != Some(tagger) {
                *cache = WordCache { tagger: Some(tagger), ..WordCache::default() };
            }
            f(cache)
        })
    }

    /// The summed weights of `word`'s features, if summed before.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<&WordWeights> {
        self.quanta.get(word)
    }

    /// Keeps the summed weights of `word`'s features.
    pub(crate) fn insert(&mut self, word: &str, quanta: WordWeights) {
        keep(&mut self.quanta, word.into(), quanta);
    }

    /// What the lists say of `word` ([`WordFacts`]): kept from an earlier call, else found by
    /// `find` and kept.
    #[inline]
    pub(crate) fn facts(&mut self, word: &str, find: impl FnOnce() -> WordFacts) -> WordFacts {
        if let Some(facts) = self.facts.get(word) {
            return *facts;
        }
        let facts = find();
        keep(&mut self.facts, word.into(), facts);
        facts
    }

    /// The summed weights of the features of a token's place ([`Place`]), if summed before.
    #[inline]
    pub(crate) fn place(&self, place: &Place) -> Option<&[i32; MODEL_TAGS]> {
        self.places.get(place)
    }

    /// Keeps the summed weights of the features of a place.
    pub(crate) fn insert_place(&mut self, place: Place, quanta: [i32; MODEL_TAGS]) {
        keep(&mut self.places, place, quanta);
    }

    /// How many words the cache holds.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.quanta.len()
    }
}

/// Keeps `value` under `key` in `map`, emptying the map first when it holds [`CAPACITY`] keys.
fn keep<K: std::hash::Hash + Eq, V>(map: &mut FxHashMap<K, V>, key: K, value: V) {
    if map.len() >= CAPACITY {
        map.clear();
    }
    map.insert(key, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weights(w: i32) -> WordWeights {
        WordWeights { own: [w; MODEL_TAGS], given: [[w; MODEL_TAGS]; 4] }
    }

    #[test]
    fn a_thread_keeps_words_for_one_tagger_at_a_time() {
        let (a, b) = (TaggerId::new(), TaggerId::new());
        assert_ne!(a, b);
        WordCache::with(a, |cache| cache.insert("بوتين", weights(1)));
        assert_eq!(WordCache::with(a, |cache| cache.get("بوتين").copied()), Some(weights(1)));
        assert_eq!(WordCache::with(b, |cache| cache.get("بوتين").copied()), None, "another tagger starts again");
        assert_eq!(WordCache::with(a, |cache| cache.len()), 0);
    }

    #[test]
    fn the_facts_of_a_word_are_found_once() {
        use crate::extract::Words;
        use crate::text::{normalize::Folded, tokenize::tokenize};
        let tokens = tokenize(&Folded::new("قال بوتين"));
        let words = Words::new(&tokens);
        let lists = super::super::features::Lists::embedded();
        let found = WordFacts::of(lists, &words, 1);
        let mut finds = 0;
        WordCache::with(TaggerId::new(), |cache| {
            for _ in 0..3 {
                let facts = cache.facts("بوتين", || {
                    finds += 1;
                    found
                });
                assert_eq!(facts, found);
            }
        });
        assert_eq!(finds, 1);
    }

    #[test]
    fn a_full_cache_is_emptied() {
        let tagger = TaggerId::new();
        WordCache::with(tagger, |cache| {
            for i in 0..CAPACITY {
                cache.insert(&i.to_string(), weights(0));
            }
            assert_eq!(cache.len(), CAPACITY);
            cache.insert("كلمة", weights(2));
            assert_eq!((cache.len(), cache.get("كلمة").copied()), (1, Some(weights(2))));
        });
    }
}

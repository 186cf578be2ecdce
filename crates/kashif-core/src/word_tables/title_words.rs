//! The titles, modifiers and prepositions of `data/title_words.tsv`, which the titles and the
//! tagger's rules read.

use super::word_map::{WordMap, WordSet};
use crate::text::normalize::Folded;
use crate::text::tokenize::tokenize;
use crate::tsv::data_rows;

/// The titles, modifiers and prepositions of `data/title_words.tsv`, folded.
pub(crate) struct TitleWords {
    /// Folded first token → title token sequences starting with it, longest first.
    pub(crate) titles: WordMap<String, Vec<Vec<String>>>,
    pub(crate) adjectives: WordSet<String>,
    /// Prepositions between a title and its complement (`السفير لدى الأمم المتحدة`).
    pub(crate) prepositions: WordSet<String>,
}

fn folded_tokens(text: &str) -> Vec<String> {
    tokenize(&Folded::new(text)).into_iter().map(|t| t.text.to_owned()).collect()
}

/// A title's tokens, under its first token, once.
fn add_title(titles: &mut WordMap<String, Vec<Vec<String>>>, tokens: Vec<String>) {
    if let Some(first) = tokens.first() {
        let entry = titles.get_or_insert_with(first.clone(), Vec::new);
        if !entry.contains(&tokens) {
            entry.push(tokens);
        }
    }
}

impl TitleWords {
    /// Reads `data/title_words.tsv`: folds and tokenizes the titles; the modifiers and
    /// prepositions are read as they are written, folded.
    pub(crate) fn parse(tsv: &str) -> TitleWords {
        let mut titles: WordMap<String, Vec<Vec<String>>> = WordMap::default();
        let mut adjectives = WordSet::default();
        let mut prepositions = WordSet::default();
        for fields in data_rows(tsv) {
            match fields.get(1).copied() {
                Some("TITLE") => add_title(&mut titles, folded_tokens(fields[0])),
                Some("MODIFIER") => {
                    adjectives.insert(fields[0].to_owned());
                }
                Some("PREPOSITION") => {
                    prepositions.insert(fields[0].to_owned());
                }
                other => panic!("data/title_words.tsv: `{}` has an unknown kind {other:?}", fields[0]),
            }
        }
        for sequences in titles.values_mut() {
            sequences.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
        TitleWords { titles, adjectives, prepositions }
    }

    /// Whether a folded word is a title of one word by itself (`الاميره`، `الرييس`، `الشيخ`).
    pub(crate) fn is_one_word_title(&self, folded: &str) -> bool {
        self.titles.get(folded).is_some_and(|sequences| sequences.iter().any(|s| s.len() == 1))
    }
}

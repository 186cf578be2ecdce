//! The number words (`data/number_words.tsv`), which numbers, figures, dates and the tagger's
//! rules read.

use super::word_map::WordMap;
use crate::tsv::data_rows;

/// What a number word contributes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum NumberWord {
    /// Added to the group being built (units, tens, hundreds).
    Add(f64),
    /// Multiplies the group being built (thousand, million, billion).
    Scale(f64),
}

/// Number words in folded form (so مئة is `ميه`: ئ folds to ي), of `data/number_words.tsv`.
/// `احد` is left out: it is far more often "one of" or Sunday.
pub(crate) struct NumberWords(WordMap<&'static str, NumberWord>);

impl NumberWords {
    /// Reads the number words of `data/number_words.tsv`.
    pub(crate) fn parse(tsv: &'static str) -> NumberWords {
        NumberWords(number_words(tsv))
    }

    pub(crate) fn get(&self, folded: &str) -> Option<NumberWord> {
        self.0.get(folded).copied()
    }

    /// True when the folded word is a number word (ثلاثة، عشرين، مئة، ألف …).
    pub(crate) fn is_number_word(&self, folded: &str) -> bool {
        self.get(folded).is_some()
    }

    /// The factor of a folded scale word (`SCALE`: `آلاف` → 1000, `مليون`، `مليار`).
    pub(crate) fn scale(&self, folded: &str) -> Option<f64> {
        match self.get(folded)? {
            NumberWord::Scale(factor) => Some(factor),
            NumberWord::Add(_) => None,
        }
    }
}

/// Reads `data/number_words.tsv`: the word, `ADD` or `SCALE`, and its value, a whole number
/// (read as an integer: no float parsing for a table of whole numbers). Another kind is a build
/// defect.
fn number_words(tsv: &'static str) -> WordMap<&'static str, NumberWord> {
    data_rows(tsv)
        .map(|fields| {
            let (word, value) = (fields[0], fields.get(2).copied().unwrap_or(""));
            let value = value
                .parse::<u64>()
                .unwrap_or_else(|_| panic!("data/number_words.tsv: `{word}` has no whole number but `{value}`"))
                as f64;
            match fields.get(1).copied() {
                Some("ADD") => (word, NumberWord::Add(value)),
                Some("SCALE") => (word, NumberWord::Scale(value)),
                other => panic!("data/number_words.tsv: `{word}` has an unknown kind {other:?}"),
            }
        })
        .collect()
}

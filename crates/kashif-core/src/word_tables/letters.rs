//! The Arabic spellings of Latin letters (`data/letter_names.tsv`), which the rule of spelled
//! acronyms reads.

use super::word_map::WordMap;
use crate::text::normalize::fold;
use crate::tsv::data_rows;

/// The spellings of `data/letter_names.tsv`, folded: each with whether it is also a common
/// Arabic word (`AMBIG`).
pub(crate) struct Letters {
    spellings: WordMap<String, bool>,
    /// The bytes of the longest spelling: the rule asks of every token, and most words are
    /// longer, which tells without hashing them.
    longest: usize,
}

impl Letters {
    /// Reads the rows of `data/letter_names.tsv`: the spelling, its Latin letter, and `AMBIG` or
    /// nothing.
    pub(crate) fn parse(tsv: &str) -> Letters {
        let spellings: WordMap<String, bool> =
            data_rows(tsv).map(|fields| (fold(fields[0]), fields.get(2) == Some(&"AMBIG"))).collect();
        let longest = spellings.words().map(String::len).max().unwrap_or(0);
        Letters { spellings, longest }
    }

    /// Whether a folded spelling is also a common word, if it is a letter's.
    pub(crate) fn get(&self, folded: &str) -> Option<&bool> {
        if folded.len() > self.longest {
            return None;
        }
        self.spellings.get(folded)
    }
}

//! The Arabic spellings of Latin letters (`data/letter_names.tsv`), which the rule of spelled
//! acronyms reads.

use crate::text::normalize::fold;
use crate::tsv::data_rows;

/// The spellings of `data/letter_names.tsv`, folded: each with whether it is also a common
/// Arabic word (`AMBIG`).
pub(crate) struct Letters(rustc_hash::FxHashMap<String, bool>);

impl Letters {
    /// Reads the rows of `data/letter_names.tsv`: the spelling, its Latin letter, and `AMBIG` or
    /// nothing.
    pub(crate) fn parse(tsv: &str) -> Letters {
        Letters(data_rows(tsv).map(|fields| (fold(fields[0]), fields.get(2) == Some(&"AMBIG"))).collect())
    }

    /// Whether a folded spelling is also a common word, if it is a letter's.
    pub(crate) fn get(&self, folded: &str) -> Option<&bool> {
        self.0.get(folded)
    }
}

//! The words of claims (`data/claim_words.tsv`), which the claims of the corpus views read.

use rustc_hash::FxHashMap as HashMap;

use crate::text::normalize::fold;
use crate::tsv::data_rows;

/// The words of `data/claim_words.tsv`, folded.
pub(crate) struct ClaimWords {
    pub(crate) sides: HashMap<String, (&'static str, &'static str)>,
    pub(crate) skip: Vec<String>,
    pub(crate) cues: Vec<String>,
    pub(crate) days: Vec<String>,
    /// Words of a qualifier that make the figure a lower bound (`أكثر من`، `على الأقل`).
    pub(crate) at_least: Vec<String>,
    /// Words of a qualifier that make the figure an upper bound (`أقل من`، `دون`).
    pub(crate) at_most: Vec<String>,
}

impl ClaimWords {
    /// Reads the rows of `data/claim_words.tsv` (`SIDE`, `SKIP`, `CUE`, `DAY`, `AT_LEAST`,
    /// `AT_MOST`; another row is a build defect). The `weekdays` (folded, `WEEKDAY` of `data/name_heads.tsv`) are days too.
    pub(crate) fn parse(tsv: &'static str, weekdays: &[String]) -> ClaimWords {
        let days = weekdays.to_vec();
        let mut words =
            ClaimWords { sides: HashMap::default(), skip: vec![], cues: vec![], days, at_least: vec![], at_most: vec![] };
        for row in data_rows(tsv) {
            match row.as_slice() {
                ["SIDE", word, key, name] => {
                    words.sides.insert(fold(word), (*key, *name));
                }
                ["SKIP", word] => words.skip.push(fold(word)),
                ["CUE", word] => words.cues.push(fold(word)),
                ["DAY", word] => words.days.push(fold(word)),
                ["AT_LEAST", word] => words.at_least.push(fold(word)),
                ["AT_MOST", word] => words.at_most.push(fold(word)),
                other => panic!("data/claim_words.tsv: bad row {other:?}"),
            }
        }
        words
    }
}

//! The settlement nouns, sides and directions of `data/place_cues.tsv`, which the tagger's rules
//! read.

use super::word_map::WordSet;
use crate::text::normalize::fold;
use crate::tsv::data_rows;

/// The words of `data/place_cues.tsv` the rules read, folded.
#[derive(Default)]
pub(crate) struct PlaceCues {
    /// The settlement nouns (`CUE`: `مدينة`، `بلدة`، `بلدتي`، `ريف`…), after which the news
    /// writes a place's name.
    pub(crate) cues: WordSet<String>,
    /// The sides of a place (`SIDE`: `الشرقية`، `الغربي`، `العاصمة`…).
    pub(crate) sides: WordSet<String>,
    /// The nouns of direction (`DIRECTION` in the third column: `شمال`، `جنوب`، `شرق`، `غرب`).
    pub(crate) directions: Vec<String>,
}

impl PlaceCues {
    /// Reads the rows of `data/place_cues.tsv`: the word, then `CUE`, `STOP` or `SIDE` (`STOP`
    /// words are `scripts/mine_names.py`'s), and `DIRECTION` or nothing.
    pub(crate) fn parse(tsv: &str) -> PlaceCues {
        let mut words = PlaceCues::default();
        for fields in data_rows(tsv) {
            if fields.get(2) == Some(&"DIRECTION") {
                words.directions.push(fold(fields[0]));
            }
            let set = match fields.get(1) {
                Some(&"CUE") => &mut words.cues,
                Some(&"SIDE") => &mut words.sides,
                _ => continue,
            };
            set.insert(fold(fields[0]));
        }
        words
    }

    /// Whether a folded word is a noun of direction (`غرب أفريقيا`).
    pub(crate) fn is_direction_noun(&self, word: &str) -> bool {
        self.directions.iter().any(|direction| direction == word)
    }

    /// Whether a folded word is a noun of direction or its nisba (`شمال دوما`، `جنوبي الباب`).
    pub(crate) fn is_direction(&self, word: &str) -> bool {
        self.is_direction_noun(word) || word.strip_suffix('ي').is_some_and(|noun| self.is_direction_noun(noun))
    }

    /// Whether a folded word is an adverb of direction (`دوما شمالا وحرستا غربا`).
    pub(crate) fn is_direction_adverb(&self, word: &str) -> bool {
        word.strip_suffix('ا').is_some_and(|noun| self.is_direction_noun(noun))
    }
}

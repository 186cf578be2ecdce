//! The organizations named by their building and the nouns of their members (`data/seats.tsv`),
//! which the rule of seats as places reads.

use crate::text::normalize::fold;
use crate::tsv::data_rows;

/// What a line of `data/seats.tsv` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seat {
    /// An organization named by its building (`البيت الأبيض`، `الكرملين`).
    Seat,
    /// A noun of a member of such a body (`مسؤول`، `مستشار`).
    Member,
}

/// The names and nouns of `data/seats.tsv`, folded.
pub(crate) struct Seats(super::word_map::WordMap<String, Seat>);

impl Seats {
    /// Reads the rows of `data/seats.tsv`: the words, then `SEAT` or `MEMBER`.
    pub(crate) fn parse(tsv: &str) -> Seats {
        Seats(
            data_rows(tsv)
                .map(|fields| {
                    (fold(fields[0]), if fields.get(1) == Some(&"MEMBER") { Seat::Member } else { Seat::Seat })
                })
                .collect(),
        )
    }

    /// What the folded words are, if they are in the file.
    pub(crate) fn get(&self, folded: &str) -> Option<&Seat> {
        self.0.get(folded)
    }
}

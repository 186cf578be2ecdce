//! Rules for the names of buildings and other facilities, which the guide makes places (`LOC`):
//! an organization named by the building it sits in is the building after a preposition of place
//! (`seats-as-places`: `في المكتب البيضاوي بالبيت الأبيض`).

use super::*;
use crate::word_tables::seats::Seat;

/// The candidate's words as the lexicon reads them: its clitics off, folded, joined by spaces.
fn bare_text(words: &Words<'_>, candidate: &Candidate) -> String {
    (candidate.first..candidate.last)
        .map(|j| {
            let reading = (j == candidate.first).then(|| words.readings(j).iter().find(|r| r.prefix == candidate.prefix)).flatten();
            reading.map_or_else(|| words.text(j).unwrap_or("").to_owned(), |r| r.stem.as_str().to_owned())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An organization named by its building (`SEAT` in `data/seats.tsv`) is the building, a place,
/// after a preposition of place: a clitic `ب` or a separate `في`/`داخل` (`في المكتب البيضاوي
/// بالبيت الأبيض`). Not after a noun of a member of the body (`مسؤول في البيت الأبيض`: the body he
/// serves), nor elsewhere (`قال البيت الأبيض`، `بيان الإليزيه`).
pub(super) fn seats_as_places(seats: &Seats, rule_words: &RuleWords, words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    let stem_is = |at: usize, kind: Seat| words.readings(at).iter().any(|r| seats.get(r.stem.as_str()) == Some(&kind));
    for entry in out.iter_mut() {
        let candidate = &entry.0;
        if candidate.label != Label::Org || seats.get(bare_text(words, candidate).as_str()) != Some(&Seat::Seat) {
            continue;
        }
        let first = candidate.first;
        let clitic_b = words.text(first).is_some_and(|t| t.chars().take(candidate.prefix).any(|c| c == 'ب'));
        let preposition = first > 0 && words.readings(first - 1).iter().any(|r| rule_words.in_building.contains(r.stem.as_str()));
        // The word before the preposition: `مسؤول في`، `مسؤول بالبيت الأبيض`.
        let before = if clitic_b { first.checked_sub(1) } else { first.checked_sub(2) };
        let member = before.is_some_and(|at| stem_is(at, Seat::Member));
        if (clitic_b || preposition) && !member {
            relabel(entry, Label::Loc, LEXICON_CONFIDENCE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seat_after_a_preposition_of_place_is_the_building() {
        let text = "صرح ترامب في المكتب البيضاوي بالبيت الأبيض وقال البيت الأبيض إن مسؤول في الكرملين وصل إلى الكرملين";
        // The organizations: the White House twice (5, 8), the Kremlin twice (13, 16).
        let spans = [(5, 7, Label::Org), (8, 10, Label::Org), (13, 14, Label::Org), (16, 17, Label::Org)];
        let found = rule_output(text, &spans, |words, out| {
            out[0].0.prefix = 1;
            seats_as_places(&crate::word_tables::tables().seats, &crate::word_tables::tables().rule_words, words, out)
        });
        let labels: Vec<Label> = found.iter().map(|(_, l)| *l).collect();
        assert_eq!(labels, [Label::Loc, Label::Org, Label::Org, Label::Org]);
    }
}

//! Places named by a part of another: a side of a city or country (`القدس الغربية`، `الجزائر
//! العاصمة`), a direction of a region (`غرب أفريقيا`, `جنوب شرق آسيا`).

use super::*;

/// A town's name takes a side written right after it as one word with the article and no
/// clitic (`القدس الغربية`), and a country's name `العاصمة` (`الجزائر العاصمة`): not a continent
/// or a country, which ANERcorp tags apart from its side (`أميركا الشمالية`، `أوروبا الغربية`,
/// three times out of three in its dev part); a region the lexicon knows by a one-word name of
/// its own (a continent or region, not a country or a town) takes the nouns of direction right
/// before it (`غرب أفريقيا`، `جنوب شرق آسيا`, not `شمال سوريا`).
pub(super) fn directional_places(place_cues: &PlaceCues, words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    let covered = covered_tokens(words, out);
    let free = |at: usize| is_arabic(words, at) && !covered[at];
    for (candidate, _) in out.iter_mut() {
        if candidate.label != Label::Loc {
            continue;
        }
        let after = candidate.last;
        let town = candidate.id.starts_with("gn:") || candidate.id.starts_with("nw:");
        let side = words.text(after).filter(|w| place_cues.sides.contains(*w));
        if free(after) && side.is_some_and(|w| town || (w == "العاصمه" && candidate.id.starts_with("cc:"))) {
            candidate.last += 1;
            candidate.forget_entity();
            continue;
        }
        let region = candidate.len() == 1 && candidate.prefix == 0 && candidate.id.starts_with("loc:");
        let mut first = candidate.first;
        while region && first > 0 && free(first - 1) && words.text(first - 1).is_some_and(|w| place_cues.is_direction_noun(w)) {
            first -= 1;
        }
        if first < candidate.first {
            candidate.first = first;
            candidate.forget_entity();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(first: usize, id: &str) -> (Candidate, f32) {
        let mut c = unnamed(first, first + 1, 0, Label::Loc);
        c.id = id.to_owned();
        (c, 1.0)
    }

    #[test]
    fn directions_are_the_nouns_of_the_file_their_nisba_and_their_adverbs() {
        let cues = &crate::word_tables::tables().place_cues;
        assert_eq!(cues.directions, ["شمال", "جنوب", "شرق", "غرب"]);
        let forms = ["شمال", "جنوبي", "شرقا", "غربيه", "وسط", "شمالا"];
        let directions: Vec<bool> = forms.iter().map(|w| cues.is_direction(w)).collect();
        assert_eq!(directions, [true, true, false, false, false, false]);
        assert!(cues.is_direction_adverb("شرقا") && !cues.is_direction_adverb("شرق"));
    }

    #[test]
    fn a_side_of_a_place_and_a_direction_of_a_region_are_places() {
        let folded = Folded::new("القدس الغربية و الجزائر العاصمة في غرب أفريقيا و شمال سوريا");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![place(0, "gn:1"), place(3, "cc:DZ"), place(7, "loc:africa"), place(10, "cc:SY")];
        directional_places(&crate::word_tables::tables().place_cues, &words, &mut out);
        let spans: Vec<(usize, usize)> = out.iter().map(|(c, _)| (c.first, c.last)).collect();
        assert_eq!(spans, [(0, 2), (3, 5), (6, 8), (10, 11)]);
    }
}

//! Rules that read a name's context where its words alone mislead: a well-known place whose
//! name is also a common word (`دوما`, "always"; `مسقط`, "place of fall"), which the
//! `lexicon-overruled` veto drops, is kept where the text writes it as a place
//! (`common-words-in-context`); a country's name that is here a nationality adjective
//! (`الحكومة السعودية`، `25 مقاتلا سوريا`) is no place (`nisba-adjectives`).

use super::*;
use crate::word_tables::number_words::NumberWords;

/// Whether the token at `at` is a settlement noun (`data/place_cues.tsv`), a preposition of
/// place (`PLACE_PREPOSITION` of `data/rule_words.tsv`: `في`, `إلى`, `نحو`, as separate words,
/// `وفي` too; a clitic `ب` or `ل` is not one: `للباب`, "for the door") or a noun of direction
/// (`شمال دوما`، `جنوبي الباب`), clitics aside.
fn place_cue(place_cues: &PlaceCues, rule_words: &RuleWords, words: &Words<'_>, at: usize) -> bool {
    words.readings(at).iter().any(|r| {
        let stem = r.stem.as_str();
        rule_words.place_prepositions.contains(stem) || place_cues.is_direction(stem) || place_cues.cues.contains(stem)
    })
}

/// Whether a lexicon match of common words that the tagger is sure is no name (the
/// `lexicon-overruled` veto) is still a name by its context: a place right after a settlement
/// noun, a preposition of place or a noun of direction (`في مسقط`، `بلدة نبل`، `شمال دوما`) or
/// before an adverb of direction (`دوما شمالا`), written with no clitic of its own
/// and not in the idiom `مسقط رأسه` ("his birthplace");
/// or a name in a list of names of its type, joined by `و` or a comma (`جبهتي حرض وحيران`).
/// The veto's other use (`دوما` "always", `الباب` "the door", `الميادين` "the fields") has
/// none of these.
pub(crate) fn named_in_context(
    place_cues: &PlaceCues,
    rule_words: &RuleWords,
    words: &Words<'_>,
    candidate: &Candidate,
    others: &[(Candidate, f32)],
) -> bool {
    let (first, last) = (candidate.first, candidate.last);
    // `في مسقط رأسه`, "in his birthplace": the common word's idiom.
    let idiom = words.readings(last).iter().any(|r| r.stem == "راس" || r.stem.starts_with("راسه"));
    let direction_after = words.text(last).is_some_and(|t| place_cues.is_direction_adverb(t));
    if candidate.label == Label::Loc
        && candidate.prefix == 0
        && (first > 0 && place_cue(place_cues, rule_words, words, first - 1) || direction_after)
        && !idiom
    {
        return true;
    }
    let same_type = |c: &Candidate| c.label == candidate.label;
    let starts_at =
        |at: usize, prefix: usize| others.iter().any(|(c, _)| same_type(c) && c.first == at && c.prefix == prefix);
    let ends_at = |at: usize| others.iter().any(|(c, _)| same_type(c) && c.last == at);
    let joiner = |at: usize| matches!(words.text(at), Some("و" | "،" | ","));
    // A name after it: `حرض وحيران`, `حرض، حيران`.
    let next_with_wa = starts_at(last, 1) && words.text(last).is_some_and(|t| t.starts_with('و'));
    let next_after_joiner = joiner(last) && starts_at(last + 1, 0);
    // A name before it: `حيران وحرض`, `حيران، حرض`.
    let previous_with_wa =
        candidate.prefix == 1 && words.text(first).is_some_and(|t| t.starts_with('و')) && ends_at(first);
    let previous_after_joiner = candidate.prefix == 0 && first >= 2 && joiner(first - 1) && ends_at(first - 1);
    next_with_wa || next_after_joiner || previous_with_wa || previous_after_joiner
}

/// A place name mined from the news (`nw:` ids, `data/mined_names.tsv`) that is two names
/// joined by `و` (`نبل والزهراء`, `مضايا والزبداني`: the miner read them after a dual, `بلدتي
/// نبل والزهراء`) is two places, each the lexicon's entity when it names one. Other sources'
/// names with `و` are one name (`البوسنة والهرسك`).
pub(crate) fn split_mined_pairs(names: &Lexicon, words: &Words<'_>, lexicon: Vec<Candidate>) -> Vec<Candidate> {
    let mut out = Vec::with_capacity(lexicon.len());
    for candidate in lexicon {
        let joint = (candidate.first + 1..candidate.last).find(|&j| words.text(j).is_some_and(|t| t.starts_with('و')));
        let Some(j) = joint.filter(|_| candidate.id.starts_with("nw:") && candidate.label == Label::Loc) else {
            out.push(candidate);
            continue;
        };
        for (first, last, prefix) in [(candidate.first, j, candidate.prefix), (j, candidate.last, 1)] {
            let mut part = Candidate { first, last, prefix, ..candidate.clone() };
            let reading = words.readings(first).iter().find(|r| r.prefix == prefix).filter(|_| last - first == 1);
            let known = reading.and_then(|r| names.entry_named(&[r.stem.as_str()]));
            match known {
                Some((Label::Loc, canonical, id)) => {
                    part.canonical = canonical.to_owned();
                    part.id = id.to_owned();
                }
                _ => {
                    part.forget_entity();
                }
            }
            out.push(part);
        }
    }
    out
}

/// A country's name that is a nationality adjective here is no place:
/// - the feminine adjective with the article after a definite feminine noun (`-ة`) or plural
///   (`-ات`) that is no name (`الحكومة السعودية`، `السفارة السعودية`، `العلاقات السعودية`; not
///   `المملكة العربية السعودية`, one name, nor `زار الوفد السعودية`, whose noun is masculine). In ANERcorp train `السعودية` right after
///   a definite word outside a name is never a place (3 times out of 3);
/// - the masculine adjective with tanween (`سوريًّا`، `ليبيًّا`, written as the country's name
///   in `-يا`) after a noun counted by a number (`25 مقاتلا سوريا`، `12 جنديا ليبيا`). Without
///   the number the noun may be a dual in construct (`رئيسا روسيا وتركيا`, "the presidents of
///   Russia and Turkey"), and the country a place;
/// - the feminine adjective without the article before another (`وسائل إعلام سورية رسمية`).
pub(super) fn nisba_adjectives(numbers: &NumberWords, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let covered = covered_tokens(words, out);
    let outside_name = |at: usize| is_arabic(words, at) && !covered[at];
    let number =
        |at: usize| words.text(at).is_some_and(|t| t.chars().all(|c| c.is_ascii_digit()) || numbers.is_number_word(t));
    out.retain(|(c, _)| {
        if c.label != Label::Loc || c.len() != 1 || c.prefix != 0 || !c.id.starts_with("cc:") || c.first == 0 {
            return true;
        }
        let (Some(text), Some(before)) = (words.text(c.first), words.text(c.first - 1)) else { return true };
        let feminine = before.ends_with('ه') || before.ends_with("ات");
        let after_definite = text.starts_with("ال")
            && text.ends_with('ه')
            && before.starts_with("ال")
            && feminine
            && outside_name(c.first - 1);
        let counted = text.ends_with("يا")
            && before.ends_with('ا')
            && before.chars().count() >= 3
            && outside_name(c.first - 1)
            && c.first >= 2
            && number(c.first - 2);
        let before_adjective = !text.starts_with("ال")
            && text.ends_with("يه")
            && words.text(c.first + 1).is_some_and(|next| {
                !next.starts_with("ال") && next.ends_with("يه") && next.chars().count() >= 4
            })
            && outside_name(c.first + 1);
        !(after_definite || counted || before_adjective)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(first: usize, id: &str) -> (Candidate, f32) {
        let mut c = unnamed(first, first + 1, 0, Label::Loc);
        c.id = id.to_owned();
        (c, 1.0)
    }

    #[test]
    fn a_mined_pair_of_places_is_two_places() {
        let names =
            Lexicon::parse("nw:1\tLOC\tنبل والزهراء\t\ncc:BA\tLOC\tالبوسنة والهرسك\t\ngn:2\tLOC\tالزهراء\t\n").unwrap();
        let folded = Folded::new("إلى بلدتي نبل والزهراء وإلى البوسنة والهرسك");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let split = split_mined_pairs(&names, &words, names.find(&words));
        let found: Vec<(usize, usize, usize, &str)> =
            split.iter().map(|c| (c.first, c.last, c.prefix, c.id.as_str())).collect();
        assert_eq!(found, [(2, 3, 0, ""), (3, 4, 1, "gn:2"), (5, 7, 0, "cc:BA")]);
    }

    #[test]
    fn a_nationality_adjective_is_no_country() {
        let folded = Folded::new("قالت الحكومة السعودية إن 25 مقاتلا سوريا قتلوا في السعودية وتحدث رئيسا روسيا لوسائل إعلام سورية رسمية");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out =
            vec![country(2, "cc:SA"), country(6, "cc:SY"), country(9, "cc:SA"), country(12, "cc:RU"), country(15, "cc:SY")];
        nisba_adjectives(&crate::word_tables::tables().numbers, &words, &mut out);
        let kept: Vec<usize> = out.iter().map(|(c, _)| c.first).collect();
        // `في السعودية` is the country; so is `روسيا` after a dual in construct.
        assert_eq!(kept, [9, 12]);
    }

    #[test]
    fn a_country_after_a_name_stays() {
        let folded = Folded::new("زار الإمارات السعودية وزار الوفد السعودية");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![country(1, "cc:AE"), country(2, "cc:SA"), country(5, "cc:SA")];
        nisba_adjectives(&crate::word_tables::tables().numbers, &words, &mut out);
        // `الوفد` is masculine: `السعودية` is no adjective of it.
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn a_common_word_is_a_place_after_a_cue_or_in_a_list() {
        let folded = Folded::new("التقوا في مسقط وقصفت جبهتي حرض وحيران ويجعل منها دوما عاصمة وللباب في مسقط رأسه وهي دوما شمالا");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let place = |first: usize, prefix: usize| unnamed(first, first + 1, prefix, Label::Loc);
        let others = vec![(place(6, 1), 1.0)];
        let kept: Vec<bool> = [place(2, 0), place(5, 0), place(9, 0), place(11, 2), place(13, 0), place(16, 0)]
            .iter()
            .map(|c| named_in_context(&crate::word_tables::tables().place_cues, &crate::word_tables::tables().rule_words, &words, c, &others))
            .collect();
        assert_eq!(kept, [true, true, false, false, false, true]);
    }
}

//! Names read through the clitics of the text's other names: a person's surname read as a place
//! through a proclitic (`كاسن` alone after `جون كاسن`, read as ك + `اسن`, Essen, is the person
//! again), a proclitic glued to a name the text writes alone (`بجرجيس` after `جرجيس`).

use super::*;

/// A one-word place or organization the tagger read through a proclitic is the person whose
/// surname (the last word of a name of two words or more in the same text) the whole word is:
/// `ورد كاسن` after `جون كاسن` is كاسن, not ك + `اسن`.
pub(super) fn surnames_over_clitics(words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    let whole = |at: usize| words.readings(at).iter().find(|r| r.prefix == 0).map(|r| r.stem.as_str());
    let surnames: rustc_hash::FxHashSet<&str> =
        out.iter().filter(|(c, _)| c.label == Label::Per && c.len() >= 2).filter_map(|(c, _)| whole(c.last - 1)).collect();
    if surnames.is_empty() {
        return;
    }
    for entry in out.iter_mut() {
        let candidate = &entry.0;
        if candidate.len() != 1 || candidate.prefix == 0 || candidate.label == Label::Per {
            continue;
        }
        if whole(candidate.first).is_some_and(|w| w.chars().count() >= 3 && surnames.contains(&w)) {
            entry.0.prefix = 0;
            relabel(entry, Label::Per, LEXICON_CONFIDENCE);
        }
    }
}

/// A one-word name read whole whose word is a proclitic and the name of another mention of the
/// same type in the text loses the proclitic (`يشغل بجرجيس` after `مدينة جرجيس` is ب + `جرجيس`).
pub(super) fn clitics_off_known_names(words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    let whole = |at: usize| words.readings(at).iter().find(|r| r.prefix == 0).map(|r| r.stem.as_str());
    let named: rustc_hash::FxHashSet<(Label, &str)> =
        out.iter().filter(|(c, _)| c.len() == 1).map(|(c, _)| (c.label, last_word(words, c))).collect();
    for (candidate, _) in out.iter_mut() {
        if candidate.len() != 1 || candidate.prefix != 0 {
            continue;
        }
        let label = candidate.label;
        let own = whole(candidate.first);
        let stripped = words.readings(candidate.first).iter().find(|r| {
            r.prefix > 0 && r.stem.chars().count() >= 3 && Some(r.stem.as_str()) != own && named.contains(&(label, r.stem.as_str()))
        });
        if let Some(reading) = stripped {
            candidate.prefix = reading.prefix;
            candidate.forget_entity();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_read_through_a_clitic_is_the_person_again() {
        let folded = Folded::new("قال السفير جون كاسن . ورد كاسن على السؤال");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![(unnamed(2, 4, 0, Label::Per), 1.0), (unnamed(6, 7, 1, Label::Loc), 1.0)];
        surnames_over_clitics(&words, &mut out);
        assert_eq!((out[1].0.label, out[1].0.prefix), (Label::Per, 0));
        let mut alone = vec![(unnamed(6, 7, 1, Label::Loc), 1.0)];
        surnames_over_clitics(&words, &mut alone);
        assert_eq!(alone[0].0.label, Label::Loc, "no person of that surname in the text");
    }

    #[test]
    fn a_proclitic_before_a_name_of_the_text_comes_off() {
        let folded = Folded::new("في مدينة جرجيس . يشغل بجرجيس نحو ثمانين");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![(unnamed(2, 3, 0, Label::Loc), 1.0), (unnamed(5, 6, 0, Label::Loc), 1.0)];
        clitics_off_known_names(&words, &mut out);
        assert_eq!((out[0].0.prefix, out[1].0.prefix), (0, 1));
    }
}

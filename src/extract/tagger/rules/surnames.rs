//! A person's surname read as a place through a proclitic: the text names `جون كاسن`, and
//! `كاسن` alone, read as ك + `اسن` (Essen), is the person again.

use super::*;

/// A one-word place or organization the tagger read through a proclitic is the person whose
/// surname (the last word of a name of two words or more in the same text) the whole word is:
/// `ورد كاسن` after `جون كاسن` is كاسن, not ك + `اسن`.
pub(super) fn surnames_over_clitics(words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    let whole = |at: usize| words.readings(at).iter().find(|r| r.prefix == 0).map(|r| r.stem.as_str());
    let surnames: Vec<&str> =
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

/// A two-word person whose words are the surnames of two other people of the text is those
/// two people side by side (`وخاطب خاشقجي كاسن` after `جمال خاشقجي` and `جون كاسن`), unless
/// another person's name of the text has the two words together.
pub(super) fn split_two_surnames(words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let whole = |at: usize| words.readings(at).iter().find(|r| r.prefix == 0).map(|r| r.stem.as_str());
    let surname_of = |at: usize, out: &[(Candidate, f32)]| -> bool {
        let Some(word) = whole(at) else { return false };
        out.iter().any(|(c, _)| c.label == Label::Per && c.len() >= 2 && !(c.first..c.last).contains(&at) && whole(c.last - 1) == Some(word))
    };
    let mut added = Vec::new();
    for k in 0..out.len() {
        let candidate = &out[k].0;
        if candidate.label != Label::Per || candidate.len() != 2 {
            continue;
        }
        let (first, second) = (candidate.first, candidate.first + 1);
        let pair = (whole(first), whole(second));
        // A pair written together in another person's name is one name (راؤول غونزاليز).
        let named_together = out.iter().enumerate().any(|(j, (c, _))| {
            j != k && c.label == Label::Per && (c.first + 1..c.last).any(|at| (whole(at - 1), whole(at)) == pair)
        });
        if !named_together && surname_of(first, out) && surname_of(second, out) {
            let prefix = candidate.prefix;
            added.push((unnamed(second, second + 1, 0, Label::Per), LEXICON_CONFIDENCE));
            let entry = &mut out[k];
            entry.0.last = second;
            entry.0.prefix = prefix;
            relabel(entry, Label::Per, LEXICON_CONFIDENCE);
        }
    }
    add_in_order(out, added);
}

/// A one-word name read whole whose word is a proclitic and the name of another mention of the
/// same type in the text loses the proclitic (`يشغل بجرجيس` after `مدينة جرجيس` is ب + `جرجيس`).
pub(super) fn clitics_off_known_names(words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    let whole = |at: usize| words.readings(at).iter().find(|r| r.prefix == 0).map(|r| r.stem.as_str());
    let named: Vec<(Label, &str)> =
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
            candidate.canonical.clear();
            candidate.id.clear();
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

    #[test]
    fn two_surnames_side_by_side_are_two_people() {
        let folded = Folded::new("قال جمال خاشقجي و جون كاسن . وخاطب خاشقجي كاسن قائلا");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let per = |f, l| (unnamed(f, l, 0, Label::Per), 1.0);
        let mut out = vec![per(1, 3), per(4, 6), per(8, 10)];
        split_two_surnames(&words, &mut out);
        let spans: Vec<(usize, usize)> = out.iter().map(|(c, _)| (c.first, c.last)).collect();
        assert_eq!(spans, [(1, 3), (4, 6), (8, 9), (9, 10)]);
    }
}

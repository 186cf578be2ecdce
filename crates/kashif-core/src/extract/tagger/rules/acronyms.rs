//! `spelled-acronyms`: Latin initials spelled in Arabic letters (`بي بي سي`، `سي إن إن`، `أ ف
//! ب`، `إم بي سي`) are an organization: outlets, agencies and companies are what news names so.
//! A run of two or more spelled letters (`data/letter_names.tsv`) is one when its letters weigh
//! [`MIN_WEIGHT`] or more, a spelling that is also a common word (`في`، `أن`، `أو`) weighing half:
//! `سي إن إن` is CNN, `في أن` is "in that". A tagger span lying on the run alone gets the
//! organization's type (`ايه ار دي`, ARD, read as a person).

use super::*;

/// Weight a run needs: two plain spellings, or one plain and two common-word ones.
const MIN_WEIGHT: u32 = 4;

/// The run without a common-word spelling at either end that is not doubled (`بي بي سي إن`:
/// "BBC that"; `في بي بي سي`: "in BBC"; but `سي إن إن`, CNN, keeps its two Ns; `سي إن إن أن`
/// is CNN and "that").
fn trimmed(words: &Words<'_>, letters: &Letters, mut run: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let ambiguous = |at: usize| words.text(at).and_then(|t| letters.get(t)).copied().unwrap_or(false);
    let same = |a: usize, b: usize| words.text(a) == words.text(b);
    // Trailing: not doubled, or tripled (`سي إن إن أن`: CNN, then "that").
    while run.len() >= 2
        && ambiguous(run.end - 1)
        && (!same(run.end - 1, run.end - 2) || (run.len() >= 3 && same(run.end - 2, run.end - 3)))
    {
        run.end -= 1;
    }
    while run.len() >= 2 && ambiguous(run.start) && words.text(run.start) != words.text(run.start + 1) {
        run.start += 1;
    }
    run
}

/// See the module's documentation.
pub(super) fn spelled_acronyms(letters: &Letters, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let n = words.tokens.len();
    let weight = |at: usize| words.text(at).and_then(|t| letters.get(t)).map(|&ambiguous| if ambiguous { 1 } else { 2 });
    let mut runs = Vec::new();
    let mut at = 0;
    while at < n {
        let mut end = at;
        while end < n && is_arabic(words, end) && weight(end).is_some() {
            end += 1;
        }
        let run = trimmed(words, letters, at..end);
        if run.len() >= 2 && run.clone().filter_map(weight).sum::<u32>() >= MIN_WEIGHT {
            runs.push(run);
        }
        at = end.max(at + 1);
    }
    if runs.is_empty() {
        return;
    }
    // The candidate covering each token ([`SEVERAL`] where candidates overlap): a run reads only
    // its own tokens' candidates.
    const SEVERAL: usize = usize::MAX;
    let mut covering: Vec<Option<usize>> = vec![None; n];
    for (k, (candidate, _)) in out.iter().enumerate() {
        covering[candidate.first..candidate.last].iter_mut().for_each(|c| *c = Some(if c.is_some() { SEVERAL } else { k }));
    }
    let mut added = Vec::new();
    for run in runs {
        // A span on the run alone is the acronym; a longer one (`شركة بي إيه إي`) stays as it is.
        let mut overlapping: Vec<usize> = covering[run.clone()].iter().flatten().copied().collect();
        overlapping.dedup();
        if overlapping.contains(&SEVERAL) {
            continue;
        }
        match overlapping.as_slice() {
            [] => added.push((unnamed(run.start, run.end, 0, Label::Org), LEXICON_CONFIDENCE)),
            [k] if out[*k].0.first >= run.start && out[*k].0.last <= run.end => {
                let candidate = &mut out[*k].0;
                (candidate.first, candidate.last, candidate.prefix, candidate.label) = (run.start, run.end, 0, Label::Org);
                candidate.forget_entity();
            }
            _ => {}
        }
    }
    add_in_order(out, added);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, spans: &[(usize, usize, Label)]) -> Vec<(String, Label)> {
        rule_output(text, spans, |words, out| spelled_acronyms(&crate::word_tables::tables().letters, words, out))
    }

    #[test]
    fn spelled_initials_are_an_organization() {
        let org = |t: &str| (t.to_owned(), Label::Org);
        assert_eq!(found("وقالت بي بي سي إن المفاوضات فشلت", &[]), [org("بي بي سي")]);
        assert_eq!(found("ذكرت شبكة سي إن إن أن", &[]), [org("سي ان ان")]);
        assert_eq!(found("وقالت بي بي سي أن", &[]), [org("بي بي سي")]);
        assert_eq!(found("بحسب وكالة أ ف ب", &[]), [org("ا ف ب")]);
    }

    #[test]
    fn common_words_alone_are_no_acronym() {
        assert!(found("وقال في أن الاتفاق", &[]).is_empty());
        assert!(found("هل أو أم", &[]).is_empty());
    }

    #[test]
    fn a_span_on_the_initials_alone_becomes_the_organization() {
        // The tagger read ARD as a person.
        assert_eq!(found("نقلت قناة ايه ار دي الألمانية", &[(2, 5, Label::Per)]), [("ايه ار دي".to_owned(), Label::Org)]);
    }
}

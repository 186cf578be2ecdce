//! Rules that drop generic phrases read as names: `شبه` and the word after it are one common noun
//! (`شبه الجزيرة`, "the peninsula"), no name without a name or adjective after them
//! (`shibh-compounds`).

use super::*;

/// `شبه` ("semi-", "quasi-") with the one word after it is a compound common noun: `شبه
/// الجزيرة` alone refers back to the peninsula the text named (`شبه الجزيرة الكورية`), and the
/// word after `شبه` is no name of its own (`الجزيرة` of `شبه الجزيرة` is not the channel). A
/// name of `شبه` and two words or more stays (`شبه الجزيرة العربية`، `شبه جزيرة القرم`). In
/// ANERcorp train `شبه` and one word are a whole name only in a compound that goes on (9 times out
/// of 9 with `الجزيرة`).
pub(super) fn shibh_compounds(words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let shibh = |at: usize| words.text(at) == Some("شبه");
    out.retain(|(c, _)| {
        let bare_compound = c.len() == 2 && c.prefix == 0 && shibh(c.first);
        let after_shibh = c.first > 0 && c.prefix == 0 && shibh(c.first - 1);
        !(bare_compound || after_shibh)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shibh_and_one_word_is_no_name() {
        let text = "السلام في شبه الجزيرة الكورية وفي شبه الجزيرة وقضية شبه الجزيرة";
        // The tagger found the Korean peninsula (2), the peninsula (6) and Al Jazeera (10).
        let found = rule_output(text, &[(2, 5, Label::Loc), (6, 8, Label::Loc), (10, 11, Label::Org)], shibh_compounds);
        assert_eq!(found, [("شبه الجزيره الكوريه".to_owned(), Label::Loc)]);
    }
}

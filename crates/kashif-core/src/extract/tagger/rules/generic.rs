//! Rules that drop generic phrases read as names: `شبه` and the word after it are one common noun
//! (`شبه الجزيرة`, "the peninsula"), no name without a name or adjective after them
//! (`shibh-compounds`); a name that begins on a feminine adjective right after a feminine noun
//! is that noun's adjective (`السياسة الخارجية الأمريكية`: `adjective-names`).

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

/// An organization whose name begins on a feminine nisba adjective with the article
/// (`الخارجية الأمريكية`, the State Department, `الداخلية`), right after a definite feminine noun
/// (`-ة`) or plural (`-ات`) outside any name and with no clitic of its own, is that noun's
/// adjective: `السياسة الخارجية الأمريكية` is American foreign policy, `العلاقات الخارجية` foreign
/// relations. After a verb or a title the name stays (`قالت الخارجية الأمريكية`، `وزيرة الخارجية`).
pub(super) fn adjective_names(words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let covered = covered_tokens(words, out);
    out.retain(|(c, _)| {
        if c.label != Label::Org || c.prefix != 0 || c.first == 0 {
            return true;
        }
        let (Some(text), Some(before)) = (words.text(c.first), words.text(c.first - 1)) else { return true };
        let nisba = text.starts_with("ال") && text.ends_with("يه");
        let feminine_noun = before.starts_with("ال")
            && (before.ends_with('ه') || before.ends_with("ات"))
            && !before.ends_with("يه")
            && is_arabic(words, c.first - 1)
            && !covered[c.first - 1];
        !(nisba && feminine_noun)
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

    #[test]
    fn a_feminine_adjective_after_a_feminine_noun_is_no_name() {
        let text = "خالف السياسة الخارجية الأمريكية وقالت الخارجية الأمريكية";
        // The lexicon found the State Department twice (2, 5).
        let found = rule_output(text, &[(2, 4, Label::Org), (5, 7, Label::Org)], adjective_names);
        assert_eq!(found, [("الخارجيه الامريكيه".to_owned(), Label::Org)]);
    }
}

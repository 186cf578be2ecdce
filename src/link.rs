//! Linking mentions to entities: every mention gets the id of the entity it names, the same
//! id for every spelling of it.
//!
//! Lexicon mentions carry the id of their lexicon entry, which already groups the spelling
//! variants it lists. Dates and numbers are linked by value: `15 آذار 2011` and `15 مارس 2011`
//! are both `date:2011-03-15`; a date with no complete value is linked by its folded surface.

use crate::analysis::Label;
use crate::text::normalize::fold;

/// The id and display name of a rule mention (a date or a number) from its canonical value
/// (possibly empty) and its surface in the text.
pub(crate) fn rule_entity(label: Label, canonical: &str, surface: &str) -> (String, String) {
    let prefix = label.as_str().to_ascii_lowercase();
    if canonical.is_empty() {
        let key = fold(surface).split_whitespace().collect::<Vec<_>>().join(" ");
        (format!("{prefix}:{key}"), surface.to_owned())
    } else {
        (format!("{prefix}:{canonical}"), canonical.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_with_a_value_link_by_value() {
        let levantine = rule_entity(Label::Date, "2011-03-15", "15 آذار 2011");
        let egyptian = rule_entity(Label::Date, "2011-03-15", "15 مارس 2011");
        assert_eq!(levantine, egyptian);
        assert_eq!(levantine.0, "date:2011-03-15");
    }

    #[test]
    fn dates_without_a_value_link_by_folded_surface() {
        let (id, canonical) = rule_entity(Label::Date, "", "أمسِ");
        assert_eq!(id, "date:امس");
        assert_eq!(canonical, "أمسِ");
        assert_eq!(rule_entity(Label::Date, "", "امس").0, id);
    }

    #[test]
    fn numbers_link_by_value() {
        assert_eq!(rule_entity(Label::Num, "3000", "ثلاثة آلاف").0, "num:3000");
        assert_eq!(rule_entity(Label::Num, "3000", "3 آلاف").0, "num:3000");
    }
}

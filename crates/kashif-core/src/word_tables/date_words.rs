//! The words of dates (`data/date_words.tsv`), which the dates read.

use super::word_map::{WordMap, WordSet};
use crate::tsv::data_rows;

/// A month name of one or two folded tokens, its number and whether it is reliable alone
/// (`اب` is also "father", `مارس` also "he practised", Hijri names are also given names).
pub(crate) struct Month {
    pub(crate) tokens: Vec<&'static str>,
    pub(crate) number: Option<u32>,
    pub(crate) alone: bool,
}

/// The noun "day" before a weekday or a dated day: «يوم الجمعة», «يوم 5 آذار 2024».
pub(crate) const DAY: &str = "يوم";

/// The words of the date patterns (`data/date_words.tsv`, folded; the weekdays, `WEEKDAY` of
/// `data/name_heads.tsv`; the joiners of a range of days, `RANGE_JOINER` of
/// `data/figure_words.tsv`), each kind in the order of the file.
#[derive(Default)]
pub(crate) struct DateWords {
    /// The first words of the patterns, which a date may start with.
    pub(crate) first_words: WordSet<&'static str>,
    /// Gregorian months (`MONTH`), then Hijri months (`HIJRI_MONTH`): never reliable alone,
    /// their number no Gregorian month.
    pub(crate) months: Vec<Month>,
    /// The months (their places in `months`, in order) by their first word: the dates ask
    /// whether a month starts at many a token, and this spares them every month's name.
    pub(crate) months_by_first_word: WordMap<&'static str, Vec<usize>>,
    pub(crate) weekdays: Vec<&'static str>,
    /// Relative dates, as folded token sequences.
    pub(crate) relative: Vec<Vec<&'static str>>,
    /// Parts of a period before a month, a year or a relative date: «منتصف آذار», «أواخر العام الماضي».
    pub(crate) parts: Vec<&'static str>,
    /// Periods a part may apply to without more: «مطلع العام», «نهاية الشهر».
    pub(crate) periods: Vec<&'static str>,
    /// Adjectives that make a period relative to now: «العام الماضي», «الشهر المقبل».
    pub(crate) relative_adjectives: Vec<&'static str>,
    /// Nouns of the year before its number: «عام 2011», «سنة 2011».
    pub(crate) year_words: Vec<&'static str>,
    /// Days relative to today after a time of day: «صباح اليوم», «فجر أمس».
    pub(crate) relative_days: Vec<&'static str>,
    /// Times of day before a day: «مساء الخميس», «صباح اليوم», «فجر أمس».
    pub(crate) times_of_day: Vec<&'static str>,
    /// Ago and in: «قبل يومين», «منذ أسبوعين», «بعد ثلاثة أيام».
    pub(crate) ago: Vec<&'static str>,
    /// Durations that stand alone after قبل/منذ/بعد (one or two of a unit).
    pub(crate) durations: Vec<&'static str>,
    /// Units after a count: «قبل 3 أيام», «منذ خمسة أشهر».
    pub(crate) units: Vec<&'static str>,
    /// Ordinal days in words (the first word): «الخامس عشر من آذار», «الحادي والعشرين من أيار».
    pub(crate) ordinals: Vec<(&'static str, u32)>,
}

impl DateWords {
    /// Reads `data/date_words.tsv`, with the `weekdays` of the name heads; an unknown kind is a
    /// build defect.
    pub(crate) fn parse(tsv: &'static str, weekdays: &'static [String]) -> DateWords {
        let mut t = DateWords { weekdays: weekdays.iter().map(String::as_str).collect(), ..DateWords::default() };
        let mut hijri = Vec::new();
        for fields in data_rows(tsv) {
            let word = fields[0];
            let value = || -> u32 {
                let value = fields.get(2).copied().unwrap_or("");
                value.parse().unwrap_or_else(|_| panic!("data/date_words.tsv: `{word}` has no number but `{value}`"))
            };
            let tokens = || word.split(' ').collect::<Vec<_>>();
            match fields.get(1).copied() {
                Some("MONTH") => {
                    let alone = fields.get(3) != Some(&"context");
                    t.months.push(Month { tokens: tokens(), number: Some(value()), alone });
                }
                Some("HIJRI_MONTH") => hijri.push(Month { tokens: tokens(), number: None, alone: false }),
                Some("RELATIVE") => t.relative.push(tokens()),
                Some("PART") => t.parts.push(word),
                Some("PERIOD") => t.periods.push(word),
                Some("RELATIVE_ADJECTIVE") => t.relative_adjectives.push(word),
                Some("YEAR") => t.year_words.push(word),
                Some("RELATIVE_DAY") => t.relative_days.push(word),
                Some("TIME_OF_DAY") => t.times_of_day.push(word),
                Some("AGO") => t.ago.push(word),
                Some("DURATION") => t.durations.push(word),
                Some("UNIT") => t.units.push(word),
                Some("ORDINAL") => t.ordinals.push((word, value())),
                other => panic!("data/date_words.tsv: `{word}` has an unknown kind {other:?}"),
            }
        }
        t.months.extend(hijri);
        for (index, month) in t.months.iter().enumerate() {
            t.months_by_first_word.get_or_insert_with(month.tokens[0], Vec::new).push(index);
        }
        let months = t.months.iter().map(|m| m.tokens[0]);
        let relative = t.relative.iter().map(|words| words[0]);
        let other = t.weekdays.iter().chain(&t.year_words).copied().chain([DAY]);
        let more = t.parts.iter().chain(&t.times_of_day).chain(&t.ago).copied().chain(t.ordinals.iter().map(|(w, _)| *w));
        t.first_words = months.chain(relative).chain(other).chain(more).collect();
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "data/date_words.tsv: `x` has an unknown kind")]
    fn an_unknown_kind_is_a_defect() {
        DateWords::parse("x\tDAY\n", &[]);
    }
}

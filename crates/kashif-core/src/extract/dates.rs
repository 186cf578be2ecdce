//! Dates: weekdays, Gregorian months in their Levantine, Egyptian and Maghreb names (alone or
//! together, آذار/مارس), Hijri months, day–month–year in digits or with the day in words
//! (الخامس عشر من آذار), years (عام 2011), relative dates (أمس، الشهر الجاري، قبل يومين), parts
//! of a period (منتصف آذار، أواخر العام الماضي) and times of day (مساء الخميس، صباح اليوم).

use rustc_hash::FxHashSet as HashSet;

use super::{Candidate, Words};
use crate::analysis::Label;
use crate::resources::WordTables;
use crate::text::tokenize::TokenKind;

/// A month name of one or two folded tokens, its number and whether it is reliable alone
/// (`اب` is also "father", `مارس` also "he practised", Hijri names are also given names).
struct Month {
    tokens: &'static [&'static str],
    number: u32,
    alone: bool,
}

const MONTHS: &[Month] = &[
    Month { tokens: &["يناير"], number: 1, alone: true },
    Month { tokens: &["فبراير"], number: 2, alone: true },
    Month { tokens: &["مارس"], number: 3, alone: false },
    Month { tokens: &["ابريل"], number: 4, alone: true },
    Month { tokens: &["مايو"], number: 5, alone: true },
    Month { tokens: &["يونيو"], number: 6, alone: true },
    Month { tokens: &["يونيه"], number: 6, alone: true },
    Month { tokens: &["يوليو"], number: 7, alone: true },
    Month { tokens: &["يوليه"], number: 7, alone: true },
    Month { tokens: &["اغسطس"], number: 8, alone: true },
    Month { tokens: &["سبتمبر"], number: 9, alone: true },
    Month { tokens: &["اكتوبر"], number: 10, alone: true },
    Month { tokens: &["نوفمبر"], number: 11, alone: true },
    Month { tokens: &["ديسمبر"], number: 12, alone: true },
    Month { tokens: &["كانون", "الثاني"], number: 1, alone: true },
    Month { tokens: &["شباط"], number: 2, alone: true },
    Month { tokens: &["اذار"], number: 3, alone: true },
    Month { tokens: &["نيسان"], number: 4, alone: true },
    Month { tokens: &["ايار"], number: 5, alone: true },
    Month { tokens: &["حزيران"], number: 6, alone: true },
    Month { tokens: &["تموز"], number: 7, alone: true },
    Month { tokens: &["اب"], number: 8, alone: false },
    Month { tokens: &["ايلول"], number: 9, alone: true },
    Month { tokens: &["تشرين", "الاول"], number: 10, alone: true },
    Month { tokens: &["تشرين", "الثاني"], number: 11, alone: true },
    Month { tokens: &["كانون", "الاول"], number: 12, alone: true },
    // Maghreb: Algeria and Tunisia (جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت), Morocco.
    Month { tokens: &["جانفي"], number: 1, alone: true },
    Month { tokens: &["فيفري"], number: 2, alone: true },
    Month { tokens: &["افريل"], number: 4, alone: true },
    Month { tokens: &["ماي"], number: 5, alone: false },
    Month { tokens: &["جوان"], number: 6, alone: true },
    Month { tokens: &["جويليه"], number: 7, alone: true },
    Month { tokens: &["اوت"], number: 8, alone: true },
    Month { tokens: &["يوليوز"], number: 7, alone: true },
    Month { tokens: &["غشت"], number: 8, alone: true },
    Month { tokens: &["شتنبر"], number: 9, alone: true },
    Month { tokens: &["نونبر"], number: 11, alone: true },
    Month { tokens: &["دجنبر"], number: 12, alone: true },
];

/// Hijri months: never reliable alone, their number is not a Gregorian month.
const HIJRI_MONTHS: &[&[&str]] = &[
    &["محرم"],
    &["صفر"],
    &["ربيع", "الاول"],
    &["ربيع", "الثاني"],
    &["ربيع", "الاخر"],
    &["جمادي", "الاولي"],
    &["جمادي", "الاخره"],
    &["جمادي", "الثانيه"],
    &["رجب"],
    &["شعبان"],
    &["رمضان"],
    &["شوال"],
    &["ذو", "القعده"],
    &["ذي", "القعده"],
    &["ذو", "الحجه"],
    &["ذي", "الحجه"],
];

/// The weekdays, folded: also the days of claims (`crate::corpus`) and words that end a
/// descriptor-headed name (`descriptor-names`).
pub(crate) const WEEKDAYS: &[&str] = &["الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"];

/// Relative dates, as folded token sequences.
const RELATIVE: &[&[&str]] = &[
    &["امس"],
    &["البارحه"],
    &["غدا"],
    &["الاسبوع", "الماضي"],
    &["الاسبوع", "المقبل"],
    &["الاسبوع", "الجاري"],
    &["الشهر", "الماضي"],
    &["الشهر", "المقبل"],
    &["الشهر", "الجاري"],
    &["العام", "الماضي"],
    &["العام", "المقبل"],
    &["العام", "الجاري"],
    &["السنه", "الماضيه"],
    &["السنه", "المقبله"],
];

/// Parts of a period before a month, a year or a relative date: «منتصف آذار», «أواخر العام الماضي».
const PARTS: &[&str] = &["منتصف", "اواخر", "مطلع", "اوايل", "بدايه", "نهايه", "اواسط", "مستهل", "اول", "اخر", "اوسط"];

/// Periods a part may apply to without more: «مطلع العام», «نهاية الشهر».
const PERIODS: &[&str] = &["العام", "الشهر", "الاسبوع", "السنه", "العقد", "القرن"];

/// Times of day before a day: «مساء الخميس», «صباح اليوم», «فجر أمس».
const TIMES_OF_DAY: &[&str] = &["مساء", "صباح", "ظهر", "فجر", "ليله", "ليل", "عصر", "ظهيره", "صبيحه", "منتصف"];

/// Ago and in: «قبل يومين», «منذ أسبوعين», «بعد ثلاثة أيام».
const AGO: &[&str] = &["قبل", "منذ", "بعد"];

/// Durations that stand alone after قبل/منذ/بعد (one or two of a unit).
const DURATIONS: &[&str] = &[
    "يومين",
    "اسبوع",
    "اسبوعين",
    "شهر",
    "شهرين",
    "عام",
    "عامين",
    "سنه",
    "سنتين",
    "ساعات",
    "ايام",
    "اسابيع",
    "اشهر",
    "شهور",
    "اعوام",
    "سنوات",
    "عقد",
    "عقدين",
];

/// Units after a count: «قبل 3 أيام», «منذ خمسة أشهر».
const UNITS: &[&str] =
    &["ايام", "يوما", "اسابيع", "اسبوعا", "اشهر", "شهور", "شهرا", "اعوام", "عاما", "سنوات", "سنه", "ساعات", "ساعه"];

/// Ordinal days in words (the first word): «الخامس عشر من آذار», «الحادي والعشرين من أيار».
const ORDINALS: &[(&str, u32)] = &[
    ("الاول", 1),
    ("الحادي", 1),
    ("الثاني", 2),
    ("الثالث", 3),
    ("الرابع", 4),
    ("الخامس", 5),
    ("السادس", 6),
    ("السابع", 7),
    ("الثامن", 8),
    ("التاسع", 9),
    ("العاشر", 10),
    ("العشرين", 20),
    ("الثلاثين", 30),
];

/// The first words of the date patterns (folded), which a date may start with.
pub(crate) struct FirstWords(HashSet<&'static str>);

impl FirstWords {
    /// The first words of the patterns above.
    pub(crate) fn build() -> FirstWords {
        let months = MONTHS.iter().map(|m| m.tokens[0]);
        let hijri = HIJRI_MONTHS.iter().map(|words| words[0]);
        let relative = RELATIVE.iter().map(|words| words[0]);
        let other = WEEKDAYS.iter().copied().chain(["يوم", "عام", "العام", "سنه"]);
        let more = PARTS.iter().chain(TIMES_OF_DAY).chain(AGO).copied().chain(ORDINALS.iter().map(|(w, _)| *w));
        FirstWords(months.chain(hijri).chain(relative).chain(other).chain(more).collect())
    }
}

/// Reads dates at token positions: the first token of a date may carry clitics, the others not.
struct Cursor<'a> {
    words: &'a Words<'a>,
    tables: &'a WordTables,
}

impl Cursor<'_> {
    fn text(&self, index: usize) -> Option<&str> {
        self.words.text(index)
    }

    /// True when the tokens from `at` are `words` (the first one may carry clitics when
    /// `first_prefix` is given: it receives the clitic chars).
    fn matches(&self, at: usize, words: &[&str], first_prefix: Option<&mut usize>) -> bool {
        let Some((head, rest)) = words.split_first() else { return false };
        let head_ok = match first_prefix {
            Some(prefix) => match self.words.readings(at).iter().find(|r| r.stem == *head) {
                Some(reading) => {
                    *prefix = reading.prefix;
                    true
                }
                None => false,
            },
            None => self.text(at) == Some(head),
        };
        head_ok && rest.iter().enumerate().all(|(i, w)| self.text(at + 1 + i) == Some(w))
    }

    fn number(&self, index: usize, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
        let token = self.words.tokens.get(index)?;
        if token.kind != TokenKind::Number {
            return None;
        }
        token.text.parse().ok().filter(|n| range.contains(n))
    }

    fn year(&self, index: usize) -> Option<u32> {
        self.number(index, 1000..=2200)
    }

    /// A month name at `at`: (tokens it takes, Gregorian number if any, reliable alone, clitics).
    fn month(&self, at: usize, allow_clitic: bool) -> Option<(usize, Option<u32>, bool, usize)> {
        let mut prefix = 0;
        for month in MONTHS {
            let p = allow_clitic.then_some(&mut prefix);
            if self.matches(at, month.tokens, p) {
                return Some((month.tokens.len(), Some(month.number), month.alone, prefix));
            }
        }
        for words in HIJRI_MONTHS {
            let p = allow_clitic.then_some(&mut prefix);
            if self.matches(at, words, p) {
                return Some((words.len(), None, false, prefix));
            }
        }
        None
    }

    /// True when a date may start at token `at`: it is a number or one of its readings is the
    /// first word of a date pattern. Most tokens are neither; this spares them every pattern.
    fn may_start(&self, at: usize) -> bool {
        let heads = &self.tables.dates.0;
        let Some(token) = self.words.tokens.get(at) else { return false };
        token.kind == TokenKind::Number || self.words.readings(at).iter().any(|r| heads.contains(r.stem.as_str()))
    }

    /// The date that starts at token `at`, if any.
    fn date_at(&self, at: usize) -> Option<Candidate> {
        if !self.may_start(at) {
            return None;
        }
        if let Some(numeric) = self.numeric_date(at) {
            return Some(numeric);
        }
        if let Some(named) = self.month_date(at) {
            return named;
        }
        self.year_date(at)
            .or_else(|| self.weekday_date(at))
            .or_else(|| self.relative_date(at))
            .or_else(|| self.words_date_at(at))
    }

    /// Numeric dates: 15/3/2011, 2011-03-15.
    fn numeric_date(&self, at: usize) -> Option<Candidate> {
        if let (Some(d), Some("/" | "-" | "."), Some(m), Some(s), Some(y)) = (
            self.number(at, 1..=31),
            self.text(at + 1),
            self.number(at + 2, 1..=12),
            self.text(at + 3),
            self.year(at + 4),
        ) {
            if Some(s) == self.text(at + 1) {
                return Some(date(at, at + 5, 0, format!("{y:04}-{m:02}-{d:02}")));
            }
        }
        if let (Some(y), Some("-"), Some(m), Some("-"), Some(d)) = (
            self.year(at),
            self.text(at + 1),
            self.number(at + 2, 1..=12),
            self.text(at + 3),
            self.number(at + 4, 1..=31),
        ) {
            return Some(date(at, at + 5, 0, format!("{y:04}-{m:02}-{d:02}")));
        }
        None
    }

    /// [day] month[/month] [year]: none when no month is there; `Some(None)` when one is but
    /// makes no date (then no other pattern is tried).
    fn month_date(&self, at: usize) -> Option<Option<Candidate>> {
        let day = self.number(at, 1..=31);
        let month_at = if day.is_some() { at + 1 } else { at };
        let (len, number, alone, prefix) = self.month(month_at, day.is_none())?;
        let mut last = month_at + len;
        let mut number = number;
        let mut reliable = alone || day.is_some();
        if let Some((end, second)) = self.second_month_name(last, number) {
            (last, number, reliable) = (end, second, true);
        }
        let year = self.year(last);
        if year.is_some() {
            last += 1;
            reliable = true;
        }
        let after_month_word = at > 0 && self.text(at - 1) == Some("شهر");
        if !(reliable || after_month_word) {
            return Some(None);
        }
        let canonical = match (year, number, day) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            _ => String::new(),
        };
        Some(Some(date(at, last, if day.is_some() { 0 } else { prefix }, canonical)))
    }

    /// A second name of the month (Gregorian `number`, if known) from token `at`: آذار/مارس,
    /// آذار (مارس): one past its last token and the month's number.
    fn second_month_name(&self, at: usize, number: Option<u32>) -> Option<(usize, Option<u32>)> {
        let (open, close) = (self.text(at), self.text(at + 2));
        if !matches!(open, Some("/" | "(")) {
            return None;
        }
        let (len, second, _, _) = self.month(at + 1, false)?;
        if !(number.is_none() || second.is_none() || number == second) {
            return None;
        }
        let mut last = at + 1 + len;
        if open == Some("(") && close == Some(")") {
            last += 1;
        }
        Some((last, number.or(second)))
    }

    /// عام 2011, العام 2011, سنة 2011
    fn year_date(&self, at: usize) -> Option<Candidate> {
        let mut prefix = 0;
        for word in ["عام", "العام", "سنه"] {
            if self.matches(at, &[word], Some(&mut prefix)) {
                if let Some(year) = self.year(at + 1) {
                    return Some(date(at, at + 2, prefix, format!("{year:04}")));
                }
            }
        }
        None
    }

    /// [يوم] weekday, or يوم before a dated day: «يوم 5 آذار 2024».
    fn weekday_date(&self, at: usize) -> Option<Candidate> {
        let mut prefix = 0;
        let weekday_at = if self.matches(at, &["يوم"], Some(&mut prefix)) { at + 1 } else { at };
        let weekday_prefix = if weekday_at == at { None } else { Some(prefix) };
        for weekday in WEEKDAYS {
            let mut p = 0;
            let matched = match weekday_prefix {
                Some(_) => self.matches(weekday_at, &[weekday], None),
                None => self.matches(weekday_at, &[weekday], Some(&mut p)),
            };
            if matched {
                return Some(date(at, weekday_at + 1, weekday_prefix.unwrap_or(p), String::new()));
            }
        }
        let prefix = weekday_prefix?;
        let dated_day = self.words.tokens.get(weekday_at).is_some_and(|t| t.kind == TokenKind::Number);
        let next = dated_day.then(|| self.date_at(weekday_at)).flatten()?;
        Some(date(at, next.last, prefix, next.canonical))
    }

    /// A relative date ([`RELATIVE`]).
    fn relative_date(&self, at: usize) -> Option<Candidate> {
        for words in RELATIVE {
            let mut p = 0;
            if self.matches(at, words, Some(&mut p)) {
                return Some(date(at, at + words.len(), p, String::new()));
            }
        }
        None
    }

    /// The first reading of token `at` (clitics allowed) that is in `list`: its clitic chars.
    fn reading_in(&self, at: usize, list: &[&str]) -> Option<usize> {
        self.words.readings(at).iter().find(|r| list.contains(&r.stem.as_str())).map(|r| r.prefix)
    }

    /// Dates made with words around a date: parts of periods, times of day, ago, ordinal days.
    fn words_date_at(&self, at: usize) -> Option<Candidate> {
        self.part_date(at)
            .or_else(|| self.time_of_day_date(at))
            .or_else(|| self.ago_date(at))
            .or_else(|| self.ordinal_date(at))
    }

    /// Whether the token after `at` is a word of `list`.
    fn next_is(&self, at: usize, list: &[&str]) -> bool {
        self.text(at + 1).is_some_and(|t| list.contains(&t))
    }

    /// منتصف آذار، أواخر العام الماضي، مطلع عام 2020، نهاية الشهر
    fn part_date(&self, at: usize) -> Option<Candidate> {
        let prefix = self.reading_in(at, PARTS)?;
        if self.next_is(at, PERIODS)
            && self.year(at + 2).is_none()
            && !self
                .text(at + 2)
                .is_some_and(|t| ["الماضي", "المقبل", "الجاري", "الحالي", "الماضيه", "المقبله"].contains(&t))
        {
            return Some(date(at, at + 2, prefix, String::new()));
        }
        if !self.next_is(at, PARTS) && !self.next_is(at, TIMES_OF_DAY) {
            if let Some(next) = self.date_at(at + 1) {
                return Some(date(at, next.last, prefix, String::new()));
            }
        }
        None
    }

    /// مساء الخميس، صباح اليوم، فجر أمس، ليلة الأحد
    fn time_of_day_date(&self, at: usize) -> Option<Candidate> {
        let prefix = self.reading_in(at, TIMES_OF_DAY)?;
        if self.next_is(at, &["اليوم", "امس", "الغد"]) {
            return Some(date(at, at + 2, prefix, String::new()));
        }
        if !self.next_is(at, PARTS) && !self.next_is(at, TIMES_OF_DAY) {
            if let Some(next) = self.date_at(at + 1) {
                return Some(date(at, next.last, prefix, next.canonical));
            }
        }
        None
    }

    /// قبل يومين، منذ أسبوع، بعد 3 أيام
    fn ago_date(&self, at: usize) -> Option<Candidate> {
        let prefix = self.reading_in(at, AGO)?;
        let dated_next = self.year(at + 2).is_some() || self.month(at + 2, false).is_some();
        if self.next_is(at, DURATIONS) && !dated_next {
            return Some(date(at, at + 2, prefix, String::new()));
        }
        let count = self.words.tokens.get(at + 1).is_some_and(|t| t.kind == TokenKind::Number)
            || self.words.readings(at + 1).iter().any(|r| self.tables.numbers.is_number_word(&r.stem));
        if count && self.text(at + 2).is_some_and(|t| UNITS.contains(&t)) {
            return Some(date(at, at + 3, prefix, String::new()));
        }
        None
    }

    /// الخامس عشر من آذار 2011، الحادي والعشرين من أيار
    fn ordinal_date(&self, at: usize) -> Option<Candidate> {
        let (_, &(_, unit)) = ORDINALS.iter().enumerate().find(|(_, (w, _))| self.text(at) == Some(w))?;
        let (day, month_at) = match (unit, self.text(at + 1)) {
            (1..=9, Some("عشر")) => (unit + 10, at + 2),
            (10, _) => (10, at + 1),
            (1..=9, Some("والعشرين")) => (unit + 20, at + 2),
            (1, Some("والثلاثين")) => (31, at + 2),
            (_, _) if unit == 1 && self.text(at) == Some("الحادي") => return None,
            (_, _) => (unit, at + 1),
        };
        if self.text(month_at) != Some("من") {
            return None;
        }
        let (len, number, _, _) = self.month(month_at + 1, false)?;
        let mut last = month_at + 1 + len;
        let year = self.year(last);
        if year.is_some() {
            last += 1;
        }
        let canonical = match (year, number) {
            (Some(y), Some(m)) => format!("{y:04}-{m:02}-{day:02}"),
            _ => String::new(),
        };
        Some(date(at, last, 0, canonical))
    }
}

fn date(first: usize, last: usize, prefix: usize, canonical: String) -> Candidate {
    Candidate { first, last, prefix, label: Label::Date, canonical, id: String::new(), source: crate::extract::Source::Date }
}

/// Dates in the tokens, as `DATE` candidates. The canonical form is ISO 8601 (`2011-03-15`,
/// `2011-03`, `2011`) when the date is complete enough, empty otherwise.
pub(crate) fn find(tables: &WordTables, words: &Words<'_>) -> Vec<Candidate> {
    let cursor = Cursor { words, tables };
    let mut found = Vec::new();
    let mut at = 0;
    while at < words.tokens.len() {
        if let Some(range) = day_range(&cursor, at) {
            at = range.last;
            found.push(range);
            continue;
        }
        match cursor.date_at(at) {
            Some(mut candidate) => {
                // A weekday or relative day followed by a dated day is one date:
                // «الخميس 5 آذار 2020», «أمس الأحد».
                if let Some(next) = cursor.date_at(candidate.last) {
                    if candidate.canonical.is_empty() {
                        candidate.last = next.last;
                        candidate.canonical = next.canonical;
                    }
                }
                at = candidate.last;
                found.push(candidate);
            }
            None => at += 1,
        }
    }
    found
}

/// A day of the month written in digits (1–31).
fn day_number(text: &str) -> Option<u32> {
    (text.len() <= 2 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// A range of days sharing a month: `5 إلى 7 آذار 2024`، `بين 10 و12 نيسان`، `5-7 آذار`. With a
/// full date at its end the canonical form is an ISO 8601 interval (`2024-03-05/2024-03-07`).
fn day_range(cursor: &Cursor<'_>, at: usize) -> Option<Candidate> {
    let words = cursor.words;
    let low = day_number(words.text(at)?)?;
    if !matches!(words.text(at + 1)?, "و" | "-" | "–" | "الي" | "حتي") {
        return None;
    }
    let end = cursor.date_at(at + 2).filter(|c| c.first == at + 2 && c.prefix == 0)?;
    let high = day_number(words.text(at + 2)?)?;
    if low >= high {
        return None;
    }
    let canonical = match end.canonical.as_bytes() {
        [y @ .., b'-', _, _] if end.canonical.len() == 10 && y.len() == 7 => {
            format!("{}-{low:02}/{}", &end.canonical[..7], end.canonical)
        }
        _ => String::new(),
    };
    Some(Candidate { first: at, canonical, ..end })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::Folded;
    use crate::text::tokenize::tokenize;

    fn dates(text: &str) -> Vec<(String, String)> {
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        find(crate::resources::tables(), &Words::new(&tokens))
            .into_iter()
            .map(|c| {
                let (s, e) = folded.original_span(tokens[c.first].start + c.prefix, tokens[c.last - 1].end);
                (folded.original_text(s, e), c.canonical)
            })
            .collect()
    }

    fn d(surface: &str, canonical: &str) -> (String, String) {
        (surface.to_owned(), canonical.to_owned())
    }

    #[test]
    fn day_ranges() {
        assert_eq!(dates("من 5 إلى 7 آذار/مارس 2024"), [d("5 إلى 7 آذار/مارس 2024", "2024-03-05/2024-03-07")]);
        assert_eq!(dates("بين 10 و12 نيسان"), [d("10 و12 نيسان", "")]);
        assert_eq!(dates("في 28-30 أيلول 2015"), [d("28-30 أيلول 2015", "2015-09-28/2015-09-30")]);
        // Not ranges: a decreasing pair, a count before a date.
        assert_eq!(dates("12 و10 نيسان 2020"), [d("10 نيسان 2020", "2020-04-10")]);
        assert_eq!(dates("قتل 40 و5 آذار 2020"), [d("5 آذار 2020", "2020-03-05")]);
    }

    #[test]
    fn date_table() {
        assert_eq!(dates("في 15 آذار/مارس 2011 خرجت"), [d("15 آذار/مارس 2011", "2011-03-15")]);
        assert_eq!(dates("منذ كانون الثاني 2020"), [d("كانون الثاني 2020", "2020-01")]);
        assert_eq!(dates("في أيلول الماضي"), [d("أيلول", "")]);
        assert_eq!(dates("وفي ديسمبر"), [d("ديسمبر", "")]);
        assert_eq!(dates("بتاريخ 5/10/2019"), [d("5/10/2019", "2019-10-05")]);
        assert_eq!(dates("منذ عام 2011"), [d("عام 2011", "2011")]);
        assert_eq!(dates("يوم الجمعة"), [d("يوم الجمعة", "")]);
        assert_eq!(dates("يوم 5 آذار 2024"), [d("يوم 5 آذار 2024", "2024-03-05")]);
        assert!(dates("يوم 5").is_empty());
        assert_eq!(dates("الخميس 5 آذار/مارس 2020"), [d("الخميس 5 آذار/مارس 2020", "2020-03-05")]);
        assert_eq!(dates("أمس الأحد"), [d("أمس الأحد", "")]);
        assert_eq!(dates("وأمس قال"), [d("أمس", "")]);
        assert_eq!(dates("العام الماضي"), [d("العام الماضي", "")]);
        assert_eq!(dates("في 10 رمضان 1440"), [d("10 رمضان 1440", "")]);
        assert_eq!(dates("حزيران (يونيو) 2014"), [d("حزيران (يونيو) 2014", "2014-06")]);
    }

    #[test]
    fn maghreb_months() {
        assert_eq!(dates("في 5 جانفي 2021"), [d("5 جانفي 2021", "2021-01-05")]);
        assert_eq!(dates("منذ فيفري الماضي"), [d("فيفري", "")]);
        assert_eq!(dates("يوم 14 جويلية"), [d("يوم 14 جويلية", "")]);
        assert_eq!(dates("في أوت 2019"), [d("أوت 2019", "2019-08")]);
        assert_eq!(dates("في 1 ماي 2020"), [d("1 ماي 2020", "2020-05-01")]);
        assert_eq!(dates("في أفريل"), [d("أفريل", "")]);
        assert_eq!(dates("في 20 جوان"), [d("20 جوان", "")]);
        assert!(dates("ماي الحبيبة").is_empty());
    }

    #[test]
    fn relative_and_worded_dates() {
        let cases: [(&str, &[(&str, &str)]); 14] = [
            ("في منتصف آذار", &[("منتصف آذار", "")]),
            ("منذ أواخر العام الماضي", &[("أواخر العام الماضي", "")]),
            ("مطلع عام 2020", &[("مطلع عام 2020", "")]),
            ("حتى نهاية الشهر", &[("نهاية الشهر", "")]),
            ("وصل مساء الخميس", &[("مساء الخميس", "")]),
            ("صباح اليوم", &[("صباح اليوم", "")]),
            ("فجر أمس", &[("فجر أمس", "")]),
            ("ليلة الأحد", &[("ليلة الأحد", "")]),
            ("وصل قبل يومين", &[("قبل يومين", "")]),
            ("منذ أسبوع", &[("منذ أسبوع", "")]),
            ("قبل 3 أيام", &[("قبل 3 أيام", "")]),
            ("في الخامس عشر من آذار 2011", &[("الخامس عشر من آذار 2011", "2011-03-15")]),
            ("الحادي والعشرين من أيار", &[("الحادي والعشرين من أيار", "")]),
            ("الأول من كانون الثاني 2020", &[("الأول من كانون الثاني 2020", "2020-01-01")]),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, String)> = expected.iter().map(|(s, c)| d(s, c)).collect();
            assert_eq!(dates(text), expected, "dates in {text:?}");
        }
        // Not dates: an ordinal with no month, قبل with no duration, a part with no period.
        for text in ["الخامس من المرشحين", "قبل الاجتماع", "منتصف الطريق", "الفصل الثاني من الكتاب"]
        {
            assert!(dates(text).is_empty(), "{text:?}: {:?}", dates(text));
        }
    }

    #[test]
    fn ambiguous_month_names_need_context() {
        assert!(dates("مارس الجيش ضغطا").is_empty());
        assert!(dates("الأب والابن").is_empty());
        assert!(dates("قال رمضان").is_empty());
        assert_eq!(dates("في 3 آب"), [d("3 آب", "")]);
        assert_eq!(dates("شهر رمضان"), [d("رمضان", "")]);
    }
}

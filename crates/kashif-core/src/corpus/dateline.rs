//! A document's headline, outlet and date as its text gives them: a first line that reads as a
//! headline, a dateline (`دمشق (رويترز) -`، `دبي، الإمارات العربية المتحدة (CNN) --`،
//! `القاهرة - «الحياة» -`), a signature on the last line (`(أ ف ب)`، `المصدر: سكاي نيوز عربية`)
//! and a date of publication (in a dateline, or on a line of its own among the first three).
//!
//! Outlets are recognised by position, never by their name alone in running text (`الحياة` and
//! `العربية` are common words): a known outlet of `data/outlets.tsv` is given under its usual
//! name, another one as written.

use crate::analysis::{Analysis, Label};
use crate::text::byte_offsets::ByteOffsets;
use crate::ingest::{iso_date, Byline};
use crate::text::normalize::fold;

/// The usual name of a known outlet or agency written `name` (`أ ف ب` → `فرانس برس`).
fn known_outlet(name: &str) -> Option<&'static str> {
    crate::word_tables::corpus_tables().outlets.usual_name(name)
}

/// The headline, outlet and date the text of a document gives (see the module's doc); the
/// analysis gives the dates. Linear in the text (only its first and last lines are read).
///
/// ```
/// let text = "أنقرة تعلن مقتل 34 جنديا في إدلب\n\nأنقرة، 28 فبراير 2020 (رويترز) - أعلنت تركيا مقتل 34 جنديا.";
/// let analysis = kashif_core::Analyzer::new().analyze(text);
/// let byline = kashif_core::corpus::byline(text, &analysis);
/// assert_eq!(byline.headline.as_deref(), Some("أنقرة تعلن مقتل 34 جنديا في إدلب"));
/// assert_eq!(byline.outlet.as_deref(), Some("رويترز"));
/// assert_eq!(byline.date.as_deref(), Some("2020-02-28"));
/// ```
pub fn byline(text: &str, analysis: &Analysis) -> Byline {
    let lines = first_lines(text, 3);
    let headline = lines.first().filter(|(_, line)| lines.len() > 1 && reads_as_headline(line)).map(|(_, l)| *l);
    // A dateline opens the body, whether or not a headline was seen above it.
    let outlet = lines
        .iter()
        .take(2)
        .find_map(|(_, line)| dateline_outlet(line))
        .or_else(|| last_line(text).filter(|_| lines.len() > 1).and_then(signature_outlet));
    Byline {
        headline: headline.map(str::to_owned),
        outlet: outlet.map(|o| o.trim().to_owned()),
        date: lines.iter().find_map(|&(start, line)| publication_date(analysis, start, line)),
    }
}

/// The first `count` non-blank lines, trimmed, each with the char offset of its first char.
fn first_lines(text: &str, count: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(count);
    let mut offset = 0;
    for line in text.split('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.chars().take_while(|c| c.is_whitespace()).count();
            out.push((offset + lead, trimmed));
            if out.len() == count {
                break;
            }
        }
        offset += line.chars().count() + 1;
    }
    out
}

/// The last non-blank line, trimmed.
fn last_line(text: &str) -> Option<&str> {
    text.trim_end().rsplit('\n').next().map(str::trim).filter(|l| !l.is_empty())
}

/// The longest headline, in words (of 717 headlines of six outlets, the median has 8 words and
/// the longest 19).
const MAX_HEADLINE_WORDS: usize = 24;

/// A first line is a headline when another line follows, it has 2 to [`MAX_HEADLINE_WORDS`]
/// words, holds no end of a sentence before its own end, does not end as a sentence or a clause
/// does (`.`، `،`، `:`) and is no dateline.
fn reads_as_headline(line: &str) -> bool {
    // Counted no further than one word too many: a first line may be a whole article.
    let words = line.split_whitespace().take(MAX_HEADLINE_WORDS + 1).count();
    // `..` is the headline's own pause (`زيدان عن "السرقة": أمر مخز.. ويثير الغضب`), not an end.
    let inner_sentence_end = || {
        line.char_indices()
            .zip(line.chars().skip(1))
            .any(|((at, c), next)| next == ' ' && matches!(c, '.' | '!' | '؟' | '?') && !line[..at].ends_with('.'))
    };
    (2..=MAX_HEADLINE_WORDS).contains(&words)
        && !line.ends_with(['.', '،', ',', ':', '؛', ';'])
        && !inner_sentence_end()
        && dateline_outlet(line).is_none()
}

/// How far into a line a dateline may run, in chars.
const DATELINE_CHARS: usize = 120;
/// The most words a dateline puts before its outlet (`دبي، الإمارات العربية المتحدة`).
const DATELINE_PLACE_WORDS: usize = 6;
/// The most words of an outlet Kashif does not know, in a dateline or a signature.
const MAX_OUTLET_WORDS: usize = 4;

/// The outlet of a dateline at the start of `line`: `(X)` or `«X»` after at most a few words of
/// place and before a dash or a colon, or `PLACE - X -` with a known outlet X.
fn dateline_outlet(line: &str) -> Option<String> {
    let head = &line[..line.char_indices().nth(DATELINE_CHARS).map_or(line.len(), |(at, _)| at)];
    for (open, close) in [('(', ')'), ('«', '»'), ('"', '"')] {
        let Some(at) = head.find(open) else { continue };
        let inner_start = at + open.len_utf8();
        let Some(len) = head[inner_start..].find(close) else { continue };
        let (before, inner) = (&head[..at], head[inner_start..inner_start + len].trim());
        let after = head[inner_start + len + close.len_utf8()..].trim_start();
        let place_words = before.split_whitespace().filter(|w| !is_dash(w)).count();
        if place_words > DATELINE_PLACE_WORDS || before.contains(['.', '؟', '!']) {
            continue;
        }
        if let Some(known) = known_outlet(inner).filter(|_| starts_with_dash(after)) {
            return Some(known.to_owned());
        }
        // One Kashif does not know needs the whole dateline: a place, brackets, a dash (a quoted
        // title before a colon is no outlet: `مخرج "غدوة حي" : …`).
        if place_words > 0 && open != '"' && after.starts_with(['-', '–', '—']) {
            if let Some(outlet) = outlet_named(inner) {
                return Some(outlet);
            }
        }
    }
    let mut parts = head.split([' ', '\u{a0}']).filter(|w| !w.is_empty()).peekable();
    let mut before = 0;
    while let Some(word) = parts.next() {
        if is_dash(word) && before > 0 && before <= DATELINE_PLACE_WORDS {
            let rest: Vec<&str> = parts.clone().take_while(|w| !is_dash(w)).collect();
            let known = known_outlet(&rest.join(" "));
            if known.is_some() && parts.clone().nth(rest.len()).is_some_and(is_dash) {
                return known.map(str::to_owned);
            }
            return None;
        }
        before += 1;
    }
    None
}

/// The outlet of a signature line: `(X)`، `المصدر: X`، or a line ending in `(X)` with X known.
fn signature_outlet(line: &str) -> Option<String> {
    let line = line.trim_end_matches(['.', ' ']);
    if let Some(inner) = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        return outlet_named(inner);
    }
    if let Some(rest) = line.strip_prefix("المصدر") {
        let rest = rest.trim_start().strip_prefix([':', '：'])?.trim();
        return (!matches!(fold(rest).as_str(), "نفسه" | "ذاته")).then(|| outlet_named(rest)).flatten();
    }
    let inner = line.strip_suffix(')')?.rsplit_once('(')?.1;
    known_outlet(inner).map(str::to_owned)
}

/// A known outlet's usual name, or a short name as written (no digits, at most
/// [`MAX_OUTLET_WORDS`] words).
fn outlet_named(inner: &str) -> Option<String> {
    let inner = inner.trim();
    if let Some(known) = known_outlet(inner) {
        return Some(known.to_owned());
    }
    let words = inner.split_whitespace().count();
    ((1..=MAX_OUTLET_WORDS).contains(&words) && !inner.chars().any(|c| c.is_numeric() || c == ':'))
        .then(|| inner.to_owned())
}

fn is_dash(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, '-' | '–' | '—' | ':'))
}

fn starts_with_dash(text: &str) -> bool {
    text.starts_with(['-', '–', '—', ':'])
}

/// The most words a line that gives the date of publication holds besides the date
/// (`نشر في`، `آخر تحديث:`، a weekday).
const DATE_LINE_OTHER_WORDS: usize = 3;

/// The full date (`YYYY-MM-DD`, of a year of the Gregorian calendar from 1900) that the line
/// starting at char `start` gives as the date of publication: a date in its dateline (after a
/// few words of place, before the outlet or the dash) or a line that is little more than a date. A date in running text is the
/// date of an event, not of the article.
fn publication_date(analysis: &Analysis, start: usize, line: &str) -> Option<String> {
    // A first line may be a whole article, with many dates: its chars are counted, not
    // collected, and its words counted no further than `most + 1`.
    let len = line.chars().count();
    let mut offsets = ByteOffsets::of(line);
    let words = |stretch: &str, most: usize| stretch.split_whitespace().take(most + 1).count();
    analysis
        .entities
        .iter()
        .skip_while(|m| m.start < start)
        .take_while(|m| m.start < start + len)
        .filter(|m| m.label == Label::Date && m.canonical.len() == 10 && m.canonical.as_str() >= "1900")
        .find(|m| {
            let from = offsets.of_char(m.start - start);
            let to = offsets.of_char((m.end - start).min(len));
            let (before, after) = (&line[..from], &line[to..]);
            let next = after.chars().find(|c| !c.is_whitespace());
            let in_dateline =
                words(before, DATELINE_PLACE_WORDS) <= DATELINE_PLACE_WORDS && matches!(next, Some('-' | '–' | '—' | '('));
            let most = DATE_LINE_OTHER_WORDS;
            in_dateline || words(before, most) + words(after, most) <= most
        })
        .and_then(|m| iso_date(&m.canonical))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Byline {
        byline(text, &crate::analyzer::shared_for_tests().analyze(text))
    }

    #[test]
    fn datelines_of_agencies_and_outlets() {
        let cnn = of("دبي، الإمارات العربية المتحدة (CNN) -- قال مسؤولون إن القصف تواصل.");
        assert_eq!(cnn.outlet.as_deref(), Some("سي إن إن"));
        assert_eq!(cnn.headline, None, "one line is no headline");
        let afp = of("قصف على إدلب\nبيروت (أ ف ب) - قتل 20 مدنيا.");
        assert_eq!(afp.outlet.as_deref(), Some("فرانس برس"));
        let hayat = of("عنوان الخبر هنا\nالقاهرة - «الحياة» - وصل الوفد.");
        assert_eq!(hayat.outlet.as_deref(), Some("الحياة"));
        let anadolu = of("عنوان الخبر هنا\nأنقرة - الأناضول - أعلنت الوزارة.");
        assert_eq!(anadolu.outlet.as_deref(), Some("الأناضول"));
    }

    #[test]
    fn signatures_on_the_last_line() {
        assert_eq!(of("نص الخبر الأول.\nنص آخر.\n(أ ف ب)").outlet.as_deref(), Some("فرانس برس"));
        assert_eq!(of("نص الخبر الأول.\nالمصدر: سكاي نيوز عربية").outlet.as_deref(), Some("سكاي نيوز عربية"));
        assert_eq!(of("نص الخبر الأول.\nالمصدر: موقع محلي").outlet.as_deref(), Some("موقع محلي"));
        assert_eq!(of("نص الخبر الأول.\nوقال إن الرقم من المصدر نفسه (رويترز)").outlet.as_deref(), Some("رويترز"));
        assert_eq!(of("نص الخبر.\nالمصدر: نفسه").outlet, None);
    }

    #[test]
    fn words_in_brackets_in_running_text_are_no_outlet() {
        let text = "وقال الوزير لصحيفة (الحياة) إن الوفد وصل.\nوأضاف أن المحادثات (صعبة) جدا.";
        let byline = of(text);
        assert_eq!(byline.outlet, None, "{byline:?}");
        assert_eq!(byline.headline, None, "the first line ends as a sentence");
        assert_eq!(of("نص.\n(صورة أرشيفية للقصف على المدينة الكبيرة)").outlet, None);
    }

    #[test]
    fn a_date_in_the_first_lines_only() {
        let text = "اجتماع في موسكو\nموسكو - 5 مارس 2020 - التقى الرئيسان.\nوكان لقاء سابق في 17 سبتمبر 2018.";
        assert_eq!(of(text).date.as_deref(), Some("2020-03-05"));
        let late = "اجتماع في موسكو\nالتقى الرئيسان.\nوكان لقاء سابق في 17 سبتمبر 2018.";
        assert_eq!(of(late).date, None);
        let own_line = "اجتماع في موسكو\nنشر في 5 مارس 2020\nالتقى الرئيسان.";
        assert_eq!(of(own_line).date.as_deref(), Some("2020-03-05"));
        let event = "اجتماع في موسكو\nالتقى الرئيسان يوم 5 مارس 2020 في الكرملين لبحث الوضع.";
        assert_eq!(of(event).date, None, "the date of an event in running text is not the article's");
    }

    #[test]
    fn a_blank_or_one_word_text() {
        assert!(of("").is_empty());
        assert!(of("   \n\n").is_empty());
        assert_eq!(of("إدلب\nقصف").headline, None, "a one-word line is no headline");
    }

    #[test]
    fn a_known_outlet_by_any_of_its_spellings() {
        assert_eq!(known_outlet("أ.ف.ب"), Some("فرانس برس"));
        assert_eq!(known_outlet("cnn"), Some("سي إن إن"));
        assert_eq!(known_outlet("وزارة الدفاع"), None);
    }
}

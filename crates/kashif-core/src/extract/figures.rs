//! Figures: a number (a `NUM` mention, or a vague quantity such as عشرات، مئات، آلاف) with the
//! noun it counts (`25 مدنيا`، `نحو ٢٠٠ ألف نازح`، `عشرات من الجرحى`), the approximation around
//! it (أكثر من، نحو، قرابة، ما لا يقل عن، على الأقل …) and what happened to them when a verb
//! or an event noun says so (قُتل، لقي حتفه، أصيب، نزح، اعتُقل، مقتل …).
//!
//! Every rule looks at a fixed window of tokens around the number: linear in the text.

use crate::word_tables::word_map::WordMap;

use super::context::Context;
use crate::analysis::{Counted, Event, Figure, Label};
use crate::word_tables::figure_words::FigureWords;
use crate::word_tables::number_words::NumberWords;

/// The category of a counted noun (folded), with or without the article.
fn noun_category(t: &FigureWords, word: &str) -> Option<Counted> {
    let nouns = &t.nouns;
    nouns.get(word).or_else(|| word.strip_prefix("ال").and_then(|w| nouns.get(w))).copied()
}

/// A word that says what happened, looked up in `table` through its clitic readings (و، ف).
fn event_of(cx: &Context<'_>, i: usize, table: &WordMap<&'static str, Event>) -> Option<Event> {
    cx.words.readings(i).iter().take(2).find_map(|r| table.get(r.stem.as_str()).copied())
}

/// The approximation that ends right before token `at`: (first token, clitic chars).
fn qualifier_before(cx: &Context<'_>, at: usize) -> Option<(usize, usize)> {
    for pattern in &cx.tables.figures.approx_before {
        let Some(first) = at.checked_sub(pattern.len()) else { continue };
        if cx.sentence_of[first] != cx.sentence_of[at] {
            continue;
        }
        let head = cx.words.readings(first).iter().find(|r| r.stem == pattern[0] && r.prefix <= 2);
        let Some(head) = head else { continue };
        if pattern[1..].iter().enumerate().all(|(k, w)| cx.text(first + 1 + k) == *w) {
            return Some((first, head.prefix));
        }
    }
    None
}

/// The scale a number's mention ends with (`7 آلاف` → 1000; `SCALE` of
/// `data/number_words.tsv`), 1 without one.
fn scale_of(numbers: &NumberWords, text: &str) -> f64 {
    let last = crate::text::normalize::fold(text.split_whitespace().last().unwrap_or(""));
    numbers.scale(last.trim_start_matches(['و', 'ب', 'ل'])).unwrap_or(1.0)
}

/// A second number after `last` that makes a range with the first (`20 و30`، `5 إلى 7 آلاف`):
/// (the token after it, lower bound, upper bound).
fn range_after(cx: &Context<'_>, first_mention: usize, last: usize, value: f64) -> Option<(usize, f64, f64)> {
    if !cx.tables.figures.is_range_joiner(cx.text(last)) || cx.sentence_of.get(last + 1) != cx.sentence_of.get(last) {
        return None;
    }
    let (m, label) = cx.mention(last + 1)?;
    if label != Label::Num || cx.mentions[m].text.ends_with('%') {
        return None;
    }
    let (_, end) = cx.mention_tokens(m, last + 1);
    let high: f64 = cx.mentions[m].canonical.parse().ok()?;
    let numbers = &cx.tables.numbers;
    let (low_scale, high_scale) =
        (scale_of(numbers, &cx.mentions[first_mention].text), scale_of(numbers, &cx.mentions[m].text));
    let low = if low_scale == 1.0 && high_scale > 1.0 { value * high_scale } else { value };
    (low < high).then_some((end, low, high))
}

/// The counted noun from token `at`: (noun token, category). A `من` may come first
/// (`عشرات من الجرحى`, `5 من عناصر`).
fn noun_at(cx: &Context<'_>, at: usize) -> Option<(usize, Counted)> {
    let at = if cx.is(at, "من") { at + 1 } else { at };
    if at >= cx.len() || cx.mention(at).is_some_and(|(_, l)| l != Label::Misc) {
        return None;
    }
    let category = noun_category(&cx.tables.figures, cx.text(at))?;
    // عناصر من قوات النظام / من الجيش are soldiers.
    if category == Counted::Fighters && cx.is(at + 1, "من") && cx.tables.figures.forces.contains(&cx.text(at + 2)) {
        return Some((at, Counted::Soldiers));
    }
    Some((at, category))
}

/// Figures of a document, in text order.
pub(crate) fn find(cx: &Context<'_>) -> Vec<Figure> {
    let t = &cx.tables.figures;
    let mut figures = Vec::new();
    let mut i = 0;
    while i < cx.len() {
        let Some(number) = number_at(cx, t, i) else {
            i += 1;
            continue;
        };
        let number = with_range(cx, number);
        i = number.last;
        if !number.value.is_finite() {
            continue;
        }
        figures.extend(figure_of(cx, t, &number));
    }
    figures
}

/// A number that may count something: tokens `[first, last)`, its value (the lower bound of a
/// range; NaN for a percentage), the upper bound of a range, the token of a vague quantity
/// (`عشرات`, `آلاف` alone) and the char where it starts.
struct Number {
    first: usize,
    last: usize,
    value: f64,
    value_max: Option<f64>,
    vague: Option<usize>,
    start: usize,
}

/// The number at token `i`: a NUM mention, or a vague quantity word.
fn number_at(cx: &Context<'_>, t: &FigureWords, i: usize) -> Option<Number> {
    match cx.mention(i) {
        Some((m, Label::Num)) => {
            let (first, last) = cx.mention_tokens(m, i);
            let mention = &cx.mentions[m];
            // A percentage counts no one.
            let percent =
                mention.text.ends_with('%') || cx.is(last, "بالميه") || (cx.is(last, "في") && cx.is(last + 1, "الميه"));
            let value: f64 = if percent { f64::NAN } else { mention.canonical.parse().unwrap_or(f64::NAN) };
            // آلاف or ملايين alone (no count before it) is vague.
            let alone = (last - first == 1).then(|| t.vague.get(cx.text(first))).flatten();
            Some(Number { first, last, value, value_max: None, vague: alone.map(|_| first), start: mention.start })
        }
        Some(_) => None,
        None => {
            let (base, prefix) = cx.reading_vague(i)?;
            let mut last = i + 1;
            let mut value = base;
            if let Some(&(_, scale)) = t.vague_scale.iter().find(|(w, _)| cx.is(last, w)) {
                value *= scale;
                last += 1;
            }
            Some(Number { first: i, last, value, value_max: None, vague: Some(i), start: cx.span(i, i + 1, prefix).0 })
        }
    }
}

/// The number, made a range when a second number follows: `بين 20 و30 مدنيا`.
fn with_range(cx: &Context<'_>, number: Number) -> Number {
    let Number { first, last, value, .. } = number;
    match cx.mention(first).and_then(|(m, _)| range_after(cx, m, last, value).filter(|_| value.is_finite())) {
        Some((end, low, high)) => Number { last: end, value: low, value_max: Some(high), ..number },
        None => number,
    }
}

/// Whether token `k` is a token of sentence `sentence`.
fn in_sentence(cx: &Context<'_>, sentence: usize, k: usize) -> bool {
    k < cx.len() && cx.sentence_of[k] == sentence
}

/// The figure of a number, if it counts anything: the noun after it, or an event with no noun.
fn figure_of(cx: &Context<'_>, t: &FigureWords, number: &Number) -> Option<Figure> {
    let Number { first, last, value, value_max, start, .. } = *number;
    let sentence = cx.sentence_of[first];
    let noun = noun_at(cx, last).filter(|&(k, _)| in_sentence(cx, sentence, k));
    let qualifier = qualifier_of(cx, number);
    let context_start = qualifier.map_or(first, |(q, _)| q);
    let event = event_around(cx, t, sentence, context_start, noun.map_or(last, |(k, _)| k + 1));
    let (end_token, noun_text, counts) = match noun {
        Some((k, category)) => {
            let (s, e) = cx.span(k, k + 1, 0);
            let counts = if category == Counted::People { event.map_or(category, Counted::from) } else { category };
            (k + 1, cx.original(s, e), counts)
        }
        None => (last, String::new(), counted_by_event(cx, t, number, event)?),
    };
    let qualifier_text = qualifier_text(cx, number, qualifier, end_token);
    let (_, end) = cx.span(end_token - 1, end_token, 0);
    let (sentence_start, sentence_end) = cx.sentences[sentence];
    Some(Figure {
        value,
        value_max,
        approximate: qualifier_text.is_some(),
        qualifier: qualifier_text,
        counts,
        noun: noun_text,
        event,
        start,
        end,
        sentence_start: sentence_start.min(start),
        sentence_end: sentence_end.max(end),
    })
}

/// The approximation before the number: (first token, clitic chars). Before a range, a word that
/// opens it (`بين`، `من`), or `ما بين`.
fn qualifier_of(cx: &Context<'_>, number: &Number) -> Option<(usize, usize)> {
    let first = number.first;
    let openers = &cx.tables.figures.range_openers;
    match number.value_max {
        Some(_) if first > 0 && openers.contains(&cx.text(first - 1)) => Some((
            if first > 1 && cx.is(first - 2, "ما") && cx.is(first - 1, "بين") { first - 2 } else { first - 1 },
            0,
        )),
        _ => qualifier_before(cx, first),
    }
}

/// What happened, as a word of sentence `sentence` says: among the four tokens before
/// `context_start` (nearest first), else the three from `after_from`.
fn event_around(
    cx: &Context<'_>,
    t: &FigureWords,
    sentence: usize,
    context_start: usize,
    after_from: usize,
) -> Option<Event> {
    let event_before = (context_start.saturating_sub(4)..context_start)
        .rev()
        .filter(|&k| in_sentence(cx, sentence, k))
        .find_map(|k| event_of(cx, k, &t.before));
    let event_after =
        (after_from..after_from + 3).filter(|&k| in_sentence(cx, sentence, k)).find_map(|k| event_of(cx, k, &t.after));
    event_before.or(event_after)
}

/// What a number with no noun counts: only a verb says it (the event), and the number, not
/// vague, must end the phrase.
fn counted_by_event(cx: &Context<'_>, t: &FigureWords, number: &Number, event: Option<Event>) -> Option<Counted> {
    let last = number.last;
    let next_free = !in_sentence(cx, cx.sentence_of[number.first], last)
        || cx.words.tokens[last].kind != crate::text::tokenize::TokenKind::Arabic
        || cx.reading_in(last, &t.verb_only_next).is_some()
        || event_of(cx, last, &t.after).is_some()
        || cx.text(last).starts_with('و');
    match event {
        Some(event) if number.vague.is_none() && next_free => Some(Counted::from(event)),
        _ => None,
    }
}

/// The approximation as written: the whole range, the words before the number, those after the
/// noun (ending at `end_token`) or the vague quantity; none for an exact figure.
fn qualifier_text(
    cx: &Context<'_>,
    number: &Number,
    qualifier: Option<(usize, usize)>,
    end_token: usize,
) -> Option<String> {
    let Number { first, last, value_max, vague, .. } = *number;
    let sentence = cx.sentence_of[first];
    let trailing = cx.tables.figures.approx_after.iter().find(|pattern| {
        pattern
            .iter()
            .enumerate()
            .all(|(k, w)| in_sentence(cx, sentence, end_token + k) && cx.text(end_token + k) == *w)
    });
    if value_max.is_some() {
        // The whole range as written.
        let (s, e) = cx.span(qualifier.map_or(first, |(q, _)| q), last, qualifier.map_or(0, |(_, p)| p));
        Some(cx.original(s, e))
    } else if let Some((q, prefix)) = qualifier {
        let (s, e) = cx.span(q, first, prefix);
        Some(cx.original(s, e))
    } else if let Some(pattern) = trailing {
        let (s, e) = cx.span(end_token, end_token + pattern.len(), 0);
        Some(cx.original(s, e))
    } else if let Some(v) = vague {
        let (s, e) = cx.span(v, last, 0);
        Some(cx.original(s, e))
    } else {
        None
    }
}

impl Context<'_> {
    /// A vague quantity word at token `i` (clitics allowed): (lower bound, clitic chars).
    fn reading_vague(&self, i: usize) -> Option<(f64, usize)> {
        let vague = &self.tables.figures.vague;
        self.words.readings(i).iter().find_map(|r| vague.get(r.stem.as_str()).map(|v| (v, r.prefix)))
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Event;
    use crate::analyzer::shared_for_tests as analyzer;

    /// (value, approximate qualifier, counts, noun, covered text, event) of every figure.
    fn figures(text: &str) -> Vec<(f64, String, String, String, String, String)> {
        let chars: Vec<char> = text.chars().collect();
        analyzer()
            .analyze(text)
            .figures
            .into_iter()
            .map(|f| {
                assert!(f.start < f.end && f.end <= chars.len(), "{f:?}");
                assert!(f.sentence_start <= f.start && f.end <= f.sentence_end && f.sentence_end <= chars.len());
                assert_eq!(f.approximate, f.qualifier.is_some());
                let covered: String = chars[f.start..f.end].iter().collect();
                let event = f.event.map_or("", Event::as_str).to_owned();
                (f.value, f.qualifier.unwrap_or_default(), f.counts.as_str().to_owned(), f.noun, covered, event)
            })
            .collect()
    }

    fn f(
        value: f64,
        qualifier: &str,
        counts: &str,
        noun: &str,
        covered: &str,
        event: &str,
    ) -> (f64, String, String, String, String, String) {
        (value, qualifier.into(), counts.into(), noun.into(), covered.into(), event.into())
    }

    #[test]
    fn ranges_keep_both_bounds() {
        let text = "قتل ما بين 20 و30 مدنيا في القصف، ونزح من 5 إلى 7 آلاف شخص، وأصيب 10-15 جنديا.";
        let found: Vec<(f64, Option<f64>, String, String)> = crate::analyzer::shared_for_tests()
            .analyze(text)
            .figures
            .into_iter()
            .map(|f| (f.value, f.value_max, f.counts.as_str().to_owned(), f.qualifier.unwrap_or_default()))
            .collect();
        assert_eq!(
            found,
            [
                (20.0, Some(30.0), "civilians".into(), "ما بين 20 و30".into()),
                (5000.0, Some(7000.0), "displaced".into(), "من 5 إلى 7 آلاف".into()),
                (10.0, Some(15.0), "soldiers".into(), "10-15".into()),
            ]
        );
        // Not ranges: a decreasing pair, a percentage.
        let text = "قتل 30 و20 جنديا، وارتفعت النسبة من 5 إلى 7%.";
        let found = crate::analyzer::shared_for_tests().analyze(text).figures;
        assert!(found.iter().all(|f| f.value_max.is_none()), "{found:?}");
    }

    #[test]
    #[allow(clippy::type_complexity)]
    fn figure_table() {
        let cases: Vec<(&str, Vec<(f64, String, String, String, String, String)>)> = vec![
            ("قُتل 25 مدنياً في غارة على إدلب.", vec![f(25.0, "", "civilians", "مدنياً", "25 مدنياً", "killed")]),
            (
                "وقال المرصد إن نحو ٢٠٠ ألف نازح فروا من جبل الزاوية.",
                vec![f(200000.0, "نحو", "displaced", "نازح", "٢٠٠ ألف نازح", "displaced")],
            ),
            ("بعد مقتل 33 جنديا تركيا في إدلب", vec![f(33.0, "", "soldiers", "جنديا", "33 جنديا", "killed")]),
            (
                "أسفرت الغارات عن مقتل أكثر من 20 شخصا وإصابة العشرات.",
                vec![f(20.0, "أكثر من", "killed", "شخصا", "20 شخصا", "killed")],
            ),
            (
                "لقي 12 شخصاً حتفهم وأصيب 30 آخرون بجروح",
                vec![
                    f(12.0, "", "killed", "شخصاً", "12 شخصاً", "killed"),
                    f(30.0, "", "wounded", "آخرون", "30 آخرون", "wounded"),
                ],
            ),
            ("سقط عشرات القتلى والجرحى", vec![f(10.0, "عشرات", "killed", "القتلى", "عشرات القتلى", "")]),
            (
                "فر مئات الآلاف من المدنيين",
                vec![f(100000.0, "مئات الآلاف", "civilians", "المدنيين", "مئات الآلاف من المدنيين", "displaced")],
            ),
            ("يعيش آلاف اللاجئين في المخيم", vec![f(1000.0, "آلاف", "refugees", "اللاجئين", "آلاف اللاجئين", "")]),
            (
                "اعتقلت القوات ما لا يقل عن 15 شخصا",
                vec![f(15.0, "ما لا يقل عن", "detained", "شخصا", "15 شخصا", "detained")],
            ),
            ("قتل 7 أطفال على الأقل", vec![f(7.0, "على الأقل", "children", "أطفال", "7 أطفال", "killed")]),
            ("قرابة ثلاثة آلاف مقاتل", vec![f(3000.0, "قرابة", "fighters", "مقاتل", "ثلاثة آلاف مقاتل", "")]),
            ("قتل 5 عناصر من قوات النظام", vec![f(5.0, "", "soldiers", "عناصر", "5 عناصر", "killed")]),
            ("ولا يزال 40 شخصا في عداد المفقودين", vec![f(40.0, "", "missing", "شخصا", "40 شخصا", "missing")]),
            ("نسبة 40% من السكان", vec![]),
            ("قتل 3 بالمئة من السكان", vec![]),
            ("قتل 5 في القصف", vec![f(5.0, "", "killed", "", "5", "killed")]),
            ("وصل 200 من النساء", vec![f(200.0, "", "women", "النساء", "200 من النساء", "")]),
            ("بلغت الميزانية 5 ملايين دولار", vec![]),
            ("في عام 2011 قتل", vec![]),
            ("حضر ثلاثة وزراء", vec![]),
            ("واعتقلت القوات 15 فلسطينيا", vec![f(15.0, "", "detained", "فلسطينيا", "15 فلسطينيا", "detained")]),
            (
                "ارتفعت حصيلة القتلى إلى 120 شخصا بينهم 45 طفلا",
                vec![
                    f(120.0, "", "killed", "شخصا", "120 شخصا", "killed"),
                    f(45.0, "", "children", "طفلا", "45 طفلا", ""),
                ],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(figures(text), expected, "figures in {text:?}");
        }
    }
}

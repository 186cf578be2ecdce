//! Numbers: digits (Arabic-Indic digits are folded to ASCII), number words, and scale words
//! (ألف، آلاف، مليون، مليار) after either.

use super::{Candidate, Words};
use crate::analysis::Label;
use crate::text::tokenize::TokenKind;
use crate::word_tables::number_words::{NumberWord, NumberWords};

/// The value of a digit token: `1,500` → 1500, `2.5` → 2.5 (a lone comma or Arabic comma
/// between groups of three is a thousands separator, otherwise a decimal mark).
fn digits_value(text: &str) -> Option<f64> {
    let groups: Vec<&str> = text.split([',', '٬']).collect();
    let thousands = groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3 && !g.contains(['.', '٫']));
    let cleaned: String = if thousands { groups.concat() } else { text.replace([',', '٫'], ".").replace('٬', "") };
    cleaned.parse().ok()
}

/// Formats a value without a trailing `.0`.
fn display(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// Reads one token as part of a number: `(value kind, clitic chars)`. Only the first token of a
/// number may carry a clitic other than the conjunction و that joins number words.
fn read(numbers: &NumberWords, words: &Words<'_>, index: usize, first: bool) -> Option<(NumberWord, usize)> {
    let token = words.tokens.get(index)?;
    if token.kind == TokenKind::Number {
        return Some((NumberWord::Add(digits_value(token.text)?), 0));
    }
    words.readings(index).iter().find_map(|reading| {
        let allowed = first || reading.prefix == 0 || (reading.prefix == 1 && token.text.starts_with('و'));
        let word = numbers.get(&reading.stem)?;
        allowed.then_some((word, reading.prefix))
    })
}

/// Numbers in the tokens, as `NUM` candidates whose canonical form is the value.
pub(crate) fn find(numbers: &NumberWords, words: &Words<'_>) -> Vec<Candidate> {
    let tokens = words.tokens;
    let mut found = Vec::new();
    let mut first = 0;
    while first < tokens.len() {
        let Some((word, prefix)) = read(numbers, words, first, true) else {
            first += 1;
            continue;
        };
        let (mut total, mut group) = (0.0, 0.0);
        let apply = |word: NumberWord, total: &mut f64, group: &mut f64| match word {
            NumberWord::Add(v) => *group += v,
            NumberWord::Scale(s) => {
                *total += if *group == 0.0 { 1.0 } else { *group } * s;
                *group = 0.0;
            }
        };
        apply(word, &mut total, &mut group);
        let mut last = first + 1;
        let starts_with_digits = tokens[first].kind == TokenKind::Number;
        while let Some((word, _)) = read(numbers, words, last, false) {
            // After digits only a scale word may follow: "15 آلاف", not "15 ثلاثة".
            if (starts_with_digits || tokens[last].kind == TokenKind::Number) && !matches!(word, NumberWord::Scale(_)) {
                break;
            }
            apply(word, &mut total, &mut group);
            last += 1;
        }
        if tokens.get(last).is_some_and(|t| t.text == "%") && tokens[last].start == tokens[last - 1].end {
            last += 1;
        }
        let value = total + group;
        found.push(Candidate { first, last, prefix, label: Label::Num, canonical: display(value), id: String::new(), source: crate::extract::Source::Number });
        first = last;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::Folded;
    use crate::text::tokenize::tokenize;

    fn numbers(text: &str) -> Vec<String> {
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        find(&crate::word_tables::tables().numbers, &words).into_iter().map(|c| c.canonical).collect()
    }

    #[test]
    #[should_panic(expected = "data/number_words.tsv: `ست` has an unknown kind")]
    fn an_unknown_kind_is_a_defect() {
        NumberWords::parse("ست\tUNIT\t6\n");
    }

    #[test]
    fn number_table() {
        let cases: [(&str, &[&str]); 10] = [
            ("قتل 25 مدنيا", &["25"]),
            ("٢٠٠ ألف نازح", &["200000"]),
            ("ثلاثة آلاف مقاتل", &["3000"]),
            ("1,500 جندي و2.5 مليون لاجئ", &["1500", "2500000"]),
            ("خمسة وعشرين قتيلا", &["25"]),
            ("مليون نازح", &["1000000"]),
            ("نسبة 40% من السكان", &["40"]),
            ("مئتي ألف", &["200000"]),
            ("أحد القادة", &[]),
            ("١٥ ثلاثة", &["15", "3"]),
        ];
        for (text, expected) in cases {
            assert_eq!(numbers(text), expected, "numbers in {text:?}");
        }
    }

    #[test]
    fn thousands_separators_and_decimals() {
        assert_eq!(digits_value("1,500,000"), Some(1_500_000.0));
        assert_eq!(digits_value("2,5"), Some(2.5));
        assert_eq!(digits_value("3٫75"), Some(3.75));
        assert_eq!(digits_value("12٬000"), Some(12_000.0));
    }
}

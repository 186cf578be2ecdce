//! Sentences: spans of original chars ended by `.`, `!`, `?`, `؟`, `…` or a line break.
//!
//! A full stop between digits (`2.5`) or followed by a letter is not an end. Closing quotes and
//! brackets right after the end mark belong to the sentence they close. Quotes that run over
//! several sentences are left to the quote finder: sentences here do not look at quote marks.

/// True for the chars that end a sentence when whitespace (or the end of the text) follows.
fn is_end_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | '\'' | ')' | ']' | '’' | '›')
}

/// The sentences of a text as `[start, end)` spans of chars, in order, each trimmed of the
/// whitespace around it; whitespace-only stretches belong to no sentence (see the test
/// `quotes_decimals_and_lines`).
pub(crate) fn split(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let push = |start: usize, end: usize, spans: &mut Vec<(usize, usize)>| {
        let mut s = start;
        let mut e = end;
        while s < e && chars[s].is_whitespace() {
            s += 1;
        }
        while e > s && chars[e - 1].is_whitespace() {
            e -= 1;
        }
        if s < e {
            spans.push((s, e));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' || c == '\u{2029}' {
            push(start, i, &mut spans);
            i += 1;
            start = i;
            continue;
        }
        if is_end_mark(c) {
            let mut end = i + 1;
            while end < chars.len() && (is_end_mark(chars[end]) || is_closer(chars[end])) {
                end += 1;
            }
            if end == chars.len() || chars[end].is_whitespace() {
                push(start, end, &mut spans);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push(start, chars.len(), &mut spans);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        split(&chars).into_iter().map(|(s, e)| chars[s..e].iter().collect()).collect()
    }

    #[test]
    fn quotes_decimals_and_lines() {
        assert_eq!(pieces("قال: «نعم.» ثم غادر. وعاد 2.5 يوم\nسطر"), ["قال: «نعم.»", "ثم غادر.", "وعاد 2.5 يوم", "سطر"]);
    }

    #[test]
    fn sentence_table() {
        let cases: [(&str, &[&str]); 7] = [
            ("", &[]),
            ("  \n\n ", &[]),
            ("قتل 5. وأصيب 3؟ نعم!", &["قتل 5.", "وأصيب 3؟", "نعم!"]),
            ("بلغ 2.5 مليون", &["بلغ 2.5 مليون"]),
            ("قال «لا.» ثم", &["قال «لا.»", "ثم"]),
            ("أولا\r\nثانيا", &["أولا", "ثانيا"]),
            ("انتظر... ثم", &["انتظر...", "ثم"]),
        ];
        for (text, expected) in cases {
            assert_eq!(pieces(text), expected, "split({text:?})");
        }
    }
}

//! Tokens of a folded text: words, numbers and punctuation, with char spans.

use super::normalize::Folded;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// A run of Arabic letters.
    Arabic,
    /// A run of other letters (Latin, Cyrillic, …).
    OtherWord,
    /// Digits, with inner separators such as `1,500` or `2.5`.
    Number,
    /// One punctuation or symbol char.
    Punct,
}

/// A token: a span of folded chars `[start, end)` and its folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// First folded char.
    pub start: usize,
    /// One past the last folded char.
    pub end: usize,
    /// The folded text of the token, borrowed from the folded text.
    pub text: &'a str,
    /// What the token is made of.
    pub kind: TokenKind,
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06FA}'..='\u{06FF}')
}

fn kind_of(c: char) -> Option<TokenKind> {
    // Arabic letters first: most chars of a text are, and none is whitespace. Then the ASCII
    // chars and the common punctuation of Arabic text, decided without the Unicode tables.
    if is_arabic_letter(c) {
        Some(TokenKind::Arabic)
    } else if c == ' ' {
        None
    } else if matches!(c, '،' | '؛' | '؟' | '«' | '»' | '“' | '”' | '–' | '—' | '…') {
        Some(TokenKind::Punct)
    } else if c.is_whitespace() {
        None
    } else if c.is_ascii_digit() {
        Some(TokenKind::Number)
    } else if c.is_alphanumeric() {
        Some(TokenKind::OtherWord)
    } else {
        Some(TokenKind::Punct)
    }
}

/// A place in a text: the chars after it, and the number of chars before it.
#[derive(Debug, Clone)]
struct Cursor<'t> {
    rest: std::str::CharIndices<'t>,
    char: usize,
}

impl Cursor<'_> {
    /// The byte offset of the cursor.
    fn byte(&self) -> usize {
        self.rest.offset()
    }

    /// The char at the cursor, if any, and the cursor moved past it.
    fn next(&mut self) -> Option<char> {
        let (_, c) = self.rest.next()?;
        self.char += 1;
        Some(c)
    }

    /// Steps over the chars that `keep` accepts.
    fn skip_while(&mut self, keep: impl Fn(char) -> bool) {
        loop {
            let mut ahead = self.rest.clone();
            match ahead.next() {
                Some((_, c)) if keep(c) => {
                    self.rest = ahead;
                    self.char += 1;
                }
                _ => break,
            }
        }
    }

    /// Steps over the rest of a number: digits, and a separator between digits (`1,500`, `2.5`).
    fn skip_number(&mut self) {
        loop {
            self.skip_while(|c| c.is_ascii_digit());
            let mut after = self.rest.clone();
            match (after.next(), after.next()) {
                (Some((_, '.' | ',' | '٫' | '٬')), Some((_, digit))) if digit.is_ascii_digit() => {
                    self.next();
                }
                _ => break,
            }
        }
    }
}

/// Splits a folded text into tokens. Whitespace separates tokens and is not one; a change from
/// letters to digits also separates them (`2019م` is two tokens); see the test
/// `folds_and_splits_punctuation`.
pub(crate) fn tokenize(folded: &Folded) -> Vec<Token<'_>> {
    let text = folded.as_str();
    let mut tokens = Vec::with_capacity(folded.char_len() / 4);
    let mut cursor = Cursor { rest: text.char_indices(), char: 0 };
    loop {
        let (start_byte, start_char) = (cursor.byte(), cursor.char);
        let Some(c) = cursor.next() else { break };
        let Some(kind) = kind_of(c) else { continue };
        match kind {
            TokenKind::Punct => {}
            TokenKind::Number => cursor.skip_number(),
            TokenKind::Arabic => cursor.skip_while(is_arabic_letter),
            TokenKind::OtherWord => cursor.skip_while(|c| kind_of(c) == Some(kind)),
        }
        let text = &text[start_byte..cursor.byte()];
        tokens.push(Token { start: start_char, end: cursor.char, text, kind });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        tokenize(&Folded::new(input)).into_iter().map(|t| t.text.to_owned()).collect()
    }

    #[test]
    fn folds_and_splits_punctuation() {
        let folded = Folded::new("قُتل 1,500 شخص، في «حلب»");
        let tokens = tokenize(&folded);
        let texts: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["قتل", "1,500", "شخص", "،", "في", "«", "حلب", "»"]);
        assert_eq!(tokens[1].kind, TokenKind::Number);
    }

    #[test]
    fn tokenizer_table() {
        let cases: [(&str, &[&str]); 7] = [
            ("", &[]),
            ("  \n ", &[]),
            ("آذار/مارس 2011", &["اذار", "/", "مارس", "2011"]),
            ("٢٠٠ ألف نازح", &["200", "الف", "نازح"]),
            ("2019م.", &["2019", "م", "."]),
            ("Reuters رويترز", &["Reuters", "رويترز"]),
            ("قال: \"لن\"", &["قال", ":", "\"", "لن", "\""]),
        ];
        for (input, expected) in cases {
            assert_eq!(texts(input), expected, "tokenize({input:?})");
        }
    }

    #[test]
    fn diacritics_do_not_split_words() {
        assert_eq!(texts("وَبِمَنْبِجَ"), ["وبمنبج"]);
    }

    /// The tokens of the rules of [`tokenize`], read char by char from a list of the chars.
    fn tokens_char_by_char(folded: &Folded) -> Vec<Token<'_>> {
        let chars: Vec<char> = folded.as_str().chars().collect();
        // The byte where each char starts, and the text's end.
        let bytes: Vec<usize> = folded.as_str().char_indices().map(|(at, _)| at).chain([folded.as_str().len()]).collect();
        let kind = |c: char| {
            if is_arabic_letter(c) {
                Some(TokenKind::Arabic)
            } else if c.is_whitespace() {
                None
            } else if c.is_ascii_digit() {
                Some(TokenKind::Number)
            } else if c.is_alphanumeric() {
                Some(TokenKind::OtherWord)
            } else {
                Some(TokenKind::Punct)
            }
        };
        let (mut tokens, mut i) = (Vec::new(), 0);
        while i < chars.len() {
            let Some(k) = kind(chars[i]) else {
                i += 1;
                continue;
            };
            let start = i;
            i += 1;
            match k {
                TokenKind::Punct => {}
                TokenKind::Number => loop {
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                    let separator = i + 1 < chars.len() && matches!(chars[i], '.' | ',' | '٫' | '٬');
                    if !(separator && chars[i + 1].is_ascii_digit()) {
                        break;
                    }
                    i += 1;
                },
                _ => {
                    while i < chars.len() && kind(chars[i]) == Some(k) {
                        i += 1;
                    }
                }
            }
            tokens.push(Token { start, end: i, text: &folded.as_str()[bytes[start]..bytes[i]], kind: k });
        }
        tokens
    }

    #[test]
    fn tokens_are_those_read_char_by_char() {
        // Letters, marks, digits of three scripts, separators, spaces and punctuation, in random
        // texts (a fixed linear congruential sequence).
        let alphabet = "اأبتةجحدذرزسشصضطظعغفقكلمنهويىئءۮ ًُ ـ0129٠٣٩۴.,٫٬،؛؟«»“”–—…:/-\"%'!aZéжд中😀\t\n\u{a0}\u{200c}";
        for text in crate::random_texts::random_texts(alphabet, 0x2545_f491_4f6c_dd1d, 3000, |v| (v >> 59) as usize * 2) {
            let folded = Folded::new(&text);
            assert_eq!(tokenize(&folded), tokens_char_by_char(&folded), "{text:?}");
        }
    }

    #[test]
    fn trailing_separator_is_punctuation() {
        assert_eq!(texts("عام 2011."), ["عام", "2011", "."]);
    }
}

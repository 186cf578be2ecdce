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
pub(crate) struct Token {
    /// First folded char.
    pub start: usize,
    /// One past the last folded char.
    pub end: usize,
    /// The folded text of the token.
    pub text: String,
    /// What the token is made of.
    pub kind: TokenKind,
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06FA}'..='\u{06FF}')
}

fn kind_of(c: char) -> Option<TokenKind> {
    if c.is_whitespace() {
        None
    } else if is_arabic_letter(c) {
        Some(TokenKind::Arabic)
    } else if c.is_ascii_digit() {
        Some(TokenKind::Number)
    } else if c.is_alphanumeric() {
        Some(TokenKind::OtherWord)
    } else {
        Some(TokenKind::Punct)
    }
}

/// Splits a folded text into tokens. Whitespace separates tokens and is not one; a change from
/// letters to digits also separates them (`2019م` is two tokens); see the test
/// `folds_and_splits_punctuation`.
pub(crate) fn tokenize(folded: &Folded) -> Vec<Token> {
    let text = folded.as_str();
    let chars: Vec<char> = text.chars().collect();
    // The byte offset of each char, and of the end, to copy each token's text in one piece.
    let bytes: Vec<usize> = text.char_indices().map(|(at, _)| at).chain(std::iter::once(text.len())).collect();
    let mut tokens = Vec::with_capacity(chars.len() / 4);
    let mut i = 0;
    while i < chars.len() {
        let Some(kind) = kind_of(chars[i]) else {
            i += 1;
            continue;
        };
        let start = i;
        i += 1;
        match kind {
            TokenKind::Punct => {}
            TokenKind::Number => loop {
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let separator =
                    i + 1 < chars.len() && matches!(chars[i], '.' | ',' | '٫' | '٬') && chars[i + 1].is_ascii_digit();
                if !separator {
                    break;
                }
                i += 1;
            },
            _ => {
                while i < chars.len() && kind_of(chars[i]) == Some(kind) {
                    i += 1;
                }
            }
        }
        tokens.push(Token { start, end: i, text: text[bytes[start]..bytes[i]].to_owned(), kind });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        tokenize(&Folded::new(input)).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn folds_and_splits_punctuation() {
        let tokens = tokenize(&Folded::new("قُتل 1,500 شخص، في «حلب»"));
        let texts: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
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

    #[test]
    fn trailing_separator_is_punctuation() {
        assert_eq!(texts("عام 2011."), ["عام", "2011", "."]);
    }
}

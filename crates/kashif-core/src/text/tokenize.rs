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
    // Arabic letters first: most chars of a text are, and none is whitespace.
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
}

/// A place in a text: its byte offset and the number of chars before it.
#[derive(Debug, Clone, Copy)]
struct Cursor<'t> {
    text: &'t str,
    byte: usize,
    char: usize,
}

impl Cursor<'_> {
    /// The char at the cursor, if any.
    fn peek(&self) -> Option<char> {
        self.text[self.byte..].chars().next()
    }

    /// Steps over `c`, the char at the cursor.
    fn bump(&mut self, c: char) {
        self.byte += c.len_utf8();
        self.char += 1;
    }

    /// Steps over the chars that `keep` accepts.
    fn skip_while(&mut self, keep: impl Fn(char) -> bool) {
        while let Some(c) = self.peek().filter(|&c| keep(c)) {
            self.bump(c);
        }
    }

    /// Steps over the rest of a number: digits, and a separator between digits (`1,500`, `2.5`).
    fn skip_number(&mut self) {
        loop {
            self.skip_while(|c| c.is_ascii_digit());
            let mut after = self.text[self.byte..].chars();
            match (after.next(), after.next()) {
                (Some(separator @ ('.' | ',' | '٫' | '٬')), Some(digit)) if digit.is_ascii_digit() => self.bump(separator),
                _ => break,
            }
        }
    }
}

/// Splits a folded text into tokens. Whitespace separates tokens and is not one; a change from
/// letters to digits also separates them (`2019م` is two tokens); see the test
/// `folds_and_splits_punctuation`.
pub(crate) fn tokenize(folded: &Folded) -> Vec<Token> {
    let text = folded.as_str();
    let mut tokens = Vec::with_capacity(folded.char_len() / 4);
    let mut cursor = Cursor { text, byte: 0, char: 0 };
    while let Some(c) = cursor.peek() {
        let start = cursor;
        cursor.bump(c);
        let Some(kind) = kind_of(c) else { continue };
        match kind {
            TokenKind::Punct => {}
            TokenKind::Number => cursor.skip_number(),
            _ => cursor.skip_while(|c| kind_of(c) == Some(kind)),
        }
        let text = text[start.byte..cursor.byte].to_owned();
        tokens.push(Token { start: start.char, end: cursor.char, text, kind });
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

//! `latin-names`: names written in Latin script inside Arabic text (`(CNN)`، `AFP`، `BAE
//! Systems`، `Sami`) are organizations: outlets, agencies, companies and brands are what Arabic
//! news writes in Latin letters. A name is a run of up to [`MAX_WORDS`] Latin words, each
//! capitalized, with Arabic text within [`ARABIC_NEAR`] tokens, in a text that is not technical, not a hashtag or a handle, and
//! not a common abbreviation (`GMT`, `CEO`: `LATIN_NOT_NAME` of `data/rule_words.tsv`).

use super::*;
use crate::text::tokenize::TokenKind;

/// Latin words in a name at most; a longer run is a sentence in another language.
const MAX_WORDS: usize = 4;

/// How near an Arabic word must be (tokens on either side).
const ARABIC_NEAR: usize = 3;

/// A text with more Latin words than this, and more than [`LATIN_SHARE`] of its Arabic words,
/// is technical (an encyclopedia's article on Solaris: 562 Latin words, 23% of its Arabic ones)
/// and gets no Latin names: Latin words are its terms there. The 60 news articles of the dev set
/// have at most 4 (2%).
const LATIN_WORDS_MAX: usize = 8;
const LATIN_SHARE: f32 = 0.01;

fn is_latin_word(words: &Words<'_>, at: usize) -> bool {
    words.tokens.get(at).is_some_and(|t| t.kind == TokenKind::OtherWord && t.text.chars().all(|c| c.is_ascii_alphabetic()))
}

fn is_capitalized(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// See the module's documentation.
pub(super) fn latin_names(rule_words: &RuleWords, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let n = words.tokens.len();
    let latin = (0..n).filter(|&j| is_latin_word(words, j)).count();
    let arabic = (0..n).filter(|&j| is_arabic(words, j)).count();
    if latin > LATIN_WORDS_MAX && latin as f32 > LATIN_SHARE * arabic as f32 {
        return;
    }
    let covered = covered_tokens(words, out);
    let mut added = Vec::new();
    let mut at = 0;
    while at < n {
        if !is_latin_word(words, at) {
            at += 1;
            continue;
        }
        let mut end = at;
        while end < n && is_latin_word(words, end) {
            end += 1;
        }
        let run = at..end;
        at = end;
        let texts: Vec<&str> = run.clone().filter_map(|j| words.text(j)).collect();
        let marked = run.start > 0 && matches!(words.text(run.start - 1), Some("#" | "@" | "_"));
        let near_arabic = (run.start.saturating_sub(ARABIC_NEAR)..run.start).chain(run.end..(run.end + ARABIC_NEAR).min(n)).any(|j| is_arabic(words, j));
        let name = texts.len() <= MAX_WORDS
            && texts.iter().all(|t| is_capitalized(t))
            && texts.iter().any(|t| t.len() >= 2)
            && !(texts.len() == 1 && texts[0].len() < 3)
            && !(texts.len() == 1 && rule_words.latin_not_names.contains(texts[0]))
            && !marked
            && near_arabic
            && !covered[run.clone()].iter().any(|&c| c);
        if name {
            added.push((unnamed(run.start, run.end, 0, Label::Org), LEXICON_CONFIDENCE));
        }
    }
    add_in_order(out, added);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalized_latin_names_in_arabic_text_are_organizations() {
        let text = "دبي (CNN) -- أعلنت شركة BAE Systems عبر #Twitter في الساعة 10 GMT أن This is English";
        let found = rule_output(text, &[], |w, o| latin_names(&crate::word_tables::tables().rule_words, w, o));
        let org = |t: &str| (t.to_owned(), Label::Org);
        assert_eq!(found, [org("CNN"), org("BAE Systems")]);
    }
}

//! What the rules after linking share: the tokens with their spans in the original text, the
//! sentence of each token and the mention each token belongs to. Built once per document, in
//! one pass over tokens, sentences and mentions.

use std::cell::OnceCell;

use crate::word_tables::word_map::WordSet;

use super::tagger::features::Lists;
use super::Words;
use crate::analysis::{Label, Mention};
use crate::text::normalize::Folded;
use crate::text::sentences;
use crate::word_tables::WordTables;

pub(crate) struct Context<'a> {
    pub words: &'a Words<'a>,
    pub folded: &'a Folded,
    pub mentions: &'a [Mention],
    /// The word tables the rules read.
    pub tables: &'a WordTables,
    /// The tagger's word lists (the first names' genders).
    pub lists: &'a Lists,
    /// Original char span of each token.
    pub spans: Vec<(usize, usize)>,
    /// Sentence spans in original chars.
    pub sentences: Vec<(usize, usize)>,
    /// Sentence index of each token.
    pub sentence_of: Vec<usize>,
    /// Index of the mention each token overlaps, if any.
    pub mention_of: Vec<Option<usize>>,
    /// The speech verb each token reads as (is a participle, the verb), kept once the quote
    /// rules have asked: they ask of most tokens more than once.
    pub speech_verbs: Vec<OnceCell<Option<(bool, &'static str)>>>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(folded: &'a Folded, words: &'a Words<'a>, mentions: &'a [Mention], tables: &'a WordTables, lists: &'a Lists) -> Self {
        let tokens = words.tokens;
        let spans: Vec<(usize, usize)> = tokens.iter().map(|t| folded.original_span(t.start, t.end)).collect();
        let mut sentences = sentences::split(folded.original_chars());
        if sentences.is_empty() {
            sentences.push((0, folded.original_chars().len()));
        }
        let mut sentence_of = Vec::with_capacity(tokens.len());
        let mut s = 0;
        for &(start, _) in &spans {
            while s + 1 < sentences.len() && sentences[s].1 <= start {
                s += 1;
            }
            sentence_of.push(s);
        }
        let mut mention_of = Vec::with_capacity(tokens.len());
        let mut m = 0;
        for &(start, end) in &spans {
            while m < mentions.len() && mentions[m].end <= start {
                m += 1;
            }
            let overlaps = m < mentions.len() && mentions[m].start < end;
            mention_of.push(overlaps.then_some(m));
        }
        let speech_verbs = tokens.iter().map(|_| OnceCell::new()).collect();
        Context { words, folded, mentions, tables, lists, spans, sentences, sentence_of, mention_of, speech_verbs }
    }

    pub(crate) fn len(&self) -> usize {
        self.words.tokens.len()
    }

    /// The folded text of token `i` (empty past the end).
    pub(crate) fn text(&self, i: usize) -> &str {
        self.words.text(i).unwrap_or("")
    }

    /// True when token `i` is this punctuation char or string.
    pub(crate) fn is(&self, i: usize, text: &str) -> bool {
        self.words.text(i) == Some(text)
    }

    /// The clitic chars of the first reading of token `i` found in `set`, if any (the whole
    /// word first, then with و ف ب ل ك stripped).
    pub(crate) fn reading_in(&self, i: usize, set: &WordSet<&'static str>) -> Option<(usize, &str)> {
        self.words.readings(i).iter().find(|r| set.contains(r.stem.as_str())).map(|r| (r.prefix, r.stem.as_str()))
    }

    /// The original chars of tokens `[first, last)`, without `prefix` folded clitic chars at
    /// the start of the first.
    pub(crate) fn span(&self, first: usize, last: usize, prefix: usize) -> (usize, usize) {
        let tokens = self.words.tokens;
        self.folded.original_span(tokens[first].start + prefix, tokens[last - 1].end)
    }

    pub(crate) fn original(&self, start: usize, end: usize) -> String {
        self.folded.original_text(start, end)
    }

    /// The mention at token `i` with its label, if any.
    pub(crate) fn mention(&self, i: usize) -> Option<(usize, Label)> {
        let m = (*self.mention_of.get(i)?)?;
        Some((m, self.mentions[m].label))
    }

    /// The first and one-past-last token of mention `m`, starting the search at token `from`
    /// (which must be inside the mention).
    pub(crate) fn mention_tokens(&self, m: usize, from: usize) -> (usize, usize) {
        let mut first = from;
        while first > 0 && self.mention_of[first - 1] == Some(m) {
            first -= 1;
        }
        let mut last = from + 1;
        while last < self.len() && self.mention_of[last] == Some(m) {
            last += 1;
        }
        (first, last)
    }
}

//! Finding mention candidates in tokens: the lexicon, and rules for dates and numbers.

mod context;
pub(crate) mod dates;
pub(crate) mod figures;
pub(crate) mod quotes;
pub(crate) mod titles;
pub(crate) mod lexicon;
pub(crate) mod numbers;
pub(crate) mod tagger;
pub(crate) mod rules;

use crate::analysis::Label;
use crate::text::clitics::{push_readings, Reading, Stem};
use crate::text::tokenize::{Token, TokenKind};

/// A candidate mention: tokens `[first, last)`, minus `prefix` folded chars of clitics at the
/// start of the first token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub first: usize,
    pub last: usize,
    pub prefix: usize,
    pub label: Label,
    /// Display name.
    pub canonical: String,
    /// Entity id.
    pub id: String,
    /// What found it.
    pub source: Source,
}

/// What found a mention: the tagger, the lexicon, a named rule, the date or number rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Tagger,
    Lexicon,
    /// A rule of the rule stage ([`tagger::rules::RULES`]), by name.
    Rule(&'static str),
    Date,
    Number,
}

impl Source {
    /// As a mention's `source` field reads: `tagger`, `lexicon`, `rule:NAME`, `date`, `number`.
    pub(crate) fn describe(self) -> String {
        match self {
            Source::Tagger => "tagger".to_owned(),
            Source::Lexicon => "lexicon".to_owned(),
            Source::Rule(name) => format!("rule:{name}"),
            Source::Date => "date".to_owned(),
            Source::Number => "number".to_owned(),
        }
    }
}

impl Candidate {
    /// The number of tokens the candidate covers.
    pub(crate) fn len(&self) -> usize {
        self.last - self.first
    }

    /// Forgets the entity the candidate named (its display name and id), after its words or type
    /// changed: the analyzer finds them again from its words.
    pub(crate) fn forget_entity(&mut self) {
        self.canonical.clear();
        self.id.clear();
    }
}

/// The tokens of a document with the readings of each (the word with and without clitics),
/// computed once and shared by every extractor.
pub(crate) struct Words<'a> {
    pub tokens: &'a [Token<'a>],
    /// The readings of all tokens, token after token; their stems borrow the tokens' text.
    readings: Vec<Reading<'a>>,
    /// Where the readings of each token start in `readings`, and one past the last token's end.
    starts: Vec<usize>,
}

impl<'a> Words<'a> {
    pub(crate) fn new(tokens: &'a [Token<'a>]) -> Self {
        let mut readings = Vec::with_capacity(tokens.len() + tokens.len() / 4);
        let mut starts = Vec::with_capacity(tokens.len() + 1);
        for token in tokens {
            starts.push(readings.len());
            match token.kind {
                TokenKind::Arabic => push_readings(token.text, &mut readings),
                _ => readings.push(Reading { prefix: 0, stem: Stem::whole(token.text) }),
            }
        }
        starts.push(readings.len());
        Words { tokens, readings, starts }
    }

    /// The readings of the token at `index`, the whole token first; none past the end.
    pub(crate) fn readings(&self, index: usize) -> &[Reading<'a>] {
        match (self.starts.get(index), self.starts.get(index + 1)) {
            (Some(&start), Some(&end)) => &self.readings[start..end],
            _ => &[],
        }
    }

    /// The folded text of the token at `index`.
    pub(crate) fn text(&self, index: usize) -> Option<&str> {
        self.tokens.get(index).map(|t| t.text)
    }
}

/// A number no other call of the run returns: what tells one tagger, or one lexicon, from
/// another for the tagger's word cache.
pub(crate) fn new_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Keeps the candidates that do not overlap, preferring longer ones, then earlier ones, then
/// those found first (the order of `candidates` gives the precedence of their sources).
/// The result is in text order.
pub(crate) fn select_non_overlapping(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    // A stable sort keeps source precedence among candidates of the same length and start.
    candidates.sort_by(|a, b| b.len().cmp(&a.len()).then(a.first.cmp(&b.first)));
    let token_count = candidates.iter().map(|c| c.last).max().unwrap_or(0);
    let mut covered = vec![false; token_count];
    let mut taken: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        let span = candidate.first..candidate.last;
        if !covered[span.clone()].iter().any(|&c| c) {
            covered[span].iter_mut().for_each(|c| *c = true);
            taken.push(candidate);
        }
    }
    taken.sort_by_key(|c| c.first);
    taken
}


//! Claims, not numbers: each figure of each document read as a claim (what happened, to whom,
//! where, when, according to whom), and the claims of several documents grouped by event,
//! group, place and period, so that a reader compares only claims about the same thing.
//!
//! - **What** is the figure's event (`killed`, `wounded`, `displaced`, `detained`, `missing`),
//!   or the kind of victim its noun names (`20 قتيلا` is killed).
//! - **Whom** is the group its noun names (`soldiers`, `civilians`, `fighters`, `children`…, or
//!   `people`), with the **side** a word after the noun gives (`جنديا تركيا`، `عنصرا من قوات
//!   النظام`; the words are in `data/claim_words.tsv`).
//! - **Where** is the place (a `LOC` mention) nearest the figure in its sentence, other than
//!   the source.
//! - **When** is the date or period (a `DATE` mention) nearest the figure in its sentence, else
//!   the article's date when its byline gives one; a day relative to the article (`أمس`،
//!   `الخميس`، `مساء`) and the article's date are shown but split nothing (two articles of two
//!   days may count one event).
//! - **According to whom**: the speaker of a quote that holds the figure; else the person,
//!   organization or place named right after the nearest attribution word of the sentence
//!   (`بحسب`، `وفق`، `نقلا عن`، `أعلنت`، `في بيان لـ`…); else the outlet itself (its byline's,
//!   or the document's name).
//!
//! Claims are grouped by (what, whom, side). Within such a group, claims that name different
//! places are split apart, and claims without a place join the others only when all of them
//! name the same one (else they make a group of their own); periods likewise. So claims of
//! different groups, places or periods are never compared.
//!
//! Every claim stands for an interval of values: `33` is [33, 33]; a lower bound (`أكثر من 30`،
//! `على الأقل`) is [30, ∞); an upper bound (`أقل من`) [0, v]; an approximation (`نحو`، `قرابة`،
//! `تقريبا`) is within 10% of v; a range its two ends; a vague quantity (`عشرات`) [v, 10 v].
//! Two claims **disagree** when their intervals do not overlap, and a group with an event is a
//! discrepancy when two of its claims disagree (a bare count of people, with nothing happening
//! to them, is never flagged). Everything works in a fixed window around each figure.

use std::collections::HashMap;

use serde::Serialize;

use super::CorpusDoc;
use crate::analysis::{Counted, Event, Figure, Label, Mention};
use crate::export::{push_row, text_field};
use crate::word_tables::corpus_tables;
use crate::text::normalize::fold;

/// How far around a figure (in chars, within its sentence) a source, a place or a date is
/// looked for.
const WINDOW: usize = 150;
/// How far after an attribution word (in chars) the source's name must start.
const CUE_REACH: usize = 25;

/// One figure of one document read as a claim (see the module documentation).
///
/// ```
/// use kashif_core::corpus::{claim_groups, CorpusDoc};
///
/// let text = "قتل أكثر من 30 جنديا تركيا في إدلب، بحسب وزارة الدفاع التركية.";
/// let analysis = kashif_core::Analyzer::new().analyze(text);
/// let groups = claim_groups(&[CorpusDoc::new("a", text, &analysis)]);
/// let claim = &groups[0].claims[0];
/// // «أكثر من 30» allows 30 and anything above.
/// assert_eq!((claim.value, claim.low, claim.high), (30.0, 30.0, None));
/// assert_eq!(claim.qualifier.as_deref(), Some("أكثر من"));
/// assert_eq!(claim.noun, "جنديا");
/// assert_eq!(claim.source, "وزارة الدفاع التركية");
/// assert_eq!(claim.place.as_deref(), Some("إدلب"));
/// assert_eq!(claim.sentence, text);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// The index of the document.
    pub doc: usize,
    /// The value as given (a vague quantity gives its lower bound, a range its lower end).
    pub value: f64,
    /// The upper end of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    /// The approximation as written (`أكثر من`، `نحو`، `عشرات`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The lowest value the claim allows.
    pub low: f64,
    /// The highest value the claim allows; `None` when it gives no upper bound (`أكثر من 30`).
    pub high: Option<f64>,
    /// The counted noun as written (may be empty).
    pub noun: String,
    /// Who gives the figure: a name as the analysis gives it, or the document's name.
    pub source: String,
    /// The entity id of the source; `None` when the outlet itself gives the figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    /// The place the sentence names, as its display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The place's entity id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place_id: Option<String>,
    /// The date or period the sentence gives, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// What the period is compared by (an ISO date, or the folded period); `None` for no date or
    /// a day relative to the article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The sentence, as written.
    pub sentence: String,
    /// First char of the number.
    pub start: usize,
    /// One past the last char of the noun.
    pub end: usize,
}

impl Claim {
    /// The highest value the claim allows, infinite without an upper bound.
    fn ceiling(&self) -> f64 {
        self.high.unwrap_or(f64::INFINITY)
    }
}

/// The claims of all documents about one thing: one event, one group (and side), one place, one
/// period.
///
/// ```
/// use kashif_core::corpus::{claim_groups, CorpusDoc};
///
/// let analyzer = kashif_core::Analyzer::new();
/// let (a, b) = ("قتل 33 جنديا تركيا في إدلب.", "أعلنت أنقرة مقتل 34 جنديا تركيا في إدلب.");
/// let analyses = [analyzer.analyze(a), analyzer.analyze(b)];
/// let docs = [CorpusDoc::new("a", a, &analyses[0]), CorpusDoc::new("b", b, &analyses[1])];
/// let group = &claim_groups(&docs)[0];
/// assert_eq!(group.side.as_deref(), Some("turkish"));
/// assert_eq!(group.place.as_deref(), Some("إدلب"));
/// assert_eq!((group.claims.len(), group.documents, group.sources), (2, 2, 2));
/// // 33 and 34 soldiers cannot both be right.
/// assert!(group.discrepancy);
/// assert_eq!(group.spread, Some((33.0, 34.0)));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimGroup {
    /// What happened: `killed`, `wounded`, `displaced`, `detained`, `missing`; `None` for a bare
    /// count.
    pub event: Option<Event>,
    /// Whom: `soldiers`, `civilians`, `fighters`, `children`, `women`, `refugees` or `people`
    /// (never the victims of an event: those are `people`, with the event).
    pub whom: Counted,
    /// The side's key (`turkish`, `syrian-government`…), when a word gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// The side's Arabic name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side_name: Option<String>,
    /// The place the claims name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The period the claims name, as the first claim writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The claims, by document then in text order.
    pub claims: Vec<Claim>,
    /// How many documents make a claim of the group.
    pub documents: usize,
    /// How many distinct sources make one.
    pub sources: usize,
    /// True when two claims of the group disagree (their intervals do not overlap).
    pub discrepancy: bool,
    /// `(lowest, highest)` value given, when the claims disagree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spread: Option<(f64, f64)>,
}

impl ClaimGroup {
    /// The claims of document `doc`.
    ///
    /// ```
    /// use kashif_core::corpus::{claim_groups, CorpusDoc};
    ///
    /// let analyzer = kashif_core::Analyzer::new();
    /// let (a, b) = ("قتل 33 جنديا تركيا في إدلب.", "أعلنت أنقرة مقتل 34 جنديا تركيا في إدلب.");
    /// let analyses = [analyzer.analyze(a), analyzer.analyze(b)];
    /// let docs = [CorpusDoc::new("a", a, &analyses[0]), CorpusDoc::new("b", b, &analyses[1])];
    /// let group = &claim_groups(&docs)[0];
    /// let second: Vec<f64> = group.claims_of(1).map(|claim| claim.value).collect();
    /// assert_eq!(second, [34.0]);
    /// assert_eq!(group.claims_of(2).count(), 0);
    /// ```
    pub fn claims_of(&self, doc: usize) -> impl Iterator<Item = &Claim> {
        self.claims.iter().filter(move |c| c.doc == doc)
    }

    /// The documents with a claim in the group, in order, each once.
    ///
    /// ```
    /// use kashif_core::corpus::{claim_groups, CorpusDoc};
    ///
    /// let analyzer = kashif_core::Analyzer::new();
    /// let (a, b) = ("قتل 33 جنديا تركيا في إدلب.", "أعلنت أنقرة مقتل 34 جنديا تركيا في إدلب.");
    /// let analyses = [analyzer.analyze(a), analyzer.analyze(b)];
    /// let docs = [CorpusDoc::new("a", a, &analyses[0]), CorpusDoc::new("b", b, &analyses[1])];
    /// assert_eq!(claim_groups(&docs)[0].docs(), [0, 1]);
    /// ```
    pub fn docs(&self) -> Vec<usize> {
        let mut docs: Vec<usize> = self.claims.iter().map(|c| c.doc).collect();
        docs.dedup();
        docs
    }
}

/// A word of the text: its char span and folded form, and whether punctuation stands between it
/// and the word before.
struct Word {
    start: usize,
    end: usize,
    folded: String,
    after_break: bool,
}

/// The words of `chars[from..to]`.
fn words_in(chars: &[char], from: usize, to: usize) -> Vec<Word> {
    let mut words = Vec::new();
    let mut broken = false;
    let mut at = from;
    while at < to {
        let c = chars[at];
        if c.is_whitespace() {
            at += 1;
        } else if !c.is_alphanumeric() {
            broken = true;
            at += 1;
        } else {
            let start = at;
            while at < to && chars[at].is_alphanumeric() {
                at += 1;
            }
            let folded = fold(&chars[start..at].iter().collect::<String>());
            words.push(Word { start, end: at, folded, after_break: broken });
            broken = false;
        }
    }
    words
}

/// The readings of a folded word to look up: as is, and without a leading و or ف, an article,
/// a preposition ل or ب, and an adjective's ending.
fn readings(word: &str) -> Vec<String> {
    let mut bases = vec![word.to_owned()];
    if let Some(rest) = word.strip_prefix(['و', 'ف']).filter(|r| r.chars().count() >= 2) {
        bases.push(rest.to_owned());
    }
    let mut out = Vec::new();
    for base in bases {
        let mut stems = vec![base.clone()];
        for prefix in ["ال", "لل", "بال", "ل", "ب"] {
            if let Some(rest) = base.strip_prefix(prefix).filter(|r| r.chars().count() >= 3) {
                stems.push(rest.to_owned());
            }
        }
        for stem in stems {
            for ending in ["", "يين", "ين", "ون", "يه", "ا", "ه"] {
                if let Some(root) = stem.strip_suffix(ending).filter(|r| r.chars().count() >= 3 || ending.is_empty()) {
                    out.push(root.to_owned());
                }
            }
        }
    }
    out
}

/// The side a word after the counted noun gives: (key, Arabic name).
fn side_after(chars: &[char], figure: &Figure) -> Option<(&'static str, &'static str)> {
    let words = &corpus_tables().claim_words;
    let to = figure.sentence_end.min(figure.end + 60).min(chars.len());
    for (k, word) in words_in(chars, figure.end, to).iter().take(4).enumerate() {
        if k > 0 && word.after_break {
            return None;
        }
        let readings = readings(&word.folded);
        if let Some(side) = readings.iter().find_map(|r| words.sides.get(r)) {
            return Some(*side);
        }
        if !readings.iter().any(|r| words.skip.contains(r)) {
            return None;
        }
    }
    None
}

/// What happened to the people a figure counts, and whom it counts: the victims of an event
/// (`20 قتيلا`) are people.
fn what_and_whom(figure: &Figure) -> (Option<Event>, Counted) {
    let victims_of = figure.counts.event();
    let whom = if victims_of.is_some() { Counted::People } else { figure.counts };
    (figure.event.or(victims_of), whom)
}

/// The interval of values a figure allows, from its qualifier: (low, high).
fn bounds(figure: &Figure) -> (f64, Option<f64>) {
    let value = figure.value;
    if let Some(max) = figure.value_max {
        return (value, Some(max));
    }
    let Some(qualifier) = figure.qualifier.as_deref().map(fold) else { return (value, Some(value)) };
    let words = &corpus_tables().claim_words;
    let has =
        |is: &dyn Fn(&str) -> bool| qualifier.split_whitespace().any(|w| is(w.trim_start_matches(['و', 'ب', 'ل'])));
    if has(&|w| words.at_least.iter().any(|a| a == w)) {
        (value, None)
    } else if has(&|w| words.at_most.iter().any(|a| a == w)) {
        (0.0, Some(value))
    } else if has(&|w| corpus_tables().vague.contains(w)) {
        (value, Some(value * 10.0))
    } else {
        (value - value / 10.0, Some(value + value / 10.0))
    }
}

/// The mentions of `doc` that start in `[from, to)`.
fn mentions_in(mentions: &[Mention], from: usize, to: usize) -> &[Mention] {
    let first = mentions.partition_point(|m| m.start < from);
    let last = mentions.partition_point(|m| m.start < to).max(first);
    &mentions[first..last]
}

/// How far a span is from the figure, in chars.
fn distance(figure: &Figure, start: usize, end: usize) -> usize {
    if end <= figure.start {
        figure.start - end
    } else {
        start.saturating_sub(figure.end)
    }
}

/// The attribution words in the figure's window, nearest first, each with the name right after
/// it (its source), if any: (word start, word end, the named mention).
fn cues_around<'a>(doc: &'a CorpusDoc<'_>, chars: &[char], figure: &Figure) -> Vec<(usize, usize, Option<&'a Mention>)> {
    let (from, to) = window(chars, figure);
    let cues = &corpus_tables().claim_words.cues;
    let mut found: Vec<(usize, usize, Option<&Mention>)> = words_in(chars, from, to)
        .into_iter()
        .filter(|w| (w.end <= figure.start || w.start >= figure.end) && readings(&w.folded).iter().take(2).any(|r| cues.contains(r)))
        .map(|cue| {
            let limit = if cue.end <= figure.start { figure.start } else { to };
            let named = mentions_in(&doc.analysis.entities, cue.end, (cue.end + CUE_REACH).min(limit))
                .iter()
                .find(|m| matches!(m.label, Label::Per | Label::Org | Label::Loc) && m.end <= limit);
            (cue.start, cue.end, named)
        })
        .collect();
    found.sort_by_key(|&(start, end, _)| distance(figure, start, end));
    found
}

/// Who gives the figure: the speaker of a quote that holds it, or the name right after the
/// nearest attribution word of its sentence; `None` when nobody is named.
fn named_source(doc: &CorpusDoc<'_>, cues: &[(usize, usize, Option<&Mention>)], figure: &Figure) -> Option<(String, String)> {
    // Quotes are in text order: the last one starting at or before the figure.
    let before = doc.analysis.quotes.partition_point(|q| q.start <= figure.start);
    let quoted = before.checked_sub(1).map(|k| &doc.analysis.quotes[k]).filter(|q| figure.end <= q.end);
    if let Some((Some(id), Some(name))) = quoted.map(|q| (&q.speaker, &q.speaker_name)) {
        return Some((name.clone(), id.clone()));
    }
    cues.iter().find_map(|(_, _, named)| named.map(|m| (m.canonical.clone(), m.id.clone())))
}

/// The chars around a figure, within its sentence, where its source, place and date are looked
/// for.
fn window(chars: &[char], figure: &Figure) -> (usize, usize) {
    let from = figure.sentence_start.max(figure.start.saturating_sub(WINDOW));
    let to = figure.sentence_end.min(figure.end + WINDOW).min(chars.len());
    (from, to)
}

/// The mention of `label` nearest the figure in its window, other than the names of sources
/// (`sources`: their starts).
fn nearest<'a>(doc: &'a CorpusDoc<'_>, chars: &[char], figure: &Figure, label: Label, sources: &[usize]) -> Option<&'a Mention> {
    let (from, to) = window(chars, figure);
    mentions_in(&doc.analysis.entities, from, to)
        .iter()
        .filter(|m| m.label == label && !sources.contains(&m.start) && m.end <= to)
        .min_by_key(|m| distance(figure, m.start, m.end))
}

/// The period a date mention stands for, for comparing: `None` for a day relative to the article.
fn period_of(date: &Mention) -> Option<String> {
    let folded = fold(&date.text);
    let days = &corpus_tables().claim_words.days;
    if folded.split_whitespace().any(|w| days.iter().any(|d| w.trim_start_matches(['و', 'ب', 'ل']) == d)) {
        return None;
    }
    Some(if date.canonical.is_empty() { folded } else { fold(&date.canonical) })
}

/// The chars `[start, end)` of a text's chars (clamped to its length): slicing the chars once
/// read keeps the claims of a long text linear, where skipping from the start for every figure
/// would not be.
fn chars_between(chars: &[char], start: usize, end: usize) -> String {
    let end = end.min(chars.len());
    chars[start.min(end)..end].iter().collect()
}

/// The claims of one document, in text order.
fn document_claims(index: usize, doc: &CorpusDoc<'_>) -> Vec<Claim> {
    let chars: Vec<char> = doc.text.chars().collect();
    doc.analysis
        .figures
        .iter()
        .map(|figure| {
            let (low, high) = bounds(figure);
            let cues = cues_around(doc, &chars, figure);
            let source = named_source(doc, &cues, figure);
            let sources: Vec<usize> = cues.iter().filter_map(|(_, _, named)| named.map(|m| m.start)).collect();
            let place = nearest(doc, &chars, figure, Label::Loc, &sources);
            let date = nearest(doc, &chars, figure, Label::Date, &sources);
            Claim {
                doc: index,
                value: figure.value,
                value_max: figure.value_max,
                qualifier: figure.qualifier.clone(),
                low,
                high,
                noun: figure.noun.clone(),
                source: source.as_ref().map_or_else(|| doc.outlet().to_owned(), |(name, _)| name.clone()),
                source_id: source.map(|(_, id)| id),
                place: place.map(|m| m.canonical.clone()),
                place_id: place.map(|m| m.id.clone()),
                // Without a date of its own, the article's (shown; it splits nothing: two
                // articles of two days may well count the same event).
                when: date.map(|m| m.text.clone()).or_else(|| doc.byline.and_then(|b| b.date.clone())),
                period: date.and_then(period_of),
                sentence: chars_between(&chars, figure.sentence_start, figure.sentence_end),
                start: figure.start,
                end: figure.end,
            }
        })
        .collect()
}

/// Splits claims by a key: each key named apart; the claims without one join the rest when all
/// of those name the same key, else make their own part.
fn split_by(claims: Vec<Claim>, key: impl Fn(&Claim) -> Option<&str>) -> Vec<Vec<Claim>> {
    let mut index: HashMap<String, usize> = HashMap::new();
    for claim in &claims {
        if let Some(k) = key(claim) {
            let next = index.len();
            index.entry(k.to_owned()).or_insert(next);
        }
    }
    if index.len() <= 1 {
        return vec![claims];
    }
    let unnamed = index.len();
    let mut parts: Vec<Vec<Claim>> = vec![Vec::new(); unnamed + 1];
    for claim in claims {
        let part = key(&claim).and_then(|k| index.get(k).copied()).unwrap_or(unnamed);
        parts[part].push(claim);
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// The group of `claims`, all of one (event, whom, side), place and period.
fn make_group(event: Option<Event>, whom: Counted, side: Option<(&str, &str)>, mut claims: Vec<Claim>) -> ClaimGroup {
    claims.sort_by_key(|c| (c.doc, c.start));
    let mut docs: Vec<usize> = claims.iter().map(|c| c.doc).collect();
    docs.dedup();
    let mut sources: Vec<(usize, &str)> =
        claims.iter().map(|c| (if c.source_id.is_some() { usize::MAX } else { c.doc }, c.source.as_str())).collect();
    sources.sort_unstable();
    sources.dedup();
    let highest_low = claims.iter().map(|c| c.low).fold(f64::NEG_INFINITY, f64::max);
    let lowest_high = claims.iter().map(Claim::ceiling).fold(f64::INFINITY, f64::min);
    let discrepancy = event.is_some() && highest_low > lowest_high;
    let spread = discrepancy.then(|| {
        let low = claims.iter().map(|c| c.value).fold(f64::INFINITY, f64::min);
        let high = claims.iter().map(|c| c.value_max.unwrap_or(c.value)).fold(f64::NEG_INFINITY, f64::max);
        (low, high)
    });
    ClaimGroup {
        event,
        whom,
        side: side.map(|(key, _)| key.to_owned()),
        side_name: side.map(|(_, name)| name.to_owned()),
        place: claims.iter().find_map(|c| c.place.clone()),
        when: claims.iter().find(|c| c.period.is_some()).and_then(|c| c.when.clone()),
        documents: docs.len(),
        sources: sources.len(),
        discrepancy,
        spread,
        claims,
    }
}

/// A group's event, whom and side as their words: groups equal otherwise sort by them.
fn words_of(group: &ClaimGroup) -> (Option<&str>, &str, Option<&str>) {
    (group.event.map(Event::as_str), group.whom.as_str(), group.side.as_deref())
}

/// The claims of all documents grouped by event, group and side, place and period, within and
/// across documents; a group where two claims disagree is a
/// [`discrepancy`](ClaimGroup::discrepancy). See the module documentation for the rules.
///
/// Groups come discrepancies first, then by the number of documents and of claims (most first).
///
/// ```
/// use kashif_core::corpus::{claim_groups, CorpusDoc};
///
/// let analyzer = kashif_core::Analyzer::new();
/// let (a, b) = ("قتل 33 جنديا تركيا في إدلب.", "أعلنت أنقرة مقتل 34 جنديا تركيا في إدلب.");
/// let analyses = [analyzer.analyze(a), analyzer.analyze(b)];
/// let docs = [CorpusDoc::new("a", a, &analyses[0]), CorpusDoc::new("b", b, &analyses[1])];
/// let groups = claim_groups(&docs);
/// assert!(groups[0].discrepancy);
/// assert_eq!(groups[0].side.as_deref(), Some("turkish"));
/// assert_eq!(groups[0].claims[0].source, "a");
/// assert_eq!(groups[0].claims[1].source, "أنقرة");
/// ```
pub fn claim_groups(docs: &[CorpusDoc<'_>]) -> Vec<ClaimGroup> {
    type Key = (Option<Event>, Counted, Option<(&'static str, &'static str)>);
    let mut order: Vec<Key> = Vec::new();
    let mut buckets: HashMap<Key, Vec<Claim>> = HashMap::new();
    for (index, doc) in docs.iter().enumerate() {
        let chars: Vec<char> = doc.text.chars().collect();
        for (figure, claim) in doc.analysis.figures.iter().zip(document_claims(index, doc)) {
            let (event, whom) = what_and_whom(figure);
            let key = (event, whom, side_after(&chars, figure));
            if !buckets.contains_key(&key) {
                order.push(key);
            }
            buckets.entry(key).or_default().push(claim);
        }
    }
    let mut groups: Vec<ClaimGroup> = Vec::new();
    for key in order {
        let claims = buckets.remove(&key).unwrap_or_default();
        for by_place in split_by(claims, |c| c.place_id.as_deref()) {
            for part in split_by(by_place, |c| c.period.as_deref()) {
                groups.push(make_group(key.0, key.1, key.2, part));
            }
        }
    }
    groups.sort_by(|a, b| {
        b.discrepancy
            .cmp(&a.discrepancy)
            .then(b.documents.cmp(&a.documents))
            .then(b.claims.len().cmp(&a.claims.len()))
            .then_with(|| words_of(a).cmp(&words_of(b)))
    });
    groups
}

/// The groups as CSV (RFC 4180, CRLF line ends), one row per claim: the group (its index, event,
/// whom, side, place, period, whether it is a discrepancy), then the claim (document, source,
/// value, bounds, qualifier, noun, place, date, offsets, sentence). A cell a spreadsheet would run
/// as a formula gets a leading `'`.
///
/// ```
/// use kashif_core::corpus::{claim_groups, claims_to_csv, CorpusDoc};
///
/// let analyzer = kashif_core::Analyzer::new();
/// let (a, b) = ("قتل 33 جنديا تركيا في إدلب.", "أعلنت أنقرة مقتل 34 جنديا تركيا في إدلب.");
/// let analyses = [analyzer.analyze(a), analyzer.analyze(b)];
/// let docs = [CorpusDoc::new("a.txt", a, &analyses[0]), CorpusDoc::new("b.txt", b, &analyses[1])];
/// let csv = claims_to_csv(&docs, &claim_groups(&docs));
/// let rows: Vec<&str> = csv.lines().collect();
/// assert!(csv.ends_with("\r\n"));
/// assert!(rows[0].starts_with("group,event,whom,side,place,period,discrepancy,document,source,value,"));
/// assert_eq!(rows.len(), 3, "the header and one row per claim");
/// assert!(rows[2].starts_with("0,killed,soldiers,turkish,إدلب,,true,b.txt,أنقرة,34,"));
/// ```
pub fn claims_to_csv(docs: &[CorpusDoc<'_>], groups: &[ClaimGroup]) -> String {
    let mut out = String::from(
        "group,event,whom,side,place,period,discrepancy,document,source,value,low,high,qualifier,noun,claim_place,claim_date,start,end,sentence\r\n",
    );
    let number = |v: f64| v.to_string();
    for (index, group) in groups.iter().enumerate() {
        for claim in &group.claims {
            let fields = [
                index.to_string(),
                group.event.map_or("", Event::as_str).to_owned(),
                group.whom.as_str().to_owned(),
                group.side.clone().unwrap_or_default(),
                group.place.clone().unwrap_or_default(),
                group.when.clone().unwrap_or_default(),
                group.discrepancy.to_string(),
                docs.get(claim.doc).map_or_else(String::new, |d| d.name.to_owned()),
                claim.source.clone(),
                number(claim.value),
                number(claim.low),
                claim.high.map(number).unwrap_or_default(),
                claim.qualifier.clone().unwrap_or_default(),
                claim.noun.clone(),
                claim.place.clone().unwrap_or_default(),
                claim.when.clone().unwrap_or_default(),
                claim.start.to_string(),
                claim.end.to_string(),
                claim.sentence.clone(),
            ];
            let line: Vec<String> = fields.iter().map(|f| text_field(f)).collect();
            push_row(&mut out, &line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_support::analyze;

    /// A five-article story: two outlets disagree on the Turkish toll (33 against 34), one article
    /// quotes two sources with two figures, and the rest are figures of other groups, places
    /// and periods that must never be compared with them.
    const STORY: [&str; 5] = [
        include_str!("../../tests/claims/story-a.txt"),
        include_str!("../../tests/claims/story-b.txt"),
        include_str!("../../tests/claims/story-c.txt"),
        include_str!("../../tests/claims/story-d.txt"),
        include_str!("../../tests/claims/story-e.txt"),
    ];

    fn story_groups() -> Vec<ClaimGroup> {
        let analyses = analyze(&STORY);
        let names = ["story-a.txt", "story-b.txt", "story-c.txt", "story-d.txt", "story-e.txt"];
        let docs: Vec<CorpusDoc> =
            STORY.iter().zip(&analyses).zip(names).map(|((t, a), n)| CorpusDoc::new(n, t, a)).collect();
        claim_groups(&docs)
    }

    #[test]
    fn a_claim_no_one_makes_is_the_outlets_and_is_dated_by_the_article() {
        let text = STORY[4];
        let analyses = analyze(&[text]);
        let byline = crate::ingest::Byline {
            outlet: Some("سكاي نيوز عربية".into()),
            date: Some("2020-02-28".into()),
            headline: None,
        };
        let doc = CorpusDoc::new("story-e.txt", text, &analyses[0]).with_byline(&byline);
        let claims = document_claims(0, &doc);
        let outlets: Vec<&Claim> = claims.iter().filter(|c| c.source_id.is_none()).collect();
        assert!(!outlets.is_empty(), "{claims:#?}");
        assert!(outlets.iter().all(|c| c.source == "سكاي نيوز عربية"), "{outlets:#?}");
        let undated = claims.iter().find(|c| c.period.is_none()).expect("a claim without a date of its own");
        assert_eq!(undated.when.as_deref(), Some("2020-02-28"), "the article's date is shown");
    }

    #[test]
    fn the_disagreement_on_the_toll_is_one_flagged_group_with_every_source() {
        let groups = story_groups();
        let flagged: Vec<&ClaimGroup> = groups.iter().filter(|g| g.discrepancy).collect();
        assert_eq!(flagged.len(), 1, "{groups:#?}");
        let toll = flagged[0];
        assert_eq!(
            (toll.event, toll.whom, toll.side.as_deref()),
            (Some(Event::Killed), Counted::Soldiers, Some("turkish"))
        );
        assert_eq!(toll.place.as_deref(), Some("إدلب"));
        assert_eq!(toll.spread, Some((30.0, 34.0)));
        assert_eq!(toll.documents, 4);
        let claims: Vec<(usize, f64, &str)> = toll.claims.iter().map(|c| (c.doc, c.value, c.source.as_str())).collect();
        assert_eq!(
            claims,
            [
                (0, 33.0, "وزارة الدفاع التركية"),
                (1, 34.0, "أنقرة"),
                (2, 34.0, "أنقرة"),
                (2, 33.0, "البيت الأبيض"),
                (4, 30.0, "story-e.txt"),
            ]
        );
        assert_eq!(toll.claims[3].sentence, STORY[2].lines().next().unwrap());
        assert_eq!(toll.claims[4].high, None);
        // The discrepancy comes first.
        assert!(groups[0].discrepancy);
    }

    #[test]
    fn claims_of_other_groups_places_and_periods_are_never_compared() {
        let groups = story_groups();
        let find = |whom: Counted, side: Option<&str>| -> Vec<&ClaimGroup> {
            groups.iter().filter(|g| g.whom == whom && g.side.as_deref() == side).collect()
        };
        // The regime's losses: their own group, apart from the Turkish soldiers.
        let regime = find(Counted::Soldiers, Some("syrian-government"));
        assert_eq!(regime.len(), 1, "{groups:#?}");
        assert_eq!(regime[0].claims.iter().map(|c| c.value).collect::<Vec<_>>(), [16.0, 16.0]);
        assert!(!regime[0].discrepancy);
        // Civilians in Idlib this year and in Syria in 2019: two groups.
        let civilians = find(Counted::Civilians, None);
        assert_eq!(civilians.len(), 2, "{civilians:#?}");
        assert!(civilians.iter().all(|g| g.claims.len() == 1 && !g.discrepancy));
        // The chemical attack's dead are people, not soldiers; bare counts are never flagged.
        let people = find(Counted::People, None);
        assert!(people.iter().all(|g| !g.discrepancy), "{people:#?}");
    }

    #[test]
    fn bounds_and_approximations_overlap_or_disagree() {
        let texts = ["قتل أكثر من 30 مدنيا في حلب.", "قتل 33 مدنيا في حلب.", "قتل نحو 50 مدنيا في حلب."];
        let analyses = analyze(&texts);
        let docs: Vec<CorpusDoc> = texts.iter().zip(&analyses).map(|(t, a)| CorpusDoc::new("x", t, a)).collect();
        let compatible = claim_groups(&docs[..2]);
        assert_eq!(compatible.len(), 1);
        assert!(!compatible[0].discrepancy, "{compatible:#?}");
        let disagree = claim_groups(&docs[1..]);
        assert!(disagree[0].discrepancy, "{disagree:#?}");
        assert_eq!(disagree[0].spread, Some((33.0, 50.0)));
    }

    #[test]
    fn sides_and_readings() {
        assert!(readings(&fold("التركية")).contains(&"تركي".to_owned()));
        assert!(readings("لقوات").contains(&"قوات".to_owned()));
        assert!(readings("وثق").contains(&"وثق".to_owned()));
    }
}

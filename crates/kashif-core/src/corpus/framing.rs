//! Framing: the loaded descriptors each document uses for the actors it reports on.
//!
//! A *descriptor* is a label news text gives an actor: `النظام`، `قوات الاحتلال`، `الإرهابيين`،
//! `الثوار`، `الشهداء`… Kashif ships a hand-written lexicon of them ([`builtin_descriptors`],
//! `data/descriptors.tsv`), each with a [`Category`] (the usual connotation: pejorative,
//! sympathetic or neutral) and an English gloss; the page lets the reader add their own.
//!
//! Matching works on folded text (see [`fold`](crate::text::normalize::fold)), word by word; the
//! first word may carry the proclitics و ف ب ك ل لل (`وللإرهابيين`). At each word the longest
//! descriptor that matches is taken, and matches do not overlap.
//!
//! **Attachment.** A descriptor is attached to an actor by the first of these rules that applies
//! (and is reported with no actor, "—", otherwise):
//! 1. a demonym inside the descriptor (`الكيان الصهيوني`, `الجيش العربي السوري`) → its country;
//! 2. a name mention (person, organization, place, other) inside it (`نظام الأسد`) → that entity;
//! 3. the word right after it starts a name mention (`مسلحي داعش`) → that entity;
//! 4. the word right after it is a demonym (`قوات النظام السوري`، `الاحتلال الإسرائيلي`,
//!    `الحكومة السورية`) → its country (with the country's lexicon id, so it meets the
//!    country's own mentions);
//! 5. the word right before it ends a name mention (`داعش الإرهابي`) → that entity.
//!
//! Nothing further away is considered: the rule is meant to be predictable, not clever.

use std::collections::HashMap;

use super::CorpusDoc;
use crate::analysis::{Label, Mention};
use crate::extract::Words;
use crate::text::normalize::{fold, Folded};
use crate::text::tokenize::{tokenize, Token, TokenKind};
use crate::word_tables::descriptors::{Category, Descriptor};

/// The descriptor, built-in or among `extra`, that already counts `term` (as its display form
/// or one of its variants, compared folded and word by word), if any. A descriptor added with
/// such a term would never be counted: the form keeps its first descriptor.
///
/// ```
/// use kashif_core::corpus::{known_descriptor, Category, Descriptor};
/// assert_eq!(known_descriptor("ميليشيات", &[]).unwrap().term, "الميليشيات");
/// let mine = [Descriptor::new("البغاة", Category::Pejorative)];
/// assert!(known_descriptor("البُغاة", &mine).is_some());
/// assert!(known_descriptor("البغاة", &[]).is_none());
/// ```
pub fn known_descriptor<'a>(term: &str, extra: &'a [Descriptor]) -> Option<&'a Descriptor> {
    let words = |form: &str| fold(form).split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    let wanted = words(term);
    if wanted.is_empty() {
        return None;
    }
    builtin_descriptors().iter().chain(extra).find(|d| d.forms().any(|form| words(form) == wanted))
}

/// The descriptor lexicon shipped with Kashif (`data/descriptors.tsv`, embedded at build time).
///
/// ```
/// let all = kashif_core::corpus::builtin_descriptors();
/// assert!(all.iter().any(|d| d.term == "الإرهابيين"));
/// ```
pub fn builtin_descriptors() -> &'static [Descriptor] {
    &crate::word_tables::corpus_tables().descriptors
}

/// An actor a descriptor is attached to.
///
/// ```
/// use kashif_core::corpus::{document_framing, CorpusDoc};
///
/// let text = "قصفت قوات النظام السوري ريف إدلب";
/// let analysis = kashif_core::Analyzer::new().analyze(text);
/// let hits = document_framing(&CorpusDoc::new("a", text, &analysis), 0, &[]);
/// let syria = hits[0].actor.as_ref().unwrap();
/// // A demonym names its country, by the country's lexicon id.
/// assert_eq!((syria.id.as_str(), syria.name.as_str()), ("cc:SY", "سوريا"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Actor {
    /// The entity id (a country's lexicon id for a demonym: `cc:SY`).
    pub id: String,
    /// The display name.
    pub name: String,
}

/// One occurrence of a descriptor in a document (see [`document_framing`]).
///
/// ```
/// use kashif_core::corpus::{document_framing, Category, CorpusDoc};
///
/// let text = "قتل عدد من الإرهابيين في الهجوم";
/// let analysis = kashif_core::Analyzer::new().analyze(text);
/// let hit = &document_framing(&CorpusDoc::new("a", text, &analysis), 3, &[])[0];
/// assert_eq!((hit.doc, hit.descriptor.as_str(), hit.category), (3, "الإرهابيين", Category::Pejorative));
/// assert_eq!(hit.text, "الإرهابيين");
/// assert_eq!((hit.start, hit.end), (11, 21));
/// assert_eq!(hit.actor, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FramingHit {
    /// The index of the document.
    pub doc: usize,
    /// The descriptor's display form.
    pub descriptor: String,
    /// Its category.
    pub category: Category,
    /// The actor it is attached to, if any (see the module documentation).
    pub actor: Option<Actor>,
    /// The words as written in the text (without a proclitic).
    pub text: String,
    /// First char, in the original text.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
}

/// The country a folded word names as a demonym (`السوري`، `السورية`، `الإسرائيلي`), if any.
fn demonym(word: &str) -> Option<Actor> {
    let demonyms = &crate::word_tables::name_tables().demonyms;
    demonyms.country(word).map(|(id, name)| Actor { id: id.to_owned(), name: name.to_owned() })
}

/// The folded words of every form of the descriptors, indexed by their first word: for each,
/// (the other words, the descriptor's index).
struct Patterns<'d> {
    descriptors: Vec<&'d Descriptor>,
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
}

impl<'d> Patterns<'d> {
    /// The built-in descriptors, then `extra`; a form already known keeps its first descriptor.
    fn new(extra: &'d [Descriptor]) -> Self {
        let descriptors: Vec<&Descriptor> = builtin_descriptors().iter().chain(extra).collect();
        let mut by_first: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
        for (index, descriptor) in descriptors.iter().enumerate() {
            for form in descriptor.forms() {
                let words: Vec<String> = fold(form).split_whitespace().map(str::to_owned).collect();
                let Some((first, rest)) = words.split_first() else { continue };
                let list = by_first.entry(first.clone()).or_default();
                if !list.iter().any(|(known, _)| known == rest) {
                    list.push((rest.to_vec(), index));
                }
            }
        }
        Patterns { descriptors, by_first }
    }
}

fn is_name(mention: &Mention) -> bool {
    matches!(mention.label, Label::Per | Label::Org | Label::Loc | Label::Misc)
}

fn actor_of(mention: &Mention) -> Actor {
    Actor { id: mention.id.clone(), name: mention.canonical.clone() }
}

/// The descriptors one document uses, in text order, each with the actor it is attached to.
/// `extra` are descriptors of the reader's own, matched like the built-in ones.
///
/// ```
/// use kashif_core::corpus::{document_framing, CorpusDoc};
///
/// let text = "قصفت قوات النظام السوري ريف إدلب";
/// let analysis = kashif_core::Analyzer::new().analyze(text);
/// let hits = document_framing(&CorpusDoc::new("a", text, &analysis), 0, &[]);
/// assert_eq!(hits[0].descriptor, "قوات النظام");
/// assert_eq!(hits[0].actor.as_ref().unwrap().name, "سوريا");
/// assert_eq!((hits[0].start, hits[0].end), (5, 16));
/// ```
pub fn document_framing(doc: &CorpusDoc<'_>, doc_index: usize, extra: &[Descriptor]) -> Vec<FramingHit> {
    let patterns = Patterns::new(extra);
    hits_in(doc, doc_index, &patterns)
}

fn hits_in(doc: &CorpusDoc<'_>, doc_index: usize, patterns: &Patterns<'_>) -> Vec<FramingHit> {
    let folded = Folded::new(doc.text);
    let tokens = tokenize(&folded);
    let words = Words::new(&tokens);
    let mentions: Vec<&Mention> = doc.analysis.entities.iter().filter(|m| is_name(m)).collect();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let form = (tokens[i].kind == TokenKind::Arabic).then(|| longest_form(&words, patterns, i)).flatten();
        let Some((len, prefix, descriptor)) = form else {
            i += 1;
            continue;
        };
        let (start, end) = folded.original_span(tokens[i].start + prefix, tokens[i + len - 1].end);
        let actor = actor_at(&folded, &tokens, &mentions, (i, i + len), (start, end));
        let descriptor = patterns.descriptors[descriptor];
        hits.push(FramingHit {
            doc: doc_index,
            descriptor: descriptor.term.clone(),
            category: descriptor.category,
            actor,
            text: folded.original_text(start, end),
            start,
            end,
        });
        i += len;
    }
    hits
}

/// The longest form of a descriptor starting at token `i`, under any reading of its clitics:
/// (its words, the clitic chars, the descriptor's index).
fn longest_form(words: &Words<'_>, patterns: &Patterns<'_>, i: usize) -> Option<(usize, usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None; // (words, prefix, descriptor)
    for reading in words.readings(i) {
        let Some(candidates) = patterns.by_first.get(reading.stem.as_str()) else { continue };
        for (rest, descriptor) in candidates {
            let fits = rest.iter().enumerate().all(|(k, word)| words.text(i + 1 + k) == Some(word.as_str()));
            if fits && best.is_none_or(|(len, _, _)| rest.len() + 1 > len) {
                best = Some((rest.len() + 1, reading.prefix, *descriptor));
            }
        }
    }
    best
}

/// The actor of a descriptor at tokens `first..last` (chars `start..end` of the text): a
/// nationality in it, else a name in it, else the name or nationality of the word after it,
/// else a name that ends right before it.
fn actor_at(
    folded: &Folded,
    tokens: &[Token],
    mentions: &[&Mention],
    (first, last): (usize, usize),
    (start, end): (usize, usize),
) -> Option<Actor> {
    let original = |token: &Token| folded.original_span(token.start, token.end);
    let inside = |m: &&&Mention| m.start < end && m.end > start;
    (first..last)
        .find_map(|k| demonym(tokens[k].text))
        .or_else(|| mentions.iter().find(inside).map(|m| actor_of(m)))
        .or_else(|| {
            let next = tokens.get(last).filter(|t| t.kind == TokenKind::Arabic)?;
            let (next_start, next_end) = original(next);
            mentions
                .iter()
                .find(|m| m.start >= next_start && m.start < next_end)
                .map(|m| actor_of(m))
                .or_else(|| demonym(next.text))
        })
        .or_else(|| {
            let previous = tokens.get(first.checked_sub(1)?).filter(|t| t.kind == TokenKind::Arabic)?;
            let (_, previous_end) = original(previous);
            mentions.iter().find(|m| m.end == previous_end).map(|m| actor_of(m))
        })
}

/// One row of the framing table: an actor (or none) and a descriptor, counted per document.
///
/// ```
/// use kashif_core::corpus::{framing_table, CorpusDoc};
///
/// let analyzer = kashif_core::Analyzer::new();
/// let (a, b) = ("قصفت قوات النظام السوري حلب", "قالت مصادر إن قوات النظام السوري قصفت إدلب");
/// let (x, y) = (analyzer.analyze(a), analyzer.analyze(b));
/// let table = framing_table(&[CorpusDoc::new("a", a, &x), CorpusDoc::new("b", b, &y)], &[]);
/// let row = table.rows.iter().find(|r| r.descriptor == "قوات النظام").unwrap();
/// assert_eq!(row.actor.as_ref().map(|a| a.id.as_str()), Some("cc:SY"));
/// assert_eq!((row.counts.as_slice(), row.total), (&[1, 1][..], 2));
/// assert_eq!(row.first, [Some((5, 16)), Some((14, 25))]);
/// assert_eq!(row.gloss, "regime forces");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FramingRow {
    /// The actor, `None` for descriptors attached to no actor ("—").
    pub actor: Option<Actor>,
    /// The descriptor's display form.
    pub descriptor: String,
    /// Its category.
    pub category: Category,
    /// Its gloss (may be empty).
    pub gloss: String,
    /// Occurrences per document, in the order of the documents given.
    pub counts: Vec<usize>,
    /// The first occurrence `(start, end)` per document, `None` where there is none.
    pub first: Vec<Option<(usize, usize)>>,
    /// Occurrences in all documents.
    pub total: usize,
}

/// The side-by-side framing view: rows are actor × descriptor, columns the documents.
///
/// ```
/// use kashif_core::corpus::{framing_table, CorpusDoc};
///
/// let analyzer = kashif_core::Analyzer::new();
/// let (a, b) = ("قصفت قوات النظام السوري حلب", "قال الثوار إنهم صدوا الهجوم");
/// let (x, y) = (analyzer.analyze(a), analyzer.analyze(b));
/// let table = framing_table(&[CorpusDoc::new("a.txt", a, &x), CorpusDoc::new("b.txt", b, &y)], &[]);
/// assert_eq!(table.documents, ["a.txt", "b.txt"]);
/// let forms: Vec<&str> = table.rows.iter().map(|r| r.descriptor.as_str()).collect();
/// assert_eq!(forms, ["قوات النظام", "الثوار"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FramingTable {
    /// The document names, one per column.
    pub documents: Vec<String>,
    /// The rows: actors by total occurrences (most first; rows with no actor last), and within
    /// an actor its descriptors by total, then by form.
    pub rows: Vec<FramingRow>,
}

/// Counts, per document, how often each descriptor is used for each actor. `extra` are
/// descriptors of the reader's own (a form the built-in lexicon already has keeps its built-in
/// descriptor).
///
/// ```
/// use kashif_core::corpus::{framing_table, CorpusDoc};
///
/// let analyzer = kashif_core::Analyzer::new();
/// let (a, b) = ("قصفت قوات النظام السوري حلب", "قالت الحكومة السورية إن الإرهابيين قصفوا حلب");
/// let (x, y) = (analyzer.analyze(a), analyzer.analyze(b));
/// let table = framing_table(&[CorpusDoc::new("a", a, &x), CorpusDoc::new("b", b, &y)], &[]);
/// let syria: Vec<_> = table.rows.iter().filter(|r| r.actor.as_ref().is_some_and(|a| a.id == "cc:SY")).collect();
/// assert_eq!(syria.len(), 2);
/// assert!(syria.iter().any(|r| r.descriptor == "قوات النظام" && r.counts == [1, 0]));
/// assert!(syria.iter().any(|r| r.descriptor == "الحكومة" && r.counts == [0, 1]));
/// assert!(table.rows.iter().any(|r| r.descriptor == "الإرهابيين" && r.actor.is_none()));
/// ```
pub fn framing_table(docs: &[CorpusDoc<'_>], extra: &[Descriptor]) -> FramingTable {
    let patterns = Patterns::new(extra);
    let mut rows: Vec<FramingRow> = Vec::new();
    for (doc_index, doc) in docs.iter().enumerate() {
        for hit in hits_in(doc, doc_index, &patterns) {
            let index = match rows.iter().position(|r| r.actor == hit.actor && r.descriptor == hit.descriptor) {
                Some(index) => index,
                None => {
                    let gloss = patterns
                        .descriptors
                        .iter()
                        .find(|d| d.term == hit.descriptor)
                        .map(|d| d.gloss.clone())
                        .unwrap_or_default();
                    rows.push(FramingRow {
                        actor: hit.actor.clone(),
                        descriptor: hit.descriptor.clone(),
                        category: hit.category,
                        gloss,
                        counts: vec![0; docs.len()],
                        first: vec![None; docs.len()],
                        total: 0,
                    });
                    rows.len() - 1
                }
            };
            let row = &mut rows[index];
            row.counts[doc_index] += 1;
            row.first[doc_index].get_or_insert((hit.start, hit.end));
            row.total += 1;
        }
    }
    let mut actor_totals: HashMap<Option<Actor>, usize> = HashMap::new();
    for row in &rows {
        *actor_totals.entry(row.actor.clone()).or_default() += row.total;
    }
    rows.sort_by(|a, b| {
        (
            a.actor.is_none(),
            std::cmp::Reverse(actor_totals[&a.actor]),
            &a.actor,
            std::cmp::Reverse(a.total),
            &a.descriptor,
        )
            .cmp(&(
                b.actor.is_none(),
                std::cmp::Reverse(actor_totals[&b.actor]),
                &b.actor,
                std::cmp::Reverse(b.total),
                &b.descriptor,
            ))
    });
    FramingTable { documents: docs.iter().map(|d| d.name.to_owned()).collect(), rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_support::{analyze, docs};

    #[test]
    fn the_shipped_lexicon_parses_and_each_form_is_one_descriptor() {
        let all = builtin_descriptors();
        assert!(all.len() >= 40, "{}", all.len());
        let mut seen: HashMap<String, &str> = HashMap::new();
        for descriptor in all {
            for form in descriptor.forms() {
                let key = fold(form).split_whitespace().collect::<Vec<_>>().join(" ");
                if let Some(other) = seen.insert(key.clone(), &descriptor.term) {
                    panic!("{key} is a form of both {other} and {}", descriptor.term);
                }
            }
            assert!(!descriptor.gloss.is_empty(), "{} has no gloss", descriptor.term);
        }
        for category in Category::ALL {
            assert!(all.iter().any(|d| d.category == category), "no {category:?} descriptor");
        }
    }

    fn hits(text: &str) -> Vec<(String, Option<String>, String)> {
        let analyses = analyze(&[text]);
        let docs = docs(&[text], &analyses);
        document_framing(&docs[0], 0, &[])
            .into_iter()
            .map(|h| (h.descriptor, h.actor.map(|a| a.name), h.text))
            .collect()
    }

    fn hit(descriptor: &str, actor: Option<&str>, text: &str) -> (String, Option<String>, String) {
        (descriptor.to_owned(), actor.map(str::to_owned), text.to_owned())
    }

    #[test]
    fn descriptors_attach_to_the_actor_beside_them() {
        assert_eq!(hits("قصفت قوات الاحتلال الإسرائيلي غزة"), [hit("قوات الاحتلال", Some("إسرائيل"), "قوات الاحتلال")]);
        assert_eq!(hits("هاجم الكيان الصهيوني المدينة"), [hit("الكيان الصهيوني", Some("إسرائيل"), "الكيان الصهيوني")]);
        assert_eq!(hits("وصرح المتحدث باسم الحكومة السورية"), [hit("الحكومة", Some("سوريا"), "الحكومة")]);
        let isis = hits("وهاجم مسلحو داعش القرية، ثم انسحب مسلحي داعش");
        assert_eq!(isis.len(), 2, "{isis:?}");
        assert!(
            isis.iter().all(|(d, actor, _)| d == "المسلحين"
                && actor.as_deref().is_some_and(|a| a.contains("داعش") || a.contains("الدولة"))),
            "{isis:?}"
        );
        // Unattached: nothing named beside it.
        assert_eq!(hits("وقال إن الإرهابيين انسحبوا"), [hit("الإرهابيين", None, "الإرهابيين")]);
    }

    #[test]
    fn clitics_diacritics_and_the_longest_form() {
        // و + the descriptor; ل + ال read as لل; a variant form; diacritics.
        let found = hits("وللإرهابيين صلة بالمرتزقة، وسقط شهداءُ.");
        let names: Vec<&str> = found.iter().map(|(d, _, _)| d.as_str()).collect();
        assert_eq!(names, ["الإرهابيين", "المرتزقة", "الشهداء"]);
        // The span leaves the clitics out (with لل, the ل of the article goes with them).
        assert_eq!(found[0].2, "إرهابيين");
        assert_eq!(found[2].2, "شهداءُ");
        // قوات النظام, not النظام; the bare النظام elsewhere on its own.
        let found = hits("تقدمت قوات النظام بينما قال النظام إنه انتصر");
        let names: Vec<&str> = found.iter().map(|(d, _, _)| d.as_str()).collect();
        assert_eq!(names, ["قوات النظام", "النظام"]);
        // A word that merely contains a descriptor is not one.
        assert!(hits("النظامية والاحتلالات").is_empty());
    }

    #[test]
    fn the_same_actor_framed_differently_by_two_documents() {
        let texts = [
            "قصفت قوات النظام السوري ريف إدلب، وسقط 20 شهيدا. وقال النظام إنه استهدف الإرهابيين.",
            "أعلنت الحكومة السورية أن الجيش العربي السوري قتل 35 من المسلحين، وسقط 3 قتلى.",
        ];
        let analyses = analyze(&texts);
        let table = framing_table(&docs(&texts, &analyses), &[]);
        assert_eq!(table.documents, ["a", "b"]);
        let row = |descriptor: &str| {
            table
                .rows
                .iter()
                .find(|r| r.descriptor == descriptor)
                .unwrap_or_else(|| panic!("no {descriptor}: {table:#?}"))
        };
        let regime = row("قوات النظام");
        assert_eq!(regime.actor.as_ref().map(|a| a.id.as_str()), Some("cc:SY"));
        assert_eq!(regime.counts, [1, 0]);
        assert_eq!(regime.category, Category::Pejorative);
        assert_eq!(regime.first[0], Some((5, 16)));
        let government = row("الحكومة");
        assert_eq!(government.actor, regime.actor);
        assert_eq!(government.counts, [0, 1]);
        assert_eq!(government.category, Category::Neutral);
        assert_eq!(row("الشهداء").counts, [1, 0]);
        assert_eq!(row("الشهداء").category, Category::Sympathetic);
        assert_eq!(row("القتلى").counts, [0, 1]);
        assert_eq!(row("النظام").actor, None);
        assert!(!row("الجيش العربي السوري").gloss.is_empty());
        // Syria's rows come before the rows with no actor.
        let first_unattached = table.rows.iter().position(|r| r.actor.is_none()).unwrap();
        assert!(table.rows[..first_unattached].iter().any(|r| r.actor.as_ref().is_some_and(|a| a.id == "cc:SY")));
        assert!(table.rows[first_unattached..].iter().all(|r| r.actor.is_none()));
    }

    #[test]
    fn a_readers_own_descriptors_are_counted_too() {
        let texts = ["وقال إن البغاة فروا من المدينة."];
        let analyses = analyze(&texts);
        let extra = [Descriptor::new("البغاة", Category::Pejorative)];
        let table = framing_table(&docs(&texts, &analyses), &extra);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].descriptor, "البغاة");
        assert_eq!(table.rows[0].counts, [1]);
        assert!(framing_table(&docs(&texts, &analyses), &[]).rows.is_empty());
    }

    #[test]
    fn known_forms_are_found() {
        // A variant of a built-in descriptor, a different hamza seat, and a word that is not one.
        assert_eq!(known_descriptor("مليشيات", &[]).map(|d| d.term.as_str()), Some("الميليشيات"));
        assert_eq!(known_descriptor("الارهابيين", &[]).map(|d| d.category), Some(Category::Pejorative));
        assert!(known_descriptor("المدينة", &[]).is_none());
        assert!(known_descriptor("  ", &[]).is_none());
    }

    #[test]
    fn demonyms_fold_gender_and_article() {
        assert_eq!(demonym(&fold("السورية")).map(|a| a.id), Some("cc:SY".to_owned()));
        assert_eq!(demonym(&fold("الإسرائيلي")).map(|a| a.name), Some("إسرائيل".to_owned()));
        assert_eq!(demonym("سوريا"), None);
    }
}

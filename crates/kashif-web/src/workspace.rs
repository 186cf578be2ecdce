//! The analyst's workspace: the analyses of every document, the view switcher, and jumping from
//! a table cell to the place in a document it counts.
//!
//! [`analysed_docs`] is the one place the page gets the (corrected) analyses of all documents
//! from, and [`relink_docs`] links them across documents with what the linking worker found
//! ([`Relinks`]; [`link_docs`] links them in the page, when there is no such worker); the tables
//! and exports only read them.

use std::collections::HashMap;
use std::sync::Arc;

use super::i18n::Lang;
use super::state::{shown_name, DocId, Document};
use kashif_core::corpus::CorpusDoc;
use kashif_core::corrections::Correction;
use kashif_core::ingest::Byline;
use kashif_core::link::{apply_relinks, linked_mentions, Relink};
use kashif_core::{Analysis, Mention};

/// An ISO date isolated left to right (U+2066 … U+2069): in a right-to-left line `2020-02-28`
/// would otherwise show as `28-02-2020`.
pub fn isolated_date(date: &str) -> String {
    format!("\u{2066}{date}\u{2069}")
}

/// One line of the documents list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocItem {
    /// The document's id.
    pub id: DocId,
    /// Its name as shown.
    pub name: String,
    /// Its outlet and date, where it gives them (`رويترز · 2020-02-28`).
    pub detail: Option<String>,
    /// Its headline, where it has one other than its name (the item's tooltip).
    pub headline: Option<String>,
}

impl DocItem {
    /// The item of a document named `name` with `byline`.
    pub fn new(id: DocId, name: String, byline: Option<&Byline>) -> Self {
        let detail = byline.and_then(|b| {
            let date = b.date.as_deref().map(isolated_date);
            let parts: Vec<String> = b.outlet.iter().cloned().chain(date).collect();
            (!parts.is_empty()).then(|| parts.join(" · "))
        });
        let headline = byline.and_then(|b| b.headline.clone()).filter(|h| *h != name);
        DocItem { id, name, detail, headline }
    }
}

/// One analysed document as the worker sent it, with the user's corrections applied.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysedDoc {
    /// The document's id in the library.
    pub id: DocId,
    /// Its name.
    pub name: String,
    /// Whether it is the pasted text (shown under [`shown_name`](super::state::shown_name)).
    pub pasted: bool,
    /// Its text.
    pub text: Arc<str>,
    /// Its analysis (this document alone: not linked to the others).
    pub analysis: Arc<Analysis>,
    /// Its headline, outlet and date where its text gives them ([`kashif_core::corpus::byline`]).
    pub byline: Byline,
}

/// The documents of `docs` that have an analysis (`analysis_of` gives it, corrected, once the
/// worker has sent it), in list order. Their bylines come from `bylines`, worked out once per
/// analysis: this runs at every reply of a batch, over every document.
pub fn analysed_docs(
    docs: &[Document],
    analysis_of: impl Fn(&Document) -> Option<Arc<Analysis>>,
    bylines: &mut Bylines,
) -> Vec<AnalysedDoc> {
    let out: Vec<AnalysedDoc> = docs
        .iter()
        .filter_map(|doc| {
            let analysis = analysis_of(doc)?;
            Some(AnalysedDoc {
                id: doc.id,
                name: doc.name.clone(),
                pasted: doc.is_pasted(),
                text: Arc::clone(&doc.text),
                byline: bylines.of(doc, &analysis),
                analysis,
            })
        })
        .collect();
    bylines.keep_only(&out);
    out
}

/// The bylines of the analysed documents, each worked out once for its analysis.
#[derive(Debug, Default)]
pub struct Bylines(HashMap<DocId, (Arc<Analysis>, Byline)>);

impl Bylines {
    /// The byline of `doc` analysed as `analysis`: what its file's markup gave, completed by what
    /// its text gives ([`kashif_core::corpus::byline`]).
    fn of(&mut self, doc: &Document, analysis: &Arc<Analysis>) -> Byline {
        let from_text = match self.0.get(&doc.id) {
            Some((seen, byline)) if Arc::ptr_eq(seen, analysis) => byline.clone(),
            _ => {
                let byline = kashif_core::corpus::byline(&doc.text, analysis);
                self.0.insert(doc.id, (Arc::clone(analysis), byline.clone()));
                byline
            }
        };
        doc.byline.clone().or(from_text)
    }

    /// Forgets the documents no longer analysed.
    fn keep_only(&mut self, docs: &[AnalysedDoc]) {
        if self.0.len() > docs.len() {
            let kept: std::collections::HashSet<DocId> = docs.iter().map(|doc| doc.id).collect();
            self.0.retain(|id, _| kept.contains(id));
        }
    }
}

/// One analyzed document of the workspace, linked to the others.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusEntry {
    /// The document's id in the library.
    pub id: DocId,
    /// Its name.
    pub name: String,
    /// Whether it is the pasted text.
    pub pasted: bool,
    /// Its text.
    pub text: Arc<str>,
    /// Its analysis, linked across all the documents.
    pub analysis: Analysis,
    /// Its headline, outlet and date, where it gives them.
    pub byline: Byline,
}

impl CorpusEntry {
    /// What the document is called in a column of a comparison table: its outlet, with its date
    /// when it gives one (`رويترز · 2020-02-28`, the date isolated left to right), else its name
    /// as shown in `lang`.
    pub fn column_label(&self, lang: Lang) -> String {
        match (&self.byline.outlet, &self.byline.date) {
            (Some(outlet), Some(date)) => format!("{outlet} · {}", isolated_date(date)),
            (Some(outlet), None) => outlet.clone(),
            _ => shown_name(&self.name, self.pasted, lang),
        }
    }

    /// All it is known by, for a tooltip: its name, then its headline when it has one.
    pub fn full_label(&self, lang: Lang) -> String {
        let name = shown_name(&self.name, self.pasted, lang);
        match &self.byline.headline {
            Some(headline) if *headline != name => format!("{name}\n{headline}"),
            _ => name,
        }
    }
}

/// The column labels of `entries` ([`CorpusEntry::column_label`]); two documents of one outlet
/// and date are told apart by their names.
///
/// ```ignore
/// use std::sync::Arc;
/// use kashif_core::ingest::Byline;
/// use crate::{i18n::Lang, workspace::{column_labels, CorpusEntry}};
/// let entry = |id, name: &str, outlet: Option<&str>| CorpusEntry {
///     id,
///     name: name.into(),
///     pasted: false,
///     text: Arc::from(""),
///     analysis: Default::default(),
///     byline: Byline { outlet: outlet.map(Into::into), ..Byline::default() },
/// };
/// let entries = [entry(1, "a.txt", Some("رويترز")), entry(2, "b.txt", Some("رويترز")), entry(3, "c.txt", None)];
/// assert_eq!(column_labels(&entries, Lang::Ar), ["رويترز · a.txt", "رويترز · b.txt", "c.txt"]);
/// ```
pub fn column_labels(entries: &[CorpusEntry], lang: Lang) -> Vec<String> {
    let labels: Vec<String> = entries.iter().map(|e| e.column_label(lang)).collect();
    labels
        .iter()
        .zip(entries)
        .map(|(label, entry)| {
            let shared = labels.iter().filter(|other| *other == label).count() > 1;
            let name = shown_name(&entry.name, entry.pasted, lang);
            if shared && *label != name { format!("{label} · {name}") } else { label.clone() }
        })
        .collect()
}

/// The analysed documents linked across documents ([`link_corpus`](kashif_core::link::link_corpus)),
/// then the user's `merges` applied again (a merge made in a table names the linked ids).
pub fn link_docs(docs: &[AnalysedDoc], merges: &[Correction]) -> Vec<CorpusEntry> {
    let mut analyses: Vec<Analysis> = docs.iter().map(|doc| (*doc.analysis).clone()).collect();
    kashif_core::link::link_corpus(&mut analyses);
    entries(docs, analyses, merges)
}

/// What the linking worker found ([`corpus_relinks`](kashif_core::link::corpus_relinks)) for each
/// document, with the [`fingerprint`] of the names it was sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relinks {
    by_doc: std::collections::HashMap<DocId, (u64, Vec<Relink>)>,
}

impl Relinks {
    /// The answer `relinks` to a request about the documents `sent` (id and fingerprint), in
    /// the same order.
    pub fn new(sent: Vec<(DocId, u64)>, relinks: Vec<Vec<Relink>>) -> Self {
        Relinks { by_doc: sent.into_iter().zip(relinks).map(|((doc, print), relinks)| (doc, (print, relinks))).collect() }
    }

    /// What was found for `doc`, unless its names changed since they were sent.
    fn of(&self, doc: &AnalysedDoc) -> Option<&[Relink]> {
        let (print, relinks) = self.by_doc.get(&doc.id)?;
        (*print == fingerprint(&doc.analysis)).then_some(relinks.as_slice())
    }
}

/// A hash of the names of `analysis` that linking reads ([`linked_mentions`]).
pub fn fingerprint(analysis: &Analysis) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    for mention in linked_mentions(analysis) {
        (mention.label, mention.start, mention.end, mention.text, mention.id, mention.canonical).hash(&mut hasher);
    }
    hasher.finish()
}

/// The analysed documents linked across documents with what the linking worker found
/// (`relinks`): a document it has not seen yet, or whose names changed since, stays linked as
/// it was analysed, alone, until the worker's next answer. Then the user's `merges` are applied.
pub fn relink_docs(docs: &[AnalysedDoc], merges: &[Correction], relinks: &Relinks) -> Vec<CorpusEntry> {
    let analyses = docs
        .iter()
        .map(|doc| {
            let mut analysis = (*doc.analysis).clone();
            if let Some(found) = relinks.of(doc) {
                apply_relinks(&mut analysis, found);
            }
            analysis
        })
        .collect();
    entries(docs, analyses, merges)
}

/// The corpus entries of `docs`, with their linked `analyses`, after the user's `merges`.
fn entries(docs: &[AnalysedDoc], analyses: Vec<Analysis>, merges: &[Correction]) -> Vec<CorpusEntry> {
    let none = kashif_core::corrections::UserLexicon::default();
    docs.iter()
        .zip(analyses)
        .map(|(doc, mut analysis)| {
            if !merges.is_empty() {
                kashif_core::corrections::apply(&doc.text, &mut analysis, merges, &none);
            }
            CorpusEntry {
                id: doc.id,
                name: doc.name.clone(),
                pasted: doc.pasted,
                text: Arc::clone(&doc.text),
                analysis,
                byline: doc.byline.clone(),
            }
        })
        .collect()
}

/// The entities a mention of document `doc` can be merged into, as `(id, display name)`: every
/// entity of its label in any document, linked across documents, once each, those of `doc`
/// first; not its own entity, under its id in `doc` (`mention.id`) or linked (`linked`, the id
/// the corpus gives the mention at the same place).
pub fn merge_targets(corpus: &[CorpusEntry], doc: DocId, mention: &Mention) -> Vec<(String, String)> {
    let own = corpus.iter().find(|e| e.id == doc);
    let linked = own
        .and_then(|e| e.analysis.entities.iter().find(|m| m.start == mention.start && m.end == mention.end))
        .map(|m| m.id.as_str());
    let mut seen: Vec<&str> = vec![mention.id.as_str()];
    seen.extend(linked);
    let mut targets = Vec::new();
    for entry in own.into_iter().chain(corpus.iter().filter(|e| e.id != doc)) {
        for m in entry.analysis.entities.iter().filter(|m| m.label == mention.label) {
            if !seen.contains(&m.id.as_str()) {
                seen.push(&m.id);
                targets.push((m.id.clone(), m.canonical.clone()));
            }
        }
    }
    targets
}

/// The documents of the workspace as the core's [`CorpusDoc`]s.
pub fn corpus_docs(entries: &[CorpusEntry]) -> Vec<CorpusDoc<'_>> {
    entries.iter().map(|e| CorpusDoc::new(&e.name, &e.text, &e.analysis).with_byline(&e.byline)).collect()
}

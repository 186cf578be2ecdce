//! The cross-document entity table.

use std::collections::HashMap;

use super::CorpusDoc;
use crate::analysis::Label;

/// The mentions of one entity in one document: an entry of [`EntityRow::per_doc`].
///
/// ```
/// use kashif_core::corpus::{entity_table, CorpusDoc, DocMentions};
///
/// let analyzer = kashif_core::Analyzer::new();
/// let (a, b) = ("زار أردوغان دمشق", "وصل وزير الخارجية التركي إلى موسكو");
/// let mut analyses = vec![analyzer.analyze(a), analyzer.analyze(b)];
/// kashif_core::link::link_corpus(&mut analyses);
/// let docs = [CorpusDoc::new("a", a, &analyses[0]), CorpusDoc::new("b", b, &analyses[1])];
/// let table = entity_table(&docs);
/// let erdogan = table.iter().find(|row| row.canonical == "رجب طيب أردوغان").unwrap();
/// assert_eq!(erdogan.per_doc[0], DocMentions { count: 1, first: Some((4, 11)) });
/// assert_eq!(erdogan.per_doc[1], DocMentions { count: 0, first: None });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DocMentions {
    /// How many times the document mentions the entity (0: not at all).
    pub count: usize,
    /// The span `(start, end)` of its first mention there, in chars; `None` when `count` is 0.
    pub first: Option<(usize, usize)>,
}

/// One entity of the corpus, with its mentions in every document: a row of [`entity_table`].
///
/// ```
/// use kashif_core::corpus::{entity_table, CorpusDoc};
///
/// let analyzer = kashif_core::Analyzer::new();
/// let (a, b) = ("زار أردوغان دمشق", "قال إردوغان في أنقرة إن أردوغان");
/// let mut analyses = vec![analyzer.analyze(a), analyzer.analyze(b)];
/// kashif_core::link::link_corpus(&mut analyses);
/// let docs = [CorpusDoc::new("a", a, &analyses[0]), CorpusDoc::new("b", b, &analyses[1])];
/// let row = &entity_table(&docs)[0];
/// assert_eq!((row.label, row.canonical.as_str()), (kashif_core::Label::Per, "رجب طيب أردوغان"));
/// assert_eq!(row.spellings, ["أردوغان", "إردوغان"]);
/// assert_eq!((row.total, row.documents()), (3, 2));
/// assert_eq!(row.per_doc.len(), docs.len());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRow {
    /// The entity id (the same in every document).
    pub id: String,
    /// Its label.
    pub label: Label,
    /// Its display name.
    pub canonical: String,
    /// Every distinct surface seen, in order of first appearance (documents in order).
    pub spellings: Vec<String>,
    /// One entry per document, in the order of the documents given.
    pub per_doc: Vec<DocMentions>,
    /// Mentions in all documents together.
    pub total: usize,
}

impl EntityRow {
    /// How many documents mention the entity.
    ///
    /// ```
    /// use kashif_core::corpus::{DocMentions, EntityRow};
    /// let row = EntityRow {
    ///     id: "cc:SY".into(), label: kashif_core::Label::Loc, canonical: "سوريا".into(),
    ///     spellings: vec!["سوريا".into()], total: 2,
    ///     per_doc: vec![DocMentions { count: 2, first: Some((0, 5)) }, DocMentions::default()],
    /// };
    /// assert_eq!(row.documents(), 1);
    /// ```
    pub fn documents(&self) -> usize {
        self.per_doc.iter().filter(|d| d.count > 0).count()
    }
}

/// Every entity of the documents once (by id): its label, display name, the spellings seen, its
/// mentions per document (count and first span) and in total. Sorted by total, most mentioned
/// first, then by display name, then by id.
///
/// ```
/// use kashif_core::corpus::{entity_table, CorpusDoc};
///
/// let analyzer = kashif_core::Analyzer::new();
/// let (a, b) = ("زار أردوغان دمشق", "قال إردوغان في أنقرة إن أردوغان");
/// let mut analyses = vec![analyzer.analyze(a), analyzer.analyze(b)];
/// kashif_core::link::link_corpus(&mut analyses);
/// let docs = [CorpusDoc::new("a", a, &analyses[0]), CorpusDoc::new("b", b, &analyses[1])];
/// let table = entity_table(&docs);
/// assert_eq!(table[0].canonical, "رجب طيب أردوغان");
/// assert_eq!(table[0].total, 3);
/// assert_eq!(table[0].per_doc[0].count, 1);
/// assert_eq!(table[0].per_doc[1].first, Some((4, 11)));
/// ```
pub fn entity_table(docs: &[CorpusDoc<'_>]) -> Vec<EntityRow> {
    let mut rows: Vec<EntityRow> = Vec::new();
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    for (doc_index, doc) in docs.iter().enumerate() {
        for mention in &doc.analysis.entities {
            let index = *index_of.entry(mention.id.as_str()).or_insert_with(|| {
                rows.push(EntityRow {
                    id: mention.id.clone(),
                    label: mention.label,
                    canonical: mention.canonical.clone(),
                    spellings: Vec::new(),
                    per_doc: vec![DocMentions::default(); docs.len()],
                    total: 0,
                });
                rows.len() - 1
            });
            let row = &mut rows[index];
            if !row.spellings.contains(&mention.text) {
                row.spellings.push(mention.text.clone());
            }
            let cell = &mut row.per_doc[doc_index];
            cell.count += 1;
            cell.first.get_or_insert((mention.start, mention.end));
            row.total += 1;
        }
    }
    rows.sort_by(|a, b| {
        b.total.cmp(&a.total).then_with(|| a.canonical.cmp(&b.canonical)).then_with(|| a.id.cmp(&b.id))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_support::{analyze, docs};

    #[test]
    fn one_row_per_entity_across_documents_with_every_spelling() {
        let texts = ["التقى فلاديمير بوتين في موسكو وزير الخارجية، ثم غادر بوتين.", "قال بوتين إن موسكو لن تتراجع."];
        let analyses = analyze(&texts);
        let table = entity_table(&docs(&texts, &analyses));
        let putin = table.iter().find(|r| r.id == "per:vladimir-putin").expect("Putin");
        assert_eq!(putin.total, 3);
        assert_eq!(putin.spellings, ["فلاديمير بوتين", "بوتين"]);
        assert_eq!(putin.per_doc[0].count, 2);
        assert_eq!(putin.per_doc[1].count, 1);
        assert_eq!(putin.per_doc[0].first, Some((6, 20)));
        assert_eq!(putin.per_doc[1].first, Some((4, 9)));
        assert_eq!(putin.documents(), 2);
        // Each id once; most mentioned first.
        let ids: Vec<&str> = table.iter().map(|r| r.id.as_str()).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len());
        assert_eq!(table[0].id, "per:vladimir-putin");
        assert!(table.windows(2).all(|w| w[0].total >= w[1].total));
    }

    #[test]
    fn unknown_names_spelled_differently_are_one_row_after_linking() {
        let texts = ["قال يوهان فادفول إن الحل سياسي.", "وقال يوهان فادفوول إن الحوار ضروري."];
        let analyses = analyze(&texts);
        let table = entity_table(&docs(&texts, &analyses));
        let rows: Vec<&EntityRow> = table.iter().filter(|r| r.label == Label::Per).collect();
        assert_eq!(rows.len(), 1, "{table:#?}");
        assert_eq!(rows[0].spellings.len(), 2);
        assert_eq!(rows[0].documents(), 2);
    }

    #[test]
    fn ties_are_sorted_by_name_and_an_empty_corpus_gives_nothing() {
        let texts = ["زار الوفد حلب ثم دمشق."];
        let analyses = analyze(&texts);
        let table = entity_table(&docs(&texts, &analyses));
        let names: Vec<&str> = table.iter().map(|r| r.canonical.as_str()).collect();
        assert_eq!(names, ["حلب", "دمشق"]);
        assert!(entity_table(&[]).is_empty());
    }
}

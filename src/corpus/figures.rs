//! Figures of several documents side by side, grouped by what they count.

use super::{char_slice, CorpusDoc};

/// One figure of one document, with its sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRow {
    /// The index of the document.
    pub doc: usize,
    /// The value (a vague quantity gives its lower bound).
    pub value: f64,
    /// True for an approximation or a bound.
    pub approximate: bool,
    /// The approximation as written (`أكثر من`، `نحو`).
    pub qualifier: Option<String>,
    /// The counted noun as written (may be empty).
    pub noun: String,
    /// The sentence the figure stands in, as written.
    pub sentence: String,
    /// First char of the number.
    pub start: usize,
    /// One past the last char of the noun.
    pub end: usize,
}

/// The figures of all documents that count the same thing.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureGroup {
    /// What is counted (`killed`, `civilians`, `soldiers`…), see [`Figure::counts`](crate::Figure).
    pub counts: String,
    /// What happened to them (`killed`, `wounded`…), when known.
    pub event: Option<String>,
    /// The figures, by document then in text order.
    pub figures: Vec<FigureRow>,
    /// How many documents give a figure of the group.
    pub documents: usize,
    /// `Some((lowest, highest))` when the documents disagree: two documents or more give the
    /// group a figure and their largest figures differ. `None` when they agree or only one
    /// document counts this.
    pub spread: Option<(f64, f64)>,
}

impl FigureGroup {
    /// True when the documents give different figures for the same thing.
    pub fn disagrees(&self) -> bool {
        self.spread.is_some()
    }

    /// The largest figure each document gives (its toll), one entry per document of the corpus
    /// (`None` where it gives none).
    pub fn per_document(&self, documents: usize) -> Vec<Option<f64>> {
        let mut out = vec![None; documents];
        for row in &self.figures {
            if let Some(slot) = out.get_mut(row.doc) {
                *slot = Some(slot.map_or(row.value, |v: f64| v.max(row.value)));
            }
        }
        out
    }
}

/// What is grouped: `counts` and `event`, where a figure of `people` with an event counts that
/// event (`مقتل 20 شخصا` ≡ `20 قتيلا`) and a figure of victims without one has its own kind as
/// event (`20 قتيلا` is killed, killed).
fn group_key(counts: &str, event: Option<&str>) -> (String, Option<String>) {
    const EVENTS: [&str; 5] = ["killed", "wounded", "displaced", "detained", "missing"];
    match (counts, event) {
        ("people", Some(event)) if EVENTS.contains(&event) => (event.to_owned(), Some(event.to_owned())),
        (counts, None) if EVENTS.contains(&counts) => (counts.to_owned(), Some(counts.to_owned())),
        (counts, event) => (counts.to_owned(), event.map(str::to_owned)),
    }
}

/// The figures of all documents grouped by what they count (`counts` and `event`), so a reader
/// sees each toll of every source side by side; a group where the documents' largest figures
/// differ has a [`spread`](FigureGroup::spread).
///
/// Groups come disagreeing first, then by the number of documents (most first), then by kind.
///
/// ```
/// use kashif::corpus::{figure_groups, CorpusDoc};
///
/// let analyzer = kashif::Analyzer::new();
/// let (a, b) = ("قتل 20 مدنيا في القصف.", "أسفر القصف عن مقتل 35 مدنيا.");
/// let analyses = [analyzer.analyze(a), analyzer.analyze(b)];
/// let docs = [CorpusDoc::new("a", a, &analyses[0]), CorpusDoc::new("b", b, &analyses[1])];
/// let groups = figure_groups(&docs);
/// assert_eq!(groups[0].counts, "civilians");
/// assert_eq!(groups[0].spread, Some((20.0, 35.0)));
/// assert_eq!(groups[0].figures[1].sentence, b);
/// ```
pub fn figure_groups(docs: &[CorpusDoc<'_>]) -> Vec<FigureGroup> {
    let mut groups: Vec<FigureGroup> = Vec::new();
    for (doc_index, doc) in docs.iter().enumerate() {
        for figure in &doc.analysis.figures {
            let (counts, event) = group_key(&figure.counts, figure.event.as_deref());
            let row = FigureRow {
                doc: doc_index,
                value: figure.value,
                approximate: figure.approximate,
                qualifier: figure.qualifier.clone(),
                noun: figure.noun.clone(),
                sentence: char_slice(doc.text, figure.sentence_start, figure.sentence_end),
                start: figure.start,
                end: figure.end,
            };
            match groups.iter_mut().find(|g| g.counts == counts && g.event == event) {
                Some(group) => group.figures.push(row),
                None => groups.push(FigureGroup { counts, event, figures: vec![row], documents: 0, spread: None }),
            }
        }
    }
    for group in &mut groups {
        let tolls: Vec<f64> = group.per_document(docs.len()).into_iter().flatten().collect();
        group.documents = tolls.len();
        let low = tolls.iter().copied().fold(f64::INFINITY, f64::min);
        let high = tolls.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        group.spread = (tolls.len() >= 2 && low < high).then_some((low, high));
    }
    groups.sort_by(|a, b| {
        b.disagrees()
            .cmp(&a.disagrees())
            .then(b.documents.cmp(&a.documents))
            .then_with(|| a.counts.cmp(&b.counts))
            .then_with(|| a.event.cmp(&b.event))
    });
    groups
}

/// The Arabic name of a kind of figure (`counts` or `event`), for the interface; the key itself
/// when it is not one Kashif gives.
///
/// ```
/// assert_eq!(kashif::corpus::count_name("killed"), "قتلى");
/// assert_eq!(kashif::corpus::count_name("other"), "other");
/// ```
pub fn count_name(key: &str) -> &str {
    match key {
        "killed" => "قتلى",
        "wounded" => "جرحى",
        "displaced" => "نازحون",
        "refugees" => "لاجئون",
        "soldiers" => "جنود",
        "fighters" => "مقاتلون",
        "civilians" => "مدنيون",
        "children" => "أطفال",
        "women" => "نساء",
        "detained" => "معتقلون",
        "missing" => "مفقودون",
        "people" => "أشخاص",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_support::{analyze, docs};

    #[test]
    fn two_documents_disagreeing_on_a_death_toll() {
        let texts = [
            "قُتل 20 مدنيا على الأقل في قصف على ريف إدلب.",
            "أعلنت الحكومة مقتل 35 مسلحا. وأسفر القصف عن مقتل 12 مدنيا في ريف إدلب.",
        ];
        let analyses = analyze(&texts);
        let groups = figure_groups(&docs(&texts, &analyses));
        let civilians = groups.iter().find(|g| g.counts == "civilians").expect("civilians group");
        assert_eq!(civilians.event.as_deref(), Some("killed"));
        assert_eq!(civilians.documents, 2);
        assert_eq!(civilians.spread, Some((12.0, 20.0)));
        assert!(civilians.disagrees());
        assert_eq!(civilians.per_document(2), [Some(20.0), Some(12.0)]);
        let first = &civilians.figures[0];
        assert_eq!((first.doc, first.value, first.approximate), (0, 20.0, true));
        assert_eq!(first.qualifier.as_deref(), Some("على الأقل"));
        assert_eq!(first.noun, "مدنيا");
        assert_eq!(first.sentence, texts[0]);
        assert_eq!(civilians.figures[1].sentence, "وأسفر القصف عن مقتل 12 مدنيا في ريف إدلب.");
        // The fighters are counted by one document only: no disagreement there.
        let fighters = groups.iter().find(|g| g.counts == "fighters").expect("fighters group");
        assert_eq!(fighters.documents, 1);
        assert!(!fighters.disagrees());
        // Disagreements come first.
        assert!(groups[0].disagrees());
    }

    #[test]
    fn documents_that_agree_have_no_spread() {
        let texts = ["قتل 7 جنود في الهجوم.", "وقتل 7 جنود في هجوم على الحاجز."];
        let analyses = analyze(&texts);
        let groups = figure_groups(&docs(&texts, &analyses));
        assert_eq!(groups.len(), 1, "{groups:#?}");
        assert_eq!(groups[0].counts, "soldiers");
        assert_eq!(groups[0].documents, 2);
        assert_eq!(groups[0].spread, None);
    }

    #[test]
    fn people_with_an_event_group_with_the_event() {
        assert_eq!(group_key("people", Some("killed")), ("killed".to_owned(), Some("killed".to_owned())));
        assert_eq!(group_key("killed", None), ("killed".to_owned(), Some("killed".to_owned())));
        assert_eq!(group_key("civilians", Some("killed")), ("civilians".to_owned(), Some("killed".to_owned())));
        assert_eq!(group_key("refugees", None), ("refugees".to_owned(), None));
        assert_eq!(count_name("civilians"), "مدنيون");
    }
}

//! Who said what, across documents.

use super::CorpusDoc;
use crate::analysis::QuoteKind;

/// One quote of one document with its speaker: a row of [`quotes`].
///
/// ```
/// use kashif_core::corpus::{quotes, CorpusDoc};
///
/// let analyzer = kashif_core::Analyzer::new();
/// let (a, b) = ("قال بوتين إن روسيا مستعدة للحوار.", "وقال المتحدث باسم الكرملين ديمتري بيسكوف: «لن نقبل بذلك».");
/// let analyses = [analyzer.analyze(a), analyzer.analyze(b)];
/// let rows = quotes(&[CorpusDoc::new("a", a, &analyses[0]), CorpusDoc::new("b", b, &analyses[1])]);
/// // By speaker's display name: دميتري بيسكوف before فلاديمير بوتين.
/// let row = &rows[0];
/// assert_eq!((row.speaker.as_deref(), row.doc), (Some("per:dmitry-peskov"), 1));
/// assert_eq!((row.verb.as_str(), row.text.as_str()), ("وقال", "لن نقبل بذلك"));
/// assert_eq!((row.start, row.end), (43, 55));
/// assert_eq!(rows[1].speaker_name.as_deref(), Some("فلاديمير بوتين"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRow {
    /// The speaker's entity id, when the text names one.
    pub speaker: Option<String>,
    /// The speaker's display name, when the text names one.
    pub speaker_name: Option<String>,
    /// The speech verb as written.
    pub verb: String,
    /// The quoted content as written.
    pub text: String,
    /// The index of the document.
    pub doc: usize,
    /// `direct` or `indirect`.
    pub kind: QuoteKind,
    /// First char of the content.
    pub start: usize,
    /// One past the last char of the content.
    pub end: usize,
}

/// Every quote of the documents, grouped by speaker: named speakers by display name (then id),
/// the quotes nobody is named for last; within a speaker, by document then in text order.
///
/// ```
/// use kashif_core::corpus::{quotes, CorpusDoc};
///
/// let analyzer = kashif_core::Analyzer::new();
/// let text = "وقال سيرغي لافروف إن الحل في سوريا سياسي.";
/// let analysis = analyzer.analyze(text);
/// let rows = quotes(&[CorpusDoc::new("a", text, &analysis)]);
/// assert_eq!(rows[0].speaker_name.as_deref(), Some("سيرغي لافروف"));
/// assert_eq!(rows[0].text, "الحل في سوريا سياسي");
/// assert_eq!(rows[0].kind, kashif_core::QuoteKind::Indirect);
/// ```
pub fn quotes(docs: &[CorpusDoc<'_>]) -> Vec<QuoteRow> {
    let mut rows: Vec<QuoteRow> = docs
        .iter()
        .enumerate()
        .flat_map(|(doc, d)| {
            d.analysis.quotes.iter().map(move |q| QuoteRow {
                speaker: q.speaker.clone(),
                speaker_name: q.speaker_name.clone(),
                verb: q.verb.clone(),
                text: q.text.clone(),
                doc,
                kind: q.kind,
                start: q.start,
                end: q.end,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        // `None` sorts before `Some`: compare "is unnamed" first so named speakers come first.
        (a.speaker_name.is_none(), &a.speaker_name, &a.speaker, a.doc, a.start).cmp(&(
            b.speaker_name.is_none(),
            &b.speaker_name,
            &b.speaker,
            b.doc,
            b.start,
        ))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::test_support::{analyze, docs};

    #[test]
    fn quotes_with_and_without_a_speaker() {
        let texts = [
            "وقال رائد الصالح مدير الدفاع المدني: «الشهداء بينهم أطفال». وقالت مصادر محلية إن القصف توقف.",
            "وقالت وكالة سانا إن الجيش تصدى للهجوم.",
        ];
        let analyses = analyze(&texts);
        let rows = quotes(&docs(&texts, &analyses));
        let saleh =
            rows.iter().find(|r| r.speaker.as_deref() == Some("per:raed-al-saleh")).expect("a quote of al-Saleh");
        assert_eq!(saleh.text, "الشهداء بينهم أطفال");
        assert_eq!(saleh.kind, QuoteKind::Direct);
        assert_eq!(saleh.doc, 0);
        let sana = rows.iter().find(|r| r.speaker.as_deref() == Some("org:sana")).expect("a quote of SANA");
        assert_eq!(sana.doc, 1);
        assert_eq!(sana.kind, QuoteKind::Indirect);
        assert_eq!(sana.text, "الجيش تصدى للهجوم");
        let unnamed: Vec<&QuoteRow> = rows.iter().filter(|r| r.speaker.is_none()).collect();
        assert_eq!(unnamed.len(), 1, "{rows:#?}");
        assert_eq!(unnamed[0].text, "القصف توقف");
        // Named speakers first, sorted by name; the unnamed last.
        assert!(rows.last().unwrap().speaker.is_none());
        let names: Vec<&str> = rows.iter().filter_map(|r| r.speaker_name.as_deref()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }

    #[test]
    fn one_speaker_in_two_documents_is_grouped_under_one_id() {
        let texts = ["وقال يوهان فادفول إن الحل سياسي.", "وقال يوهان فادفوول إن الحوار ضروري."];
        let analyses = analyze(&texts);
        let rows = quotes(&docs(&texts, &analyses));
        assert_eq!(rows.len(), 2, "{rows:#?}");
        assert!(rows[0].speaker.is_some());
        assert_eq!(rows[0].speaker, rows[1].speaker, "{rows:#?}");
        assert_eq!(rows[0].speaker_name, rows[1].speaker_name);
        assert_eq!((rows[0].doc, rows[1].doc), (0, 1));
    }
}

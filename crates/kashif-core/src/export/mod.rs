//! Writing analyses out, one file per format: JSON, JSON Lines and CSV of the mentions; CoNLL
//! (BIO tags per token); brat standoff; CSV of the figures; a self-contained HTML report.
//!
//! Every format carries the same fields per mention: label, surface text, start and end (chars
//! into the original text, end exclusive), canonical name and entity id, under the name of the
//! document they come from. The formats that show the text itself (CoNLL, brat, the figures'
//! sentences, the report) need it: give it with [`NamedAnalysis::with_text`].
//!
//! This is the end of the flow: the analyses come from [`Analyzer::analyze`](crate::Analyzer::analyze)
//! (linked across documents with [`link_corpus`](crate::link::link_corpus) when there are
//! several), and every format returns a `String` (JSON also writes to any `Write`), so the
//! command line writes files and the page offers downloads from the same code.
//!
//! ```
//! use kashif_core::export::{to_csv, to_json, NamedAnalysis};
//!
//! let text = "وصل لافروف إلى أنقرة";
//! let analysis = kashif_core::Analyzer::new().analyze(text);
//! let documents = [NamedAnalysis::with_text("a.txt", text, &analysis)];
//! let json: serde_json::Value = serde_json::from_str(&to_json(&documents)).unwrap();
//! assert_eq!(json[0]["entities"][1]["text"], "أنقرة");
//! let csv = to_csv(&documents);
//! assert_eq!(csv.lines().count(), 3, "a header and one line per mention");
//! ```

mod brat;
mod conll;
mod csv;
mod figures_csv;
mod html;
mod json;

pub use self::brat::to_brat;
pub use self::conll::to_conll;
pub use self::csv::to_csv;
pub(crate) use self::csv::{push_row, text_field};
pub use self::figures_csv::figures_to_csv;
pub use self::html::to_html_report;
pub use self::json::{to_json, to_jsonl, write_json, write_jsonl};

use serde::Serialize;

use crate::analysis::{Analysis, Figure, Mention, Quote};
use crate::ingest::Byline;

/// One analyzed document with the name it is known by (a file name, or `stdin`): what every
/// exporter takes. It borrows the analysis, so naming documents copies nothing.
///
/// ```
/// use kashif_core::export::{to_jsonl, NamedAnalysis};
///
/// let analysis = kashif_core::Analyzer::new().analyze("قصفت الطائرات مدينة إدلب");
/// let named = NamedAnalysis::new("idlib.txt", &analysis);
/// assert_eq!((named.name, named.entities.len(), named.text), ("idlib.txt", 1, None));
/// let line: serde_json::Value = serde_json::from_str(&to_jsonl(&[named])).unwrap();
/// assert_eq!(line["name"], "idlib.txt");
/// assert_eq!(line["entities"][0]["canonical"], "إدلب");
/// ```
#[derive(Debug, Clone, Copy, Serialize)]
pub struct NamedAnalysis<'a> {
    /// The document's name.
    pub name: &'a str,
    /// Its headline, outlet and date where it gives them (see [`crate::corpus::byline`]);
    /// serialized only when it knows one of them.
    #[serde(skip_serializing_if = "byline_unknown")]
    pub byline: Option<&'a Byline>,
    /// Its mentions, in text order.
    pub entities: &'a [Mention],
    /// Its counted figures, in text order.
    pub figures: &'a [Figure],
    /// Its quotes with their speakers, in text order.
    pub quotes: &'a [Quote],
    /// The text that was analyzed, when the format needs it (never serialized).
    #[serde(skip)]
    pub text: Option<&'a str>,
}

impl<'a> NamedAnalysis<'a> {
    /// Pairs a name with an analysis.
    ///
    /// ```
    /// let analysis = kashif_core::Analyzer::new().analyze("حلب");
    /// let named = kashif_core::export::NamedAnalysis::new("a.txt", &analysis);
    /// assert_eq!(named.entities.len(), 1);
    /// ```
    pub fn new(name: &'a str, analysis: &'a Analysis) -> Self {
        NamedAnalysis {
            name,
            byline: None,
            entities: &analysis.entities,
            figures: &analysis.figures,
            quotes: &analysis.quotes,
            text: None,
        }
    }

    /// Pairs a name with an analysis and the text it was made from, for the formats that show
    /// the text (CoNLL, the figures' CSV, the HTML report).
    ///
    /// ```
    /// let text = "وصل لافروف";
    /// let analysis = kashif_core::Analyzer::new().analyze(text);
    /// let named = kashif_core::export::NamedAnalysis::with_text("a.txt", text, &analysis);
    /// assert_eq!(named.text, Some(text));
    /// assert!(!kashif_core::export::to_json(&[named]).contains("\"text\": \"وصل"));
    /// ```
    pub fn with_text(name: &'a str, text: &'a str, analysis: &'a Analysis) -> Self {
        NamedAnalysis { text: Some(text), ..NamedAnalysis::new(name, analysis) }
    }

    /// The same, with the document's headline, outlet and date.
    ///
    /// ```
    /// let analysis = kashif_core::Analyzer::new().analyze("حلب");
    /// let byline = kashif_core::ingest::Byline { outlet: Some("رويترز".into()), ..Default::default() };
    /// let named = kashif_core::export::NamedAnalysis::new("a.txt", &analysis).with_byline(&byline);
    /// assert!(kashif_core::export::to_json(&[named]).contains("\"outlet\": \"رويترز\""));
    /// ```
    pub fn with_byline(self, byline: &'a Byline) -> Self {
        NamedAnalysis { byline: Some(byline), ..self }
    }
}

/// Whether a document's byline is absent or knows nothing (then it is not written).
fn byline_unknown(byline: &Option<&Byline>) -> bool {
    byline.is_none_or(|b| b.is_empty())
}

/// A mention for the exporters' tests: its own text as display name and id, no title.
#[cfg(test)]
pub(crate) fn test_mention(label: crate::Label, text: &str, start: usize, end: usize) -> Mention {
    Mention {
        label,
        text: text.to_owned(),
        start,
        end,
        canonical: text.to_owned(),
        id: text.to_owned(),
        title: None,
        confidence: 1.0,
        source: String::new(),
    }
}

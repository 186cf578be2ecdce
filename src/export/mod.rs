//! Writing analyses out: JSON, JSON Lines and CSV, one file per format.
//!
//! Every format carries the same fields per mention: label, surface text, start and end (chars
//! into the original text, end exclusive), canonical name and entity id, under the name of the
//! document they come from.

mod csv;
mod json;

pub use self::csv::to_csv;
pub use self::json::{to_json, to_jsonl};

use serde::Serialize;

use crate::analysis::{Analysis, Figure, Mention, Quote};

/// One analyzed document with the name it is known by (a file name, or `stdin`).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct NamedAnalysis<'a> {
    /// The document's name.
    pub name: &'a str,
    /// Its mentions, in text order.
    pub entities: &'a [Mention],
    /// Its counted figures, in text order.
    pub figures: &'a [Figure],
    /// Its quotes with their speakers, in text order.
    pub quotes: &'a [Quote],
}

impl<'a> NamedAnalysis<'a> {
    /// Pairs a name with an analysis.
    ///
    /// ```
    /// let analysis = kashif::Analyzer::new().analyze("حلب");
    /// let named = kashif::export::NamedAnalysis::new("a.txt", &analysis);
    /// assert_eq!(named.entities.len(), 1);
    /// ```
    pub fn new(name: &'a str, analysis: &'a Analysis) -> Self {
        NamedAnalysis { name, entities: &analysis.entities, figures: &analysis.figures, quotes: &analysis.quotes }
    }
}

//! The analyzer: built once, reused for every document.

use crate::analysis::{Analysis, Label, Mention};
use crate::extract::{self, lexicon::Lexicon, select_non_overlapping, Words};
use crate::link::{link_document, rule_entity};
use crate::text::normalize::Folded;
use crate::text::tokenize::tokenize;

/// Finds entities in Arabic text. Build it once and reuse it: building decodes the lexicon.
///
/// ```
/// let analyzer = kashif::Analyzer::new();
/// let analysis = analyzer.analyze("قصفت الطائرات مدينة إدلب");
/// assert!(analysis.entities.iter().any(|m| m.text == "إدلب"));
/// ```
pub struct Analyzer {
    lexicon: Lexicon,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    /// Builds the analyzer from the lexicon embedded in the binary.
    pub fn new() -> Self {
        // The embedded lexicon is checked by the test suite; a broken one is a build defect.
        let lexicon = Lexicon::parse(extract::lexicon::EMBEDDED)
            .unwrap_or_else(|error| panic!("embedded lexicon, line {}: {}", error.line, error.message));
        Analyzer { lexicon }
    }

    /// How many entities the embedded lexicon knows.
    ///
    /// ```
    /// assert!(kashif::Analyzer::new().lexicon_size() > 1000);
    /// ```
    pub fn lexicon_size(&self) -> usize {
        self.lexicon.len()
    }

    /// Analyzes one document. Never panics; empty text gives an empty analysis.
    ///
    /// Mentions come in text order and never overlap; where a lexicon name and a date or number
    /// overlap, the longer one wins, and the lexicon at equal length.
    ///
    /// ```
    /// use kashif::Label;
    /// let analyzer = kashif::Analyzer::new();
    /// let analysis = analyzer.analyze("نزح ٢٠٠ ألف شخص من إدلب في 15 آذار/مارس 2020");
    /// let found: Vec<(Label, &str, &str)> = analysis
    ///     .entities
    ///     .iter()
    ///     .map(|m| (m.label, m.text.as_str(), m.canonical.as_str()))
    ///     .collect();
    /// assert_eq!(found, [
    ///     (Label::Num, "٢٠٠ ألف", "200000"),
    ///     (Label::Loc, "إدلب", "إدلب"),
    ///     (Label::Date, "15 آذار/مارس 2020", "2020-03-15"),
    /// ]);
    /// ```
    pub fn analyze(&self, text: &str) -> Analysis {
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut candidates = self.lexicon.find(&words);
        candidates.extend(extract::dates::find(&words));
        candidates.extend(extract::numbers::find(&words));
        let mut entities: Vec<Mention> = select_non_overlapping(candidates)
            .into_iter()
            .map(|candidate| {
                let folded_start = tokens[candidate.first].start + candidate.prefix;
                let folded_end = tokens[candidate.last - 1].end;
                let (start, end) = folded.original_span(folded_start, folded_end);
                let surface = folded.original_text(start, end);
                let (id, canonical) = match candidate.label {
                    Label::Date | Label::Num => rule_entity(candidate.label, &candidate.canonical, &surface),
                    _ => (candidate.id, candidate.canonical),
                };
                Mention { label: candidate.label, text: surface, start, end, canonical, id, title: None }
            })
            .collect();
        link_document(text, &mut entities);
        let (figures, quotes) = extract::rules::apply(&folded, &words, &mut entities);
        Analysis { entities, figures, quotes }
    }
}

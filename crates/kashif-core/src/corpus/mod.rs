//! Views over several analyzed documents at once: the analyst's workspace.
//!
//! Every function takes the documents as a slice of [`CorpusDoc`] (a name, the text and its
//! [`Analysis`]) whose entities were linked across documents first
//! ([`link_corpus`](crate::link::link_corpus)), so one entity has one id everywhere. Results refer
//! to documents by their index in that slice; offsets count chars into that document's text,
//! like every span of Kashif.
//!
//! - [`byline`]: a document's headline, outlet and date, where its text gives them;
//! - [`entity_table`]: each entity once, with its spellings and its mentions per document;
//! - [`claim_groups`]: each figure read as a claim (what happened, to whom, where, when,
//!   according to whom), the claims about one thing grouped within and across documents, and the
//!   groups where two claims disagree marked;
//! - [`quotes`]: who said what, in which document;
//! - [`framing_table`]: the loaded descriptors (`النظام`، `الإرهابيين`، `الشهداء`…) each
//!   document uses, and for which actor.
//!
//! ```
//! use kashif_core::corpus::{entity_table, CorpusDoc};
//!
//! let analyzer = kashif_core::Analyzer::new();
//! let texts = ["وصل بوتين إلى أنقرة", "التقى فلاديمير بوتين نظيره التركي"];
//! let mut analyses: Vec<_> = texts.iter().map(|t| analyzer.analyze(t)).collect();
//! kashif_core::link::link_corpus(&mut analyses);
//! let docs: Vec<CorpusDoc> =
//!     texts.iter().zip(&analyses).map(|(t, a)| CorpusDoc::new("خبر", t, a)).collect();
//! let table = entity_table(&docs);
//! let putin = table.iter().find(|row| row.canonical == "فلاديمير بوتين").unwrap();
//! assert_eq!(putin.total, 2);
//! assert_eq!(putin.spellings, ["بوتين", "فلاديمير بوتين"]);
//! ```

pub(crate) mod claims;
pub(crate) mod dateline;
mod entity_table;
mod framing;
mod quote_table;

pub use self::dateline::byline;
pub use self::claims::{claim_groups, claims_to_csv, Claim, ClaimGroup};
pub use self::entity_table::{entity_table, DocMentions, EntityRow};
pub use self::framing::{
    builtin_descriptors, document_framing, framing_table, known_descriptor, Actor, FramingHit, FramingRow, FramingTable,
};
pub use crate::word_tables::descriptors::{descriptors_to_tsv, parse_descriptors, Category, Descriptor, DescriptorError};
pub use self::quote_table::{quotes, QuoteRow};

use crate::analysis::Analysis;

/// One document of a corpus: its name, its text and its analysis.
///
/// ```
/// let analysis = kashif_core::Analyzer::new().analyze("حلب");
/// let doc = kashif_core::corpus::CorpusDoc::new("a.txt", "حلب", &analysis);
/// assert_eq!(doc.name, "a.txt");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct CorpusDoc<'a> {
    /// The document's name (a file name).
    pub name: &'a str,
    /// The text that was analyzed (figures show their sentence from it; framing reads it).
    pub text: &'a str,
    /// The analysis of `text`, linked across the corpus.
    pub analysis: &'a Analysis,
    /// Its headline, outlet and date, when known ([`byline`]): a claim no one in the text makes
    /// is the outlet's, and a claim without a date of its own is dated by the article.
    pub byline: Option<&'a crate::ingest::Byline>,
}

impl<'a> CorpusDoc<'a> {
    /// Pairs a name and a text with its analysis, without a byline.
    ///
    /// ```
    /// let text = "قصفت الطائرات مدينة إدلب";
    /// let analysis = kashif_core::Analyzer::new().analyze(text);
    /// let doc = kashif_core::corpus::CorpusDoc::new("idlib.txt", text, &analysis);
    /// assert_eq!((doc.name, doc.text), ("idlib.txt", text));
    /// assert_eq!(doc.analysis.entities[0].text, "إدلب");
    /// assert!(doc.byline.is_none());
    /// ```
    pub fn new(name: &'a str, text: &'a str, analysis: &'a Analysis) -> Self {
        CorpusDoc { name, text, analysis, byline: None }
    }

    /// The same document with its headline, outlet and date.
    ///
    /// ```
    /// let analysis = kashif_core::Analyzer::new().analyze("حلب");
    /// let byline = kashif_core::ingest::Byline { outlet: Some("رويترز".into()), ..Default::default() };
    /// let doc = kashif_core::corpus::CorpusDoc::new("a.txt", "حلب", &analysis).with_byline(&byline);
    /// assert_eq!(doc.byline.unwrap().outlet.as_deref(), Some("رويترز"));
    /// ```
    pub fn with_byline(self, byline: &'a crate::ingest::Byline) -> Self {
        CorpusDoc { byline: Some(byline), ..self }
    }

    /// Who publishes it: its outlet when known, else its name.
    pub(crate) fn outlet(&self) -> &'a str {
        self.byline.and_then(|b| b.outlet.as_deref()).unwrap_or(self.name)
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::CorpusDoc;
    use crate::analysis::Analysis;

    /// Analyzes and links `texts` with the shared analyzer.
    pub(crate) fn analyze(texts: &[&str]) -> Vec<Analysis> {
        let analyzer = crate::analyzer::shared_for_tests();
        let mut analyses: Vec<Analysis> = texts.iter().map(|t| analyzer.analyze(t)).collect();
        crate::link::link_corpus(&mut analyses);
        analyses
    }

    /// Names the documents `a`, `b`, `c`…
    pub(crate) fn docs<'a>(texts: &[&'a str], analyses: &'a [Analysis]) -> Vec<CorpusDoc<'a>> {
        const NAMES: [&str; 4] = ["a", "b", "c", "d"];
        texts.iter().zip(analyses).enumerate().map(|(i, (t, a))| CorpusDoc::new(NAMES[i], t, a)).collect()
    }
}

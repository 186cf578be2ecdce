//! Kashif (كاشف): finds the people, organizations, places, dates and figures of Arabic news text.
//!
//! The core is plain Rust with no I/O: build one [`Analyzer`] (it decodes the embedded lexicon
//! once) and call [`Analyzer::analyze`] for every document. Every span counts Unicode scalar
//! values into the text exactly as it was given; normalization is used for matching only.
//!
//! ```
//! use kashif_core::{Analyzer, Label};
//!
//! let analyzer = Analyzer::new();
//! let text = "وصل سيرغي لافروف إلى أنقرة";
//! let analysis = analyzer.analyze(text);
//! let lavrov = &analysis.entities[0];
//! assert_eq!(lavrov.label, Label::Per);
//! assert_eq!(lavrov.text, "سيرغي لافروف");
//! let chars: Vec<char> = text.chars().collect();
//! assert_eq!(chars[lavrov.start..lavrov.end].iter().collect::<String>(), lavrov.text);
//! ```

#![deny(missing_docs)]
// `pub` is the public API only: an item of a crate-private module says `pub(crate)`.
#![deny(unreachable_pub)]

mod analysis;
mod analyzer;
mod calibration;
mod codec;
mod embedded;
pub mod conll;
pub mod corpus;
pub mod corrections;
pub mod export;
mod extract;
mod cpu;
mod hash;
pub mod ingest;
pub mod link;
pub mod parallel;
mod prefetch;
mod resources;
#[cfg(test)]
mod random_texts;
mod word_key;
mod word_tables;
pub mod text;
mod tsv;

pub use analysis::{Analysis, Counted, EntitySummary, Event, Figure, Label, Mention, Quote, QuoteKind};
pub use analyzer::Analyzer;
pub use extract::tagger::ModelError;
/// Training the statistical tagger and the word clusters (the `train` feature, which
/// `kashif-train` turns on; the page and the default build leave it out).
///
/// Training stands outside the flow of a text: it makes the files the analyzer embeds, the
/// model `data/tagger.bin` (from CoNLL corpora read with [`crate::conll::parse`]) and the clusters
/// `data/clusters.tsv` (from plain text), which `kashif train` and `kashif clusters` write.
///
/// ```
/// use kashif_core::tagger::{train_model, TrainOptions};
///
/// let corpus = "زار O\nبوتين B-PER\nدمشق B-LOC\n\n".repeat(4);
/// let model = train_model(&kashif_core::conll::parse(&corpus), &TrainOptions::default(), |_, _| {});
/// assert!(kashif_core::Analyzer::with_model(&model).is_ok());
/// ```
#[cfg(feature = "train")]
pub mod tagger {
    pub use crate::extract::tagger::clusters::{text_sentences, train_clusters, ClusterOptions};
    pub use crate::extract::tagger::{train_model, ModelError, TrainOptions};
}

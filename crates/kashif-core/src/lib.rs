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
mod hash;
pub mod ingest;
pub mod link;
pub mod parallel;
mod resources;
pub mod text;
mod tsv;

pub use analysis::{Analysis, EntitySummary, Figure, Label, Mention, Quote};
pub use analyzer::Analyzer;
/// Training the statistical tagger and the word clusters (the `train` feature, which
/// `kashif-train` turns on; the page and the default build leave it out).
#[cfg(feature = "train")]
pub mod tagger {
    pub use crate::extract::tagger::clusters::{text_sentences, train_clusters, ClusterOptions};
    pub use crate::extract::tagger::{train_model, ModelError, TrainOptions};
}

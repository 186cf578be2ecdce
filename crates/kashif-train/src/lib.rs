//! Kashif's evaluation and training, natively: conlleval-style scores of the analyzer on CoNLL
//! corpora ([`eval`]), and the statistical tagger's and the word clusters' training ([`train`];
//! the algorithms live in `kashif-core` behind its `train` feature, as they need the model's
//! internals, and this crate turns it on). What `kashif eval`, `kashif train` and
//! `kashif clusters` run.
//!
//! ```
//! use kashif_core::conll::parse;
//! use kashif_train::eval::Scores;
//! let gold = parse("زار O\nبوتين B-PER\nموسكو B-LOC\n");
//! let mut scores = Scores::default();
//! scores.add(&gold[0].tags, &gold[0].tags);
//! assert_eq!(scores.micro().f1(), 1.0);
//! ```

#![deny(missing_docs)]

pub mod eval;

pub mod train;

//! Training the tagger ([`train_model`], what `data/tagger.bin` holds) and the word clusters
//! ([`train_clusters`], what `data/clusters.tsv` holds), and cross-validating the tagger.

pub use kashif_core::tagger::{text_sentences, train_clusters, train_model, ClusterOptions, ModelError, TrainOptions};

use kashif_core::conll::Sentence;
use kashif_core::Analyzer;

use crate::eval::{score_sentences, Scores};

/// N-fold cross-validation over `first` (contiguous folds; `extra` always trains): a model is
/// trained without each fold and scored on it, `window` sentences analyzed at a time.
/// `each_fold(fold, its scores)` is called as each fold is done; the scores summed over the
/// folds are returned.
pub fn cross_validate(
    first: &[Sentence],
    extra: &[Sentence],
    folds: usize,
    options: &TrainOptions,
    window: usize,
    mut each_fold: impl FnMut(usize, &Scores),
) -> Result<Scores, ModelError> {
    let mut total = Scores::default();
    for fold in 0..folds {
        let start = first.len() * fold / folds;
        let end = first.len() * (fold + 1) / folds;
        let train: Vec<Sentence> = first[..start].iter().chain(&first[end..]).chain(extra).cloned().collect();
        let analyzer = Analyzer::with_model(&train_model(&train, options, |_, _| {}))?;
        let scores = score_sentences(&analyzer, &first[start..end], &[], window, |_, _| {});
        each_fold(fold, &scores);
        total.merge(&scores);
    }
    Ok(total)
}

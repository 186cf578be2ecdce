//! The analyzer: built once, reused for every document.

use std::sync::Arc;

use crate::analysis::{Analysis, Label, Mention};
use crate::calibration;
use crate::extract::tagger::rules::{self, RuleSet};
use crate::extract::tagger::ModelError;
use crate::extract::{self, select_non_overlapping, Candidate, Words};
use crate::link::{link_corpus, link_document, resolve, rule_entity, unknown_entity};
use crate::resources::Resources;
use crate::text::normalize::Folded;
use crate::text::parts::{parts, PART_CHARS};
use crate::text::tokenize::tokenize;

/// Finds entities in Arabic text. Reuse it: the first analyzer of a program decodes the
/// embedded data (the lexicon, the tagger's model and lists), and every later
/// [`Analyzer::new`] shares it.
///
/// ```
/// let analyzer = kashif_core::Analyzer::new();
/// let analysis = analyzer.analyze("قصفت الطائرات مدينة إدلب");
/// assert!(analysis.entities.iter().any(|m| m.text == "إدلب"));
/// ```
pub struct Analyzer {
    resources: Arc<Resources>,
    steps: RuleSet,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    /// The analyzer of the data embedded in the binary, every step on. The first call decodes
    /// the data (it takes a moment); later ones share it.
    ///
    /// ```
    /// let analyzer = kashif_core::Analyzer::new();
    /// let first = analyzer.analyze("وصل أردوغان إلى موسكو");
    /// assert_eq!(first.entities.len(), 2);
    /// // The same analyzer, the same text: the same analysis.
    /// assert_eq!(analyzer.analyze("وصل أردوغان إلى موسكو"), first);
    /// ```
    pub fn new() -> Self {
        Analyzer { resources: Arc::clone(Resources::embedded()), steps: RuleSet::default() }
    }

    /// Builds the analyzer with another tagger model (the bytes `kashif train` writes), to
    /// evaluate a model before it is embedded. It decodes the embedded data anew, for itself.
    /// Bytes that are no model are a [`ModelError`].
    ///
    /// ```
    /// use kashif_core::Analyzer;
    /// let model = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/tagger.bin")).unwrap();
    /// let analyzer = Analyzer::with_model(&model).unwrap();
    /// let text = "وصل أردوغان إلى موسكو";
    /// assert_eq!(analyzer.analyze(text), Analyzer::new().analyze(text));
    /// assert!(Analyzer::with_model(b"not a model").is_err());
    /// ```
    pub fn with_model(model: &[u8]) -> Result<Self, ModelError> {
        Ok(Analyzer { resources: Arc::new(Resources::with_model(model)?), steps: RuleSet::default() })
    }

    /// The same analyzer with the named rule-stage steps switched off (see [`Analyzer::rules`]),
    /// for ablations: `kashif eval --without spread-names`. An unknown name is an error that
    /// lists the known ones.
    ///
    /// ```
    /// let analyzer = kashif_core::Analyzer::new().without_rules(&["spread-names"]).unwrap();
    /// assert!(kashif_core::Analyzer::new().without_rules(&["no-such-rule"]).is_err());
    /// # drop(analyzer);
    /// ```
    pub fn without_rules<S: AsRef<str>>(self, names: &[S]) -> Result<Self, String> {
        Ok(Analyzer { steps: RuleSet::without(names)?, ..self })
    }

    /// The switchable steps of the rule stage, in the order they run, with what each does.
    ///
    /// ```
    /// assert!(kashif_core::Analyzer::rules().any(|(name, _)| name == "spread-names"));
    /// ```
    pub fn rules() -> impl Iterator<Item = (&'static str, &'static str)> {
        rules::steps()
    }

    /// For the benchmark: tokenizes `text` once, then runs the tagger alone (features, scores,
    /// Viterbi) `runs` times, and returns the token count and the fastest run.
    #[doc(hidden)]
    pub fn time_tagger(&self, text: &str, runs: usize) -> (usize, std::time::Duration) {
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let lexicon = self.resources.lexicon.find(&words);
        let fastest = (0..runs)
            .map(|_| {
                let start = std::time::Instant::now();
                std::hint::black_box(self.resources.tagger.spans(&words, &lexicon));
                start.elapsed()
            })
            .min()
            .unwrap_or_default();
        (tokens.len(), fastest)
    }

    /// How many entities the embedded lexicon knows.
    ///
    /// ```
    /// assert!(kashif_core::Analyzer::new().lexicon_size() > 1000);
    /// ```
    pub fn lexicon_size(&self) -> usize {
        self.resources.lexicon.len()
    }

    /// Analyzes one document. Never panics; empty text gives an empty analysis.
    ///
    /// Mentions come in text order and never overlap; where a lexicon name and a date or number
    /// overlap, the longer one wins, and the lexicon at equal length.
    ///
    /// ```
    /// use kashif_core::Label;
    /// let analyzer = kashif_core::Analyzer::new();
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
    ///
    /// A text of more than 100,000 chars is analyzed in parts cut at paragraph breaks (see
    /// `text::parts`), so that memory grows with the part and not with the text; the entities
    /// of the parts are then linked as those of one corpus are (`link::link_corpus`).
    pub fn analyze(&self, text: &str) -> Analysis {
        let parts = parts(text, PART_CHARS);
        if parts.len() == 1 {
            return self.analyze_part(text);
        }
        let mut analyses: Vec<Analysis> = parts.iter().map(|part| self.analyze_part(&text[part.bytes.clone()])).collect();
        link_corpus(&mut analyses);
        let offsets: Vec<usize> = parts.iter().map(|part| part.first_char).collect();
        Analysis::join(analyses, &offsets)
    }

    /// Analyzes one part of a text, in which it reads all the context it has.
    fn analyze_part(&self, text: &str) -> Analysis {
        let resources = &*self.resources;
        let (tagger, lexicon, tables) = (&resources.tagger, &resources.lexicon, resources.tables);
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        // The tagger's spans and the lexicon's matches, merged (see `Tagger::merge`), and the
        // tagger's reading of the text, from which each name gets its confidence.
        let (merged, decoded) = tagger.merge(&words, lexicon, tables, &self.steps);
        let mut belief = decoded.confidence();
        let calibrated = self.steps.on(calibration::STEP);
        let mut candidates: Vec<Candidate> = merged.into_iter().map(|(candidate, _)| candidate).collect();
        candidates.extend(extract::dates::find(tables, &words));
        candidates.extend(extract::numbers::find(&tables.numbers, &words));
        let mut entities: Vec<Mention> = select_non_overlapping(candidates)
            .into_iter()
            .map(|candidate| {
                let folded_start = tokens[candidate.first].start + candidate.prefix;
                let folded_end = tokens[candidate.last - 1].end;
                let (start, end) = folded.original_span(folded_start, folded_end);
                let surface = folded.original_text(start, end);
                let (id, canonical) = match candidate.label {
                    Label::Date | Label::Num => rule_entity(candidate.label, &candidate.canonical, &surface),
                    // A tagger span no lexicon entry covers: an id from its name key, which
                    // `link_document` below (and `link::link_corpus` across documents) may merge.
                    // A name the matcher did not see as a whole may still be one the lexicon
                    // knows in another form (`link::resolve`).
                    _ if candidate.id.is_empty() => {
                        resolve(lexicon, tables, &|word| tagger.frequency(word), &words, &candidate)
                            .unwrap_or_else(|| unknown_entity(tables.heads, candidate.label, &surface))
                    }
                    _ => (candidate.id, candidate.canonical),
                };
                let source = candidate.source.describe();
                // Rules found dates and numbers: 1. A name: the tagger's belief in it (whatever
                // found it), calibrated for its source (`crate::calibration`).
                let confidence = match candidate.label {
                    Label::Date | Label::Num => 1.0,
                    label => {
                        let log_odds = belief.log_odds(candidate.first, candidate.last, label);
                        if calibrated {
                            resources.calibration.confidence(&source, log_odds)
                        } else {
                            calibration::raw(log_odds)
                        }
                    }
                };
                Mention { label: candidate.label, text: surface, start, end, canonical, id, title: None, confidence, source }
            })
            .collect();
        link_document(tables.demonyms, text, &mut entities);
        let (figures, quotes) = extract::rules::apply(&folded, &words, &mut entities, resources.tables, resources.tagger.lists());
        Analysis { entities, figures, quotes }
    }
}

/// The analyzer of the unit tests: all of them share its data ([`Analyzer::new`]).
#[cfg(test)]
pub(crate) fn shared_for_tests() -> Analyzer {
    Analyzer::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chars `start..end` of `text`.
    fn chars(text: &str, start: usize, end: usize) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn a_long_text_is_analyzed_in_parts_with_spans_into_the_whole_and_one_id_per_entity() {
        let paragraph = "قال وزير الخارجية الروسي سيرغي لافروف إن «القصف على إدلب مستمر» وإن 200 مدني نزحوا.\n\n";
        let filler = "وتواصلت الاشتباكات في المنطقة طوال اليوم دون توقف. ".repeat(40) + "\n\n";
        let mut text = String::new();
        while text.chars().count() < 3 * PART_CHARS {
            text.push_str(paragraph);
            text.push_str(&filler);
        }
        assert!(parts(&text, PART_CHARS).len() >= 3);
        let analysis = shared_for_tests().analyze(&text);
        for mention in &analysis.entities {
            assert_eq!(chars(&text, mention.start, mention.end), mention.text);
        }
        for quote in &analysis.quotes {
            assert_eq!(chars(&text, quote.start, quote.end), quote.text);
        }
        assert!(analysis.entities.windows(2).all(|pair| pair[0].end <= pair[1].start));
        let lavrov: Vec<&Mention> = analysis.entities.iter().filter(|m| m.text == "سيرغي لافروف").collect();
        let last = lavrov.last().expect("Lavrov found");
        assert!(last.start > 2 * PART_CHARS, "found in the last part too");
        assert!(lavrov.iter().all(|m| m.id == lavrov[0].id));
        let figures_last = analysis.figures.last().expect("figures found");
        assert!(figures_last.start > 2 * PART_CHARS);
        assert_eq!(chars(&text, figures_last.start, figures_last.start + 3), "200");
    }
}

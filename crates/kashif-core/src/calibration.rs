//! The calibration of the names' confidence (`data/calibration.tsv`, made by
//! `scripts/calibrate.py` from the news dev set): a name at 0.9 should be right about 90% of
//! the time.
//!
//! What is calibrated is the tagger's belief in the name, whatever found it: the mean over its
//! tokens of the log-odds that each is part of a name of its type ([`Confidence::log_odds`],
//! which unlike a probability does not round to 1 in `f32` for the names the tagger is sure
//! of). The calibration maps it, per source of the name (`tagger`, `lexicon`, a rule, and `*`
//! for the others), through a logistic curve fitted on the dev set (Platt scaling: a
//! temperature and a bias):
//! `confidence = 1 / (1 + exp(−(slope · log_odds / LOG_ODDS_SCALE + bias)))`.
//!
//! [`Confidence::log_odds`]: crate::extract::tagger::viterbi::Confidence::log_odds

/// The tagger's log-odds are divided by this before the calibration or the raw score reads them
/// (they run in the hundreds).
pub(crate) const LOG_ODDS_SCALE: f32 = 100.0;

/// The name of the step that calibrates (`--without calibrated-confidence` prints the raw score).
pub(crate) const STEP: &str = "calibrated-confidence";

/// The source whose row applies to any source the file has no row of.
const OTHERS: &str = "*";

/// One logistic curve per source of a name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Calibration {
    /// `(source, slope, bias)`, the `*` row last.
    rows: Vec<(String, f32, f32)>,
}

impl Calibration {
    /// Reads the rows of `data/calibration.tsv`: `source<TAB>slope<TAB>bias`, then columns this
    /// reader skips (how many dev mentions the row was fitted on); `#` lines are comments. A
    /// negative slope, a number that does not parse or a missing `*` row is an error.
    pub(crate) fn parse(tsv: &str) -> Result<Calibration, String> {
        let mut rows = Vec::new();
        for (index, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let number = |at: usize| -> Result<f32, String> {
                let field = fields.get(at).ok_or(format!("line {}: fewer than 3 columns", index + 1))?;
                field
                    .trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .ok_or(format!("line {}: {field:?} is no number", index + 1))
            };
            let (slope, bias) = (number(1)?, number(2)?);
            if slope < 0.0 {
                return Err(format!("line {}: a negative slope would not keep the order of the names", index + 1));
            }
            rows.push((fields[0].trim().to_owned(), slope, bias));
        }
        rows.sort_by_key(|(source, _, _)| source == OTHERS);
        if rows.last().is_none_or(|(source, _, _)| source != OTHERS) {
            return Err(format!("no row for the other sources ({OTHERS})"));
        }
        Ok(Calibration { rows })
    }

    /// The calibrated confidence of a name from `source` (a mention's `source` field) in which
    /// the tagger's belief is `log_odds`: in [0, 1], never lower for a higher `log_odds`.
    pub(crate) fn confidence(&self, source: &str, log_odds: f32) -> f32 {
        let (_, slope, bias) = self.rows.iter().find(|(s, _, _)| s == source || s == OTHERS).expect("a * row");
        logistic(slope * log_odds / LOG_ODDS_SCALE + bias)
    }
}

/// The raw score of a name, before calibration: the logistic of its scaled log-odds (what
/// `scripts/calibrate.py` reads, with the calibration step off).
pub(crate) fn raw(log_odds: f32) -> f32 {
    logistic(log_odds / LOG_ODDS_SCALE)
}

fn logistic(x: f32) -> f32 {
    (1.0 / (1.0 + (-x).exp())).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tagger::viterbi::LOG_ODDS_BOUND;

    #[test]
    fn the_embedded_calibration_is_monotone_and_a_probability() {
        let calibration = Calibration::parse(crate::embedded::CALIBRATION).expect("data/calibration.tsv parses");
        assert!(calibration.rows.len() >= 2, "{calibration:?}");
        let steps: Vec<f32> =
            (-100..=100).map(|i| i as f32 * LOG_ODDS_BOUND / 100.0).chain((-400..=1200).map(|i| i as f32)).collect();
        for (source, _, _) in &calibration.rows {
            let mut previous = 0.0;
            let mut sorted = steps.clone();
            sorted.sort_by(f32::total_cmp);
            for log_odds in sorted {
                let confidence = calibration.confidence(source, log_odds);
                assert!((0.0..=1.0).contains(&confidence), "{source} {log_odds}: {confidence}");
                assert!(confidence >= previous, "{source} {log_odds}: {confidence} < {previous}");
                previous = confidence;
            }
        }
        for log_odds in [-LOG_ODDS_BOUND, -50.0, 0.0, 300.0, LOG_ODDS_BOUND] {
            assert!((0.0..=1.0).contains(&raw(log_odds)));
        }
    }

    #[test]
    fn a_source_without_a_row_takes_the_others_row() {
        let calibration = Calibration::parse("# comment\n*\t0\t0\t10\t5\ntagger\t1\t2\t100\t90\n").unwrap();
        assert_eq!(calibration.confidence("rule:no-such-rule", 300.0), 0.5);
        assert!((calibration.confidence("tagger", 0.0) - logistic(2.0)).abs() < 1e-6);
        assert!(calibration.confidence("tagger", 100.0) > calibration.confidence("tagger", 0.0));
        assert!(Calibration::parse("tagger\t1\t2\n").is_err(), "no * row");
        assert!(Calibration::parse("*\t-1\t0\n").is_err(), "a negative slope");
        assert!(Calibration::parse("*\tx\t0\n").is_err());
    }
}

//! What an analyzer reads: the lexicon, the tagger (its model and its word lists, the first
//! names' genders among them), the calibration and the word tables of the analysis
//! ([`WordTables`], built once in `crate::word_tables` and shared). An `Analyzer` owns an `Arc`
//! of them. `Analyzer::new` takes the embedded ones ([`Resources::embedded`]), built on the first
//! call and shared by every later one, so that a second analyzer (one per command of a program,
//! per test, per task) costs a pointer and no memory; `Analyzer::with_model` builds its own with
//! another model ([`Resources::with_model`]: an `Arc`, not a `&'static`, so that the models a
//! training run evaluates one after another are dropped); `without_rules` keeps the analyzer's
//! `Arc`, as the steps it switches off are the analyzer's own and no table.

use std::sync::{Arc, OnceLock};

use crate::calibration::Calibration;
use crate::embedded;
use crate::extract::lexicon::Lexicon;
use crate::extract::tagger::features::Lists;
use crate::extract::tagger::{ModelError, Tagger};
use crate::word_tables::{tables, WordTables};

/// Every parsed table an analyzer reads (see the module's documentation).
pub(crate) struct Resources {
    pub lexicon: Lexicon,
    pub tagger: Tagger,
    pub calibration: Calibration,
    pub tables: &'static WordTables,
}

impl Resources {
    /// The resources of the embedded data, built on the first call and shared by every later
    /// one. The embedded data is checked by the test suite: a broken file is a build defect.
    pub(crate) fn embedded() -> &'static Arc<Resources> {
        static EMBEDDED: OnceLock<Arc<Resources>> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            let resources = Resources::with_model(&embedded::tagger_model());
            Arc::new(resources.unwrap_or_else(|error| panic!("{error}")))
        })
    }

    /// The resources of the embedded data with another tagger model (the bytes `kashif train`
    /// writes), built anew.
    pub(crate) fn with_model(model: &[u8]) -> Result<Resources, ModelError> {
        let tagger = Tagger::from_bytes(model, Lists::parse_embedded())?;
        let calibration =
            Calibration::parse(embedded::CALIBRATION).unwrap_or_else(|error| panic!("data/calibration.tsv: {error}"));
        Ok(Resources { lexicon: Lexicon::embedded(), tagger, calibration, tables: tables() })
    }
}

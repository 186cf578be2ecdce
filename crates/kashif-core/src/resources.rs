//! The language data of the core, each file parsed once and all of it here: the one place that
//! reads what `crate::embedded` includes.
//!
//! - [`Resources`]: what an analyzer reads: the lexicon, the tagger (its model and its word
//!   lists, the first names' genders among them), the calibration and the [`WordTables`]. An
//!   `Analyzer` owns an `Arc` of them. `Analyzer::new` takes the embedded ones
//!   ([`Resources::embedded`]), built on the first call and shared by every later one, so that a
//!   second analyzer (one per command of a program, per test, per task) costs a pointer and no
//!   memory; `Analyzer::with_model` builds its own with another model
//!   ([`Resources::with_model`]: an `Arc`, not a `&'static`, so that the models a training run
//!   evaluates one after another are dropped); `without_rules` keeps the analyzer's `Arc`, as
//!   the steps it switches off are the analyzer's own and no table.
//! - [`WordTables`]: the word tables of the analysis that need none of the large tables
//!   (nationality adjectives, quote words, name heads, place cues, letters, seats, titles, the
//!   words of figures, numbers, dates and the tagger's rules), built once on first use ([`tables`]) and shared by
//!   every `Resources`. Their nationality adjectives and name heads are the [`NameTables`]
//!   ([`name_tables`]), also read without an analyzer, on the page: by the ids of unknown names
//!   (`link::unknown_entity`, which corrections use) and by the framing view; built apart, so
//!   that the page's wasm holds neither the other tables nor their parsers.
//! - [`CorpusTables`]: the words of the corpus views that no analysis reads (claims, the outlets
//!   of datelines, framing descriptors), built once on first use ([`corpus_tables`]); with them
//!   the vague quantities of figures ([`vague_quantities`]), which the figures of the
//!   [`WordTables`] share. The weekdays are rows of the name heads (`data/name_heads.tsv`),
//!   which the dates of the [`WordTables`] and the claims read too.

use std::sync::{Arc, OnceLock};

use crate::calibration::Calibration;
use crate::corpus::{claims::ClaimWords, dateline::Outlets, Descriptor};
use crate::embedded;
use crate::extract::lexicon::Lexicon;
use crate::extract::tagger::features::Lists;
use crate::extract::tagger::rules::{Heads, Letters, PlaceCues, RuleWords, Seats};
use crate::extract::tagger::{ModelError, Tagger};
use crate::extract::{dates, demonyms, figures, numbers, quotes, titles};

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
        let tagger = Tagger::from_bytes(model, tagger_lists())?;
        let calibration =
            Calibration::parse(embedded::CALIBRATION).unwrap_or_else(|error| panic!("data/calibration.tsv: {error}"));
        Ok(Resources { lexicon: lexicon(), tagger, calibration, tables: tables() })
    }
}

/// The embedded lexicon (`data/lexicon.tsv`).
pub(crate) fn lexicon() -> Lexicon {
    Lexicon::parse(embedded::lexicon())
        .unwrap_or_else(|error| panic!("embedded lexicon, line {}: {}", error.line, error.message))
}

/// The word lists of the tagger's features (`data/person_names.tsv`, `feature_words.tsv`,
/// `wiki_ner.tsv`, `clusters.tsv`, `word_freq.tsv`).
pub(crate) fn tagger_lists() -> Lists {
    let mut lists = Lists::parse(embedded::person_names());
    lists.add_feature_words(embedded::FEATURE_WORDS);
    lists.add_wiki(embedded::wiki_ner());
    lists.add_clusters(embedded::clusters());
    lists.add_frequencies(&embedded::word_freq());
    lists
}

/// The word tables of the analysis that need none of the large tables.
pub(crate) struct WordTables {
    pub demonyms: &'static demonyms::Tables,
    pub quote_words: quotes::Tables,
    pub heads: &'static Heads,
    pub place_cues: PlaceCues,
    pub letters: Letters,
    pub seats: Seats,
    pub titles: titles::Tables,
    pub figures: figures::Tables,
    pub numbers: numbers::NumberWords,
    pub dates: dates::Tables,
    pub rule_words: RuleWords,
}

/// The word tables, built on first use.
pub(crate) fn tables() -> &'static WordTables {
    static TABLES: OnceLock<WordTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let NameTables { demonyms, heads } = name_tables();
        WordTables {
            quote_words: quotes::Tables::parse(embedded::QUOTE_WORDS),
            heads,
            place_cues: PlaceCues::parse(embedded::PLACE_CUES),
            letters: Letters::parse(embedded::LETTER_NAMES),
            seats: Seats::parse(embedded::SEATS),
            titles: titles::Tables::parse(embedded::TITLE_WORDS),
            figures: figures::Tables::parse(embedded::FIGURE_WORDS, demonyms, vague_quantities()),
            numbers: numbers::NumberWords::parse(embedded::NUMBER_WORDS),
            dates: dates::Tables::parse(embedded::DATE_WORDS, heads.weekdays()),
            rule_words: RuleWords::parse(embedded::RULE_WORDS),
            demonyms,
        }
    })
}

/// The tables that linking and corrections read, on the page too: nationality adjectives and
/// name heads. Built apart from the [`WordTables`] so that the page's own wasm, which runs no
/// analyzer, holds neither the other tables nor their parsers.
pub(crate) struct NameTables {
    pub demonyms: demonyms::Tables,
    pub heads: Heads,
}

/// The nationality adjectives and name heads, built on first use.
pub(crate) fn name_tables() -> &'static NameTables {
    static NAMES: OnceLock<NameTables> = OnceLock::new();
    NAMES.get_or_init(|| NameTables {
        demonyms: demonyms::Tables::parse(embedded::DEMONYMS),
        heads: Heads::parse(embedded::NAME_HEADS),
    })
}

/// The vague quantities of figures (`data/vague_quantities.tsv`), built on first use: read by
/// the figures of the analysis and by the claims of the corpus views, on the page too.
pub(crate) fn vague_quantities() -> &'static figures::Vague {
    static VAGUE: OnceLock<figures::Vague> = OnceLock::new();
    VAGUE.get_or_init(|| figures::Vague::parse(embedded::VAGUE_QUANTITIES))
}

/// The words of the corpus views.
pub(crate) struct CorpusTables {
    pub claim_words: ClaimWords,
    pub outlets: Outlets,
    pub descriptors: Vec<Descriptor>,
    pub vague: &'static figures::Vague,
}

/// The words of the corpus views, built on first use.
pub(crate) fn corpus_tables() -> &'static CorpusTables {
    static CORPUS: OnceLock<CorpusTables> = OnceLock::new();
    CORPUS.get_or_init(|| CorpusTables {
        claim_words: ClaimWords::parse(embedded::CLAIM_WORDS, name_tables().heads.weekdays()),
        outlets: Outlets::parse(embedded::OUTLETS),
        descriptors: crate::corpus::parse_descriptors(embedded::DESCRIPTORS)
            .unwrap_or_else(|error| panic!("data/descriptors.tsv, {error}")),
        vague: vague_quantities(),
    })
}


//! Every word list of the analysis and of the corpus views (`data/*.tsv`), each parsed by its own
//! module into its own type, and the three sets of them that are built once on first use and
//! shared: one home for the language data, below the stages that read it.
//!
//! - [`WordTables`] ([`tables`]): the word tables of the analysis that need none of the large
//!   tables (nationality adjectives, quote words, name heads, place cues, letters, seats, titles,
//!   the words of figures, numbers, dates and the tagger's rules). An analyzer's resources
//!   (`crate::resources`) hold them with the lexicon and the tagger.
//! - [`NameTables`] ([`name_tables`]): the nationality adjectives and name heads, also read
//!   without an analyzer, on the page: by the ids of unknown names (`link::unknown_entity`, which
//!   corrections use) and by the framing view; built apart, so that the page's wasm holds neither
//!   the other tables nor their parsers.
//! - [`CorpusTables`] ([`corpus_tables`]): the words of the corpus views that no analysis reads
//!   (claims, the outlets of datelines, framing descriptors); with them the vague quantities of
//!   figures ([`vague_quantities`]), which the figures of the [`WordTables`] share. The weekdays
//!   are rows of the name heads (`data/name_heads.tsv`), which the dates of the [`WordTables`]
//!   and the claims read too.
//!
//! No module here reads a document: each type parses its file and answers for a word; the stages
//! (`crate::extract`, `crate::corpus`) read them against a text.

use std::sync::OnceLock;

use crate::embedded;

pub(crate) mod claim_words;
pub(crate) mod date_words;
pub(crate) mod demonyms;
pub(crate) mod descriptors;
pub(crate) mod figure_words;
pub(crate) mod letters;
pub(crate) mod name_heads;
pub(crate) mod number_words;
pub(crate) mod outlets;
pub(crate) mod place_cues;
pub(crate) mod quote_words;
pub(crate) mod rule_words;
pub(crate) mod seats;
pub(crate) mod title_words;
pub(crate) mod word_map;

use claim_words::ClaimWords;
use date_words::DateWords;
use demonyms::Demonyms;
use descriptors::Descriptor;
use figure_words::{FigureWords, Vague};
use letters::Letters;
use name_heads::Heads;
use number_words::NumberWords;
use outlets::Outlets;
use place_cues::PlaceCues;
use quote_words::QuoteWords;
use rule_words::RuleWords;
use seats::Seats;
use title_words::TitleWords;

/// The word tables of the analysis that need none of the large tables.
pub(crate) struct WordTables {
    pub demonyms: &'static Demonyms,
    pub quote_words: QuoteWords,
    pub heads: &'static Heads,
    pub place_cues: PlaceCues,
    pub letters: Letters,
    pub seats: Seats,
    pub titles: TitleWords,
    pub figures: FigureWords,
    pub numbers: NumberWords,
    pub dates: DateWords,
    pub rule_words: RuleWords,
}

/// The word tables, built on first use.
pub(crate) fn tables() -> &'static WordTables {
    static TABLES: OnceLock<WordTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let NameTables { demonyms, heads } = name_tables();
        WordTables {
            quote_words: QuoteWords::parse(embedded::QUOTE_WORDS),
            heads,
            place_cues: PlaceCues::parse(embedded::PLACE_CUES),
            letters: Letters::parse(embedded::LETTER_NAMES),
            seats: Seats::parse(embedded::SEATS),
            titles: TitleWords::parse(embedded::TITLE_WORDS),
            figures: FigureWords::parse(embedded::FIGURE_WORDS, demonyms, vague_quantities()),
            numbers: NumberWords::parse(embedded::NUMBER_WORDS),
            dates: DateWords::parse(embedded::DATE_WORDS, heads.weekdays()),
            rule_words: RuleWords::parse(embedded::RULE_WORDS),
            demonyms,
        }
    })
}

/// The tables that linking and corrections read, on the page too: nationality adjectives and
/// name heads. Built apart from the [`WordTables`] so that the page's own wasm, which runs no
/// analyzer, holds neither the other tables nor their parsers.
pub(crate) struct NameTables {
    pub demonyms: Demonyms,
    pub heads: Heads,
}

/// The nationality adjectives and name heads, built on first use.
pub(crate) fn name_tables() -> &'static NameTables {
    static NAMES: OnceLock<NameTables> = OnceLock::new();
    NAMES.get_or_init(|| NameTables {
        demonyms: Demonyms::parse(embedded::DEMONYMS),
        heads: Heads::parse(embedded::NAME_HEADS),
    })
}

/// The vague quantities of figures (`data/vague_quantities.tsv`), built on first use: read by
/// the figures of the analysis and by the claims of the corpus views, on the page too.
pub(crate) fn vague_quantities() -> &'static Vague {
    static VAGUE: OnceLock<Vague> = OnceLock::new();
    VAGUE.get_or_init(|| Vague::parse(embedded::VAGUE_QUANTITIES))
}

/// The words of the corpus views.
pub(crate) struct CorpusTables {
    pub claim_words: ClaimWords,
    pub outlets: Outlets,
    pub descriptors: Vec<Descriptor>,
    pub vague: &'static Vague,
}

/// The words of the corpus views, built on first use.
pub(crate) fn corpus_tables() -> &'static CorpusTables {
    static CORPUS: OnceLock<CorpusTables> = OnceLock::new();
    CORPUS.get_or_init(|| CorpusTables {
        claim_words: ClaimWords::parse(embedded::CLAIM_WORDS, name_tables().heads.weekdays()),
        outlets: Outlets::parse(embedded::OUTLETS),
        descriptors: descriptors::parse_descriptors(embedded::DESCRIPTORS)
            .unwrap_or_else(|error| panic!("data/descriptors.tsv, {error}")),
        vague: vague_quantities(),
    })
}


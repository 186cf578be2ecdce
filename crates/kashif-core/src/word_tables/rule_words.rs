//! The words of the tagger's rules and of its merge (`data/rule_words.tsv`).

use super::word_map::WordSet;
use crate::tsv::data_rows;

/// The words of the rules and of the merge (`data/rule_words.tsv`), folded, each list apart.
#[derive(Default)]
pub(crate) struct RuleWords {
    /// `DESCRIPTOR`: generic words that say what kind of thing the name after them is, in the
    /// order of the file.
    pub(crate) descriptors: Vec<&'static str>,
    /// `KEPT_DESCRIPTOR`: descriptors that often begin a longer name (`وكالة الأنباء السورية`): a
    /// name is not cut after them, though a tagger span right after one still keeps its own words.
    pub(crate) kept_descriptors: WordSet<&'static str>,
    /// `MEDIA_DESCRIPTOR`: the descriptors of newspapers and channels, in the order of the file.
    pub(crate) media: Vec<&'static str>,
    pub(crate) no_body_nouns: WordSet<&'static str>,
    pub(crate) work_words: WordSet<&'static str>,
    pub(crate) arab_clubs: WordSet<&'static str>,
    pub(crate) play_words: WordSet<&'static str>,
    pub(crate) place_before: WordSet<&'static str>,
    pub(crate) place_prepositions: WordSet<&'static str>,
    pub(crate) in_building: WordSet<&'static str>,
    pub(crate) name_particles: WordSet<&'static str>,
    pub(crate) name_connectors: WordSet<&'static str>,
    pub(crate) particles_before_names: WordSet<&'static str>,
    pub(crate) named_as: WordSet<&'static str>,
    /// `NAMED_AS_WITH_B`: the words that say a name follows after ب (`الملقب بـ`).
    pub(crate) named_as_with_b: WordSet<&'static str>,
    pub(crate) latin_not_names: WordSet<&'static str>,
    /// `SPOKESMAN`: the nouns of a spokesman before `باسم` (`المتحدث`، `الناطق`).
    pub(crate) spokesmen: WordSet<&'static str>,
    /// `SPOKESMAN_ADJECTIVE`: the adjectives between a spokesman and `باسم` (`الناطق الرسمي باسم`).
    pub(crate) spokesman_adjectives: WordSet<&'static str>,
    /// `EDITION`: the words after an organization that make it its edition (`بي بي سي عربي`).
    pub(crate) editions: WordSet<&'static str>,
    /// `TOLD`: the prepositions before the medium a person speaks to or with (`في لقاء مع "العربية"`).
    pub(crate) told: WordSet<&'static str>,
    /// `BYLINE`: the words that open a byline (`كتب`، `بقلم`).
    pub(crate) byline_words: WordSet<&'static str>,
    /// `OBJECT_PREPOSITION`: the prepositions of an object after a verbal noun (`للتعرف إلى`).
    pub(crate) object_prepositions: WordSet<&'static str>,
    /// `KUNYA`: the first words of a kunya (`أبو`، `أم`).
    pub(crate) kunya_words: WordSet<&'static str>,
}

impl RuleWords {
    /// Reads `data/rule_words.tsv`; an unknown list is a build defect.
    pub(crate) fn parse(tsv: &'static str) -> RuleWords {
        let mut t = RuleWords::default();
        for fields in data_rows(tsv) {
            let word = fields[0];
            let kind = fields.get(1).copied().unwrap_or("");
            let list = match kind {
                "DESCRIPTOR" => {
                    t.descriptors.push(word);
                    continue;
                }
                "MEDIA_DESCRIPTOR" => {
                    t.media.push(word);
                    continue;
                }
                "KEPT_DESCRIPTOR" => &mut t.kept_descriptors,
                "NO_BODY_NOUN" => &mut t.no_body_nouns,
                "WORK_WORD" => &mut t.work_words,
                "ARAB_CLUB" => &mut t.arab_clubs,
                "PLAY_WORD" => &mut t.play_words,
                "PLACE_BEFORE" => &mut t.place_before,
                "PLACE_PREPOSITION" => &mut t.place_prepositions,
                "IN_BUILDING" => &mut t.in_building,
                "NAME_PARTICLE" => &mut t.name_particles,
                "NAME_CONNECTOR" => &mut t.name_connectors,
                "PARTICLE_BEFORE_NAME" => &mut t.particles_before_names,
                "NAMED_AS" => &mut t.named_as,
                "NAMED_AS_WITH_B" => &mut t.named_as_with_b,
                "LATIN_NOT_NAME" => &mut t.latin_not_names,
                "SPOKESMAN" => &mut t.spokesmen,
                "SPOKESMAN_ADJECTIVE" => &mut t.spokesman_adjectives,
                "EDITION" => &mut t.editions,
                "TOLD" => &mut t.told,
                "BYLINE" => &mut t.byline_words,
                "OBJECT_PREPOSITION" => &mut t.object_prepositions,
                "KUNYA" => &mut t.kunya_words,
                other => panic!("data/rule_words.tsv: `{word}` is in an unknown list `{other}`"),
            };
            list.insert(word);
        }
        t
    }
}

//! The words of reported speech (`data/quote_words.tsv`), which the quotes read.

use super::word_map::{WordMap, WordSet};
use crate::tsv::data_rows;

/// The words of reported speech, by kind (speech verbs, participles that carry on the speech
/// before them, platforms that are never the speaker, nouns of unnamed sources, particles and
/// prepositions around a quote, auxiliaries, relatives and particles before a speech verb):
/// `data/quote_words.tsv`, written folded.
#[derive(Default)]
pub(crate) struct QuoteWords {
    pub(crate) verbs: WordSet<&'static str>,
    /// The verbs (VERB, JUDGE) marked `he`: [`QuoteWords::is_masculine_speech_verb`].
    masculine_verbs: WordSet<&'static str>,
    participles: WordSet<&'static str>,
    pub(crate) platforms: WordSet<&'static str>,
    pub(crate) media: WordSet<&'static str>,
    pub(crate) unnamed: WordSet<&'static str>,
    pub(crate) statements: WordSet<&'static str>,
    pub(crate) that: WordSet<&'static str>,
    pub(crate) not_reported: WordSet<&'static str>,
    pub(crate) no_subject: WordSet<&'static str>,
    pub(crate) clause_break: WordSet<&'static str>,
    pub(crate) relay: WordSet<&'static str>,
    pub(crate) attribution: WordSet<&'static str>,
    pub(crate) introducers: WordSet<&'static str>,
    pub(crate) prepositions: WordSet<&'static str>,
    /// Demonstratives that lead a speech verb after a quote (`بهذه الكلمات تحدث`).
    pub(crate) demonstratives: WordSet<&'static str>,
    /// Particles that open the clause after an attribution's source, skipped (`فإن`).
    pub(crate) clause_openers: WordSet<&'static str>,
    /// Words between an attribution word and its source that carry it (`بحسب ما أفاد به`).
    pub(crate) carriers: WordSet<&'static str>,
    /// Auxiliaries between a subject and its verb (`لافروف قد قال`).
    pub(crate) auxiliaries: WordSet<&'static str>,
    /// Relatives before a verb whose subject is the sentence's (`بما وصفته`).
    pub(crate) relatives: WordSet<&'static str>,
    /// Particles before a present verb (`لا`، `لم`; and the auxiliaries): the word before the
    /// verb is no noun.
    pub(crate) verb_particles: WordSet<&'static str>,
    /// Object pronouns a speech verb may carry (`وصفته`، `اعتبرتها`، `يصفه`), tried in the order
    /// of the file (`OBJECT_PRONOUN`).
    object_pronouns: Vec<&'static str>,
    /// Every written form of a speech verb or participle, clitics off: [`QuoteWords::speech_form`].
    forms: WordMap<String, (bool, &'static str)>,
}

impl QuoteWords {
    /// Reads `data/quote_words.tsv`: the word, its kind, and `he` for a verb of a man.
    pub(crate) fn parse(tsv: &'static str) -> QuoteWords {
        let mut tables = QuoteWords::default();
        for fields in data_rows(tsv) {
            let kind = fields.get(1).copied().unwrap_or("");
            if matches!(kind, "VERB" | "JUDGE") && fields.get(2) == Some(&"he") {
                tables.masculine_verbs.insert(fields[0]);
            }
            if kind == "OBJECT_PRONOUN" {
                tables.object_pronouns.push(fields[0]);
            } else if let Some(words) = tables.of_kind(kind) {
                words.insert(fields[0]);
            }
        }
        tables.forms = tables.speech_forms();
        tables
    }

    /// The forms [`QuoteWords::speech_form`] reads: each verb, then each participle, then each
    /// verb with an object pronoun (pronouns in the order of the file), a form taken by the first
    /// that writes it. A bare `ه` is an object pronoun only after a verb in `ت` or a present verb
    /// (`وصفته`، `يصفه`: `إشارة`، `إضافة` are nouns), and a verb under it has three letters or more.
    fn speech_forms(&self) -> WordMap<String, (bool, &'static str)> {
        let mut forms = WordMap::default();
        let verbs = || self.verbs.iter().copied();
        for verb in verbs() {
            forms.insert(verb.to_owned(), (false, verb));
        }
        for &participle in &self.participles {
            forms.get_or_insert_with(participle.to_owned(), || (true, participle));
        }
        for &pronoun in &self.object_pronouns {
            let marked = |verb: &str| pronoun != "ه" || verb.ends_with('ت') || verb.starts_with(['ي', 'ت']);
            for verb in verbs().filter(|verb| marked(verb) && verb.chars().count() >= 3) {
                forms.get_or_insert_with(format!("{verb}{pronoun}"), || (false, verb));
            }
        }
        forms
    }

    /// The speech verb a folded stem (clitics off) writes: (is a participle, the verb without its
    /// object pronoun): `قال` → (no, `قال`), `مضيفا` → (yes, `مضيفا`), `وصفته` → (no, `وصفت`).
    pub(crate) fn speech_form(&self, stem: &str) -> Option<(bool, &'static str)> {
        self.forms.get(stem).copied()
    }

    /// The words of a kind of the data file (JUDGE has none of its own); another kind is a build
    /// defect.
    fn of_kind(&mut self, kind: &str) -> Option<&mut WordSet<&'static str>> {
        Some(match kind {
            "VERB" => &mut self.verbs,
            "PARTICIPLE" => &mut self.participles,
            "PLATFORM" => &mut self.platforms,
            "MEDIUM" => &mut self.media,
            "UNNAMED" => &mut self.unnamed,
            "STATEMENT" => &mut self.statements,
            "THAT" => &mut self.that,
            "NOT_REPORTED" => &mut self.not_reported,
            "NO_SUBJECT" => &mut self.no_subject,
            "CLAUSE_BREAK" => &mut self.clause_break,
            "RELAY" => &mut self.relay,
            "ATTRIBUTION" => &mut self.attribution,
            "INTRODUCER" => &mut self.introducers,
            "PREPOSITION" => &mut self.prepositions,
            "DEMONSTRATIVE" => &mut self.demonstratives,
            "CLAUSE_OPENER" => &mut self.clause_openers,
            "CARRIER" => &mut self.carriers,
            "AUXILIARY" => &mut self.auxiliaries,
            "RELATIVE" => &mut self.relatives,
            "VERB_PARTICLE" => &mut self.verb_particles,
            "JUDGE" => return None,
            other => panic!("data/quote_words.tsv: a row has an unknown kind `{other}`"),
        })
    }

    /// Whether a folded stem is a verb of saying or judging of a man in the third person singular
    /// (`قال`، `يؤكد`، `توقع`): a one-word name right after one is its speaker, a person.
    pub(crate) fn is_masculine_speech_verb(&self, stem: &str) -> bool {
        self.masculine_verbs.contains(stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "data/quote_words.tsv: a row has an unknown kind `VERBS`")]
    fn an_unknown_kind_is_a_defect() {
        QuoteWords::parse("قال\tVERBS\n");
    }

    #[test]
    fn a_speech_verb_is_read_with_its_object_pronoun() {
        let words = crate::word_tables::tables();
        let form = |stem: &str| words.quote_words.speech_form(stem);
        assert_eq!(form("قال"), Some((false, "قال")));
        assert_eq!(form("مضيفا"), Some((true, "مضيفا")));
        assert_eq!(form("وصفته"), Some((false, "وصفت")));
        assert_eq!(form("اعتبرتها"), Some((false, "اعتبرت")));
        assert_eq!(form("يصفه"), Some((false, "يصف")));
        // A bare ه only after a verb in ت or a present verb: `اشاره` is a noun, not `اشار` + ه.
        assert_eq!(form("اشاره"), None);
        assert_eq!(form("اشارها"), Some((false, "اشار")));
    }
}

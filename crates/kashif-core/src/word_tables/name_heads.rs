//! The head nouns of names and the words around them (`data/name_heads.tsv`), which the tagger's
//! rules, the dates, the claims, linking and corrections read.

use super::word_map::{WordMap, WordSet};
use crate::analysis::Label;
use crate::text::normalize::fold;
use crate::tsv::data_rows;

/// What a word of `data/name_heads.tsv` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A head noun, with the type of the names it begins and whether it has the article
    /// (`الجيش`; not `ألوية`, whose folded form also begins with `ال`).
    Head(Label, bool),
    /// A head whose names start with an adjective of names (`القوات المسلحة`).
    HeadBeforeAdjective(Label),
    /// A head with the article that is a name only with a name found after it or the place it
    /// is in (`المستشفى الجهوي بالجم`; not `المستشفى الميداني`).
    HeadBeforeName(Label),
    /// An indefinite head whose names start with a definite common noun, not a name found nor a
    /// word of this file (`قوات التحالف`، `قوات الدفاع الذاتي`; not `قوات الأسد`، `قوات الجيش`).
    HeadBeforeNoun(Label),
    /// A definite noun after which a [`Kind::HeadBeforeNoun`] makes no name (`قوات النظام`،
    /// `قوات الأمن`: any regime's, any country's).
    Generic,
    /// A definite word that ends a name (days, time words, relative pronouns).
    Stop,
    /// An adjective that is part of a name, even after a proper name (`الدولي`، `الأعلى`).
    Adjective,
}

/// The words of `data/name_heads.tsv`, folded.
pub(crate) struct Heads {
    /// What each word is.
    kinds: WordMap<String, Kind>,
    /// The definite nouns after which a [`Kind::HeadBeforeNoun`] makes no name (`GENERIC` in the
    /// second or third column: `قوات النظام`، `قوات الجيش`).
    pub(crate) generic: WordSet<String>,
    /// The heads that only say what kind of body the name after them is (`same` in the third
    /// column: `جماعة`، `حركة`، `ميليشيات`…): `ميليشيات الحوثي` is `جماعة الحوثي`. Heads of
    /// another body (`وزارة`، `مكتب`) are not among them.
    same_body: Vec<String>,
    /// The weekdays, folded, from Sunday (`WEEKDAY`): the date rules and the claims read them
    /// too.
    weekdays: Vec<String>,
}

impl Heads {
    /// Reads the rows of `data/name_heads.tsv`: the word, its kind, and `same` or `GENERIC`.
    /// The weekdays (`WEEKDAY`) end a name as `STOP` words do.
    pub(crate) fn parse(tsv: &str) -> Heads {
        let mut heads =
            Heads { kinds: Default::default(), generic: Default::default(), same_body: Vec::new(), weekdays: Vec::new() };
        for fields in data_rows(tsv) {
            let word = fold(fields[0]);
            if fields[1..].contains(&"GENERIC") {
                heads.generic.insert(word.clone());
            }
            if fields.get(2) == Some(&"same") {
                heads.same_body.push(word.clone());
            }
            if fields.get(1) == Some(&"WEEKDAY") {
                heads.weekdays.push(word.clone());
            }
            heads.kinds.insert(word, kind(&fields));
        }
        heads
    }

    /// What a folded word of the file is.
    pub(crate) fn get(&self, word: &str) -> Option<&Kind> {
        self.kinds.get(word)
    }

    /// The heads that only say what kind of body the name after them is, folded (`same`).
    pub(crate) fn same_body(&self) -> &[String] {
        &self.same_body
    }

    /// The weekdays, folded, from Sunday (`WEEKDAY`).
    pub(crate) fn weekdays(&self) -> &[String] {
        &self.weekdays
    }
}

/// The kind of a row of `data/name_heads.tsv`, by its second column.
fn kind(fields: &[&str]) -> Kind {
    let definite = fields[0].starts_with("ال");
    match fields.get(1).copied() {
        Some("ORG") => Kind::Head(Label::Org, definite),
        Some("LOC") => Kind::Head(Label::Loc, definite),
        Some("MISC") => Kind::Head(Label::Misc, definite),
        Some("ADJ") => Kind::Adjective,
        Some("ORG+ADJ") => Kind::HeadBeforeAdjective(Label::Org),
        Some("LOC+NAME") => Kind::HeadBeforeName(Label::Loc),
        Some("ORG+NOUN") => Kind::HeadBeforeNoun(Label::Org),
        Some("GENERIC") => Kind::Generic,
        _ => Kind::Stop,
    }
}

//! Nationality and affiliation adjectives (`السوري`، `الروسية`، `الأممي`), read once from
//! `data/demonyms.tsv` (`crate::word_tables`): the one list that titles, the tagger's merge, the
//! club rule, figures, linking and framing all use.

use super::word_map::WordMap;
use crate::text::normalize::fold;

/// Whether an adjective is of a country's nationals or of something else.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// `السوري`، `الفرنسي`.
    Country,
    /// `الأممي`، `الدولي`، `الكردي`: a body, a region or a people.
    Affiliation,
}

/// One adjective of the data file.
struct Demonym {
    /// Folded, masculine, without the article: `سوري`، `اميركي`.
    stem: String,
    kind: Kind,
    /// The lexicon id and name of the country it names, if it names one.
    country: Option<(&'static str, &'static str)>,
}

/// One row: the adjective, its kind, the country's id and name (`-` for none).
fn parse(fields: &[&'static str]) -> Demonym {
    let field = |i: usize| fields.get(i).copied().filter(|f| !f.is_empty() && *f != "-");
    let kind = match field(1) {
        Some("AFFILIATION") => Kind::Affiliation,
        _ => Kind::Country,
    };
    let country = field(2).zip(field(3));
    Demonym { stem: fold(fields[0]), kind, country }
}

/// The adjectives of the data file, found by their folded forms.
pub(crate) struct Demonyms {
    demonyms: Vec<Demonym>,
    /// Folded definite forms (masculine and feminine) of every adjective → its index.
    definite: WordMap<String, usize>,
    /// Folded stems (masculine, without the article) → index.
    by_stem: WordMap<String, usize>,
}

impl Demonyms {
    /// Reads the rows of `data/demonyms.tsv` ([`parse`]).
    pub(crate) fn parse(tsv: &'static str) -> Demonyms {
        let demonyms: Vec<Demonym> = crate::tsv::data_rows(tsv).map(|fields| parse(&fields)).collect();
        let mut definite = WordMap::default();
        let mut by_stem = WordMap::default();
        for (index, demonym) in demonyms.iter().enumerate() {
            definite.get_or_insert_with(format!("ال{}", demonym.stem), || index);
            definite.get_or_insert_with(format!("ال{}ه", demonym.stem), || index);
            by_stem.get_or_insert_with(demonym.stem.clone(), || index);
        }
        Demonyms { demonyms, definite, by_stem }
    }

    /// Whether a folded word is a nationality or affiliation adjective with the article
    /// (`الروسيه`، `الكردي`، `الدوليه`).
    pub(crate) fn is_nationality(&self, folded: &str) -> bool {
        self.definite.contains_key(folded)
    }

    /// Whether a folded word is a country's nationality adjective with the article (`الروسي`،
    /// `الايطاليه`), not an affiliation (`الدولي`).
    pub(crate) fn is_country_adjective(&self, folded: &str) -> bool {
        self.definite.get(folded).is_some_and(|&i| self.demonyms[i].kind == Kind::Country)
    }

    /// Whether a folded word is a country's nationality adjective in the masculine with the
    /// article (`الفرنسي`, not `الفرنسيه`): what follows a club named after its city.
    pub(crate) fn is_masculine_country_adjective(&self, folded: &str) -> bool {
        let stem = folded.strip_prefix("ال");
        stem.and_then(|stem| self.by_stem.get(stem)).is_some_and(|&i| self.demonyms[i].kind == Kind::Country)
    }

    /// The folded stems (masculine, without the article) of the countries' adjectives: `سوري`،
    /// `فلسطيني`.
    pub(crate) fn country_stems(&self) -> impl Iterator<Item = &str> {
        self.demonyms.iter().filter(|d| d.kind == Kind::Country).map(|d| d.stem.as_str())
    }

    /// The lexicon id and name of the country a folded adjective names, with or without the
    /// article, masculine or feminine (`السوري`، `السوريه`، `سوري`): `("cc:SY", "سوريا")`.
    pub(crate) fn country(&self, folded: &str) -> Option<(&'static str, &'static str)> {
        let stem = folded.strip_prefix("ال").unwrap_or(folded);
        let stem = stem.strip_suffix('ه').unwrap_or(stem);
        self.by_stem.get(stem).and_then(|&i| self.demonyms[i].country)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashSet as HashSet;

    fn tables() -> &'static Demonyms {
        crate::word_tables::tables().demonyms
    }

    #[test]
    fn both_genders_with_the_article_are_nationalities() {
        for word in ["السوري", "السوريه", "الاميركي", "الامريكيه", "الدولي", "الدوليه", "الجزايري"] {
            assert!(tables().is_nationality(word), "{word}");
        }
        assert!(!tables().is_nationality("سوري") && !tables().is_nationality("السفير"));
    }

    #[test]
    fn affiliations_are_no_countries() {
        let tables = tables();
        assert!(tables.is_country_adjective("الايطاليه") && !tables.is_country_adjective("الدولي"));
        assert!(tables.is_masculine_country_adjective("الفرنسي") && !tables.is_masculine_country_adjective("الفرنسيه"));
        assert!(!tables.is_masculine_country_adjective("الكردي"));
    }

    #[test]
    fn countries_by_their_adjective() {
        assert_eq!(tables().country("السوريه"), Some(("cc:SY", "سوريا")));
        assert_eq!(tables().country("الصهيوني"), Some(("cc:IL", "إسرائيل")));
        assert_eq!(tables().country("الكوري"), None);
        assert_eq!(tables().country("الدولي"), None);
    }

    #[test]
    fn no_adjective_twice() {
        let mut seen = HashSet::default();
        for demonym in &tables().demonyms {
            assert!(seen.insert(demonym.stem.clone()), "{} twice in data/demonyms.tsv", demonym.stem);
        }
    }
}

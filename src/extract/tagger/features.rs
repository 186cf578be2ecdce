//! Feature extraction for the tagger: every feature of a token is a 64-bit hash of a template
//! number and the strings it is made of, computed without allocating.

use rustc_hash::FxHashMap as HashMap;

use crate::extract::{Candidate, Words};
use crate::text::tokenize::TokenKind;

/// Person-name tokens and title words (`data/person_names.tsv`, made by `scripts/build_names.py`).
pub(crate) const NAMES_TSV: &str = include_str!("../../../data/person_names.tsv");

/// Name-list flags of a folded token.
pub(crate) const WIKIDATA: u8 = 1;
pub(crate) const AKHATEEB: u8 = 2;
pub(crate) const TRANSLIT: u8 = 4;
pub(crate) const TITLE: u8 = 8;

/// Words that announce a name of a given type right after them (folded).
const PERSON_TRIGGERS: &[&str] = &[
    "الرييس", "رييس", "وزير", "وزيره", "الشيخ", "السيد", "السيده", "الامير", "الملك", "الدكتور", "الجنرال",
    "العقيد", "اللواء", "العميد", "النايب", "المستشار", "الرييسه", "المبعوث", "الزعيم", "الامام", "البابا",
    "المتحدث", "نظيره", "المدرب", "اللاعب", "الفنان", "الكاتب", "الشاعر",
];
const PLACE_TRIGGERS: &[&str] = &[
    "مدينه", "بلده", "قريه", "ريف", "جبل", "محافظه", "ولايه", "عاصمه", "منطقه", "نهر", "بحر", "جزيره", "اقليم",
    "حي", "مخيم", "بلدات", "مدن", "قري", "العاصمه", "مطار", "ميناء", "شمال", "جنوب", "شرق", "غرب", "وسط",
];
const ORG_TRIGGERS: &[&str] = &[
    "وكاله", "وزاره", "حلف", "مجلس", "حزب", "جامعه", "شركه", "منظمه", "جمعيه", "هييه", "جبهه", "حركه", "اتحاد",
    "بنك", "صحيفه", "مجموعه", "لجنه", "نادي", "فريق", "منتخب", "محكمه", "مؤسسه", "معهد", "برلمان", "قناه",
];

/// The word lists the features consult, built once.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    names: HashMap<String, u8>,
    /// Folded trigger word → 1 person, 2 place, 3 organization.
    triggers: HashMap<&'static str, u8>,
}

impl Lists {
    /// Reads the embedded lists.
    pub fn embedded() -> Lists {
        Lists::parse(NAMES_TSV)
    }

    /// Reads `token<TAB>flags` lines (`w`, `a`, `g`, `t`), `#` comments.
    pub fn parse(tsv: &str) -> Lists {
        let mut names = HashMap::default();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let Some((token, flags)) = line.split_once('\t') else { continue };
            let mut bits = 0u8;
            for flag in flags.chars() {
                bits |= match flag {
                    'w' => WIKIDATA,
                    'a' => AKHATEEB,
                    'g' => TRANSLIT,
                    't' => TITLE,
                    _ => 0,
                };
            }
            names.insert(token.to_owned(), bits);
        }
        let mut triggers = HashMap::default();
        for (class, words) in [(1u8, PERSON_TRIGGERS), (2, PLACE_TRIGGERS), (3, ORG_TRIGGERS)] {
            for word in words {
                triggers.insert(*word, class);
            }
        }
        Lists { names, triggers }
    }

    /// True when `word` (folded) is a person-name token of some list.
    pub fn is_name(&self, word: &str) -> bool {
        self.name_flags(word) & (WIKIDATA | AKHATEEB) != 0
    }

    fn name_flags(&self, word: &str) -> u8 {
        self.names.get(word).copied().unwrap_or(0)
    }
}

/// What features need of each token, computed once per document.
pub(crate) struct TokenInfo<'a> {
    /// Folded text.
    pub word: &'a str,
    /// The shortest reading (all clitics stripped).
    pub stem: &'a str,
    /// Name-list flags of the word or any of its readings.
    pub names: u8,
    /// Trigger class of the word or its shortest reading (0 none).
    pub trigger: u8,
    /// Lexicon tag: 0 none, else 1 + 2 × type + (1 if inside), as [`crate::conll::Tag::index`].
    pub lexicon: u8,
    /// Lexicon source: 0 none, 1 curated (`per:`/`org:`/`loc:`/`misc:`), 2 gazetteer.
    pub source: u8,
    pub kind: TokenKind,
}

/// Precomputes the per-token facts the features use.
pub(crate) fn token_infos<'a>(words: &'a Words<'a>, lexicon: &[Candidate], lists: &Lists) -> Vec<TokenInfo<'a>> {
    let mut infos: Vec<TokenInfo<'a>> = (0..words.tokens.len())
        .map(|i| {
            let readings = words.readings(i);
            let word = words.tokens[i].text.as_str();
            let stem = readings.last().map_or(word, |r| r.stem.as_str());
            let names = readings.iter().fold(0, |acc, r| acc | lists.name_flags(&r.stem));
            let trigger = lists.triggers.get(word).or_else(|| lists.triggers.get(stem)).copied().unwrap_or(0);
            TokenInfo { word, stem, names, trigger, lexicon: 0, source: 0, kind: words.tokens[i].kind }
        })
        .collect();
    for candidate in lexicon {
        let Some(type_index) = crate::conll::TYPES.iter().position(|&t| t == candidate.label) else { continue };
        let curated = ["per:", "org:", "loc:", "misc:"].iter().any(|p| candidate.id.starts_with(p));
        for i in candidate.first..candidate.last.min(infos.len()) {
            infos[i].lexicon = (1 + 2 * type_index + usize::from(i > candidate.first)) as u8;
            infos[i].source = if curated { 1 } else { 2 };
        }
    }
    infos
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn mix(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The hash of a feature: a template number and its parts. The same on every platform.
#[inline]
pub(crate) fn feature(template: u8, parts: &[&[u8]]) -> u64 {
    let mut h = mix(FNV_OFFSET, &[template]);
    for part in parts {
        h = mix(h, part);
        h = mix(h, &[0xff]);
    }
    // Final avalanche (splitmix64), so that the low and high halves are both well spread.
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The first `n` chars of `s` (all of it when shorter).
fn prefix(s: &str, n: usize) -> Option<&str> {
    match s.char_indices().nth(n) {
        Some((end, _)) => Some(&s[..end]),
        None if s.chars().count() == n => Some(s),
        None => None,
    }
}

/// The last `n` chars of `s`.
fn suffix(s: &str, n: usize) -> Option<&str> {
    let count = s.chars().count();
    if count < n {
        return None;
    }
    s.char_indices().nth(count - n).map(|(start, _)| &s[start..])
}

fn length_bucket(s: &str) -> u8 {
    match s.chars().count() {
        0..=2 => 0,
        3 => 1,
        4 => 2,
        5 => 3,
        6..=7 => 4,
        _ => 5,
    }
}

fn kind_byte(kind: TokenKind) -> u8 {
    match kind {
        TokenKind::Arabic => 0,
        TokenKind::OtherWord => 1,
        TokenKind::Number => 2,
        TokenKind::Punct => 3,
    }
}

const BEFORE: &[u8] = b"<s>";
const AFTER: &[u8] = b"</s>";

/// Pushes the feature hashes of token `i` onto `out`.
pub(crate) fn extract(infos: &[TokenInfo<'_>], i: usize, out: &mut Vec<u64>) {
    let at = |offset: isize| -> Option<&TokenInfo<'_>> {
        let j = i as isize + offset;
        (j >= 0).then(|| infos.get(j as usize)).flatten()
    };
    let word_at = |offset: isize| -> &[u8] {
        match at(offset) {
            Some(info) => info.word.as_bytes(),
            None if offset < 0 => BEFORE,
            None => AFTER,
        }
    };
    let this = &infos[i];
    let w = this.word.as_bytes();
    out.push(feature(0, &[]));
    out.push(feature(1, &[w]));
    out.push(feature(2, &[word_at(-1)]));
    out.push(feature(3, &[word_at(-2)]));
    out.push(feature(4, &[word_at(1)]));
    out.push(feature(5, &[word_at(2)]));
    out.push(feature(6, &[word_at(-1), w]));
    out.push(feature(7, &[w, word_at(1)]));
    out.push(feature(8, &[this.stem.as_bytes()]));
    for n in 1..=3 {
        if let Some(p) = prefix(this.word, n) {
            out.push(feature(9 + n as u8, &[p.as_bytes()]));
        }
        if let Some(s) = suffix(this.word, n) {
            out.push(feature(12 + n as u8, &[s.as_bytes()]));
        }
    }
    for n in 2..=3 {
        if let Some(s) = suffix(this.stem, n) {
            out.push(feature(15 + n as u8, &[s.as_bytes()]));
        }
    }
    out.push(feature(19, &[&[kind_byte(this.kind), length_bucket(this.word)]]));
    out.push(feature(20, &[&[this.lexicon, this.source]]));
    let lexicon_at = |offset: isize| at(offset).map_or(255, |info| info.lexicon);
    out.push(feature(21, &[&[lexicon_at(-1)]]));
    out.push(feature(22, &[&[lexicon_at(1)]]));
    out.push(feature(23, &[&[lexicon_at(-1), this.lexicon, lexicon_at(1)]]));
    for bit in [WIKIDATA, AKHATEEB, TRANSLIT, TITLE] {
        if this.names & bit != 0 {
            out.push(feature(24, &[&[bit]]));
        }
    }
    let names_at = |offset: isize| at(offset).map_or(255, |info| info.names);
    out.push(feature(25, &[&[names_at(-1), this.names, names_at(1)]]));
    let trigger_at = |offset: isize| at(offset).map_or(255, |info| info.trigger);
    out.push(feature(26, &[&[trigger_at(-1)]]));
    out.push(feature(27, &[&[trigger_at(-2)]]));
    out.push(feature(28, &[&[this.trigger]]));
    out.push(feature(29, &[at(-1).map_or(BEFORE, |info| info.stem.as_bytes())]));
    out.push(feature(30, &[at(1).map_or(AFTER, |info| info.stem.as_bytes())]));
    out.push(feature(31, &[&[u8::from(this.stem.starts_with("ال")), u8::from(this.word.len() != this.stem.len())]]));
    if let (Some(prev), Some(next)) = (at(-1), at(1)) {
        out.push(feature(32, &[&[kind_byte(prev.kind), kind_byte(this.kind), kind_byte(next.kind)]]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::Folded;
    use crate::text::tokenize::tokenize;

    fn features_of(text: &str, index: usize) -> Vec<u64> {
        let tokens = tokenize(&Folded::new(text));
        let words = Words::new(&tokens);
        let lists = Lists::parse("بوتين\tw\nالرييس\tt\n");
        let infos = token_infos(&words, &[], &lists);
        let mut out = Vec::new();
        extract(&infos, index, &mut out);
        out
    }

    #[test]
    fn affixes_count_chars() {
        assert_eq!(prefix("وبمنبج", 2), Some("وب"));
        assert_eq!(suffix("وبمنبج", 3), Some("نبج"));
        assert_eq!(prefix("من", 3), None);
        assert_eq!(prefix("منه", 3), Some("منه"));
        assert_eq!(suffix("من", 2), Some("من"));
    }

    #[test]
    fn same_word_same_features_and_context_matters() {
        let a = features_of("قال الرئيس بوتين", 2);
        let b = features_of("قال الرئيس بوتين", 2);
        assert_eq!(a, b);
        let c = features_of("قال الوزير بوتين", 2);
        assert!(a.contains(&feature(1, &["بوتين".as_bytes()])));
        assert!(a.contains(&feature(24, &[&[WIKIDATA]])));
        assert_ne!(a, c, "the word before changes some features");
        // Clitics are stripped for the stem feature.
        let d = features_of("وبمنبج", 0);
        assert!(d.contains(&feature(8, &["منبج".as_bytes()])));
    }

    #[test]
    fn hashes_are_stable() {
        // The model file depends on these values: they must not change across platforms.
        assert_eq!(feature(1, &[b"x"]), feature(1, &[b"x"]));
        assert_ne!(feature(1, &[b"ab"]), feature(1, &[b"a", b"b"]));
        assert_ne!(feature(1, &[b"x"]), feature(2, &[b"x"]));
    }
}

//! Reading CoNLL-style NER corpora: `token tag` lines (space or tab separated), a blank line
//! between sentences.
//!
//! Tags are mapped to BIO over PER, LOC, ORG and MISC: ANERcorp's `PERS` is `PER`; AQMAR's
//! article-specific classes (`MIS0` … `MIS3`, `MIS-1`, `MISS1`, …) are `MISC` and `ENGLISH`/`SPANISH`
//! are `O`, as Stanza maps them; `I--ORG` is `I-ORG`; WikiFANE's fine-grained classes are mapped to
//! their coarse type (people → PER; geo-political entities, locations and facilities → LOC;
//! organizations → ORG; products, vehicles and weapons → MISC; `Group` → O). Nothing else is repaired: a tag that names no known
//! type is `O`, and a stray `I-X` stays `I-X` (the scorer opens an entity there, as conlleval does).
//!
//! Nested corpora (Wojood: `token tag tag…`, one BIO column per nesting level) are flattened: of the
//! spans of all columns whose type maps to a coarse one (`PERS` → PER; `GPE`, `LOC`, `FAC` → LOC;
//! `ORG`; `EVENT`, `CURR`, `PRODUCT` → MISC; the others, such as `OCC`, `NORP` and `DATE`, are
//! not entities here), the longest are kept, then the longest that do not overlap them, and so on.
//!
//! The module stands beside the analysis, not in it: evaluation (`kashif eval`) and training
//! (the `train` feature) read gold corpora with [`parse`], and
//! [`export::to_conll`](crate::export::to_conll) writes an analysis in the same format.
//!
//! ```
//! use kashif_core::conll::{parse, Tag};
//! use kashif_core::Label;
//! let sentences = parse("زار B-PERS\nبوتين I-PERS\n\nموسكو\tB-LOC\n");
//! assert_eq!(sentences.len(), 2);
//! assert_eq!(sentences[0].tags, [Tag::B(Label::Per), Tag::I(Label::Per)]);
//! assert_eq!(sentences[1].tokens, ["موسكو"]);
//! ```

use crate::analysis::Label;

/// The entity types of the NER corpora, in the order the tagger numbers them. Dates and numbers
/// are found by rules, not tagged: a corpus tag never names them.
///
/// ```
/// use kashif_core::conll::TYPES;
/// use kashif_core::Label;
/// assert_eq!(TYPES, [Label::Per, Label::Loc, Label::Org, Label::Misc]);
/// assert!(!TYPES.contains(&Label::Date));
/// ```
pub const TYPES: [Label; 4] = [Label::Per, Label::Loc, Label::Org, Label::Misc];

/// A BIO tag: `B-PER` opens a person's name, `I-PER` goes on with it, `O` is outside any name.
/// It is written as the corpora write it.
///
/// ```
/// use kashif_core::conll::Tag;
/// use kashif_core::Label;
/// // سيرغي لافروف: a name of two tokens.
/// let tags = [Tag::O, Tag::B(Label::Per), Tag::I(Label::Per)];
/// let written: Vec<String> = tags.iter().map(Tag::to_string).collect();
/// assert_eq!(written, ["O", "B-PER", "I-PER"]);
/// assert_eq!(Tag::parse(&written[2]), tags[2]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// The first token of an entity.
    B(Label),
    /// A later token of an entity.
    I(Label),
}

/// How many distinct tags [`Tag::index`] numbers: `O` and B/I of each of [`TYPES`].
///
/// ```
/// use kashif_core::conll::{Tag, TAG_COUNT};
/// assert_eq!(TAG_COUNT, 9);
/// assert_eq!(Tag::I(kashif_core::Label::Misc).index(), TAG_COUNT - 1);
/// ```
pub const TAG_COUNT: usize = 1 + 2 * TYPES.len();

impl Tag {
    /// A dense number for the tag: 0 for `O`, then `B-PER`, `I-PER`, `B-LOC`, … (labels outside
    /// [`TYPES`] count as `O`).
    ///
    /// ```
    /// use kashif_core::conll::Tag;
    /// assert_eq!(Tag::from_index(Tag::I(kashif_core::Label::Loc).index()), Tag::I(kashif_core::Label::Loc));
    /// ```
    pub fn index(self) -> usize {
        let type_index = |label: Label| TYPES.iter().position(|&t| t == label);
        match self {
            Tag::O => 0,
            Tag::B(label) => type_index(label).map_or(0, |t| 1 + 2 * t),
            Tag::I(label) => type_index(label).map_or(0, |t| 2 + 2 * t),
        }
    }

    /// The tag numbered `index` by [`Tag::index`] (`O` past the end).
    ///
    /// ```
    /// use kashif_core::conll::{Tag, TAG_COUNT};
    /// use kashif_core::Label;
    /// assert_eq!(Tag::from_index(1), Tag::B(Label::Per));
    /// assert_eq!(Tag::from_index(4), Tag::I(Label::Loc));
    /// assert_eq!(Tag::from_index(TAG_COUNT), Tag::O);
    /// ```
    pub fn from_index(index: usize) -> Tag {
        match index {
            0 => Tag::O,
            i if i < TAG_COUNT && i % 2 == 1 => Tag::B(TYPES[(i - 1) / 2]),
            i if i < TAG_COUNT => Tag::I(TYPES[(i - 2) / 2]),
            _ => Tag::O,
        }
    }

    /// The entity type, for B and I tags.
    ///
    /// ```
    /// use kashif_core::conll::Tag;
    /// use kashif_core::Label;
    /// assert_eq!(Tag::parse("I-ORG").label(), Some(Label::Org));
    /// assert_eq!(Tag::O.label(), None);
    /// ```
    pub fn label(self) -> Option<Label> {
        match self {
            Tag::O => None,
            Tag::B(label) | Tag::I(label) => Some(label),
        }
    }

    /// Reads a corpus tag, mapping it as the module documentation says.
    ///
    /// ```
    /// use kashif_core::conll::Tag;
    /// use kashif_core::Label;
    /// assert_eq!(Tag::parse("B-PERS"), Tag::B(Label::Per));
    /// assert_eq!(Tag::parse("I--ORG"), Tag::I(Label::Org));
    /// assert_eq!(Tag::parse("B-MIS1"), Tag::B(Label::Misc));
    /// assert_eq!(Tag::parse("B-ENGLISH"), Tag::O);
    /// assert_eq!(Tag::parse("I-Population-Center"), Tag::I(Label::Loc));
    /// ```
    pub fn parse(tag: &str) -> Tag {
        let (inside, name) = if let Some(rest) = tag.strip_prefix("B-") {
            (false, rest)
        } else if let Some(rest) = tag.strip_prefix("I-") {
            (true, rest)
        } else {
            return Tag::O;
        };
        let name = name.trim_start_matches('-');
        match coarse_type(name) {
            Some(label) if inside => Tag::I(label),
            Some(label) => Tag::B(label),
            None => Tag::O,
        }
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(label) => write!(f, "B-{label}"),
            Tag::I(label) => write!(f, "I-{label}"),
        }
    }
}

/// The coarse type of a corpus class name: the four coarse names themselves (and `PERS`), AQMAR's
/// `MIS…` classes, and WikiFANE's fine-grained classes (people → PER; geo-political entities,
/// locations and facilities → LOC; organizations → ORG; products, vehicles and weapons → MISC).
/// WikiFANE's `Group` (المسلمين، العرب) is `O`, as ANERcorp does not tag such groups.
fn coarse_type(name: &str) -> Option<Label> {
    Some(match name {
        "PER" | "PERS" => Label::Per,
        "LOC" => Label::Loc,
        "ORG" => Label::Org,
        "MISC" => Label::Misc,
        "GPE" | "FAC" => Label::Loc,
        "EVENT" | "CURR" | "PRODUCT" => Label::Misc,
        "ENGLISH" | "SPANISH" => return None,
        _ if name.starts_with("MIS") => Label::Misc,
        "Politician" | "Religious_PER" | "Artist" | "Other_PER" | "Scientist" | "Athlete" | "Businessperson"
        | "Engineer" | "Lawyer" | "Police" => Label::Per,
        "Population-Center"
        | "Nation"
        | "State-or-Province"
        | "Continent"
        | "GPE-Cluster"
        | "County-or-District"
        | "Water-Body"
        | "Land-Region-Natural"
        | "Celestial"
        | "Building-Grounds"
        | "Path"
        | "Airport"
        | "Subarea-Facility"
        | "Plant" => Label::Loc,
        "Commercial" | "Educational" | "Entertainment" | "Government" | "Media" | "Medical-Science"
        | "Non-Governmental" | "Religious_ORG" | "Sports" => Label::Org,
        "Book" | "Movie" | "Sound" | "Software" | "Hardware" | "Food" | "Drug" | "Air" | "Water" | "Land"
        | "Nuclear" | "Shooting" | "Blunt" | "Exploding" | "Projectile" | "Chemical" | "Sharp" => Label::Misc,
        _ => return None,
    })
}

/// One sentence of a corpus: its tokens and their tags.
///
/// ```
/// use kashif_core::conll::{parse, Tag};
/// use kashif_core::Label;
/// let sentence = &parse("وصل O\nلافروف B-PER\nإلى O\nأنقرة B-LOC\n")[0];
/// assert_eq!(sentence.tokens, ["وصل", "لافروف", "إلى", "أنقرة"]);
/// assert_eq!(sentence.tags[3], Tag::B(Label::Loc));
/// assert_eq!(sentence.domain, 0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens, with invisible marks (U+200E, U+200F, BOM) removed.
    pub tokens: Vec<String>,
    /// One tag per token.
    pub tags: Vec<Tag>,
    /// The corpus the sentence belongs to, for domain-adapted training: 0 is the domain the
    /// model is for (news), other values are extra corpora (see
    /// `TrainOptions::adapt` of the `train` feature). [`parse`] sets 0.
    pub domain: u8,
}

/// Reads a corpus. A line is a token, whitespace, and its tag (the last field); a blank line
/// (or one holding only whitespace) ends a sentence. Lines whose token is empty once invisible
/// marks are removed are skipped, and so are lines with a single field and comment lines: `#`,
/// a space, and two more fields at least (the `# doc: NAME` lines of
/// [`to_conll`](crate::export::to_conll)); a `# O` line is still the token `#`.
///
/// ```
/// use kashif_core::conll::{parse, Tag};
/// use kashif_core::Label;
/// let corpus = "# doc: a.txt\nقصف O\nمدينة O\nحلب B-LOC\n\n\u{200F}إدلب\tB-LOC\nالمحررة O\n";
/// let sentences = parse(corpus);
/// assert_eq!(sentences.len(), 2);
/// assert_eq!(sentences[0].tokens, ["قصف", "مدينة", "حلب"]);
/// // The invisible mark before إدلب is removed; tab and space both separate.
/// assert_eq!(sentences[1].tokens, ["إدلب", "المحررة"]);
/// assert_eq!(sentences[1].tags, [Tag::B(Label::Loc), Tag::O]);
/// ```
pub fn parse(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    // The nested tags of the current sentence's tokens, when its lines have several.
    let mut nested: Vec<Vec<String>> = Vec::new();
    let mut finish = |current: &mut Sentence, nested: &mut Vec<Vec<String>>| {
        if nested.iter().any(|tags| tags.len() > 1) {
            current.tags = flatten(nested);
        }
        nested.clear();
        if !current.tokens.is_empty() {
            sentences.push(std::mem::take(current));
        }
    };
    for line in text.lines() {
        let line = line.trim_end_matches(['\r', '\n']);
        if line.trim().is_empty() {
            finish(&mut current, &mut nested);
            continue;
        }
        if line.starts_with("# ") && line.split_whitespace().count() >= 3 {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let is_tag = |f: &&str| *f == "O" || f.starts_with("B-") || f.starts_with("I-");
        let (token, tags): (String, Vec<String>) = if fields.len() > 2 && fields[1..].iter().all(is_tag) {
            (fields[0].to_owned(), fields[1..].iter().map(|f| (*f).to_owned()).collect())
        } else {
            let Some((token, tag)) = line.trim().rsplit_once([' ', '\t']) else { continue };
            (token.to_owned(), vec![tag.trim().to_owned()])
        };
        let token: String =
            token.trim().chars().filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{FEFF}')).collect();
        if token.trim().is_empty() {
            continue;
        }
        current.tokens.push(token);
        current.tags.push(Tag::parse(&tags[0]));
        nested.push(tags);
    }
    finish(&mut current, &mut nested);
    sentences
}

/// One BIO sequence from nested tag columns (see the module documentation).
fn flatten(nested: &[Vec<String>]) -> Vec<Tag> {
    let n = nested.len();
    let columns = nested.iter().map(Vec::len).max().unwrap_or(0);
    let mut spans: Vec<(usize, usize, Label)> = Vec::new();
    for column in 0..columns {
        let tag_at = |i: usize| nested[i].get(column).map_or("O", String::as_str);
        let mut i = 0;
        while i < n {
            let Some(name) = tag_at(i).strip_prefix("B-") else {
                i += 1;
                continue;
            };
            let mut end = i + 1;
            while end < n && tag_at(end).strip_prefix("I-") == Some(name) {
                end += 1;
            }
            if let Some(label) = coarse_type(name) {
                spans.push((i, end, label));
            }
            i = end;
        }
    }
    spans.sort_by_key(|&(first, last, _)| (std::cmp::Reverse(last - first), first));
    let mut tags = vec![Tag::O; n];
    let mut taken = vec![false; n];
    for (first, last, label) in spans {
        if taken[first..last].iter().any(|&t| t) {
            continue;
        }
        for i in first..last {
            taken[i] = true;
            tags[i] = if i == first { Tag::B(label) } else { Tag::I(label) };
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_indices_round_trip() {
        for index in 0..TAG_COUNT {
            assert_eq!(Tag::from_index(index).index(), index);
        }
        assert_eq!(Tag::B(Label::Date).index(), 0);
    }

    #[test]
    fn corpus_quirks() {
        let text = "\u{FEFF}\u{200E}جوبا\tB-Population-Center\r\n\u{200E}،\tO\r\n\t\r\nX B-MISS1\nY I-MIS1`\n\u{200F} O\nZ OO\n";
        let sentences = parse(text);
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].tokens, ["جوبا", "،"]);
        assert_eq!(sentences[0].tags, [Tag::B(Label::Loc), Tag::O]);
        assert_eq!(sentences[1].tokens, ["X", "Y", "Z"]);
        assert_eq!(sentences[1].tags, [Tag::B(Label::Misc), Tag::I(Label::Misc), Tag::O]);
    }

    #[test]
    fn comment_lines_are_skipped_but_a_hash_token_is_kept() {
        let sentences = parse("# doc: a b.txt\n# O\nحلب B-LOC\n");
        assert_eq!(sentences[0].tokens, ["#", "حلب"]);
        assert_eq!(sentences[0].tags, [Tag::O, Tag::B(Label::Loc)]);
    }

    #[test]
    fn nested_tags_keep_the_longest_entity_spans() {
        let text = "مجلس B-ORG\nالأمن I-ORG\nالأسد I-ORG B-PERS\nسكرتير B-OCC\nاللجنة I-OCC B-ORG\nفي I-OCC\nنابلس I-OCC B-GPE\n";
        let sentences = parse(text);
        assert_eq!(sentences[0].tokens[2], "الأسد");
        let tags = &sentences[0].tags;
        assert_eq!(tags[..3], [Tag::B(Label::Org), Tag::I(Label::Org), Tag::I(Label::Org)]);
        assert_eq!(tags[3..], [Tag::O, Tag::B(Label::Org), Tag::O, Tag::B(Label::Loc)]);
    }

    #[test]
    fn groups_are_not_entities() {
        assert_eq!(Tag::parse("B-Group"), Tag::O);
        assert_eq!(Tag::parse("B-SPANISH"), Tag::O);
    }
}

//! Linking mentions to entities: every mention gets the id of the entity it names, the same
//! id for every spelling of it, within a document and across documents.
//!
//! - Lexicon mentions carry the id of their lexicon entry (ASCII: `per:sergey-lavrov`,
//!   `gn:170654`), which already groups the spellings the lexicon lists. They are never merged
//!   with each other (but for rule 6): two lexicon entries are two entities.
//! - A name the matcher did not find in the lexicon as written may be a lexicon name in another
//!   form (`resolve`): the name whole, an organization without its nationality adjectives or
//!   with another head of the same body (`ميليشيات الحوثي` is `جماعة الحوثي`), a person without
//!   the family name `آل X`, or with a long vowel more or less in a rarer spelling (`بوتن`).
//! - Names the lexicon does not know get an id made of their label and their *name key*
//!   (folding plus the spelling differences of transliterated names), and are then
//!   linked to another mention of the same label in the same document when
//!   1. their keys are equal (سيرجي ↔ سيرغي, داوود ↔ داود, تشافيز ↔ شافيز), the article of the
//!      first word aside (تحالف العربي, from للتحالف العربي, ↔ التحالف العربي);
//!   2. they differ by one long vowel dropped inside a long word (غوتيريش ↔ غوتيرش);
//!   3. (people) the name is the end of exactly one longer name in the document, word by word
//!      under rules 1–2 (لافروف after سيرغي لافروف, الأسد after بشار الأسد), or, one word that
//!      ends none, the beginning of exactly one (كيم after كيم جونغ أون); this comes before a
//!      same-spelled mention the lexicon does not know;
//!   4. the name stands in parentheses right after an organization, as its short form
//!      (قوات سوريا الديمقراطية (قسد));
//!   5. (organizations) the name is exactly one longer name without the nationality adjectives
//!      that end it (وزارة الدفاع after وزارة الدفاع الروسية);
//!   6. (lexicon mentions) one name written alike is one entity in a document: where the
//!      lexicon read it as two entries, one through the longer form around it (غزة of قطاع غزة)
//!      and one alone (غزة, the city), all take the entry read through the longer form.
//! - Across documents ([`link_corpus`]), entities the lexicon does not know are linked whole,
//!   by their fullest name under rules 1 and 2, to an unknown entity or a name written for a
//!   lexicon entity elsewhere; a person known by one word alone is linked to the person whose
//!   full name ends with it only when the whole corpus has one such person: a surname shared by
//!   two people of the corpus stays alone.
//! - Dates and numbers are linked by value: `15 آذار 2011` and `15 مارس 2011` are both
//!   `date:2011-03-15`; a date with no complete value is linked by its folded surface.
//!
//! A wrong merge is worse than a missed one: every rule asks for the same label, rule 2 only
//! applies to words of six letters or more, and rules 3 and 5 only when the longer name is
//! unique: two people of one family name (كيم جونغ أون، كيم يو جونغ) leave a lone كيم alone.
//!
//! In the flow, a document is linked within itself by [`Analyzer::analyze`](crate::Analyzer::analyze);
//! what this module offers is the next step, linking across documents once all are analyzed
//! ([`link_corpus`], or [`CorpusLinker`] batch by batch), before the corpus views and the
//! exports read the ids.
//!
//! ```
//! let analyzer = kashif_core::Analyzer::new();
//! // Within a document: the full name, then the family name alone (rule 3).
//! let one = analyzer.analyze("قال محمد صالح الهاشمي إن القصف مستمر، وأضاف الهاشمي أن الوضع صعب");
//! assert_eq!(one.entities[0].id, one.entities[1].id);
//! // Across documents, once linked.
//! let texts = ["قال محمد صالح الهاشمي إن القصف مستمر", "وأكد الهاشمي أن القصف مستمر"];
//! let mut two: Vec<_> = texts.iter().map(|text| analyzer.analyze(text)).collect();
//! assert_ne!(two[0].entities[0].id, two[1].entities[0].id);
//! kashif_core::link::link_corpus(&mut two);
//! assert_eq!(two[0].entities[0].id, two[1].entities[0].id);
//! assert_eq!(two[1].entities[0].canonical, "محمد صالح الهاشمي");
//! ```

use rustc_hash::FxHashMap;

use crate::analysis::{Analysis, Label, Mention};
use crate::extract::lexicon::Lexicon;
use crate::extract::{Candidate, Words};
use crate::hash::stable_hash;
use crate::word_tables::demonyms::Demonyms;
use crate::word_tables::name_heads::Heads;
use crate::word_tables::WordTables;
use crate::text::normalize::{fold, folded_chars};

/// The id and display name of a rule mention (a date or a number) from its canonical value
/// (possibly empty) and its surface in the text.
pub(crate) fn rule_entity(label: Label, canonical: &str, surface: &str) -> (String, String) {
    let prefix = label.as_str().to_ascii_lowercase();
    if canonical.is_empty() {
        let key = fold(surface).split_whitespace().collect::<Vec<_>>().join(" ");
        (format!("{prefix}:{key}"), surface.to_owned())
    } else {
        (format!("{prefix}:{canonical}"), canonical.to_owned())
    }
}

/// The id and display name of a name the lexicon does not know: its label and name key, and the
/// surface as written.
/// An organization's key leaves out a head that only says what kind of body the definite name
/// after it is (`قوات التحالف العربي` is `التحالف العربي`; `same` in `data/name_heads.tsv`).
pub(crate) fn unknown_entity(heads: &Heads, label: Label, surface: &str) -> (String, String) {
    let mut key = name_key(surface);
    if label == Label::Org {
        if let Some((head, rest)) = key.split_once(' ') {
            if rest.starts_with("ال") && heads.same_body().iter().any(|h| h == head) {
                key = rest.to_owned();
            }
        }
    }
    (format!("{}:{}", label.as_str().to_ascii_lowercase(), key), surface.to_owned())
}

/// The lexicon entity a name the matcher left without one names in another form, as (id,
/// display name), of the name's own type:
/// - the name as written, whole (the matcher may have read a shorter name inside it), a hyphen
///   between its words read as a space (`كيم جونغ-أون`);
/// - (organizations) without the nationality adjectives that end it, while two words or more
///   remain (`وحدات حماية الشعب الكردي` → `وحدات حماية الشعب`; not `الاتحاد الأوروبي` →
///   `الاتحاد`);
/// - (organizations) with a head that only says what kind of body it is (`same` in
///   `data/name_heads.tsv`) dropped, put or exchanged for another: `ميليشيات الحوثي` is `جماعة
///   الحوثي`, `تنظيم داعش` is `داعش`. Heads of another body (`وزارة`، `مكتب`) are never dropped;
/// - (people) without the family name `آل X` at its end (`سلمان بن عبدالعزيز آل سعود`);
/// - (people) with one word of four letters or more spelled with a long vowel (ا و ي) more or
///   less inside it, when the lexicon's spelling is much more common in Arabic text (two
///   frequency classes: `بوتن` → `بوتين`, `ترمب` → `ترامب`); two common names (`محمد` /
///   `محمود`) are two names.
///
/// `frequency` is how common a folded word is (0 to 7).
pub(crate) fn resolve(
    lexicon: &Lexicon,
    tables: &WordTables,
    frequency: &dyn Fn(&str) -> u8,
    words: &Words<'_>,
    candidate: &Candidate,
) -> Option<(String, String)> {
    let (first, label) = (candidate.first, candidate.label);
    let stem = words.readings(first).iter().find(|r| r.prefix == candidate.prefix).map(|r| r.stem.as_str());
    let name: Vec<&str> = std::iter::once(stem.or(words.text(first))?)
        .chain((first + 1..candidate.last).filter_map(|j| words.text(j)).filter(|w| *w != "-"))
        .collect();
    let known = |tokens: &[&str]| {
        lexicon.entry_named(tokens).filter(|(l, _, _)| *l == label).map(|(_, canonical, id)| (id.to_owned(), canonical.to_owned()))
    };
    if let Some(found) = known(&name) {
        return Some(found);
    }
    match label {
        Label::Org => organization_in_other_form(tables, &name, &known),
        Label::Per => person_in_other_spelling(lexicon, frequency, &name, &known),
        _ => None,
    }
}

/// The organization `name` names otherwise ([`resolve`]): without the nationality adjectives
/// that end it, its same-body head dropped or exchanged, a nisba read as its noun, or without
/// its second word.
fn organization_in_other_form(tables: &WordTables, name: &[&str], known: &dyn Fn(&[&str]) -> Option<Entity>) -> Option<Entity> {
    let mut end = name.len();
    loop {
        let part = &name[..end];
        if end < name.len() {
            if let Some(found) = known(part) {
                return Some(found);
            }
        }
        if let Some(found) = with_other_head(tables.heads, part, known) {
            return Some(found);
        }
        if end > 2 && tables.demonyms.is_nationality(name[end - 1]) {
            end -= 1;
        } else {
            return with_noun_for_nisba(name, known).or_else(|| without_second_word(name, known));
        }
    }
}

/// The person `name` names otherwise ([`resolve`]): without the family name `آل X` at its end,
/// or with one word spelled with a long vowel more or less, much more common so.
fn person_in_other_spelling(
    lexicon: &Lexicon,
    frequency: &dyn Fn(&str) -> u8,
    name: &[&str],
    known: &dyn Fn(&[&str]) -> Option<Entity>,
) -> Option<Entity> {
    let n = name.len();
    if n >= 4 && name[n - 2] == "ال" {
        if let Some(found) = known(&name[..n - 2]) {
            return Some(found);
        }
    }
    for (at, word) in name.iter().enumerate() {
        let own = frequency(word);
        let found = find_vowel_variant(word, |variant| {
            if !lexicon.knows_token(variant) || frequency(variant) < own.saturating_add(2) {
                return None;
            }
            let mut tokens = name.to_vec();
            tokens[at] = variant;
            known(&tokens)
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

/// An entity's id and display name.
type Entity = (String, String);

/// The organization `name` is with its same-body head dropped or exchanged for another, or with
/// one put before it.
fn with_other_head(heads: &Heads, name: &[&str], known: &dyn Fn(&[&str]) -> Option<Entity>) -> Option<Entity> {
    let heads = heads.same_body();
    let headed = heads.iter().any(|h| Some(h.as_str()) == name.first().copied());
    let rest = if headed { &name[1..] } else { name };
    if rest.is_empty() {
        return None;
    }
    if headed {
        if let Some(found) = known(rest) {
            return Some(found);
        }
    }
    heads.iter().filter(|h| Some(h.as_str()) != name.first().copied()).find_map(|head| {
        let tokens: Vec<&str> = std::iter::once(head.as_str()).chain(rest.iter().copied()).collect();
        known(&tokens)
    })
}

/// The organization `name` with an indefinite nisba inside it read as its noun (`حلف شمالي
/// الأطلسي` is `حلف شمال الأطلسي`): one word after the first, of four letters or more, ending in
/// `ي`.
fn with_noun_for_nisba(name: &[&str], known: &dyn Fn(&[&str]) -> Option<Entity>) -> Option<Entity> {
    (1..name.len()).find_map(|at| {
        let noun = name[at].strip_suffix('ي').filter(|n| !n.starts_with("ال") && n.chars().count() >= 3)?;
        let tokens: Vec<&str> = name.iter().enumerate().map(|(j, w)| if j == at { noun } else { w }).collect();
        known(&tokens)
    })
}

/// The organization `name` without an indefinite second word, the first word's complement in
/// the long form (`وكالة أنباء الأناضول` is `وكالة الأناضول`): three words or more, the second
/// without the article, the third with it.
fn without_second_word(name: &[&str], known: &dyn Fn(&[&str]) -> Option<Entity>) -> Option<Entity> {
    if name.len() < 3 || name[1].starts_with("ال") || !name[2].starts_with("ال") {
        return None;
    }
    let tokens: Vec<&str> = std::iter::once(name[0]).chain(name[2..].iter().copied()).collect();
    known(&tokens)
}

/// The first `Some` that `visit` gives for a spelling of `word` with one long vowel (ا و ي) put
/// between two of its letters or taken from between two, for Arabic words of four letters or
/// more (and variants of four or more). The spellings are made in turn in one buffer (a `String`
/// each, collected, were a quarter of the time of finding the entities of an article's names).
fn find_vowel_variant<T>(word: &str, mut visit: impl FnMut(&str) -> Option<T>) -> Option<T> {
    let letters = word.chars().count();
    if letters < 4 || !word.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)) {
        return None;
    }
    // Each of these letters is two bytes of UTF-8: letter `k` starts at byte 2k.
    let letter = |k: usize| word[2 * k..].chars().next().unwrap_or_default();
    let mut variant = String::with_capacity(word.len() + 2);
    let mut spelled = |head: &str, vowel: Option<char>, tail: &str| {
        variant.clear();
        variant.push_str(head);
        variant.extend(vowel);
        variant.push_str(tail);
        visit(&variant)
    };
    for at in 1..letters {
        let (this, before) = (letter(at), letter(at - 1));
        for vowel in ['ا', 'و', 'ي'] {
            if this != vowel && before != vowel {
                if let Some(found) = spelled(&word[..2 * at], Some(vowel), &word[2 * at..]) {
                    return Some(found);
                }
            }
        }
        if at + 1 < letters && letters > 4 && matches!(this, 'ا' | 'و' | 'ي') {
            if let Some(found) = spelled(&word[..2 * at], None, &word[2 * at + 2..]) {
                return Some(found);
            }
        }
    }
    None
}

/// True for ids of lexicon entries (ASCII slugs and codes); ids made from a name key hold
/// Arabic letters.
fn is_lexicon_id(id: &str) -> bool {
    id.is_ascii()
}

/// The key under which spellings of one transliterated name compare equal: the folded words
/// (see [`fold`]) with ج and غ read as one letter (the foreign g: سيرجي / سيرغي), تش as ش (the
/// foreign ch), and doubled و ي ا written once (داوود / داود).
/// Words are written with one space between them, in one pass over the folded chars.
fn name_key(surface: &str) -> String {
    let mut key = String::with_capacity(surface.len());
    // The last char written of the current word; none at a word's start.
    let mut previous: Option<char> = None;
    for c in folded_chars(surface) {
        let c = match c {
            ' ' => {
                previous = None;
                continue;
            }
            'ج' => 'غ',
            // The ت just written and this ش are the foreign ch: the ت goes.
            'ش' if previous == Some('ت') => {
                key.pop();
                'ش'
            }
            _ => c,
        };
        if previous == Some(c) && matches!(c, 'و' | 'ي' | 'ا') {
            continue;
        }
        if previous.is_none() && !key.is_empty() {
            key.push(' ');
        }
        key.push(c);
        previous = Some(c);
    }
    key
}

/// True when two word keys are equal, or one is the other with one long vowel (ا و ي) dropped
/// inside it, in words of six letters or more (غوتيريش / غوتيرش, بيدرسون / بيدرسن). Short words
/// are left alone: حسن and حسين are two names.
fn words_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    if long.len() != short.len() + 1 || short.len() < 6 - 1 || long.len() < 6 {
        return false;
    }
    let split = long.iter().zip(&short).take_while(|(x, y)| x == y).count();
    split > 0 && split < long.len() - 1 && matches!(long[split], 'ا' | 'و' | 'ي') && long[split + 1..] == short[split..]
}

/// True when two name keys match word by word, the article ال of the first word of either
/// aside (it is not written after لل: `للتحالف العربي` names `التحالف العربي`).
fn names_match(a: &[&str], b: &[&str]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).enumerate().all(|(at, (x, y))| {
            words_match(x, y) || (at == 0 && words_match(without_article(x), without_article(y)))
        })
}

/// The word without its article ال, when two letters or more remain.
fn without_article(word: &str) -> &str {
    word.strip_prefix("ال").filter(|rest| rest.chars().count() >= 2).unwrap_or(word)
}

/// True when `short` is the end of `long`, word by word, and shorter.
fn ends_name(short: &[&str], long: &[&str]) -> bool {
    short.len() < long.len() && names_match(short, &long[long.len() - short.len()..])
}

const LINKED: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

/// Links the name mentions of one document (rules 1 to 6 of the module documentation).
/// `text` is the document; mentions are in text order. The mentions are indexed by the
/// skeletons of their words ([`MentionIndex`]), so each rule reads the few mentions whose
/// names may match instead of every mention: the time grows with the number of mentions, not
/// with its square (but for many one-word names and longer names sharing one word, such as a
/// family name alone and with first names).
pub(crate) fn link_document(demonyms: &Demonyms, text: &str, mentions: &mut [Mention]) {
    let keys: Vec<String> = mentions.iter().map(|m| name_key(&m.text)).collect();
    let names = DocumentNames::new(demonyms, mentions, &keys);
    let mut members = Members::new(mentions);
    for index in 0..mentions.len() {
        let label = mentions[index].label;
        if !LINKED.contains(&label) || is_lexicon_id(&mentions[index].id) {
            continue;
        }
        if let Some(target) = names.target(mentions, index) {
            members.adopt(mentions, index, target);
        }
    }
    link_short_forms(text, mentions, &keys, &mut members);
    one_entity_per_name(mentions, &keys);
    settle_canonical_names(mentions);
}

/// The names of a document's mentions, as [`link_document`] compares them: the words of their
/// keys, the skeletons of those words, and the mentions indexed by them.
struct DocumentNames<'k> {
    /// The nationality adjectives (rule 5).
    demonyms: &'k Demonyms,
    /// The words of each mention's name key.
    words: Vec<Vec<&'k str>>,
    /// The folded words of each organization's name, for the nationality adjectives of rule 5.
    folded: Vec<Vec<String>>,
    names: Vec<NameSkeletons>,
    /// The linked mentions by their first word and the rest, by their last word and length, and
    /// by their first word and length.
    whole: MentionIndex,
    last: MentionIndex,
    first: MentionIndex,
    /// The most words of a name.
    longest: usize,
}

impl<'k> DocumentNames<'k> {
    fn new(demonyms: &'k Demonyms, mentions: &[Mention], keys: &'k [String]) -> Self {
        let words: Vec<Vec<&str>> = keys.iter().map(|k| k.split(' ').collect()).collect();
        let folded: Vec<Vec<String>> = mentions
            .iter()
            .map(|m| match m.label {
                Label::Org => fold(&m.text).split_whitespace().map(str::to_owned).collect(),
                _ => Vec::new(),
            })
            .collect();
        let linked = |index: usize| LINKED.contains(&mentions[index].label);
        let mut skeletons = Skeletons::default();
        let names: Vec<NameSkeletons> = (0..mentions.len())
            .map(|index| if linked(index) { skeletons.of_name(&words[index]) } else { NameSkeletons::default() })
            .collect();
        let (mut whole, mut last, mut first) = (MentionIndex::default(), MentionIndex::default(), MentionIndex::default());
        for index in (0..mentions.len()).filter(|&i| linked(i)) {
            let (name, count) = (&names[index], words[index].len() as u32);
            whole.add(index, name.first, name.rest);
            last.add(index, name.last, count);
            first.add(index, name.first, count);
        }
        let longest = words.iter().map(Vec::len).max().unwrap_or(0);
        DocumentNames { demonyms, words, folded, names, whole, last, first, longest }
    }

    /// The mention that mention `index` (linked, not the lexicon's) names the entity of, by rules
    /// 1, 2, 3 and 5, if any.
    fn target(&self, mentions: &[Mention], index: usize) -> Option<usize> {
        let label = mentions[index].label;
        let (name, skeleton) = (&self.words[index], &self.names[index]);
        // Rules 1 and 2: the same name spelled otherwise; a lexicon mention first.
        let target = self
            .whole
            .candidates(skeleton.first, skeleton.rest)
            .filter(|&other| other != index && mentions[other].label == label && names_match(name, &self.words[other]))
            .min_by_key(|&other| (!is_lexicon_id(&mentions[other].id), other));
        if target.is_some_and(|t| is_lexicon_id(&mentions[t].id)) {
            return target;
        }
        // Rule 3: a person's name as the end of exactly one longer name (or, one word, as the
        // beginning of one, when none ends with it: `كيم` after `كيم جونغ أون`); the one word of
        // an organization or a place the lexicon does not know, as the beginning of one
        // (`الريال` after `ريال مدريد`, `الغوطة` after `الغوطة الشرقية`).
        let target = if label == Label::Per || (matches!(label, Label::Org | Label::Loc) && name.len() == 1) {
            self.longer_name(mentions, index).or(target)
        } else {
            target
        };
        // Rule 5: an organization's name as exactly one longer name of it without the
        // nationality adjectives that end it (`وزارة الدفاع` after `وزارة الدفاع الروسية`).
        if label == Label::Org && target.is_none() && name.len() >= 2 {
            return self.described_name(mentions, index);
        }
        target
    }

    /// Rule 3: the one longer name that mention `index`'s ends (a person's) or, one word,
    /// begins. A person's name that several longer names share is the one named before it,
    /// when only one is (`كيم` after `كيم جونغ-أون` and before `كيم يو-جونغ`).
    fn longer_name(&self, mentions: &[Mention], index: usize) -> Option<usize> {
        let label = mentions[index].label;
        let (name, skeleton, words, longest) = (&self.words[index], &self.names[index], &self.words, self.longest);
        let same_label = |other: usize| other != index && mentions[other].label == label;
        let before = |o: &usize| label == Label::Per && *o < index;
        let mut longer = None;
        if label == Label::Per {
            let ending = || {
                self.last.longer(skeleton.last, name.len(), longest).filter(|&o| same_label(o) && ends_name(name, &words[o]))
            };
            longer = unique_entity(mentions, ending()).or_else(|| unique_entity(mentions, ending().filter(before)));
        }
        if longer.is_none() && name.len() == 1 {
            let beginning = || {
                self.first
                    .longer(skeleton.first, 1, longest)
                    .filter(|&o| same_label(o) && words[o].len() > 1 && names_match(name, &words[o][..1]))
            };
            longer = unique_entity(mentions, beginning()).or_else(|| unique_entity(mentions, beginning().filter(before)));
        }
        longer
    }

    /// Rule 5: the one longer name of an organization that is mention `index`'s with
    /// nationality adjectives after it.
    fn described_name(&self, mentions: &[Mention], index: usize) -> Option<usize> {
        let label = mentions[index].label;
        let (name, skeleton, words, folded) = (&self.words[index], &self.names[index], &self.words, &self.folded);
        let n = name.len();
        let described = self.first.longer(skeleton.first, n, self.longest).filter(|&o| {
            o != index
                && mentions[o].label == label
                && words[o].len() > n
                && names_match(name, &words[o][..n])
                && folded[o].len() == words[o].len()
                && folded[o][n..].iter().all(|w| self.demonyms.is_nationality(w))
        });
        unique_entity(mentions, described)
    }
}

/// Skeletons ([`skeleton`]) numbered as they are first seen, so that an index compares and
/// hashes numbers, each skeleton computed once per word of a mention (into `scratch`: a
/// skeleton seen before costs no new string).
#[derive(Default)]
struct Skeletons {
    numbers: FxHashMap<String, u32>,
    scratch: String,
}

/// The numbered skeletons of one word: as written, and without its article when that differs.
#[derive(Debug, Clone, Copy, Default)]
struct WordSkeletons {
    plain: u32,
    bare: Option<u32>,
}

impl WordSkeletons {
    fn numbers(self) -> impl Iterator<Item = u32> {
        std::iter::once(self.plain).chain(self.bare)
    }
}

/// The numbered skeletons a name is indexed by: of its first and last words, and of its other
/// words together.
#[derive(Debug, Clone, Copy, Default)]
struct NameSkeletons {
    first: WordSkeletons,
    last: WordSkeletons,
    rest: u32,
}

impl Skeletons {
    fn number(&mut self, skeleton: &str) -> u32 {
        if let Some(&number) = self.numbers.get(skeleton) {
            return number;
        }
        let next = self.numbers.len() as u32;
        self.numbers.insert(skeleton.to_owned(), next);
        next
    }

    /// The number of the skeleton of `word`.
    fn number_of_word(&mut self, word: &str) -> u32 {
        let mut scratch = std::mem::take(&mut self.scratch);
        skeleton_into(word, &mut scratch);
        let number = self.number(&scratch);
        self.scratch = scratch;
        number
    }

    fn of_word(&mut self, word: &str) -> WordSkeletons {
        let plain = self.number_of_word(word);
        let bare_word = without_article(word);
        // Most words have no article to take off: their bare skeleton is the plain one.
        let bare = if bare_word.len() == word.len() { plain } else { self.number_of_word(bare_word) };
        WordSkeletons { plain, bare: (bare != plain).then_some(bare) }
    }

    /// The skeletons of a name's key words (never empty: a key splits into one word or more).
    fn of_name(&mut self, name: &[&str]) -> NameSkeletons {
        let rest: String = name[1..].iter().map(|w| skeleton(w)).collect::<Vec<_>>().join(" ");
        NameSkeletons { first: self.of_word(name[0]), last: self.of_word(name[name.len() - 1]), rest: self.number(&rest) }
    }
}

/// Mentions by the skeleton of one word of their name, with and without its article, and a
/// suffix (the skeleton of the other words, or the number of words): two words that match
/// under rules 1–2, the article of a first word aside, always share one of these keys.
#[derive(Default)]
struct MentionIndex {
    map: FxHashMap<(u32, u32), Vec<usize>>,
}

impl MentionIndex {
    fn add(&mut self, index: usize, word: WordSkeletons, suffix: u32) {
        for number in word.numbers() {
            self.map.entry((number, suffix)).or_default().push(index);
        }
    }

    /// The mentions indexed with the word and a number of words from `fewer + 1` to `most`
    /// (the suffix): the longer names a word may end or begin.
    fn longer(&self, word: WordSkeletons, fewer: usize, most: usize) -> impl Iterator<Item = usize> + '_ {
        (fewer + 1..=most).flat_map(move |n| self.candidates(word, n as u32))
    }

    /// The mentions indexed under one of the word's keys, in no set order, maybe twice.
    fn candidates(&self, word: WordSkeletons, suffix: u32) -> impl Iterator<Item = usize> + '_ {
        word.numbers().filter_map(move |number| self.map.get(&(number, suffix))).flatten().copied()
    }
}

/// The mentions of each id, kept as ids change (an entry may be stale: read through
/// [`Members::of`]).
struct Members(FxHashMap<String, Vec<usize>>);

impl Members {
    fn new(mentions: &[Mention]) -> Self {
        let mut map: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (index, mention) in mentions.iter().enumerate() {
            map.entry(mention.id.clone()).or_default().push(index);
        }
        Members(map)
    }

    /// The mentions that have the id now.
    fn of(&self, mentions: &[Mention], id: &str) -> Vec<usize> {
        self.0.get(id).into_iter().flatten().copied().filter(|&i| mentions[i].id == id).collect()
    }

    /// Mention `index`, and every mention that shared its id, take the id and display name of
    /// mention `target`.
    fn adopt(&mut self, mentions: &mut [Mention], index: usize, target: usize) {
        let (id, canonical) = (mentions[target].id.clone(), mentions[target].canonical.clone());
        let old = mentions[index].id.clone();
        let moving = self.of(mentions, &old);
        for &mention in &moving {
            mentions[mention].id = id.clone();
            mentions[mention].canonical = canonical.clone();
        }
        if old != id {
            self.0.remove(&old);
            self.0.entry(id).or_default().extend(moving);
        }
    }

    /// Mention `index` now has another id.
    fn moved(&mut self, mentions: &[Mention], index: usize) {
        self.0.entry(mentions[index].id.clone()).or_default().push(index);
    }
}

/// The first in text order of the mentions when they all have one id; none when there are none
/// or several ids (read up to the second id).
fn unique_entity(mentions: &[Mention], mut found: impl Iterator<Item = usize>) -> Option<usize> {
    let mut first = found.next()?;
    for other in found {
        if mentions[other].id != mentions[first].id {
            return None;
        }
        first = first.min(other);
    }
    Some(first)
}

/// Rule 6: one name written alike in one document is one entity. Where the lexicon read the same
/// name (same label, same key) as two entries, because one mention was read through the longer
/// form around it (`غزة` in `قطاع غزة`, which the lexicon knows as the strip) and another alone
/// (`غزة`, the city), every mention takes the entry read through the longer form, when there is
/// exactly one such entry. A mention whose display name is its own name was read alone.
fn one_entity_per_name(mentions: &mut [Mention], keys: &[String]) {
    let mut groups: FxHashMap<(Label, &str), Vec<usize>> = FxHashMap::default();
    for (index, mention) in mentions.iter().enumerate() {
        if LINKED.contains(&mention.label) && is_lexicon_id(&mention.id) {
            groups.entry((mention.label, keys[index].as_str())).or_default().push(index);
        }
    }
    // The name key of each display name, computed once (many mentions share one).
    let mut display_keys: FxHashMap<&str, String> = FxHashMap::default();
    let mut changes: Vec<(usize, usize)> = Vec::new();
    for (&(_, key), group) in &groups {
        let mut alone = |index: usize| {
            let canonical = mentions[index].canonical.as_str();
            *display_keys.entry(canonical).or_insert_with(|| name_key(canonical)) == key
        };
        let read_in_context: Vec<usize> = group.iter().copied().filter(|&index| !alone(index)).collect();
        let Some((&chosen, others)) = read_in_context.split_first() else { continue };
        let chosen_id = &mentions[chosen].id;
        if others.iter().all(|&index| mentions[index].id == *chosen_id) {
            changes.extend(group.iter().filter(|&&index| mentions[index].id != *chosen_id).map(|&index| (index, chosen)));
        }
    }
    for (index, chosen) in changes {
        mentions[index].id = mentions[chosen].id.clone();
        mentions[index].canonical = mentions[chosen].canonical.clone();
    }
}

/// Rule 4: «ORG (SHORT)»: SHORT, and every later mention with its key, take the ORG's id.
fn link_short_forms(text: &str, mentions: &mut [Mention], keys: &[String], members: &mut Members) {
    let mut by_key: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (index, key) in keys.iter().enumerate() {
        by_key.entry(key.as_str()).or_default().push(index);
    }
    let mut offsets = crate::text::byte_offsets::ByteOffsets::of(text);
    for index in 1..mentions.len() {
        let (org, short) = (&mentions[index - 1], &mentions[index]);
        if org.label != Label::Org || is_lexicon_id(&short.id) || org.end > short.start {
            continue;
        }
        let (gap, close) = (offsets.of_char(org.end)..offsets.of_char(short.start), offsets.of_char(short.end));
        if text[gap].trim() != "(" || !text[close..].starts_with(')') {
            continue;
        }
        let (id, canonical, old) = (org.id.clone(), org.canonical.clone(), short.id.clone());
        let mut later: Vec<usize> = members.of(mentions, &old);
        later.extend(by_key.get(keys[index].as_str()).into_iter().flatten());
        later.retain(|&i| i >= index);
        later.sort_unstable();
        later.dedup();
        for mention in later {
            mentions[mention].id = id.clone();
            mentions[mention].label = Label::Org;
            mentions[mention].canonical = canonical.clone();
            members.moved(mentions, mention);
        }
    }
}

/// An entity not in the lexicon is displayed by its fullest name: the surface of most words
/// (the first such), shared by all its mentions.
fn settle_canonical_names(mentions: &mut [Mention]) {
    let mut best: FxHashMap<&str, &str> = FxHashMap::default();
    for mention in mentions.iter().filter(|m| LINKED.contains(&m.label) && !is_lexicon_id(&m.id)) {
        let words = |s: &str| s.split_whitespace().count();
        let entry = best.entry(mention.id.as_str()).or_insert(mention.canonical.as_str());
        if words(&mention.text) > words(entry) {
            *entry = mention.text.as_str();
        }
    }
    let settled: Vec<Option<String>> = mentions
        .iter()
        .map(|mention| best.get(mention.id.as_str()).filter(|&&name| name != mention.canonical).map(|name| name.to_string()))
        .collect();
    for (mention, name) in mentions.iter_mut().zip(settled) {
        if let Some(name) = name {
            mention.canonical = name;
        }
    }
}

/// Links the entities of several documents, entity by entity (all the mentions of an entity
/// of a document move together):
/// 1. an entity the lexicon does not know takes the entity of an earlier document whose name is
///    spelled alike (same label, name keys equal or one long vowel apart, rules 1–2): its
///    fullest name against the fullest names of unknown entities and the names written for
///    lexicon entities (a lexicon entity first);
/// 2. then a person known by one word alone in a document (no longer name of the document
///    ends with it) takes the person whose full name ends with that word, when the whole corpus
///    has exactly one such person (`صلاح` → `محمد صلاح`; two people of the family name: none).
///
/// Lexicon entities already share their ids across documents. Quotes follow their speaker: a
/// quote whose speaker was relinked gets the new id and display name too. The names are
/// indexed by their last word, so the cost grows with the corpus, not with its square.
///
/// ```
/// let analyzer = kashif_core::Analyzer::new();
/// let mut analyses = vec![analyzer.analyze("حلب"), analyzer.analyze("حلب")];
/// kashif_core::link::link_corpus(&mut analyses);
/// assert_eq!(analyses[0].entities[0].id, analyses[1].entities[0].id);
/// ```
pub fn link_corpus(analyses: &mut [Analysis]) {
    CorpusLinker::default().link(analyses);
}

/// [`link_corpus`] for a corpus read in batches (a stream of articles): each batch is linked
/// to the documents of the earlier batches and to its own, and nothing of a batch is kept but
/// the names of its entities. One call with the whole corpus is [`link_corpus`]; in batches,
/// step 2 reads the full names of the batches so far (a person named in full only in a later
/// batch is not found).
///
/// ```
/// let analyzer = kashif_core::Analyzer::new();
/// let mut linker = kashif_core::link::CorpusLinker::default();
/// let mut first = [analyzer.analyze("قال محمد صالح الهاشمي إن القصف مستمر")];
/// linker.link(&mut first);
/// let mut second = [analyzer.analyze("وأكد الهاشمي أن القصف مستمر")];
/// linker.link(&mut second);
/// assert_eq!(first[0].entities[0].id, second[0].entities[0].id);
/// ```
#[derive(Default)]
pub struct CorpusLinker {
    /// The names of the entities of the documents linked so far (step 1).
    seen: NameIndex,
    /// The full names of people so far (step 2).
    people: FullNames,
}

impl CorpusLinker {
    /// Links the documents of `batch`, in order, to each other and to those linked before.
    ///
    /// ```
    /// use kashif_core::link::{link_corpus, CorpusLinker};
    ///
    /// let analyzer = kashif_core::Analyzer::new();
    /// let texts = ["قال محمد صالح الهاشمي إن القصف مستمر", "وأكد الهاشمي أن القصف مستمر", "وصل الهاشمي إلى حلب"];
    /// let mut whole: Vec<_> = texts.iter().map(|text| analyzer.analyze(text)).collect();
    /// let mut batches = whole.clone();
    /// link_corpus(&mut whole);
    /// // The same in two batches: the full name came in the first.
    /// let mut linker = CorpusLinker::default();
    /// linker.link(&mut batches[..1]);
    /// linker.link(&mut batches[1..]);
    /// assert_eq!(batches, whole);
    /// ```
    pub fn link(&mut self, batch: &mut [Analysis]) {
        for analysis in batch.iter_mut() {
            self.link_spellings(analysis);
        }
        for analysis in batch.iter() {
            self.people.add(analysis);
        }
        for analysis in batch.iter_mut() {
            self.people.link_surnames(analysis);
        }
    }

    /// Step 1 of [`link_corpus`] for one document, whose names are then remembered.
    fn link_spellings(&mut self, analysis: &mut Analysis) {
        let seen = &mut self.seen;
        let mut relinked: Vec<(String, String, String)> = Vec::new();
        for (label, id, canonical) in entities_of(&analysis.entities) {
            if is_lexicon_id(&id) || relinked.iter().any(|(old, _, _)| *old == id) {
                continue;
            }
            let key = name_key(&canonical);
            let words: Vec<&str> = key.split(' ').collect();
            let found = seen
                .candidates(label, &words)
                .filter(|(_, other, _, _)| names_match(&words, &other.split(' ').collect::<Vec<_>>()))
                .min_by_key(|(order, _, other_id, _)| (!is_lexicon_id(other_id), *order));
            if let Some((_, _, new_id, new_canonical)) = found {
                if **new_id != *id || **new_canonical != *canonical {
                    relinked.push((id, new_id.to_string(), new_canonical.to_string()));
                }
            }
        }
        relink(analysis, &relinked);
        for mention in analysis.entities.iter().filter(|m| LINKED.contains(&m.label)) {
            // Unknown entities by their fullest name; lexicon entities by their display name and
            // every name written, but a person's one word (maybe a surname rule 3 gave it: the
            // corpus-wide step 2 decides those).
            if is_lexicon_id(&mention.id) {
                let key = name_key(&mention.text);
                if mention.label != Label::Per || key.contains(' ') {
                    seen.add(mention.label, &key, &mention.id, &mention.canonical);
                }
            }
            seen.add(mention.label, &name_key(&mention.canonical), &mention.id, &mention.canonical);
        }
    }
}

/// What [`link_corpus`] changes in one document: entity `.0` becomes entity `.1`, named `.2`.
///
/// ```
/// use kashif_core::link::{corpus_relinks, linked_mentions, Relink};
///
/// let analyzer = kashif_core::Analyzer::new();
/// let texts = ["قال محمد صالح الهاشمي إن القصف مستمر", "وأكد الهاشمي أن القصف مستمر"];
/// let relinks = corpus_relinks(texts.iter().map(|text| linked_mentions(&analyzer.analyze(text))).collect());
/// assert!(relinks[0].is_empty());
/// let (old, new, name): &Relink = &relinks[1][0];
/// assert_eq!(name, "محمد صالح الهاشمي");
/// assert_ne!(old, new);
/// ```
pub type Relink = (String, String, String);

/// The mentions of `analysis` that [`link_corpus`] reads and changes (people, organizations,
/// places and others; not dates nor numbers): what the page sends to its linking worker.
///
/// ```
/// let analysis = kashif_core::Analyzer::new().analyze("وصل لافروف إلى أنقرة يوم 15 آذار 2020");
/// assert_eq!(analysis.entities.len(), 3);
/// let names: Vec<String> = kashif_core::link::linked_mentions(&analysis).into_iter().map(|m| m.text).collect();
/// assert_eq!(names, ["لافروف", "أنقرة"]);
/// ```
pub fn linked_mentions(analysis: &Analysis) -> Vec<Mention> {
    analysis.entities.iter().filter(|m| LINKED.contains(&m.label)).cloned().collect()
}

/// [`link_corpus`] run on the [`linked_mentions`] of each document, giving what it changed in
/// each as [`Relink`]s (old id, new id, new display name); [`apply_relinks`] then does to an
/// analysis what [`link_corpus`] would have done. This way the page links in a worker, sending
/// the names over rather than whole analyses.
///
/// ```
/// let analyzer = kashif_core::Analyzer::new();
/// let texts = ["قال الرئيس فلاديمير بوتين إن روسيا مستعدة.", "وقال بوتين في موسكو إنه سيزور حلب."];
/// let mut linked: Vec<_> = texts.iter().map(|t| analyzer.analyze(t)).collect();
/// let mut relinked = linked.clone();
/// kashif_core::link::link_corpus(&mut linked);
/// let relinks = kashif_core::link::corpus_relinks(relinked.iter().map(kashif_core::link::linked_mentions).collect());
/// for (analysis, relinks) in relinked.iter_mut().zip(&relinks) {
///     kashif_core::link::apply_relinks(analysis, relinks);
/// }
/// assert_eq!(relinked, linked);
/// ```
pub fn corpus_relinks(docs: Vec<Vec<Mention>>) -> Vec<Vec<Relink>> {
    let before: Vec<Vec<(String, String)>> =
        docs.iter().map(|mentions| mentions.iter().map(|m| (m.id.clone(), m.canonical.clone())).collect()).collect();
    let mut analyses: Vec<Analysis> =
        docs.into_iter().map(|entities| Analysis { entities, ..Analysis::default() }).collect();
    link_corpus(&mut analyses);
    analyses
        .iter()
        .zip(before)
        .map(|(after, before)| {
            let mut relinks: Vec<Relink> = Vec::new();
            let mut seen = rustc_hash::FxHashSet::default();
            for (mention, (old, canonical)) in after.entities.iter().zip(before) {
                if (mention.id != old || mention.canonical != canonical) && seen.insert(old.clone()) {
                    relinks.push((old, mention.id.clone(), mention.canonical.clone()));
                }
            }
            relinks
        })
        .collect()
}

/// Gives `analysis` the ids and display names [`corpus_relinks`] found for it, as
/// [`link_corpus`] would have.
///
/// ```
/// use kashif_core::link::{apply_relinks, corpus_relinks, linked_mentions};
///
/// let analyzer = kashif_core::Analyzer::new();
/// let first = analyzer.analyze("قال محمد صالح الهاشمي إن القصف مستمر");
/// let mut second = analyzer.analyze("وأكد الهاشمي أن القصف مستمر");
/// let relinks = corpus_relinks(vec![linked_mentions(&first), linked_mentions(&second)]);
/// apply_relinks(&mut second, &relinks[1]);
/// assert_eq!(second.entities[0].id, first.entities[0].id);
/// // Quotes follow their speaker.
/// assert_eq!(second.quotes[0].speaker_name.as_deref(), Some("محمد صالح الهاشمي"));
/// ```
pub fn apply_relinks(analysis: &mut Analysis, relinks: &[Relink]) {
    relink(analysis, relinks);
}

/// The distinct entities of the linked labels among mentions, in order of first mention, as
/// (label, id, display name).
fn entities_of(mentions: &[Mention]) -> Vec<(Label, String, String)> {
    let mut found: Vec<(Label, String, String)> = Vec::new();
    let mut ids: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for mention in mentions.iter().filter(|m| LINKED.contains(&m.label)) {
        if ids.insert(mention.id.as_str()) {
            found.push((mention.label, mention.id.clone(), mention.canonical.clone()));
        }
    }
    found
}

/// Gives the mentions and quote speakers of a document with an old id (first of each triple)
/// the new id and display name.
fn relink(analysis: &mut Analysis, relinked: &[(String, String, String)]) {
    if relinked.is_empty() {
        return;
    }
    let new: FxHashMap<&str, (&String, &String)> =
        relinked.iter().map(|(old, id, canonical)| (old.as_str(), (id, canonical))).collect();
    for mention in analysis.entities.iter_mut().filter(|m| LINKED.contains(&m.label)) {
        if let Some((id, canonical)) = new.get(mention.id.as_str()) {
            mention.id = (*id).clone();
            mention.canonical = (*canonical).clone();
        }
    }
    for quote in analysis.quotes.iter_mut() {
        let Some(speaker) = quote.speaker.as_deref() else { continue };
        if let Some((id, canonical)) = new.get(speaker) {
            quote.speaker = Some((*id).clone());
            quote.speaker_name = Some((*canonical).clone());
        }
    }
}

/// Names indexed by label, word count and the skeleton of their last word ([`skeleton`]): two
/// names that match (rules 1–2) always share these, so a look-up reads a handful of names.
#[derive(Default)]
struct NameIndex {
    names: Vec<IndexedName>,
    /// The names of each block, by the hash of the block (two blocks of one hash only give a
    /// look-up more names to reject).
    blocks: FxHashMap<u64, Vec<usize>>,
    /// The hashes of the (label, key, id) added, so that each is added once.
    known: rustc_hash::FxHashSet<u64>,
}

/// A name of a [`NameIndex`]: (order added, key, id, display name), one string each (a corpus
/// holds millions).
type IndexedName = (usize, Box<str>, Box<str>, Box<str>);

/// A full name of [`FullNames`]: (key, id, display name).
type FullName = (Box<str>, Box<str>, Box<str>);

impl NameIndex {
    /// The block of a name: its label and the [`loose`] form of every word. Two names that
    /// match (rules 1–2) have one block, so a look-up reads the few names spelled alike, not
    /// every name sharing a family name.
    fn block(label: Label, words: &[&str]) -> Option<u64> {
        if words.is_empty() {
            return None;
        }
        let loose: Vec<String> = words.iter().map(|word| loose(word)).collect();
        Some(stable_hash((label, loose)))
    }

    fn add(&mut self, label: Label, key: &str, id: &str, canonical: &str) {
        if !self.known.insert(stable_hash((label, key, id))) {
            return;
        }
        let words: Vec<&str> = key.split(' ').collect();
        let Some(block) = Self::block(label, &words) else { return };
        self.blocks.entry(block).or_default().push(self.names.len());
        let order = self.names.len();
        self.names.push((order, key.into(), id.into(), canonical.into()));
    }

    /// The names that may match `words` (same label, same block).
    fn candidates(&self, label: Label, words: &[&str]) -> impl Iterator<Item = &IndexedName> {
        Self::block(label, words)
            .and_then(|block| self.blocks.get(&block))
            .into_iter()
            .flatten()
            .map(|&index| &self.names[index])
    }
}

/// A word key without its article and without any long vowel (ا و ي) but its last letter: two
/// words that match ([`words_match`], with or without the article) have one loose form.
fn loose(word: &str) -> String {
    let word = without_article(word);
    let last = word.chars().count().saturating_sub(1);
    word.chars().enumerate().filter(|&(at, c)| at == last || !matches!(c, 'ا' | 'و' | 'ي')).map(|(_, c)| c).collect()
}

/// A word key without the long vowels (ا و ي) between its first and last letters: a word and
/// the same word with one such vowel dropped inside it (rule 2) have one skeleton.
fn skeleton(word: &str) -> String {
    let mut skeleton = String::with_capacity(word.len());
    skeleton_into(word, &mut skeleton);
    skeleton
}

/// [`skeleton`], written into `out` (emptied first).
fn skeleton_into(word: &str, out: &mut String) {
    out.clear();
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return };
    out.push(first);
    // Each char is written once the next is read: the last one is kept whatever it is.
    let mut pending = None;
    for c in chars {
        if let Some(before) = pending.replace(c).filter(|&b: &char| !matches!(b, 'ا' | 'و' | 'ي')) {
            out.push(before);
        }
    }
    out.extend(pending);
}

/// Step 2 of [`link_corpus`]: a person known by one word alone in a document takes the one
/// person of the corpus whose full name ends with that word. The full names (two words or
/// more) of the people of the corpus by the skeleton of their last word, as (key words, id,
/// display name), each once.
#[derive(Default)]
struct FullNames {
    by_last: FxHashMap<String, Vec<FullName>>,
    /// The hashes of the (key, id) listed, so that each is listed once.
    listed: rustc_hash::FxHashSet<u64>,
}

impl FullNames {
    fn add(&mut self, analysis: &Analysis) {
        for mention in analysis.entities.iter().filter(|m| m.label == Label::Per) {
            // The names written, and the display names of lexicon entities (`أنطونيو غوتيريش`
            // of a lone `غوتيريش`).
            let lexicon = is_lexicon_id(&mention.id).then_some(&mention.canonical);
            for name in std::iter::once(&mention.text).chain(lexicon) {
                let key = name_key(name);
                let Some((_, last)) = key.rsplit_once(' ') else { continue };
                if self.listed.insert(stable_hash((&key, &mention.id))) {
                    let block = skeleton(without_article(last));
                    let entry = (key.as_str().into(), mention.id.as_str().into(), mention.canonical.as_str().into());
                    self.by_last.entry(block).or_default().push(entry);
                }
            }
        }
    }

    fn link_surnames(&self, analysis: &mut Analysis) {
        // The keys of this document's longer names of people, by the skeleton of their last word.
        let mut longer_here: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for mention in analysis.entities.iter().filter(|m| m.label == Label::Per) {
            let key = name_key(&mention.text);
            if let Some((_, last)) = key.rsplit_once(' ') {
                longer_here.entry(skeleton(without_article(last))).or_default().push(key.clone());
            }
        }
        let mut relinked: Vec<(String, String, String)> = Vec::new();
        for (label, id, canonical) in entities_of(&analysis.entities) {
            if label != Label::Per || is_lexicon_id(&id) {
                continue;
            }
            let key = name_key(&canonical);
            if key.contains(' ') {
                continue;
            }
            let short = [key.as_str()];
            let ends = |name: &str| ends_name(&short, &name.split(' ').collect::<Vec<_>>());
            let block = skeleton(without_article(&key));
            // A longer name of this document that ends with the word leaves it to the document.
            if longer_here.get(&block).into_iter().flatten().any(|name| ends(name)) {
                continue;
            }
            let mut people = self.by_last.get(&block).into_iter().flatten().filter(|(name, _, _)| ends(name));
            let Some((_, first_id, first_canonical)) = people.next() else { continue };
            if people.all(|(_, other, _)| other == first_id) {
                relinked.push((id, first_id.to_string(), first_canonical.to_string()));
            }
        }
        relink(analysis, &relinked);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::word_tables::tables;

    #[test]
    fn names_that_match_share_an_index_block() {
        // The last pair was missed before: a long vowel right after the article, dropped.
        let pairs = [("غوتيريش", "غوتيرش"), ("بيدرسون", "بيدرسن"), ("التحالف العربي", "تحالف العربي"), ("اليكسندر", "الكسندر")];
        for (a, b) in pairs {
            let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
            assert!(names_match(&a, &b), "{a:?} {b:?}");
            assert_eq!(NameIndex::block(Label::Per, &a), NameIndex::block(Label::Per, &b), "{a:?} {b:?}");
        }
        // A block may hold names that do not match: the look-up still asks `names_match`.
        assert!(!names_match(&["حسن"], &["حسين"]));
    }

    #[test]
    fn dates_with_a_value_link_by_value() {
        let levantine = rule_entity(Label::Date, "2011-03-15", "15 آذار 2011");
        let egyptian = rule_entity(Label::Date, "2011-03-15", "15 مارس 2011");
        assert_eq!(levantine, egyptian);
        assert_eq!(levantine.0, "date:2011-03-15");
    }

    #[test]
    fn dates_without_a_value_link_by_folded_surface() {
        let (id, canonical) = rule_entity(Label::Date, "", "أمسِ");
        assert_eq!(id, "date:امس");
        assert_eq!(canonical, "أمسِ");
        assert_eq!(rule_entity(Label::Date, "", "امس").0, id);
    }

    #[test]
    fn numbers_link_by_value() {
        assert_eq!(rule_entity(Label::Num, "3000", "ثلاثة آلاف").0, "num:3000");
        assert_eq!(rule_entity(Label::Num, "3000", "3 آلاف").0, "num:3000");
    }

    #[test]
    fn word_matching_table() {
        let key = |s: &str| name_key(s);
        let same =
            [("غوتيريش", "غوتيرش"), ("بيدرسون", "بيدرسن"), ("سيرجي", "سيرغي"), ("داوود", "داود"), ("تشافيز", "شافيز")];
        for (a, b) in same {
            assert!(words_match(&key(a), &key(b)), "{a} ~ {b}");
        }
        let different = [("حسن", "حسين"), ("محمد", "محمود"), ("سعد", "سعيد"), ("كريم", "كريمي"), ("عمر", "عمرو")];
        for (a, b) in different {
            assert!(!words_match(&key(a), &key(b)), "{a} !~ {b}");
        }
    }

    fn mention(label: Label, text: &str, start: usize, id: Option<&str>) -> Mention {
        let (new_id, canonical) = unknown_entity(tables().heads, label, text);
        Mention {
            label,
            text: text.to_owned(),
            start,
            end: start + text.chars().count(),
            canonical: if id.is_some() { format!("{text} (lexicon)") } else { canonical },
            id: id.map_or(new_id, str::to_owned),
            title: None,
            confidence: 1.0,
            source: String::new(),
        }
    }

    fn ids(text: &str, mut mentions: Vec<Mention>) -> Vec<String> {
        link_document(tables().demonyms, text, &mut mentions);
        mentions.into_iter().map(|m| m.id).collect()
    }

    #[test]
    fn a_surname_follows_the_unique_full_name() {
        let text = "قال يوهان فادفول ثم قال فادفول";
        let ids =
            ids(text, vec![mention(Label::Per, "يوهان فادفول", 4, None), mention(Label::Per, "فادفول", 24, None)]);
        assert_eq!(ids[0], ids[1]);
    }

    #[test]
    fn a_surname_shared_by_two_full_names_stays_apart() {
        let text = "أحمد داود أوغلو ومولود جاويش أوغلو وقال أوغلو";
        let mentions = vec![
            mention(Label::Per, "أحمد داود أوغلو", 0, None),
            mention(Label::Per, "مولود جاويش أوغلو", 17, None),
            mention(Label::Per, "أوغلو", 40, None),
        ];
        let ids = ids(text, mentions);
        assert_ne!(ids[2], ids[0]);
        assert_ne!(ids[2], ids[1]);
    }

    #[test]
    fn a_variant_takes_the_lexicon_id_and_name() {
        let text = "غوتيريش وغوتيرش";
        let mut mentions = vec![
            mention(Label::Per, "غوتيريش", 0, Some("per:antonio-guterres")),
            mention(Label::Per, "غوتيرش", 9, None),
        ];
        link_document(tables().demonyms, text, &mut mentions);
        assert_eq!(mentions[1].id, "per:antonio-guterres");
        assert_eq!(mentions[1].canonical, "غوتيريش (lexicon)");
    }

    #[test]
    fn labels_never_mix() {
        let text = "حمص وحمص";
        let ids = ids(text, vec![mention(Label::Loc, "حمص", 0, None), mention(Label::Per, "حمص", 5, None)]);
        assert_ne!(ids[0], ids[1]);
    }

    #[test]
    fn short_form_in_parentheses_joins_its_organization() {
        let text = "أعلنت هيئة الإنقاذ المحلية (هام) أن هام";
        let mentions = vec![
            mention(Label::Org, "هيئة الإنقاذ المحلية", 6, None),
            mention(Label::Misc, "هام", 28, None),
            mention(Label::Misc, "هام", 36, None),
        ];
        let ids = ids(text, mentions);
        assert_eq!(ids[1], ids[0]);
        assert_eq!(ids[2], ids[0]);
    }

    #[test]
    fn an_unknown_entity_is_displayed_by_its_fullest_name() {
        let text = "فادفول ثم يوهان فادفول";
        let mut mentions = vec![mention(Label::Per, "فادفول", 0, None), mention(Label::Per, "يوهان فادفول", 10, None)];
        link_document(tables().demonyms, text, &mut mentions);
        assert_eq!(mentions[0].id, mentions[1].id);
        assert_eq!(mentions[0].canonical, "يوهان فادفول");
    }

    #[test]
    fn a_surname_takes_the_full_name_before_its_own_spelling() {
        let text = "سجل محمد صلاح ثم صلاح وصلاح";
        let mut mentions = vec![
            mention(Label::Per, "محمد صلاح", 4, Some("per:mohamed-salah")),
            mention(Label::Per, "صلاح", 17, None),
            mention(Label::Per, "صلاح", 23, None),
        ];
        link_document(tables().demonyms, text, &mut mentions);
        assert!(mentions.iter().all(|m| m.id == "per:mohamed-salah"));
    }

    #[test]
    fn one_word_begins_the_one_name_it_can() {
        let text = "التقى كيم جونغ أون بالرئيس ثم غادر كيم";
        let ids = ids(text, vec![mention(Label::Per, "كيم جونغ أون", 6, None), mention(Label::Per, "كيم", 35, None)]);
        assert_eq!(ids[0], ids[1]);
    }

    #[test]
    fn one_word_of_a_place_or_body_begins_the_one_name_it_can() {
        let text = "القصف على الغوطة الشرقية ثم في الغوطة";
        let places = ids(text, vec![mention(Label::Loc, "الغوطة الشرقية", 10, None), mention(Label::Loc, "الغوطة", 31, None)]);
        assert_eq!(places[0], places[1]);
        let text = "فاز ريال مدريد ثم التقى الريال";
        let clubs = ids(text, vec![mention(Label::Org, "ريال مدريد", 4, None), mention(Label::Org, "الريال", 24, None)]);
        assert_eq!(clubs[0], clubs[1]);
    }

    /// Two people of one family name stay two, and the family name alone joins neither.
    #[test]
    fn two_people_of_one_family_name_stay_apart() {
        let text = "وصل كيم جونغ أون وأخته كيم يو جونغ وقال كيم";
        let mentions = vec![
            mention(Label::Per, "كيم جونغ أون", 4, Some("per:kim-jong-un")),
            mention(Label::Per, "كيم يو جونغ", 23, None),
            mention(Label::Per, "كيم", 40, None),
        ];
        let ids = ids(text, mentions);
        assert_ne!(ids[0], ids[1]);
        assert_ne!(ids[2], ids[0]);
        assert_ne!(ids[2], ids[1]);
    }

    #[test]
    fn the_article_of_the_first_word_is_optional() {
        let text = "قال التحالف العربي إن للتحالف العربي";
        let found =
            ids(text, vec![mention(Label::Org, "التحالف العربي", 4, None), mention(Label::Org, "تحالف العربي", 25, None)]);
        assert_eq!(found[0], found[1]);
        // Only the first word's: two people are not one because of an inner article.
        let text = "أحمد الحسن وأحمد حسن";
        let found = ids(text, vec![mention(Label::Per, "أحمد الحسن", 0, None), mention(Label::Per, "أحمد حسن", 12, None)]);
        assert_ne!(found[0], found[1]);
    }

    #[test]
    fn a_body_without_its_nationality_is_the_one_named_with_it() {
        let text = "أعلنت وزارة الدفاع الروسية أن وزارة الدفاع";
        let mut mentions = vec![
            mention(Label::Org, "وزارة الدفاع الروسية", 6, Some("org:russian-defense-ministry")),
            mention(Label::Org, "وزارة الدفاع", 30, None),
        ];
        link_document(tables().demonyms, text, &mut mentions);
        assert_eq!(mentions[1].id, "org:russian-defense-ministry");
        // Two nationalities: the short name may be either.
        let text = "وزارة الدفاع الروسية ووزارة الدفاع التركية ثم وزارة الدفاع";
        let ids = ids(
            text,
            vec![
                mention(Label::Org, "وزارة الدفاع الروسية", 0, None),
                mention(Label::Org, "وزارة الدفاع التركية", 22, None),
                mention(Label::Org, "وزارة الدفاع", 46, None),
            ],
        );
        assert_ne!(ids[2], ids[0]);
        assert_ne!(ids[2], ids[1]);
    }

    #[test]
    fn a_name_read_through_its_longer_form_keeps_that_entity() {
        let text = "في قطاع غزة قالت غزة";
        let mut mentions = vec![mention(Label::Loc, "غزة", 8, Some("loc:gaza-strip")), mention(Label::Loc, "غزة", 17, Some("gn:1"))];
        mentions[0].canonical = "قطاع غزة".to_owned();
        mentions[1].canonical = "غزة".to_owned();
        link_document(tables().demonyms, text, &mut mentions);
        assert_eq!(mentions[1].id, "loc:gaza-strip");
        assert_eq!(mentions[1].canonical, "قطاع غزة");
    }

    /// Every pair of words rules 1–2 match (the article of a first word aside) shares a key of
    /// the index, so reading only the index loses no link.
    #[test]
    fn the_index_finds_every_matching_word() {
        let mut skeletons = Skeletons::default();
        let mut key = |s: &str| skeletons.of_word(&name_key(s));
        let pairs = [("غوتيريش", "غوتيرش"), ("بيدرسون", "بيدرسن"), ("التحالف", "تحالف"), ("الأسد", "أسد"), ("سيرجي", "سيرغي")];
        for (a, b) in pairs {
            let mut index = MentionIndex::default();
            index.add(7, key(a), 0);
            let mut found: Vec<usize> = index.candidates(key(b), 0).collect();
            found.dedup();
            assert_eq!(found, [7], "{a} / {b}");
        }
        // A key holds more than the rules match (حسين with حسن); the rules then read them.
        let mut index = MentionIndex::default();
        index.add(7, key("حسن"), 0);
        assert_eq!(index.candidates(key("محمد"), 0).count(), 0);
    }

    /// A document of mentions written one after the other, linked within the document.
    fn document(names: &[(Label, &str, Option<&str>)]) -> Analysis {
        let mut text = String::new();
        let mut mentions = Vec::new();
        for (label, name, id) in names {
            let start = text.chars().count();
            mentions.push(mention(*label, name, start, *id));
            text.push_str(name);
            text.push_str(" ثم ");
        }
        link_document(tables().demonyms, &text, &mut mentions);
        Analysis { entities: mentions, ..Analysis::default() }
    }

    fn corpus_ids(mut analyses: Vec<Analysis>) -> Vec<Vec<String>> {
        link_corpus(&mut analyses);
        analyses.into_iter().map(|a| a.entities.into_iter().map(|m| m.id).collect()).collect()
    }

    #[test]
    fn a_surname_alone_takes_the_one_person_of_the_corpus_it_ends() {
        let ids = corpus_ids(vec![
            document(&[(Label::Per, "يوهان فادفول", None)]),
            document(&[(Label::Per, "فادفول", None)]),
        ]);
        assert_eq!(ids[1][0], ids[0][0]);
    }

    #[test]
    fn a_surname_of_two_people_of_the_corpus_stays_alone() {
        let ids = corpus_ids(vec![
            document(&[(Label::Per, "أحمد داود أوغلو", None)]),
            document(&[(Label::Per, "مولود جاويش أوغلو", None)]),
            document(&[(Label::Per, "أوغلو", None)]),
        ]);
        assert_ne!(ids[0][0], ids[1][0]);
        assert_ne!(ids[2][0], ids[0][0]);
        assert_ne!(ids[2][0], ids[1][0]);
    }

    /// A document's own reading of a surname stands: another article's lone `صلاح` does not
    /// take it from the full name it follows.
    #[test]
    fn entities_move_across_documents_whole() {
        let ids = corpus_ids(vec![
            document(&[(Label::Per, "صلاح", None)]),
            document(&[(Label::Per, "محمد صلاح", None), (Label::Per, "صلاح", None)]),
        ]);
        assert_eq!(ids[1][0], ids[1][1]);
        assert_eq!(ids[0][0], ids[1][0]);
    }

    #[test]
    fn a_spelling_written_for_a_lexicon_entity_elsewhere_takes_it() {
        let mut known = document(&[(Label::Per, "غوتيريش", Some("per:antonio-guterres"))]);
        known.entities[0].canonical = "أنطونيو غوتيريش".to_owned();
        let ids = corpus_ids(vec![known, document(&[(Label::Org, "غوتيرش", None), (Label::Per, "غوتيرش", None)])]);
        assert_eq!(ids[1][1], "per:antonio-guterres");
        assert_ne!(ids[1][0], "per:antonio-guterres");
    }

    const LEXICON: &str = "org:houthis\tORG\tجماعة الحوثي\tالحوثيون\n\
        org:ypg\tORG\tوحدات حماية الشعب\t\n\
        org:labour\tORG\tحزب العمال\t\n\
        org:un\tORG\tالأمم المتحدة\t\n\
        per:putin\tPER\tفلاديمير بوتين\t\n\
        per:salah\tPER\tمحمد صلاح\t\n\
        per:salman\tPER\tسلمان بن عبد العزيز\t\n";

    /// The id `resolve` finds for `name` (a whole text) with the label, words of unknown
    /// frequency but for `بوتين` (5) and `محمد`, `محمود` (7).
    fn resolved(label: Label, name: &str) -> Option<String> {
        let lexicon = Lexicon::parse(LEXICON).unwrap();
        let folded = crate::text::normalize::Folded::new(name);
        let tokens = crate::text::tokenize::tokenize(&folded);
        let words = Words::new(&tokens);
        let candidate = Candidate {
            first: 0,
            last: tokens.len(),
            prefix: 0,
            label,
            canonical: String::new(),
            id: String::new(),
            source: crate::extract::Source::Tagger,
        };
        let frequency = |word: &str| match word {
            "بوتين" => 5,
            "محمد" | "محمود" => 7,
            _ => 0,
        };
        resolve(&lexicon, tables(), &frequency, &words, &candidate).map(|(id, _)| id)
    }

    #[test]
    fn vowel_variants_put_in_or_take_out_one_long_vowel() {
        let all = |word: &str| {
            let mut seen = Vec::new();
            find_vowel_variant(word, |variant| -> Option<()> {
                seen.push(variant.to_owned());
                None
            });
            seen
        };
        assert_eq!(all("محمد")[..4], ["ماحمد", "موحمد", "ميحمد", "محامد"]);
        assert_eq!(all("محمد").len(), 9);
        assert!(all("داوود").contains(&"داود".to_owned()));
        assert!(all("سيرجي").contains(&"سرجي".to_owned()));
        assert!(all("بوش").is_empty() && all("Bush").is_empty() && all("محمد1").is_empty());
        assert_eq!(find_vowel_variant("محمد", |variant| (variant == "محمود").then_some(7)), Some(7));
    }

    #[test]
    fn other_forms_of_known_names() {
        let found = |label, name| resolved(label, name);
        assert_eq!(found(Label::Org, "ميليشيات الحوثي").as_deref(), Some("org:houthis"));
        assert_eq!(found(Label::Org, "ميليشيات الحوثي الإيرانية").as_deref(), Some("org:houthis"));
        assert_eq!(found(Label::Org, "وحدات حماية الشعب الكردية").as_deref(), Some("org:ypg"));
        assert_eq!(found(Label::Per, "فلاديمير بوتن").as_deref(), Some("per:putin"));
        assert_eq!(found(Label::Per, "سلمان بن عبدالعزيز آل سعود").as_deref(), Some("per:salman"));
        // Not a nationality: another party.
        assert_eq!(found(Label::Org, "حزب العمال الكردستاني"), None);
        // Not a head of the same body: a body of the UN.
        assert_eq!(found(Label::Org, "مكتب الأمم المتحدة"), None);
        // Two common names are two names.
        assert_eq!(found(Label::Per, "محمود صلاح"), None);
        // Another type.
        assert_eq!(found(Label::Loc, "ميليشيات الحوثي"), None);
    }

    /// What the rules would merge among the people and organizations of the lexicon, as if it
    /// listed no variants: every pair of two distinct entries whose names match under rules 1–2
    /// is a wrong merge; every listed variant its own entry's names match is a correct one.
    #[test]
    fn merges_measured_on_the_lexicon() {
        let mut entries: Vec<(String, Vec<String>)> = Vec::new();
        for line in crate::embedded::lexicon().lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() >= 3 && matches!(fields[1], "PER" | "ORG") {
                let mut names = vec![fields[2].to_owned()];
                names.extend(fields.get(3).unwrap_or(&"").split('|').filter(|v| !v.is_empty()).map(str::to_owned));
                entries.push((fields[0].to_owned(), names));
            }
        }
        let keys: Vec<Vec<String>> =
            entries.iter().map(|(_, names)| names.iter().map(|n| name_key(n)).collect()).collect();
        let matches = |a: &str, b: &str| {
            let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
            names_match(&a, &b)
        };
        let mut wrong = Vec::new();
        for i in 0..entries.len() {
            for j in i + 1..entries.len() {
                if keys[i].iter().any(|a| keys[j].iter().any(|b| matches(a, b))) {
                    wrong.push(format!("{} ~ {}", entries[i].0, entries[j].0));
                }
            }
        }
        let (mut variants, mut by_spelling, mut by_ending) = (0, 0, 0);
        for key in &keys {
            let full: Vec<&str> = key[0].split(' ').collect();
            for variant in &key[1..] {
                let words: Vec<&str> = variant.split(' ').collect();
                variants += 1;
                by_spelling += usize::from(matches(variant, &key[0]));
                by_ending += usize::from(ends_name(&words, &full));
            }
        }
        println!("lexicon PER/ORG entries: {}, wrong merges: {}: {wrong:?}", entries.len(), wrong.len());
        println!("of {variants} listed variants, linked by spelling (rules 1-2): {by_spelling}, as a name's end (rule 3): {by_ending}");
        assert!(wrong.is_empty(), "wrong merges: {wrong:?}");
    }

    /// [`name_key`] as first written: a ت is left out when the next folded char is ش.
    fn name_key_looking_ahead(surface: &str) -> String {
        let mut key = String::new();
        let mut previous: Option<char> = None;
        let mut chars = folded_chars(surface).peekable();
        while let Some(c) = chars.next() {
            let c = match c {
                ' ' => {
                    previous = None;
                    continue;
                }
                'ج' => 'غ',
                'ت' if chars.peek() == Some(&'ش') => continue,
                _ => c,
            };
            if previous == Some(c) && matches!(c, 'و' | 'ي' | 'ا') {
                continue;
            }
            if previous.is_none() && !key.is_empty() {
                key.push(' ');
            }
            key.push(c);
            previous = Some(c);
        }
        key
    }

    #[test]
    fn a_key_drops_the_t_of_ch_as_looking_ahead_does() {
        let alphabet = "تشجغاويأىة َـ\u{a0}ب";
        for text in crate::random_texts::random_texts(alphabet, 0x5851_f42d_4c95_7f2d, 5000, |v| (v >> 60) as usize) {
            assert_eq!(name_key(&text), name_key_looking_ahead(&text), "{text:?}");
        }
    }

    #[test]
    fn a_skeleton_keeps_the_first_and_last_letters_and_the_others_but_long_vowels() {
        for word in crate::random_texts::random_texts("اويبتش", 0x1405_7b7e_f767_814f, 2000, |v| (v >> 61) as usize) {
            let last = word.chars().count().saturating_sub(1);
            let kept: String = (word.chars().enumerate())
                .filter(|&(at, c)| at == 0 || at == last || !matches!(c, 'ا' | 'و' | 'ي'))
                .map(|(_, c)| c)
                .collect();
            assert_eq!(skeleton(&word), kept, "{word}");
        }
        assert_eq!(skeleton("بيدرسون"), skeleton("بيدرسن"));
    }

    #[test]
    fn spellings_of_a_transliterated_name_share_a_key() {
        assert_eq!(name_key("سيرجي لافروف"), name_key("سيرغي لافروف"));
        assert_eq!(name_key("أحمد داوود أوغلو"), name_key("احمد داود اوغلو"));
        assert_eq!(name_key("تشافيز"), name_key("شافيز"));
        assert_eq!(name_key("تتش تش ت ش وتَشا"), "تش ش ت ش وشا");
        assert_ne!(name_key("حسن"), name_key("حسين"));
    }
}

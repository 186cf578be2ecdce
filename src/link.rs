//! Linking mentions to entities: every mention gets the id of the entity it names, the same
//! id for every spelling of it, within a document and across documents.
//!
//! - Lexicon mentions carry the id of their lexicon entry (ASCII: `per:sergey-lavrov`,
//!   `gn:170654`), which already groups the spellings the lexicon lists. They are never merged
//!   with each other: two lexicon entries are two entities.
//! - Names the lexicon does not know get an id made of their label and their *name key*
//!   ([`name_key`]: folding plus the spelling differences of transliterated names), and are then
//!   linked to another mention of the same label in the same document when
//!   1. their keys are equal (سيرجي ↔ سيرغي, داوود ↔ داود, تشافيز ↔ شافيز);
//!   2. they differ by one long vowel dropped inside a long word (غوتيريش ↔ غوتيرش);
//!   3. (people) the name is the end of exactly one longer name in the document, word by word
//!      under rules 1–2 (لافروف after سيرغي لافروف, الأسد after بشار الأسد);
//!   4. the name stands in parentheses right after an organization, as its short form
//!      (قوات سوريا الديمقراطية (قسد)).
//! - Across documents ([`link_corpus`]), names the lexicon does not know are linked by rules 1
//!   and 2 only: a surname shared by two articles may be two people.
//! - Dates and numbers are linked by value: `15 آذار 2011` and `15 مارس 2011` are both
//!   `date:2011-03-15`; a date with no complete value is linked by its folded surface.
//!
//! A wrong merge is worse than a missed one: every rule asks for the same label, rule 2 only
//! applies to words of six letters or more, and rule 3 only when the longer name is unique.

use crate::analysis::{Analysis, Label, Mention};
use crate::text::normalize::fold;

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
pub(crate) fn unknown_entity(label: Label, surface: &str) -> (String, String) {
    (format!("{}:{}", label.as_str().to_ascii_lowercase(), name_key(surface)), surface.to_owned())
}

/// True for ids of lexicon entries (ASCII slugs and codes); ids made from a name key hold
/// Arabic letters.
fn is_lexicon_id(id: &str) -> bool {
    id.is_ascii()
}

/// The key under which spellings of one transliterated name compare equal: the folded words
/// (see [`fold`]) with ج and غ read as one letter (the foreign g: سيرجي / سيرغي), تش as ش (the
/// foreign ch), and doubled و ي ا written once (داوود / داود).
///
/// ```
/// use kashif::link::name_key;
/// assert_eq!(name_key("سيرجي لافروف"), name_key("سيرغي لافروف"));
/// assert_eq!(name_key("أحمد داوود أوغلو"), name_key("احمد داود اوغلو"));
/// assert_eq!(name_key("تشافيز"), name_key("شافيز"));
/// assert_ne!(name_key("حسن"), name_key("حسين"));
/// ```
pub fn name_key(surface: &str) -> String {
    fold(surface).split_whitespace().map(word_key).collect::<Vec<_>>().join(" ")
}

fn word_key(word: &str) -> String {
    let mut key = String::with_capacity(word.len());
    let mut previous: Option<char> = None;
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            'ج' => 'غ',
            'ت' if chars.peek() == Some(&'ش') => continue,
            _ => c,
        };
        if previous == Some(c) && matches!(c, 'و' | 'ي' | 'ا') {
            continue;
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

/// True when two name keys match word by word.
fn names_match(a: &[&str], b: &[&str]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| words_match(x, y))
}

/// True when `short` is the end of `long`, word by word, and shorter.
fn ends_name(short: &[&str], long: &[&str]) -> bool {
    short.len() < long.len() && names_match(short, &long[long.len() - short.len()..])
}

const LINKED: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

/// Links the name mentions of one document (rules 1 to 4 of the module documentation).
/// `text` is the document; mentions are in text order.
pub(crate) fn link_document(text: &str, mentions: &mut [Mention]) {
    let keys: Vec<String> = mentions.iter().map(|m| name_key(&m.text)).collect();
    let words: Vec<Vec<&str>> = keys.iter().map(|k| k.split(' ').collect()).collect();
    for index in 0..mentions.len() {
        let label = mentions[index].label;
        if !LINKED.contains(&label) || is_lexicon_id(&mentions[index].id) {
            continue;
        }
        let same_label = |other: usize| other != index && mentions[other].label == label;
        // Rules 1 and 2: the same name spelled otherwise; a lexicon mention first.
        let mut target = (0..mentions.len())
            .filter(|&other| same_label(other) && names_match(&words[index], &words[other]))
            .min_by_key(|&other| (!is_lexicon_id(&mentions[other].id), other));
        // Rule 3: the end of exactly one longer name of a person.
        if target.is_none() && label == Label::Per {
            let mut longer = (0..mentions.len()).filter(|&o| same_label(o) && ends_name(&words[index], &words[o]));
            if let Some(first) = longer.next() {
                let first_id = mentions[first].id.clone();
                if longer.all(|other| mentions[other].id == first_id) {
                    target = Some(first);
                }
            }
        }
        if let Some(target) = target {
            adopt(mentions, index, target);
        }
    }
    link_short_forms(text, mentions, &keys);
    settle_canonical_names(mentions);
}

fn adopt(mentions: &mut [Mention], index: usize, target: usize) {
    let (id, canonical) = (mentions[target].id.clone(), mentions[target].canonical.clone());
    let old = std::mem::replace(&mut mentions[index].id, id.clone());
    // Earlier mentions that shared the old id follow it.
    for mention in mentions.iter_mut().filter(|m| m.id == old) {
        mention.id = id.clone();
        mention.canonical = canonical.clone();
    }
    mentions[index].canonical = canonical;
}

/// Rule 4: «ORG (SHORT)»: SHORT, and every later mention with its key, take the ORG's id.
fn link_short_forms(text: &str, mentions: &mut [Mention], keys: &[String]) {
    let chars: Vec<char> = text.chars().collect();
    for index in 1..mentions.len() {
        let (org, short) = (&mentions[index - 1], &mentions[index]);
        if org.label != Label::Org || is_lexicon_id(&short.id) || org.end > short.start || short.end >= chars.len() {
            continue;
        }
        let between: String = chars[org.end..short.start].iter().collect();
        if between.trim() != "(" || chars[short.end] != ')' {
            continue;
        }
        let (id, canonical, old) = (org.id.clone(), org.canonical.clone(), short.id.clone());
        for (mention, key) in mentions.iter_mut().zip(keys).skip(index) {
            if mention.id == old || *key == keys[index] {
                mention.id = id.clone();
                mention.label = Label::Org;
                mention.canonical = canonical.clone();
            }
        }
    }
}

/// An entity not in the lexicon is displayed by its fullest name: the surface of most words
/// (the first such), shared by all its mentions.
fn settle_canonical_names(mentions: &mut [Mention]) {
    let mut best: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for mention in mentions.iter().filter(|m| LINKED.contains(&m.label) && !is_lexicon_id(&m.id)) {
        let words = |s: &str| s.split_whitespace().count();
        let entry = best.entry(mention.id.clone()).or_insert_with(|| mention.canonical.clone());
        if words(&mention.text) > words(entry) {
            *entry = mention.text.clone();
        }
    }
    for mention in mentions.iter_mut() {
        if let Some(name) = best.get(&mention.id) {
            mention.canonical = name.clone();
        }
    }
}

/// Links the entities of several documents: names the lexicon does not know that are spelled
/// alike (same label, name keys equal or one long vowel apart) get one id and one display name
/// everywhere. Lexicon entities already share their ids across documents. Quotes follow their
/// speaker: a quote whose speaker was relinked gets the new id and display name too.
///
/// ```
/// let analyzer = kashif::Analyzer::new();
/// let mut analyses = vec![analyzer.analyze("حلب"), analyzer.analyze("حلب")];
/// kashif::link::link_corpus(&mut analyses);
/// assert_eq!(analyses[0].entities[0].id, analyses[1].entities[0].id);
/// ```
pub fn link_corpus(analyses: &mut [Analysis]) {
    // (label, words of the key, id, canonical) of the entities seen so far.
    let mut seen: Vec<(Label, Vec<String>, String, String)> = Vec::new();
    for analysis in analyses.iter_mut() {
        // Old id → (new id, display name) of the entities of this document linked to an earlier one.
        let mut relinked: Vec<(String, String, String)> = Vec::new();
        for mention in analysis.entities.iter_mut() {
            if !LINKED.contains(&mention.label) || is_lexicon_id(&mention.id) {
                continue;
            }
            let key = name_key(&mention.text);
            let words: Vec<&str> = key.split(' ').collect();
            let found = seen.iter().find(|(label, seen_words, _, _)| {
                let seen_words: Vec<&str> = seen_words.iter().map(String::as_str).collect();
                *label == mention.label && names_match(&words, &seen_words)
            });
            match found {
                Some((_, _, id, canonical)) => {
                    if (mention.id != *id || mention.canonical != *canonical) && !relinked.iter().any(|(old, _, _)| *old == mention.id) {
                        relinked.push((mention.id.clone(), id.clone(), canonical.clone()));
                    }
                    mention.id = id.clone();
                    mention.canonical = canonical.clone();
                }
                None => seen.push((
                    mention.label,
                    words.iter().map(|w| w.to_string()).collect(),
                    mention.id.clone(),
                    mention.canonical.clone(),
                )),
            }
        }
        for quote in analysis.quotes.iter_mut() {
            let Some(speaker) = quote.speaker.as_deref() else { continue };
            if let Some((_, id, canonical)) = relinked.iter().find(|(old, _, _)| old == speaker) {
                quote.speaker = Some(id.clone());
                quote.speaker_name = Some(canonical.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let key = |s: &str| word_key(&fold(s));
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
        let (new_id, canonical) = unknown_entity(label, text);
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
        link_document(text, &mut mentions);
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
        link_document(text, &mut mentions);
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
        link_document(text, &mut mentions);
        assert_eq!(mentions[0].id, mentions[1].id);
        assert_eq!(mentions[0].canonical, "يوهان فادفول");
    }

    /// What the rules would merge among the people and organizations of the lexicon, as if it
    /// listed no variants: every pair of two distinct entries whose names match under rules 1–2
    /// is a wrong merge; every listed variant its own entry's names match is a correct one.
    #[test]
    fn merges_measured_on_the_lexicon() {
        let mut entries: Vec<(String, Vec<String>)> = Vec::new();
        for line in crate::extract::lexicon::EMBEDDED.lines().filter(|l| !l.starts_with('#')) {
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
}

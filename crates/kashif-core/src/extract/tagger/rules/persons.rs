//! People's names that the tagger cuts in two or runs together:
//!
//! - `joined-surnames`: a name of two words or more followed, across one space, by a person's
//!   name of one word is one name (`الأم ريهام حسين دوابشة`, where the tagger ends the name on
//!   `حسين` and `spread-names` finds the family name `دوابشة` alone; `سيف الدين مصطفى محمد`).
//!   Not when the one word is the surname of other people of the text none of whose given names
//!   ends the first one (`استقبل محمد بن سلمان ماكرون` after `إيمانويل ماكرون`): the one word
//!   is then one of them; `ريهام حسين دوابشة` after `حسين دوابشة`, her father, is one name.
//!   Nor when the one word is a name joined by و (`عثمان عباس وعبدالله`).
//! - `particles-before-names`: a particle written without its hamza (`فان`، `ان`: `فإن`، `إن`) or
//!   `لكن` before a person's surname is no part of the name (`فان ماكرون` after `إيمانويل
//!   ماكرون`), unless it is inside another person's name of the text (`فيرجيل فان دايك`).
//! - `nationality-words`: a person's name of one word that is a nationality adjective without
//!   its article (`ليبي`، `سوري`) and not an Arabic personal name (`تركي` is) is no person.
//! - `unknown-surnames`: a person's name of one word that is the first word of no longer name of
//!   the text goes on over the word right after it when that word is in no list of common
//!   words (nor a common word behind clitics), is a word of names (a name list or WikiFANE has
//!   it: not `وصدام لخلافته،`), and ends a clause (a comma or full stop after it):
//!   `الإنجليزي أوكسليد تشامبرلين،`.
//! - `named-as`: the name after `المدعو`، `الملقب`, "the one called", in quotation marks or of one
//!   or two words in no list of common words, is a person (`المدعو "أبو علي"`).

use rustc_hash::{FxHashMap, FxHashSet};

use super::*;

/// The whole text of the token at `at` inside a name, or the candidate's own reading when the
/// name begins there.
fn word_at<'w>(words: &'w Words<'_>, candidate: &Candidate, at: usize) -> &'w str {
    let readings = words.readings(at);
    let prefix = if at == candidate.first { candidate.prefix } else { 0 };
    readings.iter().find(|r| r.prefix == prefix).or(readings.first()).map_or("", |r| r.stem.as_str())
}

/// The words of each person's name of two words or more in `out`, indexed by their last word
/// and by each word, so that a rule asks about one word without reading every name (linear in
/// a text of thousands of names).
struct FullNames<'w> {
    names: Vec<Vec<&'w str>>,
    /// The names ending with a word.
    by_last: FxHashMap<&'w str, Vec<usize>>,
    /// The length of the longest name holding a word.
    longest_with: FxHashMap<&'w str, usize>,
}

impl<'w> FullNames<'w> {
    fn of(words: &'w Words<'_>, out: &[(Candidate, f32)]) -> Self {
        let names: Vec<Vec<&str>> = out
            .iter()
            .filter(|(c, _)| c.label == Label::Per && c.len() >= 2)
            .map(|(c, _)| (c.first..c.last).map(|at| word_at(words, c, at)).collect())
            .collect();
        let mut by_last: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        let mut longest_with: FxHashMap<&str, usize> = FxHashMap::default();
        for (index, name) in names.iter().enumerate() {
            by_last.entry(name[name.len() - 1]).or_default().push(index);
            for word in name {
                let longest = longest_with.entry(word).or_default();
                *longest = (*longest).max(name.len());
            }
        }
        FullNames { names, by_last, longest_with }
    }

    /// The names whose last word is `word`.
    fn ending_with(&self, word: &str) -> impl Iterator<Item = &Vec<&'w str>> {
        self.by_last.get(word).into_iter().flatten().map(|&index| &self.names[index])
    }

    /// Whether a name longer than `len` words holds `word`.
    fn longer_holds(&self, len: usize, word: &str) -> bool {
        self.longest_with.get(word).is_some_and(|&longest| longest > len)
    }

    fn words(&self) -> impl Iterator<Item = &'w str> + '_ {
        self.names.iter().flatten().copied()
    }
}

/// See the module's documentation.
pub(super) fn joined_surnames(lists: &Lists, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    out.sort_by_key(|(c, _)| c.first);
    let names = FullNames::of(words, out);
    let mut absorbed = vec![false; out.len()];
    for k in 0..out.len().saturating_sub(1) {
        let (a, b) = (&out[k].0, &out[k + 1].0);
        if absorbed[k] || a.label != Label::Per || b.label != Label::Per || a.len() < 2 || b.len() != 1 || b.prefix != 0 {
            continue;
        }
        let (Some(end), Some(next)) = (words.tokens.get(a.last - 1), words.tokens.get(b.first)) else { continue };
        if b.first != a.last || next.start != end.end + 1 || !is_arabic(words, b.first) {
            continue;
        }
        // A second name joined by و is another person (`عثمان عباس وعبدالله`).
        let text = words.text(b.first).unwrap_or_default();
        if text.starts_with('و') && !lists.is_name(text) {
            continue;
        }
        let first: Vec<&str> = (a.first..a.last).map(|at| word_at(words, a, at)).collect();
        let surname = word_at(words, b, b.first);
        if first.contains(&surname) {
            continue;
        }
        // Another person of the text with this surname: the one word is that person, unless the
        // rest of that person's name ends the first name (`حسين دوابشة` and `ريهام حسين`).
        let mut others = names.ending_with(surname).peekable();
        let family = |name: &Vec<&str>| first.ends_with(&name[..name.len() - 1]);
        if others.peek().is_some() && !others.any(family) {
            continue;
        }
        absorbed[k + 1] = true;
        let last = b.last;
        let candidate = &mut out[k].0;
        candidate.last = last;
        candidate.forget_entity();
    }
    drop_absorbed(out, &absorbed);
}

/// See the module's documentation. The particles are `PARTICLE_BEFORE_NAME` of
/// `data/rule_words.tsv`, folded, without hamza.
pub(super) fn particles_before_names(rule_words: &RuleWords, words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    let names = FullNames::of(words, out);
    for (candidate, _) in out.iter_mut() {
        if candidate.label != Label::Per || candidate.len() < 2 {
            continue;
        }
        let first = word_at(words, candidate, candidate.first);
        let whole = words.text(candidate.first).unwrap_or_default();
        if !rule_words.particles_before_names.contains(whole) || names.longer_holds(candidate.len(), first) {
            continue;
        }
        let rest: Vec<&str> = (candidate.first + 1..candidate.last).filter_map(|at| words.text(at)).collect();
        // The rest ends a longer person's name of the text.
        let last = rest.last().copied().unwrap_or_default();
        if names.ending_with(last).any(|n| n.len() > rest.len() && n.ends_with(&rest) && !n.contains(&first)) {
            candidate.first += 1;
            candidate.prefix = 0;
            candidate.forget_entity();
        }
    }
}

/// See the module's documentation.
pub(super) fn nationality_words(
    lists: &Lists,
    demonyms: &Demonyms,
    words: &Words<'_>,
    out: &mut Vec<(Candidate, f32)>,
) {
    out.retain(|(candidate, _)| {
        if candidate.label != Label::Per || candidate.len() != 1 || is_curated(candidate) {
            return true;
        }
        let word = word_at(words, candidate, candidate.first);
        word.starts_with("ال") || lists.is_arabic_name(word) || !demonyms.is_nationality(&format!("ال{word}"))
    });
}

/// Punctuation that ends a clause after a name: a set of marks the code matches, no word list.
const CLAUSE_ENDS: &[&str] = &["،", ",", ".", "؛", ":"];

/// See the module's documentation.
pub(super) fn unknown_surnames(lists: &Lists, words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    // The words of the longer names, in a set: a text of many names reads each once.
    let in_names: FxHashSet<&str> = FullNames::of(words, out).words().collect();
    let covered = covered_tokens(words, out);
    for (candidate, _) in out.iter_mut() {
        if candidate.label != Label::Per || candidate.len() != 1 || is_curated(candidate) {
            continue;
        }
        let word = word_at(words, candidate, candidate.first);
        let next = candidate.last;
        let (Some(this), Some(after)) = (words.tokens.get(candidate.first), words.tokens.get(next)) else { continue };
        let stem = words.text(next).unwrap_or_default();
        if in_names.contains(word)
            || after.start != this.end + 1
            || covered[next]
            || !is_arabic(words, next)
            || stem.chars().count() < 3
            || stem.starts_with("ال")
            || words.readings(next).iter().any(|r| lists.is_common_word(&r.stem))
            || !(lists.is_name(stem) || lists.is_entity_word(stem))
            || !words.text(next + 1).is_some_and(|t| CLAUSE_ENDS.contains(&t))
        {
            continue;
        }
        candidate.last = next + 1;
        candidate.forget_entity();
    }
}

/// See the module's documentation. The words that say a name follows ("the one called") are
/// `NAMED_AS` of `data/rule_words.tsv`, folded; those after which it follows ب ("nicknamed",
/// "known as") `NAMED_AS_WITH_B`.
pub(super) fn named_as(lists: &Lists, rule_words: &RuleWords, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let covered = covered_tokens(words, out);
    let mut added = Vec::new();
    let named = |w: &&str| rule_words.named_as.contains(w) || rule_words.named_as_with_b.contains(w);
    for at in 0..words.tokens.len() {
        let Some(word) = words.readings(at).iter().map(|r| r.stem.as_str()).find(named) else { continue };
        // `الملقب بـ`، `الشهير بـ`: the name comes after the ب.
        let mut next = at + 1;
        if rule_words.named_as_with_b.contains(word) {
            if words.text(next) == Some("ب") {
                next += 1;
                if words.text(next) == Some("ـ") {
                    next += 1;
                }
            } else {
                continue;
            }
        }
        let span = if let Some(close) = short_quotation(words, next) {
            (next + 1, close)
        } else {
            let end = (next..(next + 2).min(words.tokens.len()))
                .take_while(|&j| is_arabic(words, j) && !lists.is_common_word(stem_at(words, j)))
                .last()
                .map_or(next, |j| j + 1);
            (next, end)
        };
        if span.1 <= span.0 || span.1 - span.0 > 3 || (span.0..span.1).any(|j| covered[j] || !is_arabic(words, j)) {
            continue;
        }
        added.push((unnamed(span.0, span.1, 0, Label::Per), LEXICON_CONFIDENCE));
    }
    add_in_order(out, added);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn per(f: usize, l: usize) -> (usize, usize, Label) {
        (f, l, Label::Per)
    }

    fn texts(found: Vec<(String, Label)>) -> Vec<String> {
        found.into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn a_full_name_goes_on_over_a_one_word_name_after_it() {
        // 0 قال 1 حسين 2 دوابشه 3 . 4 الام 5 ريهام 6 حسين 7 دوابشه
        let text = "قال حسين دوابشة. الأم ريهام حسين دوابشة";
        let found = rule_output(text, &[per(1, 3), per(5, 7), per(7, 8)], |w, o| joined_surnames(Lists::embedded(), w, o));
        assert_eq!(texts(found), ["حسين دوابشه", "ريهام حسين دوابشه"]);
    }

    #[test]
    fn another_persons_surname_stays_that_person() {
        // 0 ايمانويل 1 ماكرون 2 . 3 استقبل 4 محمد 5 بن 6 سلمان 7 ماكرون
        let text = "إيمانويل ماكرون. استقبل محمد بن سلمان ماكرون";
        let found = rule_output(text, &[per(0, 2), per(4, 7), per(7, 8)], |w, o| joined_surnames(Lists::embedded(), w, o));
        assert_eq!(texts(found), ["ايمانويل ماكرون", "محمد بن سلمان", "ماكرون"]);
    }

    #[test]
    fn a_particle_before_a_surname_is_no_part_of_the_name() {
        // 0 ايمانويل 1 ماكرون 2 . 3 فان 4 ماكرون
        let found = rule_output("إيمانويل ماكرون. فان ماكرون", &[per(0, 2), per(3, 5)], |w, o| particles_before_names(&crate::word_tables::tables().rule_words, w, o));
        assert_eq!(texts(found), ["ايمانويل ماكرون", "ماكرون"]);
        // 0 فيرجيل 1 فان 2 دايك 3 و 4 فان 5 دايك
        let found = rule_output("فيرجيل فان دايك و فان دايك", &[per(0, 3), per(4, 6)], |w, o| particles_before_names(&crate::word_tables::tables().rule_words, w, o));
        assert_eq!(texts(found), ["فيرجيل فان دايك", "فان دايك"]);
    }

    #[test]
    fn a_nationality_word_alone_is_no_person() {
        let (lists, demonyms) = (Lists::embedded(), &crate::word_tables::tables().demonyms);
        assert!(!lists.is_arabic_name("ليبي") && lists.is_arabic_name("تركي") && demonyms.is_nationality("الليبي"));
        // 0 طرف 1 ليبي 2 وليبيا 3 مع 4 تركي 5 المالكي
        let text = "طرف ليبي وليبيا مع تركي المالكي";
        let found = rule_output(text, &[per(1, 2), per(4, 6)], |w, o| nationality_words(lists, demonyms, w, o));
        assert_eq!(texts(found), ["تركي المالكي"]);
    }

    #[test]
    fn the_one_called_is_a_person() {
        let lists = Lists::embedded();
        let text = "إن مشرف الحوثيين، المدعو \"أبو علي\"، نهب ما تبقى";
        let found = rule_output(text, &[], |w, o| named_as(lists, &crate::word_tables::tables().rule_words, w, o));
        assert_eq!(found, [("ابو علي".to_owned(), Label::Per)]);
    }

    #[test]
    fn an_unknown_word_after_a_first_name_ends_it() {
        let lists = Lists::embedded();
        // 0 يضيف 1 الانجليزي 2 اوكسليد 3 تشامبرلين 4 ، 5 الهدف
        let text = "يضيف الإنجليزي أوكسليد تشامبرلين، الهدف";
        let found = rule_output(text, &[per(2, 3)], |w, o| unknown_surnames(lists, w, o));
        assert_eq!(texts(found), ["اوكسليد تشامبرلين"]);
        // A common word after it is no surname.
        let found = rule_output("قال أوكسليد أمس، الهدف", &[per(1, 2)], |w, o| unknown_surnames(lists, w, o));
        assert_eq!(texts(found), ["اوكسليد"]);
        let found = rule_output("أعد ابنيه خالد وصدام لخلافته، لكنهما", &[per(3, 4)], |w, o| unknown_surnames(lists, w, o));
        assert_eq!(texts(found), ["وصدام"]);
    }
}

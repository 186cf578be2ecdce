//! Titles and roles of people: the words before a person's name that say who they are
//! (`وزير الخارجية الروسي سيرغي لافروف`، `المتحدث باسم الكرملين ديمتري بيسكوف`، `العميد …`),
//! or the same in apposition after the name (`بوتين، الرئيس الروسي، …`).
//!
//! A title is a sequence of known titles, each optionally followed by nationality adjectives
//! and modifiers (السابق، الجديد …) and by a complement: an organization or place mention, or up
//! to three definite words (`قائد الشرطة المحلية`), the mention maybe after a preposition
//! (`السفير لدى الأمم المتحدة`). The title lists are compiled from the
//! curated `person_titles_ar.tsv` and `demonyms_ar.tsv` of the shared gazetteer (written for
//! this project), plus the forms after them; they, the modifiers and the prepositions are the
//! rows of `data/title_words.tsv`.
//!
//! Each person is looked at over at most [`WINDOW`] tokens before (or after) the name: linear.

use super::context::Context;
use crate::analysis::Label;
use crate::word_tables::WordTables;
use crate::text::tokenize::TokenKind;

/// How many tokens a title may take.
const WINDOW: usize = 10;

/// Whether a folded word may follow a title and belong to it: a nationality or affiliation
/// adjective (`الروسي`، `الامميه`) or a modifier (`MODIFIER` of `data/title_words.tsv`).
fn is_adjective(tables: &WordTables, folded: &str) -> bool {
    tables.demonyms.is_nationality(folded) || tables.titles.adjectives.contains(folded)
}

/// Parses titles from token `at` and says whether they can end where `done` says, without
/// passing `limit`. Returns the end token (one past the title).
struct Parser<'a, 'c> {
    cx: &'a Context<'c>,
    limit: usize,
    done: &'a dyn Fn(usize) -> bool,
}

impl Parser<'_, '_> {
    /// The ends of the titles that start at `at` (clitic chars `prefix` on the first token
    /// already accounted for by the caller), longest first.
    fn title_ends(&self, at: usize, first_word: &str) -> Vec<usize> {
        let Some(sequences) = self.cx.tables.titles.titles.get(first_word) else { return Vec::new() };
        sequences
            .iter()
            .filter(|seq| at + seq.len() <= self.limit)
            .filter(|seq| seq[1..].iter().enumerate().all(|(k, w)| self.cx.text(at + 1 + k) == w))
            .map(|seq| at + seq.len())
            .collect()
    }

    fn skip_adjectives(&self, mut at: usize) -> usize {
        while at < self.limit && is_adjective(self.cx.tables, self.cx.text(at)) {
            at += 1;
        }
        at
    }

    /// Whether a sequence of titles can start at `at` (its first word `word`) and end where
    /// `done` accepts.
    fn sequence(&self, at: usize, word: &str, depth: usize) -> Option<usize> {
        if depth > 4 {
            return None;
        }
        for end in self.title_ends(at, word) {
            let after = self.skip_adjectives(end);
            if let Some(found) = self.rest(after, depth) {
                return Some(found);
            }
            // A complement: a name of an organization or place, then adjectives; after لدى or
            // إلى (`السفير الروسي لدى الأمم المتحدة`، `المبعوث الخاص إلى سوريا`).
            let to = after + 1 < self.limit && self.cx.tables.titles.prepositions.contains(self.cx.text(after));
            let after = if to { after + 1 } else { after };
            if let Some((m, label)) = self.cx.mention(after) {
                if label != Label::Per {
                    let (_, last) = self.cx.mention_tokens(m, after);
                    if last <= self.limit {
                        if let Some(found) = self.rest(self.skip_adjectives(last), depth) {
                            return Some(found);
                        }
                    }
                }
            }
            // Or up to three definite words (the genitive of a title: قائد الشرطة المحلية).
            let mut next = after;
            for _ in 0..3 {
                let definite = next < self.limit
                    && self.cx.words.tokens[next].kind == TokenKind::Arabic
                    && self.cx.text(next).starts_with("ال")
                    && self.cx.mention(next).is_none();
                if !definite {
                    break;
                }
                next += 1;
                if let Some(found) = self.rest(self.skip_adjectives(next), depth) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// At `at`, the titles are done, or another one follows.
    fn rest(&self, at: usize, depth: usize) -> Option<usize> {
        if (self.done)(at) {
            return Some(at);
        }
        if at >= self.limit {
            return None;
        }
        let word = self.cx.text(at).to_owned();
        self.sequence(at, &word, depth + 1)
    }
}

/// The title of each person mention that has one: (mention index, title as written).
pub(crate) fn find(cx: &Context<'_>) -> Vec<(usize, String)> {
    let mut titles = Vec::new();
    let mut i = 0;
    while i < cx.len() {
        let Some((m, label)) = cx.mention(i) else {
            i += 1;
            continue;
        };
        let (first, last) = cx.mention_tokens(m, i);
        i = last;
        if label != Label::Per {
            continue;
        }
        if let Some(title) = before(cx, first).or_else(|| after(cx, last)) {
            titles.push((m, title));
        }
    }
    titles
}

/// A title that ends right before the name at token `name`.
fn before(cx: &Context<'_>, name: usize) -> Option<String> {
    let sentence = cx.sentence_of[name];
    let done = |at: usize| at == name;
    let parser = Parser { cx, limit: name, done: &done };
    for start in name.saturating_sub(WINDOW)..name {
        if cx.sentence_of[start] != sentence || cx.mention(start).is_some_and(|(_, l)| l == Label::Per) {
            continue;
        }
        for reading in cx.words.readings(start) {
            if parser.sequence(start, &reading.stem, 0).is_some() {
                let (s, e) = cx.span(start, name, reading.prefix);
                // After لل the article's alef is not written: give it back (للرئيس → الرئيس).
                let restored = !cx.text(start).chars().skip(reading.prefix).collect::<String>().starts_with("ال")
                    && reading.stem.starts_with("ال");
                return Some(if restored { format!("ال{}", cx.original(s, e)) } else { cx.original(s, e) });
            }
        }
    }
    None
}

/// A title in apposition after the name that ends at token `name_end`: `بوتين، الرئيس الروسي،`.
fn after(cx: &Context<'_>, name_end: usize) -> Option<String> {
    if !(cx.is(name_end, "،") || cx.is(name_end, ",")) {
        return None;
    }
    let start = name_end + 1;
    let sentence = cx.sentence_of[name_end];
    let limit = (start + WINDOW).min(cx.len());
    let done = |at: usize| {
        at > start
            && (at >= cx.len()
                || cx.sentence_of[at] != sentence
                || ["،", ",", ".", "؛", ")", "-"].contains(&cx.text(at)))
    };
    let parser = Parser { cx, limit, done: &done };
    if start >= cx.len() {
        return None;
    }
    let end = parser.sequence(start, cx.text(start), 0)?;
    let (s, e) = cx.span(start, end, 0);
    Some(cx.original(s, e))
}

#[cfg(test)]
mod tests {
    use crate::analyzer::shared_for_tests as analyzer;

    /// (person surface, title) of every person mention.
    fn titles(text: &str) -> Vec<(String, Option<String>)> {
        analyzer()
            .analyze(text)
            .entities
            .into_iter()
            .filter(|m| m.label == crate::Label::Per)
            .map(|m| (m.text, m.title))
            .collect()
    }

    #[test]
    fn title_table() {
        let t = |name: &str, title: Option<&str>| (name.to_owned(), title.map(str::to_owned));
        let cases = [
            ("قال وزير الخارجية الروسي سيرغي لافروف إن", t("سيرغي لافروف", Some("وزير الخارجية الروسي"))),
            ("التقى الرئيس التركي رجب طيب أردوغان", t("رجب طيب أردوغان", Some("الرئيس التركي"))),
            ("وصرح للرئيس الروسي بوتين", t("بوتين", Some("الرئيس الروسي"))),
            ("التقى نظيره التركي رجب طيب أردوغان", t("رجب طيب أردوغان", Some("نظيره التركي"))),
            ("وقال بوتين، الرئيس الروسي، إن", t("بوتين", Some("الرئيس الروسي"))),
            ("قال بوتين إن", t("بوتين", None)),
            ("وقال المتحدث باسم الكرملين دميتري بيسكوف إن", t("دميتري بيسكوف", Some("المتحدث باسم الكرملين"))),
            (
                "وقال الأمين العام للأمم المتحدة أنطونيو غوتيريش إن",
                t("أنطونيو غوتيريش", Some("الأمين العام للأمم المتحدة")),
            ),
            ("التقى رئيس الوزراء الإسرائيلي بنيامين نتنياهو", t("بنيامين نتنياهو", Some("رئيس الوزراء الإسرائيلي"))),
            ("وصل الرئيس الروسي السابق ميدفيديف", t("ميدفيديف", Some("الرئيس الروسي السابق"))),
            ("وصل بوتين، ثم غادر", t("بوتين", None)),
            (
                "وقال السفير الروسي لدى الأمم المتحدة فاسيلي نيبينزيا إن",
                t("فاسيلي نيبينزيا", Some("السفير الروسي لدى الأمم المتحدة")),
            ),
        ];
        for (text, expected) in cases {
            let found = titles(text);
            assert!(found.contains(&expected), "{expected:?} in {text:?}: {found:?}");
        }
    }
}

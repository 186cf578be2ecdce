//! The lexicon of known entities and its matcher: a trie over folded tokens, so that a name of
//! several words is found whatever its diacritics, hamza seats or clitics.

use rustc_hash::FxHashMap as HashMap;

use super::{Candidate, Words};
use crate::analysis::Label;
use std::borrow::Cow;

use crate::text::normalize::{fold_borrowed, Folded};
use crate::text::tokenize::{tokenize, TokenKind};
use crate::hash::ByHash;
use crate::word_key::{WordKey, WordKeyMap};

#[derive(Debug, Clone)]
struct Entry {
    id: String,
    label: Label,
    canonical: String,
}

/// What tells one lexicon from another: never the same for two lexicons of a run. The tagger's
/// word cache keeps which words begin none of a lexicon's names, for that lexicon alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LexiconId(u64);

/// What a caller knows of a word's number among the words of a lexicon's names
/// ([`Lexicon::word_number`]): the tagger's word cache keeps it with the word, so that matching
/// a name's next word takes one lookup, of the trie's edge, not two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordNumber(u32);

impl WordNumber {
    /// Not known to the caller: the lexicon looks the word up.
    pub(crate) const UNKNOWN: WordNumber = WordNumber(u32::MAX);
    /// No name of the lexicon has the word.
    const ABSENT: WordNumber = WordNumber(u32::MAX - 1);
}

/// Known entities, indexed for matching. Never changed once built, so that what the tagger's
/// word cache keeps of it for its [`LexiconId`] holds.
#[derive(Debug)]
pub(crate) struct Lexicon {
    id: LexiconId,
    entries: Vec<Entry>,
    /// Folded token text → token number.
    vocabulary: WordKeyMap<u32>,
    /// (trie node, token number) → child node. Node 0 is the root.
    edges: HashMap<(u32, u32), u32>,
    /// For each node, the entry whose name ends there.
    terminal: Vec<Option<u32>>,
    /// The first tokens of the names (the root's edges), by the hash of their text: whether a
    /// word may begin a name takes one lookup of a key held in the table, not the vocabulary's
    /// and then the root's ([`Lexicon::begins_with_hashed`]).
    first_tokens: ByHash<()>,
}

/// The folded tokens of a name, `folded` being the name folded. Most names of the tables fold to
/// Arabic words between single spaces: those are the pieces of `folded` between its spaces,
/// borrowed, without tokenizing the name (which gives the same tokens, as the tokenizer reads
/// the folded text alone; it and a `String` per token were a sixth of the analyzer's build).
fn name_tokens<'a>(name: &str, folded: &'a str) -> Vec<Cow<'a, str>> {
    let plain = |word: &str| {
        !word.is_empty() && word.chars().all(|c| matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}'))
    };
    if folded.is_empty() {
        // An empty variants field: no name, and no tokenizer set up for it.
        return Vec::new();
    }
    if crate::tsv::split(folded, b' ').all(plain) {
        return crate::tsv::split(folded, b' ').map(Cow::Borrowed).collect();
    }
    tokenize(&Folded::new(name)).into_iter().map(|t| Cow::Owned(t.text.to_owned())).collect()
}

/// Whether `name` is Arabic letters that folding keeps as they are, in words between single
/// spaces (most names of the WikiFANE strings): it is then its own folded form, and its words
/// are its tokens ([`name_tokens`]), known in one pass over its chars.
fn is_plain_folded(name: &str) -> bool {
    let mut after_space = true;
    for c in name.chars() {
        match c {
            ' ' if !after_space => after_space = true,
            // The letters of `name_tokens`' plain words but آ أ ؤ إ ئ ة ى, which fold to others.
            '\u{0621}' | '\u{0627}'..='\u{0628}' | '\u{062A}'..='\u{063A}' | '\u{0641}'..='\u{0648}' | '\u{064A}' => {
                after_space = false
            }
            _ => return false,
        }
    }
    !after_space
}

/// A line of the lexicon file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LexiconError {
    pub line: usize,
    pub message: String,
}

impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon::sized_for(0)
    }
}

impl Lexicon {
    /// The embedded lexicon (`data/lexicon.tsv`), parsed anew. The embedded data is checked by
    /// the test suite: a broken file is a build defect.
    pub(crate) fn embedded() -> Lexicon {
        Lexicon::parse(crate::embedded::lexicon())
            .unwrap_or_else(|error| panic!("embedded lexicon, line {}: {}", error.line, error.message))
    }

    /// Reads the TSV form: `id<TAB>label<TAB>canonical<TAB>variant|variant…`, `#` comments.
    /// When two entries claim the same folded name, the first one keeps it.
    pub(crate) fn parse(tsv: &str) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::sized_for(crate::tsv::line_count(tsv));
        // The other spellings of `عبد` names, added last.
        let mut written: Vec<(Vec<String>, u32)> = Vec::new();
        for (index, line) in crate::tsv::lines(tsv).enumerate() {
            if line.is_empty() || line.starts_with('#') || line.starts_with("id\t") {
                continue;
            }
            let error = |message: &str| LexiconError { line: index + 1, message: message.to_owned() };
            let mut fields = crate::tsv::fields(line);
            let (Some(id), Some(label), Some(canonical)) = (fields.next(), fields.next(), fields.next()) else {
                return Err(error("expected id, label, canonical and variants separated by tabs"));
            };
            let label: Label = label.parse().map_err(|e: String| error(&e))?;
            let variants = fields.next().unwrap_or("");
            let entry = lexicon.entries.len() as u32;
            lexicon.entries.push(Entry { id: id.to_owned(), label, canonical: canonical.to_owned() });
            for name in std::iter::once(canonical).chain(crate::tsv::split(variants, b'|')) {
                written.extend(lexicon.insert(name, entry).into_iter().map(|tokens| (tokens, entry)));
            }
        }
        for (tokens, entry) in written {
            lexicon.insert_tokens(&tokens, entry);
        }
        Ok(lexicon)
    }

    /// An empty lexicon with room for the names of a file of `lines` lines (most lines give one
    /// or two names of one to three words, in the embedded tables), so that its maps are not
    /// grown again and again as they fill.
    fn sized_for(lines: usize) -> Lexicon {
        let mut terminal = Vec::with_capacity(2 * lines);
        terminal.push(None);
        Lexicon {
            id: LexiconId(super::new_id()),
            entries: Vec::with_capacity(lines),
            vocabulary: HashMap::with_capacity_and_hasher(lines, Default::default()),
            edges: HashMap::with_capacity_and_hasher(2 * lines, Default::default()),
            terminal,
            first_tokens: ByHash::with_capacity(lines),
        }
    }

    /// Adds a name; returns the same name with its compound `عبد` names written the other way
    /// (`عبد العزيز` / `عبدالعزيز`: news writes both), which the caller adds after every name
    /// of the file, so that they never take a name an entry lists.
    fn insert(&mut self, name: &str, entry: u32) -> Vec<Vec<String>> {
        if is_plain_folded(name) {
            let tokens: Vec<&str> = crate::tsv::split(name, b' ').collect();
            return self.insert_name_tokens(&tokens, entry);
        }
        let folded = fold_borrowed(name);
        let tokens = name_tokens(name, &folded);
        self.insert_name_tokens(&tokens, entry)
    }

    /// Adds a name as its folded tokens; returns its `عبد` variants ([`Lexicon::insert`]).
    fn insert_name_tokens(&mut self, tokens: &[impl AsRef<str>], entry: u32) -> Vec<Vec<String>> {
        let variants = abd_variants(tokens);
        self.insert_tokens(tokens, entry);
        variants
    }

    /// Adds a name as its folded tokens. A token the vocabulary lacks is copied into it; the
    /// others are only looked up.
    fn insert_tokens(&mut self, tokens: &[impl AsRef<str>], entry: u32) {
        let Some(first) = tokens.first() else { return };
        self.first_tokens.insert(first.as_ref(), ());
        let mut node = 0u32;
        for token in tokens {
            let token = match self.vocabulary.get(token.as_ref().as_bytes()) {
                Some(&number) => number,
                None => {
                    let number = self.vocabulary.len() as u32;
                    self.vocabulary.insert(WordKey::of(token.as_ref()), number);
                    number
                }
            };
            let next_node = self.terminal.len() as u32;
            node = *self.edges.entry((node, token)).or_insert(next_node);
            if node == next_node {
                self.terminal.push(None);
            }
        }
        let slot = &mut self.terminal[node as usize];
        if slot.is_none() {
            *slot = Some(entry);
        }
    }

    /// The entity whose name is exactly these folded tokens, as (label, canonical name, id).
    pub(crate) fn entry_named(&self, tokens: &[&str]) -> Option<(Label, &str, &str)> {
        let mut node = 0u32;
        for token in tokens {
            node = self.step(node, token)?;
        }
        let entry = &self.entries[self.terminal[node as usize]? as usize];
        Some((entry.label, entry.canonical.as_str(), entry.id.as_str()))
    }

    /// Whether a folded token is a word of some lexicon name.
    pub(crate) fn knows_token(&self, token: &str) -> bool {
        self.vocabulary.contains_key(token.as_bytes())
    }

    /// What tells this lexicon from the others of the run.
    pub(crate) fn id(&self) -> LexiconId {
        self.id
    }

    /// Whether some name begins with the folded token whose [`crate::hash::string_key`] is `key`:
    /// where none does, [`Lexicon::find`] finds no name at a reading whose stem it is.
    #[inline]
    pub(crate) fn begins_with_hashed(&self, key: u64) -> bool {
        self.first_tokens.get_hashed(key).is_some()
    }

    /// How many entities the lexicon knows.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    fn step(&self, node: u32, text: &str) -> Option<u32> {
        let token = self.vocabulary.get(text.as_bytes())?;
        self.edges.get(&(node, *token)).copied()
    }

    /// The folded word's number among the words of the names: [`WordNumber::ABSENT`] where no
    /// name has it.
    pub(crate) fn word_number(&self, word: &str) -> WordNumber {
        self.vocabulary.get(word.as_bytes()).map_or(WordNumber::ABSENT, |&number| WordNumber(number))
    }

    /// [`Lexicon::step`] by a word whose number the caller may know.
    #[inline]
    fn step_numbered(&self, node: u32, number: WordNumber, text: &str) -> Option<u32> {
        match number {
            WordNumber::UNKNOWN => self.step(node, text),
            WordNumber::ABSENT => None,
            WordNumber(number) => self.edges.get(&(node, number)).copied(),
        }
    }

    /// The longest lexicon name starting at token `first` (its first token read with or without
    /// clitics), as (one past its last token, clitic chars, entry).
    /// Only the readings `may_begin` allows are looked up; `number` tells the tokens' numbers
    /// ([`Lexicon::find_where`]).
    fn longest_at(
        &self,
        words: &Words<'_>,
        first: usize,
        may_begin: &impl Fn(usize, usize) -> bool,
        number: &impl Fn(usize) -> WordNumber,
    ) -> Option<(usize, usize, u32)> {
        let mut best: Option<(usize, usize, u32)> = None;
        for (index, reading) in words.readings(first).iter().enumerate() {
            if !may_begin(first, index) {
                continue;
            }
            // The first reading is the whole token.
            let first_step = match index {
                0 => self.step_numbered(0, number(first), &reading.stem),
                _ => self.step(0, &reading.stem),
            };
            let Some(mut node) = first_step else { continue };
            let mut last = first + 1;
            loop {
                if let Some(entry) = self.terminal[node as usize] {
                    // Longer wins; at equal length the reading with fewer clitics (seen first) stays.
                    if best.is_none_or(|(best_last, _, _)| last > best_last) {
                        best = Some((last, reading.prefix, entry));
                    }
                }
                match words.text(last).and_then(|text| self.step_numbered(node, number(last), text)) {
                    Some(next) => {
                        node = next;
                        last += 1;
                    }
                    None => break,
                }
            }
        }
        best
    }

    /// The entity whose name is exactly tokens `first..last` (the first read with or without
    /// clitics), as (clitic chars, id): `حماس` names `org:hamas` even where the matcher found the
    /// longer `حركة حماس`.
    pub(crate) fn naming(&self, words: &Words<'_>, first: usize, last: usize) -> Option<(usize, &str)> {
        words.readings(first).iter().find_map(|reading| {
            let entry = self.entry_after(self.step(0, &reading.stem)?, words, first + 1..last)?;
            Some((reading.prefix, entry.id.as_str()))
        })
    }

    /// The entity named `kind` followed by tokens `first..last` (`صحيفه` and `الشرق الأوسط`
    /// name `org:asharq-al-awsat`), as (label, canonical name, id).
    pub(crate) fn described(
        &self,
        kind: &str,
        words: &Words<'_>,
        first: usize,
        last: usize,
    ) -> Option<(Label, &str, &str)> {
        let entry = self.entry_after(self.step(0, kind)?, words, first..last)?;
        Some((entry.label, entry.canonical.as_str(), entry.id.as_str()))
    }

    /// The entry whose name ends where the tokens `tokens`, read from trie node `node`, end.
    fn entry_after(&self, mut node: u32, words: &Words<'_>, tokens: std::ops::Range<usize>) -> Option<&Entry> {
        for at in tokens {
            node = self.step(node, words.text(at)?)?;
        }
        Some(&self.entries[self.terminal[node as usize]? as usize])
    }

    /// Every lexicon name in the tokens, left to right, longest first, never overlapping.
    pub(crate) fn find(&self, words: &Words<'_>) -> Vec<Candidate> {
        self.find_where(words, |_, _| true, |_| WordNumber::UNKNOWN)
    }

    /// [`Lexicon::find`], passing by the readings for which `may_begin(token, reading)` is false
    /// (`reading` is its index in [`Words::readings`]): a caller that knows their stems begin no
    /// name ([`Lexicon::begins_with_hashed`]) saves looking them up. `number(token)` is the
    /// token's [`WordNumber`] where the caller knows it, else [`WordNumber::UNKNOWN`].
    pub(crate) fn find_where(
        &self,
        words: &Words<'_>,
        may_begin: impl Fn(usize, usize) -> bool,
        number: impl Fn(usize) -> WordNumber,
    ) -> Vec<Candidate> {
        let mut found = Vec::new();
        let mut first = 0;
        while first < words.tokens.len() {
            let is_word = matches!(words.tokens[first].kind, TokenKind::Arabic | TokenKind::OtherWord);
            match is_word.then(|| self.longest_at(words, first, &may_begin, &number)).flatten() {
                Some((last, prefix, entry)) => {
                    let entry = &self.entries[entry as usize];
                    found.push(Candidate {
                        first,
                        last,
                        prefix,
                        label: entry.label,
                        canonical: entry.canonical.clone(),
                        id: entry.id.clone(),
                        source: crate::extract::Source::Lexicon,
                    });
                    first = last;
                }
                None => first += 1,
            }
        }
        found
    }
}

/// The name's tokens with its compound `عبد` names written the other way: joined when apart
/// (`عبد` `العزيز` → `عبدالعزيز`), apart when joined (`عبدالله` → `عبد` `الله`); none when it
/// has none. Only a second part of two letters or more is split off.
fn abd_variants(tokens: &[impl AsRef<str>]) -> Vec<Vec<String>> {
    const ABD: &str = "عبد";
    if !tokens.iter().any(|token| token.as_ref().starts_with(ABD)) {
        return Vec::new();
    }
    let tokens: Vec<String> = tokens.iter().map(|token| token.as_ref().to_owned()).collect();
    let mut joined: Vec<String> = Vec::with_capacity(tokens.len());
    let mut split: Vec<String> = Vec::with_capacity(tokens.len() + 1);
    let (mut joins, mut splits) = (false, false);
    let mut at = 0;
    while at < tokens.len() {
        let token = &tokens[at];
        if token == ABD && at + 1 < tokens.len() && tokens[at + 1].chars().all(char::is_alphabetic) {
            joined.push(format!("{ABD}{}", tokens[at + 1]));
            split.extend([token.clone(), tokens[at + 1].clone()]);
            joins = true;
            at += 2;
            continue;
        }
        match token.strip_prefix(ABD).filter(|rest| rest.chars().count() >= 2) {
            Some(rest) => {
                split.extend([ABD.to_owned(), rest.to_owned()]);
                splits = true;
            }
            None => split.push(token.clone()),
        }
        joined.push(token.clone());
        at += 1;
    }
    let mut variants = Vec::new();
    if joins {
        variants.push(joined);
    }
    if splits {
        variants.push(split);
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::fold;

    #[test]
    fn a_name_begins_with_its_first_token_alone() {
        let lexicon = Lexicon::parse("per:1\tPER\tبشار الأسد\tبشار حافظ الأسد\n").expect("reads");
        let begins = |token: &str| lexicon.begins_with_hashed(crate::hash::string_key(&fold(token)));
        assert!(begins("بشار"));
        assert!(!begins("الأسد") && !begins("حافظ") && !begins("بشا") && !begins(""));
        assert!(!Lexicon::default().begins_with_hashed(crate::hash::string_key("بشار")));
    }

    /// The quick split of plain names gives the tokens folding and tokenizing give, for every
    /// name of the embedded tables and for names it must leave to them.
    #[test]
    fn plain_names_split_as_the_tokenizer_does() {
        let slow = |name: &str| -> Vec<String> { tokenize(&Folded::new(name)).into_iter().map(|t| t.text.to_owned()).collect() };
        let mut names: Vec<&str> = vec!["فلاديمير بوتين", "أحمد  داود", " منبج", "منبج ", "الأمم المتحدة", "ـمنبج", "CNN عربية", "بوتين،", ""];
        // Names that fold to plain words: marks, format characters, other spaces.
        names.extend(["مُصطفى عليّ", "الأمم\u{200B} المتحدة", "قال\u{00A0}علي", "قال\u{00A0} علي", "عبد\u{0640}الله"]);
        for line in crate::tsv::lines(crate::embedded::lexicon()).filter(|l| !l.starts_with('#')) {
            names.extend(crate::tsv::fields(line).skip(2).take(2).flat_map(|field| crate::tsv::split(field, b'|')));
        }
        for line in crate::tsv::lines(crate::embedded::wiki_ner()).filter(|l| l.starts_with("e\t")) {
            names.extend(crate::tsv::fields(line).nth(2));
        }
        assert!(names.len() > 20_000, "{}", names.len());
        names.extend(["قال", "قال علي", "قال  علي", " قال", "قال ", "قالة", "الأمم", "علي\u{0640}"]);
        let plain = names.iter().filter(|name| is_plain_folded(name)).count();
        assert!(plain > 10_000, "{plain} names take the quickest way");
        for name in names {
            assert_eq!(name_tokens(name, &fold(name)), slow(name), "{name:?}");
            if is_plain_folded(name) {
                assert_eq!(fold(name), name);
                assert_eq!(name.split(' ').collect::<Vec<_>>(), slow(name), "{name:?}");
            }
        }
    }

    const SAMPLE: &str = "# test lexicon\n\
        id\tlabel\tcanonical\tvariants\n\
        per:putin\tPER\tفلاديمير بوتين\tبوتين\n\
        loc:manbij\tLOC\tمنبج\t\n\
        loc:iraq\tLOC\tالعراق\t\n\
        org:unsc\tORG\tمجلس الأمن الدولي\tمجلس الأمن\n\
        loc:other-manbij\tLOC\tمنبج\t\n";

    fn find(text: &str) -> Vec<(String, String)> {
        let lexicon = Lexicon::parse(SAMPLE).unwrap();
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        lexicon
            .find(&Words::new(&tokens))
            .into_iter()
            .map(|c| {
                let start = tokens[c.first].start + c.prefix;
                let (s, e) = folded.original_span(start, tokens[c.last - 1].end);
                (folded.original_text(s, e), c.id)
            })
            .collect()
    }

    #[test]
    fn finds_names_through_clitics_and_spellings() {
        let hits = find("وصل فلاديمير بوتين وبمَنبج ثم للعراق، وقال مجلسُ الأمنِ الدولي");
        let expected = [
            ("فلاديمير بوتين", "per:putin"),
            ("مَنبج", "loc:manbij"),
            ("عراق", "loc:iraq"),
            ("مجلسُ الأمنِ الدولي", "org:unsc"),
        ];
        let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(hits, expected);
    }

    #[test]
    fn words_numbered_by_the_caller_match_as_words_looked_up() {
        let lexicon = Lexicon::parse(SAMPLE).unwrap();
        let folded = Folded::new("وصل فلاديمير بوتين وبمنبج، وقال مجلس الأمن الدولي وزير");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let numbers: Vec<WordNumber> = tokens.iter().map(|token| lexicon.word_number(token.text)).collect();
        assert_eq!(numbers[0], WordNumber::ABSENT, "no name has وصل");
        assert_ne!(numbers[1], WordNumber::ABSENT);
        let found = lexicon.find_where(&words, |_, _| true, |i| numbers[i]);
        assert_eq!(found, lexicon.find(&words));
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn partial_name_from_variant() {
        assert_eq!(find("قال بوتين"), [("بوتين".to_owned(), "per:putin".to_owned())]);
    }

    #[test]
    fn abd_names_are_found_joined_and_apart() {
        let lexicon = Lexicon::parse("per:a\tPER\tعبد الله علي\t\nper:b\tPER\tعبدالرحمن خالد\t\n").unwrap();
        let id = |name: &str| lexicon.entry_named(&name.split(' ').collect::<Vec<_>>()).map(|(_, _, id)| id.to_owned());
        assert_eq!(id("عبدالله علي").as_deref(), Some("per:a"));
        assert_eq!(id("عبد الله علي").as_deref(), Some("per:a"));
        assert_eq!(id("عبد الرحمن خالد").as_deref(), Some("per:b"));
        assert_eq!(id("عبد علي"), None);
    }

    #[test]
    fn naming_reads_a_span_whatever_the_matcher_found() {
        let lexicon = Lexicon::parse(SAMPLE).unwrap();
        let folded = Folded::new("وقال مجلس الأمن الدولي وبوتين");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        // The matcher finds the longer name; `naming` reads the shorter one inside it.
        assert_eq!(lexicon.naming(&words, 1, 3), Some((0, "org:unsc")));
        assert_eq!(lexicon.naming(&words, 1, 4), Some((0, "org:unsc")));
        assert_eq!(lexicon.naming(&words, 1, 2), None, "a part of a name is no name");
        assert_eq!(lexicon.naming(&words, 4, 5), Some((1, "per:putin")));
    }

    #[test]
    fn first_entry_keeps_a_shared_name() {
        assert_eq!(find("منبج")[0].1, "loc:manbij");
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let error = Lexicon::parse("x\tPER\n").unwrap_err();
        assert_eq!(error.line, 1);
        assert!(Lexicon::parse("x\tPERSON\tفلان\t\n").is_err());
    }

    #[test]
    fn embedded_lexicon_parses() {
        let lexicon = Lexicon::parse(crate::embedded::lexicon()).expect("data/lexicon.tsv parses");
        assert!(lexicon.len() > 100, "only {} entries", lexicon.len());
    }
}

//! Feature extraction for the tagger: every feature of a token is a 64-bit hash of a template
//! number and the strings it is made of, computed without allocating.

use crate::hash::{feature_finish, feature_part, feature_start, string_key, ByHash};

use crate::extract::lexicon::{Lexicon, WordNumber};
use crate::extract::{Candidate, Words};

use crate::text::tokenize::TokenKind;
use super::frequency::Frequencies;
use crate::tsv;

/// The class of a stem [`Lists`] has no cluster for.
pub(crate) const NO_CLUSTER: [u16; 2] = [u16::MAX; 2];

/// What WikiFANE says of a folded token, bucketed: its most frequent entity type (1 + index in
/// [`crate::conll::TYPES`], 0 when never inside an entity), the share of its occurrences inside an
/// entity, its frequency and the share of its entity occurrences that are not the first token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WikiStat {
    pub entity_type: u8,
    pub share: u8,
    pub frequency: u8,
    pub inside: u8,
}

impl WikiStat {
    fn from_counts(counts: &[u32; 6]) -> WikiStat {
        let total: u32 = counts[..5].iter().sum();
        let entity: u32 = counts[1..5].iter().sum();
        let mut entity_type = 0u8;
        for t in 1..5 {
            if counts[t] > 0 && (entity_type == 0 || counts[t] > counts[entity_type as usize]) {
                entity_type = t as u8;
            }
        }
        let share = if total == 0 { 0.0 } else { f64::from(entity) / f64::from(total) };
        let share = match share {
            s if s <= 0.0 => 0,
            s if s < 0.1 => 1,
            s if s < 0.4 => 2,
            s if s < 0.7 => 3,
            s if s < 0.95 => 4,
            _ => 5,
        };
        let frequency = match total {
            0..=1 => 0,
            2..=4 => 1,
            5..=19 => 2,
            _ => 3,
        };
        let inside = if entity == 0 { 0 } else { 1 + (3 * counts[5] / (entity + 1)).min(2) as u8 };
        WikiStat { entity_type, share, frequency, inside }
    }

    /// A coarse class for context conjunctions: the entity type when the token is mostly inside
    /// entities, 0 when it is mostly outside, 9 when WikiFANE does not know it.
    pub(crate) fn class(self, known: bool) -> u8 {
        match (known, self.share >= 3) {
            (false, _) => 9,
            (true, true) => self.entity_type,
            (true, false) => 0,
        }
    }
}

/// Name-list flags of a folded token.
pub(crate) const WIKIDATA: u8 = 1;
pub(crate) const AKHATEEB: u8 = 2;
pub(crate) const TRANSLIT: u8 = 4;
pub(crate) const TITLE: u8 = 8;

/// The word lists the features consult, built once ([`Lists::parse_embedded`], by `crate::resources`).
#[derive(Debug, Default)]
pub(crate) struct Lists {
    names: ByHash<u8>,
    /// First names only women (true) or only men (false) have: the `f` and `m` flags.
    genders: ByHash<bool>,
    /// Folded trigger word → 1 person, 2 place, 3 organization: a name of that type often comes
    /// right after it (`data/feature_words.tsv`).
    triggers: ByHash<u8>,
    /// Folded WikiFANE token → its statistics.
    wiki: ByHash<WikiStat>,
    /// WikiFANE's multi-token entity strings.
    wiki_strings: Lexicon,
    /// Folded stem → its classes in the coarse and the fine clustering.
    clusters: ByHash<[u16; 2]>,
    /// Folded word that shows what a stretch of news is about → its topic: 1 sport, 2 business,
    /// 3 arts (`data/feature_words.tsv`). A club named after its city is an organization in a
    /// match report, a place elsewhere.
    topics: ByHash<u8>,
    /// How common each word is in Arabic at large.
    freq: Frequencies,
}

impl Lists {
    /// Reads the word frequencies (`data/word_freq.tsv`, see [`Frequencies::parse`]).
    pub(crate) fn add_frequencies(&mut self, tsv: &str) {
        self.freq = Frequencies::parse(tsv);
    }

    /// Reads the triggers and topic words (`data/feature_words.tsv`: the word, folded, then `PER`,
    /// `LOC` or `ORG` for a trigger, `SPORT`, `BUSINESS` or `ARTS` for a topic).
    pub(crate) fn add_feature_words(&mut self, tsv: &'static str) {
        for fields in crate::tsv::data_rows(tsv) {
            let (Some(&word), Some(&kind)) = (fields.first(), fields.get(1)) else { continue };
            let (map, class) = match kind {
                "PER" => (&mut self.triggers, 1),
                "LOC" => (&mut self.triggers, 2),
                "ORG" => (&mut self.triggers, 3),
                "SPORT" => (&mut self.topics, 1),
                "BUSINESS" => (&mut self.topics, 2),
                "ARTS" => (&mut self.topics, 3),
                _ => continue,
            };
            map.insert(word, class);
        }
    }

    /// Reads `stem<TAB>coarse class<TAB>fine class` lines (`#` comments).
    pub(crate) fn add_clusters(&mut self, tsv: &'static str) {
        self.clusters.reserve(tsv::line_count(tsv));
        for line in tsv::lines(tsv).filter(|l| !l.starts_with('#')) {
            let mut fields = tsv::fields(line);
            let (Some(stem), Some(coarse), Some(fine)) = (fields.next(), fields.next(), fields.next()) else {
                continue;
            };
            let (Ok(coarse), Ok(fine)) = (coarse.parse(), fine.parse()) else { continue };
            self.clusters.insert(stem, [coarse, fine]);
        }
    }

    /// Reads the WikiFANE lines (`w` token counts, `e` entity strings; see `data/wiki_ner.tsv`).
    /// The tokens are folded in the file (`scripts/build_wiki_ner.py` folds them with the rules
    /// of `crate::text::normalize`, and a test checks that folding leaves each as it is), so they
    /// are kept as they are.
    pub(crate) fn add_wiki(&mut self, tsv: &'static str) {
        self.wiki.reserve(tsv::line_count(tsv));
        let mut strings = String::new();
        for line in tsv::lines(tsv).filter(|l| !l.starts_with('#')) {
            if let Some((token, counts)) = wiki_token_counts(line) {
                self.wiki.insert(token, WikiStat::from_counts(&counts));
            } else if let Some(["e", label, string, _]) = exact_fields::<4>(line) {
                for part in ["e\t", label, "\t", string, "\t\n"] {
                    strings.push_str(part);
                }
            }
        }
        self.wiki_strings = Lexicon::parse(&strings).unwrap_or_default();
    }

    /// Reads `token<TAB>flags` lines (`w`, `a`, `g`, `t`; `f`, `m` of a first name only women or
    /// only men have), `#` comments.
    pub(crate) fn parse(tsv: &'static str) -> Lists {
        let mut names = ByHash::with_capacity(tsv::line_count(tsv));
        let mut genders = ByHash::default();
        for line in tsv::lines(tsv).filter(|l| !l.starts_with('#')) {
            let Some(tab) = tsv::find_byte(line.as_bytes(), b'\t') else { continue };
            let (token, flags) = (&line[..tab], &line.as_bytes()[tab + 1..]);
            let (bits, woman, man) = name_flags_of(flags);
            if woman != man {
                genders.insert(token, woman);
            }
            names.insert(token, bits);
        }
        Lists {
            names,
            genders,
            triggers: ByHash::default(),
            wiki: ByHash::default(),
            wiki_strings: Lexicon::default(),
            clusters: ByHash::default(),
            topics: ByHash::default(),
            freq: Frequencies::default(),
        }
    }

    /// How common `word` (folded) is in Arabic at large: 0 rarer than Zipf 2, else 1 to 7
    /// ([`Frequencies::class`]).
    pub(crate) fn frequency(&self, word: &str) -> u8 {
        self.freq.class(word)
    }

    /// True when WikiFANE saw `word` (folded) at least twice, and mostly outside names.
    pub(crate) fn is_common_word(&self, word: &str) -> bool {
        self.wiki.get(word).is_some_and(|stat| stat.frequency >= 1 && stat.share <= 2)
    }

    /// Whether `word` (folded) is a word of sport (topic 1).
    pub(crate) fn is_sport_word(&self, word: &str) -> bool {
        self.topics.get(word) == Some(&1)
    }

    /// True when WikiFANE saw `word` (folded) mostly inside names.
    pub(crate) fn is_entity_word(&self, word: &str) -> bool {
        self.wiki.get(word).is_some_and(|stat| stat.share >= 3)
    }

    /// True when `word` (folded) is a person-name token of some list.
    pub(crate) fn is_name(&self, word: &str) -> bool {
        self.name_flags(word) & (WIKIDATA | AKHATEEB) != 0
    }

    /// True when `word` (folded) is in the list of Arabic personal names (`تركي`, not `ليبي`).
    pub(crate) fn is_arabic_name(&self, word: &str) -> bool {
        self.name_flags(word) & AKHATEEB != 0
    }

    /// Whether `word` (folded) is a first name only women (true) or only men (false) have.
    pub(crate) fn first_name_gender(&self, word: &str) -> Option<bool> {
        self.genders.get(word).copied()
    }

    fn name_flags(&self, word: &str) -> u8 {
        self.names.get(word).copied().unwrap_or(0)
    }
}

impl Lists {
    /// The word lists of the embedded data (`data/person_names.tsv`, `feature_words.tsv`,
    /// `wiki_ner.tsv`, `clusters.tsv`, `word_freq.tsv`), parsed anew.
    pub(crate) fn parse_embedded() -> Lists {
        let mut lists = Lists::parse(crate::embedded::person_names());
        lists.add_feature_words(crate::embedded::FEATURE_WORDS);
        lists.add_wiki(crate::embedded::wiki_ner());
        lists.add_clusters(crate::embedded::clusters());
        lists.add_frequencies(&crate::embedded::word_freq());
        lists
    }
}

#[cfg(test)]
impl Lists {
    /// The embedded lists: those of the shared resources.
    pub(crate) fn embedded() -> &'static Lists {
        crate::resources::Resources::embedded().tagger.lists()
    }

    /// The lists of `names` (lines as `data/person_names.tsv`'s) and of the embedded triggers and
    /// topic words.
    pub(crate) fn of_names(names: &'static str) -> Lists {
        let mut lists = Lists::parse(names);
        lists.add_feature_words(crate::embedded::FEATURE_WORDS);
        lists
    }
}

/// The name-list flags of the flags field of `data/person_names.tsv` (its ASCII letters, in one
/// pass), and whether it holds `f` and `m`.
fn name_flags_of(flags: &[u8]) -> (u8, bool, bool) {
    let (mut bits, mut woman, mut man) = (0u8, false, false);
    for &flag in flags {
        match flag {
            b'w' => bits |= WIKIDATA,
            b'a' => bits |= AKHATEEB,
            b'g' => bits |= TRANSLIT,
            b't' => bits |= TITLE,
            b'f' => woman = true,
            b'm' => man = true,
            _ => {}
        }
    }
    (bits, woman, man)
}

/// The token and the six counts of a WikiFANE `w` line (`w<TAB>token<TAB>` and six counts, a
/// count that is no number read as 0), None for any other line. Counts of plain digits, the
/// file's, are read as the fields are split; a line with any other is read by `str::parse`.
fn wiki_token_counts(line: &str) -> Option<(&str, [u32; 6])> {
    let rest = line.strip_prefix("w\t")?;
    let token_end = tsv::find_byte(rest.as_bytes(), b'\t')?;
    if let Some(counts) = plain_counts(&rest.as_bytes()[token_end + 1..]) {
        return Some((&rest[..token_end], counts));
    }
    wiki_token_counts_by_fields(line)
}

/// [`wiki_token_counts`] read the general way: eight fields, each count by `str::parse`.
fn wiki_token_counts_by_fields(line: &str) -> Option<(&str, [u32; 6])> {
    let ["w", token, fields @ ..] = exact_fields::<8>(line)? else { return None };
    let mut counts = [0u32; 6];
    for (count, field) in counts.iter_mut().zip(fields) {
        *count = field.parse().unwrap_or(0);
    }
    Some((token, counts))
}

/// Exactly `N` tab-separated counts of one to nine ASCII digits each (which `str::parse` reads
/// the same), or None.
fn plain_counts<const N: usize>(text: &[u8]) -> Option<[u32; N]> {
    let mut fields = text.split(|&byte| byte == b'\t');
    let mut counts = [0u32; N];
    for count in &mut counts {
        let digits = fields.next().filter(|digits| (1..=9).contains(&digits.len()))?;
        *count = digits.iter().try_fold(0u32, |n, &digit| digit.is_ascii_digit().then(|| n * 10 + u32::from(digit - b'0')))?;
    }
    fields.next().is_none().then_some(counts)
}

/// The tab-separated fields of `line` when it has exactly `N`.
fn exact_fields<const N: usize>(line: &str) -> Option<[&str; N]> {
    let mut fields = tsv::fields(line);
    let mut out = [""; N];
    for slot in &mut out {
        *slot = fields.next()?;
    }
    fields.next().is_none().then_some(out)
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
    /// WikiFANE statistics of the word or its first reading WikiFANE knows.
    pub wiki: WikiStat,
    /// Whether WikiFANE knows the token.
    pub wiki_known: bool,
    /// WikiFANE entity-string tag, coded as `lexicon`.
    pub wiki_span: u8,
    /// Classes of the stem in the coarse and fine clusterings ([`NO_CLUSTER`] when unknown).
    pub cluster: [u16; 2],
    /// The topic of the text around the token (that of [`Lists`]' topic words; 0 when none shows).
    pub topic: u8,
    /// Inside a short quotation (a title: «الشرق الأوسط», a programme, a car model): 0 no,
    /// 1 its first token, 2 a later one.
    pub quoted: u8,
    /// The number of tokens of that quotation (0 outside one).
    pub quote_len: u8,
    /// The index of the token before the quotation's opening mark.
    pub quote_lead: Option<usize>,
    pub kind: TokenKind,
    /// Frequency class of the word and of its stem (0 rarer than Zipf 2, else 1 to 7: [`Frequencies::class`]).
    pub freq: [u8; 2],
    /// The [`length_bucket`] of the word.
    pub length: u8,
    /// The hash states of the context features that open with the word or stem.
    pub openings: Openings,
    /// Which of the word's readings may begin a name of the lexicon or of WikiFANE.
    pub name_starts: NameStarts,
}

/// What the lists say of a word wherever it stands (its readings come from its letters alone):
/// the fields of [`TokenInfo`] that the word decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordFacts {
    names: u8,
    trigger: u8,
    wiki: WikiStat,
    wiki_known: bool,
    cluster: [u16; 2],
    topic: u8,
    freq: [u8; 2],
    /// Counted once per word: every token's [`Place`] reads it (the cold 10,000-word article
    /// counted the chars of 22,278 words, 1.9 M instructions, where it has 4,990 new words).
    length: u8,
    openings: Openings,
    name_starts: NameStarts,
}

impl WordFacts {
    /// What `lists`, and `lexicon` when the caller matches one, say of the word of token `i`.
    pub(crate) fn of(lists: &Lists, lexicon: Option<&Lexicon>, words: &Words<'_>, i: usize) -> WordFacts {
        let readings = words.readings(i);
        let word = words.tokens[i].text;
        let stem = readings.last().map_or(word, |r| r.stem.as_str());
        // Each string hashed once for all the lists (a reading's stem is often the word).
        let word_key = string_key(word);
        let key_of = |text: &str| if text == word { word_key } else { string_key(text) };
        // The keys of the first eight readings' stems, kept; those of any later ones hashed when asked.
        let mut first_keys = [0u64; 8];
        for (key, reading) in first_keys.iter_mut().zip(readings) {
            *key = key_of(&reading.stem);
        }
        let first_keys = &first_keys[..readings.len().min(8)];
        let reading_keys = || (readings.iter().enumerate()).map(|(n, r)| first_keys.get(n).copied().unwrap_or_else(|| key_of(&r.stem)));
        // The stem is the last reading's (the word's, when it has none).
        let stem_key = reading_keys().next_back().unwrap_or(word_key);
        let wiki = (lists.wiki.get_hashed(word_key)).or_else(|| reading_keys().find_map(|key| lists.wiki.get_hashed(key)));
        let either = |map: &ByHash<u8>| map.get_hashed(word_key).or_else(|| map.get_hashed(stem_key)).copied();
        WordFacts {
            names: reading_keys().fold(0, |acc, key| acc | lists.names.get_hashed(key).copied().unwrap_or(0)),
            trigger: either(&lists.triggers).unwrap_or(0),
            wiki: wiki.copied().unwrap_or_default(),
            wiki_known: wiki.is_some(),
            cluster: lists.clusters.get_hashed(stem_key).copied().unwrap_or(NO_CLUSTER),
            topic: either(&lists.topics).unwrap_or(0),
            // The table holds only Arabic words; a stem without clitics is the word. A stem as
            // long as its word takes the word's class too (`للعراق` → `العراق`): the model was
            // trained so, and looking such stems up scored lower on every dev set (retrained in
            // issue 19: ANERcorp hold-out 77.87 → 77.61, AQMAR dev 60.51 → 60.38, news 0.922 → 0.916).
            freq: match words.tokens[i].kind {
                TokenKind::Arabic => {
                    let of_word = lists.freq.class(word);
                    [of_word, if stem.len() == word.len() { of_word } else { lists.freq.class(stem) }]
                }
                _ => [0, 0],
            },
            length: length_bucket(word),
            openings: Openings::of(word, stem),
            name_starts: NameStarts::of(word, first_keys, lexicon, &lists.wiki_strings),
        }
    }
}

/// Which readings of a word (by their index in [`Words::readings`]) may begin a name of the
/// lexicon or one of WikiFANE's entity strings. A reading whose bit is clear begins none
/// ([`Lexicon::begins_with_hashed`]): the matchers pass it by without looking its stem up, so that a
/// word the tagger's cache keeps has its stems looked up once, not at each token. Readings past
/// the eighth, and any when no lexicon was given, may always begin one.
///
/// With them, the word's [`WordNumber`] in each, with which the matchers go on from a name's
/// word to the next without looking the next up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NameStarts {
    lexicon: u8,
    wiki: u8,
    lexicon_number: WordNumber,
    wiki_number: WordNumber,
}

impl NameStarts {
    /// The readings of a word that begin a name of `lexicon` (any, when there is no lexicon) and
    /// of `wiki`, given the [`string_key`]s of their stems (of the first eight, which are all it
    /// tells apart).
    fn of(word: &str, keys: &[u64], lexicon: Option<&Lexicon>, wiki: &Lexicon) -> NameStarts {
        let bits = |begins: &dyn Fn(u64) -> bool| {
            (keys.iter().take(8).enumerate()).fold(0u8, |bits, (index, &key)| bits | (u8::from(begins(key)) << index))
        };
        NameStarts {
            lexicon: lexicon.map_or(u8::MAX, |lexicon| bits(&|key| lexicon.begins_with_hashed(key))),
            wiki: bits(&|key| wiki.begins_with_hashed(key)),
            lexicon_number: lexicon.map_or(WordNumber::UNKNOWN, |lexicon| lexicon.word_number(word)),
            wiki_number: wiki.word_number(word),
        }
    }

    /// The word's number in the lexicon's names, where it is known.
    #[inline]
    pub(crate) fn lexicon_number(self) -> WordNumber {
        self.lexicon_number
    }

    /// Whether reading `index` may begin a name of the lexicon.
    #[inline]
    pub(crate) fn in_lexicon(self, index: usize) -> bool {
        NameStarts::allows(self.lexicon, index)
    }

    /// Whether reading `index` may begin one of WikiFANE's entity strings.
    #[inline]
    fn in_wiki(self, index: usize) -> bool {
        NameStarts::allows(self.wiki, index)
    }

    /// Whether the bits `bits` let reading `index` begin a name (past the eighth, always).
    #[inline]
    fn allows(bits: u8, index: usize) -> bool {
        index >= 8 || bits & (1 << index) != 0
    }
}

/// The hash states of the context features whose first part is a token's word or stem
/// (templates 6, 44 and 45 of the token after it, 7 of the token; 39 of the token after it and
/// 40 of the token for the stem): [`feature_after`] goes on from them. They depend on the word
/// alone, so they are kept with its facts and each word is hashed once for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Openings([u64; 6]);

/// The templates of [`Openings`], in its order: those that open with the word, then those that
/// open with the stem ([`STEM_OPENINGS`] on).
const OPENING_TEMPLATES: [u8; 6] = [6, 7, 44, 45, 39, 40];
/// Where the templates that open with the stem start in [`OPENING_TEMPLATES`].
const STEM_OPENINGS: usize = 4;

impl Openings {
    /// The states of the word `word` with stem `stem`.
    fn of(word: &str, stem: &str) -> Openings {
        Openings(std::array::from_fn(|k| {
            let first = if k < STEM_OPENINGS { word } else { stem };
            opened(OPENING_TEMPLATES[k], first.as_bytes())
        }))
    }

    /// The state of `template` (one of [`OPENING_TEMPLATES`]).
    #[inline]
    fn of_template(&self, template: u8) -> u64 {
        let k = OPENING_TEMPLATES.iter().position(|&t| t == template).expect("a template of OPENING_TEMPLATES");
        self.0[k]
    }
}

/// The most tokens a quotation may have and still be read as a title.
pub(crate) const TITLE_QUOTE_MAX: usize = 6;

/// The closing mark of an opening quotation mark.
pub(crate) fn closing_mark(open: &str) -> Option<&'static str> {
    match open {
        "«" => Some("»"),
        "\"" => Some("\""),
        "“" => Some("”"),
        _ => None,
    }
}

/// The index of the closing mark of a quotation whose opening mark is token `open`, when it
/// closes within [`TITLE_QUOTE_MAX`] tokens (`open + 1` for an empty one); `text(j)` is token
/// j's text, `len` the number of tokens: in `صحيفة « الشرق الأوسط »`, 4 for the mark at 1.
pub(crate) fn quotation_end<'t>(open: usize, len: usize, text: impl Fn(usize) -> Option<&'t str>) -> Option<usize> {
    let close = text(open).and_then(closing_mark)?;
    let limit = (open + TITLE_QUOTE_MAX + 2).min(len);
    (open + 1..limit).find(|&j| text(j) == Some(close))
}

/// Marks the tokens of short quotations (see [`TokenInfo::quoted`]).
fn set_quotes(infos: &mut [TokenInfo<'_>]) {
    let mut i = 0;
    while i < infos.len() {
        let punct = infos[i].kind == TokenKind::Punct;
        let Some(end) = punct.then(|| quotation_end(i, infos.len(), |j| Some(infos[j].word))).flatten() else {
            i += 1;
            continue;
        };
        if end > i + 1 {
            let (lead, len) = (i.checked_sub(1), (end - i - 1) as u8);
            for (k, info) in infos[i + 1..end].iter_mut().enumerate() {
                info.quoted = if k == 0 { 1 } else { 2 };
                info.quote_len = len;
                info.quote_lead = lead;
            }
        }
        i = end + 1;
    }
}

/// How many topics the topic words have, 0 (none) included.
const TOPIC_COUNT: usize = 4;

/// Tokens on each side whose topic words count for a token (20: dev 73.33, CV 76.64, AQMAR dev
/// 58.25; 50: 73.47, 77.09, 59.59; 100: 73.13, 76.82, 59.66).
const TOPIC_WINDOW: usize = 50;

/// Precomputes the per-token facts the features use (training and tests; the tagger keeps what
/// the lists say of each word: [`token_infos_with`]).
#[cfg(any(test, feature = "train"))]
pub(crate) fn token_infos<'a>(words: &'a Words<'a>, lexicon: &[Candidate], lists: &Lists) -> Vec<TokenInfo<'a>> {
    let mut infos = token_infos_with(words, lists, |i| WordFacts::of(lists, None, words, i));
    set_lexicon(&mut infos, lexicon);
    infos
}

/// [`token_infos`] with what the lists say of token `i`'s word from `facts` (the tagger keeps
/// them per word: [`super::word_cache::WordCache::facts`]), before the lexicon's matches are
/// set ([`set_lexicon`]).
pub(crate) fn token_infos_with<'a>(
    words: &'a Words<'a>,
    lists: &Lists,
    mut facts: impl FnMut(usize) -> WordFacts,
) -> Vec<TokenInfo<'a>> {
    let mut infos: Vec<TokenInfo<'a>> = (0..words.tokens.len())
        .map(|i| {
            let word = words.tokens[i].text;
            let stem = words.readings(i).last().map_or(word, |r| r.stem.as_str());
            let WordFacts { names, trigger, wiki, wiki_known, cluster, topic, freq, length, openings, name_starts } = facts(i);
            TokenInfo {
                word,
                stem,
                names,
                trigger,
                lexicon: 0,
                source: 0,
                wiki,
                wiki_known,
                wiki_span: 0,
                cluster,
                topic,
                quoted: 0,
                quote_len: 0,
                quote_lead: None,
                kind: words.tokens[i].kind,
                freq,
                length,
                openings,
                name_starts,
            }
        })
        .collect();
    set_topics(&mut infos);
    set_quotes(&mut infos);
    let wiki_strings = lists.wiki_strings.find_where(
        words,
        |i, reading| infos[i].name_starts.in_wiki(reading),
        |i| infos[i].name_starts.wiki_number,
    );
    for candidate in wiki_strings {
        let Some(type_index) = crate::conll::TYPES.iter().position(|&t| t == candidate.label) else { continue };
        for i in candidate.first..candidate.last.min(infos.len()) {
            infos[i].wiki_span = (1 + 2 * type_index + usize::from(i > candidate.first)) as u8;
        }
    }
    infos
}

/// Sets the tokens' lexicon tags and sources from the lexicon's matches `lexicon`.
pub(crate) fn set_lexicon(infos: &mut [TokenInfo<'_>], lexicon: &[Candidate]) {
    for candidate in lexicon {
        let Some(type_index) = crate::conll::TYPES.iter().position(|&t| t == candidate.label) else { continue };
        let curated = super::is_curated(candidate);
        for i in candidate.first..candidate.last.min(infos.len()) {
            infos[i].lexicon = (1 + 2 * type_index + usize::from(i > candidate.first)) as u8;
            infos[i].source = if curated { 1 } else { 2 };
        }
    }
}

/// Replaces each token's own topic word class by the topic of the text around it: the class with
/// most topic words within [`TOPIC_WINDOW`] tokens (prefix sums, so linear in the text). Across
/// sentences, though the tagger is trained on single ones: bounded to the sentence, the scores on
/// 10-sentence texts were within noise (dev 75.49 against 75.77, dev2 84.52 against 84.17, 5-fold
/// CV 78.04 against 78.24, AQMAR dev 59.31 against 59.06).
fn set_topics(infos: &mut [TokenInfo<'_>]) {
    let mut sums = vec![[0u32; TOPIC_COUNT]; infos.len() + 1];
    for (i, info) in infos.iter().enumerate() {
        sums[i + 1] = sums[i];
        sums[i + 1][usize::from(info.topic)] += 1;
    }
    for i in 0..infos.len() {
        let (from, to) = (i.saturating_sub(TOPIC_WINDOW), (i + TOPIC_WINDOW + 1).min(infos.len()));
        let mut best = (0u32, 0u8);
        for class in 1..TOPIC_COUNT as u8 {
            let count = sums[to][usize::from(class)] - sums[from][usize::from(class)];
            if count > best.0 {
                best = (count, class);
            }
        }
        infos[i].topic = best.1;
    }
}

/// The hash of a feature: a template number and its parts ([`feature_part`]). The same on every
/// platform.
#[inline]
pub(crate) fn feature(template: u8, parts: &[&[u8]]) -> u64 {
    feature_after(feature_start(template), parts)
}

/// The state of [`feature`]'s hash of template `template` once its first part, `first`, is in.
#[inline]
fn opened(template: u8, first: &[u8]) -> u64 {
    feature_part(feature_start(template), first)
}

/// [`feature`] from the hash state `h` of its template and first parts, with the other `parts`.
#[inline]
fn feature_after(mut h: u64, parts: &[&[u8]]) -> u64 {
    for part in parts {
        h = feature_part(h, part);
    }
    feature_finish(h)
}

/// The first `n` chars of `s` (all of it when shorter).
#[inline]
fn prefix(s: &str, n: usize) -> Option<&str> {
    // Most words are Arabic, two bytes a letter: when the first `n` chars are, they end at 2n,
    // found without decoding the chars and counting them.
    let two_byte = |pair: &[u8]| pair[0] & 0xe0 == 0xc0;
    if let Some(head) = s.as_bytes().get(..2 * n) {
        if head.chunks_exact(2).all(two_byte) {
            return s.get(..2 * n);
        }
    }
    match s.char_indices().nth(n) {
        Some((end, _)) => Some(&s[..end]),
        None if s.chars().count() == n => Some(s),
        None => None,
    }
}

/// The last `n` chars of `s` (`n` at least 1), read from its end.
fn suffix(s: &str, n: usize) -> Option<&str> {
    s.char_indices().nth_back(n.checked_sub(1)?).map(|(start, _)| &s[start..])
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

#[cfg(any(test, feature = "train"))]
/// Where, among the features [`extract`] pushes for a token, are those of its identity (its word
/// and stem, alone and with a neighbour).
pub(crate) const IDENTITY_POSITIONS: [usize; 6] = [1, 6, 7, 8, 9, 10];

/// All that the place features of a token read ([`FeatureSink::place`]): the lexicon tags of it
/// and its neighbours and its lexicon source, their name-list flags, their kinds (255 for none,
/// as template 32 wants both neighbours), their WikiFANE classes and entity-string tags, the
/// token's length and the topic around it. Two tokens of one place have the same place features,
/// so a tagger may score them once per place ([`super::word_cache::WordCache::place`]).
pub(crate) type Place = [u8; 18];

/// The most features a [`Place`] decides: one of each of its templates ([`FeatureSink::place`]).
pub(crate) const MOST_PLACE_FEATURES: usize = 13;

/// The [`Place`] of token `i`.
#[inline]
pub(crate) fn place(infos: &[TokenInfo<'_>], i: usize) -> Place {
    let around = Window { infos, i };
    let this = around.this();
    let kind_at = |offset| around.at(offset).map_or(255, |info: &TokenInfo<'_>| kind_byte(info.kind));
    [
        around.lexicon_at(-1),
        this.lexicon,
        around.lexicon_at(1),
        this.source,
        around.names_at(-1),
        this.names,
        around.names_at(1),
        kind_at(-1),
        kind_byte(this.kind),
        kind_at(1),
        around.class_at(-1),
        around.class_at(0),
        around.class_at(1),
        around.span_at(-1),
        this.wiki_span,
        around.span_at(1),
        this.length,
        this.topic,
    ]
}

/// Where [`extract`] puts a token's feature hashes: the features of its word alone (its text,
/// stem and what the lists say of them, the same wherever the word stands) apart from the
/// others, so that a tagger may score each word's once per text.
pub(crate) trait FeatureSink {
    /// Whether the word's own features are wanted (not when they are scored already).
    fn wants_word(&self) -> bool;
    /// A feature of the word alone.
    fn word(&mut self, hash: u64);
    /// A feature of the word in its place (its neighbours, the lexicon match, the topic, …).
    fn context(&mut self, hash: u64);
    /// Whether the features that a token's [`Place`] decides are wanted (not when they are
    /// scored already); by default always.
    fn wants_place(&self) -> bool {
        true
    }
    /// A feature that the token's [`Place`] decides: what the lists, the lexicon and WikiFANE
    /// say of it and its neighbours, their kinds, its length and the topic (templates 20-23, 25,
    /// 32, 35-38, 43, 55, 56).
    fn place(&mut self, hash: u64);
    /// Whether a feature of a neighbour's word alone ([`NEIGHBOUR_TEMPLATES`]) is wanted, the
    /// neighbour being there or not (the start or end of the text); by default always.
    fn wants_neighbour(&self, _there: bool) -> bool {
        true
    }
}

/// All the features, in the order [`extract`] makes them (what training reads).
impl FeatureSink for Vec<u64> {
    fn wants_word(&self) -> bool {
        true
    }

    fn word(&mut self, hash: u64) {
        self.push(hash);
    }

    fn context(&mut self, hash: u64) {
        self.push(hash);
    }

    fn place(&mut self, hash: u64) {
        self.push(hash);
    }
}

/// The features of a token in three lists: of its word alone (when wanted), of its place (when
/// wanted) and the others.
#[derive(Debug, Default)]
pub(crate) struct SplitFeatures {
    pub word: Vec<u64>,
    pub place: Vec<u64>,
    pub context: Vec<u64>,
    with_word: bool,
    with_place: bool,
    /// Whether the features of a neighbour's word are left out when the neighbour is there:
    /// [`given_to_neighbours`] gives them, once per word.
    neighbours_apart: bool,
}

impl SplitFeatures {
    /// Lists that leave out the features of neighbours' words, where the neighbour is there.
    pub(crate) fn with_neighbours_apart() -> SplitFeatures {
        SplitFeatures { neighbours_apart: true, ..SplitFeatures::default() }
    }

    /// Empties the lists for the next token, whose word and place features are wanted or not.
    pub(crate) fn clear(&mut self, with_word: bool, with_place: bool) {
        self.word.clear();
        self.place.clear();
        self.context.clear();
        self.with_word = with_word;
        self.with_place = with_place;
    }
}

impl FeatureSink for SplitFeatures {
    fn wants_word(&self) -> bool {
        self.with_word
    }

    fn word(&mut self, hash: u64) {
        self.word.push(hash);
    }

    fn context(&mut self, hash: u64) {
        self.context.push(hash);
    }

    fn wants_place(&self) -> bool {
        self.with_place
    }

    fn place(&mut self, hash: u64) {
        self.place.push(hash);
    }

    fn wants_neighbour(&self, there: bool) -> bool {
        !(self.neighbours_apart && there)
    }
}

/// The templates that read one neighbour's word alone (its text, stem, trigger class or fine
/// cluster), with where that neighbour is: a word gives the same features to the token after it
/// wherever it stands, so a tagger may score them once per word ([`given_to_neighbours`]).
pub(crate) const NEIGHBOUR_TEMPLATES: [(u8, isize); 10] =
    [(2, -1), (3, -2), (4, 1), (5, 2), (26, -1), (27, -2), (29, -1), (30, 1), (52, -1), (53, 1)];

/// The feature of template `template` ([`NEIGHBOUR_TEMPLATES`]) for a token whose neighbour
/// there is `neighbour` (`None` past the start or end of the text).
#[inline(always)]
fn of_neighbour(template: u8, offset: isize, neighbour: Option<&TokenInfo<'_>>) -> u64 {
    let edge = if offset < 0 { BEFORE } else { AFTER };
    match template {
        2..=5 => feature(template, &[neighbour.map_or(edge, |n| n.word.as_bytes())]),
        26 | 27 => feature(template, &[&[neighbour.map_or(255, |n| n.trigger)]]),
        29 | 30 => feature(template, &[neighbour.map_or(edge, |n| n.stem.as_bytes())]),
        _ => feature(template, &[&neighbour.map_or(u16::MAX - 1, |n| n.cluster[1]).to_le_bytes()]),
    }
}

/// Puts into `out` the feature of neighbour template `template` of the token `around`.
#[inline(always)]
fn neighbour_feature(around: Window<'_, '_>, template: u8, offset: isize, out: &mut impl FeatureSink) {
    let neighbour = around.at(offset);
    if out.wants_neighbour(neighbour.is_some()) {
        out.context(of_neighbour(template, offset, neighbour));
    }
}

/// Where a word stands from the tokens it gives features to, in the order of
/// [`given_to_neighbours`]: two before, just before, just after, two after.
pub(crate) const NEIGHBOUR_OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// The features a word gives the tokens around it ([`NEIGHBOUR_TEMPLATES`]), by where it stands
/// from them ([`Given::end`]).
pub(crate) struct Given {
    /// The hashes, those of each place of [`NEIGHBOUR_OFFSETS`] together, in its order.
    hashes: [u64; NEIGHBOUR_TEMPLATES.len()],
    /// Where the hashes of each place end in `hashes`.
    ends: [usize; NEIGHBOUR_OFFSETS.len()],
}

impl Given {
    /// All the hashes, those of each place of [`NEIGHBOUR_OFFSETS`] together, in its order.
    #[inline]
    pub(crate) fn all(&self) -> &[u64] {
        &self.hashes
    }

    /// Where the hashes of place `k` of [`NEIGHBOUR_OFFSETS`] end in [`Given::all`].
    #[inline]
    pub(crate) fn end(&self, k: usize) -> usize {
        self.ends[k]
    }
}

/// [`NEIGHBOUR_TEMPLATES`] in the order [`given_to_neighbours`] hashes them: by place of
/// [`NEIGHBOUR_OFFSETS`], in each place in the order of the templates; and where each place's
/// templates end. Worked out at compile time, so that the hashing is one run of ten features
/// whose templates are constants: a new word's ten take 600 instructions, where two loops and
/// their test at run time took 1,140.
const GIVEN_ORDER: ([(u8, isize); NEIGHBOUR_TEMPLATES.len()], [usize; NEIGHBOUR_OFFSETS.len()]) = {
    let mut order = [(0u8, 0isize); NEIGHBOUR_TEMPLATES.len()];
    let mut ends = [0usize; NEIGHBOUR_OFFSETS.len()];
    let (mut len, mut k) = (0, 0);
    while k < NEIGHBOUR_OFFSETS.len() {
        let mut t = 0;
        while t < NEIGHBOUR_TEMPLATES.len() {
            if NEIGHBOUR_TEMPLATES[t].1 == NEIGHBOUR_OFFSETS[k] {
                order[len] = NEIGHBOUR_TEMPLATES[t];
                len += 1;
            }
            t += 1;
        }
        ends[k] = len;
        k += 1;
    }
    (order, ends)
};

/// The features a word gives the tokens around it ([`NEIGHBOUR_TEMPLATES`]), for each place of
/// [`NEIGHBOUR_OFFSETS`]: in each place, in the order of the templates.
#[inline(always)]
pub(crate) fn given_to_neighbours(word: &TokenInfo<'_>) -> Given {
    let (order, ends) = GIVEN_ORDER;
    Given { hashes: order.map(|(template, offset)| of_neighbour(template, offset, Some(word))), ends }
}

/// Puts the feature hashes of token `i` into `out`: those of its word alone only when
/// `out` wants them ([`FeatureSink`]).
pub(crate) fn extract(infos: &[TokenInfo<'_>], i: usize, out: &mut impl FeatureSink) {
    let around = Window { infos, i };
    // The token's own identity is at [`IDENTITY_POSITIONS`]: training may leave it out of a
    // token, so that the model also learns what the context says. (This order is also the
    // faster one: with the identity features first the tagger ran at 1.15M tokens/s, not 1.49M.)
    // The features of the word alone are in `if own` blocks, in the same order; each helper
    // pushes its templates in turn, so that the order of the hashes is that of the templates.
    let own = out.wants_word();
    identity_features(around, own, out);
    if own {
        affix_features(around.this(), out);
    }
    list_features(around, own, out);
    neighbour_features(around, own, out);
    wiki_features(around, own, out);
    conjunction_features(around, own, out);
    if own {
        stem_shape_features(around.this().stem, out);
    }
    cluster_features(around, own, out);
    topic_features(around, out);
    quotation_features(around, out);
    // How common the word is in Arabic at large: a word no list holds is more often a name when
    // it is also rare. Templates 60 to 65 were a second pass's, removed. 5-fold CV
    // 79.49 → 80.06, the four hold-out splits 82.27 → 82.62 (means over seeds; data/README.md).
    if own {
        let this = around.this();
        out.word(feature(66, &[&this.freq]));
        out.word(feature(67, &[&[this.freq[0], this.names]]));
    }
}

/// Token `i` of `infos` and its neighbours, as the templates of [`extract`] read them: a
/// neighbour before the first token or after the last reads as [`BEFORE`] or [`AFTER`] (or 255).
#[derive(Clone, Copy)]
struct Window<'s, 'a> {
    infos: &'s [TokenInfo<'a>],
    i: usize,
}

impl<'s, 'a> Window<'s, 'a> {
    #[inline]
    fn this(self) -> &'s TokenInfo<'a> {
        &self.infos[self.i]
    }

    /// The token `offset` places away, if any.
    #[inline]
    fn at(self, offset: isize) -> Option<&'s TokenInfo<'a>> {
        let j = self.i as isize + offset;
        (j >= 0).then(|| self.infos.get(j as usize)).flatten()
    }

    #[inline]
    fn word_at(self, offset: isize) -> &'s [u8] {
        match self.at(offset) {
            Some(info) => info.word.as_bytes(),
            None if offset < 0 => BEFORE,
            None => AFTER,
        }
    }

    #[inline]
    fn stem_at(self, offset: isize) -> &'s [u8] {
        match self.at(offset) {
            Some(info) => info.stem.as_bytes(),
            None if offset < 0 => BEFORE,
            None => AFTER,
        }
    }

    #[inline]
    fn lexicon_at(self, offset: isize) -> u8 {
        self.at(offset).map_or(255, |info| info.lexicon)
    }

    #[inline]
    fn names_at(self, offset: isize) -> u8 {
        self.at(offset).map_or(255, |info| info.names)
    }

    #[inline]
    fn class_at(self, offset: isize) -> u8 {
        self.at(offset).map_or(255, |info| info.wiki.class(info.wiki_known))
    }

    #[inline]
    fn span_at(self, offset: isize) -> u8 {
        self.at(offset).map_or(255, |info| info.wiki_span)
    }

    /// The feature of `template` (one of [`OPENING_TEMPLATES`]) whose first part is the word or
    /// stem of the token `offset` places away (`edge` when there is none) and whose other
    /// parts are `rest`: as [`feature`] makes it, from the state kept with that word.
    #[inline(always)]
    fn opening_with(self, offset: isize, template: u8, edge: &[u8], rest: &[&[u8]]) -> u64 {
        match self.at(offset) {
            Some(info) => feature_after(info.openings.of_template(template), rest),
            None => feature_after(opened(template, edge), rest),
        }
    }

    /// The class of the stem in clustering `k` (0 coarse, 1 fine), as bytes.
    #[inline]
    fn cluster_at(self, offset: isize, k: usize) -> [u8; 2] {
        self.at(offset).map_or(u16::MAX - 1, |info| info.cluster[k]).to_le_bytes()
    }
}

/// Templates 0 to 8, 39 and 40: the word and its stem, alone and with their neighbours.
#[inline(always)]
fn identity_features(around: Window<'_, '_>, own: bool, out: &mut impl FeatureSink) {
    let this = around.this();
    let w = this.word.as_bytes();
    let stem = this.stem.as_bytes();
    if own {
        out.word(feature(0, &[]));
        out.word(feature(1, &[w]));
    }
    neighbour_feature(around, 2, -1, out);
    neighbour_feature(around, 3, -2, out);
    neighbour_feature(around, 4, 1, out);
    neighbour_feature(around, 5, 2, out);
    out.context(around.opening_with(-1, 6, BEFORE, &[w]));
    out.context(around.opening_with(0, 7, BEFORE, &[around.word_at(1)]));
    if own {
        out.word(feature(8, &[stem]));
    }
    out.context(around.opening_with(-1, 39, BEFORE, &[stem]));
    out.context(around.opening_with(0, 40, BEFORE, &[around.stem_at(1)]));
}

/// Templates 10 to 19, of the word alone: the first and last letters of the word and the last
/// of its stem, its kind and its length.
#[inline(always)]
fn affix_features(this: &TokenInfo<'_>, out: &mut impl FeatureSink) {
    for n in 1..=3 {
        if let Some(p) = prefix(this.word, n) {
            out.word(feature(9 + n as u8, &[p.as_bytes()]));
        }
        if let Some(s) = suffix(this.word, n) {
            out.word(feature(12 + n as u8, &[s.as_bytes()]));
        }
    }
    for n in 2..=3 {
        if let Some(s) = suffix(this.stem, n) {
            out.word(feature(15 + n as u8, &[s.as_bytes()]));
        }
    }
    out.word(feature(19, &[&[kind_byte(this.kind), this.length]]));
}

/// Templates 20 to 28: what the lexicon, the name lists and the trigger words say of the token
/// and its neighbours.
#[inline(always)]
fn list_features(around: Window<'_, '_>, own: bool, out: &mut impl FeatureSink) {
    let this = around.this();
    if out.wants_place() {
        out.place(feature(20, &[&[this.lexicon, this.source]]));
        out.place(feature(21, &[&[around.lexicon_at(-1)]]));
        out.place(feature(22, &[&[around.lexicon_at(1)]]));
        out.place(feature(23, &[&[around.lexicon_at(-1), this.lexicon, around.lexicon_at(1)]]));
    }
    if own {
        for bit in [WIKIDATA, AKHATEEB, TRANSLIT, TITLE] {
            if this.names & bit != 0 {
                out.word(feature(24, &[&[bit]]));
            }
        }
    }
    if out.wants_place() {
        out.place(feature(25, &[&[around.names_at(-1), this.names, around.names_at(1)]]));
    }
    neighbour_feature(around, 26, -1, out);
    neighbour_feature(around, 27, -2, out);
    if own {
        out.word(feature(28, &[&[this.trigger]]));
    }
}

/// Templates 29 to 32: the stems of the neighbours, whether the stem has the article and the
/// word clitics, and the kinds of the three tokens.
#[inline(always)]
fn neighbour_features(around: Window<'_, '_>, own: bool, out: &mut impl FeatureSink) {
    let this = around.this();
    neighbour_feature(around, 29, -1, out);
    neighbour_feature(around, 30, 1, out);
    if own {
        out.word(feature(31, &[&[u8::from(this.stem.starts_with("ال")), u8::from(this.word.len() != this.stem.len())]]));
    }
    if let (Some(prev), Some(next), true) = (around.at(-1), around.at(1), out.wants_place()) {
        out.place(feature(32, &[&[kind_byte(prev.kind), kind_byte(this.kind), kind_byte(next.kind)]]));
    }
}

/// Templates 33 to 38: the WikiFANE gazetteer features.
#[inline(always)]
fn wiki_features(around: Window<'_, '_>, own: bool, out: &mut impl FeatureSink) {
    let this = around.this();
    let wiki = this.wiki;
    if own && this.wiki_known {
        out.word(feature(33, &[&[wiki.entity_type, wiki.share, wiki.frequency]]));
        out.word(feature(34, &[&[wiki.entity_type, wiki.share, wiki.inside]]));
    }
    if out.wants_place() {
        out.place(feature(35, &[&[around.class_at(-1), around.class_at(0), around.class_at(1)]]));
        out.place(feature(36, &[&[this.wiki_span]]));
        out.place(feature(37, &[&[around.span_at(-1), this.wiki_span, around.span_at(1)]]));
        out.place(feature(38, &[&[this.wiki_span, this.lexicon]]));
    }
}

/// Templates 41 to 46: the first letters of the stem, and conjunctions with the neighbours.
#[inline(always)]
fn conjunction_features(around: Window<'_, '_>, own: bool, out: &mut impl FeatureSink) {
    let this = around.this();
    if own {
        for n in 2..=3 {
            if let Some(p) = prefix(this.stem, n) {
                out.word(feature(39 + n as u8, &[p.as_bytes()]));
            }
        }
    }
    if out.wants_place() {
        out.place(feature(43, &[&[around.lexicon_at(-1), kind_byte(this.kind), this.length]]));
    }
    if let Some(s) = suffix(this.stem, 2) {
        out.context(around.opening_with(-1, 44, BEFORE, &[s.as_bytes()]));
    }
    out.context(around.opening_with(-1, 45, BEFORE, &[&[around.class_at(0)]]));
    out.context(feature(46, &[&[around.class_at(0)], around.word_at(1)]));
}

/// Templates 47 to 49, of the word alone: character 3-grams of stems of up to 13 letters, and
/// their first and last four letters, for names never seen: 5-fold CV 74.36 → 74.59, AQMAR dev
/// 57.41 → 57.47 (with the ends marked 74.45-74.74 and 57.43-57.85; adding 4-grams 74.33, 57.59).
#[inline(always)]
fn stem_shape_features(stem: &str, out: &mut impl FeatureSink) {
    let mut starts = [0usize; 13];
    let mut count = 0;
    for (at, _) in stem.char_indices() {
        if count == starts.len() {
            count += 1;
            break;
        }
        starts[count] = at;
        count += 1;
    }
    if (3..=starts.len()).contains(&count) {
        for k in 0..count - 2 {
            let end = if k + 3 < count { starts[k + 3] } else { stem.len() };
            out.word(feature(47, &[&stem.as_bytes()[starts[k]..end]]));
        }
    }
    if let Some(p) = prefix(stem, 4) {
        out.word(feature(48, &[p.as_bytes()]));
    }
    if let Some(x) = suffix(stem, 4) {
        out.word(feature(49, &[x.as_bytes()]));
    }
}

/// Templates 50 to 54: the word clusters of the stems.
#[inline(always)]
fn cluster_features(around: Window<'_, '_>, own: bool, out: &mut impl FeatureSink) {
    if own {
        out.word(feature(50, &[&around.cluster_at(0, 0)]));
        out.word(feature(51, &[&around.cluster_at(0, 1)]));
    }
    neighbour_feature(around, 52, -1, out);
    neighbour_feature(around, 53, 1, out);
    out.context(feature(54, &[&around.cluster_at(-1, 0), &around.cluster_at(0, 0), &around.cluster_at(1, 0)]));
}

/// Templates 55 to 57: the topic of the text around, with what the lists and the clusters say
/// of the token.
#[inline(always)]
fn topic_features(around: Window<'_, '_>, out: &mut impl FeatureSink) {
    let this = around.this();
    let topic = this.topic;
    if out.wants_place() {
        out.place(feature(55, &[&[topic, this.lexicon]]));
        out.place(feature(56, &[&[topic, around.class_at(0)]]));
    }
    out.context(feature(57, &[&[topic], &around.cluster_at(0, 0)]));
}

/// Templates 58 and 59: short quotations are titles; of what, the word before the opening mark
/// tells.
#[inline(always)]
fn quotation_features(around: Window<'_, '_>, out: &mut impl FeatureSink) {
    let this = around.this();
    if this.quoted != 0 {
        out.context(feature(58, &[&[this.quoted, this.quote_len.min(4)]]));
        let lead = this.quote_lead.map_or(BEFORE, |j| around.infos[j].stem.as_bytes());
        out.context(feature(59, &[&[this.quoted], lead]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap as HashMap;
    use crate::text::normalize::Folded;
    use crate::text::tokenize::tokenize;

    fn features_of(text: &str, index: usize) -> Vec<u64> {
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let lists = Lists::of_names("بوتين\tw\nالرييس\tt\n");
        let infos = token_infos(&words, &[], &lists);
        let mut out = Vec::new();
        extract(&infos, index, &mut out);
        out
    }

    /// The first chars of a word, read two bytes a letter where the letters are Arabic, are those
    /// that counting the chars gives, whatever the script and length.
    #[test]
    fn prefixes_are_the_first_chars() {
        for word in ["منبج", "وبمنبج", "لإيران", "ا", "CNN", "AFPوكالة", "سيرغيLavrov", "é", "ﻻ", "٢٠٢٠", ""] {
            for n in 1..=5 {
                let chars: Vec<char> = word.chars().collect();
                let expected = (chars.len() >= n).then(|| chars[..n].iter().collect::<String>());
                assert_eq!(prefix(word, n).map(str::to_owned), expected, "{word:?}, {n}");
            }
        }
    }

    /// A feature's hash is pinned: the model file stores it, on every platform.
    #[test]
    fn feature_hashes_are_pinned() {
        let pinned: [(u8, &[&[u8]], u64); 4] = [
            (0, &[], 0x3463_0f3f_f819_1da6),
            (1, &["منبج".as_bytes()], 0x2094_67c7_5c44_1cc3),
            (6, &[b"<s>", "لافروف".as_bytes()], 0x288b_9675_aeb0_d534),
            (47, &["سيرغي لافروف".as_bytes()], 0x8864_b1a0_5d61_1b60),
        ];
        for (template, parts, expected) in pinned {
            assert_eq!(feature(template, parts), expected, "template {template}, {parts:?}");
        }
    }

    /// The flags of each name read in one pass are those `split_once`, `contains` and a loop
    /// over the chars read, on every line of the file and on odd ones.
    #[test]
    fn name_flags_read_as_by_chars() {
        let odd = ["ا\tfm", "ا\tf", "ا\tmwt", "ا\t", "ا\tgaé", "ا", "\tw", "ا\tw\tf"];
        for line in tsv::lines(crate::embedded::person_names()).chain(odd) {
            let Some((_, flags)) = line.split_once('\t') else { continue };
            let bits = flags.chars().fold(0, |bits, flag| {
                bits | match flag {
                    'w' => WIKIDATA,
                    'a' => AKHATEEB,
                    'g' => TRANSLIT,
                    't' => TITLE,
                    _ => 0,
                }
            });
            let expected = (bits, flags.contains('f'), flags.contains('m'));
            assert_eq!(name_flags_of(flags.as_bytes()), expected, "{line:?}");
        }
    }

    /// The WikiFANE tokens are kept as the file has them: folding leaves every one as it is.
    #[test]
    fn wiki_tokens_are_folded_in_the_file() {
        let lines = tsv::lines(crate::embedded::wiki_ner()).filter(|line| line.starts_with("w\t"));
        let tokens: Vec<&str> = lines.map(|line| wiki_token_counts(line).unwrap().0).collect();
        assert!(tokens.len() > 20_000, "{}", tokens.len());
        for token in tokens {
            assert_eq!(crate::text::normalize::fold(token), token);
        }
    }

    /// The quick reading of the counts gives what eight fields and `str::parse` give, on every
    /// line of the file and on lines it must leave to them.
    #[test]
    fn wiki_counts_read_as_by_fields() {
        let odd = [
            "w\tا\t1\t2\t3\t4\t5\t6",
            "w\tا\t+1\t2\t3\t4\t5\t6",
            "w\tا\tx\t2\t3\t4\t5\t6",
            "w\tا\t\t2\t3\t4\t5\t6",
            "w\tا\t99999999999\t2\t3\t4\t5\t6",
            "w\tا\t4294967295\t2\t3\t4\t5\t6",
            "w\tا\t1\t2\t3\t4\t5",
            "w\tا\t1\t2\t3\t4\t5\t6\t7",
            "w\t\t1\t2\t3\t4\t5\t6",
            "w\tا",
            "e\tPER\tا ب\t1",
        ];
        for line in tsv::lines(crate::embedded::wiki_ner()).chain(odd) {
            assert_eq!(wiki_token_counts(line), wiki_token_counts_by_fields(line), "{line:?}");
        }
    }

    fn infos_of<'a>(words: &'a Words<'a>) -> Vec<TokenInfo<'a>> {
        token_infos(words, &[], &Lists::of_names(""))
    }

    /// The state kept for each template of [`Openings`] goes on to the hash [`feature`] makes.
    #[test]
    fn an_opening_goes_on_to_the_features_hash() {
        let (word, stem, rest): (&str, &str, &[u8]) = ("والرئيس", "الرئيس", b"x");
        let openings = Openings::of(word, stem);
        for (k, &template) in OPENING_TEMPLATES.iter().enumerate() {
            let first = if k < STEM_OPENINGS { word } else { stem };
            let expected = feature(template, &[first.as_bytes(), rest]);
            assert_eq!(feature_after(openings.of_template(template), &[rest]), expected, "template {template}");
            assert_eq!(feature_after(opened(template, first.as_bytes()), &[rest]), expected, "template {template}");
        }
    }

    /// The bounds the tagger's word cache counts on to keep a word's summed weights in 16 bits
    /// (`super::super::word_cache::WordWeights`): at most 39 features of the word's own, even
    /// for a long word every list knows, and at most 4 given to each neighbour.
    #[test]
    fn a_word_has_at_most_39_features_of_its_own_and_gives_at_most_4_to_each_neighbour() {
        let letters: Vec<char> = "مرحتن".chars().cycle().take(20).collect();
        let most = (1..=letters.len())
            .map(|n| {
                let text = format!("قال {} بوتين", letters[..n].iter().collect::<String>());
                let folded = Folded::new(&text);
                let tokens = tokenize(&folded);
                let words = Words::new(&tokens);
                let mut infos = infos_of(&words);
                let word = &mut infos[1];
                (word.names, word.wiki_known, word.trigger) = (WIKIDATA | AKHATEEB | TRANSLIT | TITLE, true, 1);
                let mut split = SplitFeatures::with_neighbours_apart();
                split.clear(true, true);
                extract(&infos, 1, &mut split);
                let given = given_to_neighbours(&infos[1]);
                let mut start = 0;
                for k in 0..NEIGHBOUR_OFFSETS.len() {
                    assert!(given.end(k) - start <= 4, "{n} letters, place {k}");
                    start = given.end(k);
                }
                split.word.len()
            })
            .max();
        // Every template of the word alone, with the 4 name flags and the 11 3-grams of a stem of
        // 13 letters: a template more calls for checking the 16-bit bound again.
        assert_eq!(most, Some(39));
    }

    /// The bound the tagger's word cache counts on to keep a place's summed weights in 16 bits
    /// (`super::super::word_cache::WordCache::insert_place`): a token between two others has one
    /// feature of each place template, and no token has more.
    #[test]
    fn a_place_decides_at_most_13_features() {
        let text = "قال الرئيس الروسي فلاديمير بوتين في «موسكو» إن الجيش السوري قصف حلب ، 2 - 2 أمس";
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let infos = token_infos(&words, &[], Lists::embedded());
        let counts: Vec<usize> = (0..infos.len())
            .map(|i| {
                let mut split = SplitFeatures::default();
                split.clear(true, true);
                extract(&infos, i, &mut split);
                split.place.len()
            })
            .collect();
        assert_eq!(counts.iter().max(), Some(&MOST_PLACE_FEATURES), "{counts:?}");
    }

    /// Tokens of one [`Place`] have the same place features, and a token's features are its
    /// word's, its place's and the rest, nothing twice.
    #[test]
    fn a_place_decides_its_features() {
        let text = "قال الرئيس الروسي فلاديمير بوتين في موسكو إن الجيش السوري قصف حلب ، وقال بوتين : « لا » . \
                    وتعادل ليون مع مرسيليا في الدوري الفرنسي 2 - 2 أمس";
        let folded = Folded::new(&format!("{text} . {text}"));
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let infos = token_infos(&words, &[], Lists::embedded());
        let mut seen: HashMap<Place, Vec<u64>> = HashMap::default();
        for i in 0..infos.len() {
            let mut split = SplitFeatures::default();
            split.clear(true, true);
            extract(&infos, i, &mut split);
            let mut all = Vec::new();
            extract(&infos, i, &mut all);
            let mut parts = [split.word, split.place.clone(), split.context].concat();
            parts.sort_unstable();
            all.sort_unstable();
            assert_eq!(parts, all, "token {i}");
            let first = seen.entry(place(&infos, i)).or_insert_with(|| split.place.clone());
            assert_eq!(*first, split.place, "token {i}");
        }
        assert!(seen.len() < infos.len(), "the text said twice has places twice");
    }

    #[test]
    fn the_topic_of_a_token_is_that_of_the_words_around_it() {
        let text = "تعادل ليون مع مضيفه في المباراة";
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let infos = infos_of(&words);
        assert!(infos.iter().all(|info| info.topic == 1), "sport all along");
        let far = format!("ليون{}", " و".repeat(TOPIC_WINDOW + 1) + " مباراة");
        let folded = Folded::new(&far);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        assert_eq!(infos_of(&words)[0].topic, 0, "a topic word too far away does not count");
    }

    #[test]
    fn short_quotations_are_marked_long_ones_are_not() {
        let text = "برنامج « حوار من القلب » و« كلام طويل جدا لا يكون عنوانا أبدا » انتهى";
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let infos = infos_of(&words);
        let marked: Vec<(&str, u8, u8)> =
            infos.iter().filter(|i| i.quoted != 0).map(|i| (i.word, i.quoted, i.quote_len)).collect();
        assert_eq!(marked, [("حوار", 1, 3), ("من", 2, 3), ("القلب", 2, 3)]);
        let title = infos.iter().find(|i| i.word == "حوار").unwrap();
        assert_eq!(title.quote_lead.map(|j| infos[j].word), Some("برنامج"));
    }

    #[test]
    fn identity_features_are_where_training_looks_for_them() {
        let a = features_of("قال الرئيس بوتين", 2);
        assert_eq!(a[IDENTITY_POSITIONS[0]], feature(1, &["بوتين".as_bytes()]));
        assert_eq!(a[IDENTITY_POSITIONS[1]], feature(6, &["الرييس".as_bytes(), "بوتين".as_bytes()]));
        assert!(!IDENTITY_POSITIONS.iter().any(|&p| a[p] == feature(0, &[])));
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

//! The rules that run after the tagger and the lexicon are merged ([`super::Tagger::merge`]):
//! each is a named step of [`RULES`], run in that order on the merged candidates, and each can be
//! switched off by name ([`RuleSet`], `kashif eval --without NAME`).

use super::*;
use crate::word_tables::demonyms::Demonyms;
use crate::word_tables::letters::Letters;
use crate::word_tables::name_heads::Heads;
use crate::word_tables::place_cues::PlaceCues;
use crate::word_tables::rule_words::RuleWords;
use crate::word_tables::seats::Seats;
use crate::word_tables::title_words::TitleWords as Titles;
use crate::word_tables::word_map::WordMap;

mod acronyms;
mod in_context;
pub(crate) use in_context::{named_in_context, split_mined_pairs};
mod described;
mod facilities;
mod generic;
mod latin;
mod persons;
mod places;
mod surnames;

/// Reading the rules' words against a document's words.
impl RuleWords {
    /// The descriptor (`DESCRIPTOR`) the token at `at` is, clitics aside: the first of the file.
    pub(crate) fn descriptor(&self, words: &Words<'_>, at: usize) -> Option<&'static str> {
        self.descriptors
            .iter()
            .copied()
            .find(|&d| words.text(at) == Some(d) || words.readings(at).iter().any(|r| r.stem == d))
    }

    /// Whether the token at `at` is a descriptor (`DESCRIPTOR`), clitics aside.
    pub(crate) fn is_descriptor(&self, words: &Words<'_>, at: usize) -> bool {
        self.descriptor(words, at).is_some()
    }
}

/// What a rule reads: the document's words, the tagger's word lists, the lexicon and the word
/// tables.
pub(crate) struct RuleInput<'a, 'w> {
    pub words: &'a Words<'w>,
    pub lists: &'a Lists,
    pub names: &'a Lexicon,
    pub tables: &'a WordTables,
}

/// One named step of the rule stage: it reads the document and changes the candidates (adds,
/// removes, cuts, extends or retypes names).
pub(crate) struct Rule {
    /// The name `--without` takes (`spread-names`).
    pub name: &'static str,
    /// What it does, in one line.
    pub about: &'static str,
    run: fn(&RuleInput<'_, '_>, &mut Vec<(Candidate, f32)>),
}

/// Every step of the merge that can be switched off, with what it does: the vetoes inside
/// [`Tagger::merge`] first, then the rules it runs in order ([`RULES`]).
pub(crate) const MERGE_STEPS: &[(&str, &str)] = &[
    ("lexicon-overruled", "drops a lexicon match of common words the tagger is sure is no name"),
    ("misread-clitics", "drops a lexicon match reached through the clitics of a more common word"),
    ("known-over-misc", "a curated person, organization or place is that name where the tagger read the same words as MISC (البيت الأبيض)"),
    ("split-mined-pairs", "a mined place name of two places joined by و (نبل والزهراء) is two places"),
    (
        "common-words-in-context",
        "keeps a lexicon match lexicon-overruled drops where the text writes it as a name (في مسقط، بلدة نبل، حرض وحيران)",
    ),
];

/// The rules after the merge, in the order they run.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        name: "trim-descriptors",
        about: "cuts a generic word (نادي، قناة، مدينة) before a place or organization",
        run: |i, out| trim_descriptors(i.lists, &i.tables.rule_words, i.words, out),
    },
    Rule {
        name: "descriptor-names",
        about: "a head noun (وزارة، مطار، لواء، الجيش) and the words of a name after it are one name",
        run: |i, out| described::descriptor_names(i.tables, i.words, out),
    },
    Rule {
        name: "shibh-compounds",
        about: "شبه and one word (شبه الجزيرة) are a common noun: no name alone, and the word after شبه no name",
        run: |i, out| generic::shibh_compounds(i.words, out),
    },
    Rule {
        name: "adjective-names",
        about: "an organization beginning on a feminine adjective after a feminine noun (السياسة الخارجية الأمريكية) is no name",
        run: |i, out| generic::adjective_names(i.words, out),
    },
    Rule {
        name: "spelled-acronyms",
        about: "Latin initials spelled in Arabic letters (بي بي سي، سي إن إن، أ ف ب) are an organization",
        run: |i, out| acronyms::spelled_acronyms(&i.tables.letters, i.words, out),
    },
    Rule {
        name: "latin-names",
        about: "a capitalized name in Latin letters inside Arabic text (CNN، AFP) is an organization",
        run: |i, out| latin::latin_names(&i.tables.rule_words, i.words, out),
    },
    Rule {
        name: "quoted-media",
        about: "a quoted known newspaper or channel after صحيفة/قناة is that organization",
        run: |i, out| quoted_media(i.names, &i.tables.rule_words, i.words, out),
    },
    Rule {
        name: "quoted-bodies",
        about: "a quotation right after حركة/حزب/جماعة/تنظيم is that body's name (لحركة \"فتح\")",
        run: |i, out| quoted_bodies(i.tables.heads, i.words, out),
    },
    Rule {
        name: "spokesman-bodies",
        about: "a definite noun and its adjective after المتحدث باسم are a body (المتحدث باسم الخارجية الصينية)",
        run: |i, out| spokesman_bodies(&i.tables.rule_words, i.words, out),
    },
    Rule {
        name: "media-suffixes",
        about: "a word before أف أم is a radio, a word glued to .نت a news site (الجوهرة أف أم، العربية.نت)",
        run: |i, out| media_suffixes(i.lists, i.words, out),
    },
    Rule {
        name: "arabic-editions",
        about: "an organization followed by عربي/عربية without the article is its Arabic edition (بي بي سي عربي)",
        run: |i, out| arabic_editions(&i.tables.rule_words, i.words, out),
    },
    Rule { name: "quoted-titles", about: "a quotation after رواية/فيلم/برنامج is a title (MISC)", run: |i, out| quoted_titles(&i.tables.rule_words, i.words, out) },
    Rule {
        name: "split-coordinated",
        about: "two people joined by و are two names",
        run: |i, out| split_coordinated(i.lists, &i.tables.titles, &i.tables.rule_words, i.words, out),
    },
    Rule {
        name: "trim-common-endings",
        about: "a person's name does not end on a common word or a future verb, nor begin on a future verb",
        run: |i, out| trim_common_endings(i.lists, &i.tables.rule_words, i.words, out),
    },
    Rule {
        name: "clubs-by-nationality",
        about: "a city with a masculine nationality after it is a club",
        run: |i, out| clubs_by_nationality(i.tables.demonyms, i.words, out),
    },
    Rule {
        name: "clubs-in-results",
        about: "a name with its country in brackets in a table of results is a club",
        run: |i, out| clubs_in_results(i.words, out),
    },
    Rule {
        name: "clubs-in-sport",
        about: "an Arab club named by a common word, among words of sport",
        run: |i, out| clubs_in_sport(i.lists, &i.tables.rule_words, i.words, out),
    },
    Rule {
        name: "speakers-are-people",
        about: "a one-word place or organization right after a masculine verb of saying is a person",
        run: |i, out| speakers_are_people(&i.tables.quote_words, i.words, out),
    },
    Rule { name: "bylines", about: "the words of a byline (كتب - … :) are the writer", run: |i, out| bylines(&i.tables.rule_words, i.words, out) },
    Rule {
        name: "hyphenated-names",
        about: "a name goes on across a hyphen between two words (كيم يو-جونغ، مون جاي-إن)",
        run: |i, out| hyphenated_names(i.words, out),
    },
    Rule {
        name: "complete-names",
        about: "a person's name goes on after بن/آل/أبو/ولد and takes European particles",
        run: |i, out| complete_names(i.lists, &i.tables.rule_words, i.words, out),
    },
    Rule {
        name: "seats-as-places",
        about: "an organization named by its building (البيت الأبيض، الكرملين) is the building after في/ب/داخل",
        run: |i, out| facilities::seats_as_places(&i.tables.seats, &i.tables.rule_words, i.words, out),
    },
    Rule { name: "consistent-types", about: "one name keeps one type in a text", run: |i, out| consistent_types(i.words, out) },
    Rule {
        name: "clubs-in-play",
        about: "a city that plays, wins or hosts in a text about sport (فوز فرانكفورت بلقب، هزم برشلونة ضيفه روما) is its club, there and where the text repeats it",
        run: |i, out| clubs_in_play(i.lists, &i.tables.rule_words, i.words, out),
    },
    Rule {
        name: "spread-long-names",
        about: "a name of two words or more is found wherever the text repeats it",
        run: |i, out| spread_long_names(i.words, out),
    },
    Rule {
        name: "directional-places",
        about: "a place takes a side after it (القدس الغربية، الجزائر العاصمة), a region the direction before it (غرب أفريقيا)",
        run: |i, out| places::directional_places(&i.tables.place_cues, i.words, out),
    },
    Rule {
        name: "clitics-off-known-names",
        about: "a one-word name read whole that is a proclitic and a name of the text loses the proclitic (بجرجيس after جرجيس)",
        run: |i, out| surnames::clitics_off_known_names(i.words, out),
    },
    Rule {
        name: "surnames-over-clitics",
        about: "a one-word place read through a proclitic is the person whose surname the whole word is (كاسن after جون كاسن is not ك + اسن)",
        run: |i, out| surnames::surnames_over_clitics(i.words, out),
    },
    Rule {
        name: "spread-names",
        about: "a surname or one-word name is found wherever the text repeats it alone",
        run: |i, out| spread_names(i.lists, i.words, out),
    },
    Rule {
        name: "joined-surnames",
        about: "a full name right before a one-word person's name goes on over it (الأم ريهام حسين دوابشة)",
        run: |i, out| persons::joined_surnames(i.lists, i.words, out),
    },
    Rule {
        name: "particles-before-names",
        about: "a particle without its hamza (فان، ان) before a person's surname is no part of the name (فان ماكرون)",
        run: |i, out| persons::particles_before_names(&i.tables.rule_words, i.words, out),
    },
    Rule {
        name: "nationality-words",
        about: "a one-word person's name that is a nationality adjective without its article (ليبي) is no person",
        run: |i, out| persons::nationality_words(i.lists, i.tables.demonyms, i.words, out),
    },
    Rule {
        name: "unknown-surnames",
        about: "a one-word person's name goes on over an uncommon word that ends a clause (أوكسليد تشامبرلين،)",
        run: |i, out| persons::unknown_surnames(i.lists, i.words, out),
    },
    Rule {
        name: "named-as",
        about: "the name after المدعو/الملقب بـ is a person (المدعو \"أبو علي\")",
        run: |i, out| persons::named_as(i.lists, &i.tables.rule_words, i.words, out),
    },
    Rule {
        name: "nisba-adjectives",
        about: "a country's name that is a nationality adjective (الحكومة السعودية، 25 مقاتلا سوريا) is no place",
        run: |i, out| in_context::nisba_adjectives(&i.tables.numbers, i.words, out),
    },
];

/// The steps of the analyzer after the rules that can be switched off.
pub(crate) const FINAL_STEPS: &[(&str, &str)] = &[(
    crate::calibration::STEP,
    "maps a name's raw score to how often such names are right (data/calibration.tsv); off, the raw score",
)];

/// The names of every switchable step ([`MERGE_STEPS`], [`RULES`], then [`FINAL_STEPS`]).
pub(crate) fn step_names() -> impl Iterator<Item = &'static str> {
    steps().map(|(name, _)| name)
}

/// Every switchable step with what it does ([`MERGE_STEPS`], [`RULES`], then [`FINAL_STEPS`]).
pub(crate) fn steps() -> impl Iterator<Item = (&'static str, &'static str)> {
    MERGE_STEPS
        .iter()
        .copied()
        .chain(RULES.iter().map(|rule| (rule.name, rule.about)))
        .chain(FINAL_STEPS.iter().copied())
}

/// Which steps run: all but those switched off by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RuleSet {
    off: Vec<&'static str>,
}

impl RuleSet {
    /// Every step on, but `names`; an unknown name is an error that lists the known ones.
    pub(crate) fn without<S: AsRef<str>>(names: &[S]) -> Result<RuleSet, String> {
        let mut off = Vec::new();
        for name in names {
            let name = name.as_ref().trim();
            if name.is_empty() {
                continue;
            }
            match step_names().find(|known| *known == name) {
                Some(known) => off.push(known),
                None => {
                    let known: Vec<&str> = step_names().collect();
                    return Err(format!("unknown rule '{name}' (rules: {})", known.join(", ")));
                }
            }
        }
        Ok(RuleSet { off })
    }

    /// Whether the step `name` runs.
    pub(crate) fn on(&self, name: &str) -> bool {
        !self.off.contains(&name)
    }
}

/// Runs the rules of `set` in order. A candidate a rule adds or changes (its tokens, clitics or
/// type) records that rule as its source.
pub(crate) fn run(input: &RuleInput<'_, '_>, set: &RuleSet, out: &mut Vec<(Candidate, f32)>) {
    type Key = (usize, usize, usize, Label);
    let key = |c: &Candidate| -> Key { (c.first, c.last, c.prefix, c.label) };
    // The keys of `out` before the next rule, made again only after a rule that changed them.
    let mut before: Vec<Key> = out.iter().map(|(c, _)| key(c)).collect();
    for rule in RULES.iter().filter(|rule| set.on(rule.name)) {
        (rule.run)(input, out);
        // A candidate the rule made (`unnamed`) is the rule's even where it took the place of
        // one with the same words and type. Most rules change nothing in most texts: then no
        // candidate is the rule's, and one pass over `out` tells both.
        let mut unchanged = out.len() == before.len();
        for ((candidate, _), at) in out.iter_mut().zip(0..) {
            if candidate.source == Source::Rule("") {
                candidate.source = Source::Rule(rule.name);
            }
            unchanged &= before.get(at) == Some(&key(candidate));
        }
        if unchanged {
            continue;
        }
        let earlier: rustc_hash::FxHashSet<Key> = before.iter().copied().collect();
        before.clear();
        for (candidate, _) in out.iter_mut() {
            let now = key(candidate);
            if !earlier.contains(&now) {
                candidate.source = Source::Rule(rule.name);
            }
            before.push(now);
        }
    }
}
/// Adds the names a rule found to `out`, which stays in text order.
fn add_in_order(out: &mut Vec<(Candidate, f32)>, added: Vec<(Candidate, f32)>) {
    if !added.is_empty() {
        out.extend(added);
        out.sort_by_key(|(c, _)| c.first);
    }
}

/// The index of the closing mark of a quotation of 1 to [`features::TITLE_QUOTE_MAX`] tokens
/// whose opening mark is at `open`, the length of a title (`«الشرق الأوسط»`).
#[inline]
fn short_quotation(words: &Words<'_>, open: usize) -> Option<usize> {
    // Most tokens are words: their kind tells before their text is compared with the marks.
    if words.tokens.get(open)?.kind != crate::text::tokenize::TokenKind::Punct {
        return None;
    }
    features::quotation_end(open, words.tokens.len(), |j| words.text(j)).filter(|&end| end > open + 1)
}


/// What a rule makes of `text` given candidates `(first, last, label)`: each candidate after
/// it as its tokens' folded text joined by spaces, with its label.
#[cfg(test)]
fn rule_output(
    text: &str,
    spans: &[(usize, usize, Label)],
    rule: impl Fn(&Words<'_>, &mut Vec<(Candidate, f32)>),
) -> Vec<(String, Label)> {
    let folded = Folded::new(text);
    let tokens = tokenize(&folded);
    let words = Words::new(&tokens);
    let mut out: Vec<(Candidate, f32)> = spans.iter().map(|&(f, l, label)| (unnamed(f, l, 0, label), 1.0)).collect();
    rule(&words, &mut out);
    out.iter().map(|(c, _)| ((c.first..c.last).map(|j| tokens[j].text).collect::<Vec<_>>().join(" "), c.label)).collect()
}

/// A name a rule found, with no entity yet: the analyzer gives it one from its words (see
/// `link::unknown_entity`).
fn unnamed(first: usize, last: usize, prefix: usize, label: Label) -> Candidate {
    Candidate { first, last, prefix, label, canonical: String::new(), id: String::new(), source: Source::Rule("") }
}

/// Drops the candidates marked in `absorbed` (one flag per candidate, in order): the names a
/// longer one took in.
fn drop_absorbed(out: &mut Vec<(Candidate, f32)>, absorbed: &[bool]) {
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !absorbed[k - 1]
    });
}

/// Which tokens the candidates cover.
fn covered_tokens(words: &Words<'_>, out: &[(Candidate, f32)]) -> Vec<bool> {
    let mut covered = vec![false; words.tokens.len()];
    for (candidate, _) in out {
        covered[candidate.first..candidate.last].iter_mut().for_each(|c| *c = true);
    }
    covered
}

/// Gives a candidate another type, with the `confidence` of the rule that does so (the
/// tagger's confidence was in the old type); it is then no longer the entity the lexicon named
/// (the analyzer finds its id from its words).
fn relabel((candidate, old): &mut (Candidate, f32), label: Label, confidence: f32) {
    candidate.label = label;
    candidate.forget_entity();
    *old = confidence;
}

/// Whether the token at `at` is a run of Arabic letters (false past the end).
fn is_arabic(words: &Words<'_>, at: usize) -> bool {
    words.tokens.get(at).is_some_and(|t| t.kind == crate::text::tokenize::TokenKind::Arabic)
}

/// The stem of the token at `at` (all clitics stripped), as the features and the lexicon read it.
fn stem_at<'w>(words: &'w Words<'_>, at: usize) -> &'w str {
    words.readings(at).last().map_or("", |r| r.stem.as_str())
}

/// The last word of a candidate as it reads it: the whole token inside a name (no clitics
/// there: the `ب` of `فلاديمير بوتن` is the name's), the candidate's own reading when it is
/// one word.
fn last_word<'w>(words: &'w Words<'_>, candidate: &Candidate) -> &'w str {
    let readings = words.readings(candidate.last - 1);
    let prefix = if candidate.len() == 1 { candidate.prefix } else { 0 };
    readings.iter().find(|r| r.prefix == prefix).or(readings.first()).map_or("", |r| r.stem.as_str())
}

/// Cuts the generic word before a place or organization name (`نادي قطر`, `قناة الجزيرة`), as
/// the news corpora tag it; the mention keeps its entity.
fn trim_descriptors(lists: &Lists, rule_words: &RuleWords, words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    for (candidate, _) in out {
        while candidate.len() >= 2
            && matches!(candidate.label, Label::Loc | Label::Org)
            && rule_words.descriptor(words, candidate.first).is_some_and(|d| !rule_words.kept_descriptors.contains(d))
        {
            candidate.first += 1;
            candidate.prefix = clitic_prefix(lists, words, candidate.first);
        }
    }
}

/// A short quotation right after a head that only says what kind of body follows (`same` in
/// `data/name_heads.tsv`: `حركة`، `حزب`، `جماعة`، `تنظيم`، `منظمة`) is that body's name, an
/// organization, whatever was found inside it (`لحركة "فتح"`: `فتح` is also "opening"), but a
/// one-word indefinite adjective (`منظمة "إرهابية"`).
fn quoted_bodies(heads: &Heads, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let heads = heads.same_body();
    let mut added: Vec<(Candidate, f32)> = Vec::new();
    for open in 1..words.tokens.len() {
        let Some(end) = short_quotation(words, open) else { continue };
        if !words.readings(open - 1).iter().any(|r| heads.iter().any(|head| *head == *r.stem)) {
            continue;
        }
        let adjective = end == open + 2
            && words.text(open + 1).is_some_and(|t| !t.starts_with("ال") && (t.ends_with('ي') || t.ends_with("يه")));
        let (first, last) = (open + 1, end);
        let known = out.iter().any(|(c, _)| c.first == first && c.last == last && c.label == Label::Org);
        if adjective || known || !(first..last).all(|j| is_arabic(words, j) || words.text(j).is_some_and(|t| t == "-")) {
            continue;
        }
        added.push((unnamed(first, last, 0, Label::Org), LEXICON_CONFIDENCE));
    }
    if added.is_empty() {
        return;
    }
    out.retain(|(c, _)| !added.iter().any(|(a, _)| c.first >= a.first && c.last <= a.last));
    add_in_order(out, added);
}

/// A definite noun and a nisba adjective after `المتحدث باسم` or `الناطق (الرسمي) باسم` (`SPOKESMAN`
/// and `SPOKESMAN_ADJECTIVE` of `data/rule_words.tsv`) that nothing was found on are the body the spokesman speaks for, an organization (`الخارجية
/// الصينية`، `الجبهة الشعبية`), but a title or a government (`NO_BODY_NOUN` of `data/rule_words.tsv`:
/// `الرئيس التركي`، `الأمين العام`، `الحكومة الفرنسية`, which the news set leaves out).
fn spokesman_bodies(rule_words: &RuleWords, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let spokesman = |at: usize| words.readings(at).iter().any(|r| rule_words.spokesmen.contains(r.stem.as_str()));
    let official = |word: &str| rule_words.spokesman_adjectives.contains(word);
    let covered = covered_tokens(words, out);
    let mut added = Vec::new();
    for at in 1..words.tokens.len() {
        if words.text(at) != Some("باسم") {
            continue;
        }
        let after_official = words.text(at - 1).is_some_and(official);
        if !(spokesman(at - 1) || (after_official && at >= 2 && spokesman(at - 2))) {
            continue;
        }
        let (noun, adjective) = (at + 1, at + 2);
        let (Some(n), Some(a)) = (words.text(noun), words.text(adjective)) else { continue };
        let body = is_arabic(words, noun)
            && is_arabic(words, adjective)
            && n.starts_with("ال")
            && a.starts_with("ال")
            && (a.ends_with('ي') || a.ends_with("يه"))
            && !official(a)
            && !rule_words.no_body_nouns.contains(n)
            && !covered[noun]
            && !covered[adjective];
        if body {
            added.push((unnamed(noun, adjective + 1, 0, Label::Org), LEXICON_CONFIDENCE));
        }
    }
    add_in_order(out, added);
}

/// A word of three letters or more before `أف أم` (FM, folded `اف ام`; `إف إم`) is a radio
/// (`الجوهرة أف أم`، `للجوهرة اف ام`), and one glued to `.نت` a news site (`العربية.نت`): an
/// organization, the suffix inside its name, whatever was found on its words.
fn media_suffixes(lists: &Lists, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let glued = |a: usize, b: usize| matches!((words.tokens.get(a), words.tokens.get(b)), (Some(x), Some(y)) if x.end == y.start);
    let mut added: Vec<(Candidate, f32)> = Vec::new();
    for at in 0..words.tokens.len() {
        // The words after first: they rule out most tokens at once.
        let radio = words.text(at + 1) == Some("اف") && words.text(at + 2) == Some("ام");
        let site = words.text(at + 1) == Some(".") && words.text(at + 2) == Some("نت") && glued(at, at + 1) && glued(at + 1, at + 2);
        if !radio && !site {
            continue;
        }
        let long_word = is_arabic(words, at) && words.text(at).is_some_and(|t| t.chars().count() >= 3);
        if long_word && added.last().is_none_or(|(c, _)| c.last <= at) {
            added.push((unnamed(at, at + 3, clitic_prefix(lists, words, at), Label::Org), LEXICON_CONFIDENCE));
        }
    }
    if added.is_empty() {
        return;
    }
    out.retain(|(c, _)| !added.iter().any(|(a, _)| c.first < a.last && c.last > a.first));
    add_in_order(out, added);
}

/// An organization followed by `عربي` or `عربية` (`EDITION` of `data/rule_words.tsv`) without the
/// article is its Arabic edition or service, one name (`بي بي سي عربي`، `سكاي نيوز عربية`), linked to the organization; with the
/// article the word is an adjective of something else (`بي بي سي العربية` stays as the tagger
/// reads it).
fn arabic_editions(rule_words: &RuleWords, words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    // The candidates are in text order: their starts are sorted.
    let starts: Vec<usize> = out.iter().map(|(c, _)| c.first).collect();
    for (candidate, _) in out.iter_mut() {
        let edition = words.text(candidate.last).is_some_and(|t| rule_words.editions.contains(t));
        if candidate.label == Label::Org && edition && starts.binary_search(&candidate.last).is_err() {
            candidate.last += 1;
        }
    }
}

/// A name that is a whole quotation and, after `صحيفة`, `جريدة`, `قناة`, `مجلة` or `وكالة`, a known
/// organization's is that newspaper or channel (`لندن: «الشرق الأوسط»`; in ANERcorp train the
/// quoted `الشرق الأوسط` is the newspaper 10 times out of 13). A quotation right after one of
/// those words that names a known newspaper or channel is found even where the tagger missed it
/// (`صحيفة «الحياة»`: `الحياة` is also a common word), and so is one after `وكالة أنباء`, or a
/// one-word quotation after `مع` or `ل` (`TOLD`: `في لقاء مع "العربية"`).
fn quoted_media(names: &Lexicon, rule_words: &RuleWords, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let media_of = |first: usize, last: usize| {
        rule_words.media.iter().find_map(|kind| names.described(kind, words, first, last)).filter(|(label, _, _)| *label == Label::Org)
    };
    for (candidate, _) in out.iter_mut() {
        let quoted = candidate.first > 0
            && words.text(candidate.first - 1).and_then(features::closing_mark).is_some_and(|close| words.text(candidate.last) == Some(close));
        if !quoted {
            continue;
        }
        if let Some((_, canonical, id)) = media_of(candidate.first, candidate.last) {
            candidate.label = Label::Org;
            candidate.canonical = canonical.to_owned();
            candidate.id = id.to_owned();
        }
    }
    let mut added = Vec::new();
    for open in 1..words.tokens.len() {
        let Some(end) = short_quotation(words, open) else { continue };
        // After صحيفة/قناة, or a one-word quotation right after مع or a verb's ل (`في لقاء مع
        // "العربية"`، `قال لـ«الحياة»`).
        let after_media = rule_words.descriptor(words, open - 1).is_some_and(|d| rule_words.media.contains(&d));
        let told = end == open + 2 && words.text(open - 1).is_some_and(|t| rule_words.told.contains(t));
        let agency = open >= 2 && words.text(open - 1) == Some("انباء") && rule_words.descriptor(words, open - 2) == Some("وكاله");
        if !after_media && !told && !agency {
            continue;
        }
        if out.iter().any(|(c, _)| c.first < end && c.last > open + 1) {
            continue;
        }
        if let Some((_, canonical, id)) = media_of(open + 1, end) {
            let candidate = Candidate {
                first: open + 1,
                last: end,
                prefix: 0,
                label: Label::Org,
                canonical: canonical.to_owned(),
                id: id.to_owned(),
                source: Source::Rule(""),
            };
            added.push((candidate, LEXICON_CONFIDENCE));
        }
    }
    add_in_order(out, added);
}

/// A whole short quotation right after a word before the title of a work (`WORK_WORD` of
/// `data/rule_words.tsv`, folded readings: `رواية «أولاد حارتنا»`, `برنامج «ستار أكاديمي»`,
/// `بعنوان «دايت النجوم»`, and a stadium's, `استاد «سلتيك بارك»`, which the news corpora tag as
/// MISC too) is the title of a work, a MISC
/// name, whatever the tagger found inside it (`رواية «خان الخليلي»`, not the place); so are the
/// quotations that follow it joined by `و` (`«بين القصرين» و«قصر الشوق»`). In ANERcorp train
/// such a quotation is one MISC name 42 times out of 46 (5 of them joined by `و`).
fn quoted_titles(rule_words: &RuleWords, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let mut titles: Vec<Candidate> = Vec::new();
    let mut after_title = false;
    let mut open = 1;
    while open < words.tokens.len() {
        let lead = open - 1;
        // The opening mark first: the lead word's readings are read only before one.
        let after_work = || {
            (after_title && words.text(lead) == Some("و"))
                || words.readings(lead).iter().any(|r| rule_words.work_words.contains(r.stem.as_str()))
        };
        let Some(end) = short_quotation(words, open).filter(|_| after_work()) else {
            after_title = after_title && words.text(open) == Some("و");
            open += 1;
            continue;
        };
        titles.push(unnamed(open + 1, end, 0, Label::Misc));
        after_title = true;
        open = end + 1;
    }
    out.retain(|(c, _)| !titles.iter().any(|t| c.first < t.last && c.last > t.first));
    add_in_order(out, titles.into_iter().map(|t| (t, LEXICON_CONFIDENCE)).collect());
}

/// Two people joined by `و` are two names (`عبدالله الفاضل عيسى ونورالدين علي`): a person's span
/// is cut before a word that is `و` and a first name, unless the word with its `و` is a name too
/// (`وليد`). In ANERcorp train such a word after a person's word begins a new name 148 times and
/// goes on the name 31 times, mostly as names beginning with `و`. A title after the `و` is left
/// out of the second name (`الأمير تشارلز والأميرة ديانا`).
fn split_coordinated(lists: &Lists, titles: &Titles, rule_words: &RuleWords, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let mut added = Vec::new();
    for (candidate, confidence) in out.iter_mut() {
        if candidate.label != Label::Per || is_curated(candidate) {
            continue;
        }
        let cut = (candidate.first + 1..candidate.last).rev().find(|&j| {
            let Some(text) = words.text(j) else { return false };
            let Some(rest) = text.strip_prefix('و') else { return false };
            lists.is_name(rest)
                && !lists.is_name(text)
                && !words.text(j - 1).is_some_and(|t| rule_words.name_connectors.contains(t))
        });
        if let Some(j) = cut {
            // A title after و is no part of the second name (`الأمير تشارلز والأميرة ديانا`).
            let titled = j + 1 < candidate.last
                && words.readings(j).iter().any(|r| r.prefix == 1 && titles.is_one_word_title(&r.stem));
            let tail = if titled { unnamed(j + 1, candidate.last, 0, candidate.label) } else { unnamed(j, candidate.last, 1, candidate.label) };
            added.push((tail, *confidence));
            candidate.last = j;
            candidate.forget_entity();
        }
    }
    out.extend(added);
}

/// A person's name does not end on a common word or a verb in the future (`أبو عمشة سيبقى`,
/// "will stay"): such a last word, in no name list, is cut off, but not the `عشر` of a regnal
/// number (`ألفونسو الثالث عشر`). A verb in the future is a word of four letters or more beginning
/// with `سي` or `سن` that WikiFANE does not see mostly inside names (`ست` begins too many foreign
/// names: `ستالمان`); in ANERcorp train a word beginning with `سي`, `ست` or `سن` right after a
/// person's name is outside it 18 times, inside it 13 times (`سيلفا`, `سيباستيان`, which the name
/// lists know).
fn trim_common_endings(lists: &Lists, rule_words: &RuleWords, words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    let future_verb = |text: &str| {
        ["سي", "سن"].iter().any(|p| text.starts_with(p)) && text.chars().count() >= 4 && !lists.is_entity_word(text)
    };
    for (candidate, _) in out.iter_mut() {
        if candidate.label != Label::Per || is_curated(candidate) {
            continue;
        }
        while candidate.len() >= 2 {
            let last = candidate.last - 1;
            let Some(text) = words.text(last) else { break };
            let named = lists.is_name(text) || words.readings(last).iter().any(|r| lists.is_name(&r.stem));
            // A family name with the article after a first name (`يوسف الشاهد`، `بشار الأسد`) stays,
            // though it is also a common word.
            let family = text.starts_with("ال") && words.text(last - 1).is_some_and(|t| lists.is_name(t));
            if named || family || rule_words.name_connectors.contains(text) || text == "عشر" || !(lists.is_common_word(text) || future_verb(text)) {
                break;
            }
            candidate.last = last;
            candidate.forget_entity();
        }
        // Nor begin on a verb in the future (`سيلتقي كيم`، `وسيلتقي مون`: "will meet").
        while candidate.len() >= 2 && words.readings(candidate.first).iter().any(|r| future_verb(&r.stem) && r.prefix <= 1 && !lists.is_name(&r.stem)) {
            candidate.first += 1;
            candidate.prefix = 0;
            candidate.forget_entity();
        }
    }
}


/// A place followed by a masculine nationality adjective is a club named after its city: a
/// city is feminine in Arabic (`ليون الفرنسية`), a club masculine (`ليون الفرنسي`)
/// (`ليون الفرنسي`, `هامبورغ الألماني`); countries are left alone. In ANERcorp train a name
/// followed by such an adjective is an organization 68 times, a place 10 times.
fn clubs_by_nationality(demonyms: &Demonyms, words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    for entry in out.iter_mut() {
        let candidate = &entry.0;
        // A country, or a place named by its head noun (`ميناء الحديدة اليمني`), is no club.
        if candidate.label != Label::Loc || candidate.id.starts_with("cc:") || candidate.source == Source::Rule("descriptor-names") {
            continue;
        }
        if words.text(candidate.last).is_some_and(|word| demonyms.is_masculine_country_adjective(word)) {
            relabel(entry, Label::Org, LEXICON_CONFIDENCE);
        }
    }
}

/// A name with its country in brackets in a table of results (`ليون ( فرنسا ) - بورتو (
/// البرتغال ) 2 - 1`) is a club: a dash comes before the name or after the bracket, or a score
/// after it. In ANERcorp train a name so written in a table is an organization 28 times and a
/// place 3 times (`ريال مدريد ( اسبانيا )`); out of a table (`في برشلونة ( إسبانيا )`), never an
/// organization: a place 6 times, a person twice.
fn clubs_in_results(words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    let is = |at: usize, text: &str| words.text(at) == Some(text);
    let scoreish = |at: usize| {
        words.text(at).is_some_and(|t| t == "-" || t == "صفر" || t.chars().all(|c| c.is_ascii_digit()))
    };
    for k in 0..out.len() {
        let (name, place) = match out.get(k + 1) {
            Some((place, _)) => (&out[k].0, place),
            None => break,
        };
        let bracketed = place.label == Label::Loc
            && place.first == name.last + 1
            && is(name.last, "(")
            && is(place.last, ")");
        let table = (name.first > 0 && is(name.first - 1, "-")) || scoreish(place.last + 1);
        if bracketed && table && name.label != Label::Org {
            relabel(&mut out[k], Label::Org, LEXICON_CONFIDENCE);
        }
    }
}

/// Tokens on each side among which [`clubs_in_sport`] looks for words of sport.
const SPORT_WINDOW: usize = 50;

/// Where a text's words of sport are ([`Lists::is_sport_word`], any reading of a token): counted
/// over the whole text when a rule first asks, as most texts hold no word the rules ask about.
struct SportWords<'a, 'w> {
    lists: &'a Lists,
    words: &'a Words<'w>,
    /// How many tokens before each token are words of sport, and before the end.
    before: std::cell::OnceCell<Vec<u32>>,
}

impl<'a, 'w> SportWords<'a, 'w> {
    fn of(lists: &'a Lists, words: &'a Words<'w>) -> Self {
        SportWords { lists, words, before: std::cell::OnceCell::new() }
    }

    /// True when at least two words of sport are within [`SPORT_WINDOW`] tokens of token `at`
    /// (it included).
    fn around(&self, at: usize) -> bool {
        let before = self.before.get_or_init(|| {
            let mut before = vec![0u32; self.words.tokens.len() + 1];
            for j in 0..self.words.tokens.len() {
                let sport = self.words.readings(j).iter().any(|r| self.lists.is_sport_word(&r.stem));
                before[j + 1] = before[j] + u32::from(sport);
            }
            before
        });
        let (from, to) = (at.saturating_sub(SPORT_WINDOW), (at + SPORT_WINDOW + 1).min(before.len() - 1));
        before[to] - before[from] >= 2
    }
}

/// A club of an Arab football league whose name is also a common word (`ARAB_CLUB` of
/// `data/rule_words.tsv`: the tagger, which sees `العربي` inside a name in 16 of its 84
/// occurrences in ANERcorp train, mostly leaves them out; `الاتحاد`, also "the federation", is
/// not among them) that nothing else claimed is the club where at least two words of
/// sport are within [`SPORT_WINDOW`] tokens (`حقق فريق العربي بداية جيدة`), unless it is an
/// adjective after a definite noun (`الفريق العربي`). In ANERcorp train, such a word so placed
/// is an organization 76 times out of 98.
fn clubs_in_sport(lists: &Lists, rule_words: &RuleWords, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let n = words.tokens.len();
    let sport = SportWords::of(lists, words);
    let covered = covered_tokens(words, out);
    let mut added = Vec::new();
    for at in (0..n).filter(|&at| !covered[at]) {
        let Some(reading) = words.readings(at).iter().find(|r| rule_words.arab_clubs.contains(r.stem.as_str())) else {
            continue;
        };
        let adjective = reading.prefix == 0 && at > 0 && words.text(at - 1).is_some_and(|t| t.starts_with("ال"));
        if !adjective && sport.around(at) {
            added.push((unnamed(at, at + 1, reading.prefix, Label::Org), LEXICON_CONFIDENCE));
        }
    }
    add_in_order(out, added);
}

/// A city (a place that is no country) right after a word of play (`PLAY_WORD` of
/// `data/rule_words.tsv`, folded stems: its win, loss or draw, its host or guest, its players and
/// coach: `فوز فرانكفورت بلقب`، `هزم برشلونة ضيفه روما`، `لاعب روما`), where at
/// least two words of sport are within [`SPORT_WINDOW`] tokens, is the club named after it:
/// it and every other place written with the same words in the text, but where a word of
/// place comes before it (`PLACE_BEFORE`: `في روما` is the city), are an organization; not a
/// city inside the name of another organization of the text (`لاعبي مدريد` after `ريال مدريد`
/// may be any club of Madrid). It runs
/// after [`consistent_types`], which would give the club back the type of the city's other
/// mentions.
fn clubs_in_play(lists: &Lists, rule_words: &RuleWords, words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    let sport = SportWords::of(lists, words);
    let stems = |c: &Candidate| (c.first..c.last).map(|j| stem_at(words, j)).collect::<Vec<_>>();
    let city = |c: &Candidate| c.label == Label::Loc && !c.id.starts_with("cc:") && !is_curated(c);
    let played = |c: &Candidate| {
        c.first > 0
            && c.prefix == 0
            && words.readings(c.first - 1).iter().any(|r| rule_words.play_words.contains(r.stem.as_str()))
            && sport.around(c.first)
    };
    // A city inside the name of an organization of the text (`مدريد` of `ريال مدريد`) may be
    // any of its clubs: it is left as it is.
    let org_words: Vec<&str> = out.iter().filter(|(c, _)| c.label == Label::Org && c.len() >= 2).flat_map(|(c, _)| stems(c)).collect();
    let clubs: Vec<Vec<&str>> = out
        .iter()
        .filter(|(c, _)| city(c) && played(c))
        .map(|(c, _)| stems(c))
        .filter(|club| !club.iter().any(|w| org_words.contains(w)))
        .collect();
    if clubs.is_empty() {
        return;
    }
    for entry in out.iter_mut() {
        let candidate = &entry.0;
        let place = candidate.first > 0 && words.readings(candidate.first - 1).iter().any(|r| rule_words.place_before.contains(r.stem.as_str()));
        if city(candidate) && !place && clubs.contains(&stems(candidate)) {
            relabel(entry, Label::Org, LEXICON_CONFIDENCE);
        }
    }
}

/// A byline: `كتب` (or another `BYLINE` word of `data/rule_words.tsv`: `بقلم`), maybe a dash or colon, then one to four Arabic words and a colon or dash
/// (`كتب - أشرف ممتاز :`; folding drops the tatweel of `كتب ـ خليفة أدهم :`) name the writer, a
/// person, whatever the tagger read there. In ANERcorp train the 3 stretches so written are
/// all a person's name.
fn bylines(rule_words: &RuleWords, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let is_mark = |at: usize| words.text(at).is_some_and(|t| matches!(t, ":" | "-" | "–"));
    let mut added = Vec::new();
    for at in 0..words.tokens.len() {
        if !words.text(at).is_some_and(|t| rule_words.byline_words.contains(t)) {
            continue;
        }
        let first = if is_mark(at + 1) { at + 2 } else { at + 1 };
        let Some(last) = (first + 1..(first + 5).min(words.tokens.len())).find(|&j| is_mark(j)) else {
            continue;
        };
        let name = (first..last).all(|j| is_arabic(words, j));
        if !name {
            continue;
        }
        out.retain(|(c, _)| c.last <= first || c.first >= last);
        added.push((unnamed(first, last, 0, Label::Per), LEXICON_CONFIDENCE));
    }
    add_in_order(out, added);
}

/// A one-word place or organization right after a masculine verb of saying is a person's name
/// (`data/quote_words.tsv`, [`crate::word_tables::quote_words::QuoteWords::is_masculine_speech_verb`]: in ANERcorp train a one-word
/// name right after one is a person 112 times, an organization twice, never a place); a country and a curated organization (`وقال البنتاغون`) are
/// left alone.
fn speakers_are_people(quote_words: &crate::word_tables::quote_words::QuoteWords, words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    for entry in out.iter_mut() {
        let candidate = &entry.0;
        let guessed = match candidate.label {
            Label::Loc => !candidate.id.starts_with("cc:"),
            Label::Org => !is_curated(candidate),
            _ => false,
        };
        if !guessed || candidate.len() != 1 || candidate.first == 0 {
            continue;
        }
        let after_verb =
            words.readings(candidate.first - 1).iter().any(|r| quote_words.is_masculine_speech_verb(&r.stem));
        if after_verb {
            relabel(entry, Label::Per, LEXICON_CONFIDENCE);
        }
    }
}

/// The same name read with two types in one text takes the type its readings are surest of
/// (the sum of their confidences); a curated name neither votes nor changes.
fn consistent_types(words: &Words<'_>, out: &mut [(Candidate, f32)]) {
    use std::hash::{Hash, Hasher};
    // A hash of the name's stems: no string is built for each of a long text's thousands of names.
    let key = |c: &Candidate| -> u64 {
        let mut hasher = rustc_hash::FxHasher::default();
        (c.first..c.last).for_each(|j| stem_at(words, j).hash(&mut hasher));
        hasher.finish()
    };
    // The key of each candidate that votes (none for curated names).
    let keys: Vec<Option<u64>> = out.iter().map(|(c, _)| (!is_curated(c)).then(|| key(c))).collect();
    let type_index = |label: Label| crate::conll::TYPES.iter().position(|&t| t == label);
    let mut votes: rustc_hash::FxHashMap<u64, [f32; 4]> = rustc_hash::FxHashMap::default();
    for ((candidate, confidence), key) in out.iter().zip(&keys) {
        let Some(key) = key else { continue };
        let Some(t) = type_index(candidate.label) else { continue };
        votes.entry(*key).or_default()[t] += confidence;
    }
    for (entry, key) in out.iter_mut().zip(&keys) {
        let Some(weights) = key.and_then(|key| votes.get(&key)) else { continue };
        let best = (0..4).max_by(|&a, &b| weights[a].total_cmp(&weights[b])).unwrap_or(0);
        let label = crate::conll::TYPES[best];
        let own = type_index(entry.0.label).map_or(0.0, |t| weights[t]);
        // A tie leaves each reading its type (`ليون الفرنسي`, the club, and `مدينة ليون`).
        if label != entry.0.label && weights[best] > own && weights.iter().filter(|&&w| w > 0.0).count() > 1 {
            // The winning type's share of the votes.
            relabel(entry, label, weights[best] / weights.iter().sum::<f32>());
        }
    }
}

/// A name of two words or more found once stands for the same entity wherever the text repeats
/// its words (their stems, so clitics may differ) and nothing else was found there.
fn spread_long_names(words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let stem = |j: usize| stem_at(words, j);
    // Looked up at every token: behind a filter, which passes most tokens by unhashed.
    // First stem → the names starting with it (their stems and label), longest first.
    let mut names: WordMap<&str, Vec<(Vec<&str>, Label)>> = WordMap::default();
    for (candidate, _) in out.iter() {
        if candidate.len() >= 2 {
            let stems: Vec<&str> = (candidate.first..candidate.last).map(stem).collect();
            names.get_or_insert_with(stems[0], Vec::new).push((stems, candidate.label));
        }
    }
    if names.is_empty() {
        return;
    }
    let covered = covered_tokens(words, out);
    names.values_mut().for_each(|v| v.sort_by_key(|(stems, _)| std::cmp::Reverse(stems.len())));
    let mut added = Vec::new();
    let mut at = 0;
    while at < words.tokens.len() {
        if covered[at] {
            at += 1;
            continue;
        }
        let found = names.get(stem(at)).and_then(|list| {
            list.iter().find(|(stems, _)| {
                let end = at + stems.len();
                end <= words.tokens.len()
                    && !covered[at..end].iter().any(|&c| c)
                    && (at..end).zip(stems.iter()).all(|(j, s)| stem(j) == *s)
            })
        });
        match found {
            Some((stems, label)) => {
                let prefix = words.readings(at).last().map_or(0, |r| r.prefix);
                added.push((unnamed(at, at + stems.len(), prefix, *label), LEXICON_CONFIDENCE));
                at += stems.len();
            }
            None => at += 1,
        }
    }
    add_in_order(out, added);
}

/// A name found once stands for the same entity wherever else the text has it alone (a place or
/// an organization not through the clitics of a more common word, [`misread_clitics`]): a person's
/// surname (the last word of the name) or one-word name (`نجيب محفوظ` … `وفاز محفوظ`), and a
/// one-word place or organization (`بنفيكا`), unless it is a common word or two types claim it.
/// Measured on 10-sentence texts: people only, dev 74.83 → 75.41, 5-fold CV 77.85 → 77.88;
/// all types, 75.49 and 78.04.
fn spread_names(lists: &Lists, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    // Looked up at every reading of every token: behind a filter, which passes most of them by
    // unhashed.
    // Stem → its label, or `None` when two labels claim it.
    let mut keys: WordMap<&str, Option<Label>> = WordMap::default();
    for (candidate, _) in out.iter() {
        if candidate.label == Label::Per || candidate.len() == 1 {
            let stem = last_word(words, candidate);
            if stem.chars().count() >= 3 && !lists.is_common_word(stem) {
                let entry = keys.get_or_insert_with(stem, || Some(candidate.label));
                if *entry != Some(candidate.label) {
                    *entry = None;
                }
            }
        }
    }
    if keys.is_empty() {
        return;
    }
    let covered = covered_tokens(words, out);
    let mut added = Vec::new();
    for (at, &taken) in covered.iter().enumerate() {
        if taken || !is_arabic(words, at) {
            continue;
        }
        let found = words.readings(at).iter().find_map(|r| keys.get(r.stem.as_str()).copied().flatten().map(|l| (r, l)));
        if let Some((reading, label)) = found.filter(|(r, l)| *l == Label::Per || !misread_clitics(lists, words, at, r.prefix)) {
            added.push((unnamed(at, at + 1, reading.prefix, label), LEXICON_CONFIDENCE));
        }
    }
    add_in_order(out, added);
}

/// A person's or place's name goes on across a hyphen written between two words with no space
/// (`كيم يو-جونغ`، `مون جاي-إن`: Korean given names are hyphenated); a name found on the word
/// after the hyphen gives way to the whole. Sorts `out` by position.
fn hyphenated_names(words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let glued_hyphen = |at: usize| -> bool {
        let (Some(before), Some(hyphen), Some(after)) = (words.tokens.get(at.wrapping_sub(1)), words.tokens.get(at), words.tokens.get(at + 1)) else {
            return false;
        };
        hyphen.text == "-" && before.end == hyphen.start && hyphen.end == after.start && is_arabic(words, at + 1)
    };
    out.sort_by_key(|(c, _)| c.first);
    let mut absorbed = vec![false; out.len()];
    for k in 0..out.len() {
        let candidate = &out[k].0;
        if absorbed[k] || !matches!(candidate.label, Label::Per | Label::Loc) || !glued_hyphen(candidate.last) {
            continue;
        }
        let new_last = candidate.last + 2;
        // Candidates starting on the words taken give way.
        for (j, (other, _)) in out.iter().enumerate().skip(k + 1) {
            if other.first >= new_last {
                break;
            }
            absorbed[j] = true;
        }
        let candidate = &mut out[k].0;
        candidate.last = new_last;
        candidate.forget_entity();
    }
    drop_absorbed(out, &absorbed);
}

/// A person's name does not end on `بن`, `آل`, `أبو`, `عبد`: it goes on to the next word (in
/// ANERcorp train such a word inside a name is followed by the name's next word 326 times out of
/// 328), which a mention starting there loses. The particles of European names (`فان`, `دي`,
/// `دو لا`) belong to the name around them: in ANERcorp train a particle right before a person's
/// word is inside the name 22 times out of 23. Sorts `out` by position.
fn complete_names(lists: &Lists, rule_words: &RuleWords, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let is_word = |at: usize| is_arabic(words, at);
    // The particles starting at `at` (`دي`, `دو لا`), as their count.
    let particles_at = |at: usize| -> usize {
        match words.text(at) {
            Some(t) if rule_words.name_particles.contains(t) => 1 + usize::from(words.text(at + 1) == Some("لا")),
            _ => 0,
        }
    };
    out.sort_by_key(|(c, _)| c.first);
    let mut at = 0;
    while at < out.len() {
        let candidate = &out[at].0;
        if candidate.label != Label::Per {
            at += 1;
            continue;
        }
        let next = candidate.last;
        // The name ends on a connector or a particle (`رود فان`), or particles follow it.
        let ends_open = words.text(next - 1).is_some_and(|t| rule_words.name_connectors.contains(t) || rule_words.name_particles.contains(t))
            || (words.text(next - 1) == Some("لا") && next >= 2 && particles_at(next - 2) == 2);
        // `آل` after a name goes on with the family's name (`حمد بن عيسى آل خليفة`): in ANERcorp
        // train, 29 times out of 29.
        let family = usize::from(words.text(next) == Some("ال"));
        // So does `ولد` ("son of") before a name, not before a date or a place (`ولد عام`, `ولد
        // في`: "was born"): in ANERcorp train, 15 times out of 15 between a person's words.
        let son_of = usize::from(
            words.text(next) == Some("ولد")
                && words.text(next + 1).is_some_and(|t| lists.is_name(t) || !lists.is_common_word(t)),
        );
        let extra = if ends_open { 0 } else { particles_at(next).max(family).max(son_of) };
        let unfinished = (ends_open || extra > 0) && is_word(next + extra);
        if unfinished {
            let end = next + extra + 1;
            while out.get(at + 1).is_some_and(|(c, _)| c.first < end) {
                let (removed, _) = out.remove(at + 1);
                out[at].0.last = out[at].0.last.max(removed.last);
            }
            out[at].0.last = out[at].0.last.max(end);
            continue;
        }
        // A name that starts with a particle has no clitic on it (`فان` is not `ف` + `ان`).
        let first = candidate.first;
        if particles_at(first) > 0 {
            out[at].0.prefix = 0;
        }
        // A particle right before the name (`فان نيستلروي`), after no other person's name.
        let before = (1..=2).find(|&k| first >= k && particles_at(first - k) == k);
        match before {
            Some(k) if at == 0 || out[at - 1].0.last <= first - k => {
                out[at].0.first = first - k;
                out[at].0.prefix = 0;
            }
            _ => {}
        }
        at += 1;
    }
}



#[cfg(test)]
mod tests {
    use super::*;
    use crate::word_tables::tables;

    fn candidate(first: usize, last: usize, label: Label) -> (Candidate, f32) {
        (unnamed(first, last, 0, label), 1.0)
    }

    #[test]
    #[should_panic(expected = "data/rule_words.tsv: `x` is in an unknown list `CLUB`")]
    fn an_unknown_list_is_a_defect() {
        RuleWords::parse("x\tCLUB\n");
    }

    #[test]
    fn a_name_ending_on_a_connector_takes_the_next_word() {
        let folded = Folded::new("وأعرب الملك حمد بن عيسى آل خليفة عاهل البحرين");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![candidate(2, 6, Label::Per), candidate(6, 7, Label::Loc), candidate(8, 9, Label::Loc)];
        complete_names(Lists::embedded(), &tables().rule_words, &words, &mut out);
        let spans: Vec<(usize, usize, Label)> = out.iter().map(|(c, _)| (c.first, c.last, c.label)).collect();
        assert_eq!(spans, [(2, 7, Label::Per), (8, 9, Label::Loc)]);
    }

    #[test]
    fn a_family_name_after_al_belongs_to_the_name() {
        let folded = Folded::new("استقبل الشيخ حمد بن جاسم آل ثاني الوفد");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![candidate(2, 5, Label::Per)];
        complete_names(Lists::embedded(), &tables().rule_words, &words, &mut out);
        let spans: Vec<(usize, usize)> = out.iter().map(|(c, _)| (c.first, c.last)).collect();
        assert_eq!(spans, [(2, 7)]);
    }

    #[test]
    fn a_name_does_not_end_on_a_verb_in_the_future() {
        let folded = Folded::new("الفصيل الذي يقوده أبو عمشة سيبقى في البلدة وقال ألفونسو الثالث عشر");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let lists = Lists::embedded();
        let mut out = vec![candidate(3, 6, Label::Per), candidate(9, 12, Label::Per)];
        trim_common_endings(lists, &tables().rule_words, &words, &mut out);
        let spans: Vec<(usize, usize)> = out.iter().map(|(c, _)| (c.first, c.last)).collect();
        // The `عشر` of a regnal number stays.
        assert_eq!(spans, [(3, 5), (9, 12)]);
    }

    #[test]
    fn a_name_does_not_begin_on_a_verb_in_the_future() {
        let folded = Folded::new("وسيلتقي كيم الرئيس ثم قام سيرجيو راموس");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let lists = Lists::embedded();
        let mut out = vec![candidate(0, 2, Label::Per), candidate(5, 7, Label::Per)];
        trim_common_endings(lists, &tables().rule_words, &words, &mut out);
        let spans: Vec<(usize, usize)> = out.iter().map(|(c, _)| (c.first, c.last)).collect();
        // A name that begins like the future (`سيرجيو`) stays.
        assert_eq!(spans, [(1, 2), (5, 7)]);
    }

    #[test]
    fn a_place_with_a_masculine_nationality_after_it_is_a_club() {
        let folded = Folded::new("تعادل ليون الفرنسي مع بورتو البرتغالي في مدينة ليون الفرنسية");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![candidate(1, 2, Label::Loc), candidate(4, 5, Label::Loc), candidate(8, 9, Label::Loc)];
        clubs_by_nationality(tables().demonyms, &words, &mut out);
        let labels: Vec<Label> = out.iter().map(|(c, _)| c.label).collect();
        // A city takes the feminine: `ليون الفرنسية` stays a place.
        assert_eq!(labels, [Label::Org, Label::Org, Label::Loc]);
    }

    #[test]
    fn a_name_with_its_country_in_brackets_in_a_table_of_results_is_a_club() {
        let folded = Folded::new("ليل ( فرنسا ) - ميلان ( ايطاليا ) صفر - صفر وعقد المؤتمر في برشلونة ( إسبانيا ) أمس");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![
            candidate(0, 1, Label::Loc),
            candidate(2, 3, Label::Loc),
            candidate(5, 6, Label::Per),
            candidate(7, 8, Label::Loc),
            candidate(15, 16, Label::Loc),
            candidate(17, 18, Label::Loc),
        ];
        clubs_in_results(&words, &mut out);
        let labels: Vec<Label> = out.iter().map(|(c, _)| c.label).collect();
        // The countries stay places, and so does a city out of a table.
        assert_eq!(labels, [Label::Org, Label::Loc, Label::Org, Label::Loc, Label::Loc, Label::Loc]);
    }

    #[test]
    fn the_words_of_a_byline_are_its_writer() {
        let text = "كتب ـ خليفة أدهم : وقعت فايزة أبوالنجا أمس كتب - محمود عبدالحليم : وافقت الحكومة كتب التاريخ أول حوار للحضارات ، كتب : القرار";
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let texts: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        let at = |word: &str| texts.iter().position(|t| *t == word).expect(word);
        let words = Words::new(&tokens);
        // The tagger read half of the first writer's name and a place in the second's.
        let mut out = vec![candidate(at("ادهم"), at("ادهم") + 1, Label::Per), candidate(at("محمود"), at("محمود") + 1, Label::Loc)];
        bylines(&tables().rule_words, &words, &mut out);
        let found: Vec<(usize, usize, Label)> = out.iter().map(|(c, _)| (c.first, c.last, c.label)).collect();
        // `كتب التاريخ …` and `كتب : القرار` have no closing mark: no byline.
        assert_eq!(
            found,
            [(at("خليفه"), at("ادهم") + 1, Label::Per), (at("محمود"), at("عبدالحليم") + 1, Label::Per)],
            "{texts:?}"
        );
    }

    #[test]
    fn a_one_word_place_after_a_masculine_verb_of_saying_is_a_person() {
        let folded = Folded::new("وتوقع فارس ارتفاع الأسعار وقال لبنان إن وتوقعت حلب");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let country = (Candidate { id: "cc:LB".into(), ..candidate(5, 6, Label::Loc).0 }, 1.0);
        let mut out = vec![candidate(1, 2, Label::Loc), country, candidate(8, 9, Label::Loc)];
        speakers_are_people(&tables().quote_words, &words, &mut out);
        let labels: Vec<Label> = out.iter().map(|(c, _)| c.label).collect();
        // A country stays a place, and so does a name after a feminine verb.
        assert_eq!(labels, [Label::Per, Label::Loc, Label::Loc]);
    }

    #[test]
    fn a_club_named_by_a_common_word_is_a_club_in_a_text_about_sport() {
        let lists = Lists::embedded();
        let sport = "حقق فريق العربي بداية جيدة في الدوري وسجل هدفين للشمال ولعب الفريق العربي مباراة";
        let folded = Folded::new(sport);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = Vec::new();
        clubs_in_sport(lists, &tables().rule_words, &words, &mut out);
        let found: Vec<(usize, usize, usize, Label)> = out.iter().map(|(c, _)| (c.first, c.last, c.prefix, c.label)).collect();
        // `للشمال` with its clitics; `الفريق العربي` is "the Arab team".
        assert_eq!(found, [(2, 3, 0, Label::Org), (9, 10, 2, Label::Org)]);
        // Out of a text about sport, `العربي` is the adjective.
        let folded = Folded::new("قال الكاتب العربي إن الشمال يعاني");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = Vec::new();
        clubs_in_sport(lists, &tables().rule_words, &words, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_common_word_is_no_place_read_through_its_clitics() {
        let lexicon = Lexicon::parse(crate::embedded::lexicon()).unwrap();
        let folded = Folded::new("كسرت الشرطة قفلا ثم دخلت وبسرت وبحلب");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let lists = Lists::embedded();
        let misread: Vec<(usize, bool)> =
            lexicon.find(&words).iter().map(|c| (c.first, misread_clitics(lists, &words, c.first, c.prefix))).collect();
        // `كسرت` is "broke", not ك + Sirte; `وبسرت` is "and in Sirte".
        assert_eq!(misread, [(0, true), (5, false), (6, false)]);
        // Nor does Sirte, once found, spread to it.
        let folded = Folded::new("وصلت القوات وبسرت ثم كسرت الحصار");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![candidate(2, 3, Label::Loc)];
        spread_names(lists, &words, &mut out);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn a_name_goes_on_after_walad_son_of() {
        let folded = Folded::new("أفرج عن محمد ولد سلامة ولد النفاع وقال سعيد ولد عام 1950");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![candidate(2, 3, Label::Per), candidate(8, 9, Label::Per)];
        complete_names(Lists::embedded(), &tables().rule_words, &words, &mut out);
        let spans: Vec<(usize, usize)> = out.iter().map(|(c, _)| (c.first, c.last)).collect();
        // `ولد عام`: "was born in the year".
        assert_eq!(spans, [(2, 7), (8, 9)]);
    }

    #[test]
    fn a_city_that_plays_in_a_text_about_sport_is_its_club() {
        let text = "هزم برشلونة ضيفه روما في الدوري بهدفين ويحتاج روما للفوز في روما بثلاثية";
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![candidate(1, 2, Label::Org), candidate(3, 4, Label::Loc), candidate(8, 9, Label::Loc), candidate(12, 13, Label::Loc)];
        clubs_in_play(Lists::embedded(), &tables().rule_words, &words, &mut out);
        let labels: Vec<Label> = out.iter().map(|(c, _)| c.label).collect();
        // `في روما` is the city.
        assert_eq!(labels, [Label::Org, Label::Org, Label::Org, Label::Loc]);
        // Out of a text about sport, a win is an election's.
        let folded = Folded::new("أعلن فوز روما بتنظيم المؤتمر");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![candidate(2, 3, Label::Loc)];
        clubs_in_play(Lists::embedded(), &tables().rule_words, &words, &mut out);
        assert_eq!(out[0].0.label, Label::Loc);
    }

    #[test]
    fn a_quotation_after_a_head_of_bodies_is_the_body() {
        let text = "اجتماع اللجنة المركزية لحركة \"فتح\" ووصفها بأنها منظمة \"إرهابية\" ثم قال \"فتح\"";
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = Vec::new();
        quoted_bodies(tables().heads, &words, &mut out);
        let found: Vec<(usize, usize, Label)> = out.iter().map(|(c, _)| (c.first, c.last, c.label)).collect();
        // An adjective in quotes is no name, nor a quotation after a verb.
        assert_eq!(found, [(5, 6, Label::Org)]);
    }

    #[test]
    fn a_body_after_a_spokesman_is_an_organization() {
        let text = "قال المتحدث باسم الخارجية الصينية والناطق الرسمي باسم الجبهة الشعبية والمتحدث باسم الحكومة الفرنسية";
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = Vec::new();
        spokesman_bodies(&tables().rule_words, &words, &mut out);
        let found: Vec<(usize, usize)> = out.iter().map(|(c, _)| (c.first, c.last)).collect();
        // A government is left out.
        assert_eq!(found, [(3, 5), (8, 10)]);
    }

    #[test]
    fn a_word_before_fm_is_a_radio_and_one_glued_to_net_a_site() {
        let text = "قال لمراسل للجوهرة أف أم و لـ\"العربية.نت\" إن العربية . نت";
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let texts: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        let at = |word: &str| texts.iter().position(|t| *t == word).expect(word);
        let mut out = vec![candidate(at("للجوهره"), at("للجوهره") + 1, Label::Loc)];
        media_suffixes(Lists::embedded(), &words, &mut out);
        let found: Vec<(usize, usize, usize, Label)> = out.iter().map(|(c, _)| (c.first, c.last, c.prefix, c.label)).collect();
        // `العربية . نت` written apart is no site.
        let (radio, site) = (at("للجوهره"), at("العربيه"));
        assert_eq!(found, [(radio, radio + 3, 2, Label::Org), (site, site + 3, 0, Label::Org)], "{texts:?}");
    }

    #[test]
    fn a_name_keeps_one_type_in_a_text() {
        let folded = Folded::new("سجل إيتو هدفا ثم غاب إيتو وعاد لإيتو الأمل");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![candidate(1, 2, Label::Per), candidate(5, 6, Label::Org), candidate(7, 8, Label::Per)];
        out[1].1 = 0.6;
        consistent_types(&words, &mut out);
        let labels: Vec<Label> = out.iter().map(|(c, _)| c.label).collect();
        assert_eq!(labels, [Label::Per, Label::Per, Label::Per]);
    }

    #[test]
    fn a_long_name_found_once_is_found_where_it_is_repeated() {
        let folded = Folded::new("قال صلاد حسن إن الوضع صعب ودعا صلاد حسن ولصلاد حسن أنصار");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![candidate(1, 3, Label::Per)];
        spread_long_names(&words, &mut out);
        let spans: Vec<(usize, usize, Label)> = out.iter().map(|(c, _)| (c.first, c.last, c.label)).collect();
        assert_eq!(spans, [(1, 3, Label::Per), (7, 9, Label::Per), (9, 11, Label::Per)]);
        assert_eq!(out[2].0.prefix, 2, "the clitics of ولصلاد stay out of the name");
    }

    #[test]
    fn a_quotation_after_a_novel_is_its_title() {
        let folded = Folded::new("نشر رواية « خان الخليلي » و « بين القصرين » ثم زار « القاهرة »");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![candidate(3, 4, Label::Loc), candidate(4, 5, Label::Per), candidate(13, 14, Label::Loc)];
        quoted_titles(&tables().rule_words, &words, &mut out);
        let found: Vec<(usize, usize, Label)> = out.iter().map(|(c, _)| (c.first, c.last, c.label)).collect();
        // The quotation after `ثم زار` is no title: its place stays.
        assert_eq!(found, [(3, 5, Label::Misc), (8, 10, Label::Misc), (13, 14, Label::Loc)]);
    }

    #[test]
    fn two_people_joined_by_wa_are_two_names() {
        let folded = Folded::new("شارك غادة عادل وياسمين عبد العزيز وقال محمد وائل");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let lists = Lists::embedded();
        let mut out = vec![candidate(1, 6, Label::Per), candidate(7, 9, Label::Per)];
        split_coordinated(lists, &tables().titles, &tables().rule_words, &words, &mut out);
        out.sort_by_key(|(c, _)| c.first);
        let spans: Vec<(usize, usize, usize)> = out.iter().map(|(c, _)| (c.first, c.last, c.prefix)).collect();
        // `وائل` is a name with its `و`: `محمد وائل` stays one.
        assert_eq!(spans, [(1, 3, 0), (3, 6, 1), (7, 9, 0)]);
        // A title after و is left out of the second name.
        let folded = Folded::new("زفاف الأمير تشارلز والأميرة ديانا");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![candidate(2, 5, Label::Per)];
        split_coordinated(lists, &tables().titles, &tables().rule_words, &words, &mut out);
        let spans: Vec<(usize, usize, usize)> = out.iter().map(|(c, _)| (c.first, c.last, c.prefix)).collect();
        assert_eq!(spans, [(2, 3, 0), (4, 5, 0)]);
    }

    #[test]
    fn particles_of_european_names_belong_to_the_name() {
        let folded = Folded::new("وقال جان مارك دو لا سابليير إن رود فان نيستلروي وفان ديك");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        // The tagger's pieces: `جان مارك`, `سابليير`, `رود فان` and `ديك`.
        let mut out = vec![
            candidate(1, 3, Label::Per),
            candidate(5, 6, Label::Per),
            candidate(7, 9, Label::Per),
            candidate(11, 12, Label::Per),
        ];
        complete_names(Lists::embedded(), &tables().rule_words, &words, &mut out);
        let spans: Vec<(usize, usize)> = out.iter().map(|(c, _)| (c.first, c.last)).collect();
        // `وفان` is `و` + `فان`, not a particle of its own: `ديك` stays alone.
        assert_eq!(spans, [(1, 6), (7, 10), (11, 12)]);
    }

    #[test]
    fn a_generic_word_before_a_place_or_organization_is_cut() {
        let folded = Folded::new("لعب نادي قطر ووكالة الأنباء السورية في مدينة حمص");
        let tokens = tokenize(&folded);
        let words = Words::new(&tokens);
        let mut out = vec![candidate(1, 3, Label::Org), candidate(3, 6, Label::Org), candidate(7, 9, Label::Loc)];
        trim_descriptors(&Lists::default(), &tables().rule_words, &words, &mut out);
        let spans: Vec<(usize, usize)> = out.iter().map(|(c, _)| (c.first, c.last)).collect();
        assert_eq!(spans, [(2, 3), (3, 6), (8, 9)]);
    }
}

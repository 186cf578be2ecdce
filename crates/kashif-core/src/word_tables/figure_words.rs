//! The words of figures (`data/figure_words.tsv`) and the vague quantities
//! (`data/vague_quantities.tsv`), which the figures and the claims read.

use super::demonyms::Demonyms;
use super::word_map::{WordMap, WordSet};
use crate::analysis::{Counted, Event};
use crate::tsv::data_rows;

/// Vague quantities (`data/vague_quantities.tsv`): the folded word and the lower
/// bound it stands for. Apart from the [`FigureWords`], for the claims of the page too.
pub(crate) struct Vague(WordMap<&'static str, f64>);

impl Vague {
    /// Reads `data/vague_quantities.tsv`.
    pub(crate) fn parse(tsv: &'static str) -> Vague {
        Vague(
            data_rows(tsv)
                .map(|fields| (fields[0], number(fields[0], fields.get(1).copied().unwrap_or(""))))
                .collect(),
        )
    }

    /// The lower bound of a folded vague quantity (`عشرات` → 10).
    pub(crate) fn get(&self, word: &str) -> Option<f64> {
        self.0.get(word).copied()
    }

    /// Whether a folded word is a vague quantity.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.0.contains_key(word)
    }
}

/// The words of figures (`data/figure_words.tsv`), with the nationals counted as people.
pub(crate) struct FigureWords {
    pub(crate) nouns: WordMap<&'static str, Counted>,
    pub(crate) before: WordMap<&'static str, Event>,
    pub(crate) after: WordMap<&'static str, Event>,
    pub(crate) vague: &'static Vague,
    /// After a vague quantity, a plural scale multiplies it: عشرات الآلاف.
    pub(crate) vague_scale: Vec<(&'static str, f64)>,
    /// Words right after a bare number that leave the verb to say what is counted (`قتل 5 في`).
    pub(crate) verb_only_next: WordSet<&'static str>,
    /// Words between the two numbers of a range, or the two days of a range of days.
    range_joiners: Vec<&'static str>,
    /// Words right before a range that open it (`بين 20 و30`، `من 5 إلى 7`).
    pub(crate) range_openers: Vec<&'static str>,
    /// Forces after `من` that make the fighters counted soldiers (`عناصر من قوات النظام`).
    pub(crate) forces: Vec<&'static str>,
    /// Approximations before the number, as tokens, longest first (`APPROX_BEFORE`: أكثر من،
    /// نحو، ما لا يقل عن).
    pub(crate) approx_before: Vec<Vec<&'static str>>,
    /// Approximations after the noun, as tokens (`APPROX_AFTER`: على الأقل، تقريبا).
    pub(crate) approx_after: Vec<Vec<&'static str>>,
}

/// The rows of `data/figure_words.tsv`: (word, list, value or "").
fn rows(tsv: &'static str) -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    data_rows(tsv)
        .map(|fields| (fields[0], fields.get(1).copied().unwrap_or(""), fields.get(2).copied().unwrap_or("")))
}

/// The whole number of a row (a vague quantity's lower bound, a scale), read as an integer:
/// parsing floats would bring 20 KB of code into the page's wasm, which reads the vague
/// quantities for the claims.
fn number(word: &str, value: &str) -> f64 {
    value.parse::<u32>().map(f64::from).unwrap_or_else(|_| panic!("data/*.tsv: `{word}` has no whole number but `{value}`"))
}

/// The member of `all` whose word (`as_str`) is `value`, the value of the row of `word`.
fn word_of<T: Copy>(all: &[T], as_str: fn(T) -> &'static str, word: &str, value: &str) -> T {
    all.iter().copied().find(|&member| as_str(member) == value).unwrap_or_else(|| {
        let words: Vec<&str> = all.iter().map(|&member| as_str(member)).collect();
        panic!("data/figure_words.tsv: `{word}` has an unknown category `{value}` (one of {})", words.join(", "))
    })
}

impl FigureWords {
    /// Reads `data/figure_words.tsv`, with the `vague` quantities of their own table; the
    /// nationals of `demonyms` are people.
    pub(crate) fn parse(tsv: &'static str, demonyms: &Demonyms, vague: &'static Vague) -> FigureWords {
        let mut t = FigureWords {
            nouns: WordMap::default(),
            before: WordMap::default(),
            after: WordMap::default(),
            vague,
            vague_scale: Vec::new(),
            verb_only_next: WordSet::default(),
            range_joiners: Vec::new(),
            range_openers: Vec::new(),
            forces: Vec::new(),
            approx_before: Vec::new(),
            approx_after: Vec::new(),
        };
        for (word, list, value) in rows(tsv) {
            t.add(word, list, value);
        }
        // Nationals counted are people: 15 فلسطينيا، 3 سوريين، 40 لبنانيا.
        for stem in demonyms.country_stems().filter(|s| s.ends_with('ي')) {
            for suffix in ["", "ا", "ين", "ون"] {
                let word: &'static str = Box::leak(format!("{stem}{suffix}").into_boxed_str());
                t.nouns.get_or_insert_with(word, || Counted::People);
            }
        }
        t
    }

    /// A row of the file: `word` in `list`, with its `value`.
    pub(crate) fn add(&mut self, word: &'static str, list: &str, value: &str) {
        let event = || word_of(&Event::ALL, Event::as_str, word, value);
        match list {
            "NOUN" => {
                self.nouns.insert(word, word_of(&Counted::ALL, Counted::as_str, word, value));
            }
            "BEFORE" => {
                self.before.insert(word, event());
            }
            "AFTER" => {
                self.after.insert(word, event());
            }
            "SCALE" => self.vague_scale.push((word, number(word, value))),
            "VERB_ONLY_NEXT" => {
                self.verb_only_next.insert(word);
            }
            "RANGE_JOINER" => self.range_joiners.push(word),
            "RANGE_OPENER" => self.range_openers.push(word),
            "FORCE" => self.forces.push(word),
            "APPROX_BEFORE" => self.approx_before.push(word.split(' ').collect()),
            "APPROX_AFTER" => self.approx_after.push(word.split(' ').collect()),
            other => panic!("data/figure_words.tsv: `{word}` is in an unknown list `{other}`"),
        }
    }

    /// Whether a folded word joins the two numbers of a range (`RANGE_JOINER`: `20 و30`، `5 إلى
    /// 7`), or the two days of a range of days (`5 إلى 7 آذار`).
    pub(crate) fn is_range_joiner(&self, word: &str) -> bool {
        self.range_joiners.contains(&word)
    }
}

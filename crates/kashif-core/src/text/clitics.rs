//! Proclitics glued to Arabic words: و ف (and, so), ب ك ل (in/with, like, for/to), and لل
//! (ل + the article, whose alef is dropped in writing).

use std::borrow::Cow;
use std::ops::Deref;

/// One way of reading a folded word: `prefix` folded chars of clitics, then `stem`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reading<'w> {
    /// How many folded chars of the word the clitics take.
    pub prefix: usize,
    /// The word without them (with `ال` restored after `لل`).
    pub stem: Stem<'w>,
}

/// The stem of a reading: the end of the word itself, or (after `لل`) a string of its own that
/// restores `ال`. It reads as a `str`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stem<'w>(Cow<'w, str>);

impl<'w> Stem<'w> {
    /// The whole of a word, as the stem of its reading without clitics.
    pub(crate) fn whole(word: &'w str) -> Stem<'w> {
        Stem(Cow::Borrowed(word))
    }

    /// The stem as a string slice.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Stem<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Stem<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<str> for Stem<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

const MIN_STEM_CHARS: usize = 2;

/// The letters that may open a word's proclitics.
const CLITIC_LETTERS: [char; 5] = ['و', 'ف', 'ب', 'ك', 'ل'];

/// Appends the readings of a folded word to `out`, the word itself first, then shorter stems.
///
/// `وبمنبج` reads as itself, as و + `بمنبج` and as و + ب + `منبج`; `للعراق` as ل + `لعراق` and
/// as لل + `العراق`. The stems borrow the word but for the one that restores `ال`.
pub(crate) fn push_readings<'w>(word: &'w str, out: &mut Vec<Reading<'w>>) {
    let first = out.len();
    out.push(Reading { prefix: 0, stem: Stem::whole(word) });
    if !word.starts_with(CLITIC_LETTERS) {
        return;
    }
    let mut push = |prefix: usize, stem: Cow<'w, str>| {
        if stem.chars().count() >= MIN_STEM_CHARS && !out[first..].iter().any(|r| *r.stem.0 == *stem) {
            out.push(Reading { prefix, stem: Stem(stem) });
        }
    };
    // The clitic letters take two bytes each: the rest after `n` of them starts at byte 2n.
    let rest = |from: usize| -> &'w str { word.get(2 * from..).unwrap_or("") };
    let letter = |at: usize| word.get(2 * at..).and_then(|tail| tail.chars().next());
    let conjunctions: &[usize] = if matches!(letter(0), Some('و' | 'ف')) { &[0, 1] } else { &[0] };
    for &conj in conjunctions {
        if conj == 1 {
            push(1, Cow::Borrowed(rest(1)));
        }
        match letter(conj) {
            Some('ل') if letter(conj + 1) == Some('ل') => {
                push(conj + 1, Cow::Borrowed(rest(conj + 1)));
                push(conj + 2, Cow::Owned(format!("ال{}", rest(conj + 2))));
            }
            Some('ب' | 'ك' | 'ل') => push(conj + 1, Cow::Borrowed(rest(conj + 1))),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(word: &str) -> Vec<(usize, String)> {
        let mut readings = Vec::new();
        push_readings(word, &mut readings);
        readings.into_iter().map(|r| (r.prefix, r.stem.as_str().to_owned())).collect()
    }

    #[test]
    fn clitic_table() {
        let s = |p: usize, t: &str| (p, t.to_owned());
        assert_eq!(stems("وبمنبج"), [s(0, "وبمنبج"), s(1, "بمنبج"), s(2, "منبج")]);
        assert_eq!(stems("لايران"), [s(0, "لايران"), s(1, "ايران")]);
        assert_eq!(stems("والقامشلي"), [s(0, "والقامشلي"), s(1, "القامشلي")]);
        assert_eq!(stems("للعراق"), [s(0, "للعراق"), s(1, "لعراق"), s(2, "العراق")]);
        assert_eq!(stems("وللعراق"), [s(0, "وللعراق"), s(1, "للعراق"), s(2, "لعراق"), s(3, "العراق")]);
        assert_eq!(stems("فبحلب"), [s(0, "فبحلب"), s(1, "بحلب"), s(2, "حلب")]);
        assert_eq!(stems("كدمشق"), [s(0, "كدمشق"), s(1, "دمشق")]);
        assert_eq!(stems("حلب"), [s(0, "حلب")]);
    }

    #[test]
    fn stems_keep_at_least_two_letters() {
        assert_eq!(stems("ول"), [(0, "ول".to_owned())]);
        assert_eq!(stems("بك"), [(0, "بك".to_owned())]);
    }
}

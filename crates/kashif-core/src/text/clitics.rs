//! Proclitics glued to Arabic words: و ف (and, so), ب ك ل (in/with, like, for/to), and لل
//! (ل + the article, whose alef is dropped in writing).

/// One way of reading a folded word: `prefix` folded chars of clitics, then `stem`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reading {
    /// How many folded chars of the word the clitics take.
    pub prefix: usize,
    /// The word without them (with `ال` restored after `لل`).
    pub stem: String,
}

const MIN_STEM_CHARS: usize = 2;

/// The readings of a folded word, the word itself first, then shorter stems.
///
/// `وبمنبج` reads as itself, as و + `بمنبج` and as و + ب + `منبج`; `للعراق` as ل + `لعراق` and
/// as لل + `العراق`.
pub(crate) fn readings(word: &str) -> Vec<Reading> {
    let mut out = vec![Reading { prefix: 0, stem: word.to_owned() }];
    if !word.starts_with(['و', 'ف', 'ب', 'ك', 'ل']) {
        return out;
    }
    let chars: Vec<char> = word.chars().collect();
    let mut push = |prefix: usize, stem: String| {
        if stem.chars().count() >= MIN_STEM_CHARS && !out.iter().any(|r| r.stem == stem) {
            out.push(Reading { prefix, stem });
        }
    };
    let rest = |from: usize| -> String { chars[from..].iter().collect() };
    let conjunctions: &[usize] = if matches!(chars.first(), Some('و' | 'ف')) { &[0, 1] } else { &[0] };
    for &conj in conjunctions {
        if conj == 1 {
            push(1, rest(1));
        }
        match chars.get(conj) {
            Some('ل') if chars.get(conj + 1) == Some(&'ل') => {
                push(conj + 1, rest(conj + 1));
                push(conj + 2, format!("ال{}", rest(conj + 2)));
            }
            Some('ب' | 'ك' | 'ل') => push(conj + 1, rest(conj + 1)),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(word: &str) -> Vec<(usize, String)> {
        readings(word).into_iter().map(|r| (r.prefix, r.stem)).collect()
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

//! How common a word is in Arabic at large (`data/word_freq.tsv`, from wordfreq): a word that no
//! name list holds and no training sentence saw is far more often a name when it is also rare.
//!
//! The table holds 176,000 words. As a map of strings it took the analyzer's build from 47 to
//! 115 ms, so each word is kept as a 29-bit fingerprint of its hash beside its 3-bit class in
//! one `u32` of an open-addressing table (2 MB, one cache line read per lookup). Two words share
//! a fingerprint and a probe run about once in 300 million lookups.

use crate::hash::bytes_hash;

/// Folded word → frequency class, 1 (Zipf 2 to 2.5) to 7 (Zipf 5 and more); 0 for rarer words.
#[derive(Debug, Default)]
pub(crate) struct Frequencies {
    slots: Vec<u32>,
    bits: u32,
}

const CLASS_BITS: u32 = 0b111;

impl Frequencies {
    /// Reads `word<TAB>class` lines; lines that are not so are skipped. No allocation but the
    /// table's: one pass to count the lines, one to hash the words and fill the table.
    pub(crate) fn parse(tsv: &str) -> Frequencies {
        let lines = crate::tsv::line_count(tsv);
        // At most half full, so that probe runs stay short.
        let bits = (lines * 2).next_power_of_two().trailing_zeros();
        let mut table = Frequencies { slots: vec![0; 1 << bits], bits };
        let mut rest = tsv.as_bytes();
        while !rest.is_empty() {
            let (entry, next) = read_entry(rest);
            if let Some((hash, class)) = entry {
                let (slot, print) = table.slot_of_hash(hash);
                table.slots[slot] = print | class;
            }
            rest = next;
        }
        table
    }

    /// The class of `word` (folded): 1 to 7, 0 when it is rarer than the table's rarest.
    ///
    /// ```ignore
    /// let table = Frequencies::parse("قال\t7\nسلطانيه\t2\n");
    /// assert_eq!(table.class("قال"), 7);
    /// assert_eq!(table.class("جوتشولك"), 0);
    /// ```
    #[inline]
    pub(crate) fn class(&self, word: &str) -> u8 {
        if self.slots.is_empty() {
            return 0;
        }
        let (slot, _) = self.slot_of(word);
        (self.slots[slot] & CLASS_BITS) as u8
    }

    /// The slot that holds `word`, or the empty one where it would go, and its fingerprint.
    #[inline]
    fn slot_of(&self, word: &str) -> (usize, u32) {
        self.slot_of_hash(bytes_hash(word.as_bytes()))
    }

    /// [`Frequencies::slot_of`] the word whose [`bytes_hash`] is `hash`.
    #[inline]
    fn slot_of_hash(&self, hash: u64) -> (usize, u32) {
        let (mut slot, print) = self.locate(hash);
        while self.slots[slot] != 0 && self.slots[slot] & !CLASS_BITS != print {
            slot = (slot + 1) & self.mask();
        }
        (slot, print)
    }

    fn mask(&self) -> usize {
        (1 << self.bits) - 1
    }

    /// The first slot to probe for the word whose [`bytes_hash`] is `hash`, and its fingerprint
    /// (the class bits clear).
    #[inline]
    fn locate(&self, hash: u64) -> (usize, u32) {
        let h = hash.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        ((h >> (64 - self.bits)) as usize, (h as u32) & !CLASS_BITS)
    }
}

/// Reads the line `text` opens with: when it is `word<TAB>class` (one tab, a class from 1 to 7,
/// no `#` first), the [`bytes_hash`] of the word and the class; and the text after the line. A
/// `\r` before the `\n` makes no entry, as any other byte there. The line's end and its tab are
/// found eight bytes at a time, and the word hashed eight bytes a step.
fn read_entry(text: &[u8]) -> (Option<(u64, u32)>, &[u8]) {
    let (line, rest) = match crate::tsv::find_byte(text, b'\n') {
        Some(end) => (&text[..end], &text[end + 1..]),
        None => (text, &[][..]),
    };
    if line.first() == Some(&b'#') {
        return (None, rest);
    }
    let Some(tab) = crate::tsv::find_byte(line, b'\t') else { return (None, rest) };
    match &line[tab + 1..] {
        [digit @ b'1'..=b'7'] => (Some((bytes_hash(&line[..tab]), u32::from(digit - b'0'))), rest),
        _ => (None, rest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_get_their_class_and_unknown_words_none() {
        let table = Frequencies::parse("# comment\nقال\t7\nسلطانيه\t2\nخطا\tx\nصفر\t0\n");
        assert_eq!(table.class("قال"), 7);
        assert_eq!(table.class("سلطانيه"), 2);
        assert_eq!(table.class("جوتشولك"), 0);
        assert_eq!(table.class("خطا"), 0, "a class that is no number is skipped");
        assert_eq!(table.class("صفر"), 0, "classes run from 1 to 7");
        assert_eq!(Frequencies::default().class("قال"), 0);
    }

    /// Lines that are not exactly `word<TAB>class` make no entry, as `split` and a pattern
    /// on each line read them.
    #[test]
    fn odd_lines_are_skipped_as_before() {
        let table = Frequencies::parse("#x\t3\nا\tب\t4\nج\t55\nد\t6\r\n\t2\nه\t7\nو\t1");
        assert_eq!([table.class("#x"), table.class("ا\tب"), table.class("ج"), table.class("د")], [0; 4]);
        assert_eq!([table.class(""), table.class("ه"), table.class("و")], [2, 7, 1]);
    }

    #[test]
    fn the_embedded_table_knows_common_words_and_not_rare_names() {
        let tsv = crate::embedded::word_freq();
        let table = Frequencies::parse(&tsv);
        assert_eq!(table.class("قال"), 7);
        assert!(table.class("دمشق") >= 6);
        assert_eq!(table.class("جوتشولك"), 0);
        // Every line of the file reads back its own class.
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let (word, class) = line.split_once('\t').unwrap();
            assert_eq!(table.class(word).to_string(), class, "{word}");
        }
    }
}

//! Reading the embedded tables (`data/*.tsv`) quickly: lines and fields split at an ASCII byte
//! by a plain byte scan. `str::lines` and `str::split('\t')` give the same pieces but search
//! with a general char searcher, which set up for each short field was a sixth of the
//! analyzer's build time (natively; more in the browser's worker).

/// The pieces of `text` between `separator` bytes (ASCII), as `text.split(separator as char)`.
pub(crate) fn split(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    debug_assert!(separator.is_ascii());
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let piece = rest?;
        match find_byte(piece.as_bytes(), separator) {
            // An ASCII byte is a char boundary on both sides.
            Some(at) => {
                rest = Some(&piece[at + 1..]);
                Some(&piece[..at])
            }
            None => rest.take(),
        }
    })
}

/// The lines of `text`, as `text.lines()`: split at `\n`, a `\r` before it dropped, no empty
/// line after a final `\n`.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match find_byte(rest.as_bytes(), b'\n') {
            Some(at) => {
                let line = &rest[..at];
                rest = &rest[at + 1..];
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => Some(std::mem::take(&mut rest)),
        }
    })
}

/// The index of the first `needle` in `bytes`, read eight bytes at a time: a word XOR eight
/// copies of the needle has a zero byte where the needle is, and the lowest byte the zero-byte
/// test flags is always a true one (a false flag only ever follows a true one).
#[inline]
pub(crate) fn find_byte(bytes: &[u8], needle: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * u64::from(needle);
    let mut words = bytes.chunks_exact(8);
    let mut offset = 0;
    for word in &mut words {
        let word = u64::from_le_bytes([word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7]]) ^ pattern;
        let zeros = word.wrapping_sub(ONES) & !word & HIGHS;
        if zeros != 0 {
            return Some(offset + (zeros.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    words.remainder().iter().position(|&byte| byte == needle).map(|at| offset + at)
}

/// How many lines `text` has, at most (to size a table for them at once).
///
/// The `\n` bytes are counted in blocks of at most 255 into a `u8`, which the compiler turns
/// into wide vector compares: a byte at a time, counting was a tenth of the lists' build.
pub(crate) fn line_count(text: &str) -> usize {
    let newlines_in = |block: &[u8]| block.iter().fold(0u8, |count, &byte| count + u8::from(byte == b'\n'));
    text.as_bytes().chunks(255).map(|block| usize::from(newlines_in(block))).sum::<usize>() + 1
}

/// The tab-separated fields of `line`, as `line.split('\t')`.
pub(crate) fn fields(line: &str) -> impl Iterator<Item = &str> {
    split(line, b'\t')
}

/// The fields of the lines of an embedded data file (`data/*.tsv`) that are not comments or
/// blank, each trimmed.
pub(crate) fn data_rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split('\t').map(str::trim).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) {
        assert_eq!(lines(text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>(), "lines of {text:?}");
        assert_eq!(fields(text).collect::<Vec<_>>(), text.split('\t').collect::<Vec<_>>(), "fields of {text:?}");
        assert_eq!(split(text, b'|').collect::<Vec<_>>(), text.split('|').collect::<Vec<_>>(), "split of {text:?}");
    }

    #[test]
    fn pieces_are_those_of_the_standard_library() {
        for text in ["", "\n", "\n\n", "a", "a\n", "a\r\nb", "a\rb\n", "a\r", "\r\n\r", "\ta\t\t", "قال\t7\nسلطانيه\t2", "x|y||", "|"] {
            same(text);
        }
    }

    #[test]
    fn find_byte_finds_the_first() {
        let text = "قال\tسلطانيه\t7\n\u{0909}\n".repeat(3);
        for start in 0..text.len() {
            let bytes = &text.as_bytes()[start..];
            for needle in [b'\t', b'\n', 0x80, 0xd9, 0x09 + 0x80, 0, b'7'] {
                assert_eq!(find_byte(bytes, needle), bytes.iter().position(|&byte| byte == needle), "{start} {needle}");
            }
        }
    }

    #[test]
    fn line_count_counts_the_newlines() {
        let long = "قال\tx\n".repeat(300);
        for text in ["", "a", "\n", "a\nb", "a\nb\n", long.as_str()] {
            assert_eq!(line_count(text), text.matches('\n').count() + 1, "{text:?}");
        }
    }

    #[test]
    fn the_embedded_tables_split_as_before() {
        for text in [crate::embedded::person_names(), crate::embedded::clusters(), crate::embedded::wiki_ner(), crate::embedded::lexicon()] {
            assert!(lines(text).eq(text.lines()));
            assert!(lines(text).flat_map(fields).eq(text.lines().flat_map(|line| line.split('\t'))));
        }
    }
}

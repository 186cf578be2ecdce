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
        match piece.bytes().position(|byte| byte == separator) {
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
        match rest.bytes().position(|byte| byte == b'\n') {
            Some(at) => {
                let line = &rest[..at];
                rest = &rest[at + 1..];
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => Some(std::mem::take(&mut rest)),
        }
    })
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

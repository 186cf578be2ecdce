//! Cutting a long text into parts analyzed one at a time, so that the memory an analysis needs
//! grows with the part, not with the text (a 20 MB report, a book, a scraped archive).

use std::ops::Range;

/// The most chars of one part. News articles are a few thousand chars, so they are one part
/// and their analysis does not change; longer texts are cut (the memory of one part's analysis
/// is about 50 bytes a byte, about 10 MB at this size).
pub(crate) const PART_CHARS: usize = 100_000;

/// A part of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    /// Its bytes in the text.
    pub(crate) bytes: Range<usize>,
    /// The char offset in the text of its first char.
    pub(crate) first_char: usize,
}

/// Cuts `text` into consecutive parts of at most `max_chars` chars covering it all. A part
/// ends after the last blank line in the second half of its room, else the last line break
/// there, else the last sentence end (`.` `؟` `?` `!` before white space), else the last white
/// space; a text with none of them is cut at a char. A text of at most `max_chars` chars (the
/// empty text too) is one part. Linear in the length of the text.
pub(crate) fn parts(text: &str, max_chars: usize) -> Vec<Part> {
    let max_chars = max_chars.max(1);
    let mut found = Vec::new();
    let (mut start, mut first_char) = (0, 0);
    loop {
        let rest = &text[start..];
        // No more bytes than `max_chars`, so no more chars: one part, without counting them.
        let long = rest.len() > max_chars;
        let Some((limit, _)) = long.then(|| rest.char_indices().nth(max_chars)).flatten() else {
            found.push(Part { bytes: start..text.len(), first_char });
            return found;
        };
        let room = &rest[..limit];
        let end = cut_point(room);
        found.push(Part { bytes: start..start + end, first_char });
        first_char += room[..end].chars().count();
        start += end;
    }
}

/// Where to end a part in `room` (a byte offset in it, after the break, never 0).
fn cut_point(room: &str) -> usize {
    let half = floor_char_boundary(room, room.len() / 2);
    let second_half = &room[half..];
    let after = |at: Option<usize>, width: usize| at.map(|at| half + at + width);
    after(second_half.rfind("\n\n"), 2)
        .or_else(|| after(second_half.rfind('\n'), 1))
        .or_else(|| sentence_end(second_half).map(|at| half + at))
        .or_else(|| after(second_half.rfind(char::is_whitespace), 0).map(|at| at + whitespace_width(room, at)))
        .unwrap_or(room.len())
}

/// The byte offset after the white space that follows the last sentence end of `text`.
fn sentence_end(text: &str) -> Option<usize> {
    let mut previous: Option<char> = None;
    let mut last = None;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() && matches!(previous, Some('.' | '؟' | '?' | '!')) {
            last = Some(at + c.len_utf8());
        }
        previous = Some(c);
    }
    last
}

fn whitespace_width(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(0, char::len_utf8)
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, max_chars: usize) -> Vec<&str> {
        parts(text, max_chars).iter().map(|part| &text[part.bytes.clone()]).collect()
    }

    #[test]
    fn paragraphs_are_parts() {
        let text = "الفقرة الأولى.\n\nالفقرة الثانية.";
        assert_eq!(cut(text, 20), ["الفقرة الأولى.\n\n", "الفقرة الثانية."]);
        assert_eq!(parts(text, 20)[1].first_char, 16);
    }

    #[test]
    fn a_short_text_and_the_empty_text_are_one_part() {
        assert_eq!(parts("", 10), [Part { bytes: 0..0, first_char: 0 }]);
        assert_eq!(cut("قصفت الطائرات إدلب", 100), ["قصفت الطائرات إدلب"]);
        assert_eq!(cut("abcdefghij", 10), ["abcdefghij"]);
    }

    #[test]
    fn parts_cover_the_text_and_their_char_offsets_count_chars() {
        let text = "قال الوزير إن القصف مستمر. وأضاف أن المدنيين نزحوا\nمن إدلب ".repeat(40);
        let found = parts(&text, 150);
        assert!(found.len() > 10);
        assert_eq!(found.iter().map(|p| &text[p.bytes.clone()]).collect::<String>(), text);
        for part in &found {
            assert_eq!(part.first_char, text[..part.bytes.start].chars().count());
            assert!(text[part.bytes.clone()].chars().count() <= 150);
        }
    }

    #[test]
    fn a_part_ends_at_a_paragraph_then_a_line_then_a_sentence_then_a_space() {
        assert_eq!(cut("aaaa\n\nbb\ncc dd", 12), ["aaaa\n\nbb\n", "cc dd"]);
        assert_eq!(cut("aaaa bb\ncc. dd ee", 14), ["aaaa bb\n", "cc. dd ee"]);
        assert_eq!(cut("aaaa bbb. ccc dd", 14), ["aaaa bbb. ", "ccc dd"]);
        assert_eq!(cut("aaaa bbb. cccdd", 14), ["aaaa bbb. ", "cccdd"]);
        assert_eq!(cut("كلمة كلمة كلمة", 8), ["كلمة ", "كلمة ", "كلمة"]);
    }

    #[test]
    fn a_text_without_breaks_is_cut_at_chars() {
        assert_eq!(cut("ابتثجحخدذر", 4), ["ابتث", "جحخد", "ذر"]);
        assert_eq!(parts("ابتثجحخدذر", 4)[2].first_char, 8);
    }

    #[test]
    fn random_texts_are_covered_exactly() {
        // Texts of random pieces (multi-byte chars, breaks of every kind) and random room.
        let pieces = ["ا", "لافروف", " ", "\n", "\n\n", ".", "؟", "! ", "\u{2029}", "👩‍👧", "e\u{301}", "\r\n", "\u{A0}"];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..2000 {
            let text: String = (0..next(120)).map(|_| pieces[next(pieces.len())]).collect();
            let max_chars = 1 + next(40);
            let found = parts(&text, max_chars);
            assert_eq!(found[0].bytes.start, 0);
            assert_eq!(found.last().unwrap().bytes.end, text.len());
            let mut at = 0;
            for part in &found {
                assert_eq!(part.bytes.start, at, "{text:?} {max_chars}");
                assert!(text.is_char_boundary(part.bytes.end));
                assert!(!part.bytes.is_empty() || text.is_empty(), "{text:?} {max_chars}");
                assert_eq!(part.first_char, text[..part.bytes.start].chars().count());
                assert!(text[part.bytes.clone()].chars().count() <= max_chars);
                at = part.bytes.end;
            }
        }
    }
}

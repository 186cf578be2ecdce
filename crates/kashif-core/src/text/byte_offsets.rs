//! Byte offsets of char offsets, found walking forward through a text.

/// The byte offsets of a text's char offsets, found by walking its chars from the last one asked
/// for (from the start again for an earlier one): mentions in text order cost one pass over the
/// text, not a `char` per char of it collected (linking: [`crate::link`]'s «ORG (SHORT)» rule;
/// the dates of a byline: [`crate::corpus::dateline`]).
pub(crate) struct ByteOffsets<'t> {
    text: &'t str,
    /// The last char offset asked for, and its byte offset.
    char_at: usize,
    byte_at: usize,
}

impl<'t> ByteOffsets<'t> {
    pub(crate) fn of(text: &'t str) -> Self {
        ByteOffsets { text, char_at: 0, byte_at: 0 }
    }

    /// The byte offset of char `offset` (the text's length for the end or past it).
    #[inline]
    pub(crate) fn of_char(&mut self, offset: usize) -> usize {
        if offset < self.char_at {
            (self.char_at, self.byte_at) = (0, 0);
        }
        // `nth` skips chars a chunk of bytes at a time (`Chars::advance_by`), not one by one.
        let mut rest = self.text[self.byte_at..].chars();
        if let Some(skip) = (offset - self.char_at).checked_sub(1) {
            rest.nth(skip);
        }
        self.byte_at = self.text.len() - rest.as_str().len();
        self.char_at = offset;
        self.byte_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offsets_of_chars_forward_back_and_past_the_end() {
        let text = "قال (أ ف ب) x";
        let mut offsets = ByteOffsets::of(text);
        let expected = |offset: usize| text.char_indices().nth(offset).map_or(text.len(), |(byte, _)| byte);
        for offset in [0, 3, 4, 4, 11, 2, 12, 13, 40, 1] {
            assert_eq!(offsets.of_char(offset), expected(offset), "char {offset}");
        }
    }
}

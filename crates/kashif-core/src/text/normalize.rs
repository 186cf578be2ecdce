//! Orthographic folding for matching, with a map back to the original text.
//!
//! Folding removes what Arabic writers add or drop freely (diacritics, tatweel, hamza seats,
//! invisible format characters) so that spellings of one name compare equal. The folded copy is
//! only ever used for matching: every position in it maps back to a char of the original, so
//! spans reported to the user always slice what they gave.
//!
//! The same rules are implemented in `scripts/build_lexicon.py`; keep the two in step.
//!
//! In the flow, the analyzer folds each text once ([`Folded`]), tokenizes and matches the
//! folded copy, and maps every span found back with [`Folded::original_span`]: the one offset
//! map of Kashif. [`fold`] alone serves where only names are compared (linking, the page's
//! search).
//!
//! ```
//! use kashif_core::text::normalize::{fold, Folded};
//! // Spellings of one name fold to one form.
//! assert_eq!(fold("إدلبُ"), fold("ادلب"));
//! // A span of the folded text is a span of the text as given, its marks included.
//! let folded = Folded::new("قصفَ حلبَ");
//! assert_eq!(folded.as_str(), "قصف حلب");
//! let (start, end) = folded.original_span(4, 7);
//! assert_eq!(folded.original_text(start, end), "حلبَ");
//! ```

/// What one original char becomes when folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fold {
    /// Dropped from the folded text (a diacritic, tatweel, a format character).
    Drop,
    /// Replaced by this char (itself, for most chars).
    Char(char),
}

fn fold_char(c: char) -> Fold {
    // Most chars of a text are Arabic letters that stay as they are, or ASCII: decided first.
    if is_plain_letter(c) {
        return Fold::Char(c);
    }
    if c.is_ascii() {
        return Fold::Char(if c.is_whitespace() { ' ' } else { c });
    }
    match c {
        // Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks, tatweel.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => {
            Fold::Drop
        }
        // Invisible format characters: zero-width (non-)joiners, marks and bidi controls, BOM, soft hyphen.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}'
        | '\u{061C}' => Fold::Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' => Fold::Char('ا'),
        'ى' | 'ی' | 'ئ' => Fold::Char('ي'),
        'ة' => Fold::Char('ه'),
        'ؤ' => Fold::Char('و'),
        'ک' => Fold::Char('ك'),
        '٠'..='٩' => Fold::Char(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
        '۰'..='۹' => Fold::Char(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
        _ if c.is_whitespace() => Fold::Char(' '),
        _ => Fold::Char(c),
    }
}

/// True for the chars [`fold_char`] keeps as they are that [`Folded::new`] copies in runs: the
/// plain Arabic letters, and the ASCII chars but the whitespace other than the space.
#[inline]
fn folds_to_itself(c: char) -> bool {
    is_plain_letter(c) || (c.is_ascii() && !matches!(c, '\t'..='\r'))
}

/// True for the Arabic letters that fold to themselves: ا to و but ة and the tatweel, and ي.
#[inline]
fn is_plain_letter(c: char) -> bool {
    matches!(c, '\u{0627}'..='\u{0648}' | '\u{064A}') && !matches!(c, 'ة' | '\u{0640}')
}

/// True for the chars folding drops that belong to the letter before them (diacritics and
/// tatweel), so a span ending on a letter also takes its marks.
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// Folds a string for matching: the same rules as [`Folded::new`], without the offset map.
///
/// ```
/// use kashif_core::text::normalize::fold;
/// assert_eq!(fold("إدلبُ"), "ادلب");
/// assert_eq!(fold("أنقرة"), fold("انقره"));
/// assert_eq!(fold("مصطفى"), "مصطفي");
/// assert_eq!(fold("٢٠١١"), "2011");
/// ```
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    folded.extend(folded_chars(text));
    folded
}

/// The chars of `text` as [`fold`] writes them, one at a time.
pub(crate) fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter_map(|c| match fold_char(c) {
        Fold::Drop => None,
        Fold::Char(f) => Some(f),
    })
}

/// Folds a string as [`fold`] does, borrowing it when it is folded already.
pub(crate) fn fold_borrowed(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| fold_char(c) == Fold::Char(c)) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(fold(text))
    }
}

/// A folded copy of a text that remembers, for each folded char, the original char it came from.
///
/// ```
/// use kashif_core::text::normalize::Folded;
/// let original = "قالَ الأسدُ";
/// let folded = Folded::new(original);
/// assert_eq!(folded.as_str(), "قال الاسد");
/// // Folded chars 4..9 ("الاسد") are original chars 5..11 ("الأسدُ", with its damma).
/// assert_eq!(folded.original_span(4, 9), (5, 11));
/// ```
#[derive(Debug, Clone)]
pub struct Folded {
    folded: String,
    /// Original char index of each folded char.
    origin: Vec<usize>,
    /// Original chars, to extend spans over trailing marks.
    original: Vec<char>,
}

impl Folded {
    /// Folds `original`.
    ///
    /// ```
    /// use kashif_core::text::normalize::Folded;
    /// let folded = Folded::new("مُصطفى");
    /// assert_eq!(folded.as_str(), "مصطفي");
    /// assert_eq!(folded.original_chars().len(), 6);
    /// ```
    pub fn new(original: &str) -> Self {
        // Folding never makes a char longer: the folded text has at most the original's bytes.
        let (bytes, count) = (original.len(), original.chars().count());
        let mut folded = String::with_capacity(bytes);
        let mut origin = Vec::with_capacity(count);
        let mut chars = Vec::with_capacity(count);
        // The chars that fold to themselves (most of any text) are copied a run at a time, when
        // a char that folding drops or replaces ends the run, or the text does.
        let (mut run_byte, mut run_char) = (0, 0);
        for (byte, c) in original.char_indices() {
            if folds_to_itself(c) {
                chars.push(c);
                continue;
            }
            folded.push_str(&original[run_byte..byte]);
            origin.extend(run_char..chars.len());
            if let Fold::Char(f) = fold_char(c) {
                folded.push(f);
                origin.push(chars.len());
            }
            chars.push(c);
            (run_byte, run_char) = (byte + c.len_utf8(), chars.len());
        }
        folded.push_str(&original[run_byte..]);
        origin.extend(run_char..chars.len());
        Folded { folded, origin, original: chars }
    }

    /// The folded text.
    ///
    /// ```
    /// use kashif_core::text::normalize::{fold, Folded};
    /// assert_eq!(Folded::new("أنقرة").as_str(), "انقره");
    /// assert_eq!(Folded::new("أنقرة").as_str(), fold("أنقرة"));
    /// ```
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// The folded chars, counted.
    ///
    /// ```
    /// let folded = kashif_core::text::normalize::Folded::new("الأسدُ");
    /// assert_eq!(folded.char_len(), 5);
    /// assert_eq!(folded.char_len(), folded.as_str().chars().count());
    /// ```
    pub fn char_len(&self) -> usize {
        self.origin.len()
    }

    /// The original chars.
    ///
    /// ```
    /// let folded = kashif_core::text::normalize::Folded::new("الأسدُ");
    /// assert_eq!(folded.original_chars().len(), 6);
    /// assert_eq!(folded.original_chars()[2], 'أ');
    /// ```
    pub fn original_chars(&self) -> &[char] {
        &self.original
    }

    /// Maps a span of folded chars `[start, end)` (non-empty) to the span of original chars it
    /// came from, taking along the diacritics and tatweel that follow its last letter.
    ///
    /// ```
    /// use kashif_core::text::normalize::Folded;
    /// let folded = Folded::new("قصفَ حلبَ");
    /// // Folded chars 4..7 are «حلب»; the original span takes the fatha after it.
    /// assert_eq!(folded.original_span(4, 7), (5, 9));
    /// assert_eq!(folded.original_span(0, 3), (0, 4));
    /// ```
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.origin.len());
        let original_start = self.origin[start];
        let mut original_end = self.origin[end - 1] + 1;
        while original_end < self.original.len() && is_mark(self.original[original_end]) {
            original_end += 1;
        }
        (original_start, original_end)
    }

    /// The original text of a span of original chars.
    ///
    /// ```
    /// use kashif_core::text::normalize::Folded;
    /// let folded = Folded::new("قصفَ حلبَ");
    /// assert_eq!(folded.original_text(5, 9), "حلبَ");
    /// ```
    pub fn original_text(&self, start: usize, end: usize) -> String {
        let chars = &self.original[start..end];
        // Sized once: collected char by char, the string grew a few times for each name.
        let mut text = String::with_capacity(chars.iter().map(|c| c.len_utf8()).sum());
        text.extend(chars);
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folded_text_is_its_chars_folded_one_by_one() {
        // Letters that stay or change, marks, digits, spaces of every kind and other scripts, in
        // random texts (a fixed linear congruential sequence).
        let alphabet =
            "ابتجدرسعلمنويأإآٱىیئةؤک ًٌَُِّْٰـ0٠٩۰۹ ,.،«»\t\n\r\u{b}\u{c}\u{a0}\u{200b}\u{200f}\u{feff}\u{ad}aZéж中😀";
        for text in crate::random_texts::random_texts(alphabet, 0x9e37_79b9_7f4a_7c15, 3000, |v| (v >> 59) as usize * 2) {
            let (mut folded, mut origin) = (String::new(), Vec::new());
            for (index, c) in text.chars().enumerate() {
                if let Fold::Char(f) = fold_char(c) {
                    folded.push(f);
                    origin.push(index);
                }
            }
            let made = Folded::new(&text);
            assert_eq!((made.folded.as_str(), made.origin.as_slice()), (folded.as_str(), origin.as_slice()), "{text:?}");
            assert_eq!(made.original, text.chars().collect::<Vec<_>>());
            assert_eq!(made.folded, fold(&text));
        }
    }

    #[test]
    fn folding_table() {
        let cases = [
            ("أحمد", "احمد"),
            ("إيران", "ايران"),
            ("آذار", "اذار"),
            ("ٱلله", "الله"),
            ("موسى", "موسي"),
            ("حماة", "حماه"),
            ("مؤتمر", "موتمر"),
            ("رئيس", "رييس"),
            ("مُحَمَّدٌ", "محمد"),
            ("بـــوتين", "بوتين"),
            ("کرمان", "كرمان"),
            ("\u{200F}دمشق\u{200E}", "دمشق"),
            ("٢٠٠ ألف", "200 الف"),
            ("۱۲", "12"),
            ("a\u{00A0}b\tc", "a b c"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "fold({input:?})");
        }
    }

    #[test]
    fn folded_and_fold_agree() {
        for text in ["وبِمَنْبِجَ", "«قال»", "", "   ", "ــــ"] {
            assert_eq!(Folded::new(text).as_str(), fold(text));
        }
    }

    #[test]
    fn spans_map_back_over_dropped_chars() {
        let original = "\u{200F}بِمَنْبِجَ";
        let folded = Folded::new(original);
        assert_eq!(folded.as_str(), "بمنبج");
        // "منبج" is folded chars 1..5; in the original it starts after the bidi mark, ba and kasra.
        let (start, end) = folded.original_span(1, 5);
        assert_eq!(folded.original_text(start, end), "مَنْبِجَ");
    }
}

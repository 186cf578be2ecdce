//! Turning the bytes of a file into text: UTF-8, UTF-16 with a byte-order mark, Windows-1256.
//!
//! Older Arabic files are often Windows-1256; saved web pages and exports from word processors
//! are UTF-8 or UTF-16. Detection order: a byte-order mark wins; then valid UTF-8; then UTF-16
//! without a mark when every other byte is NUL; then UTF-8 with a few broken byte sequences, read as UTF-8 with each broken sequence replaced by U+FFFD; anything else is
//! read as Windows-1256, which maps every byte to a character. Whatever the encoding, a text
//! that holds too many control chars (NUL among them) is then refused as binary.
//!
//! This is the first step of the flow, before [`ingest`](crate::ingest) reads a format (which
//! uses it for text, Markdown and HTML) and the analyzer reads the text.
//!
//! ```
//! use kashif_core::text::decode::{decode_with_encoding, Encoding};
//! // «حلب» in UTF-16, big endian, with its byte-order mark.
//! let (text, encoding) = decode_with_encoding(&[0xFE, 0xFF, 0x06, 0x2D, 0x06, 0x44, 0x06, 0x28]).unwrap();
//! assert_eq!((text.as_str(), encoding), ("حلب", Encoding::Utf16Be));
//! ```

/// The encoding a text was read in.
///
/// ```
/// use kashif_core::text::decode::{decode_with_encoding, Encoding};
/// assert_eq!(decode_with_encoding("حلب".as_bytes()).unwrap().1, Encoding::Utf8);
/// // «حلب» in Windows-1256.
/// assert_eq!(decode_with_encoding(&[0xCD, 0xE1, 0xC8]).unwrap(), ("حلب".to_owned(), Encoding::Windows1256));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little endian.
    Utf16Le,
    /// UTF-16, big endian.
    Utf16Be,
    /// Windows-1256, the Windows code page for Arabic.
    Windows1256,
}

impl Encoding {
    /// The name people know the encoding by.
    ///
    /// ```
    /// assert_eq!(kashif_core::text::decode::Encoding::Windows1256.name(), "Windows-1256");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1256 => "Windows-1256",
        }
    }
}

/// Why bytes could not be read as text.
///
/// ```
/// use kashif_core::text::decode::{decode_bytes, DecodeError};
/// // The first bytes of a PNG image.
/// let error = decode_bytes(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]).unwrap_err();
/// assert_eq!(error, DecodeError::Binary);
/// assert_eq!(error.to_string(), "not a text file (it looks like a binary file)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The input looks like a binary file (an image, an archive, a program): it holds NUL bytes
    /// or many control bytes.
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("not a text file (it looks like a binary file)"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes the bytes of a text file, detecting its encoding. Empty input gives empty text.
///
/// ```
/// use kashif_core::text::decode::decode_bytes;
/// assert_eq!(decode_bytes("دمشق".as_bytes()).unwrap(), "دمشق");
/// // The same word in Windows-1256.
/// assert_eq!(decode_bytes(&[0xCF, 0xE3, 0xD4, 0xDE]).unwrap(), "دمشق");
/// // UTF-16 little endian with its byte-order mark.
/// assert_eq!(decode_bytes(&[0xFF, 0xFE, 0x2F, 0x06, 0x45, 0x06]).unwrap(), "دم");
/// assert!(decode_bytes(&[0x89, b'P', b'N', b'G', 0, 0, 0, 13]).is_err());
/// ```
pub fn decode_bytes(bytes: &[u8]) -> Result<String, DecodeError> {
    decode_with_encoding(bytes).map(|(text, _)| text)
}

/// Decodes the bytes of a text file and tells which encoding was detected.
///
/// ```
/// use kashif_core::text::decode::{decode_with_encoding, Encoding};
/// let (text, encoding) = decode_with_encoding(&[0xC5, 0xCF, 0xE1, 0xC8]).unwrap();
/// assert_eq!((text.as_str(), encoding), ("إدلب", Encoding::Windows1256));
/// ```
pub fn decode_with_encoding(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    let (text, encoding, broken) = decode_any(bytes);
    if looks_binary(&text, broken) {
        return Err(DecodeError::Binary);
    }
    Ok((text, encoding))
}

/// The text of `bytes` in the encoding detected, and how many broken UTF-16 surrogates were
/// replaced (a sign of binary data behind a byte-order mark).
fn decode_any(bytes: &[u8]) -> (String, Encoding, usize) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8, 0);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (text, broken) = decode_utf16(rest, u16::from_le_bytes);
        return (text, Encoding::Utf16Le, broken);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (text, broken) = decode_utf16(rest, u16::from_be_bytes);
        return (text, Encoding::Utf16Be, broken);
    }
    if let Some(encoding) = unmarked_utf16(bytes) {
        let unit = if encoding == Encoding::Utf16Le { u16::from_le_bytes } else { u16::from_be_bytes };
        let (text, broken) = decode_utf16(bytes, unit);
        return (text, encoding, broken);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8, 0),
        Err(_) if mostly_utf8(bytes) => (String::from_utf8_lossy(bytes).into_owned(), Encoding::Utf8, 0),
        Err(_) => (bytes.iter().map(|&b| windows_1256(b)).collect(), Encoding::Windows1256, 0),
    }
}

/// The number of byte sequences that are not UTF-8 in `bytes`: each is one U+FFFD when the bytes
/// are read as UTF-8 with replacement (0 for valid UTF-8).
///
/// ```
/// use kashif_core::text::decode::invalid_utf8_sequences;
/// assert_eq!(invalid_utf8_sequences("حلب".as_bytes()), 0);
/// // A stray byte, and the first two bytes of a three-byte character.
/// assert_eq!(invalid_utf8_sequences(b"\xD8\xAD\xFF \xE2\x82"), 2);
/// ```
pub fn invalid_utf8_sequences(bytes: &[u8]) -> usize {
    bytes.utf8_chunks().filter(|chunk| !chunk.invalid().is_empty()).count()
}

/// True for bytes that are UTF-8 but for a few broken sequences (a byte lost or garbled in
/// transit): at least ten well-formed multi-byte characters for each broken sequence. Text in
/// Windows-1256 is far from that (two Arabic letters in a row are never UTF-8), so it still reads
/// as Windows-1256.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut characters, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        characters += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    characters >= broken.saturating_mul(10)
}

/// The text of UTF-16 code units, and how many broken surrogates were replaced by U+FFFD.
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, usize) {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut broken = 0;
    let text = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                broken += 1;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    (text, broken)
}

/// UTF-16 without a byte-order mark: Arabic and ASCII text then has a NUL in most high bytes
/// (ASCII) or a 0x06 (Arabic), always at the same parity.
fn unmarked_utf16(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let pairs = bytes.len() / 2;
    let high_le = bytes.chunks_exact(2).filter(|p| p[1] == 0 || p[1] == 0x06).count();
    let high_be = bytes.chunks_exact(2).filter(|p| p[0] == 0 || p[0] == 0x06).count();
    let zeros = bytes.iter().filter(|&&b| b == 0).count();
    if zeros == 0 {
        return None;
    }
    if high_le * 10 >= pairs * 9 {
        Some(Encoding::Utf16Le)
    } else if high_be * 10 >= pairs * 9 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// True for a text that is binary data read as text, judged on its first 64 Ki chars: more
/// suspicious chars than 2 plus one in twenty, or nothing but suspicious chars and white space.
/// Suspicious are NUL and the other control chars (tab, line ends and form feed excepted), and,
/// as UTF-16 read from binary bytes gives few controls but many of them, broken surrogates
/// (`broken`), private-use chars and non-characters. A stray control or two in a short article
/// (an escape, a vertical tab pasted from a word processor) is text; they are kept as they are.
fn looks_binary(text: &str, broken: usize) -> bool {
    let (mut chars, mut suspicious, mut printable) = (0usize, broken, 0usize);
    for c in text.chars().take(64 * 1024) {
        chars += 1;
        if is_suspicious(c) {
            suspicious += 1;
        } else if !c.is_whitespace() && c != char::REPLACEMENT_CHARACTER {
            printable += 1;
        }
    }
    suspicious > 2 + chars / 20 || (suspicious > 0 && printable == 0)
}

fn is_suspicious(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{e}'..='\u{1f}' | '\u{7f}' | '\u{E000}'..='\u{F8FF}' | '\u{FDD0}'..='\u{FDEF}' | '\u{FFFE}' | '\u{FFFF}')
}

fn windows_1256(byte: u8) -> char {
    if byte < 0x80 {
        byte as char
    } else {
        WINDOWS_1256_HIGH[usize::from(byte - 0x80)]
    }
}

/// Bytes 0x80 to 0xFF of Windows-1256 (the Unicode Consortium's mapping table).
const WINDOWS_1256_HIGH: [char; 128] = [
    '\u{20AC}', '\u{067E}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{02C6}',
    '\u{2030}', '\u{0679}', '\u{2039}', '\u{0152}', '\u{0686}', '\u{0698}', '\u{0688}', '\u{06AF}', '\u{2018}',
    '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{06A9}', '\u{2122}', '\u{0691}',
    '\u{203A}', '\u{0153}', '\u{200C}', '\u{200D}', '\u{06BA}', '\u{00A0}', '\u{060C}', '\u{00A2}', '\u{00A3}',
    '\u{00A4}', '\u{00A5}', '\u{00A6}', '\u{00A7}', '\u{00A8}', '\u{00A9}', '\u{06BE}', '\u{00AB}', '\u{00AC}',
    '\u{00AD}', '\u{00AE}', '\u{00AF}', '\u{00B0}', '\u{00B1}', '\u{00B2}', '\u{00B3}', '\u{00B4}', '\u{00B5}',
    '\u{00B6}', '\u{00B7}', '\u{00B8}', '\u{00B9}', '\u{061B}', '\u{00BB}', '\u{00BC}', '\u{00BD}', '\u{00BE}',
    '\u{061F}', '\u{06C1}', '\u{0621}', '\u{0622}', '\u{0623}', '\u{0624}', '\u{0625}', '\u{0626}', '\u{0627}',
    '\u{0628}', '\u{0629}', '\u{062A}', '\u{062B}', '\u{062C}', '\u{062D}', '\u{062E}', '\u{062F}', '\u{0630}',
    '\u{0631}', '\u{0632}', '\u{0633}', '\u{0634}', '\u{0635}', '\u{0636}', '\u{00D7}', '\u{0637}', '\u{0638}',
    '\u{0639}', '\u{063A}', '\u{0640}', '\u{0641}', '\u{0642}', '\u{0643}', '\u{00E0}', '\u{0644}', '\u{00E2}',
    '\u{0645}', '\u{0646}', '\u{0647}', '\u{0648}', '\u{00E7}', '\u{00E8}', '\u{00E9}', '\u{00EA}', '\u{00EB}',
    '\u{0649}', '\u{064A}', '\u{00EE}', '\u{00EF}', '\u{064B}', '\u{064C}', '\u{064D}', '\u{064E}', '\u{00F4}',
    '\u{064F}', '\u{0650}', '\u{00F7}', '\u{0651}', '\u{00F9}', '\u{0652}', '\u{00FB}', '\u{00FC}', '\u{200E}',
    '\u{200F}', '\u{06D2}',
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode_bytes(b"").unwrap(), "");
    }

    #[test]
    fn utf8_with_mark_drops_the_mark() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("حلب".as_bytes());
        assert_eq!(decode_with_encoding(&bytes).unwrap(), ("حلب".to_owned(), Encoding::Utf8));
    }

    #[test]
    fn utf16_big_endian_with_mark() {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in "حماة 2019".encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode_with_encoding(&bytes).unwrap(), ("حماة 2019".to_owned(), Encoding::Utf16Be));
    }

    #[test]
    fn utf16_little_endian_without_mark() {
        let bytes: Vec<u8> = "قال لافروف".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode_with_encoding(&bytes).unwrap(), ("قال لافروف".to_owned(), Encoding::Utf16Le));
    }

    #[test]
    fn windows_1256_sentence_with_punctuation() {
        // «قال» in Windows-1256 with the Arabic comma and guillemets.
        let bytes = [0xAB, 0xDE, 0xC7, 0xE1, 0xBB, 0xA1, b' ', 0xE3, 0xE4];
        assert_eq!(decode_bytes(&bytes).unwrap(), "«قال»، من");
    }

    #[test]
    fn binary_files_are_refused() {
        assert_eq!(decode_bytes(b"PK\x03\x04\x14\x00\x06\x00"), Err(DecodeError::Binary));
        let controls: Vec<u8> = (0..200).map(|i| if i % 10 == 0 { 0x01 } else { b'a' }).collect();
        assert_eq!(decode_bytes(&controls), Err(DecodeError::Binary));
    }

    /// Bytes from a small xorshift generator: binary data with no pattern.
    fn noise(seed: u64, len: usize) -> Vec<u8> {
        let mut state = seed;
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect()
    }

    #[test]
    fn binary_after_a_utf16_mark_is_refused() {
        for mark in [[0xFF, 0xFE], [0xFE, 0xFF]] {
            // An image (a PNG header and its compressed data), random bytes, an executable's NULs.
            let png = [&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0"[..], &noise(5, 1000)].concat();
            for body in [png, noise(7, 4096), vec![0; 64]] {
                let mut bytes = mark.to_vec();
                bytes.extend_from_slice(&body);
                assert_eq!(decode_bytes(&bytes), Err(DecodeError::Binary), "{mark:?} {:?}", &body[..16]);
            }
        }
        // NULs alone look like UTF-16 without a mark, and are binary too.
        assert_eq!(decode_bytes(&[0; 1000]), Err(DecodeError::Binary));
        // UTF-16 text with a mark is still text.
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("قال لافروف في موسكو\n".repeat(20).encode_utf16().flat_map(u16::to_le_bytes));
        assert!(decode_bytes(&bytes).is_ok());
    }

    #[test]
    fn a_few_control_chars_in_a_short_article_are_kept() {
        for text in ["قال\x0bلافروف في موسكو", "\x1b[1mقال لافروف\x0c", "زار لافروف\x00 أنقرة أمس", "حلب\x01\x02"]
        {
            assert_eq!(decode_bytes(text.as_bytes()).as_deref(), Ok(text), "{text:?}");
        }
        // In Windows-1256 too: «حلب» and an escape.
        assert_eq!(decode_bytes(&[0xCD, 0xE1, 0xC8, 0x1B, b' ', 0xCD, 0xE3, 0xD5]).unwrap(), "حلب\x1b حمص");
        // Nothing but controls, or many of them, is binary.
        for bytes in [&b"\x1b"[..], b"\x01\x02 \x03", b"\0"] {
            assert_eq!(decode_bytes(bytes), Err(DecodeError::Binary), "{bytes:?}");
        }
        assert_eq!(decode_bytes(&noise(3, 300)), Err(DecodeError::Binary));
    }

    #[test]
    fn line_ends_and_tabs_are_text() {
        assert_eq!(decode_bytes(b"a\tb\r\nc\x0c").unwrap(), "a\tb\r\nc\x0c");
    }

    #[test]
    fn a_broken_byte_in_utf8_text_is_replaced() {
        let mut bytes = "قال وزير الخارجية".as_bytes().to_vec();
        bytes.push(0xFF);
        assert!(mostly_utf8(&bytes));
        assert_eq!(decode_bytes(&bytes).unwrap(), "قال وزير الخارجية\u{FFFD}");
    }
}

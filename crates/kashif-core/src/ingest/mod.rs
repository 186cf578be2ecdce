//! Turning a file into plain text for the analyzer: `.txt`, `.md`, `.html` and `.docx`.
//!
//! [`read_document`] chooses the format by the file's extension (case-insensitive) and, when the
//! extension is missing or unknown, by looking at the bytes. Text, Markdown and HTML may be
//! UTF-8, UTF-16 with a byte-order mark or Windows-1256 (see [`crate::text::decode`]); a page
//! that declares `<meta charset="utf-8">` but holds a few broken bytes is read as UTF-8 (a
//! page declaring Windows-1256 needs nothing: bytes that are not UTF-8 are read as
//! Windows-1256 anyway). Everything happens in memory, so the same code serves the page and
//! the command line.
//!
//! ```
//! use kashif_core::ingest::{read_document, Format};
//! let html = "<html><body><nav>الرئيسية</nav><article><p>زار لافروف &laquo;أنقرة&raquo;</p></article></body></html>";
//! let document = read_document("page.HTM", html.as_bytes()).unwrap();
//! assert_eq!(document.format, Format::Html);
//! assert_eq!(document.text, "زار لافروف «أنقرة»");
//! ```

mod byline;
mod docx;
mod char_refs;
mod html;
mod markdown;
mod markup;
mod zip;

pub use self::byline::Byline;
pub(crate) use self::byline::{iso_date, page_byline};

use crate::text::decode::{decode_with_encoding, invalid_utf8_sequences, DecodeError, Encoding};

/// Files larger than this many bytes (20 MiB) are refused: no news article is that long.
///
/// ```
/// let too_large = vec![b'a'; kashif_core::ingest::MAX_INPUT_BYTES + 1];
/// assert!(kashif_core::ingest::read_document("big.txt", &too_large).is_err());
/// ```
pub const MAX_INPUT_BYTES: usize = 20 * 1024 * 1024;

/// The kind of file a document was read from.
///
/// ```
/// use kashif_core::ingest::Format;
/// assert_eq!(Format::Docx.name(), "DOCX");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown: the markup is removed.
    Markdown,
    /// HTML, such as a saved web page: the article's text is kept.
    Html,
    /// A Word document (Office Open XML): the body's paragraphs are kept.
    Docx,
}

impl Format {
    /// The name people know the format by.
    ///
    /// ```
    /// assert_eq!(kashif_core::ingest::Format::Markdown.name(), "Markdown");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Docx => "DOCX",
        }
    }
}

/// The plain text of a file, ready for [`Analyzer::analyze`](crate::Analyzer::analyze).
///
/// ```
/// use kashif_core::ingest::{read_document, Format};
/// use kashif_core::text::decode::Encoding;
/// let document = read_document("notes.md", "# حلب\n\nقال **لافروف**".as_bytes()).unwrap();
/// assert_eq!((document.format, document.encoding), (Format::Markdown, Encoding::Utf8));
/// assert_eq!(document.text, "حلب\n\nقال لافروف");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The text, markup removed; paragraphs are separated by a blank line or a line break.
    pub text: String,
    /// The format it was read as.
    pub format: Format,
    /// The encoding of the bytes (UTF-8 for a `.docx`, whose XML is UTF-8).
    pub encoding: Encoding,
    /// How many byte sequences that are not UTF-8 were each replaced by U+FFFD in a file read as
    /// UTF-8 (0 in other encodings and in a `.docx`): worth a warning when not 0.
    pub replaced: usize,
    /// The headline, outlet and date the file's markup gives (a web page's `<meta>` tags and
    /// `<title>`); empty for other formats. What the text itself says is read with its analysis
    /// by [`crate::corpus::byline`].
    pub byline: Byline,
}

/// Why a file could not be turned into text. The messages are meant for the user; they do not
/// name the file, which the caller knows.
///
/// ```
/// use kashif_core::ingest::{read_document, IngestError};
/// let error = read_document("report.pdf", b"%PDF-1.7").unwrap_err();
/// assert_eq!(error, IngestError::Unsupported("PDF"));
/// assert!(error.to_string().starts_with("PDF files are not supported"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum IngestError {
    /// The file is larger than [`MAX_INPUT_BYTES`].
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// The bytes are not text (an image, an archive, a program).
    NotText,
    /// A format Kashif does not read, by the name people know it by (`PDF`, `Word 97-2003`, …).
    Unsupported(&'static str),
    /// A `.docx` whose ZIP archive is damaged; the text says what is wrong.
    CorruptDocx(String),
    /// A ZIP archive with no `word/document.xml`: not a Word document.
    NoDocumentXml,
    /// The body of a `.docx` would be larger than `limit` bytes once unpacked (a damaged file or
    /// a zip bomb).
    UnpackedTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The text of a `.docx` is larger than [`MAX_INPUT_BYTES`] once unpacked (the file itself
    /// may be small: its text is compressed).
    TextTooLarge {
        /// The size of the text, in bytes of UTF-8.
        bytes: usize,
    },
    /// No text is left once the markup is removed.
    Empty(Format),
    /// A password-protected (encrypted) Word document.
    Encrypted,
}

impl std::fmt::Display for IngestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const MIB: usize = 1024 * 1024;
        match self {
            IngestError::TooLarge { bytes } => write!(
                f,
                "too large ({:.1} MB; the limit is {} MB): split it into smaller files",
                *bytes as f64 / MIB as f64,
                MAX_INPUT_BYTES / MIB
            ),
            IngestError::NotText => f.write_str("not a text file (it looks like a binary file)"),
            IngestError::Unsupported(format) => {
                write!(f, "{format} files are not supported: ")?;
                f.write_str(match *format {
                    "PDF" => "copy the text out of the PDF into a .txt file, or paste it",
                    "ZIP archive" => "unpack it and give the files inside",
                    _ => "save the document as .docx, .html or .txt, or paste its text",
                })
            }
            IngestError::CorruptDocx(reason) => write!(f, "not a readable .docx file: {reason}"),
            IngestError::NoDocumentXml => {
                f.write_str("a ZIP archive without word/document.xml: not a Word (.docx) document")
            }
            IngestError::UnpackedTooLarge { limit } => write!(
                f,
                "the text of this .docx would be larger than {} MB once unpacked: the file is damaged or malicious",
                limit / MIB
            ),
            IngestError::TextTooLarge { bytes } => write!(
                f,
                "its text is too large once unpacked ({:.1} MB; the limit is {} MB): split it into smaller documents",
                *bytes as f64 / MIB as f64,
                MAX_INPUT_BYTES / MIB
            ),
            IngestError::Encrypted => f.write_str(
                "a password-protected (encrypted) Word document: open it in Word, remove the password \
                 (File > Info > Protect Document) and save it again, or paste its text",
            ),
            IngestError::Empty(format) => match format {
                Format::Text => f.write_str("empty, nothing to analyze"),
                _ => write!(f, "no text found in this {} file once its markup is removed", format.name()),
            },
        }
    }
}

impl std::error::Error for IngestError {}

impl From<DecodeError> for IngestError {
    fn from(error: DecodeError) -> Self {
        match error {
            DecodeError::Binary => IngestError::NotText,
        }
    }
}

/// Reads a file: `name` is its name (only its extension is used) and `bytes` its content.
///
/// The format comes from the extension: `.txt`/`.text` → text, `.md`/`.markdown` → Markdown,
/// `.html`/`.htm`/`.xhtml` → HTML, `.docx` → DOCX; `.pdf`, `.doc`, `.odt`, `.rtf` and the like
/// are refused with a hint. Any other extension, or none, is sniffed: a ZIP archive holding
/// `word/document.xml` is a DOCX, text starting with `<!doctype html` or holding `<html` near
/// the start is HTML, other text is text.
///
/// ```
/// use kashif_core::ingest::{read_document, Format, IngestError};
/// use kashif_core::text::decode::Encoding;
/// // «إدلب» in Windows-1256, with no extension.
/// let document = read_document("stdin", &[0xAB, 0xC5, 0xCF, 0xE1, 0xC8, 0xBB]).unwrap();
/// assert_eq!((document.text.as_str(), document.format), ("«إدلب»", Format::Text));
/// assert_eq!(document.encoding, Encoding::Windows1256);
/// // Sniffed as HTML.
/// let page = read_document("article", b"<!DOCTYPE html><p>&#1581;&#1604;&#1576;</p>").unwrap();
/// assert_eq!((page.text.as_str(), page.format), ("حلب", Format::Html));
/// assert_eq!(read_document("a.html", b"<script>x()</script>"), Err(IngestError::Empty(Format::Html)));
/// assert_eq!(read_document("x.png", b"\x89PNG\r\n\x1a\n\0\0"), Err(IngestError::NotText));
/// ```
pub fn read_document(name: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(IngestError::TooLarge { bytes: bytes.len() });
    }
    let format = match extension(name).as_deref() {
        Some("txt" | "text") => Format::Text,
        Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
        Some("html" | "htm" | "xhtml") => Format::Html,
        Some("docx") => Format::Docx,
        Some(other) => match unsupported(other) {
            Some(format) => return Err(IngestError::Unsupported(format)),
            None => sniff(bytes)?,
        },
        None => sniff(bytes)?,
    };
    // A PDF renamed `.txt` (or `.md`, `.html`) is named as the PDF it is, not "binary".
    if format != Format::Docx && bytes.starts_with(b"%PDF-") {
        return Err(IngestError::Unsupported("PDF"));
    }
    let mut byline = Byline::default();
    let (text, encoding) = match format {
        Format::Docx => (docx_text(bytes)?, Encoding::Utf8),
        Format::Text => decode_with_encoding(bytes)?,
        Format::Markdown => {
            let (text, encoding) = decode_with_encoding(bytes)?;
            (markdown::to_text(&text), encoding)
        }
        Format::Html => {
            let (text, encoding) = decode_html(bytes)?;
            byline = page_byline(&text);
            (html::to_text(&text), encoding)
        }
    };
    if text.trim().is_empty() {
        return Err(IngestError::Empty(format));
    }
    let replaced = if encoding == Encoding::Utf8 && format != Format::Docx { invalid_utf8_sequences(bytes) } else { 0 };
    Ok(Document { text, format, encoding, replaced, byline })
}

/// The text of a `.docx`, held to [`MAX_INPUT_BYTES`] as the text of any other file is: a small
/// file may unpack to a large text.
fn docx_text(bytes: &[u8]) -> Result<String, IngestError> {
    let text = docx::to_text(bytes)?;
    if text.len() > MAX_INPUT_BYTES {
        return Err(IngestError::TextTooLarge { bytes: text.len() });
    }
    Ok(text)
}

/// The extension of the last component of a file name, in ASCII lower case.
fn extension(name: &str) -> Option<String> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, extension) = file.rsplit_once('.')?;
    (!stem.is_empty() && !extension.is_empty()).then(|| extension.to_ascii_lowercase())
}

/// Formats people may try that Kashif does not read, by extension.
fn unsupported(extension: &str) -> Option<&'static str> {
    Some(match extension {
        "pdf" => "PDF",
        "doc" | "dot" => "Word 97-2003 (.doc)",
        "odt" | "ott" => "OpenDocument text (.odt)",
        "rtf" => "RTF",
        "pages" => "Apple Pages",
        "epub" => "EPUB",
        "xls" | "xlsx" | "ods" | "pptx" | "ppt" | "odp" => "Spreadsheet and presentation",
        "zip" | "rar" | "7z" | "gz" | "tar" => "ZIP archive",
        _ => return None,
    })
}

/// The format of bytes with no telling extension.
fn sniff(bytes: &[u8]) -> Result<Format, IngestError> {
    if bytes.starts_with(zip::LOCAL_HEADER) {
        let archive = zip::Archive::open(bytes).map_err(|_| IngestError::Unsupported("ZIP archive"))?;
        return if archive.contains(docx::DOCUMENT_PART) {
            Ok(Format::Docx)
        } else if archive.contains("content.xml") && archive.contains("mimetype") {
            Err(IngestError::Unsupported("OpenDocument text (.odt)"))
        } else {
            Err(IngestError::Unsupported("ZIP archive"))
        };
    }
    if bytes.starts_with(b"%PDF-") {
        return Err(IngestError::Unsupported("PDF"));
    }
    if docx::is_encrypted_package(bytes) {
        return Err(IngestError::Encrypted);
    }
    if bytes.starts_with(docx::COMPOUND_FILE) {
        return Err(IngestError::Unsupported("Word 97-2003 (.doc)"));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(IngestError::Unsupported("RTF"));
    }
    let (text, _) = decode_with_encoding(&bytes[..bytes.len().min(4096)])?;
    let head: String = text.chars().take(1024).collect::<String>().to_ascii_lowercase();
    let head = head.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    Ok(if head.starts_with("<!doctype html") || head.contains("<html") { Format::Html } else { Format::Text })
}

/// Decodes a page: as [`decode_with_encoding`] does, except that bytes that are not UTF-8 in a
/// page declaring UTF-8 are read as UTF-8 (with replacement chars), not as Windows-1256.
fn decode_html(bytes: &[u8]) -> Result<(String, Encoding), IngestError> {
    let (text, encoding) = decode_with_encoding(bytes)?;
    if encoding == Encoding::Windows1256 && html::declared_charset(bytes).is_some_and(|c| c == "utf-8" || c == "utf8") {
        return Ok((String::from_utf8_lossy(bytes).into_owned(), Encoding::Utf8));
    }
    Ok((text, encoding))
}

/// Trims the end of every line, keeps at most one blank line in a row and none at either end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docx(body: &str) -> Vec<u8> {
        let xml = format!("<w:document><w:body>{body}</w:body></w:document>");
        zip::write_for_tests(&[
            ("[Content_Types].xml", b"<Types/>", false),
            (docx::DOCUMENT_PART, xml.as_bytes(), true),
        ])
    }

    #[test]
    fn formats_by_extension_and_by_sniffing() {
        let page = "<!doctype html><html><body><p>دمشق</p></body></html>";
        let word = docx("<w:p><w:r><w:t>حمص</w:t></w:r></w:p>");
        let cases: [(&str, &[u8], Format, &str); 9] = [
            ("a.txt", "<p>دمشق</p>".as_bytes(), Format::Text, "<p>دمشق</p>"),
            ("a.TEXT", "حلب".as_bytes(), Format::Text, "حلب"),
            ("dir.v2/a.Markdown", "**حلب**".as_bytes(), Format::Markdown, "حلب"),
            ("C:\\docs\\a.XHTML", page.as_bytes(), Format::Html, "دمشق"),
            ("a.docx", &word, Format::Docx, "حمص"),
            ("article", page.as_bytes(), Format::Html, "دمشق"),
            ("article.php", &word, Format::Docx, "حمص"),
            ("notes", "# ليس markdown".as_bytes(), Format::Text, "# ليس markdown"),
            (".htaccess", "<p>x</p> <html".as_bytes(), Format::Html, "x"),
        ];
        for (name, bytes, format, text) in cases {
            let document = read_document(name, bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!((document.format, document.text.as_str()), (format, text), "{name}");
        }
    }

    #[test]
    fn unsupported_and_unreadable_files_say_why() {
        let odt = zip::write_for_tests(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text", false),
            ("content.xml", b"<x/>", false),
        ]);
        let archive = zip::write_for_tests(&[("a.txt", b"x", false)]);
        let cases: [(&str, &[u8], IngestError, &str); 9] = [
            ("a.pdf", b"%PDF-1.4", IngestError::Unsupported("PDF"), "PDF files are not supported"),
            ("x", b"%PDF-1.4", IngestError::Unsupported("PDF"), "PDF"),
            ("a.DOC", b"\xD0\xCF", IngestError::Unsupported("Word 97-2003 (.doc)"), "save the document as .docx"),
            ("a.bin", &odt, IngestError::Unsupported("OpenDocument text (.odt)"), ".odt"),
            ("a.bin", &archive, IngestError::Unsupported("ZIP archive"), "unpack it"),
            ("a.docx", &archive, IngestError::NoDocumentXml, "without word/document.xml"),
            (
                "a.docx",
                "نص".as_bytes(),
                IngestError::CorruptDocx(
                    "no central directory (the file is cut short or is not a ZIP archive)".to_owned(),
                ),
                "not a readable .docx",
            ),
            ("a.md", b"  \n", IngestError::Empty(Format::Markdown), "no text found in this Markdown file"),
            ("a.txt", b"", IngestError::Empty(Format::Text), "empty"),
        ];
        for (name, bytes, error, message) in cases {
            let got = read_document(name, bytes).unwrap_err();
            assert_eq!(got, error, "{name}");
            assert!(got.to_string().contains(message), "{name}: {got}");
        }
        let big = vec![b' '; MAX_INPUT_BYTES + 1];
        assert_eq!(
            read_document("a.txt", &big).unwrap_err().to_string(),
            "too large (20.0 MB; the limit is 20 MB): split it into smaller files"
        );
    }

    #[test]
    fn the_text_of_a_docx_counts_against_the_cap() {
        // 20 MB and 2 bytes of text, a few kilobytes packed.
        let text = "ا".repeat(MAX_INPUT_BYTES / 2 + 1);
        let xml = format!("<w:document><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>");
        let bytes = zip::write_for_tests(&[(docx::DOCUMENT_PART, xml.as_bytes(), true)]);
        assert!(bytes.len() < MAX_INPUT_BYTES / 100, "{} bytes packed", bytes.len());
        let error = read_document("small.docx", &bytes).unwrap_err();
        assert_eq!(error, IngestError::TextTooLarge { bytes: MAX_INPUT_BYTES + 2 });
        let message = error.to_string();
        assert!(message.starts_with("its text is too large once unpacked (20.0 MB; the limit is 20 MB)"), "{message}");
    }

    #[test]
    fn a_pdf_renamed_txt_is_named_a_pdf() {
        let mut pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend((0..2000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        for name in ["report.txt", "report.md", "report.html", "report"] {
            assert_eq!(read_document(name, &pdf), Err(IngestError::Unsupported("PDF")), "{name}");
        }
    }

    #[test]
    fn windows_1256_pages() {
        // <meta charset="windows-1256"> and «قال لافروف» in Windows-1256.
        let mut page = b"<html><head><meta charset=\"windows-1256\"><title>x</title></head><body><p>".to_vec();
        page.extend_from_slice(&[0xDE, 0xC7, 0xE1, b' ', 0xE1, 0xC7, 0xDD, 0xD1, 0xE6, 0xDD]);
        page.extend_from_slice(b"&nbsp;&#1601;&#1610;</p></body></html>");
        let document = read_document("old.htm", &page).unwrap();
        assert_eq!((document.text.as_str(), document.encoding), ("قال لافروف\u{A0}في", Encoding::Windows1256));
        // A page saying UTF-8 with one broken byte stays UTF-8.
        let mut page = "<meta charset=\"utf-8\"><p>حلب".as_bytes().to_vec();
        page.push(0xFF);
        let document = read_document("new.html", &page).unwrap();
        assert_eq!((document.text.as_str(), document.encoding), ("حلب\u{FFFD}", Encoding::Utf8));
    }

    #[test]
    fn utf16_markdown_and_html() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("<html><p>إدلب</p>".encode_utf16().flat_map(u16::to_le_bytes));
        let document = read_document("page", &bytes).unwrap();
        assert_eq!(
            (document.text.as_str(), document.format, document.encoding),
            ("إدلب", Format::Html, Encoding::Utf16Le)
        );
    }

    #[test]
    fn the_text_of_a_text_file_is_left_as_it_is() {
        let text = "  سطر\r\n\r\n\r\n\tآخر  ";
        assert_eq!(read_document("a.txt", text.as_bytes()).unwrap().text, text);
    }

    /// A small xorshift generator: the tests need no dependency for randomness.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn random_and_mutated_bytes_never_panic() {
        let mut random = Random(0x2545_F491_4F6C_DD1D);
        let seeds: Vec<Vec<u8>> = vec![
            docx("<w:p><w:r><w:t xml:space=\"preserve\">قال &amp; لافروف</w:t><w:tab/></w:r></w:p>"),
            zip::write_for_tests(&[(docx::DOCUMENT_PART, b"<w:p><w:t>x</w:t></w:p>", false)]),
            "<!DOCTYPE html><html><head><script>a<b</script></head><body><article><p class='a>'>حلب &laquo;x&raquo; &#x627;</p></article></body></html>".as_bytes().to_vec(),
            "# عنوان\n\n[رابط](url) ![صورة](x) `code` **عريض** | a | b |\n|---|---|\n```\ncode".as_bytes().to_vec(),
        ];
        let alphabet = b"<>/!-[]()&#;x=\"' \n|*_`~PK\x03\x04\x05\x06abcw:tp\xD8\xA7\xC7\xFF\x00";
        let names = ["a.txt", "a.md", "a.html", "a.docx", "a", "a.bin"];
        for round in 0..3000 {
            let bytes: Vec<u8> = if round % 3 == 0 {
                (0..random.below(300)).map(|_| random.next() as u8).collect()
            } else if round % 3 == 1 {
                (0..random.below(300)).map(|_| alphabet[random.below(alphabet.len())]).collect()
            } else {
                let mut bytes = seeds[random.below(seeds.len())].clone();
                for _ in 0..1 + random.below(8) {
                    let at = random.below(bytes.len());
                    match random.below(3) {
                        0 => bytes[at] = random.next() as u8,
                        1 => bytes.truncate(at),
                        _ => bytes.insert(at, alphabet[random.below(alphabet.len())]),
                    }
                    if bytes.is_empty() {
                        break;
                    }
                }
                bytes
            };
            for name in names {
                if let Ok(document) = read_document(name, &bytes) {
                    assert!(!document.text.trim().is_empty());
                }
            }
        }
    }
}

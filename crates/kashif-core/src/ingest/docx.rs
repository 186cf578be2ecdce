//! Word documents (`.docx`): the text of the body, paragraph by paragraph.
//!
//! A `.docx` is a ZIP archive; the body is `word/document.xml`. Each `<w:p>` is a paragraph
//! (one line), its text is in `<w:t>` runs; `<w:tab/>` is a tab and `<w:br/>`/`<w:cr/>` a line
//! break. Footnotes, headers and comments live in other parts and are left out; deleted text
//! (`<w:delText>`), field codes and the fallback copy of text boxes (`<mc:Fallback>`) are too.

use super::char_refs;
use super::markup::{attribute, Token, Tokenizer};
use super::zip::{Archive, ZipError};
use super::IngestError;
use crate::text::decode::decode_with_encoding;

/// The part holding the body of the document.
pub(crate) const DOCUMENT_PART: &str = "word/document.xml";

/// The most `word/document.xml` may weigh once unpacked (against zip bombs).
pub(crate) const MAX_UNPACKED_BYTES: usize = 50 * 1024 * 1024;

/// The text of a `.docx` file.
pub(crate) fn to_text(bytes: &[u8]) -> Result<String, IngestError> {
    if is_encrypted_package(bytes) {
        return Err(IngestError::Encrypted);
    }
    let archive = Archive::open(bytes).map_err(zip_error)?;
    let xml = archive.read(DOCUMENT_PART, MAX_UNPACKED_BYTES).ok_or(IngestError::NoDocumentXml)?.map_err(zip_error)?;
    let (xml, _) =
        decode_with_encoding(&xml).map_err(|_| IngestError::CorruptDocx("word/document.xml is not text".to_owned()))?;
    Ok(xml_to_text(&xml))
}

/// The signature of an OLE compound file (a Word 97-2003 `.doc`, or the container Word puts an
/// encrypted `.docx` in).
pub(crate) const COMPOUND_FILE: &[u8; 8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// True for a password-protected Office document: Word encrypts the whole `.docx` into a stream
/// named `EncryptedPackage` of an OLE compound file (MS-OFFCRYPTO).
pub(crate) fn is_encrypted_package(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.starts_with(COMPOUND_FILE) && bytes.windows(name.len()).any(|window| window == name)
}

fn zip_error(error: ZipError) -> IngestError {
    match error {
        ZipError::Encrypted => IngestError::Encrypted,
        ZipError::Corrupt(reason) => IngestError::CorruptDocx(reason.to_owned()),
        ZipError::TooLarge => IngestError::UnpackedTooLarge { limit: MAX_UNPACKED_BYTES },
    }
}

/// The text of `word/document.xml`.
fn xml_to_text(xml: &str) -> String {
    let mut out = String::new();
    // The open `<w:t>`, if any: its text so far and whether its spaces are kept as written.
    let mut run: Option<(String, bool)> = None;
    // Depth inside elements whose text is not the document's.
    let mut hidden = 0usize;
    for token in Tokenizer::xml(xml) {
        match token {
            Token::Text(text) => {
                if let Some((run, _)) = run.as_mut() {
                    run.push_str(&char_refs::decode(text));
                }
            }
            Token::Start { name, attrs, self_closing } => {
                let name = name.as_str();
                if matches!(name, "mc:fallback" | "w:deltext" | "w:instrtext") {
                    if !self_closing {
                        hidden += 1;
                    }
                    continue;
                }
                if hidden > 0 {
                    continue;
                }
                match name {
                    "w:t" if !self_closing => {
                        let preserve = attribute(attrs, "xml:space").is_some_and(|v| v == "preserve");
                        run = Some((String::new(), preserve));
                    }
                    "w:tab" | "w:ptab" => out.push('\t'),
                    "w:br" | "w:cr" => out.push('\n'),
                    // An empty paragraph, written `<w:p/>`.
                    "w:p" if self_closing => out.push('\n'),
                    "w:nobreakhyphen" => out.push('\u{2011}'),
                    _ => {}
                }
            }
            Token::End { name } => match name.as_str() {
                "mc:fallback" | "w:deltext" | "w:instrtext" => hidden = hidden.saturating_sub(1),
                _ if hidden > 0 => {}
                "w:t" => {
                    if let Some((text, preserve)) = run.take() {
                        // Without xml:space="preserve", spaces at the ends are layout.
                        out.push_str(if preserve { &text } else { text.trim_matches([' ', '\t', '\n', '\r']) });
                    }
                }
                "w:p" => out.push('\n'),
                _ => {}
            },
        }
    }
    super::tidy(&out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::zip::write_for_tests;

    const BODY: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:t>لافروف يزور أنقرة</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">قال وزير الخارجية </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>سيرغي لافروف</w:t></w:r><w:r><w:t xml:space="preserve"> إن &quot;الحل&quot; سياسي &amp; عاجل.</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t>أولا</w:t><w:tab/><w:t>ثانيا</w:t><w:br/><w:t>سطر</w:t></w:r><w:del><w:r><w:delText>محذوف</w:delText></w:r></w:del></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/><w:instrText> PAGE </w:instrText></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>مربع</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:p><w:r><w:t>مربع</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:r></w:p>
</w:body></w:document>"#;

    const EXPECTED: &str =
        "لافروف يزور أنقرة\nقال وزير الخارجية سيرغي لافروف إن \"الحل\" سياسي & عاجل.\n\nأولا\tثانيا\nسطر\n\nمربع";

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        assert_eq!(xml_to_text(BODY), EXPECTED);
    }

    #[test]
    fn stored_and_deflated_documents() {
        for deflate in [false, true] {
            let docx = write_for_tests(&[
                ("[Content_Types].xml", b"<Types/>", false),
                ("word/footnotes.xml", "<w:t>حاشية</w:t>".as_bytes(), deflate),
                (DOCUMENT_PART, BODY.as_bytes(), deflate),
            ]);
            assert_eq!(to_text(&docx).unwrap(), EXPECTED, "deflate: {deflate}");
        }
    }

    #[test]
    fn archives_without_a_body_or_damaged_are_errors() {
        let no_body = write_for_tests(&[("word/styles.xml", b"<w:styles/>", true)]);
        assert_eq!(to_text(&no_body), Err(IngestError::NoDocumentXml));
        let docx = write_for_tests(&[(DOCUMENT_PART, BODY.as_bytes(), true)]);
        assert!(matches!(to_text(&docx[..docx.len() / 2]), Err(IngestError::CorruptDocx(_))));
        // The cap itself is tested in `zip`; here, what it becomes.
        assert_eq!(zip_error(ZipError::TooLarge), IngestError::UnpackedTooLarge { limit: MAX_UNPACKED_BYTES });
    }

    #[test]
    fn unpreserved_spaces_are_trimmed() {
        let xml = "<w:p><w:r><w:t>\n   حلب\n</w:t><w:t xml:space=\"preserve\"> و </w:t><w:t>حمص</w:t></w:r></w:p>";
        assert_eq!(xml_to_text(xml), "حلب و حمص");
    }
}

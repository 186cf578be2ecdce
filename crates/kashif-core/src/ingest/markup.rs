//! A tolerant tokenizer for HTML and XML: text, start tags and end tags, nothing else.
//!
//! Comments, CDATA sections, doctypes and processing instructions are skipped. It never fails:
//! a `<` that does not open a tag is text, a quote that never closes does not hide the `>` after
//! it, and a tag cut off by the end of the input is dropped. In HTML mode the content of raw
//! text elements (`script`, `style`, `title`, …) is one text token, whatever `<` it holds.

/// One piece of markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// Text as written, character references not decoded.
    Text(&'a str),
    /// A start tag: its name in ASCII lower case, its attributes as written, and whether it
    /// ends with `/>`.
    Start { name: String, attrs: &'a str, self_closing: bool },
    /// An end tag and its name in ASCII lower case.
    End { name: String },
}

/// Elements whose content HTML does not parse as markup.
const RAW_TEXT: [&str; 10] =
    ["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// The tokens of a text, as an iterator.
pub(crate) struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    html: bool,
    /// In HTML mode, after the start tag of a raw text element: its name.
    raw: Option<String>,
}

impl<'a> Tokenizer<'a> {
    /// Tokenizes HTML (raw text elements are honoured).
    pub(crate) fn html(src: &'a str) -> Self {
        Tokenizer { src, pos: 0, html: true, raw: None }
    }

    /// Tokenizes XML.
    pub(crate) fn xml(src: &'a str) -> Self {
        Tokenizer { src, pos: 0, html: false, raw: None }
    }

    /// The content of the raw text element `name`, up to its end tag (or the end of the input).
    fn raw_text(&mut self, name: &str) -> &'a str {
        let rest = &self.src[self.pos..];
        let bytes = rest.as_bytes();
        let mut end = rest.len();
        for (at, _) in rest.match_indices("</") {
            let after = at + 2 + name.len();
            let Some(candidate) = bytes.get(at + 2..after) else { break };
            if candidate.eq_ignore_ascii_case(name.as_bytes())
                && bytes.get(after).is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
            {
                end = at;
                break;
            }
        }
        self.pos += end;
        &rest[..end]
    }

    /// Skips past `terminator` (or to the end of the input).
    fn skip_past(&mut self, terminator: &str) {
        match self.src[self.pos..].find(terminator) {
            Some(at) => self.pos += at + terminator.len(),
            None => self.pos = self.src.len(),
        }
    }

    /// Reads a tag whose name starts at `name_at`; `self.pos` ends after its `>`. Returns the
    /// name, the attributes and whether the tag is self-closing.
    fn tag(&mut self, name_at: usize) -> (String, &'a str, bool) {
        let bytes = self.src.as_bytes();
        let mut i = name_at;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'>' | b'/') {
            i += 1;
        }
        let name = self.src[name_at..i].to_ascii_lowercase();
        let attrs_at = i;
        let mut last = b' ';
        let end = loop {
            let Some(&b) = bytes.get(i) else { break bytes.len() };
            match b {
                b'>' => break i,
                b'"' | b'\'' if last == b'=' => {
                    // A quoted value; if it never closes, the quote is taken as a plain char.
                    if let Some(close) = self.src[i + 1..].find(b as char) {
                        i += close + 1;
                    }
                }
                _ => {}
            }
            if !b.is_ascii_whitespace() {
                last = b;
            }
            i += 1;
        };
        let attrs = &self.src[attrs_at..end];
        self.pos = (end + 1).min(self.src.len());
        let self_closing = attrs.trim_end().ends_with('/');
        let attrs = attrs.trim_end().trim_end_matches('/');
        (name, attrs, self_closing)
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some(name) = self.raw.take() {
            let text = self.raw_text(&name);
            if !text.is_empty() {
                return Some(Token::Text(text));
            }
        }
        loop {
            let rest = &self.src[self.pos..];
            if rest.is_empty() {
                return None;
            }
            let bytes = rest.as_bytes();
            if bytes[0] != b'<' {
                // Text up to the next `<` (a `<` opening no tag is taken up below as text).
                let end = bytes[1..].iter().position(|&b| b == b'<').map_or(rest.len(), |at| at + 1);
                self.pos += end;
                return Some(Token::Text(&rest[..end]));
            }
            match bytes.get(1) {
                Some(b) if b.is_ascii_alphabetic() => {
                    let (name, attrs, self_closing) = self.tag(self.pos + 1);
                    if self.html && !self_closing && RAW_TEXT.contains(&name.as_str()) {
                        self.raw = Some(name.clone());
                    }
                    return Some(Token::Start { name, attrs, self_closing });
                }
                Some(b'/') if bytes.get(2).is_some_and(u8::is_ascii_alphabetic) => {
                    let (name, _, _) = self.tag(self.pos + 2);
                    return Some(Token::End { name });
                }
                Some(b'/') => self.skip_past(">"),
                Some(b'!') if rest.starts_with("<!--") => {
                    self.pos += 4;
                    self.skip_past("-->");
                }
                Some(b'!') if rest.starts_with("<![CDATA[") => self.skip_past("]]>"),
                Some(b'!' | b'?') => self.skip_past(">"),
                _ => {
                    self.pos += 1;
                    return Some(Token::Text("<"));
                }
            }
        }
    }
}

/// The value of attribute `name` (ASCII case-insensitive) in the attributes of a tag, with
/// character references decoded.
pub(crate) fn attribute(attrs: &str, name: &str) -> Option<String> {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let name_at = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'/') {
            i += 1;
        }
        let this = &attrs[name_at..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = attrs[i + 1..].find(q as char).map_or(attrs.len(), |at| i + 1 + at);
                    value = &attrs[i + 1..end];
                    i = (end + 1).min(attrs.len());
                }
                _ => {
                    let at = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    value = &attrs[at..i];
                }
            }
        }
        if this.eq_ignore_ascii_case(name) {
            return Some(super::char_refs::decode(value).into_owned());
        }
        if i == name_at {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(name: &str, attrs: &'static str) -> Token<'static> {
        Token::Start { name: name.to_owned(), attrs, self_closing: false }
    }

    fn end(name: &str) -> Token<'static> {
        Token::End { name: name.to_owned() }
    }

    #[test]
    fn tags_text_and_skipped_markup() {
        let html = "<!DOCTYPE html><!-- تعليق <p> --><P class=\"a>b\">نص<br/>x < y<![CDATA[z]]></p><?php ?>";
        let tokens: Vec<Token> = Tokenizer::html(html).collect();
        assert_eq!(
            tokens,
            [
                start("p", " class=\"a>b\""),
                Token::Text("نص"),
                Token::Start { name: "br".to_owned(), attrs: "", self_closing: true },
                Token::Text("x "),
                Token::Text("<"),
                Token::Text(" y"),
                end("p"),
            ]
        );
    }

    #[test]
    fn raw_text_elements_hide_their_markup() {
        let html = "<script>if (a<b) { x = '</p>'; }</SCRIPT >بعد<style></style>";
        let tokens: Vec<Token> = Tokenizer::html(html).collect();
        assert_eq!(
            tokens,
            [
                start("script", ""),
                Token::Text("if (a<b) { x = '</p>'; }"),
                end("script"),
                Token::Text("بعد"),
                start("style", ""),
                end("style"),
            ]
        );
        // XML has no raw text elements.
        assert_eq!(Tokenizer::xml("<title><b/></title>").count(), 3);
    }

    #[test]
    fn malformed_input_ends() {
        for input in
            ["<", "<p", "<p class=\"x", "</", "</p", "<!--", "<![CDATA[", "<script>", "a<", "<a\"'>", "<a b='>"]
        {
            let count = Tokenizer::html(input).count();
            assert!(count <= input.len(), "{input:?}");
        }
        assert_eq!(
            Tokenizer::html("<p class=\"unclosed>نص").collect::<Vec<_>>(),
            [start("p", " class=\"unclosed"), Token::Text("نص")]
        );
    }

    #[test]
    fn attributes() {
        let attrs = " http-equiv=Content-Type content='text/html; charset=windows-1256' Data-X = \"&amp;\" flag";
        assert_eq!(attribute(attrs, "content").as_deref(), Some("text/html; charset=windows-1256"));
        assert_eq!(attribute(attrs, "http-equiv").as_deref(), Some("Content-Type"));
        assert_eq!(attribute(attrs, "data-x").as_deref(), Some("&"));
        assert_eq!(attribute(attrs, "flag").as_deref(), Some(""));
        assert_eq!(attribute(attrs, "missing"), None);
        assert_eq!(attribute("a='unclosed", "a").as_deref(), Some("unclosed"));
    }
}

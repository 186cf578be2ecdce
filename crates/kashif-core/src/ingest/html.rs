//! Saved web pages: the article's text without the page around it.
//!
//! What is kept: the content of the `<article>` elements when there are any (all of them),
//! else of `<main>`, else of the whole body. What is dropped everywhere: scripts, styles,
//! navigation, headers, footers, asides, forms and the like (a `<header>` inside an article is
//! the article's own heading and is kept). The `<title>` is used only when nothing else is
//! left. Block elements end lines, paragraphs are separated by one blank line, runs of spaces
//! are collapsed, character references are decoded.

use super::char_refs;
use super::markup::{attribute, Token, Tokenizer};

/// Elements whose content is never article text.
const SKIPPED: [&str; 16] = [
    "script", "style", "noscript", "template", "iframe", "svg", "math", "head", "nav", "header", "footer", "aside",
    "form", "button", "select", "textarea",
];

/// Elements that stand apart as paragraphs (a blank line around them).
const PARAGRAPHS: [&str; 22] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "dl",
    "section",
    "article",
    "main",
    "figure",
    "hr",
    "address",
    "details",
    "header",
    "body",
];

/// Elements that start a new line.
const LINES: [&str; 11] = ["div", "br", "li", "tr", "dt", "dd", "figcaption", "caption", "summary", "legend", "option"];

/// Elements that never have content or an end tag.
const VOID: [&str; 13] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// How many nested skipped elements are tracked.
const MAX_SKIP_DEPTH: usize = 256;

/// The text of an HTML page.
pub(crate) fn to_text(html: &str) -> String {
    let mut page = Page::default();
    for token in Tokenizer::html(html) {
        match token {
            Token::Text(raw) => page.text(raw),
            Token::Start { name, self_closing, .. } => page.start(name.as_str(), self_closing),
            Token::End { name } => page.end(name.as_str()),
        }
    }
    page.finish()
}

/// A page being read: the texts of its articles, of its main element and of its body, its
/// title, and the elements open around the current position that matter.
#[derive(Default)]
struct Page {
    article: Output,
    main: Output,
    body: Output,
    title: String,
    in_title: bool,
    /// Skipped elements open around the current position (innermost last).
    skipping: Vec<String>,
    articles: usize,
    mains: usize,
    pre: usize,
}

impl Page {
    /// Text as written: the title's, or the outputs' unless it is in a skipped element.
    fn text(&mut self, raw: &str) {
        if self.in_title {
            self.title.push_str(&char_refs::decode(raw));
        } else if self.skipping.is_empty() {
            let text = char_refs::decode(raw);
            let preformatted = self.pre > 0;
            for output in outputs(&mut self.article, &mut self.main, &mut self.body, self.articles, self.mains) {
                output.text(&text, preformatted);
            }
        }
    }

    /// A start tag.
    fn start(&mut self, name: &str, self_closing: bool) {
        if name == "body" {
            // A body ends the head even when `</head>` is missing.
            self.skipping.retain(|open| open != "head");
        }
        if name == "title" && !self_closing {
            self.in_title = true;
            return;
        }
        let skipped = SKIPPED.contains(&name) && !(name == "header" && self.articles > 0);
        if !skipped && !self.skipping.is_empty() {
            return;
        }
        if skipped {
            // Deeper nesting is all skipped anyway; the cap keeps end tags cheap.
            if !self_closing && !VOID.contains(&name) && self.skipping.len() < MAX_SKIP_DEPTH {
                self.skipping.push(name.to_owned());
            }
            return;
        }
        match name {
            "article" if !self_closing => self.articles += 1,
            "main" if !self_closing => self.mains += 1,
            "pre" if !self_closing => self.pre += 1,
            _ => {}
        }
        self.boundary(name);
    }

    /// An end tag.
    fn end(&mut self, name: &str) {
        if name == "title" {
            self.in_title = false;
            return;
        }
        if let Some(at) = self.skipping.iter().rposition(|open| open == name) {
            self.skipping.truncate(at);
            return;
        }
        if !self.skipping.is_empty() {
            return;
        }
        self.boundary(name);
        match name {
            "article" => self.articles = self.articles.saturating_sub(1),
            "main" => self.mains = self.mains.saturating_sub(1),
            "pre" => self.pre = self.pre.saturating_sub(1),
            _ => {}
        }
    }

    /// The line or paragraph break an element's tag makes in the outputs.
    fn boundary(&mut self, name: &str) {
        for output in outputs(&mut self.article, &mut self.main, &mut self.body, self.articles, self.mains) {
            output.boundary(name);
        }
    }

    /// The text of the articles, else of the main element, else of the body, else the title.
    fn finish(self) -> String {
        [self.article, self.main, self.body]
            .into_iter()
            .map(Output::finish)
            .find(|text| !text.is_empty())
            .unwrap_or_else(|| collapse_spaces(&self.title).trim().to_owned())
    }
}

/// The outputs that receive what is at the current position: the body always, the article and
/// main texts while inside one.
fn outputs<'o>(
    article: &'o mut Output,
    main: &'o mut Output,
    body: &'o mut Output,
    articles: usize,
    mains: usize,
) -> impl Iterator<Item = &'o mut Output> {
    [(articles > 0).then_some(article), (mains > 0).then_some(main), Some(body)].into_iter().flatten()
}

/// Text being assembled: spaces collapsed, line and paragraph breaks marked.
#[derive(Default)]
struct Output {
    text: String,
}

impl Output {
    fn text(&mut self, text: &str, preformatted: bool) {
        if preformatted {
            self.text.push_str(&text.replace("\r\n", "\n"));
            return;
        }
        let collapsed = collapse_spaces(text);
        if collapsed.starts_with(' ') && self.text.ends_with([' ', '\n']) {
            self.text.push_str(&collapsed[1..]);
        } else {
            self.text.push_str(&collapsed);
        }
    }

    fn boundary(&mut self, name: &str) {
        if PARAGRAPHS.contains(&name) {
            self.text.push_str("\n\n");
        } else if name == "br" || (LINES.contains(&name) && !self.text.ends_with('\n')) {
            // Two `<br>` in a row are a paragraph break, as older Arabic sites write them.
            self.text.push('\n');
        } else if matches!(name, "td" | "th") {
            self.text.push(' ');
        }
    }

    /// The text with each line trimmed and at most one blank line in a row.
    fn finish(self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut blank = false;
        for line in self.text.split('\n').map(str::trim) {
            if line.is_empty() {
                blank = !out.is_empty();
                continue;
            }
            if blank {
                out.push_str("\n\n");
            } else if !out.is_empty() {
                out.push('\n');
            }
            blank = false;
            out.push_str(line);
        }
        out
    }
}

/// Replaces each run of HTML whitespace (space, tab, line ends, form feed) by one space.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// The character set a page declares in its first `<meta>` tags (`<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`), in ASCII lower case.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<String> {
    // Meta tags must come in the first 1024 bytes (the HTML standard's prescan).
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
    for token in Tokenizer::xml(&head) {
        let Token::Start { name, attrs, .. } = token else { continue };
        if name != "meta" {
            continue;
        }
        let charset = attribute(attrs, "charset").or_else(|| {
            let content = attribute(attrs, "content")?.to_ascii_lowercase();
            let at = content.find("charset=")?;
            Some(content[at + "charset=".len()..].to_owned())
        });
        if let Some(charset) = charset {
            let charset = charset.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
            let end =
                charset.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))).unwrap_or(charset.len());
            return Some(charset[..end].to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8"><title>موقع الأخبار - عنوان الصفحة</title>
<style>body { font: 12px serif } p > a { color: red }</style>
<script>var x = "<p>ليس نصا</p>"; if (a < b && c > d) {}</script>
</head>
<body>
<header class="site"><a href="/">الرئيسية</a></header>
<nav><ul><li><a href="/sy">سوريا</a></li><li>العالم</li></ul></nav>
<main>
<aside>الأكثر قراءة: خبر آخر</aside>
<article>
<header><h1>لافروف   يزور   أنقرة</h1></header>
<p>قال وزير الخارجية الروسي سيرغي لافروف&nbsp;إن &laquo;الحل في سوريا سياسي&raquo;&hellip;</p>
<p>وأضاف &#1571;ن <b>ثلاثة</b> آلاف&#x20;مقاتل انسحبوا
   من إدلب.<br>سطر ثانٍ</p>
<figure><img src="x.jpg" alt="صورة"><figcaption>لافروف في أنقرة</figcaption></figure>
<form><button>أرسل</button><select><option>خيار</option></select></form>
<noscript>فعّل جافاسكريبت</noscript>
<svg><text>شعار</text></svg>
</article>
</main>
<footer>جميع الحقوق محفوظة &copy; 2024</footer>
<script>document.write("<div>إعلان</div>")</script>
</body></html>"#;

    #[test]
    fn an_article_page_gives_the_article_only() {
        assert_eq!(
            to_text(PAGE),
            "لافروف يزور أنقرة\n\n\
             قال وزير الخارجية الروسي سيرغي لافروف\u{A0}إن «الحل في سوريا سياسي»…\n\n\
             وأضاف أن ثلاثة آلاف مقاتل انسحبوا من إدلب.\nسطر ثانٍ\n\n\
             لافروف في أنقرة"
        );
    }

    #[test]
    fn several_articles_are_all_kept_and_main_is_next() {
        let html = "<body><p>قبل</p><article><p>أولا</p></article><div>بين</div><article>ثانيا</article></body>";
        assert_eq!(to_text(html), "أولا\n\nثانيا");
        let html = "<body><div>قائمة</div><main><p>المتن</p></main></body>";
        assert_eq!(to_text(html), "المتن");
        let html = "<body><div>قائمة</div><div>المتن</div><footer>ذيل</footer></body>";
        assert_eq!(to_text(html), "قائمة\nالمتن");
    }

    #[test]
    fn the_title_is_used_only_when_there_is_no_body_text() {
        assert_eq!(
            to_text("<html><head><title> عاجل:  دمشق </title></head><body><script>x</script></body>"),
            "عاجل: دمشق"
        );
        assert_eq!(to_text("<title>عنوان</title><p>نص</p>"), "نص");
    }

    #[test]
    fn a_missing_head_end_tag_does_not_hide_the_body() {
        assert_eq!(to_text("<html><head><title>ع</title><body><p>حلب</p>"), "حلب");
    }

    #[test]
    fn two_line_breaks_make_a_paragraph_break_and_divs_one_line() {
        assert_eq!(to_text("<div>حلب<br><br>حمص<br>حماة</div><div><div>إدلب</div></div>"), "حلب\n\nحمص\nحماة\nإدلب");
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        assert_eq!(to_text("<pre>سطر  أول\n  سطر ثان</pre><p>بعد</p>"), "سطر  أول\nسطر ثان\n\nبعد");
    }

    #[test]
    fn malformed_markup_never_hides_all_the_text() {
        let cases = [
            ("<p>حلب <b>و<i>حمص</p>", "حلب وحمص"),
            ("<p class=\"x>y\">دمشق</p>", "دمشق"),
            ("٣ < ٥ و ٥ > ٣", "٣ < ٥ و ٥ > ٣"),
            ("<div>نص<div", "نص"),
            ("</p></div>نص</article>", "نص"),
            ("<p>نص<!-- تعليق", "نص"),
            ("<![CDATA[x]]>نص", "نص"),
            ("", ""),
        ];
        for (html, expected) in cases {
            assert_eq!(to_text(html), expected, "{html:?}");
        }
    }

    #[test]
    fn pathological_nesting_takes_linear_time() {
        let started = std::time::Instant::now();
        let html = format!("{}{}<p>حلب</p>", "<nav><body>".repeat(50_000), "</div></nav>".repeat(50_000));
        assert_eq!(to_text(&html), "حلب");
        let unclosed = "<a href='x".repeat(50_000) + "<script>" + &"<!--".repeat(50_000);
        let _ = to_text(&unclosed);
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn declared_charsets() {
        assert_eq!(declared_charset(b"<html><head><meta charset=\"Windows-1256\">").as_deref(), Some("windows-1256"));
        let http_equiv = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1256\">";
        assert_eq!(declared_charset(http_equiv).as_deref(), Some("windows-1256"));
        assert_eq!(declared_charset(b"<meta charset=utf-8>").as_deref(), Some("utf-8"));
        assert_eq!(declared_charset(b"<p>charset=utf-8</p>"), None);
    }
}

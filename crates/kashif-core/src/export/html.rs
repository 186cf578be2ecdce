//! A report as one self-contained HTML file: each document's text with its mentions
//! highlighted, and tables of its entities, quotes and figures.
//!
//! The file has its style inline and nothing else: no script, no font, no image, no link to
//! anything outside it, so it opens the same anywhere, offline, and reveals nothing to anyone.
//! Every piece of text in it is HTML-escaped.

use std::fmt::Write;

use super::figures_csv::number;
use super::NamedAnalysis;
use crate::analysis::{Analysis, Event, Label, Mention};

const STYLE: &str = "\
body{font-family:system-ui,'Noto Naskh Arabic','Segoe UI',Tahoma,sans-serif;line-height:1.7;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid #ccc;padding-bottom:.3rem;margin-top:2.5rem}h3{font-size:1.05rem}
.text{white-space:pre-wrap;border:1px solid #ddd;border-radius:6px;padding:1rem;background:#fafafa}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:start;vertical-align:top}th{background:#f0f0f0}
mark{border-radius:3px;padding:0 .15em;color:inherit}
.per{background:#ffd9a8}.org{background:#c8e6ff}.loc{background:#c9f2c7}.misc{background:#eed5ff}.date{background:#fff2a8}.num{background:#e3e3e3}
.legend mark{margin-inline-end:.5rem}.none{color:#777}
@media print{.text{border:none;background:none}}
";

/// Escapes text for HTML content and attribute values. Bidi embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069) and control chars other than tab and line ends are
/// shown, not obeyed: each becomes its code point in brackets (`[U+202E]`), so a file name or a
/// text cannot reorder the report around it. The marks U+200E and U+200F are kept.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                let _ = write!(out, "[U+{:04X}]", u32::from(c));
            }
            _ if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {
                let _ = write!(out, "[U+{:04X}]", u32::from(c));
            }
            _ => out.push(c),
        }
    }
    out
}

/// The CSS class of a label's highlight.
fn class(label: Label) -> &'static str {
    match label {
        Label::Per => "per",
        Label::Org => "org",
        Label::Loc => "loc",
        Label::Misc => "misc",
        Label::Date => "date",
        Label::Num => "num",
    }
}

/// The documents as one HTML page (`<meta charset="utf-8">`, `dir="rtl" lang="ar"`): per
/// document, its text with each mention in a `<mark class="per">` (`org`, `loc`, `misc`,
/// `date`, `num`) whose tooltip gives the entity, then its entities (name, type, mentions,
/// spellings), quotes and figures. A document given without its text has its tables only.
///
/// ```
/// use kashif_core::export::{to_html_report, NamedAnalysis};
/// let text = "قال لافروف: <script>alert('x')</script>";
/// let analysis = kashif_core::Analyzer::new().analyze(text);
/// let html = to_html_report(&[NamedAnalysis::with_text("a.txt", text, &analysis)]);
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains("<mark class=\"per\""));
/// assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
/// assert!(!html.contains("<script"));
/// ```
pub fn to_html_report(documents: &[NamedAnalysis<'_>]) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>تقرير كاشف</title>\n<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<h1>تقرير كاشف</h1>\n<p class=\"legend\">");
    for label in Label::ALL {
        let _ = write!(out, "<mark class=\"{}\">{} ({label})</mark>", class(label), label.arabic_name());
    }
    out.push_str("</p>\n");
    if documents.len() > 1 {
        out.push_str("<ol>\n");
        for (index, document) in documents.iter().enumerate() {
            let _ = writeln!(out, "<li><a href=\"#doc-{}\"><bdi>{}</bdi></a></li>", index + 1, escape(document.name));
        }
        out.push_str("</ol>\n");
    }
    for (index, document) in documents.iter().enumerate() {
        let _ = writeln!(out, "<section id=\"doc-{}\">\n<h2><bdi>{}</bdi></h2>", index + 1, escape(document.name));
        if let Some(text) = document.text {
            out.push_str("<div class=\"text\" dir=\"auto\">");
            highlighted(&mut out, text, document.entities);
            out.push_str("</div>\n");
        }
        entities_table(&mut out, document.entities);
        quotes_table(&mut out, document);
        figures_table(&mut out, document);
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The text, escaped, with each mention in a `<mark>`. Mentions out of order, overlapping or
/// out of range are left unmarked.
fn highlighted(out: &mut String, text: &str, mentions: &[Mention]) {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    for mention in mentions {
        if mention.start < at || mention.start >= mention.end || mention.end > chars.len() {
            continue;
        }
        out.push_str(&escape(&chars[at..mention.start].iter().collect::<String>()));
        let surface: String = chars[mention.start..mention.end].iter().collect();
        let _ = write!(
            out,
            "<mark class=\"{}\" title=\"{} · {}\">{}</mark>",
            class(mention.label),
            escape(&mention.canonical),
            escape(&mention.id),
            escape(&surface)
        );
        at = mention.end;
    }
    out.push_str(&escape(&chars[at..].iter().collect::<String>()));
}

/// Writes a table's opening with its header cells.
fn table_head(out: &mut String, title: &str, headers: &[&str]) {
    let _ = write!(out, "<h3>{title}</h3>\n<table>\n<thead><tr>");
    for header in headers {
        let _ = write!(out, "<th>{header}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
}

fn row(out: &mut String, cells: &[String]) {
    out.push_str("<tr>");
    for cell in cells {
        let _ = write!(out, "<td><bdi>{}</bdi></td>", escape(cell));
    }
    out.push_str("</tr>\n");
}

fn entities_table(out: &mut String, mentions: &[Mention]) {
    let summaries = Analysis { entities: mentions.to_vec(), ..Analysis::default() }.entity_summaries();
    if summaries.is_empty() {
        out.push_str("<h3>الكيانات</h3>\n<p class=\"none\">لا كيانات.</p>\n");
        return;
    }
    table_head(out, "الكيانات", &["الاسم", "النوع", "الإشارات", "الصيغ", "المعرّف"]);
    for summary in summaries {
        row(
            out,
            &[
                summary.canonical,
                format!("{} ({})", summary.label.arabic_name(), summary.label),
                summary.mentions.to_string(),
                summary.surfaces.join("، "),
                summary.id,
            ],
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn quotes_table(out: &mut String, document: &NamedAnalysis<'_>) {
    if document.quotes.is_empty() {
        return;
    }
    table_head(out, "الاقتباسات", &["المتكلم", "الفعل", "النوع", "النص"]);
    for quote in document.quotes {
        row(
            out,
            &[
                quote.speaker_name.clone().unwrap_or_else(|| "—".to_owned()),
                quote.verb.clone(),
                quote.kind.arabic_name().to_owned(),
                quote.text.clone(),
            ],
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn figures_table(out: &mut String, document: &NamedAnalysis<'_>) {
    if document.figures.is_empty() {
        return;
    }
    let chars: Vec<char> = document.text.map(|text| text.chars().collect()).unwrap_or_default();
    table_head(out, "الأرقام", &["القيمة", "التقريب", "ما يُعدّ", "الاسم المعدود", "الحدث", "النص"]);
    for figure in document.figures {
        let surface: String =
            chars.get(figure.start..figure.end.min(chars.len())).map(|s| s.iter().collect()).unwrap_or_default();
        row(
            out,
            &[
                number(figure.value),
                figure.qualifier.clone().unwrap_or_default(),
                figure.counts.arabic_name().to_owned(),
                figure.noun.clone(),
                figure.event.map_or("", Event::arabic_name).to_owned(),
                surface,
            ],
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_kinds_are_in_arabic() {
        let text = "قتل 20 مدنيا في القصف.";
        let analysis = crate::Analyzer::new().analyze(text);
        let html = to_html_report(&[NamedAnalysis::with_text("a", text, &analysis)]);
        assert!(html.contains("<td><bdi>مدنيون</bdi></td>") && html.contains("<td><bdi>قتلى</bdi></td>"), "{html}");
        assert!(!html.contains(">civilians<") && !html.contains(">killed<"));
    }

    #[test]
    fn everything_is_escaped_and_nothing_is_external() {
        let text = "قال سيرغي لافروف في موسكو إن \"200 ألف\" نازح عادوا <script>alert('x')</script> & <img src=x onerror=y>.\nسطر";
        let analysis = crate::Analyzer::new().analyze(text);
        let name = "<b>a&b</b>.txt";
        let html =
            to_html_report(&[NamedAnalysis::with_text(name, text, &analysis), NamedAnalysis::new("b", &analysis)]);
        for forbidden in ["<script", "<img", "<link", "src=\"", "href=\"http", "url(", "@import", "<b>"] {
            assert!(!html.contains(forbidden), "{forbidden} in {html}");
        }
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;"));
        assert!(html.contains("<bdi>&lt;b&gt;a&amp;b&lt;/b&gt;.txt</bdi>"));
        assert!(html.contains("<meta charset=\"utf-8\">") && html.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assert_eq!(html.matches("<mark").count(), html.matches("</mark>").count());
        assert_eq!(html.matches("<section").count(), 2);
        // The text once (the second document has none), with its marks.
        assert_eq!(html.matches("class=\"text\"").count(), 1);
        assert!(html.contains("<mark class=\"per\" title=\"سيرغي لافروف · "), "{html}");
        // Removing the marks gives back the escaped text.
        let start = html.find("<div class=\"text\" dir=\"auto\">").unwrap() + "<div class=\"text\" dir=\"auto\">".len();
        let end = start + html[start..].find("</div>").unwrap();
        let mut plain = String::new();
        let mut inside = false;
        for c in html[start..end].chars() {
            match c {
                '<' => inside = true,
                '>' if inside => inside = false,
                _ if !inside => plain.push(c),
                _ => {}
            }
        }
        assert_eq!(plain, escape(text));
    }

    #[test]
    fn tables_of_entities_quotes_and_figures() {
        let text = "قال وزير الخارجية الروسي سيرغي لافروف إن ثلاثة آلاف مقاتل انسحبوا من إدلب. وقال لافروف: «نعم».";
        let analysis = crate::Analyzer::new().analyze(text);
        let html = to_html_report(&[NamedAnalysis::with_text("a", text, &analysis)]);
        assert!(
            html.contains("<td><bdi>سيرغي لافروف</bdi></td><td><bdi>شخص (PER)</bdi></td><td><bdi>2</bdi></td>"),
            "{html}"
        );
        assert!(html.contains("<h3>الاقتباسات</h3>") && html.contains("<td><bdi>غير مباشر</bdi></td>"), "{html}");
        assert!(html.contains("<h3>الأرقام</h3>") && html.contains("<td><bdi>3000</bdi></td>"), "{html}");
    }

    #[test]
    fn bidi_controls_are_shown_not_obeyed() {
        // A right-to-left override in a file name and in a name, an isolate in the text.
        let text = "قال \u{202E}سيرغي لافروف\u{202C} في \u{2067}موسكو\u{2069} \u{200F}أمس\x1b.";
        let analysis = crate::Analyzer::new().analyze(text);
        let name = "report\u{202E}txt.exe";
        let html =
            to_html_report(&[NamedAnalysis::with_text(name, text, &analysis), NamedAnalysis::new("b", &analysis)]);
        for control in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
            '\x1b',
        ] {
            assert!(!html.contains(control), "{control:?} left in the report");
        }
        assert!(html.contains("<bdi>report[U+202E]txt.exe</bdi>"), "{html}");
        assert!(html.contains("[U+2067]") && html.contains("[U+001B]") && html.contains('\u{200F}'));
        // Every cell of the tables is isolated from its neighbours.
        assert!(html.contains("<td><bdi>"), "{html}");
        assert!(!html.contains("<td>") || html.matches("<td>").count() == html.matches("<td><bdi>").count());
    }

    #[test]
    fn bad_spans_are_not_marked() {
        let mention = |start, end| Mention {
            label: Label::Loc,
            text: String::new(),
            start,
            end,
            canonical: String::new(),
            id: String::new(),
            title: None,
            confidence: 1.0,
            source: String::new(),
        };
        let mut out = String::new();
        highlighted(&mut out, "حلب وحمص", &[mention(4, 8), mention(0, 3), mention(6, 99), mention(5, 5)]);
        assert_eq!(out, "حلب <mark class=\"loc\" title=\" · \">وحمص</mark>");
    }
}

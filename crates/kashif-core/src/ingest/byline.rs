//! What a document says about itself: its headline, the outlet that published it and its date.
//!
//! A saved web page says so in its `<meta>` tags (`og:title`، `og:site_name`،
//! `article:published_time`…), its `<title>` (`العنوان - الموقع`) and its `<time>` elements;
//! [`page_byline`] reads them. Plain text says so in its first and last lines (a headline, a
//! dateline `دمشق (رويترز) -`, a signature `(أ ف ب)`); that is read with the analysis, by
//! [`crate::corpus::byline`].

use serde::{Deserialize, Serialize};

use super::char_refs;
use super::markup::{attribute, Token, Tokenizer};

/// A document's headline, outlet and date, each where the document gives it.
///
/// ```
/// use kashif_core::ingest::Byline;
/// let byline = Byline { outlet: Some("رويترز".into()), ..Byline::default() };
/// assert!(!byline.is_empty());
/// assert!(Byline::default().is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Byline {
    /// The headline, as written.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub headline: Option<String>,
    /// The outlet or agency (`رويترز`، `سي إن إن`), as the list of known outlets names it, or as
    /// written when it is not known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub outlet: Option<String>,
    /// The date of publication, ISO 8601 (`2020-02-28`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<String>,
}

impl Byline {
    /// True when it knows nothing.
    ///
    /// ```
    /// use kashif_core::ingest::read_document;
    /// let page = r#"<head><meta property="og:site_name" content="الجزيرة نت"></head><body><p>قصف على حلب</p></body>"#;
    /// assert!(!read_document("a.html", page.as_bytes()).unwrap().byline.is_empty());
    /// assert!(read_document("a.txt", "قصف على حلب".as_bytes()).unwrap().byline.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.headline.is_none() && self.outlet.is_none() && self.date.is_none()
    }

    /// Each field from `self`, or from `other` where `self` has none.
    ///
    /// ```
    /// use kashif_core::ingest::Byline;
    /// let page = Byline { date: Some("2020-02-28".into()), ..Byline::default() };
    /// let text = Byline { headline: Some("عنوان".into()), date: Some("2020-02-27".into()), ..Byline::default() };
    /// let both = page.or(text);
    /// assert_eq!((both.headline.as_deref(), both.date.as_deref()), (Some("عنوان"), Some("2020-02-28")));
    /// ```
    pub fn or(self, other: Byline) -> Byline {
        Byline {
            headline: self.headline.or(other.headline),
            outlet: self.outlet.or(other.outlet),
            date: self.date.or(other.date),
        }
    }
}

/// Which field a `<meta>` tag fills, by its `property`, `name` or `itemprop` (lower case).
fn meta_field(key: &str) -> Option<Field> {
    Some(match key {
        "og:title" | "twitter:title" | "headline" | "title" | "dc.title" => Field::Headline,
        "og:site_name" | "application-name" | "publisher" | "dc.publisher" | "citation_publisher" => Field::Outlet,
        "article:published_time" | "datepublished" | "date" | "pubdate" | "publishdate" | "publish-date"
        | "publish_date" | "dc.date.issued" | "dc.date" | "dcterms.created" | "parsely-pub-date" | "sailthru.date"
        | "citation_publication_date" | "og:published_time" => Field::Date,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Headline,
    Outlet,
    Date,
}

/// The byline a saved web page gives in its markup: `<meta>` tags first, then the `<title>`
/// (split at ` - ` or ` | ` into headline and site), a `<time datetime>` and a JSON-LD
/// `datePublished`. Linear in the page.
pub(crate) fn page_byline(html: &str) -> Byline {
    let mut byline = Byline::default();
    let (mut title, mut in_title, mut time) = (String::new(), false, None);
    for token in Tokenizer::html(html) {
        match token {
            Token::Text(raw) if in_title => title.push_str(&char_refs::decode(raw)),
            Token::Start { name, attrs, self_closing } => match name.as_str() {
                "meta" => read_meta(attrs, &mut byline),
                "title" if !self_closing => in_title = true,
                "time" if time.is_none() => time = attribute(attrs, "datetime").and_then(|d| iso_date(&d)),
                _ => {}
            },
            Token::End { name } if name == "title" => in_title = false,
            _ => {}
        }
    }
    let (title_headline, title_outlet) = split_title(&collapse(&title), byline.outlet.as_deref());
    byline.headline = byline.headline.or(title_headline);
    byline.outlet = byline.outlet.or(title_outlet);
    byline.date = byline.date.or(time).or_else(|| json_ld_date(html));
    byline
}

/// Fills the field a `<meta>` tag names, when it is still empty.
fn read_meta(attrs: &str, byline: &mut Byline) {
    let key = ["property", "name", "itemprop"].iter().find_map(|a| attribute(attrs, a));
    let Some(field) = key.and_then(|k| meta_field(&k.trim().to_ascii_lowercase())) else { return };
    let Some(content) = attribute(attrs, "content").map(|c| collapse(&c)).filter(|c| !c.is_empty()) else {
        return;
    };
    match field {
        Field::Headline if byline.headline.is_none() => byline.headline = Some(content),
        Field::Outlet if byline.outlet.is_none() => byline.outlet = Some(content),
        Field::Date if byline.date.is_none() => byline.date = iso_date(&content),
        _ => {}
    }
}

/// The separators a `<title>` puts between the headline and the site's name.
const TITLE_SEPARATORS: [&str; 5] = [" | ", " - ", " – ", " — ", " :: "];

/// A site name is short: at most this many words.
const MAX_SITE_WORDS: usize = 5;

/// Splits `العنوان - الموقع` (or `الموقع | العنوان`) into a headline and a site name: the site is
/// the part equal to `known_site`, else the shorter end part of at most [`MAX_SITE_WORDS`] words.
fn split_title(title: &str, known_site: Option<&str>) -> (Option<String>, Option<String>) {
    if title.is_empty() {
        return (None, None);
    }
    for separator in TITLE_SEPARATORS {
        let Some((left, right)) = title.rsplit_once(separator) else { continue };
        let (left, right) = (left.trim(), right.trim());
        if known_site == Some(left) {
            return (Some(right.to_owned()), Some(left.to_owned()));
        }
        if known_site == Some(right) {
            return (Some(left.to_owned()), Some(right.to_owned()));
        }
        let words = |s: &str| s.split_whitespace().count();
        if words(right) <= MAX_SITE_WORDS && words(right) < words(left) {
            return (Some(left.to_owned()), Some(right.to_owned()));
        }
        if let Some((site, headline)) = title.split_once(separator) {
            if words(site) <= MAX_SITE_WORDS && words(site) < words(headline) {
                return (Some(headline.trim().to_owned()), Some(site.trim().to_owned()));
            }
        }
    }
    (Some(title.to_owned()), None)
}

/// The `datePublished` of a JSON-LD block, when the page has one.
fn json_ld_date(html: &str) -> Option<String> {
    let at = html.find("\"datePublished\"")?;
    let rest = &html[at + "\"datePublished\"".len()..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    iso_date(&rest[..rest.find('"')?])
}

/// The `YYYY-MM-DD` a date value starts with (`2020-02-28T06:10:00Z`, `2020-02-28`), when it is
/// a real date.
pub(crate) fn iso_date(value: &str) -> Option<String> {
    let value = value.trim();
    let head = value.get(..10)?;
    let bytes = head.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && bytes[4] == b'-' && digits(5..7) && bytes[7] == b'-' && digits(8..10)) {
        return None;
    }
    let month: u32 = head[5..7].parse().ok()?;
    let day: u32 = head[8..10].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| head.to_owned())
}

/// Runs of whitespace as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_graph_tags_come_before_the_title() {
        let page = r#"<html><head><title>عنوان قديم - موقع</title>
            <meta property="og:title" content="أنقرة تعلن مقتل 34 جنديا">
            <meta property="og:site_name" content="الأناضول">
            <meta name="pubdate" content="2020-02-28"></head><body><p>نص</p></body></html>"#;
        let byline = page_byline(page);
        assert_eq!(byline.headline.as_deref(), Some("أنقرة تعلن مقتل 34 جنديا"));
        assert_eq!(byline.outlet.as_deref(), Some("الأناضول"));
        assert_eq!(byline.date.as_deref(), Some("2020-02-28"));
    }

    #[test]
    fn a_title_with_the_site_first_or_last() {
        assert_eq!(
            split_title("بي بي سي عربي - قصف على ريف إدلب الجنوبي", None),
            (Some("قصف على ريف إدلب الجنوبي".into()), Some("بي بي سي عربي".into()))
        );
        assert_eq!(
            split_title("قصف على ريف إدلب الجنوبي | فرانس 24", None),
            (Some("قصف على ريف إدلب الجنوبي".into()), Some("فرانس 24".into()))
        );
        assert_eq!(split_title("قصف على ريف إدلب", None), (Some("قصف على ريف إدلب".into()), None));
        // As long as the site's name, known from og:site_name.
        assert_eq!(
            split_title("غارات على إدلب | سكاي نيوز عربية", Some("سكاي نيوز عربية")),
            (Some("غارات على إدلب".into()), Some("سكاي نيوز عربية".into()))
        );
        assert_eq!(split_title("", None), (None, None));
    }

    #[test]
    fn time_elements_and_json_ld_give_a_date() {
        let time = page_byline(r#"<body><time datetime="2020-02-27T22:00">أمس</time></body>"#);
        assert_eq!(time.date.as_deref(), Some("2020-02-27"));
        let json = page_byline(r#"<script type="application/ld+json">{"datePublished": "2020-03-01T10:00:00Z"}</script>"#);
        assert_eq!(json.date.as_deref(), Some("2020-03-01"));
        assert!(page_byline("<p>لا شيء</p>").is_empty());
    }

    #[test]
    fn bad_values_are_ignored() {
        let page = r#"<meta property="article:published_time" content="yesterday"><meta property="og:site_name" content="  ">"#;
        assert!(page_byline(page).is_empty());
        assert_eq!(iso_date("2020-02-3"), None);
        assert_eq!(iso_date("٢٠٢٠-٠٢-٢٨"), None);
    }

    #[test]
    fn a_title_and_a_published_time() {
        let page = r#"<head><title>مقتل 33 جنديا تركيا في إدلب | سكاي نيوز عربية</title>
            <meta property="article:published_time" content="2020-02-28T06:10:00+04:00"></head>"#;
        let byline = page_byline(page);
        assert_eq!(byline.headline.as_deref(), Some("مقتل 33 جنديا تركيا في إدلب"));
        assert_eq!(byline.outlet.as_deref(), Some("سكاي نيوز عربية"));
        assert_eq!(byline.date.as_deref(), Some("2020-02-28"));
    }

    #[test]
    fn iso_dates_are_real_dates() {
        assert_eq!(iso_date(" 2020-02-28T06:10:00Z").as_deref(), Some("2020-02-28"));
        assert_eq!(iso_date("2020-13-01"), None);
        assert_eq!(iso_date("28/02/2020"), None);
    }
}

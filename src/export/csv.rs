//! CSV (RFC 4180): one row per mention; the last column is the title of a person, when known.

use super::NamedAnalysis;

const HEADER: &str = "document,label,text,start,end,canonical,id,title\r\n";

/// Quotes a field when it holds a comma, a quote or a line break; doubles inner quotes.
pub(super) fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// The mentions of all documents as CSV with a header row, CRLF line ends (RFC 4180).
///
/// ```
/// use kashif::export::{to_csv, NamedAnalysis};
/// let analysis = kashif::Analyzer::new().analyze("وصل لافروف");
/// let csv = to_csv(&[NamedAnalysis::new("a, b.txt", &analysis)]);
/// let mut lines = csv.lines();
/// assert_eq!(lines.next(), Some("document,label,text,start,end,canonical,id,title"));
/// assert!(lines.next().unwrap().starts_with("\"a, b.txt\",PER,لافروف,4,10,"));
/// ```
pub fn to_csv(documents: &[NamedAnalysis<'_>]) -> String {
    let mut out = String::from(HEADER);
    for document in documents {
        for m in document.entities {
            let row = [
                field(document.name),
                m.label.as_str().to_owned(),
                field(&m.text),
                m.start.to_string(),
                m.end.to_string(),
                field(&m.canonical),
                field(&m.id),
                field(m.title.as_deref().unwrap_or("")),
            ];
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("حلب"), "حلب");
        assert_eq!(field("قال \"نعم\""), "\"قال \"\"نعم\"\"\"");
        assert_eq!(field("سطر\nآخر"), "\"سطر\nآخر\"");
    }
}

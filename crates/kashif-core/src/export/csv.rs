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

/// A text cell, guarded against CSV injection: a cell starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return would be run as a formula by a spreadsheet, so it gets a leading `'`.
pub(crate) fn text_field(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        field(&format!("'{value}"))
    } else {
        field(value)
    }
}

/// Ends `out` with one CSV record: `fields` (already quoted) joined by commas, then CRLF.
pub(crate) fn push_row(out: &mut String, fields: &[String]) {
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

/// The mentions of all documents as CSV with a header row, CRLF line ends (RFC 4180); a cell a
/// spreadsheet would run as a formula (a file named `=cmd.txt`) gets a leading `'`.
///
/// ```
/// use kashif_core::export::{to_csv, NamedAnalysis};
/// let analysis = kashif_core::Analyzer::new().analyze("وصل لافروف");
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
                text_field(document.name),
                m.label.as_str().to_owned(),
                text_field(&m.text),
                m.start.to_string(),
                m.end.to_string(),
                text_field(&m.canonical),
                text_field(&m.id),
                text_field(m.title.as_deref().unwrap_or("")),
            ];
            push_row(&mut out, &row);
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

    #[test]
    fn a_file_name_a_spreadsheet_would_run_is_guarded() {
        let analysis = crate::Analyzer::new().analyze("وصل لافروف");
        let csv = to_csv(&[NamedAnalysis::new("=cmd.txt", &analysis), NamedAnalysis::new("@SUM(1+1).txt", &analysis)]);
        let rows: Vec<&str> = csv.lines().skip(1).collect();
        assert!(rows[0].starts_with("'=cmd.txt,PER,"), "{rows:?}");
        assert!(rows[1].starts_with("'@SUM(1+1).txt,PER,"), "{rows:?}");
    }
}

//! CSV (RFC 4180) of the figures: one row per counted number, with its sentence.

use super::csv::{push_row, text_field};
use super::NamedAnalysis;
use crate::analysis::Event;

const HEADER: &str = "document,value,approximate,qualifier,counts,noun,event,text,start,end,sentence\r\n";

/// A value as people write it: `200000`, `2.5`.
pub(super) fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        value.to_string()
    }
}

/// The figures of all documents as CSV with a header row and CRLF line ends (RFC 4180):
/// `document,value,approximate,qualifier,counts,noun,event,text,start,end,sentence`, where
/// `text` is the number and its noun as written and `sentence` the sentence they stand in
/// (both empty for a document given without its text). Cells that a spreadsheet would take for
/// a formula (starting with `=`, `+`, `-`, `@`) are prefixed with `'`.
///
/// ```
/// use kashif_core::export::{figures_to_csv, NamedAnalysis};
/// let text = "قتل أكثر من 20 مدنيا في القصف. ونزح نحو 200 ألف شخص.";
/// let analysis = kashif_core::Analyzer::new().analyze(text);
/// let csv = figures_to_csv(&[NamedAnalysis::with_text("a.txt", text, &analysis)]);
/// let lines: Vec<&str> = csv.lines().collect();
/// assert_eq!(lines[0], "document,value,approximate,qualifier,counts,noun,event,text,start,end,sentence");
/// assert_eq!(lines[1], "a.txt,20,true,أكثر من,civilians,مدنيا,killed,20 مدنيا,12,20,قتل أكثر من 20 مدنيا في القصف.");
/// assert!(lines[2].starts_with("a.txt,200000,true,نحو,displaced,شخص,displaced,200 ألف شخص,40,51,"));
/// ```
pub fn figures_to_csv(documents: &[NamedAnalysis<'_>]) -> String {
    let mut out = String::from(HEADER);
    for document in documents {
        let chars: Vec<char> = document.text.map(|text| text.chars().collect()).unwrap_or_default();
        let slice = |start: usize, end: usize| -> String {
            chars.get(start..end.min(chars.len())).map(|s| s.iter().collect()).unwrap_or_default()
        };
        for figure in document.figures {
            let row = [
                text_field(document.name),
                number(figure.value),
                figure.approximate.to_string(),
                text_field(figure.qualifier.as_deref().unwrap_or("")),
                text_field(figure.counts.as_str()),
                text_field(&figure.noun),
                text_field(figure.event.map_or("", Event::as_str)),
                text_field(&slice(figure.start, figure.end)),
                figure.start.to_string(),
                figure.end.to_string(),
                text_field(&slice(figure.sentence_start, figure.sentence_end)),
            ];
            push_row(&mut out, &row);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysis, Counted, Figure};

    #[test]
    fn formula_cells_are_guarded_and_quoted() {
        assert_eq!(text_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text_field("+1"), "'+1");
        assert_eq!(text_field("-"), "'-");
        assert_eq!(text_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_field("قتلى, جرحى"), "\"قتلى, جرحى\"");
        assert_eq!(text_field("حلب"), "حلب");
    }

    #[test]
    fn values_and_missing_text() {
        assert_eq!(
            (number(200000.0), number(2.5), number(1e20)),
            ("200000".into(), "2.5".into(), "100000000000000000000".into())
        );
        let analysis = Analysis {
            figures: vec![Figure {
                value_max: None,
                value: 5.0,
                approximate: false,
                qualifier: None,
                counts: Counted::Killed,
                noun: String::new(),
                event: Some(Event::Killed),
                start: 5,
                end: 6,
                sentence_start: 0,
                sentence_end: 99,
            }],
            ..Analysis::default()
        };
        let csv = figures_to_csv(&[NamedAnalysis::new("=a", &analysis)]);
        assert_eq!(csv.lines().nth(1), Some("'=a,5,false,,killed,,killed,,5,6,"));
        let csv = figures_to_csv(&[NamedAnalysis::with_text("a", "قُتل 5 في حلب", &analysis)]);
        assert_eq!(csv.lines().nth(1), Some("a,5,false,,killed,,killed,5,5,6,قُتل 5 في حلب"));
    }
}

//! JSON (one array of documents) and JSON Lines (one document per line).

use std::io::Write;

use super::NamedAnalysis;

/// The documents as one pretty-printed JSON array:
/// `[{"name": …, "entities": [{"label", "text", "start", "end", "canonical", "id", "title"?}],
/// "figures": […], "quotes": […]}]` (see [`crate::Figure`] and [`crate::Quote`]).
///
/// ```
/// use kashif_core::export::{to_json, NamedAnalysis};
/// let analysis = kashif_core::Analyzer::new().analyze("زار بوتين دمشق");
/// let json = to_json(&[NamedAnalysis::new("stdin", &analysis)]);
/// let value: serde_json::Value = serde_json::from_str(&json).unwrap();
/// assert_eq!(value[0]["name"], "stdin");
/// assert_eq!(value[0]["entities"][0]["text"], "بوتين");
/// assert_eq!(value[0]["entities"][0]["start"], 4);
/// ```
pub fn to_json(documents: &[NamedAnalysis<'_>]) -> String {
    let mut bytes = Vec::new();
    // Serializing plain structs of strings and numbers into memory cannot fail.
    let _ = write_json(documents, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// Writes what [`to_json`] returns to `out` as it goes, without holding it all in memory.
///
/// ```
/// use kashif_core::export::{to_json, write_json, NamedAnalysis};
/// let analysis = kashif_core::Analyzer::new().analyze("زار بوتين دمشق");
/// let documents = [NamedAnalysis::new("a.txt", &analysis)];
/// let mut file = Vec::new();
/// write_json(&documents, &mut file).unwrap();
/// assert_eq!(String::from_utf8(file).unwrap(), to_json(&documents));
/// ```
pub fn write_json<W: Write>(documents: &[NamedAnalysis<'_>], mut out: W) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, documents)?;
    out.write_all(b"\n")
}

/// The documents as JSON Lines: one compact JSON object per document and line.
///
/// ```
/// use kashif_core::export::{to_jsonl, NamedAnalysis};
/// let analyzer = kashif_core::Analyzer::new();
/// let (a, b) = (analyzer.analyze("حلب"), analyzer.analyze("حمص"));
/// let jsonl = to_jsonl(&[NamedAnalysis::new("a", &a), NamedAnalysis::new("b", &b)]);
/// assert_eq!(jsonl.lines().count(), 2);
/// ```
pub fn to_jsonl(documents: &[NamedAnalysis<'_>]) -> String {
    let mut bytes = Vec::new();
    let _ = write_jsonl(documents, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// Writes what [`to_jsonl`] returns to `out` as it goes, a document at a time.
///
/// ```
/// use kashif_core::export::{to_jsonl, write_jsonl, NamedAnalysis};
/// let analyzer = kashif_core::Analyzer::new();
/// let (a, b) = (analyzer.analyze("حلب"), analyzer.analyze("حمص"));
/// let documents = [NamedAnalysis::new("a", &a), NamedAnalysis::new("b", &b)];
/// let mut out = Vec::new();
/// write_jsonl(&documents, &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert_eq!(text, to_jsonl(&documents));
/// assert!(text.lines().nth(1).unwrap().starts_with(r#"{"name":"b","#));
/// ```
pub fn write_jsonl<W: Write>(documents: &[NamedAnalysis<'_>], mut out: W) -> std::io::Result<()> {
    for document in documents {
        serde_json::to_writer(&mut out, document)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

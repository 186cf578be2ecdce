//! JSON (one array of documents) and JSON Lines (one document per line).

use super::NamedAnalysis;

/// The documents as one pretty-printed JSON array:
/// `[{"name": …, "entities": [{"label", "text", "start", "end", "canonical", "id", "title"?}],
/// "figures": […], "quotes": […]}]` (see [`crate::Figure`] and [`crate::Quote`]).
///
/// ```
/// use kashif::export::{to_json, NamedAnalysis};
/// let analysis = kashif::Analyzer::new().analyze("زار بوتين دمشق");
/// let json = to_json(&[NamedAnalysis::new("stdin", &analysis)]);
/// let value: serde_json::Value = serde_json::from_str(&json).unwrap();
/// assert_eq!(value[0]["name"], "stdin");
/// assert_eq!(value[0]["entities"][0]["text"], "بوتين");
/// assert_eq!(value[0]["entities"][0]["start"], 4);
/// ```
pub fn to_json(documents: &[NamedAnalysis<'_>]) -> String {
    // Serializing plain structs of strings and integers cannot fail.
    serde_json::to_string_pretty(documents).unwrap_or_default() + "\n"
}

/// The documents as JSON Lines: one compact JSON object per document and line.
///
/// ```
/// use kashif::export::{to_jsonl, NamedAnalysis};
/// let analyzer = kashif::Analyzer::new();
/// let (a, b) = (analyzer.analyze("حلب"), analyzer.analyze("حمص"));
/// let jsonl = to_jsonl(&[NamedAnalysis::new("a", &a), NamedAnalysis::new("b", &b)]);
/// assert_eq!(jsonl.lines().count(), 2);
/// ```
pub fn to_jsonl(documents: &[NamedAnalysis<'_>]) -> String {
    documents.iter().map(|document| serde_json::to_string(document).unwrap_or_default() + "\n").collect()
}

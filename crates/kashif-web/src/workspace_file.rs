//! The workspace as one file: every document with its own corrections, the merges, the user's
//! names and own descriptors, saved with «حفظ مساحة العمل» and opened again with «فتح مساحة عمل»
//! (in this browser or another one).
//!
//! The file is JSON, versioned by its `kashif_workspace` key:
//!
//! ```json
//! {"kashif_workspace": 1,
//!  "documents": [{"name": "a.txt", "text": "…", "source": "file", "corrections": [ … ]}],
//!  "merges": [ … ], "names": [{"text": "…", "label": "PER"}], "descriptors": "…tsv…"}
//! ```
//!
//! Corrections are kept inside their document (document ids are not in the file: opening
//! gives the documents fresh ids). Opening *adds* to the page; it never replaces what is there
//! (see [`Session::open_workspace`](super::session::Session::open_workspace)).

use serde::{Deserialize, Serialize};
use kashif_core::ingest::Byline;
use serde_json::Value;
use web_sys::File;

use super::i18n::{Message, Msg};
use super::state::Source;
use kashif_core::corrections::{Correction, UserName};

/// The version of the file format this page writes and reads.
pub const VERSION: u64 = 1;

/// The largest workspace file opened, in bytes.
pub const MAX_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

/// The end of a workspace file's name: the file picker and drop zone open such files as
/// workspaces instead of reading them as documents.
pub const SUFFIX: &str = ".kashif.json";

/// A workspace file (see the module documentation).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceFile {
    /// The format version, [`VERSION`].
    pub kashif_workspace: u64,
    /// The documents, in list order.
    pub documents: Vec<FileDocument>,
    /// The merges of entities (for every document), oldest first.
    #[serde(default)]
    pub merges: Vec<Correction>,
    /// The user's names (found in every document).
    #[serde(default)]
    pub names: Vec<UserName>,
    /// The user's own framing descriptors (the settings' TSV), if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub descriptors: String,
}

/// One document of a workspace file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileDocument {
    /// Its name.
    pub name: String,
    /// Its text.
    pub text: String,
    /// Pasted or from a file.
    #[serde(default = "file_source")]
    pub source: Source,
    /// Its own corrections, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
    /// What its file's markup said of its headline, outlet and date (a web page's meta tags).
    #[serde(default, skip_serializing_if = "Byline::is_empty")]
    pub byline: Byline,
}

fn file_source() -> Source {
    Source::File
}

/// Why a file could not be opened as a workspace (the reason, in English where it comes from a
/// parser).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Bigger than [`MAX_BYTES`] (its size in bytes).
    TooLarge(u64),
    /// The browser could not read it (moved, deleted, no permission…).
    Unreadable,
    /// Not JSON at all (the parser's message).
    NotJson(String),
    /// JSON, but not a Kashif workspace (e.g. a names file, or someone else's JSON).
    Foreign,
    /// A workspace of a newer format than this page reads (its version).
    Newer(u64),
    /// A Kashif workspace whose content is damaged (what is wrong).
    Damaged(String),
}

impl WorkspaceFile {
    /// The file's text, pretty-printed (a person can read and diff it).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a workspace file, telling a foreign, damaged or newer file apart; documents with
    /// blank text are left out.
    ///
    /// ```ignore
    /// use crate::workspace_file::{OpenError, WorkspaceFile};
    /// let file = r#"{"kashif_workspace": 1, "documents": [{"name": "a.txt", "text": "نص"}]}"#;
    /// assert_eq!(WorkspaceFile::from_json(file).unwrap().documents[0].text, "نص");
    /// assert_eq!(WorkspaceFile::from_json(r#"{"kashif_workspace": 2}"#), Err(OpenError::Newer(2)));
    /// assert_eq!(WorkspaceFile::from_json(r#"{"kashif_user_lexicon": 1}"#), Err(OpenError::Foreign));
    /// assert!(matches!(WorkspaceFile::from_json("<html>"), Err(OpenError::NotJson(_))));
    /// assert!(matches!(
    ///     WorkspaceFile::from_json(r#"{"kashif_workspace": 1, "documents": 3}"#),
    ///     Err(OpenError::Damaged(_))
    /// ));
    /// ```
    pub fn from_json(json: &str) -> Result<WorkspaceFile, OpenError> {
        let value: Value = serde_json::from_str(json.trim_start_matches('\u{FEFF}'))
            .map_err(|error| OpenError::NotJson(error.to_string()))?;
        let version = match value.get("kashif_workspace") {
            Some(Value::Number(number)) => number.as_u64().filter(|&v| v >= 1).ok_or(OpenError::Foreign)?,
            _ => return Err(OpenError::Foreign),
        };
        if version > VERSION {
            return Err(OpenError::Newer(version));
        }
        let mut file: WorkspaceFile =
            serde_json::from_value(value).map_err(|error| OpenError::Damaged(error.to_string()))?;
        file.documents.retain(|doc| !doc.text.trim().is_empty());
        Ok(file)
    }

    #[cfg(test)]
    /// Whether the file holds nothing to open.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
            && self.merges.is_empty()
            && self.names.is_empty()
            && self.descriptors.trim().is_empty()
    }
}

/// Whether a file of this name is a workspace file (by its [`SUFFIX`], any case).
///
/// ```ignore
/// use crate::workspace_file::is_workspace_name;
/// assert!(is_workspace_name("بحث.KASHIF.json"));
/// assert!(!is_workspace_name("kashif-names.json"));
/// ```
pub fn is_workspace_name(name: &str) -> bool {
    name.to_lowercase().ends_with(SUFFIX)
}

/// The lines of `extra` that `current` does not have, appended to it (own descriptors, one a
/// line, from an opened workspace).
///
/// ```ignore
/// use crate::workspace_file::union_lines;
/// assert_eq!(union_lines("أ\tx\n", "ب\ty\nأ\tx"), "أ\tx\nب\ty\n");
/// assert_eq!(union_lines("", "ب\ty"), "ب\ty\n");
/// ```
pub fn union_lines(current: &str, extra: &str) -> String {
    let mut lines: Vec<&str> = current.lines().filter(|line| !line.trim().is_empty()).collect();
    for line in extra.lines().filter(|line| !line.trim().is_empty()) {
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// Reads a picked or dropped workspace file (refusing one over the size limit unread).
pub async fn read_workspace(file: &File) -> Result<WorkspaceFile, OpenError> {
    if file.size() > MAX_BYTES {
        return Err(OpenError::TooLarge(file.size() as u64));
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
    let text = text.ok().and_then(|text| text.as_string()).ok_or(OpenError::Unreadable)?;
    WorkspaceFile::from_json(&text)
}

/// The message for a workspace file `name` that could not be opened.
pub fn open_error_message(name: &str, error: &OpenError) -> Message {
    match error {
        OpenError::TooLarge(bytes) => {
            // Whole megabytes, rounded, in integers: float formatting with a precision would
            // add 5 KB to the page's wasm for this one message.
            let megabytes = (*bytes + (1 << 19)) >> 20;
            Message::new(Msg::WorkspaceTooLarge, &[name, &megabytes.to_string()])
        }
        OpenError::Unreadable => Message::new(Msg::FileUnreadable, &[name]),
        OpenError::NotJson(why) => Message::new(Msg::WorkspaceNotJson, &[name, why]),
        OpenError::Foreign => Message::new(Msg::WorkspaceForeign, &[name]),
        OpenError::Newer(version) => Message::new(Msg::WorkspaceNewer, &[name, &version.to_string()]),
        OpenError::Damaged(why) => Message::new(Msg::WorkspaceDamaged, &[name, why]),
    }
}

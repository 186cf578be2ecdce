//! Reading the `.txt` files the user picks or drops: bytes from the browser, text from
//! [`decode_bytes`](crate::text::decode::decode_bytes).

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList};

use crate::text::decode::{decode_bytes, DecodeError};

/// Why a file could not be turned into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file is neither named `*.txt` nor typed `text/plain`.
    NotText,
    /// The browser could not read the file (moved, deleted, no permission…).
    Read(String),
    /// The bytes are not text.
    Decode(DecodeError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotText => f.write_str("not a plain text (.txt) file"),
            LoadError::Read(why) => write!(f, "the browser could not read it ({why})"),
            LoadError::Decode(error) => error.fmt(f),
        }
    }
}

/// A file that could not be loaded, for the message the page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// The file name as the user knows it.
    pub name: String,
    /// What went wrong, in English (shown left-to-right inside the Arabic message).
    pub reason: String,
}

/// The files of a `FileList` (from an `<input type=file>` or a drop), in order.
pub fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|index| list.item(index)).collect()
}

/// True for names ending in `.txt` (any case) and for files the browser types as plain text.
pub fn looks_like_text(name: &str, mime: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.ends_with(".txt") || mime.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("text/plain"))
}

/// Reads one file and decodes it to text.
pub async fn read_text(file: &File) -> Result<String, LoadError> {
    if !looks_like_text(&file.name(), &file.type_()) {
        return Err(LoadError::NotText);
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|error| {
        LoadError::Read(
            error
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "unknown error".to_owned()),
        )
    })?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    decode_bytes(&bytes).map_err(LoadError::Decode)
}

//! Reading the files the user picks or drops — one by one, many at once, or whole folders —
//! into text with [`read_document`](kashif_core::ingest::read_document): `.txt`, `.md`, `.html`,
//! `.docx`, in UTF-8, UTF-16 or Windows-1256.

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DataTransfer, File, FileList, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry};

use kashif_core::ingest::{read_document, Byline, IngestError};

/// Why a file could not be turned into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The browser could not read the file (moved, deleted, no permission…).
    Read(String),
    /// The bytes are not a document Kashif reads.
    Ingest(IngestError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Read(why) => write!(f, "the browser could not read it ({why})"),
            LoadError::Ingest(error) => error.fmt(f),
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

/// The message of a JavaScript error value.
fn message_of(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.dyn_ref::<web_sys::DomException>().map(|e| e.message()))
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Reads one file and turns it into text (see [`read_document`]), with what its markup says of
/// its headline, outlet and date.
pub async fn read_text(file: &File) -> Result<(String, Byline), LoadError> {
    if file.size() > kashif_core::ingest::MAX_INPUT_BYTES as f64 {
        return Err(LoadError::Ingest(IngestError::TooLarge { bytes: file.size() as usize }));
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|error| LoadError::Read(message_of(&error)))?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    read_document(&file.name(), &bytes).map(|document| (document.text, document.byline)).map_err(LoadError::Ingest)
}

/// The files of a drop: plain files, and every file inside dropped folders (recursively, in
/// name order). The entries must be taken while the drop event runs; reading them is async.
pub fn dropped_entries(transfer: &DataTransfer) -> Vec<FileSystemEntry> {
    let items = transfer.items();
    (0..items.length())
        .filter_map(|i| items.get(i))
        .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
        .collect()
}

/// Every file under `entries` (folders are walked; hidden files such as `.DS_Store` are skipped).
pub async fn files_under(entries: Vec<FileSystemEntry>) -> Vec<File> {
    let mut files = Vec::new();
    let mut stack: Vec<FileSystemEntry> = entries.into_iter().rev().collect();
    while let Some(entry) = stack.pop() {
        if entry.name().starts_with('.') {
            continue;
        }
        if entry.is_directory() {
            let Ok(directory) = entry.dyn_into::<FileSystemDirectoryEntry>() else { continue };
            let mut children = read_all_entries(&directory).await;
            children.sort_by_key(|child| std::cmp::Reverse(child.name()));
            stack.extend(children);
        } else if let Ok(file_entry) = entry.dyn_into::<FileSystemFileEntry>() {
            let promise = Promise::new(&mut |resolve: Function, reject: Function| {
                file_entry.file_with_callback_and_callback(&resolve, &reject);
            });
            if let Ok(file) = JsFuture::from(promise).await.and_then(|v| v.dyn_into::<File>()) {
                files.push(file);
            }
        }
    }
    files
}

/// All the entries of a folder (`readEntries` hands them out in batches until an empty one).
async fn read_all_entries(directory: &FileSystemDirectoryEntry) -> Vec<FileSystemEntry> {
    let reader = directory.create_reader();
    let mut all = Vec::new();
    loop {
        let promise = Promise::new(&mut |resolve: Function, reject: Function| {
            if let Err(error) = reader.read_entries_with_callback_and_callback(&resolve, &reject) {
                let _ = reject.call1(&JsValue::NULL, &error);
            }
        });
        let Ok(batch) = JsFuture::from(promise).await else { break };
        let batch: Array = batch.unchecked_into();
        if batch.length() == 0 {
            break;
        }
        all.extend(batch.iter().filter_map(|entry| entry.dyn_into::<FileSystemEntry>().ok()));
    }
    all
}

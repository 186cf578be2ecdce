//! What the page keeps between visits: documents, the selected document and settings, in the
//! browser's IndexedDB (the JavaScript half is `src/web/store.js`; its header lists the object
//! stores and how to add one).
//!
//! Every call is async and returns a [`StoreError`] instead of failing loudly: IndexedDB may be
//! missing (some private modes) or refuse a write (quota), and the page then keeps working from
//! memory.

use std::collections::BTreeMap;
use crate::ingest::Byline;
use std::sync::Arc;

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::engine::describe;
use super::state::{DocId, Document, Source};

#[wasm_bindgen(module = "/src/web/store.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadAll, catch)]
    async fn js_load_all() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = putDocument, catch)]
    async fn js_put_document(id: DocId, name: &str, text: &str, source: &str, byline: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = deleteDocument, catch)]
    async fn js_delete_document(id: DocId) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = putSetting, catch)]
    async fn js_put_setting(key: &str, value: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = putSelected, catch)]
    async fn js_put_selected(id: Option<DocId>) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = putCorrections, catch)]
    async fn js_put_corrections(key: &str, json: Option<String>) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = clearDocuments, catch)]
    async fn js_clear_documents() -> Result<JsValue, JsValue>;
}

/// Why the store could not do what it was asked (IndexedDB's message, in English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Everything saved by earlier visits.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Saved {
    /// The documents, in id order.
    pub documents: Vec<SavedDocument>,
    /// The document that was shown.
    pub selected: Option<DocId>,
    /// Settings by key.
    pub settings: BTreeMap<String, String>,
    /// The corrections store: JSON by key (`doc:<id>`, `merges`, `lexicon`; see
    /// [`CorrectionBook`](super::corrections::CorrectionBook)).
    #[serde(default)]
    pub corrections: BTreeMap<String, String>,
}

/// One saved document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SavedDocument {
    /// Its id in the page (and its key in the store).
    pub id: DocId,
    /// Its name.
    pub name: String,
    /// Its text.
    pub text: String,
    /// Pasted or from a file.
    pub source: Source,
    /// What the file's markup said of its headline, outlet and date (absent in older saves).
    #[serde(default)]
    pub byline: Byline,
}

impl From<SavedDocument> for Document {
    fn from(saved: SavedDocument) -> Self {
        Document { id: saved.id, name: saved.name, text: Arc::from(saved.text), source: saved.source, byline: saved.byline }
    }
}

fn done(result: Result<JsValue, JsValue>) -> Result<(), StoreError> {
    result.map(drop).map_err(|error| StoreError(describe(&error)))
}

/// Reads everything saved (opening, and on the first visit creating, the database).
pub async fn load_all() -> Result<Saved, StoreError> {
    let json = js_load_all().await.map_err(|error| StoreError(describe(&error)))?;
    let json = json.as_string().ok_or_else(|| StoreError("the store answered no text".to_owned()))?;
    serde_json::from_str(&json).map_err(|error| StoreError(format!("unreadable saved data: {error}")))
}

/// Saves a document (a new one, or a new text for one saved before).
pub async fn put_document(doc: &Document) -> Result<(), StoreError> {
    let source = match doc.source {
        Source::Pasted => "pasted",
        Source::File => "file",
    };
    // What the file's markup said (a web page's outlet and date), as JSON; empty when nothing.
    let byline = if doc.byline.is_empty() { String::new() } else { serde_json::to_string(&doc.byline).unwrap_or_default() };
    done(js_put_document(doc.id, &doc.name, &doc.text, source, &byline).await)
}

/// Deletes a saved document (nothing happens if it was not saved).
pub async fn delete_document(id: DocId) -> Result<(), StoreError> {
    done(js_delete_document(id).await)
}

/// Saves one setting.
pub async fn put_setting(key: &str, value: &str) -> Result<(), StoreError> {
    done(js_put_setting(key, value).await)
}

/// Saves which document is shown (`None`: none).
pub async fn put_selected(id: Option<DocId>) -> Result<(), StoreError> {
    done(js_put_selected(id).await)
}

/// Saves `json` under `key` in the corrections store (`None`: deletes the key).
pub async fn put_corrections(key: &str, json: Option<String>) -> Result<(), StoreError> {
    done(js_put_corrections(key, json).await)
}

/// Deletes every saved document, its corrections and the selection; settings, merges and the
/// user's names stay.
pub async fn clear() -> Result<(), StoreError> {
    done(js_clear_documents().await)
}

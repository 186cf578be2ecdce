//! What the page keeps between visits: documents, the selected document and settings, in the
//! browser's IndexedDB (the JavaScript half is `src/store.js`; its header lists the object
//! stores and how to add one).
//!
//! Every call is async and returns a [`StoreError`] instead of failing loudly: IndexedDB may be
//! missing (some private modes) or refuse a write (quota), and the page then keeps working from
//! memory.

use std::collections::BTreeMap;
use kashif_core::ingest::Byline;
use std::sync::Arc;

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::state::{DocId, Document, Source};

#[wasm_bindgen(module = "/src/store.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadAll, catch)]
    async fn js_load_all() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = getDocument, catch)]
    async fn js_get_document(id: f64) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = getCorrections, catch)]
    async fn js_get_corrections(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = getSetting, catch)]
    async fn js_get_setting(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = listen)]
    fn js_listen(on_change: &Closure<dyn FnMut(String)>) -> bool;
    #[wasm_bindgen(js_name = putDocument, catch)]
    async fn js_put_document(id: f64, name: &str, text: &str, source: &str, byline: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = deleteDocument, catch)]
    async fn js_delete_document(id: f64) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = putSetting, catch)]
    async fn js_put_setting(key: &str, value: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = putSelected, catch)]
    async fn js_put_selected(id: Option<f64>) -> Result<JsValue, JsValue>;
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
    #[serde(skip)]
    pub documents: Vec<SavedDocument>,
    /// The keys of saved documents that could not be read (they are skipped; the rest load).
    #[serde(skip)]
    pub unreadable: Vec<String>,
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

/// What went wrong, with the kind of error when it says more (`QuotaExceededError: …`).
fn describe(error: &JsValue) -> String {
    let message = super::engine::describe(error);
    let name = js_sys::Reflect::get(error, &JsValue::from_str("name")).ok().and_then(|name| name.as_string());
    match name {
        Some(name) if !name.is_empty() && name != "Error" && !message.starts_with(&name) => format!("{name}: {message}"),
        _ => message,
    }
}

/// An id as IndexedDB keeps it (a JavaScript number: ids stay below 2^53).
fn key(id: DocId) -> f64 {
    id as f64
}

fn done(result: Result<JsValue, JsValue>) -> Result<(), StoreError> {
    result.map(drop).map_err(|error| StoreError(describe(&error)))
}

/// The keys of the saved documents besides the rest (see `loadAll` in `store.js`).
#[derive(Deserialize)]
struct Rest {
    #[serde(flatten)]
    saved: Saved,
    #[serde(default)]
    keys: Vec<String>,
}

/// Reads everything saved (opening, and on the first visit creating, the database). A document
/// record that cannot be read is skipped and its key put in [`Saved::unreadable`].
pub async fn load_all() -> Result<Saved, StoreError> {
    let answer = js_load_all().await.map_err(|error| StoreError(describe(&error)))?;
    let field = |name: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    let rest = field("rest").as_string().ok_or_else(|| StoreError("the store answered no text".to_owned()))?;
    let Rest { mut saved, keys } =
        serde_json::from_str(&rest).map_err(|error| StoreError(format!("unreadable saved data: {error}")))?;
    let records = js_sys::Array::from(&field("documents"));
    for (index, record) in records.iter().enumerate() {
        match record.as_string().and_then(|json| serde_json::from_str::<SavedDocument>(&json).ok()) {
            Some(doc) => saved.documents.push(doc),
            None => saved.unreadable.push(keys.get(index).cloned().unwrap_or_else(|| index.to_string())),
        }
    }
    Ok(saved)
}

/// Reads document `id` as saved now (`None`: not saved, or not readable).
pub async fn get_document(id: DocId) -> Result<Option<SavedDocument>, StoreError> {
    let json = js_get_document(key(id)).await.map_err(|error| StoreError(describe(&error)))?;
    Ok(json.as_string().and_then(|json| serde_json::from_str(&json).ok()))
}

/// Reads the corrections saved under `key` now (`None`: none).
pub async fn get_corrections(key: &str) -> Result<Option<String>, StoreError> {
    let json = js_get_corrections(key).await.map_err(|error| StoreError(describe(&error)))?;
    Ok(json.as_string())
}

/// Reads the setting saved under `key` now (`None`: none).
pub async fn get_setting(key: &str) -> Result<Option<String>, StoreError> {
    let value = js_get_setting(key).await.map_err(|error| StoreError(describe(&error)))?;
    Ok(value.as_string())
}

/// What another tab of the page saved (announced on a `BroadcastChannel`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A document was saved or deleted.
    Document(DocId),
    /// The corrections under this key were saved or deleted.
    Corrections(String),
    /// A setting was saved.
    Setting(String),
    /// Every document was deleted.
    Cleared,
}

impl Change {
    /// Reads an announcement (`doc:<id>`, `corrections:<key>`, `setting:<key>`, `cleared`).
    pub fn parse(text: &str) -> Option<Change> {
        if text == "cleared" {
            return Some(Change::Cleared);
        }
        let (kind, rest) = text.split_once(':')?;
        match kind {
            "doc" => rest.parse().ok().map(Change::Document),
            "corrections" => Some(Change::Corrections(rest.to_owned())),
            "setting" => Some(Change::Setting(rest.to_owned())),
            _ => None,
        }
    }
}

/// Calls `on_change` with every change another tab of the page saves, for the lifetime of the
/// page; false when the browser has no `BroadcastChannel` (each tab then only sees the others'
/// changes on a reload).
pub fn listen(on_change: impl Fn(Change) + 'static) -> bool {
    let closure = Closure::<dyn FnMut(String)>::new(move |text: String| {
        if let Some(change) = Change::parse(&text) {
            on_change(change);
        }
    });
    let listening = js_listen(&closure);
    closure.forget();
    listening
}

/// Saves a document (a new one, or a new text for one saved before).
pub async fn put_document(doc: &Document) -> Result<(), StoreError> {
    let source = match doc.source {
        Source::Pasted => "pasted",
        Source::File => "file",
    };
    // What the file's markup said (a web page's outlet and date), as JSON; empty when nothing.
    let byline = if doc.byline.is_empty() { String::new() } else { serde_json::to_string(&doc.byline).unwrap_or_default() };
    done(js_put_document(key(doc.id), &doc.name, &doc.text, source, &byline).await)
}

/// Deletes a saved document (nothing happens if it was not saved).
pub async fn delete_document(id: DocId) -> Result<(), StoreError> {
    done(js_delete_document(key(id)).await)
}

/// Saves one setting.
pub async fn put_setting(key: &str, value: &str) -> Result<(), StoreError> {
    done(js_put_setting(key, value).await)
}

/// Saves which document is shown (`None`: none).
pub async fn put_selected(id: Option<DocId>) -> Result<(), StoreError> {
    done(js_put_selected(id.map(key)).await)
}

/// Saves `json` under `key` in the corrections store (`None`: deletes the key).
pub async fn put_corrections(key: &str, json: Option<String>) -> Result<(), StoreError> {
    done(js_put_corrections(key, json).await)
}

#[cfg(test)]
/// Deletes every saved document, its corrections and the selection; settings, merges and the
/// user's names stay.
pub async fn clear() -> Result<(), StoreError> {
    done(js_clear_documents().await)
}

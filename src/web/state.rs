//! The documents the page holds: pasted text and loaded files, in the order they arrived.

use std::sync::Arc;

/// The name shown in the document list for the text typed or pasted into the text box.
pub const PASTED_NAME: &str = "نص ملصق";

/// Identifies a document for as long as the page is open.
pub type DocId = u32;

/// Where a document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Typed or pasted into the text box; there is at most one such document.
    Pasted,
    /// Read from a file the user picked or dropped.
    File,
}

/// One text the user gave the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Stable id, never reused.
    pub id: DocId,
    /// The file name, or [`PASTED_NAME`].
    pub name: String,
    /// The full text, shared cheaply with the views that render it.
    pub text: Arc<str>,
    /// Pasted or loaded from a file.
    pub source: Source,
}

/// Every document of the page. Files keep their arrival order; the pasted text comes first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Library {
    docs: Vec<Document>,
    next_id: DocId,
}

impl Library {
    /// An empty library.
    pub fn new() -> Self {
        Self::default()
    }

    /// All documents, in list order.
    pub fn docs(&self) -> &[Document] {
        &self.docs
    }

    /// The document with this id, if it is still there.
    pub fn get(&self, id: DocId) -> Option<&Document> {
        self.docs.iter().find(|doc| doc.id == id)
    }

    /// Creates or updates the pasted document and returns its id. Empty (or blank) text removes
    /// it instead and returns `None`.
    pub fn set_pasted(&mut self, text: &str) -> Option<DocId> {
        let existing = self.docs.iter().position(|doc| doc.source == Source::Pasted);
        if text.trim().is_empty() {
            if let Some(index) = existing {
                self.docs.remove(index);
            }
            return None;
        }
        match existing {
            Some(index) => {
                let doc = &mut self.docs[index];
                if &*doc.text != text {
                    doc.text = Arc::from(text);
                }
                Some(doc.id)
            }
            None => {
                let id = self.fresh_id();
                self.docs.insert(
                    0,
                    Document { id, name: PASTED_NAME.to_owned(), text: Arc::from(text), source: Source::Pasted },
                );
                Some(id)
            }
        }
    }

    /// Adds a loaded file and returns its id. Loading a file with the name of one already loaded
    /// replaces that document's text (same id, same place in the list).
    pub fn add_file(&mut self, name: &str, text: String) -> DocId {
        if let Some(doc) = self.docs.iter_mut().find(|doc| doc.source == Source::File && doc.name == name) {
            doc.text = Arc::from(text);
            return doc.id;
        }
        let id = self.fresh_id();
        self.docs.push(Document { id, name: name.to_owned(), text: Arc::from(text), source: Source::File });
        id
    }

    fn fresh_id(&mut self) -> DocId {
        let id = self.next_id;
        self.next_id += 1;
        id
    }
}

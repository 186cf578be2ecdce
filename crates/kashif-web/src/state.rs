//! The documents the page holds: pasted text and loaded files, in the order they arrived.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::i18n::{Lang, Msg};
use kashif_core::ingest::Byline;

/// The name stored for the text typed or pasted into the text box (shown as [`shown_name`] says).
pub const PASTED_NAME: &str = "نص ملصق";

/// Identifies a document, in the page and in the store. New ids are random below 2^53 (a
/// JavaScript number keeps them exactly), so two tabs adding documents at once do not pick the
/// same id; ids saved by older versions (0, 1, 2…) stay valid.
pub type DocId = u64;

/// The largest id plus one: ids stay exact as JavaScript numbers (IndexedDB keys).
const ID_LIMIT: u64 = 1 << 53;

/// A random id below [`ID_LIMIT`] (never 0).
fn random_id() -> DocId {
    // Math.random gives 52 random bits and more, enough for a document id; two calls for 53.
    let high = (js_sys::Math::random() * (1u64 << 26) as f64) as u64;
    let low = (js_sys::Math::random() * (1u64 << 27) as f64) as u64;
    ((high << 27) | low) % ID_LIMIT
}

/// Where a document came from (saved as `"pasted"` or `"file"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Typed or pasted into the text box; there is at most one such document.
    Pasted,
    /// Read from a file the user picked or dropped.
    File,
}

/// The name a document is shown under in `lang`: a file's own name, or [`Msg::PastedName`] for
/// the pasted text (stored as [`PASTED_NAME`], the Arabic one, whatever the language).
///
/// ```ignore
/// use crate::{i18n::Lang, state::shown_name};
/// assert_eq!(shown_name("نص ملصق", true, Lang::En), "Pasted text");
/// assert_eq!(shown_name("تقرير.txt", false, Lang::En), "تقرير.txt");
/// ```
pub fn shown_name(name: &str, pasted: bool, lang: Lang) -> String {
    if pasted { super::i18n::text(lang, Msg::PastedName).to_owned() } else { name.to_owned() }
}

/// The longest name [`title_of`] gives, in chars (an ellipsis follows when the line is longer).
const TITLE_CHARS: usize = 50;

/// A name for a text: its first non-blank line, cut at [`TITLE_CHARS`] chars.
///
/// ```ignore
/// use crate::state::title_of;
/// assert_eq!(title_of("\n  عنوان الخبر  \nالنص"), "عنوان الخبر");
/// assert_eq!(title_of(&"ب".repeat(60)).chars().count(), 51);
/// ```
pub fn title_of(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or(PASTED_NAME);
    if line.chars().count() <= TITLE_CHARS {
        return line.to_owned();
    }
    let cut: String = line.chars().take(TITLE_CHARS).collect();
    format!("{}…", cut.trim_end())
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
    /// The headline, outlet and date the file's markup gives (a web page's `<meta>` tags); what
    /// the text says is read with its analysis ([`kashif_core::corpus::byline`]).
    pub byline: Byline,
}

impl Document {
    /// Whether it is the text typed or pasted into the text box.
    pub fn is_pasted(&self) -> bool {
        self.source == Source::Pasted
    }

    /// Its name as shown in `lang` ([`shown_name`]).
    pub fn shown_name(&self, lang: Lang) -> String {
        shown_name(&self.name, self.is_pasted(), lang)
    }
}

/// Every document of the page. Files keep their arrival order; the pasted text comes first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Library {
    docs: Vec<Document>,
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
                    Document { id, name: PASTED_NAME.to_owned(), text: Arc::from(text), source: Source::Pasted, byline: Byline::default() },
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
        self.docs.push(Document { id, name: name.to_owned(), text: Arc::from(text), source: Source::File, byline: Byline::default() });
        id
    }

    /// Keeps what the file of document `id` says of its headline, outlet and date.
    pub fn set_byline(&mut self, id: DocId, byline: Byline) {
        if let Some(doc) = self.docs.iter_mut().find(|doc| doc.id == id) {
            doc.byline = byline;
        }
    }

    /// Puts back documents saved by an earlier visit (see [`store`](super::store)), keeping
    /// their ids; documents already here keep theirs. A saved document whose id is taken is left
    /// out; a second pasted one (another tab's) is kept as a document of its own, named after
    /// its first line.
    pub fn restore(&mut self, saved: Vec<Document>) {
        for mut doc in saved {
            if self.get(doc.id).is_some() {
                continue;
            }
            if doc.source == Source::Pasted && self.pasted().is_some() {
                doc.name = title_of(&doc.text);
                doc.source = Source::File;
            }
            if doc.source == Source::Pasted {
                self.docs.insert(0, doc);
            } else {
                self.docs.push(doc);
            }
        }
    }

    /// Adds a document from an opened workspace file with a fresh id, and returns it; `None`
    /// when a document with the same name and text is already here. A pasted text stays the
    /// pasted one when there is none here; otherwise it becomes a document of its own, named
    /// after its first line (see [`keep_pasted`](Self::keep_pasted)).
    ///
    /// ```ignore
    /// use crate::state::{Library, Source};
    /// let mut library = Library::new();
    /// let a = library.add_file("a.txt", "أ".into());
    /// assert_eq!(library.add_opened("a.txt", "أ", Source::File), None);
    /// let b = library.add_opened("a.txt", "ب", Source::File).unwrap();
    /// assert_ne!(a, b, "same name, other text: a document of its own");
    /// let pasted = library.add_opened("نص ملصق", "ج", Source::Pasted).unwrap();
    /// assert_eq!(library.pasted(), Some(pasted));
    /// let other = library.add_opened("نص ملصق", "خبر آخر", Source::Pasted).unwrap();
    /// assert_eq!(library.get(other).unwrap().name, "خبر آخر");
    /// ```
    pub fn add_opened(&mut self, name: &str, text: &str, source: Source) -> Option<DocId> {
        if self.docs.iter().any(|doc| doc.name == name && &*doc.text == text) {
            return None;
        }
        let id = self.fresh_id();
        let pasted = source == Source::Pasted && self.pasted().is_none();
        let (name, source) = match source {
            Source::Pasted if !pasted => (title_of(text), Source::File),
            _ => (name.to_owned(), source),
        };
        let doc = Document { id, name, text: Arc::from(text), source, byline: Byline::default() };
        if pasted {
            self.docs.insert(0, doc);
        } else {
            self.docs.push(doc);
        }
        Some(id)
    }

    /// Removes the document with this id; returns it if it was there.
    pub fn remove(&mut self, id: DocId) -> Option<Document> {
        let index = self.docs.iter().position(|doc| doc.id == id)?;
        Some(self.docs.remove(index))
    }

    /// Removes the document with this id; returns its place in the list and the document, to
    /// [`put_back`](Self::put_back) on an undo.
    pub fn take(&mut self, id: DocId) -> Option<(usize, Document)> {
        let index = self.docs.iter().position(|doc| doc.id == id)?;
        Some((index, self.docs.remove(index)))
    }

    /// Removes every document; returns each with its place in the list (see [`take`](Self::take)).
    pub fn take_all(&mut self) -> Vec<(usize, Document)> {
        std::mem::take(&mut self.docs).into_iter().enumerate().collect()
    }

    /// Puts documents back where [`take`](Self::take) or [`take_all`](Self::take_all) found them
    /// (same ids, same order; a place past the end is the end) and returns their ids. A document
    /// whose id is taken, or a second pasted one, is left out.
    ///
    /// ```ignore
    /// use crate::state::Library;
    /// let mut library = Library::new();
    /// let a = library.add_file("a.txt", "أ".into());
    /// let b = library.add_file("b.txt", "ب".into());
    /// let c = library.add_file("c.txt", "ج".into());
    /// let taken = library.take(b).unwrap();
    /// assert_eq!(library.put_back(vec![taken]), vec![b]);
    /// assert_eq!(library.docs().iter().map(|d| d.id).collect::<Vec<_>>(), vec![a, b, c]);
    /// ```
    pub fn put_back(&mut self, mut taken: Vec<(usize, Document)>) -> Vec<DocId> {
        taken.sort_by_key(|(index, _)| *index);
        let mut ids = Vec::with_capacity(taken.len());
        for (index, doc) in taken {
            let second_paste = doc.is_pasted() && self.pasted().is_some();
            if self.get(doc.id).is_some() || second_paste {
                continue;
            }
            ids.push(doc.id);
            self.docs.insert(index.min(self.docs.len()), doc);
        }
        ids
    }

    /// Keeps the pasted document as a document of its own, named after its first line (see
    /// [`title_of`]), so the next text pasted into the box is a new document instead of replacing
    /// it. Returns its id, `None` when there is no pasted document.
    ///
    /// ```ignore
    /// use crate::state::Library;
    /// let mut library = Library::new();
    /// let first = library.set_pasted("قصف على إدلب\nقالت مصادر محلية…").unwrap();
    /// assert_eq!(library.keep_pasted(), Some(first));
    /// let second = library.set_pasted("نص آخر").unwrap();
    /// assert_ne!(first, second);
    /// assert_eq!(library.get(first).unwrap().name, "قصف على إدلب");
    /// ```
    pub fn keep_pasted(&mut self) -> Option<DocId> {
        let doc = self.docs.iter_mut().find(|doc| doc.source == Source::Pasted)?;
        doc.name = title_of(&doc.text);
        doc.source = Source::File;
        Some(doc.id)
    }

    /// The id of the pasted document, if there is one.
    pub fn pasted(&self) -> Option<DocId> {
        self.docs.iter().find(|doc| doc.source == Source::Pasted).map(|doc| doc.id)
    }

    /// A random id no document here has (see [`DocId`]).
    fn fresh_id(&mut self) -> DocId {
        loop {
            let id = random_id();
            if id != 0 && self.get(id).is_none() {
                return id;
            }
        }
    }

    /// Puts in, or replaces, a document another tab saved (see [`store::listen`](super::store::listen)):
    /// same id, same place if it was here. A pasted text while this tab has another pasted one
    /// is kept as a document of its own. Returns true when something changed.
    pub fn upsert(&mut self, mut doc: Document) -> bool {
        if doc.source == Source::Pasted && self.pasted().is_some_and(|id| id != doc.id) {
            doc.name = title_of(&doc.text);
            doc.source = Source::File;
        }
        match self.docs.iter_mut().find(|d| d.id == doc.id) {
            Some(here) if *here == doc => false,
            Some(here) => {
                *here = doc;
                true
            }
            None => {
                self.restore(vec![doc]);
                true
            }
        }
    }
}

//! The user's corrections in the page: each document's own (remove, add, relabel), the merges of
//! entities and the user's names, kept in IndexedDB and applied to every analysis the worker
//! sends back ([`kashif_core::corrections::apply`]), so the reading view, the tables and the exports
//! all show the corrected analysis.
//!
//! Keys in the store's `corrections` object store: `doc:<id>` (a document's list), `merges` and
//! `lexicon` (the [`UserLexicon`] file format).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use leptos::prelude::*;

use super::saver::Saver;
use super::state::DocId;
use super::store;
use super::undo::{BarNote, Change, Undo};
use kashif_core::corrections::{apply, Correction, UserLexicon, UserName};
use kashif_core::Analysis;

/// Every correction the user made (plain data: [`Corrections`] holds it in a signal).
///
/// ```ignore
/// use kashif_core::corrections::Correction;
/// use crate::corrections::CorrectionBook;
///
/// let mut book = CorrectionBook::default();
/// book.add(3, Correction::Merge { from: "per:a".into(), into: "per:b".into(), into_name: "ب".into(), from_name: "أ".into() });
/// assert_eq!(book.fixes_for(3).len(), 1);
/// assert_eq!(book.of(3).len(), 0, "a merge is for every document");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorrectionBook {
    docs: BTreeMap<DocId, Vec<Correction>>,
    merges: Vec<Correction>,
    /// The user's names, found in every document.
    pub lexicon: UserLexicon,
    generation: u64,
}

/// The store key of document `id`'s corrections.
fn doc_key(id: DocId) -> String {
    format!("doc:{id}")
}

const MERGES_KEY: &str = "merges";
const LEXICON_KEY: &str = "lexicon";

impl CorrectionBook {
    /// The book saved in the store's `corrections` entries (key → JSON); entries that cannot be
    /// read are skipped and named in the second value.
    pub fn from_saved(saved: &BTreeMap<String, String>) -> (CorrectionBook, Vec<String>) {
        let mut book = CorrectionBook::default();
        let mut unreadable = Vec::new();
        for (key, json) in saved {
            if book.load(key, Some(json)).is_err() {
                unreadable.push(key.clone());
            }
        }
        (book, unreadable)
    }

    /// Sets the entry `key` of the store to `json` as saved (`None`: deleted), as another tab
    /// saved it; an error when it cannot be read (the book is then unchanged).
    pub fn load(&mut self, key: &str, json: Option<&str>) -> Result<(), String> {
        if key == LEXICON_KEY {
            self.lexicon = json.map_or(Ok(UserLexicon::default()), UserLexicon::from_json)?;
        } else if key == MERGES_KEY {
            self.merges = json.map_or(Ok(Vec::new()), serde_json::from_str).map_err(|e| e.to_string())?;
        } else if let Some(id) = key.strip_prefix("doc:").and_then(|id| id.parse().ok()) {
            let list: Vec<Correction> = json.map_or(Ok(Vec::new()), serde_json::from_str).map_err(|e| e.to_string())?;
            if list.is_empty() {
                self.docs.remove(&id);
            } else {
                self.docs.insert(id, list);
            }
        } else {
            return Err("unknown key".to_owned());
        }
        self.generation += 1;
        Ok(())
    }

    /// Document `doc`'s own corrections, oldest first.
    pub fn of(&self, doc: DocId) -> &[Correction] {
        self.docs.get(&doc).map_or(&[], Vec::as_slice)
    }

    /// The merges of entities (they apply to every document), oldest first.
    pub fn merges(&self) -> &[Correction] {
        &self.merges
    }

    /// What applies to document `doc`: its own corrections, then the merges.
    pub fn fixes_for(&self, doc: DocId) -> Vec<Correction> {
        self.of(doc).iter().chain(&self.merges).cloned().collect()
    }

    /// Records a correction of document `doc` (a merge goes to the merges of every document).
    pub fn add(&mut self, doc: DocId, correction: Correction) {
        match correction {
            Correction::Merge { .. } => self.merges.push(correction),
            _ => self.docs.entry(doc).or_default().push(correction),
        }
        self.generation += 1;
    }

    /// Drops document `doc`'s correction number `index`; true if there was one.
    pub fn undo(&mut self, doc: DocId, index: usize) -> bool {
        let Some(list) = self.docs.get_mut(&doc).filter(|list| index < list.len()) else { return false };
        list.remove(index);
        if list.is_empty() {
            self.docs.remove(&doc);
        }
        self.generation += 1;
        true
    }

    /// Drops merge number `index`; true if there was one.
    pub fn unmerge(&mut self, index: usize) -> bool {
        if index >= self.merges.len() {
            return false;
        }
        self.merges.remove(index);
        self.generation += 1;
        true
    }

    /// Adds a name to the user's names (a name already there with the same text takes the new
    /// type); returns false when the name is blank.
    pub fn add_name(&mut self, name: UserName) -> bool {
        let text = name.text.trim();
        if text.is_empty() {
            return false;
        }
        let name = UserName { text: text.to_owned(), label: name.label };
        match self.lexicon.names.iter_mut().find(|n| n.text == name.text) {
            Some(known) => known.label = name.label,
            None => self.lexicon.names.push(name),
        }
        self.generation += 1;
        true
    }

    /// Drops the user's name number `index`; true if there was one.
    pub fn remove_name(&mut self, index: usize) -> bool {
        if index >= self.lexicon.names.len() {
            return false;
        }
        self.lexicon.names.remove(index);
        self.generation += 1;
        true
    }

    /// Forgets document `doc`'s corrections; true if it had some.
    pub fn forget(&mut self, doc: DocId) -> bool {
        let had = self.docs.remove(&doc).is_some();
        self.generation += u64::from(had);
        had
    }

    /// Takes document `doc`'s corrections out of the book (to [`put_back`](Self::put_back) on an
    /// undo); empty if it had none.
    pub fn take(&mut self, doc: DocId) -> Vec<Correction> {
        let list = self.docs.remove(&doc).unwrap_or_default();
        self.generation += u64::from(!list.is_empty());
        list
    }

    /// Takes every document's corrections out of the book (the merges and names stay).
    pub fn take_docs(&mut self) -> Vec<(DocId, Vec<Correction>)> {
        self.generation += 1;
        std::mem::take(&mut self.docs).into_iter().collect()
    }

    /// Gives document `doc` back the corrections [`take`](Self::take) took (nothing for none).
    pub fn put_back(&mut self, doc: DocId, list: Vec<Correction>) {
        if !list.is_empty() {
            self.docs.insert(doc, list);
            self.generation += 1;
        }
    }

    /// Sets document `doc`'s own corrections to `list` (an undo or redo; empty: none).
    pub fn set_doc(&mut self, doc: DocId, list: Vec<Correction>) {
        if list.is_empty() {
            self.docs.remove(&doc);
        } else {
            self.docs.insert(doc, list);
        }
        self.generation += 1;
    }

    /// Sets the merges to `merges` (an undo or redo).
    pub fn set_merges(&mut self, merges: Vec<Correction>) {
        self.merges = merges;
        self.generation += 1;
    }

    /// Sets the user's names to `names` (an undo or redo).
    pub fn set_names(&mut self, names: Vec<UserName>) {
        self.lexicon.names = names;
        self.generation += 1;
    }

    /// A number that changes whenever the book does.
    pub fn generation(&self) -> u64 {
        self.generation
    }

}

/// A corrected analysis kept until its raw analysis or the book changes.
#[derive(Clone)]
struct Corrected {
    raw: Arc<Analysis>,
    generation: u64,
    corrected: Arc<Analysis>,
}

/// The corrections of the page: the book in a signal, saved through the store (`Copy`). Every
/// change the user makes is recorded in the page's [`Undo`] history.
#[derive(Clone, Copy)]
pub struct Corrections {
    book: RwSignal<CorrectionBook>,
    cache: StoredValue<HashMap<DocId, Corrected>>,
    saver: Saver,
    undo: Undo,
}

impl Corrections {
    /// The corrections saved in `saved` (the store's entries), saved through `saver`, their
    /// changes recorded in `undo`.
    pub fn new(book: CorrectionBook, saver: Saver, undo: Undo) -> Corrections {
        Corrections { book: RwSignal::new(book), cache: StoredValue::new(HashMap::new()), saver, undo }
    }

    /// Changes document `doc`'s own corrections with `change` (true: something changed), then
    /// records and saves.
    fn change_doc(self, doc: DocId, change: impl FnOnce(&mut CorrectionBook) -> bool) {
        let before = self.book.with_untracked(|book| book.of(doc).to_vec());
        if self.book.try_update(change) != Some(true) {
            return;
        }
        let after = self.book.with_untracked(|book| book.of(doc).to_vec());
        self.undo.record(Change::Doc { doc, before, after });
        self.save_doc(doc);
    }

    /// Changes the merges with `change`, then records and saves.
    fn change_merges(self, change: impl FnOnce(&mut CorrectionBook) -> bool) {
        let before = self.book.with_untracked(|book| book.merges().to_vec());
        if self.book.try_update(change) != Some(true) {
            return;
        }
        let after = self.book.with_untracked(|book| book.merges().to_vec());
        self.undo.record(Change::Merges { before, after });
        self.save_merges();
    }

    /// Changes the user's names with `change`, then records and saves; returns the change's
    /// number.
    fn change_names(self, change: impl FnOnce(&mut CorrectionBook) -> bool) -> Option<u64> {
        let before = self.book.with_untracked(|book| book.lexicon.names.clone());
        if self.book.try_update(change) != Some(true) {
            return None;
        }
        let after = self.book.with_untracked(|book| book.lexicon.names.clone());
        if before == after {
            return None;
        }
        let serial = self.undo.record(Change::Names { before, after });
        self.save_lexicon();
        Some(serial)
    }

    /// Puts back document `doc`'s corrections, the merges or the names as `change` had them
    /// before (`forward` false: an undo) or after (a redo), and saves. Returns false when the
    /// change is about a document that is gone.
    pub fn apply_change(self, change: &Change, forward: bool, present: impl Fn(DocId) -> bool) -> bool {
        let pick = |before: &Vec<_>, after: &Vec<_>| if forward { after.clone() } else { before.clone() };
        match change {
            Change::Doc { doc, before, after } => {
                if !present(*doc) {
                    return false;
                }
                let list = pick(before, after);
                self.book.update(|book| book.set_doc(*doc, list));
                self.save_doc(*doc);
            }
            Change::Merges { before, after } => {
                let list = pick(before, after);
                self.book.update(|book| book.set_merges(list));
                self.save_merges();
            }
            Change::Names { before, after } => {
                let names = if forward { after.clone() } else { before.clone() };
                self.book.update(|book| book.set_names(names));
                self.save_lexicon();
            }
            Change::Deleted(_) | Change::Descriptors { .. } => return false,
        }
        true
    }

    /// Reads the book (reactive).
    pub fn with<T>(self, read: impl FnOnce(&CorrectionBook) -> T) -> T {
        self.book.with(read)
    }

    /// Reads the book without tracking it.
    pub fn with_untracked<T>(self, read: impl FnOnce(&CorrectionBook) -> T) -> T {
        self.book.with_untracked(read)
    }

    /// Records a correction of document `doc` and saves it.
    pub fn add(self, doc: DocId, correction: Correction) {
        if matches!(correction, Correction::Merge { .. }) {
            self.change_merges(|book| {
                book.add(doc, correction);
                true
            });
        } else {
            self.change_doc(doc, |book| {
                book.add(doc, correction);
                true
            });
        }
    }

    /// Drops document `doc`'s correction number `index` and saves.
    pub fn undo(self, doc: DocId, index: usize) {
        self.change_doc(doc, |book| book.undo(doc, index));
    }

    /// Drops merge number `index` and saves.
    pub fn unmerge(self, index: usize) {
        self.change_merges(|book| book.unmerge(index));
    }

    /// Adds a name to the user's names and saves them.
    pub fn add_name(self, name: UserName) {
        self.change_names(|book| book.add_name(name));
    }

    /// Drops the user's name number `index` and saves; the undo bar offers to put it back.
    pub fn remove_name(self, index: usize) {
        let Some(name) = self.book.with_untracked(|book| book.lexicon.names.get(index).map(|n| n.text.clone())) else {
            return;
        };
        if let Some(serial) = self.change_names(|book| book.remove_name(index)) {
            self.undo.show(serial, BarNote::NameRemoved(name));
        }
    }

    /// Adds the names of a user lexicon file; returns how many names it held.
    pub fn import_lexicon(self, json: &str) -> Result<usize, String> {
        let lexicon = UserLexicon::from_json(json)?;
        let count = lexicon.names.len();
        self.add_names(lexicon.names);
        let merges = merges_of_names_file(json);
        if !merges.is_empty() {
            self.add_merges(merges);
        }
        Ok(count)
    }

    /// Adds `names` to the user's names (one change in the history) and saves them.
    pub fn add_names(self, names: Vec<UserName>) {
        self.change_names(|book| {
            for name in names {
                book.add_name(name);
            }
            true
        });
    }

    /// Adds the merges of `merges` that are not there yet (one change in the history) and saves.
    pub fn add_merges(self, merges: Vec<Correction>) {
        self.change_merges(|book| {
            let mut added = false;
            for merge in merges.into_iter().filter(|m| matches!(m, Correction::Merge { .. })) {
                if !book.merges().contains(&merge) {
                    book.add(0, merge);
                    added = true;
                }
            }
            added
        });
    }

    /// The user's names as a lexicon file, with their merges ([`names_file`]).
    pub fn lexicon_file(self) -> String {
        self.book.with_untracked(|book| names_file(&book.lexicon, book.merges()))
    }

    /// Forgets a removed document's corrections (in the page; the store drops them with it).
    pub fn forget(self, doc: DocId) {
        if self.book.try_update(|book| book.forget(doc)) == Some(true) {
            self.save_doc(doc);
        }
        self.cache.update_value(|cache| drop(cache.remove(&doc)));
    }

    /// Puts in what another tab saved under `key` (`None`: deleted), without saving it again.
    pub fn reload(self, key: &str, json: Option<&str>) {
        self.book.try_update(|book| book.load(key, json));
    }

    /// Drops a document another tab removed, in this page only.
    pub fn drop_doc(self, doc: DocId) {
        self.book.try_update(|book| book.forget(doc));
        self.cache.try_update_value(|cache| drop(cache.remove(&doc)));
    }

    /// Takes a removed document's corrections out (in the page and the store), for an undo.
    pub fn take(self, doc: DocId) -> Vec<Correction> {
        let list = self.book.try_update(|book| book.take(doc)).unwrap_or_default();
        if !list.is_empty() {
            self.save_doc(doc);
        }
        self.cache.update_value(|cache| drop(cache.remove(&doc)));
        list
    }

    /// Takes every document's corrections out (the store drops them with each document), for an
    /// undo.
    pub fn take_docs(self) -> Vec<(DocId, Vec<Correction>)> {
        let taken = self.book.try_update(CorrectionBook::take_docs).unwrap_or_default();
        self.cache.update_value(HashMap::clear);
        taken
    }

    /// Gives a document back its corrections (in the page and the store): the undo of a removal.
    pub fn put_back(self, doc: DocId, list: Vec<Correction>) {
        if list.is_empty() {
            return;
        }
        self.book.update(|book| book.put_back(doc, list));
        self.save_doc(doc);
    }

    /// The analysis `raw` of document `doc` (whose text is `text`) with the corrections applied;
    /// `raw` itself when nothing applies. Reactive on the book; each result is kept until `raw`
    /// or the book changes.
    pub fn apply(self, doc: DocId, text: &str, raw: &Arc<Analysis>) -> Arc<Analysis> {
        let (generation, fixes, lexicon) = self.book.with(|book| {
            let fixes = book.fixes_for(doc);
            let lexicon = (!book.lexicon.names.is_empty()).then(|| book.lexicon.clone());
            (book.generation(), fixes, lexicon)
        });
        if fixes.is_empty() && lexicon.is_none() {
            return Arc::clone(raw);
        }
        let kept = self.cache.with_value(|cache| {
            cache
                .get(&doc)
                .filter(|c| c.generation == generation && Arc::ptr_eq(&c.raw, raw))
                .map(|c| Arc::clone(&c.corrected))
        });
        if let Some(corrected) = kept {
            return corrected;
        }
        let mut analysis = (**raw).clone();
        apply(text, &mut analysis, &fixes, &lexicon.unwrap_or_default());
        let corrected = Arc::new(analysis);
        let entry = Corrected { raw: Arc::clone(raw), generation, corrected: Arc::clone(&corrected) };
        self.cache.update_value(|cache| drop(cache.insert(doc, entry)));
        corrected
    }

    fn save_doc(self, doc: DocId) {
        let json = self.book.with_untracked(|book| {
            let list = book.of(doc);
            (!list.is_empty()).then(|| serde_json::to_string(list).unwrap_or_default())
        });
        self.save(doc_key(doc), json);
    }

    fn save_merges(self) {
        let json = self.book.with_untracked(|book| serde_json::to_string(book.merges()).unwrap_or_default());
        self.save(MERGES_KEY.to_owned(), Some(json));
    }

    fn save_lexicon(self) {
        let json = self.lexicon_file();
        self.save(LEXICON_KEY.to_owned(), Some(json));
    }

    /// Saves `json` under `key` (`None`: deletes it), retried until it is saved.
    fn save(self, key: String, json: Option<String>) {
        self.saver.run(format!("corrections:{key}"), move || {
            let (key, json) = (key.clone(), json.clone());
            async move { store::put_corrections(&key, json).await }
        });
    }
}

/// The names file: the user lexicon's file form ([`UserLexicon::to_json`]) with the user's
/// merges beside the names (`"merges": [...]`), so a colleague gets both.
pub fn names_file(lexicon: &UserLexicon, merges: &[Correction]) -> String {
    let mut value: serde_json::Value = serde_json::from_str(&lexicon.to_json()).unwrap_or_default();
    if let (Some(object), false) = (value.as_object_mut(), merges.is_empty()) {
        object.insert("merges".to_owned(), serde_json::to_value(merges).unwrap_or_default());
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// The merges of a names file ([`names_file`]); none when it has no (readable) `merges`.
pub fn merges_of_names_file(json: &str) -> Vec<Correction> {
    serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|mut value| value.get_mut("merges").map(serde_json::Value::take))
        .and_then(|merges| serde_json::from_value::<Vec<Correction>>(merges).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|m| matches!(m, Correction::Merge { .. }))
        .collect()
}

//! The page's state and what changes it: documents in and out, requests to the analysis
//! engine and its replies, and saving to the [`store`](super::store).
//!
//! A [`Session`] is a bundle of signals (it is `Copy`); the components get the signals they
//! show and callbacks that call its methods. Every change is applied in memory first; saving
//! happens after, and a failed save only adds a message.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::File;

use super::analyses::Tracker;
use super::corrections::{CorrectionBook, Corrections};
use super::engine::{EngineEvent, Link, Starter};
use super::files::{read_text, FileProblem};
use super::i18n::{Message, Msg};
use super::notices::Notes;
use super::settings::Settings;
use super::state::{DocId, Library, Source};
use super::store::{self, Saved, StoreError};
use super::undo::{BarNote, Change, Removed, Undo};
use super::worker_protocol::{FromWorker, Reply, Request};
use super::workspace_file::{open_error_message, read_workspace, FileDocument, WorkspaceFile, VERSION};

/// How long the paste box waits after the last keystroke before the text is analyzed.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// What the page found saved when it started.
#[derive(Debug, Clone)]
pub enum Restored {
    /// IndexedDB works; this is what earlier visits saved.
    Saved(Saved),
    /// IndexedDB is not available (the reason): the page works without saving, and says so.
    Unavailable(String),
    /// Saving is off (the browser tests).
    Off,
}

/// One store operation, which can be run again (see [`Saver::run`]).
type Operation = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<(), StoreError>>>>>;

/// How long a failed save waits before it is tried again.
pub const RETRY: Duration = Duration::from_secs(3);

/// Saves in the background when saving is on. A save that fails (the quota is full, the disk
/// refuses) stays in memory and is tried again every [`RETRY`], and one line of the notes says
/// how many changes are not saved yet until they all are; a later save of the same record
/// replaces a waiting one.
#[derive(Clone, Copy)]
pub struct Saver {
    enabled: bool,
    notes: Notes,
    /// The failed saves by record key, with the number of the attempt.
    pending: StoredValue<BTreeMap<String, (u64, Operation)>, LocalStorage>,
    /// The number of the latest attempt, and whether a retry is planned.
    serial: StoredValue<(u64, bool)>,
}

impl std::fmt::Debug for Saver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Saver").field("enabled", &self.enabled).finish_non_exhaustive()
    }
}

impl Saver {
    /// Saves when `enabled`, reporting failures in `notes`.
    pub fn new(enabled: bool, notes: Notes) -> Self {
        Saver { enabled, notes, pending: StoredValue::new_local(BTreeMap::new()), serial: StoredValue::new((0, false)) }
    }

    /// True when the page saves (IndexedDB opened).
    pub fn enabled(self) -> bool {
        self.enabled
    }

    /// How many changes wait to be saved.
    pub fn waiting(self) -> usize {
        self.pending.try_with_value(BTreeMap::len).unwrap_or(0)
    }

    /// Runs one store operation on the record `key` (built lazily: nothing is done when saving
    /// is off), again after [`RETRY`] while it fails.
    pub fn run<F: Future<Output = Result<(), StoreError>> + 'static>(
        self,
        key: String,
        operation: impl Fn() -> F + 'static,
    ) {
        if !self.enabled {
            return;
        }
        let operation: Operation = Rc::new(move || Box::pin(operation()));
        let Some(serial) = self.serial.try_update_value(|(serial, _)| {
            *serial += 1;
            *serial
        }) else {
            return;
        };
        // A waiting save of the same record is replaced (not tried again after this one).
        self.pending.try_update_value(|pending| drop(pending.remove(&key)));
        self.attempt(key, serial, operation);
    }

    fn attempt(self, key: String, serial: u64, operation: Operation) {
        let future = operation();
        spawn_local(async move {
            let result = future.await;
            let newer = |pending: &BTreeMap<String, (u64, Operation)>, key: &str| pending.get(key).is_some_and(|(s, _)| *s > serial);
            match result {
                Ok(()) => {
                    self.pending.try_update_value(|pending| {
                        if !newer(pending, &key) {
                            pending.remove(&key);
                        }
                    });
                    if self.waiting() == 0 {
                        self.notes.remove(Msg::NotSaved);
                    }
                }
                Err(error) => {
                    self.pending.try_update_value(|pending| {
                        if !newer(pending, &key) {
                            pending.insert(key, (serial, operation));
                        }
                    });
                    let count = self.waiting().to_string();
                    self.notes.replace(Message::new(Msg::NotSaved, &[&count, &error.to_string()]));
                    self.plan_retry();
                }
            }
        });
    }

    fn plan_retry(self) {
        if self.serial.try_update_value(|(_, planned)| std::mem::replace(planned, true)) != Some(false) {
            return;
        }
        set_timeout(
            move || {
                self.serial.try_update_value(|(_, planned)| *planned = false);
                let waiting: Vec<(String, u64, Operation)> = self
                    .pending
                    .try_with_value(|pending| pending.iter().map(|(k, (s, o))| (k.clone(), *s, Rc::clone(o))).collect())
                    .unwrap_or_default();
                for (key, serial, operation) in waiting {
                    self.attempt(key, serial, operation);
                }
            },
            RETRY,
        );
    }
}

/// The page's state (see the module documentation).
#[derive(Clone, Copy)]
pub struct Session {
    /// The documents.
    pub library: RwSignal<Library>,
    /// The document shown.
    pub selected: RwSignal<Option<DocId>>,
    /// Requests out and analyses in.
    pub tracker: RwSignal<Tracker>,
    /// Files of the latest batch that could not be read.
    pub problems: RwSignal<Vec<FileProblem>>,
    /// Status messages.
    pub notes: Notes,
    /// What the paste box must show after a restore or a removal (typing does not set it).
    pub paste_value: RwSignal<String>,
    /// Settings shared with every view.
    pub settings: Settings,
    /// The user's corrections and names.
    pub corrections: Corrections,
    /// The history of changes, and the undo bar.
    pub undo: Undo,
    /// What the last save or opening of a workspace file gave.
    pub workspace_status: RwSignal<Option<Message>>,
    saver: Saver,
    link: StoredValue<Link, LocalStorage>,
    debounce: StoredValue<Option<TimeoutHandle>>,
    /// Replies received since the last frame: taken in together, once a frame, so a batch of
    /// hundreds of documents updates the page a few times a second, not once per document.
    replies: StoredValue<Vec<Reply>>,
}

impl Session {
    /// Starts the engine and puts back what was saved. Call inside the page's reactive owner.
    pub fn start(starter: Starter, restored: Restored) -> Session {
        let notes = Notes::new();
        let (saver, saved) = match restored {
            Restored::Saved(saved) => (Saver::new(true, notes), saved),
            Restored::Unavailable(reason) => {
                notes.add(Message::new(Msg::SavingUnavailable, &[&reason]));
                (Saver::new(false, notes), Saved::default())
            }
            Restored::Off => (Saver::new(false, notes), Saved::default()),
        };
        if !saved.unreadable.is_empty() {
            notes.add(Message::new(Msg::RecordsUnreadable, &[&saved.unreadable.join(", ")]));
        }
        let (book, unreadable) = CorrectionBook::from_saved(&saved.corrections);
        if !unreadable.is_empty() {
            notes.add(Message::new(Msg::CorrectionsUnreadable, &[&unreadable.join(", ")]));
        }
        let undo = Undo::new();
        let session = Session {
            library: RwSignal::new(Library::new()),
            selected: RwSignal::new(None),
            tracker: RwSignal::new(Tracker::new()),
            problems: RwSignal::new(Vec::new()),
            notes,
            paste_value: RwSignal::new(String::new()),
            settings: Settings::new(saved.settings.clone(), saver),
            corrections: Corrections::new(book, saver, undo),
            undo,
            workspace_status: RwSignal::new(None),
            saver,
            link: StoredValue::new_local(Link::default()),
            debounce: StoredValue::new(None),
            replies: StoredValue::new(Vec::new()),
        };
        match starter.start(Rc::new(move |event| session.on_engine(event))) {
            Ok(engine) => session.link.set_value(Link::new(engine)),
            Err(reason) => session.engine_failed(&reason),
        }
        session.restore(saved);
        let selected = session.selected;
        Effect::new(move |_| {
            let id = selected.get();
            saver.run("selected".to_owned(), move || store::put_selected(id));
        });
        if saver.enabled() {
            store::listen(move |change| session.on_other_tab(change));
        }
        session
    }

    /// Another tab of the page saved `change`: this page reads that record again, so that its
    /// next save does not overwrite the other tab's work (nothing is saved back).
    fn on_other_tab(self, change: store::Change) {
        match change {
            store::Change::Document(id) => spawn_local(async move {
                match store::get_document(id).await {
                    Ok(Some(saved)) => self.reload_doc(saved.into()),
                    Ok(None) => self.drop_doc(id),
                    Err(_) => {}
                }
            }),
            store::Change::Corrections(key) => spawn_local(async move {
                if let Ok(json) = store::get_corrections(&key).await {
                    self.corrections.reload(&key, json.as_deref());
                }
            }),
            store::Change::Setting(key) => spawn_local(async move {
                if let Ok(value) = store::get_setting(&key).await {
                    self.settings.reload(&key, value);
                }
            }),
            store::Change::Cleared => {
                let ids: Vec<DocId> =
                    self.library.try_with_untracked(|l| l.docs().iter().map(|d| d.id).collect()).unwrap_or_default();
                for id in ids {
                    self.drop_doc(id);
                }
            }
        }
    }

    /// Puts in (or updates) a document another tab saved, and analyzes it.
    fn reload_doc(self, doc: super::state::Document) {
        let id = doc.id;
        if self.library.try_update(|library| library.upsert(doc)) != Some(true) {
            return;
        }
        if self.library.with_untracked(|library| library.pasted()) == Some(id) {
            self.cancel_typing();
            let text = self.library.with_untracked(|library| library.get(id).map(|d| d.text.to_string()));
            self.paste_value.set(text.unwrap_or_default());
        }
        if self.selected.get_untracked().is_none() {
            self.selected.set(Some(id));
        }
        self.analyze(id);
    }

    /// Takes out a document another tab deleted (in this page only).
    fn drop_doc(self, id: DocId) {
        let Some(Some(doc)) = self.library.try_update(|library| library.remove(id)) else { return };
        if doc.is_pasted() {
            self.cancel_typing();
            self.paste_value.set(String::new());
        }
        self.tracker.update(|tracker| tracker.forget(id));
        self.corrections.drop_doc(id);
        if self.selected.get_untracked() == Some(id) {
            self.selected.set(self.library.with_untracked(|library| library.docs().first().map(|doc| doc.id)));
        }
    }

    fn restore(self, saved: Saved) {
        let Saved { documents, selected, .. } = saved;
        self.library.update(|library| library.restore(documents.into_iter().map(Into::into).collect()));
        let (ids, pasted) = self.library.with_untracked(|library| {
            let pasted = library.docs().iter().find(|doc| doc.source == Source::Pasted).map(|doc| doc.text.to_string());
            (library.docs().iter().map(|doc| doc.id).collect::<Vec<_>>(), pasted)
        });
        if let Some(text) = pasted {
            self.paste_value.set(text);
        }
        let shown = selected.filter(|id| ids.contains(id)).or_else(|| ids.first().copied());
        self.selected.set(shown);
        self.analyze_all(&ids);
    }

    /// Sends a document to the engine (again).
    fn analyze(self, id: DocId) {
        self.analyze_all(&[id]);
    }

    /// Sends documents to the engine, with one update of the tracker for all of them (every
    /// update re-runs each row's state in the document list).
    fn analyze_all(self, ids: &[DocId]) {
        let docs: Vec<(DocId, String, String)> = self.library.with_untracked(|library| {
            ids.iter()
                .filter_map(|&id| library.get(id).map(|doc| (id, doc.name.clone(), doc.text.to_string())))
                .collect()
        });
        if docs.is_empty() {
            return;
        }
        let running = self.link.try_with_value(Link::is_running).unwrap_or(false);
        let Some(requests) = self.tracker.try_update(|tracker| {
            let requests: Vec<u32> = docs.iter().map(|(id, _, _)| tracker.request(*id)).collect();
            if !running {
                // The failure was already reported once: the documents just stay unanalyzed.
                tracker.fail_all("no analysis worker");
            }
            requests
        }) else {
            return;
        };
        if !running {
            return;
        }
        for ((_, name, text), request) in docs.into_iter().zip(requests) {
            let message = Request { id: request, name, text }.to_message();
            if let Err(reason) = self.link.try_update_value(|link| link.send(message)).unwrap_or(Ok(())) {
                self.engine_failed(&reason);
                return;
            }
        }
    }

    fn on_engine(self, event: EngineEvent) {
        match event {
            EngineEvent::Message(message) => match FromWorker::parse(&message) {
                Ok(FromWorker::Ready) => {
                    if let Some(Err(reason)) = self.link.try_update_value(Link::set_ready) {
                        self.engine_failed(&reason);
                    }
                }
                Ok(FromWorker::Reply(reply)) => self.queue_reply(reply),
                Err(error) => self.notes.add(Message::new(Msg::BadReply, &[&error.to_string()])),
            },
            EngineEvent::Failed(reason) => self.engine_failed(&reason),
        }
    }

    /// Keeps `reply` for the next frame (asking for one when it is the first kept).
    fn queue_reply(self, reply: Reply) {
        let first = self.replies.try_update_value(|replies| {
            replies.push(reply);
            replies.len() == 1
        });
        if first == Some(true) {
            request_animation_frame(move || {
                let replies = self.replies.try_update_value(std::mem::take).unwrap_or_default();
                self.tracker.try_update(|tracker| {
                    for reply in replies {
                        tracker.receive(reply);
                    }
                });
            });
        }
    }

    fn engine_failed(self, reason: &str) {
        self.link.try_update_value(Link::stop);
        self.tracker.try_update(|tracker| tracker.fail_all(reason));
        self.notes.add(Message::new(Msg::EngineFailed, &[reason]));
    }

    /// The paste box changed: the text is taken after [`DEBOUNCE`] without another change.
    pub fn typed(self, value: String) {
        self.cancel_typing();
        let handle = set_timeout_with_handle(move || self.set_pasted(&value), DEBOUNCE).ok();
        self.debounce.try_set_value(handle);
    }

    fn cancel_typing(self) {
        if let Some(Some(handle)) = self.debounce.try_get_value() {
            handle.clear();
        }
        self.debounce.try_set_value(None);
    }

    /// Creates, updates or (for blank text) removes the pasted document.
    pub fn set_pasted(self, text: &str) {
        let before = self.library.with_untracked(Library::pasted);
        let Some(id) = self.library.try_update(|library| library.set_pasted(text)) else { return };
        match id {
            Some(id) => {
                self.selected.set(Some(id));
                self.analyze(id);
                self.save(id);
            }
            None => {
                if let Some(old) = before {
                    self.forget(old);
                }
            }
        }
    }

    /// A new text is being pasted over the whole box: the text there stays a document of its
    /// own (saved under its new name), and the pasted one becomes a new document.
    pub fn new_paste(self) {
        self.cancel_typing();
        let Some(Some(id)) = self.library.try_update(Library::keep_pasted) else { return };
        self.save(id);
    }

    /// Reads `files` one after the other, then adds the readable ones as documents (the first
    /// is shown) and sends them to the engine together, so the batch's total is known from its
    /// first step; each unreadable file becomes a message naming it. Workspace files (named
    /// `*.kashif.json`) are opened as such ([`open_workspace_file`](Self::open_workspace_file)).
    pub fn add_files(self, files: Vec<File>) {
        let (workspaces, files): (Vec<File>, Vec<File>) =
            files.into_iter().partition(|file| super::workspace_file::is_workspace_name(&file.name()));
        for workspace in workspaces {
            self.open_workspace_file(workspace);
        }
        if files.is_empty() {
            return;
        }
        self.problems.set(Vec::new());
        spawn_local(async move {
            let mut texts = Vec::with_capacity(files.len());
            let mut problems = Vec::new();
            for file in files {
                let name = file.name();
                match read_text(&file).await {
                    Ok((text, byline)) => texts.push((name, text, byline)),
                    Err(error) => problems.push(FileProblem { name, reason: error.to_string() }),
                }
            }
            self.problems.try_set(problems);
            let Some(ids) = self.library.try_update(|library| {
                texts
                    .into_iter()
                    .map(|(name, text, byline)| {
                        let id = library.add_file(&name, text);
                        library.set_byline(id, byline);
                        id
                    })
                    .collect::<Vec<_>>()
            }) else {
                return;
            };
            if let Some(&first) = ids.first() {
                self.selected.set(Some(first));
            }
            self.analyze_all(&ids);
            for &id in &ids {
                self.save(id);
            }
        });
    }

    /// Removes one document with its corrections (from the page and the store); it can be
    /// put back by [`undo`](Self::undo) for [`UNDO_TIME`](super::undo::UNDO_TIME).
    pub fn remove(self, id: DocId) {
        if let Some(removed) = self.take_doc(id) {
            let serial = self.undo.record(Change::Deleted(removed.clone()));
            self.undo.show(serial, BarNote::Deleted(removed));
        }
    }

    /// Takes one document with its corrections out of the page and the store.
    fn take_doc(self, id: DocId) -> Option<Removed> {
        let selected = self.selected.get_untracked();
        let Some(Some(taken)) = self.library.try_update(|library| library.take(id)) else { return None };
        if taken.1.is_pasted() {
            self.cancel_typing();
            self.paste_value.set(String::new());
        }
        let corrections = vec![(id, self.corrections.take(id))];
        self.forget(id);
        Some(Removed { docs: vec![taken], corrections, selected, all: false })
    }

    /// Removes every document with its corrections; they can be put back by
    /// [`undo`](Self::undo) for [`UNDO_TIME`](super::undo::UNDO_TIME).
    pub fn clear(self) {
        if let Some(removed) = self.take_all() {
            let serial = self.undo.record(Change::Deleted(removed.clone()));
            self.undo.show(serial, BarNote::Deleted(removed));
        }
    }

    /// Takes every document with its corrections out of the page and the store.
    fn take_all(self) -> Option<Removed> {
        let selected = self.selected.get_untracked();
        self.cancel_typing();
        let docs = self.library.try_update(Library::take_all).unwrap_or_default();
        self.tracker.update(Tracker::clear);
        let corrections = self.corrections.take_docs();
        self.paste_value.set(String::new());
        self.selected.set(None);
        // One deletion per document (with its corrections): retried alone if it fails, it can
        // never delete a document added after it.
        for (_, doc) in &docs {
            self.unsave(doc.id);
        }
        (!docs.is_empty()).then_some(Removed { docs, corrections, selected, all: true })
    }

    /// Undoes the latest change (Ctrl+Z): puts deleted documents back, or a document's
    /// corrections, the merges or the names as they were. Changes about a document that is gone
    /// are skipped. Returns false when there was nothing to undo.
    pub fn undo(self) -> bool {
        while let Some(Some(entry)) = self.undo.history.try_update(super::undo::History::pop_undo) {
            self.undo.hide_bar_of(entry.serial);
            if self.apply(&entry.change, false) {
                self.undo.history.update(|history| history.push_redo(entry));
                return true;
            }
        }
        false
    }

    /// Redoes the latest change undone (Ctrl+Y, Ctrl+Shift+Z). Returns false when there was
    /// nothing to redo.
    pub fn redo(self) -> bool {
        while let Some(Some(entry)) = self.undo.history.try_update(super::undo::History::pop_redo) {
            if let Change::Deleted(removed) = &entry.change {
                let first = removed.docs.first().map(|(_, doc)| doc.id);
                let again = if removed.all { self.take_all() } else { first.and_then(|id| self.take_doc(id)) };
                if let Some(again) = again {
                    let serial = self.undo.history.try_update(|h| h.push_undo(Change::Deleted(again.clone())));
                    self.undo.show(serial.unwrap_or_default(), BarNote::Deleted(again));
                    return true;
                }
            } else if self.apply(&entry.change, true) {
                self.undo.history.update(|history| {
                    history.push_undo(entry.change);
                });
                return true;
            }
        }
        false
    }

    /// The bar's button: undoes the change the bar is about (a deletion even when other changes
    /// came after it).
    pub fn undo_bar(self) {
        let Some(serial) = self.undo.bar.with_untracked(|bar| bar.as_ref().map(|(serial, _)| *serial)) else { return };
        self.undo.hide_bar();
        if self.undo.history.with_untracked(|history| history.is_latest(serial)) {
            self.undo();
            return;
        }
        let Some(Some(entry)) = self.undo.history.try_update(|history| history.take_undo(serial)) else { return };
        if self.apply(&entry.change, false) {
            self.undo.history.update(|history| history.push_redo(entry));
        }
    }

    /// Applies `change` backward (`forward` false) or forward; false when it could not be.
    fn apply(self, change: &Change, forward: bool) -> bool {
        match change {
            Change::Deleted(removed) if !forward => {
                self.put_back(removed.clone());
                true
            }
            Change::Deleted(_) => false,
            Change::Descriptors { before, after } => {
                self.settings.set(super::settings::DESCRIPTORS, if forward { after } else { before });
                true
            }
            _ => {
                let library = self.library;
                self.corrections.apply_change(change, forward, |id| library.with_untracked(|l| l.get(id).is_some()))
            }
        }
    }

    /// Puts a deletion back: the documents in their places with their ids and corrections, in
    /// the page and the store, and the document that was shown.
    fn put_back(self, removed: Removed) {
        let Removed { docs, corrections, selected, .. } = removed;
        let pasted = docs.iter().find(|(_, doc)| doc.is_pasted()).map(|(_, doc)| (doc.id, doc.text.to_string()));
        let ids = self.library.try_update(|library| library.put_back(docs)).unwrap_or_default();
        for (id, list) in corrections.into_iter().filter(|(id, _)| ids.contains(id)) {
            self.corrections.put_back(id, list);
        }
        if let Some((_, text)) = pasted.filter(|(id, _)| ids.contains(id)) {
            self.paste_value.set(text);
        }
        let present = |id: &DocId| self.library.with_untracked(|library| library.get(*id).is_some());
        let shown = selected.filter(present).or(self.selected.get_untracked()).or_else(|| ids.first().copied());
        self.selected.set(shown);
        self.analyze_all(&ids);
        for &id in &ids {
            self.save(id);
        }
    }

    /// The whole workspace as one file: every document with its own corrections, the merges,
    /// the user's names and own descriptors.
    pub fn workspace_file(self) -> WorkspaceFile {
        let (documents, merges, names) = self.library.with_untracked(|library| {
            self.corrections.with_untracked(|book| {
                let documents = library
                    .docs()
                    .iter()
                    .map(|doc| FileDocument {
                        name: doc.name.clone(),
                        text: doc.text.to_string(),
                        source: doc.source,
                        byline: doc.byline.clone(),
                        corrections: book.of(doc.id).to_vec(),
                    })
                    .collect();
                (documents, book.merges().to_vec(), book.lexicon.names.clone())
            })
        });
        let descriptors = self.settings.get_untracked(super::settings::DESCRIPTORS).unwrap_or_default();
        WorkspaceFile { kashif_workspace: VERSION, documents, merges, names, descriptors }
    }

    /// Opens a workspace file: its documents are *added* (with fresh ids; what the page holds
    /// stays), each with its corrections; its merges, names and own descriptors join the
    /// page's. A document already here (same name, same text) is not added twice. The first
    /// document added is shown and all are analyzed. Returns how many documents were added and
    /// how many were already here.
    pub fn open_workspace(self, file: WorkspaceFile) -> (usize, usize) {
        let WorkspaceFile { documents, merges, names, descriptors, .. } = file;
        let total = documents.len();
        let added = self
            .library
            .try_update(|library| {
                documents
                    .into_iter()
                    .filter_map(|doc| {
                        let id = library.add_opened(&doc.name, &doc.text, doc.source)?;
                        library.set_byline(id, doc.byline);
                        Some((id, doc.corrections))
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let ids: Vec<DocId> = added.iter().map(|(id, _)| *id).collect();
        for (id, list) in added {
            self.corrections.put_back(id, list);
        }
        if !merges.is_empty() {
            self.corrections.add_merges(merges);
        }
        if !names.is_empty() {
            self.corrections.add_names(names);
        }
        if !descriptors.trim().is_empty() {
            let key = super::settings::DESCRIPTORS;
            let current = self.settings.get_untracked(key).unwrap_or_default();
            let joined = super::workspace_file::union_lines(&current, &descriptors);
            if joined != current {
                self.settings.set(key, &joined);
            }
        }
        let pasted = self.library.with_untracked(|library| {
            library.pasted().filter(|id| ids.contains(id)).and_then(|id| library.get(id).map(|d| d.text.to_string()))
        });
        if let Some(text) = pasted {
            self.paste_value.set(text);
        }
        if let Some(&first) = ids.first() {
            self.selected.set(Some(first));
        }
        self.analyze_all(&ids);
        for &id in &ids {
            self.save(id);
        }
        (ids.len(), total - ids.len())
    }

    /// Reads `file` as a workspace file and opens it ([`open_workspace`](Self::open_workspace));
    /// the outcome, or why the file was refused (nothing on the page changes then), goes to
    /// the notes.
    pub fn open_workspace_file(self, file: File) {
        let name = file.name();
        spawn_local(async move {
            let message = match read_workspace(&file).await {
                Ok(workspace) => {
                    let (added, known) = self.open_workspace(workspace);
                    Message::new(Msg::WorkspaceOpened, &[&name, &added.to_string(), &known.to_string()])
                }
                Err(error) => open_error_message(&name, &error),
            };
            self.workspace_status.try_set(Some(message));
        });
    }

    /// Downloads the workspace as one file ([`workspace_file`](Self::workspace_file)), named
    /// after today's date; the outcome goes to the workspace status.
    pub fn save_workspace(self) {
        let file = self.workspace_file();
        let count = file.documents.len().to_string();
        let date = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
        let name = format!("kashif-{}{}", date.get(..10).unwrap_or("workspace"), super::workspace_file::SUFFIX);
        let message = match super::export_panel::download(&name, &file.to_json(), "application/json") {
            Ok(()) => Message::new(Msg::WorkspaceSaved, &[&name, &count]),
            Err(_) => Message::new(Msg::DownloadFailed, &[]),
        };
        self.workspace_status.set(Some(message));
    }

    /// After a document left the library: drop its analysis, show another one, unsave it.
    fn forget(self, id: DocId) {
        self.tracker.update(|tracker| tracker.forget(id));
        self.corrections.forget(id);
        if self.selected.get_untracked() == Some(id) {
            self.selected.set(self.library.with_untracked(|library| library.docs().first().map(|doc| doc.id)));
        }
        self.unsave(id);
    }

    /// Deletes document `id` and its corrections from the store.
    fn unsave(self, id: DocId) {
        self.saver.run(format!("doc:{id}"), move || store::delete_document(id));
    }

    fn save(self, id: DocId) {
        if let Some(doc) = self.library.with_untracked(|library| library.get(id).cloned()) {
            self.saver.run(format!("doc:{id}"), move || {
                let doc = doc.clone();
                async move { store::put_document(&doc).await }
            });
        }
    }
}

//! The page's state and what changes it: documents in and out, requests to the analysis
//! engine and its replies, and saving to the [`store`](super::store).
//!
//! A [`Session`] is a bundle of signals (it is `Copy`); the components get the signals they
//! show and callbacks that call its methods. Every change is applied in memory first; saving
//! happens after, and a failed save only adds a message.

use std::future::Future;
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
use super::undo::{Removed, UNDO_TIME};
use super::worker_protocol::{FromWorker, Reply, Request};

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

/// Saves in the background when saving is on; a failure becomes a message.
#[derive(Debug, Clone, Copy)]
pub struct Saver {
    enabled: bool,
    notes: Notes,
}

impl Saver {
    /// Saves when `enabled`, reporting failures in `notes`.
    pub fn new(enabled: bool, notes: Notes) -> Self {
        Saver { enabled, notes }
    }

    /// Runs one store operation (built lazily: nothing is done when saving is off).
    pub fn run<F: Future<Output = Result<(), StoreError>> + 'static>(self, operation: impl FnOnce() -> F) {
        if !self.enabled {
            return;
        }
        let future = operation();
        let notes = self.notes;
        spawn_local(async move {
            if let Err(error) = future.await {
                notes.add(Message::new(Msg::SaveFailed, &[&error.to_string()]));
            }
        });
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
    /// The latest deletion, while it can still be undone.
    pub removed: RwSignal<Option<Removed>>,
    undo_timer: StoredValue<Option<TimeoutHandle>>,
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
        let (book, unreadable) = CorrectionBook::from_saved(&saved.corrections);
        if !unreadable.is_empty() {
            notes.add(Message::new(Msg::CorrectionsUnreadable, &[&unreadable.join(", ")]));
        }
        let session = Session {
            library: RwSignal::new(Library::new()),
            selected: RwSignal::new(None),
            tracker: RwSignal::new(Tracker::new()),
            problems: RwSignal::new(Vec::new()),
            notes,
            paste_value: RwSignal::new(String::new()),
            settings: Settings::new(saved.settings.clone(), saver),
            corrections: Corrections::new(book, saver),
            removed: RwSignal::new(None),
            undo_timer: StoredValue::new(None),
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
            saver.run(move || store::put_selected(id));
        });
        session
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
    /// first step; each unreadable file becomes a message naming it.
    pub fn add_files(self, files: Vec<File>) {
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
                    Ok(text) => texts.push((name, text)),
                    Err(error) => problems.push(FileProblem { name, reason: error.to_string() }),
                }
            }
            self.problems.try_set(problems);
            let Some(ids) = self.library.try_update(|library| {
                texts.into_iter().map(|(name, text)| library.add_file(&name, text)).collect::<Vec<_>>()
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
    /// put back by [`undo`](Self::undo) for [`UNDO_TIME`].
    pub fn remove(self, id: DocId) {
        let selected = self.selected.get_untracked();
        let Some(Some(taken)) = self.library.try_update(|library| library.take(id)) else { return };
        if taken.1.is_pasted() {
            self.cancel_typing();
            self.paste_value.set(String::new());
        }
        let corrections = vec![(id, self.corrections.take(id))];
        self.forget(id);
        self.keep_for_undo(Removed { docs: vec![taken], corrections, selected, all: false });
    }

    /// Removes every document with its corrections; they can be put back by
    /// [`undo`](Self::undo) for [`UNDO_TIME`].
    pub fn clear(self) {
        let selected = self.selected.get_untracked();
        self.cancel_typing();
        let docs = self.library.try_update(Library::take_all).unwrap_or_default();
        self.tracker.update(Tracker::clear);
        let corrections = self.corrections.take_docs();
        self.paste_value.set(String::new());
        self.selected.set(None);
        self.saver.run(store::clear);
        if !docs.is_empty() {
            self.keep_for_undo(Removed { docs, corrections, selected, all: true });
        }
    }

    /// Offers to undo `removed` for [`UNDO_TIME`]; an earlier deletion can no longer be undone.
    fn keep_for_undo(self, removed: Removed) {
        self.stop_undo_timer();
        self.removed.set(Some(removed));
        let handle = set_timeout_with_handle(
            move || {
                self.removed.try_set(None);
                self.undo_timer.try_set_value(None);
            },
            UNDO_TIME,
        )
        .ok();
        self.undo_timer.try_set_value(handle);
    }

    fn stop_undo_timer(self) {
        if let Some(Some(handle)) = self.undo_timer.try_get_value() {
            handle.clear();
        }
        self.undo_timer.try_set_value(None);
    }

    /// Puts the latest deletion back: the documents in their places with their ids and
    /// corrections, in the page and the store, and the document that was shown.
    pub fn undo(self) {
        self.stop_undo_timer();
        let Some(Some(removed)) = self.removed.try_update(Option::take) else { return };
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

    /// After a document left the library: drop its analysis, show another one, unsave it.
    fn forget(self, id: DocId) {
        self.tracker.update(|tracker| tracker.forget(id));
        self.corrections.forget(id);
        if self.selected.get_untracked() == Some(id) {
            self.selected.set(self.library.with_untracked(|library| library.docs().first().map(|doc| doc.id)));
        }
        self.saver.run(move || store::delete_document(id));
    }

    fn save(self, id: DocId) {
        if let Some(doc) = self.library.with_untracked(|library| library.get(id).cloned()) {
            self.saver.run(move || async move { store::put_document(&doc).await });
        }
    }
}

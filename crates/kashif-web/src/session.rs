//! The page's state and what changes it: documents in and out, requests to the analysis
//! engine and its replies, and saving to the [`store`](super::store).
//!
//! A [`Session`] is a bundle of signals (it is `Copy`); the components get the signals they
//! show and callbacks that call its methods. What the page shows of it (the view, the entity
//! followed, the span lit up…) and the memos derived from it are the
//! [`ViewState`](super::view_state::ViewState). Every change is applied in memory first; saving
//! happens after, and a failed save only adds a message.

use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::File;

use super::analyses::Tracker;
use super::corrections::{CorrectionBook, Corrections};
use super::engine::{EngineEvent, Inbox, Job, Link, Role, Starter};
use super::files::{read_text, FileProblem};
use super::i18n::{Message, Msg};
use super::notices::Notes;
use super::saver::Saver;
use super::settings::Settings;
use super::state::{DocId, Library, Source};
use super::store::{self, Saved};
use super::undo::{BarNote, Change, Removed, Undo};
use super::worker_protocol::{Fault, FromWorker, LinkRequest, Reply, Request};
use super::workspace::{fingerprint, AnalysedDoc, Relinks};
use super::workspace_file::{open_error_message, read_workspace, FileDocument, WorkspaceFile, VERSION};

/// How long the paste box waits after the last keystroke before the text is analyzed.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// The setting that keeps, between visits, the documents whose analysis failed or was
/// cancelled (JSON: id → [`Held`]): they are not sent to the worker again on the next visit, but
/// wait for the user's Retry. (A setting rather than a field of the saved document, so the
/// store's records stay as they are.)
pub const HELD: &str = "held-analyses";

/// Why a document's analysis is held back (see [`HELD`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Held {
    /// The worker crashed on it (the reason).
    Failed(String),
    /// The user cancelled it.
    Cancelled,
}

/// The documents a link request sent: id and [`fingerprint`] of each, in order.
type Sent = Vec<(DocId, u64)>;

/// How many times in a row a worker may crash with no document to blame before the page gives
/// up starting new ones.
const BLAMELESS_CRASHES: u32 = 3;

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

/// The documents, their analyses, the corrections and settings, and what changes them (see the
/// module documentation).
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
    /// The document the worker is analyzing now (the one a cancel stops).
    pub running: RwSignal<Option<DocId>>,
    /// What the linking worker (a second engine) found; see [`request_linking`](Self::request_linking).
    pub relinks: RwSignal<Arc<Relinks>>,
    /// True when there is no linking worker (it failed): the page links on its own thread.
    pub linking_off: RwSignal<bool>,
    /// Bumped when the documents changed while the linking worker was busy: they are sent again.
    pub link_again: RwSignal<u32>,
    linker: StoredValue<Link, LocalStorage>,
    /// The documents (id, fingerprint) each link request sent, by request id.
    link_sent: StoredValue<Vec<(u32, Sent)>>,
    /// Whether the documents changed since the link request in flight was sent.
    link_dirty: StoredValue<bool>,
    /// The id of the latest link request.
    next_link: StoredValue<u32>,
    /// Crashes in a row with no document being analyzed (see [`BLAMELESS_CRASHES`]).
    blameless: StoredValue<u32>,
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
            running: RwSignal::new(None),
            relinks: RwSignal::new(Arc::default()),
            linking_off: RwSignal::new(false),
            link_again: RwSignal::new(0),
            linker: StoredValue::new_local(Link::new(starter.clone(), Role::Linking)),
            link_sent: StoredValue::new(Vec::new()),
            link_dirty: StoredValue::new(false),
            next_link: StoredValue::new(0),
            link: StoredValue::new_local(Link::new(starter, Role::Analysis)),
            blameless: StoredValue::new(0),
            debounce: StoredValue::new(None),
            replies: StoredValue::new(Vec::new()),
        };
        if let Err(reason) = session.start_engine() {
            session.engine_failed(&reason);
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
        // What failed or was cancelled on an earlier visit waits for Retry.
        let held = self.held();
        self.tracker.update(|tracker| {
            for (&id, held) in held.iter().filter(|(id, _)| ids.contains(id)) {
                match held {
                    Held::Failed(reason) => tracker.fail(id, reason),
                    Held::Cancelled => tracker.cancel(id),
                }
            }
        });
        let ids: Vec<DocId> = ids.into_iter().filter(|id| !held.contains_key(id)).collect();
        self.analyze_all(&ids);
    }

    /// The documents whose analysis is held back (see [`HELD`]).
    fn held(self) -> BTreeMap<DocId, Held> {
        self.settings.get_untracked(HELD).and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default()
    }

    /// Changes the documents held back, saving them when they changed.
    fn update_held(self, change: impl FnOnce(&mut BTreeMap<DocId, Held>)) {
        let mut held = self.held();
        let before = held.clone();
        change(&mut held);
        if held != before {
            self.settings.set(HELD, &serde_json::to_string(&held).unwrap_or_default());
        }
    }

    /// Changes the link to the analysis engine, then shows which document it is working on.
    fn link_update<T>(self, change: impl FnOnce(&mut Link) -> T) -> Option<T> {
        let result = self.link.try_update_value(change);
        let running = self.link.try_with_value(|link| link.current().map(|job| job.doc)).flatten();
        if self.running.try_get_untracked() != Some(running) {
            self.running.try_set(running);
        }
        result
    }

    /// Starts an engine (again), its events tagged with its generation.
    fn start_engine(self) -> Result<(), String> {
        let inbox = move |generation: u32| -> Inbox { Rc::new(move |event| self.on_engine(generation, event)) };
        self.link_update(|link| link.start(inbox)).unwrap_or(Ok(()))
    }

    /// Cancels `id`'s analysis: the worker analyzing it is stopped and a new one started (the
    /// other documents go on); a document still queued just leaves the queue. It waits, marked
    /// cancelled, for [`retry`](Self::retry), on this visit and the next.
    pub fn cancel(self, id: DocId) {
        if self.tracker.with_untracked(|tracker| tracker.status(id)) != super::analyses::Status::Waiting {
            return;
        }
        let running = self.link.try_with_value(|link| link.current().map(|job| job.doc)).flatten();
        if running == Some(id) {
            self.link_update(Link::take_current);
            if let Err(reason) = self.start_engine() {
                self.engine_failed(&reason);
            }
        } else {
            self.link_update(|link| link.unqueue(id));
        }
        self.tracker.update(|tracker| tracker.cancel(id));
        self.update_held(|held| {
            held.insert(id, Held::Cancelled);
        });
    }

    /// Sends a document that failed or was cancelled to the worker again.
    pub fn retry(self, id: DocId) {
        self.analyze(id);
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
        self.update_held(|held| {
            for (id, _, _) in &docs {
                held.remove(id);
            }
        });
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
        for ((doc, name, text), request) in docs.into_iter().zip(requests) {
            let fault = test_fault(&name);
            let message = Request { id: request, name: name.clone(), text, fault }.to_message();
            let job = Job { doc, request, name, message };
            if let Err(reason) = self.link_update(|link| link.send(job)).unwrap_or(Ok(())) {
                self.engine_failed(&reason);
                return;
            }
        }
    }

    fn on_engine(self, generation: u32, event: EngineEvent) {
        if self.link.try_with_value(Link::generation) != Some(generation) {
            return; // an engine stopped since: what it still says does not count
        }
        match event {
            EngineEvent::Message(message) => match FromWorker::parse(&message) {
                Ok(FromWorker::Ready) => {
                    if let Some(Err(reason)) = self.link_update(Link::set_ready) {
                        self.engine_failed(&reason);
                    }
                }
                Ok(FromWorker::Reply(reply)) => {
                    self.blameless.try_set_value(0);
                    let id = reply.id;
                    self.queue_reply(reply);
                    if let Some(Err(reason)) = self.link_update(|link| link.answered(id)) {
                        self.engine_failed(&reason);
                    }
                }
                Ok(FromWorker::Crash(panic)) => self.worker_crashed(&format!("panic: {panic}")),
                Ok(FromWorker::Linked(_)) => {}
                Err(error) => self.notes.add(Message::new(Msg::BadReply, &[&error.to_string()])),
            },
            // Before it was ready, the worker could not even start: starting another would fail
            // the same way.
            EngineEvent::Failed(reason) if !self.link.try_with_value(Link::is_ready).unwrap_or(false) => {
                self.engine_failed(&reason)
            }
            EngineEvent::Failed(reason) => {
                self.worker_crashed(&format!("out of memory, or another abort without a panic message: {reason}"))
            }
        }
    }

    /// Sends the names of the analysed `docs` to the linking worker (when it is free; else once
    /// it answered), to link them across documents off the page's thread.
    pub fn request_linking(self, docs: &[AnalysedDoc]) {
        if self.linking_off.get_untracked() {
            return;
        }
        // The linking worker starts with the first analysis, so that it does not compete with
        // the analysis worker for the processor while the page loads.
        if !self.linker.try_with_value(Link::is_running).unwrap_or(false) && (docs.is_empty() || !self.start_linker()) {
            return;
        }
        if self.linker.try_with_value(|linker| linker.current().is_some()).unwrap_or(false) {
            self.link_dirty.try_set_value(true);
            return;
        }
        let Some(request) = self.next_link.try_update_value(|next| {
            *next = next.wrapping_add(1).max(1);
            *next
        }) else {
            return;
        };
        let sent: Vec<(DocId, u64)> = docs.iter().map(|doc| (doc.id, fingerprint(&doc.analysis))).collect();
        let message = LinkRequest {
            link: request,
            docs: docs.iter().map(|doc| kashif_core::link::linked_mentions(&doc.analysis)).collect(),
        }
        .to_message();
        self.link_sent.try_update_value(|all| all.push((request, sent)));
        let job = Job { doc: 0, request, name: String::new(), message };
        if let Some(Err(_)) = self.linker.try_update_value(|linker| linker.send(job)) {
            self.linking_failed();
        }
    }

    /// Starts the linking worker; false (and linking on the page's thread from now on) when it
    /// cannot start.
    fn start_linker(self) -> bool {
        let inbox = move |generation: u32| -> Inbox { Rc::new(move |event| self.on_linker(generation, event)) };
        let started = self.linker.try_update_value(|linker| linker.start(inbox)).is_some_and(|started| started.is_ok());
        if !started {
            self.linking_failed();
        }
        started
    }

    fn on_linker(self, generation: u32, event: EngineEvent) {
        if self.linker.try_with_value(Link::generation) != Some(generation) {
            return;
        }
        match event {
            EngineEvent::Message(message) => match FromWorker::parse(&message) {
                Ok(FromWorker::Ready) => {
                    if let Some(Err(_)) = self.linker.try_update_value(Link::set_ready) {
                        self.linking_failed();
                    }
                }
                Ok(FromWorker::Linked(linked)) => {
                    let sent = self.link_sent.try_update_value(|all| {
                        let at = all.iter().position(|(id, _)| *id == linked.linked)?;
                        let sent = all.remove(at).1;
                        all.retain(|(id, _)| id.wrapping_sub(linked.linked) < u32::MAX / 2);
                        Some(sent)
                    });
                    if let Some(Some(sent)) = sent {
                        self.relinks.try_set(Arc::new(Relinks::new(sent, linked.relinks)));
                    }
                    if let Some(Err(_)) = self.linker.try_update_value(|linker| linker.answered(Some(linked.linked))) {
                        self.linking_failed();
                    }
                    if self.link_dirty.try_update_value(std::mem::take) == Some(true) {
                        self.link_again.try_update(|again| *again = again.wrapping_add(1));
                    }
                }
                Ok(_) => {}
                Err(error) => self.notes.add(Message::new(Msg::BadReply, &[&error.to_string()])),
            },
            EngineEvent::Failed(_) => self.linking_failed(),
        }
    }

    /// The linking worker failed: the page links on its own thread from now on.
    fn linking_failed(self) {
        self.linker.try_update_value(Link::stop);
        self.linking_off.try_set(true);
    }

    /// The worker crashed (a panic, or out of memory): the document it was analyzing is marked
    /// failed, by name, and held back until Retry; a new worker takes the other documents.
    fn worker_crashed(self, reason: &str) {
        let job = self.link_update(Link::take_current).flatten();
        let blamed = job
            .filter(|job| self.tracker.with_untracked(|tracker| tracker.waiting_request(job.doc)) == Some(job.request));
        if let Some(job) = blamed {
            self.blameless.try_set_value(0);
            self.tracker.update(|tracker| tracker.fail(job.doc, reason));
            self.update_held(|held| {
                held.insert(job.doc, Held::Failed(reason.to_owned()));
            });
            self.notes.add(Message::new(Msg::WorkerCrashed, &[&job.name, reason]));
        } else {
            let crashes = self.blameless.try_update_value(|count| {
                *count += 1;
                *count
            });
            if crashes.unwrap_or(0) >= BLAMELESS_CRASHES {
                self.engine_failed(reason);
                return;
            }
        }
        if let Err(reason) = self.start_engine() {
            self.engine_failed(&reason);
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
        self.link_update(Link::stop);
        self.tracker.try_update(|tracker| tracker.fail_all(reason));
        self.notes.add(Message::new(Msg::EngineFailed, &[reason]));
    }

    /// The paste box changed: the text is taken after [`DEBOUNCE`] without another change, or at
    /// once when it came `whole` (a paste or a drop: no more keys are coming).
    pub fn typed(self, value: String, whole: bool) {
        self.cancel_typing();
        if whole {
            self.set_pasted(&value);
            return;
        }
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
        self.link_update(|link| {
            for (_, doc) in &docs {
                link.unqueue(doc.id);
            }
        });
        self.update_held(BTreeMap::clear);
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
        self.link_update(|link| link.unqueue(id));
        self.update_held(|held| {
            held.remove(&id);
        });
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

/// The fault the end-to-end tests ask for the document `name`: the page's global object may
/// hold `kashifTestFaults`, an object from document names to `"panic"`, `"oom"` or `"hang"`
/// (see [`Fault`]). Nothing the page's user types or drops can set it.
fn test_fault(name: &str) -> Option<Fault> {
    let faults = js_sys::Reflect::get(&js_sys::global(), &"kashifTestFaults".into()).ok()?;
    if !faults.is_object() {
        return None;
    }
    let fault = js_sys::Reflect::get(&faults, &name.into()).ok()?.as_string()?;
    Fault::from_name(&fault)
}

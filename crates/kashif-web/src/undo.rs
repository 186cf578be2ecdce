//! Undo and redo. Every change the user makes to the documents and corrections is a [`Change`]
//! in one [`History`]: a deletion of documents, a document's corrections, the merges, the
//! user's names. Ctrl+Z undoes the latest, Ctrl+Y or Ctrl+Shift+Z redoes it, when the focus is
//! not in a text field (where the browser's own undo of the typing keeps the keys).
//!
//! A deletion (what it took away: documents, their places and corrections) stays undoable for
//! [`UNDO_TIME`], while a bar says what was deleted and offers to put it back; the removal of
//! one of the user's names shows the same bar.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

use super::i18n::{use_i18n, Lang, Msg};
use super::state::{DocId, Document};
use kashif_core::corrections::{Correction, UserName};

/// How long a deletion can be undone (or until the next deletion).
pub const UNDO_TIME: Duration = Duration::from_secs(10);

/// What one deletion removed, to put back exactly as it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    /// The documents, each with its place in the list.
    pub docs: Vec<(usize, Document)>,
    /// Their own corrections (the merges and the user's names are never deleted with them).
    pub corrections: Vec<(DocId, Vec<Correction>)>,
    /// The document shown before the deletion.
    pub selected: Option<DocId>,
    /// Whether it was «remove all».
    pub all: bool,
}

impl Removed {
    /// What the undo bar says was deleted, in `lang`.
    ///
    /// ```ignore
    /// use crate::i18n::Lang;
    /// use crate::state::Library;
    /// use crate::undo::Removed;
    /// let mut library = Library::new();
    /// let id = library.add_file("a.txt", "أ".into());
    /// let docs = vec![library.take(id).unwrap()];
    /// let removed = Removed { docs, corrections: Vec::new(), selected: Some(id), all: false };
    /// assert_eq!(removed.label(Lang::En), "Deleted “\u{2068}a.txt\u{2069}”");
    /// ```
    pub fn label(&self, lang: Lang) -> String {
        match self.docs.as_slice() {
            [(_, doc)] if !self.all => {
                super::i18n::fill(super::i18n::text(lang, Msg::DeletedOne), &[&doc.shown_name(lang)])
            }
            docs => super::i18n::fill(super::i18n::text(lang, Msg::DeletedAll), &[&docs.len()]),
        }
    }
}

/// True for Ctrl+Z (⌘Z on a Mac) pressed outside a text field, where the browser's own undo of
/// the typing must keep the key.
pub fn is_undo_key(ev: &KeyboardEvent) -> bool {
    let plain_z =
        ev.key().eq_ignore_ascii_case("z") && (ev.ctrl_key() || ev.meta_key()) && !ev.shift_key() && !ev.alt_key();
    plain_z && !in_text_field(ev)
}

/// True for Ctrl+Y or Ctrl+Shift+Z (⌘⇧Z on a Mac) pressed outside a text field.
pub fn is_redo_key(ev: &KeyboardEvent) -> bool {
    let command = (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key();
    let key = ev.key();
    let redo = (key.eq_ignore_ascii_case("z") && ev.shift_key()) || (key.eq_ignore_ascii_case("y") && !ev.shift_key());
    command && redo && !in_text_field(ev)
}

/// Whether the key went to a text box, a text input, a list or an editable element.
fn in_text_field(ev: &KeyboardEvent) -> bool {
    let Some(element) = ev.target().and_then(|target| target.dyn_into::<HtmlElement>().ok()) else { return false };
    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || element.is_content_editable()
}

/// A change that can be undone and redone.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Documents deleted (undo puts them back; redo deletes them again).
    Deleted(Removed),
    /// Document `doc`'s own corrections changed from `before` to `after`.
    Doc {
        /// The document.
        doc: DocId,
        /// Its corrections before.
        before: Vec<Correction>,
        /// And after.
        after: Vec<Correction>,
    },
    /// The merges of entities changed.
    Merges {
        /// Before.
        before: Vec<Correction>,
        /// After.
        after: Vec<Correction>,
    },
    /// The user's names changed.
    Names {
        /// Before.
        before: Vec<UserName>,
        /// After.
        after: Vec<UserName>,
    },
    /// The reader's own framing descriptors changed (the setting's TSV).
    Descriptors {
        /// Before.
        before: String,
        /// After.
        after: String,
    },
}

/// One change in the history, numbered so the bar and the deletion's timer can find it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its number (never reused).
    pub serial: u64,
    /// What changed.
    pub change: Change,
}

/// The most changes kept to undo.
pub const HISTORY_DEPTH: usize = 200;

/// The changes that can be undone (latest last) and those undone that can be redone.
///
/// ```ignore
/// use crate::undo::{Change, History};
/// let mut history = History::default();
/// let merges = || Change::Merges { before: Vec::new(), after: Vec::new() };
/// let first = history.record(merges());
/// let entry = history.pop_undo().unwrap();
/// assert_eq!(entry.serial, first);
/// history.push_redo(entry);
/// history.record(merges());
/// assert!(history.pop_redo().is_none(), "a new change ends the redo");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    next: u64,
}

impl History {
    /// Records a new change (what was undone can no longer be redone); returns its number.
    pub fn record(&mut self, change: Change) -> u64 {
        self.redo.clear();
        self.push_undo(change)
    }

    /// Records a change redone (the other undone changes can still be redone); returns its number.
    pub fn push_undo(&mut self, change: Change) -> u64 {
        self.next += 1;
        self.undo.push(Entry { serial: self.next, change });
        if self.undo.len() > HISTORY_DEPTH {
            self.undo.remove(0);
        }
        self.next
    }

    /// Takes the latest change to undo.
    pub fn pop_undo(&mut self) -> Option<Entry> {
        self.undo.pop()
    }

    /// Takes change number `serial` out of the changes to undo, wherever it is.
    pub fn take_undo(&mut self, serial: u64) -> Option<Entry> {
        let index = self.undo.iter().position(|entry| entry.serial == serial)?;
        Some(self.undo.remove(index))
    }

    /// Whether change number `serial` is the latest to undo.
    pub fn is_latest(&self, serial: u64) -> bool {
        self.undo.last().is_some_and(|entry| entry.serial == serial)
    }

    /// Keeps an undone change to redo.
    pub fn push_redo(&mut self, entry: Entry) {
        self.redo.push(entry);
    }

    /// Takes the latest undone change to redo.
    pub fn pop_redo(&mut self) -> Option<Entry> {
        self.redo.pop()
    }
}

/// What the undo bar says.
#[derive(Debug, Clone, PartialEq)]
pub enum BarNote {
    /// A deletion of documents.
    Deleted(Removed),
    /// The user's name that was removed.
    NameRemoved(String),
    /// The reader's own descriptor that was removed.
    DescriptorRemoved(String),
}

impl BarNote {
    /// The bar's text in `lang`.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            BarNote::Deleted(removed) => removed.label(lang),
            BarNote::NameRemoved(name) => super::i18n::fill(super::i18n::text(lang, Msg::NameRemoved), &[name]),
            BarNote::DescriptorRemoved(term) => {
                super::i18n::fill(super::i18n::text(lang, Msg::DescriptorRemoved), &[term])
            }
        }
    }
}

/// The history and the undo bar of the page (`Copy`: signals).
#[derive(Debug, Clone, Copy)]
pub struct Undo {
    /// The changes.
    pub history: RwSignal<History>,
    /// What the bar says, with the number of the change its button undoes.
    pub bar: RwSignal<Option<(u64, BarNote)>>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Default for Undo {
    fn default() -> Self {
        Self::new()
    }
}

impl Undo {
    /// An empty history, no bar.
    pub fn new() -> Undo {
        Undo { history: RwSignal::new(History::default()), bar: RwSignal::new(None), timer: StoredValue::new(None) }
    }

    /// Records a new change; returns its number. A bar about another change than a deletion
    /// goes (its button would no longer undo the latest change).
    pub fn record(self, change: Change) -> u64 {
        let serial = self.history.try_update(|history| history.record(change)).unwrap_or_default();
        if self.bar.with_untracked(|bar| bar.as_ref().is_some_and(|(_, note)| !matches!(note, BarNote::Deleted(_)))) {
            self.hide_bar();
        }
        serial
    }

    /// Shows the bar about change number `serial` for [`UNDO_TIME`]. A deletion can be undone
    /// only that long: then it leaves the history (its documents are not kept any longer).
    pub fn show(self, serial: u64, note: BarNote) {
        let deletion = matches!(note, BarNote::Deleted(_));
        self.stop_timer();
        self.bar.set(Some((serial, note)));
        let handle = set_timeout_with_handle(move || self.hide_bar(), UNDO_TIME).ok();
        self.timer.try_set_value(handle);
        if deletion {
            set_timeout(
                move || {
                    self.history.try_update(|history| drop(history.take_undo(serial)));
                },
                UNDO_TIME,
            );
        }
    }

    /// Hides the bar (the change stays in the history).
    pub fn hide_bar(self) {
        self.stop_timer();
        self.bar.try_set(None);
    }

    /// Hides the bar when it is about change number `serial`.
    pub fn hide_bar_of(self, serial: u64) {
        if self.bar.with_untracked(|bar| bar.as_ref().is_some_and(|(shown, _)| *shown == serial)) {
            self.hide_bar();
        }
    }

    fn stop_timer(self) {
        if let Some(Some(handle)) = self.timer.try_get_value() {
            handle.clear();
        }
        self.timer.try_set_value(None);
    }
}

/// The bar «Deleted … · Undo», shown while a deletion (or the removal of a name) can be undone.
#[component]
pub fn UndoBar(
    /// What the bar says, when it is shown.
    #[prop(into)]
    removed: Signal<Option<String>>,
    /// Undoes it.
    on_undo: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || removed.with(Option::is_some)>
            <div class="undo-bar" role="status" data-testid="undo-bar">
                <span data-testid="undo-what">{move || removed.get().unwrap_or_default()}</span>
                <span aria-hidden="true">" · "</span>
                <button type="button" class="undo-button" data-testid="undo" title="Ctrl+Z" on:click=move |_| on_undo.run(())>
                    {i18n.t(Msg::Undo)}
                </button>
            </div>
        </Show>
    }
}

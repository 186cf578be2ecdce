//! Undoing a deletion: what a removal took away (documents, their places and corrections) is
//! kept for [`UNDO_TIME`], while a bar says what was deleted and offers to put it back; Ctrl+Z
//! does the same when the focus is not in a text field.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

use super::i18n::{use_i18n, Lang, Msg};
use super::state::{DocId, Document};
use crate::corrections::Correction;

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
    /// ```
    /// use kashif::web::i18n::Lang;
    /// use kashif::web::state::Library;
    /// use kashif::web::undo::Removed;
    /// let mut library = Library::new();
    /// let id = library.add_file("a.txt", "أ".into());
    /// let docs = vec![library.take(id).unwrap()];
    /// let removed = Removed { docs, corrections: Vec::new(), selected: Some(id), all: false };
    /// assert_eq!(removed.label(Lang::En), "Deleted “\u{2068}a.txt\u{2069}”");
    /// ```
    pub fn label(&self, lang: Lang) -> String {
        match self.docs.as_slice() {
            [(_, doc)] if !self.all => super::i18n::fill(super::i18n::text(lang, Msg::DeletedOne), &[&doc.shown_name(lang)]),
            docs => super::i18n::fill(super::i18n::text(lang, Msg::DeletedAll), &[&docs.len()]),
        }
    }
}

/// True for Ctrl+Z (⌘Z on a Mac) pressed outside a text field, where the browser's own undo of
/// the typing must keep the key.
pub fn is_undo_key(ev: &KeyboardEvent) -> bool {
    let plain_z = ev.key().eq_ignore_ascii_case("z") && (ev.ctrl_key() || ev.meta_key()) && !ev.shift_key() && !ev.alt_key();
    plain_z && !in_text_field(ev)
}

/// Whether the key went to a text box, a text input, a list or an editable element.
fn in_text_field(ev: &KeyboardEvent) -> bool {
    let Some(element) = ev.target().and_then(|target| target.dyn_into::<HtmlElement>().ok()) else { return false };
    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || element.is_content_editable()
}

/// The bar «Deleted … · Undo», shown while a deletion can be undone; Ctrl+Z outside a text
/// field presses its button.
#[component]
pub fn UndoBar(
    /// The deletion that can be undone, if any.
    #[prop(into)]
    removed: Signal<Option<String>>,
    /// Puts the deleted documents back.
    on_undo: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let handle = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if removed.with_untracked(Option::is_some) && is_undo_key(&ev) {
            ev.prevent_default();
            on_undo.run(());
        }
    });
    on_cleanup(move || handle.remove());
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


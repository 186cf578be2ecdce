//! Getting text in: the paste box, the file picker, and the page-wide drop zone.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, File, HtmlInputElement, HtmlTextAreaElement};

use super::files::{dropped_entries, files_of, files_under};
use super::i18n::{use_i18n, Msg};

/// True when what is pasted into `box_` replaces a text it holds, whole (all of it selected).
fn pastes_over_all(box_: &HtmlTextAreaElement) -> bool {
    let value = box_.value();
    let length = value.encode_utf16().count() as u32;
    let start = box_.selection_start().ok().flatten().unwrap_or(length);
    let end = box_.selection_end().ok().flatten().unwrap_or(length);
    !value.trim().is_empty() && start == 0 && end == length
}

/// The text box. Every edit hands the whole text to `on_text`, with whether it came whole (a
/// paste or a drop, not typing); `value` replaces what it shows (after a reload or a removal),
/// typing does not go through it. Pasting over the whole text first calls `on_new_paste`, so the
/// text there is kept as a document and the new one added.
#[component]
pub fn PasteBox(
    /// Called with the whole text and whether it came whole, after every edit.
    on_text: Callback<(String, bool)>,
    /// Called before a paste replaces the whole text.
    on_new_paste: Callback<()>,
    /// Text to show instead of what is there.
    #[prop(into)]
    value: Signal<String>,
    /// True while another document than the pasted text is shown: the box then takes two lines
    /// (more once focused), so the results stay in view.
    #[prop(into)]
    compact: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field-label" for="kashif-paste">{i18n.t(Msg::PasteLabel)}</label>
        <textarea
            id="kashif-paste"
            class="paste-box"
            class:compact=move || compact.get()
            data-testid="input-text"
            dir="rtl"
            lang="ar"
            rows="7"
            spellcheck="false"
            placeholder="مثال: التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو…"
            prop:value=move || value.get()
            on:paste=move |ev| {
                if pastes_over_all(&event_target::<HtmlTextAreaElement>(&ev)) {
                    on_new_paste.run(());
                }
            }
            on:input=move |ev| on_text.run((event_target_value(&ev), came_whole(&ev)))
        ></textarea>
    }
}

/// Whether an input event brought its text at once (a paste or a drop), as opposed to typing.
fn came_whole(ev: &leptos::ev::Event) -> bool {
    ev.dyn_ref::<web_sys::InputEvent>()
        .is_some_and(|input| matches!(input.input_type().as_str(), "insertFromPaste" | "insertFromDrop"))
}

/// The file types the pickers offer (any file may still be dropped: its content decides).
const ACCEPT: &str = ".txt,.text,.md,.markdown,.html,.htm,.xhtml,.docx,text/plain,text/markdown,text/html,\
                      application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// What a file button for a JSON file (a workspace, a names file) accepts.
pub const JSON: &str = ".json,application/json";

/// The files an `<input type=file>` holds; clears it so the same file can be picked again.
fn take_files(ev: &leptos::ev::Event) -> Vec<File> {
    let input: HtmlInputElement = event_target(ev);
    let files = input.files().map(|list| files_of(&list)).unwrap_or_default();
    input.set_value("");
    files
}

/// A button that opens the file chooser: a label over a hidden `<input type=file>`. The picked
/// files go to `on_files` (the input is cleared, so the same file can be picked again).
#[component]
pub fn FileButton(
    /// The button's text.
    text: Msg,
    /// The input's `data-testid`.
    testid: &'static str,
    /// The kinds of file offered (the input's `accept`), else any.
    #[prop(optional)]
    accept: Option<&'static str>,
    /// Several files at once.
    #[prop(optional)]
    multiple: bool,
    /// A whole folder (`webkitdirectory`).
    #[prop(optional)]
    folder: bool,
    /// Called with the files picked.
    on_files: Callback<Vec<File>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="file-picker">
            <span class="button-like">{i18n.t(text)}</span>
            <input
                type="file"
                class="visually-hidden"
                data-testid=testid
                multiple=multiple
                accept=accept
                prop:webkitdirectory=folder
                on:change=move |ev| on_files.run(take_files(&ev))
            />
        </label>
    }
}

/// The buttons that open the file chooser: one or more files, or a whole folder.
#[component]
pub fn FilePicker(on_files: Callback<Vec<File>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="file-row">
            <FileButton text=Msg::PickFiles testid="file-input" multiple=true accept=ACCEPT on_files />
            <FileButton text=Msg::PickFolder testid="folder-input" multiple=true folder=true on_files />
            <span class="muted">
                {i18n.t(Msg::DropHintBefore)}
                <bdi dir="ltr">".txt .md .html .docx"</bdi>
                {i18n.t(Msg::DropHintAfter)}
            </span>
        </div>
    }
}

/// True when a drag carries files (not, say, a text selection being moved into the text box).
fn drags_files(ev: &DragEvent) -> bool {
    ev.data_transfer().is_some_and(|dt| dt.types().iter().any(|kind| kind.as_string().as_deref() == Some("Files")))
}

/// Files dragged into an element of the page: `depth` (see [`DropOverlay`]) goes one up.
pub fn drag_enter(ev: &DragEvent, depth: RwSignal<u32>) {
    if drags_files(ev) {
        ev.prevent_default();
        depth.update(|depth| *depth += 1);
    }
}

/// Files dragged over the page: they may be dropped, and are copied.
pub fn drag_over(ev: &DragEvent) {
    if drags_files(ev) {
        ev.prevent_default();
        if let Some(transfer) = ev.data_transfer() {
            transfer.set_drop_effect("copy");
        }
    }
}

/// A drag left an element of the page: `depth` goes one down.
pub fn drag_leave(depth: RwSignal<u32>) {
    depth.update(|depth| *depth = depth.saturating_sub(1));
}

/// Files or folders dropped on the page go to `on_files` (a folder's files once they are read);
/// a text selection dropped into the text box is left to the browser. `depth` goes back to 0.
pub fn drop_files(ev: &DragEvent, depth: RwSignal<u32>, on_files: Callback<Vec<File>>) {
    depth.set(0);
    let Some(transfer) = ev.data_transfer() else { return };
    if transfer.files().is_none_or(|list| list.length() == 0) {
        return; // a text selection dropped into the text box: let the browser handle it
    }
    ev.prevent_default();
    // Folders too: their entries must be taken now, their files are read later.
    let entries = dropped_entries(&transfer);
    if entries.is_empty() {
        if let Some(list) = transfer.files() {
            on_files.run(files_of(&list));
        }
    } else {
        leptos::task::spawn_local(async move { on_files.run(files_under(entries).await) });
    }
}

/// The veil shown over the page while files are dragged over it (while the depth of the drag,
/// kept by [`drag_enter`], [`drag_leave`] and [`drop_files`], is above zero).
#[component]
pub fn DropOverlay(visible: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="drop-overlay" class:visible=move || visible.get() aria-hidden="true">
            <p>{i18n.t(Msg::DropHere)}</p>
        </div>
    }
}

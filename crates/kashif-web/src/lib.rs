//! The browser page: Leptos components over an analysis engine that runs in a Web Worker.
//!
//! The page's state is two bundles of signals made once, at the top of [`App`]: the
//! [`Session`](session::Session) (the documents, their analyses, corrections and settings, and what
//! changes them) and the [`ViewState`](view_state::ViewState) (what the page shows: the view, the
//! entity followed, the span lit up…, and the memos the views read, derived from the session).
//! App hands both to the regions of the page ([`layout`]), which give each component only the
//! signals and callbacks it needs. The page sends every document to the worker ([`run_worker`],
//! `src/bin/kashif-worker.rs`) and keeps the analyses it gets back; documents, the selection and
//! settings are saved in IndexedDB; a service worker keeps the page usable offline. Nothing is
//! sent anywhere else.
//!
//! Modules, one concern each:
//! - [`worker_protocol`]: the messages to and from the worker, and the worker's logic;
//! - [`engine`]: starting the worker and posting to it; [`analyses`]: requests and replies;
//! - [`session`]: the documents, their analyses and corrections, and what changes them;
//!   [`settings`]: the shared settings;
//! - [`view_state`]: what the page shows, and the memos derived from the session;
//! - [`undo`]: the history of changes (deletions, corrections), the undo bar, Ctrl+Z / Ctrl+Y;
//! - [`workspace_file`]: the whole workspace in one file, saved and opened (`workspace_panel`);
//! - [`corrections`]: the user's corrections, saved and applied to every analysis; the
//!   correction bar and the user's names panel (`correct_panel`);
//! - [`i18n`]: the interface language (Arabic or English) and every interface text;
//! - [`store`]: saving in IndexedDB, and reading back; [`offline`]: the service worker;
//! - [`state`]: the documents (pasted text and files) and their ids;
//! - [`files`]: reading picked or dropped `.txt` files;
//! - [`spans`]: cutting the text into plain runs and mentions by char offsets;
//! - the components: [`layout`] (the regions of the page: input panel, reading view, sidebar),
//!   header, input (text box, file picker, drop zone), progress, documents, analyzed text,
//!   legend, entities, notices, export panel;
//! - [`workspace`]: the analyses of all documents, the view tabs and jumps to a place in a
//!   document; the tables over all documents (`tables`, `figures_view`, `framing_view`) and the
//!   reading-view helpers (`reading`: mention card, stepper, theme).
//!
//! The crate's public API is the two entry points, [`mount`] (the page) and [`run_worker`] (the
//! analysis worker); everything else is crate-private and tested from inside (`src/tests.rs`,
//! wasm-bindgen-test in headless Chromium: `cargo test -p kashif-web --target
//! wasm32-unknown-unknown`). Examples in the docs of the modules are illustrations, not doc tests.

#[cfg(not(target_arch = "wasm32"))]
compile_error!(
    "kashif-web is the browser page and its workers: it builds for wasm32 only (`trunk build --release`, \
     `cargo test -p kashif-web --target wasm32-unknown-unknown`); on the command line use the `kashif` crate"
);

mod analyses;
mod corrections;
mod engine;
mod files;
mod i18n;
mod offline;
mod saver;
mod session;
mod settings;
mod spans;
mod state;
mod store;
mod undo;
mod view_state;
mod worker_protocol;
mod workspace;
mod workspace_file;

mod correct_panel;
mod documents;
mod entity_list;
mod export_panel;
mod figures_view;
mod framing_view;
mod header;
mod input;
mod layout;
mod legend;
mod navigation;
mod notices;
mod progress;
mod reading;
mod tables;
mod text_view;
mod view_tabs;
mod visible;
mod workspace_panel;
mod worker;

#[cfg(test)]
mod tests;

use leptos::prelude::*;
use leptos::tachys::view::Mountable;
use web_sys::{DragEvent, File};

use engine::{Starter, WORKER_URL};
pub use worker::run_worker;
use header::Header;
use i18n::{I18n, Lang, Msg};
use input::{drag_enter, drag_leave, drag_over, drop_files, DropOverlay};
use layout::{undo_note, undo_on_keys, InputPanel, Sidebar, SkipLinks, TextPanel};
use session::{Restored, Session};
use undo::UndoBar;
use view_state::ViewState;
use view_tabs::{ViewTabs, WorkspaceTables};

/// The id of the placeholder `index.html` shows until the app is mounted.
const LOADING_ID: &str = "kashif-loading";

/// Mounts the page into `<body>` for the lifetime of the page (the entry point of `kashif-web`):
/// registers the service worker, reads what earlier visits saved, then shows the page with the
/// analysis worker started.
pub fn mount() {
    offline::register_service_worker();
    // Opening the store waits while another tab holds an older version of it open: after a few
    // seconds the placeholder says so (in both languages, the language setting is not read yet).
    let waiting = after_unless_dropped(STORE_PATIENCE, || {
        // As index.html writes the placeholder: the Arabic, then the English in a span of its own.
        let document = document();
        if let Some(loading) = document.get_element_by_id(LOADING_ID) {
            loading.set_text_content(Some(&format!("{} ", i18n::text(Lang::Ar, Msg::StorageWaiting))));
            if let Ok(english) = document.create_element("span") {
                let _ = english.set_attribute("lang", "en");
                let _ = english.set_attribute("dir", "ltr");
                english.set_text_content(Some(i18n::text(Lang::En, Msg::StorageWaiting)));
                let _ = loading.append_child(&english);
            }
        }
    });
    // Leptos' executor starts with the mount: until then, wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async move {
        let restored = match store::load_all().await {
            Ok(saved) => {
                // Before the first render, so the page never shows in the wrong language or theme.
                let setting = |key| saved.settings.get(key).map(String::as_str);
                i18n::apply_to_root(Lang::from_code(setting(settings::LANG)));
                reading::apply_theme(setting(settings::THEME));
                Restored::Saved(saved)
            }
            Err(error) => Restored::Unavailable(error.to_string()),
        };
        drop(waiting);
        if let Some(loading) = document().get_element_by_id(LOADING_ID) {
            loading.remove();
        }
        leptos::mount::mount_to_body(move || view! { <App engine=Starter::worker(WORKER_URL) restored /> });
    });
}

/// How long the store may take to open before the placeholder says it is waiting.
const STORE_PATIENCE: std::time::Duration = std::time::Duration::from_secs(4);

/// Runs `then` after `delay` unless the returned handle is dropped first.
fn after_unless_dropped(delay: std::time::Duration, then: impl FnOnce() + 'static) -> Option<TimeoutGuard> {
    set_timeout_with_handle(then, delay).ok().map(TimeoutGuard)
}

/// Clears its timeout when dropped.
struct TimeoutGuard(TimeoutHandle);

impl Drop for TimeoutGuard {
    fn drop(&mut self) {
        self.0.clear();
    }
}

/// Mounts the page into `parent` with the given engine and saved state (tests mount it into a
/// container of their own, with [`Starter::in_page`] and [`Restored::Off`]).
///
/// Dropping the returned handle unmounts the page; call `forget()` on it to keep it.
pub fn mount_to(
    parent: web_sys::HtmlElement,
    engine: Starter,
    restored: Restored,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    leptos::mount::mount_to(parent, move || view! { <App engine restored /> })
}

/// The whole page: the [`Session`] and the [`ViewState`] are made here, once, and handed to the
/// regions of the page (`layout`); the settings, the undo history and the interface language are
/// provided as context to every component.
#[component]
pub fn App(
    /// What analyzes the documents.
    engine: Starter,
    /// What earlier visits saved.
    restored: Restored,
) -> impl IntoView {
    let session = Session::start(engine, restored);
    provide_context(session.settings);
    provide_context(session.undo);
    let i18n = I18n::new(session.settings.lang());
    provide_context(i18n);
    Effect::new(move |_| i18n::apply_to_root(i18n.lang()));
    let state = ViewState::new(session, i18n);
    undo_on_keys(session);
    let on_files = Callback::new(move |files: Vec<File>| session.add_files(files));
    let on_undo = Callback::new(move |()| session.undo_bar());
    let drag_depth = state.drag_depth;
    view! {
        <div
            class="app"
            on:dragenter=move |ev: DragEvent| drag_enter(&ev, drag_depth)
            on:dragover=|ev: DragEvent| drag_over(&ev)
            on:dragleave=move |_: DragEvent| drag_leave(drag_depth)
            on:drop=move |ev: DragEvent| drop_files(&ev, drag_depth, on_files)
        >
            <SkipLinks />
            <Header />
            <main class="layout">
                <div class="workspace">
                    <InputPanel session state on_files />
                    <div id="kashif-views" tabindex="-1" class="skip-target"></div>
                    <ViewTabs tab=state.tab />
                    <TextPanel session state />
                    <WorkspaceTables tab=state.tab corpus=state.corpus nav=state.navigator(session.selected) />
                </div>
                <Sidebar session state />
            </main>
            <UndoBar removed=undo_note(session) on_undo />
            <DropOverlay visible=Signal::derive(move || drag_depth.get() > 0) />
        </div>
    }
}

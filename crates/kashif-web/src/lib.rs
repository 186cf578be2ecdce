//! The browser page: Leptos components over an analysis engine that runs in a Web Worker.
//!
//! All state lives in a [`Session`](session::Session) created at the top of [`App`]; each
//! component gets only the signals and callbacks it needs. The page sends every document to
//! the worker ([`run_worker`], `src/bin/kashif-worker.rs`) and keeps the analyses it gets back; documents,
//! the selection and settings are saved in IndexedDB; a service worker keeps the page usable
//! offline. Nothing is sent anywhere else.
//!
//! Modules, one concern each:
//! - [`worker_protocol`]: the messages to and from the worker, and the worker's logic;
//! - [`engine`]: starting the worker and posting to it; [`analyses`]: requests and replies;
//! - [`session`]: the page's state and what changes it; [`settings`]: the shared settings;
//! - [`undo`]: the history of changes (deletions, corrections), the undo bar, Ctrl+Z / Ctrl+Y;
//! - [`workspace_file`]: the whole workspace in one file, saved and opened (`workspace_panel`);
//! - [`corrections`]: the user's corrections, saved and applied to every analysis; the
//!   correction bar and the user's names panel (`correct_panel`);
//! - [`i18n`]: the interface language (Arabic or English) and every interface text;
//! - [`store`]: saving in IndexedDB, and reading back; [`offline`]: the service worker;
//! - [`state`]: the documents (pasted text and files) and their ids;
//! - [`files`]: reading picked or dropped `.txt` files;
//! - [`spans`]: cutting the text into plain runs and mentions by char offsets;
//! - the components: header, input (text box, file picker, drop zone), progress, documents,
//!   analyzed text, legend, entities, notices, export panel;
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

use std::sync::Arc;

use leptos::prelude::*;
use leptos::tachys::view::Mountable;
use web_sys::{DragEvent, File};

use kashif_core::Analysis;
use correct_panel::{CorrectionBar, Picked, UserNamesPanel};
use documents::DocList;
use engine::{Starter, WORKER_URL};
pub use worker::run_worker;
use entity_list::EntityList;
use export_panel::ExportPanel;
use header::Header;
use i18n::{I18n, Lang, Msg};
use input::{drags_files, DropOverlay, FilePicker, PasteBox};
use legend::Legend;
use notices::{FileProblems, StatusNotes};
use progress::BatchProgress;
use reading::{CardAt, MentionCard, MentionStepper};
use session::{Restored, Session};
use state::DocId;
use text_view::AnalyzedText;
use undo::UndoBar;
use navigation::{Navigator, Tab};
use view_tabs::{ViewTabs, WorkspaceTables};
use workspace::{analysed_docs, link_docs, relink_docs, Bylines, DocItem};
use workspace_panel::WorkspacePanel;

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

/// The whole page.
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
    let Session { library, selected, tracker, problems, notes, paste_value, corrections, .. } = session;
    let focus = RwSignal::new(None::<String>);
    let drag_depth = RwSignal::new(0_u32);
    let tab = RwSignal::new(Tab::Text);
    let hidden = RwSignal::new(Vec::<kashif_core::Label>::new());
    let spotlight = RwSignal::new(None::<(DocId, usize, usize)>);
    let current = RwSignal::new(None::<usize>);
    let card = RwSignal::new(None::<CardAt>);
    let picked = RwSignal::new(None::<Picked>);
    let nav = Navigator { selected, tab, spotlight, focus, current };

    let text = Memo::new(move |_| {
        let id = selected.get()?;
        library.with(|library| library.get(id).map(|doc| Arc::clone(&doc.text)))
    });
    let title = Memo::new(move |_| {
        let id = selected.get()?;
        let lang = i18n.lang();
        library.with(|library| library.get(id).map(|doc| doc.shown_name(lang)))
    });
    // Every analysed document with the user's corrections: the one source of the reading view,
    // the tables and the exports.
    let bylines = StoredValue::new(Bylines::default());
    let analysed = Memo::new(move |_| {
        let docs = library.with(|library| {
            tracker.with(|tracker| {
                bylines
                    .try_update_value(|bylines| {
                        let analysis_of =
                            |doc: &state::Document| tracker.analysis(doc.id).map(|raw| corrections.apply(doc.id, &doc.text, raw));
                        analysed_docs(library.docs(), analysis_of, bylines)
                    })
                    .unwrap_or_default()
            })
        });
        Arc::new(docs)
    });
    let analysis = Memo::new(move |_| {
        let id = selected.get()?;
        analysed.with(|docs| docs.iter().find(|doc| doc.id == id).map(|doc| Arc::clone(&doc.analysis)))
    });
    let mentions = Memo::new(move |_| analysis.with(|a| a.as_ref().map(|a| a.entities.clone()).unwrap_or_default()));
    let summaries =
        Memo::new(move |_| analysis.with(|a| a.as_deref().map(Analysis::entity_summaries).unwrap_or_default()));
    // Linked across documents, for the tables and the exports (worked out only when one of them
    // reads it: memos are lazy).
    // The names go to the linking worker whenever the analyses change (and again when they
    // changed while it was busy); its answer relinks the documents here.
    let (relinks, linking_off, link_again) = (session.relinks, session.linking_off, session.link_again);
    Effect::new(move |_| {
        link_again.track();
        analysed.with(|docs| session.request_linking(docs));
    });
    let corpus = Memo::new(move |_| {
        let merges = corrections.with(|book| book.merges().to_vec());
        if linking_off.get() {
            return Arc::new(analysed.with(|docs| link_docs(docs, &merges)));
        }
        relinks.with(|relinks| Arc::new(analysed.with(|docs| relink_docs(docs, &merges, relinks))))
    });
    let spot = Signal::derive(move || {
        spotlight.get().filter(|(doc, _, _)| selected.get() == Some(*doc)).map(|(_, start, end)| (start, end))
    });
    let doc_items = Memo::new(move |_| {
        let lang = i18n.lang();
        analysed.with(|analysed| {
            let bylines: std::collections::HashMap<DocId, &kashif_core::ingest::Byline> =
                analysed.iter().map(|a| (a.id, &a.byline)).collect();
            let byline = |id: DocId| bylines.get(&id).copied();
            library.with(|library| {
                library.docs().iter().map(|doc| DocItem::new(doc.id, doc.shown_name(lang), byline(doc.id))).collect::<Vec<_>>()
            })
        })
    });
    let progress = Memo::new(move |_| tracker.with(|tracker| tracker.progress()));
    // A file is shown: the paste box steps back so the results stay in view.
    let showing_a_file = Signal::derive(move || {
        let id = selected.get();
        library.with(|library| id.and_then(|id| library.get(id)).is_some_and(|doc| !doc.is_pasted()))
    });
    let on_text = Callback::new(move |(value, whole): (String, bool)| session.typed(value, whole));
    let on_new_paste = Callback::new(move |()| session.new_paste());
    let on_files = Callback::new(move |files: Vec<File>| session.add_files(files));
    let on_select = Callback::new(move |id: DocId| selected.set(Some(id)));
    let on_remove = Callback::new(move |id: DocId| session.remove(id));
    let on_clear = Callback::new(move |()| session.clear());
    let on_undo = Callback::new(move |()| session.undo_bar());
    let removed = Signal::derive(move || {
        let lang = i18n.lang();
        session.undo.bar.with(|bar| bar.as_ref().map(|(_, note)| note.label(lang)))
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        let done = if undo::is_undo_key(&ev) {
            session.undo()
        } else if undo::is_redo_key(&ev) {
            session.redo()
        } else {
            false
        };
        if done {
            ev.prevent_default();
        }
    });
    on_cleanup(move || keys.remove());
    let on_save = Callback::new(move |()| session.save_workspace());
    let on_open = Callback::new(move |file: File| session.open_workspace_file(file));
    let workspace_status = session.workspace_status;
    let state_of = Callback::new(move |id: DocId| tracker.with(|tracker| tracker.status(id).as_str()));
    let failure_of =
        Callback::new(move |id: DocId| tracker.with(|tracker| tracker.failure(id).map(str::to_owned)));
    let on_cancel = Callback::new(move |id: DocId| session.cancel(id));
    let on_retry = Callback::new(move |id: DocId| session.retry(id));
    let on_dismiss = Callback::new(move |()| problems.set(Vec::new()));

    view! {
        <div
            class="app"
            on:dragenter=move |ev: DragEvent| {
                if drags_files(&ev) {
                    ev.prevent_default();
                    drag_depth.update(|depth| *depth += 1);
                }
            }
            on:dragover=move |ev: DragEvent| {
                if drags_files(&ev) {
                    ev.prevent_default();
                    if let Some(transfer) = ev.data_transfer() {
                        transfer.set_drop_effect("copy");
                    }
                }
            }
            on:dragleave=move |_: DragEvent| drag_depth.update(|depth| *depth = depth.saturating_sub(1))
            on:drop=move |ev: DragEvent| {
                drag_depth.set(0);
                let Some(transfer) = ev.data_transfer() else { return };
                if transfer.files().is_none_or(|list| list.length() == 0) {
                    return; // a text selection dropped into the text box: let the browser handle it
                }
                ev.prevent_default();
                // Folders too: their entries must be taken now, their files are read later.
                let entries = files::dropped_entries(&transfer);
                if entries.is_empty() {
                    if let Some(list) = transfer.files() {
                        on_files.run(files::files_of(&list));
                    }
                } else {
                    leptos::task::spawn_local(async move { on_files.run(files::files_under(entries).await) });
                }
            }
        >
            <nav class="skip-links" aria-label=i18n.t(Msg::SkipToViews)>
                <a class="skip-link" href="#kashif-views" data-testid="skip-views">{i18n.t(Msg::SkipToViews)}</a>
                <a class="skip-link" href="#kashif-docs" data-testid="skip-docs">{i18n.t(Msg::SkipToDocuments)}</a>
            </nav>
            <Header />
            <main class="layout">
                <div class="workspace">
                    <section class="panel input-panel" aria-label=i18n.t(Msg::InputRegion)>
                        <PasteBox on_text on_new_paste value=paste_value compact=showing_a_file />
                        <FilePicker on_files />
                        <BatchProgress progress />
                        <FileProblems problems on_dismiss />
                        <StatusNotes notes />
                    </section>
                    <div id="kashif-views" tabindex="-1" class="skip-target"></div>
                    <ViewTabs tab />
                    <section
                        class="panel text-panel"
                        id="kashif-panel-text"
                        aria-labelledby="kashif-tab-text"
                        role="tabpanel"
                        hidden=move || tab.get() != Tab::Text
                    >
                        <h2 id="kashif-text-title">
                            {move || match title.get() {
                                Some(name) => leptos::either::Either::Left(view! { <bdi>{visible::visible_text(&name)}</bdi> }),
                                None => leptos::either::Either::Right(i18n.text(Msg::AnalyzedText)),
                            }}
                        </h2>
                        <MentionStepper mentions focus current tab />
                        <CorrectionBar doc=selected mentions corpus current picked corrections />
                        <AnalyzedText text mentions focus hidden spotlight=spot current card picked />
                        <MentionCard card mentions summaries />
                    </section>
                    <WorkspaceTables tab corpus nav />
                </div>
                <aside class="sidebar">
                    <DocList
                        items=doc_items
                        selected
                        state_of
                        running=session.running
                        failure_of
                        on_cancel
                        on_retry
                        on_select
                        on_remove
                        on_clear
                    />
                    <WorkspacePanel on_save on_open status=workspace_status />
                    <EntityList summaries focus />
                    <Legend hidden />
                    <UserNamesPanel corrections />
                    <ExportPanel docs=corpus shown=selected />
                </aside>
            </main>
            <UndoBar removed on_undo />
            <DropOverlay visible=Signal::derive(move || drag_depth.get() > 0) />
        </div>
    }
}

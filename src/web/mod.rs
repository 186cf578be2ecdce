//! The browser page: Leptos components over the [`Analyzer`](crate::Analyzer).
//!
//! All state lives in signals created at the top of [`App`]; each component gets only the
//! signals and callbacks it needs. Text is analyzed in the page itself: nothing is sent anywhere.
//!
//! Modules, one concern each:
//! - [`state`]: the documents (pasted text and files) and their ids;
//! - [`files`]: reading picked or dropped `.txt` files;
//! - [`spans`]: cutting the text into plain runs and mentions by char offsets;
//! - the components: header, input (text box, file picker, drop zone), documents, analyzed
//!   text, legend, entities, notices;
//! - [`workspace`]: the analyses of all documents, the view tabs and jumps to a place in a
//!   document; the tables over all documents (`tables`, `figures_view`, `framing_view`) and the
//!   reading-view helpers (`reading`: mention card, stepper, theme).

pub mod files;
pub mod spans;
pub mod state;
pub mod workspace;

mod documents;
mod entities;
mod figures_view;
mod framing_view;
mod header;
mod input;
mod legend;
mod notices;
mod reading;
mod tables;
mod text_view;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::tachys::view::Mountable;
use leptos::task::spawn_local;
use web_sys::{DragEvent, File};

use crate::{Analysis, Analyzer};
use documents::DocList;
use entities::EntityList;
use files::{read_text, FileProblem};
use header::Header;
use input::{drags_files, DropOverlay, FilePicker, PasteBox};
use legend::Legend;
use notices::FileProblems;
use state::{DocId, Library};
use reading::{CardAt, MentionCard, MentionStepper, ThemeToggle};
use text_view::AnalyzedText;
use workspace::{analyze_corpus, CorpusEntry, Navigator, Tab, ViewTabs, WorkspaceTables};

/// The id of the placeholder `index.html` shows until the app is mounted.
const LOADING_ID: &str = "kashif-loading";

/// Mounts the page into `<body>` for the lifetime of the page (the entry point of `kashif-web`).
pub fn mount() {
    if let Some(loading) = document().get_element_by_id(LOADING_ID) {
        loading.remove();
    }
    leptos::mount::mount_to_body(App);
}

/// Mounts the page into `parent` (tests mount it into a container of their own).
///
/// Dropping the returned handle unmounts the page; call `forget()` on it to keep it.
pub fn mount_to(parent: web_sys::HtmlElement) -> leptos::mount::UnmountHandle<impl Mountable> {
    leptos::mount::mount_to(parent, App)
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    // Built once: building decodes the lexicon.
    let analyzer = StoredValue::new_local(Analyzer::new());

    let library = RwSignal::new(Library::new());
    let selected = RwSignal::new(None::<DocId>);
    let problems = RwSignal::new(Vec::<FileProblem>::new());
    let focus = RwSignal::new(None::<String>);
    let drag_depth = RwSignal::new(0_u32);
    let tab = RwSignal::new(Tab::Text);
    let hidden = RwSignal::new(Vec::<crate::Label>::new());
    let spotlight = RwSignal::new(None::<(DocId, usize, usize)>);
    let current = RwSignal::new(None::<usize>);
    let card = RwSignal::new(None::<CardAt>);
    let nav = Navigator { selected, tab, spotlight, focus, current };

    let text = Memo::new(move |_| {
        let id = selected.get()?;
        library.with(|library| library.get(id).map(|doc| Arc::clone(&doc.text)))
    });
    let title = Memo::new(move |_| {
        let id = selected.get()?;
        library.with(|library| library.get(id).map(|doc| doc.name.clone()))
    });
    let analysis = Memo::new(move |_| {
        text.with(|text| match text {
            Some(text) => analyzer.with_value(|analyzer| analyzer.analyze(text)),
            None => Analysis::default(),
        })
    });
    let mentions = Memo::new(move |_| analysis.with(|analysis| analysis.entities.clone()));
    let summaries = Memo::new(move |_| analysis.with(Analysis::entity_summaries));
    // Every document analyzed and linked, for the tables (computed only while one is shown).
    let corpus = Memo::new(move |previous: Option<&Arc<Vec<CorpusEntry>>>| {
        let entries = library.with(|library| {
            analyzer.with_value(|analyzer| analyze_corpus(library.docs(), analyzer, previous.map(|p| p.as_slice())))
        });
        Arc::new(entries)
    });
    let spot = Signal::derive(move || {
        spotlight.get().filter(|(doc, _, _)| selected.get() == Some(*doc)).map(|(_, start, end)| (start, end))
    });
    let doc_items = Memo::new(move |_| {
        library.with(|library| library.docs().iter().map(|doc| (doc.id, doc.name.clone())).collect::<Vec<_>>())
    });

    let on_text = Callback::new(move |value: String| {
        let id = library.try_update(|library| library.set_pasted(&value)).flatten();
        match id {
            Some(id) => selected.set(Some(id)),
            // The pasted text was cleared: show another document if there is one.
            None => selected.set(library.with(|library| library.docs().first().map(|doc| doc.id))),
        }
    });
    let on_files = Callback::new(move |files: Vec<File>| load_files(files, library, selected, problems));
    let on_select = Callback::new(move |id: DocId| selected.set(Some(id)));
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
                let Some(list) = ev.data_transfer().and_then(|transfer| transfer.files()) else { return };
                if list.length() == 0 {
                    return; // a text selection dropped into the text box: let the browser handle it
                }
                ev.prevent_default();
                on_files.run(files::files_of(&list));
            }
        >
            <Header />
            <ThemeToggle />
            <main class="layout">
                <div class="workspace">
                    <section class="panel input-panel" aria-label="إدخال النص">
                        <PasteBox on_text />
                        <FilePicker on_files />
                        <FileProblems problems on_dismiss />
                    </section>
                    <ViewTabs tab />
                    <section
                        class="panel text-panel"
                        aria-labelledby="kashif-text-title"
                        role="tabpanel"
                        hidden=move || tab.get() != Tab::Text
                    >
                        <h2 id="kashif-text-title">
                            {move || match title.get() {
                                Some(name) => leptos::either::Either::Left(view! { <bdi>{name}</bdi> }),
                                None => leptos::either::Either::Right("النص المحلَّل"),
                            }}
                        </h2>
                        <MentionStepper mentions focus current tab />
                        <AnalyzedText text mentions focus hidden spotlight=spot current card />
                        <MentionCard card mentions summaries />
                    </section>
                    <WorkspaceTables tab corpus nav />
                </div>
                <aside class="sidebar">
                    <DocList items=doc_items selected on_select />
                    <EntityList summaries focus />
                    <Legend hidden />
                </aside>
            </main>
            <DropOverlay visible=Signal::derive(move || drag_depth.get() > 0) />
        </div>
    }
}

/// Reads `files` one after the other: each readable file becomes a document (the first of the
/// batch is shown), each unreadable one a message naming it.
fn load_files(
    files: Vec<File>,
    library: RwSignal<Library>,
    selected: RwSignal<Option<DocId>>,
    problems: RwSignal<Vec<FileProblem>>,
) {
    if files.is_empty() {
        return;
    }
    problems.set(Vec::new());
    spawn_local(async move {
        let mut shown = false;
        for file in files {
            let name = file.name();
            match read_text(&file).await {
                Ok(text) => {
                    let Some(id) = library.try_update(|library| library.add_file(&name, text)) else { return };
                    if !shown {
                        selected.set(Some(id));
                        shown = true;
                    }
                }
                Err(error) => {
                    problems.update(|problems| problems.push(FileProblem { name, reason: error.to_string() }));
                }
            }
        }
    });
}

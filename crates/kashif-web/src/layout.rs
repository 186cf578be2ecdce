//! The regions of the page [`App`](super::App) lays out: the skip links, the input panel, the
//! reading view's panel and the sidebar. Each takes the [`Session`] and the [`ViewState`] and
//! hands each component the signals it shows and callbacks that call the session's methods.

use leptos::either::Either;
use leptos::prelude::*;
use web_sys::File;

use super::correct_panel::{CorrectionBar, UserNamesPanel};
use super::documents::DocList;
use super::entity_list::EntityList;
use super::export_panel::ExportPanel;
use super::i18n::{use_i18n, Msg};
use super::input::{FilePicker, PasteBox};
use super::legend::Legend;
use super::navigation::Tab;
use super::notices::{FileProblems, StatusNotes};
use super::progress::BatchProgress;
use super::reading::{MentionCard, MentionStepper};
use super::session::Session;
use super::state::DocId;
use super::text_view::AnalyzedText;
use super::undo::{is_redo_key, is_undo_key};
use super::view_state::ViewState;
use super::visible::visible_text;
use super::workspace_panel::WorkspacePanel;

/// Links past the header and the input, to the views and to the document list.
#[component]
pub fn SkipLinks() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="skip-links" aria-label=i18n.t(Msg::SkipToViews)>
            <a class="skip-link" href="#kashif-views" data-testid="skip-views">{i18n.t(Msg::SkipToViews)}</a>
            <a class="skip-link" href="#kashif-docs" data-testid="skip-docs">{i18n.t(Msg::SkipToDocuments)}</a>
        </nav>
    }
}

/// Getting text in: the paste box, the file picker, the progress of the batch, the files that
/// could not be read and the status messages.
#[component]
pub fn InputPanel(session: Session, state: ViewState, on_files: Callback<Vec<File>>) -> impl IntoView {
    let i18n = use_i18n();
    let on_text = Callback::new(move |(value, whole): (String, bool)| session.typed(value, whole));
    let on_new_paste = Callback::new(move |()| session.new_paste());
    let problems = session.problems;
    let on_dismiss = Callback::new(move |()| problems.set(Vec::new()));
    view! {
        <section class="panel input-panel" aria-label=i18n.t(Msg::InputRegion)>
            <PasteBox on_text on_new_paste value=session.paste_value compact=state.showing_a_file />
            <FilePicker on_files />
            <BatchProgress progress=state.progress />
            <FileProblems problems on_dismiss />
            <StatusNotes notes=session.notes />
        </section>
    }
}

/// The reading view's panel: the shown document's name, the stepper, the correction bar, the
/// text with its mentions marked and the card of the mention hovered.
#[component]
pub fn TextPanel(session: Session, state: ViewState) -> impl IntoView {
    let ViewState { tab, focus, current, card, picked, hidden, text, mentions, summaries, corpus, spot, .. } = state;
    view! {
        <section
            class="panel text-panel"
            id="kashif-panel-text"
            aria-labelledby="kashif-tab-text"
            role="tabpanel"
            hidden=move || tab.get() != Tab::Text
        >
            <h2 id="kashif-text-title">{shown_title(state.title)}</h2>
            <MentionStepper mentions focus current tab />
            <CorrectionBar doc=session.selected mentions corpus current picked corrections=session.corrections />
            <AnalyzedText text mentions focus hidden spotlight=spot current card picked />
            <MentionCard card mentions summaries />
        </section>
    }
}

/// The reading view's heading: the shown document's name, else «the analyzed text».
fn shown_title(title: Memo<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    move || match title.get() {
        Some(name) => Either::Left(view! { <bdi>{visible_text(&name)}</bdi> }),
        None => Either::Right(i18n.text(Msg::AnalyzedText)),
    }
}

/// The sidebar: the documents, the workspace file, the shown document's entities, the legend,
/// the user's names and the exports.
#[component]
pub fn Sidebar(session: Session, state: ViewState) -> impl IntoView {
    view! {
        <aside class="sidebar">
            <Documents session state />
            <WorkspacePanel
                on_save=Callback::new(move |()| session.save_workspace())
                on_open=Callback::new(move |file: File| session.open_workspace_file(file))
                status=session.workspace_status
            />
            <EntityList summaries=state.summaries focus=state.focus />
            <Legend hidden=state.hidden />
            <UserNamesPanel corrections=session.corrections />
            <ExportPanel docs=state.corpus shown=session.selected />
        </aside>
    }
}

/// The document list, its rows' analysis states read from the session's tracker and its
/// buttons calling the session.
#[component]
fn Documents(session: Session, state: ViewState) -> impl IntoView {
    let (tracker, selected) = (session.tracker, session.selected);
    view! {
        <DocList
            items=state.doc_items
            selected
            state_of=Callback::new(move |id: DocId| tracker.with(|tracker| tracker.status(id).as_str()))
            running=session.running
            failure_of=Callback::new(move |id: DocId| tracker.with(|tracker| tracker.failure(id).map(str::to_owned)))
            on_cancel=Callback::new(move |id: DocId| session.cancel(id))
            on_retry=Callback::new(move |id: DocId| session.retry(id))
            on_select=Callback::new(move |id: DocId| selected.set(Some(id)))
            on_remove=Callback::new(move |id: DocId| session.remove(id))
            on_clear=Callback::new(move |()| session.clear())
        />
    }
}

/// What the undo bar says, in the interface language, while it is shown.
pub fn undo_note(session: Session) -> Signal<Option<String>> {
    let i18n = use_i18n();
    let bar = session.undo.bar;
    Signal::derive(move || {
        let lang = i18n.lang();
        bar.with(|bar| bar.as_ref().map(|(_, note)| note.label(lang)))
    })
}

/// Ctrl+Z undoes the session's latest change, Ctrl+Y (or Ctrl+Shift+Z) redoes it, for the
/// lifetime of the page.
pub fn undo_on_keys(session: Session) {
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        let done = if is_undo_key(&ev) {
            session.undo()
        } else if is_redo_key(&ev) {
            session.redo()
        } else {
            false
        };
        if done {
            ev.prevent_default();
        }
    });
    on_cleanup(move || keys.remove());
}

//! The list of documents: one click to switch between them, one to remove one, one to remove
//! them all.

use std::collections::HashMap;

use leptos::prelude::*;

use super::i18n::{use_i18n, Msg};
use super::state::DocId;
use super::visible::visible_text;
use super::workspace::DocItem;

/// Every document by name, with its outlet and date under it when it gives them and its headline
/// as tooltip; the selected one is marked with `aria-current`, and each carries its analysis
/// state in `data-state` (`waiting`, `done`, `failed`, `cancelled`). The document being analyzed
/// says so and can be cancelled; one that failed or was cancelled says so, and has a Retry button.
#[component]
pub fn DocList(
    /// Every document, in list order.
    #[prop(into)]
    items: Signal<Vec<DocItem>>,
    /// The document being shown.
    #[prop(into)]
    selected: Signal<Option<DocId>>,
    /// The analysis state of a document, for `data-state`.
    state_of: Callback<DocId, &'static str>,
    /// The document the worker is analyzing now.
    #[prop(into)]
    running: Signal<Option<DocId>>,
    /// Why a document's analysis failed, if it did.
    failure_of: Callback<DocId, Option<String>>,
    /// Called with the id of the document whose analysis the user cancels.
    on_cancel: Callback<DocId>,
    /// Called with the id of the document whose analysis the user retries.
    on_retry: Callback<DocId>,
    /// Called with the id of the document the user picks.
    on_select: Callback<DocId>,
    /// Called with the id of the document the user removes.
    on_remove: Callback<DocId>,
    /// Called when the user removes every document.
    on_clear: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = RowStates::follow(items, state_of, running, failure_of);
    let actions = RowActions { on_cancel, on_retry, on_select, on_remove };
    view! {
        <section class="panel docs" id="kashif-docs" tabindex="-1" aria-labelledby="kashif-docs-title">
            <div class="panel-head">
                <h2 id="kashif-docs-title">{i18n.t(Msg::Documents)}</h2>
                <Show when=move || items.with(|items| !items.is_empty())>
                    <button
                        type="button"
                        class="link-button"
                        data-testid="clear-all"
                        on:click=move |_| on_clear.run(())
                    >
                        {i18n.t(Msg::RemoveAll)}
                    </button>
                </Show>
            </div>
            <Show when=move || items.with(Vec::is_empty)>
                <p class="muted">{i18n.t(Msg::NoDocumentsYet)}</p>
            </Show>
            <ul class="doc-list" data-testid="doc-list">
                <For
                    each=move || items.get()
                    key=|item| item.clone()
                    children=move |item| doc_row(item, selected, rows, actions)
                />
            </ul>
        </section>
    }
}

/// What the buttons of a row call, each with the row's document.
#[derive(Clone, Copy)]
struct RowActions {
    on_cancel: Callback<DocId>,
    on_retry: Callback<DocId>,
    on_select: Callback<DocId>,
    on_remove: Callback<DocId>,
}

/// One document's row: its name (with its outlet and date under it), the button that removes
/// it and its analysis line.
fn doc_row(item: DocItem, selected: Signal<Option<DocId>>, rows: RowStates, actions: RowActions) -> impl IntoView {
    let i18n = use_i18n();
    let DocItem { id, name, detail, headline } = item;
    let RowActions { on_select, on_remove, .. } = actions;
    let label = {
        let name = name.clone();
        move || i18n.fill(Msg::RemoveNamed, &[&name])
    };
    let row = rows.of(id);
    let state = {
        let row = row.clone();
        move || row.with(|row| row.state)
    };
    view! {
        <li class="doc-row">
            <button
                type="button"
                class="doc-item"
                data-testid="doc-item"
                data-doc=id
                data-state=state
                aria-current=move || (selected.get() == Some(id)).then_some("true")
                title=headline
                on:click=move |_| on_select.run(id)
            >
                <bdi>{visible_text(&name)}</bdi>
                {detail.map(|detail| view! { <span class="doc-detail" data-testid="doc-detail"><bdi>{detail}</bdi></span> })}
            </button>
            <button
                type="button"
                class="doc-remove"
                data-testid="doc-remove"
                aria-label=label.clone()
                title=label
                on:click=move |_| on_remove.run(id)
            >
                "×"
            </button>
            {move || row_analysis(row.get(), &name, id, actions)}
        </li>
    }
}

/// The analysis line a row shows in `state`, if any: the document being analyzed can be
/// cancelled, one that failed or was cancelled retried.
fn row_analysis(state: RowState, name: &str, id: DocId, actions: RowActions) -> Option<AnyView> {
    let RowState { state, running, failure } = state;
    match state {
        "waiting" if running => {
            Some(analysis_line(Msg::StateRunning, None, Offer::Cancel, name, move || actions.on_cancel.run(id)))
        }
        "failed" | "cancelled" => {
            let status = if state == "failed" { Msg::StateFailed } else { Msg::StateCancelled };
            Some(analysis_line(status, failure, Offer::Retry, name, move || actions.on_retry.run(id)))
        }
        _ => None,
    }
}

/// A row's analysis state: `data-state`, whether the worker is on it now, and why it failed.
#[derive(Clone, Debug, PartialEq)]
struct RowState {
    state: &'static str,
    running: bool,
    failure: Option<String>,
}

/// One signal per row for its analysis state, kept up to date by one effect. Were each row to
/// read the tracker itself, every reply would rerun an effect per row and each would unsubscribe
/// from a tracker that has a subscriber per row: quadratic in the list's length (a list of 500
/// spent a quarter of the page's time there while the batch ran, and its scrolling stuttered).
#[derive(Clone, Copy)]
struct RowStates {
    rows: StoredValue<HashMap<DocId, ArcRwSignal<RowState>>>,
    now: Callback<DocId, RowState>,
}

impl RowStates {
    /// Follows the states of the documents `items` through `state_of`, `running` and `failure_of`.
    fn follow(
        items: Signal<Vec<DocItem>>,
        state_of: Callback<DocId, &'static str>,
        running: Signal<Option<DocId>>,
        failure_of: Callback<DocId, Option<String>>,
    ) -> Self {
        let now = Callback::new(move |id: DocId| {
            let state = state_of.run(id);
            let failure = if state == "failed" { failure_of.run(id) } else { None };
            RowState { state, running: running.get() == Some(id), failure }
        });
        let rows = StoredValue::new(HashMap::<DocId, ArcRwSignal<RowState>>::new());
        Effect::new(move |_| {
            let states: Vec<(DocId, RowState)> = items.with(|items| items.iter().map(|item| (item.id, now.run(item.id))).collect());
            let listed: std::collections::HashSet<DocId> = states.iter().map(|(id, _)| *id).collect();
            let changed: Vec<(ArcRwSignal<RowState>, RowState)> = rows
                .try_update_value(|rows| {
                    rows.retain(|id, _| listed.contains(id));
                    states
                        .into_iter()
                        .filter_map(|(id, state)| {
                            let row = rows.get(&id).filter(|row| row.with_untracked(|old| *old != state))?;
                            Some((row.clone(), state))
                        })
                        .collect()
                })
                .unwrap_or_default();
            for (row, state) in changed {
                row.set(state);
            }
        });
        RowStates { rows, now }
    }

    /// The state of the row of `id` (made on first asking).
    fn of(self, id: DocId) -> ArcRwSignal<RowState> {
        let fresh = || ArcRwSignal::new(untrack(|| self.now.run(id)));
        self.rows.try_update_value(|rows| rows.entry(id).or_insert_with(fresh).clone()).unwrap_or_else(fresh)
    }
}

/// What a document's analysis line offers: to cancel the running analysis, or to retry a stopped one.
#[derive(Clone, Copy)]
enum Offer {
    Cancel,
    Retry,
}

impl Offer {
    /// The button's text, its accessible label (with the document's name), test id and classes.
    fn button(self) -> (Msg, Msg, &'static str, &'static str) {
        match self {
            Offer::Cancel => (Msg::CancelAnalysis, Msg::CancelNamed, "doc-cancel", "link-button doc-cancel"),
            Offer::Retry => (Msg::Retry, Msg::RetryNamed, "doc-retry", "link-button doc-retry"),
        }
    }
}

/// A document's analysis line: its state (with why it failed as tooltip) and the one thing it
/// offers, for the document called `name`.
fn analysis_line(status: Msg, why: Option<String>, offer: Offer, name: &str, on_click: impl Fn() + 'static) -> AnyView {
    let i18n = use_i18n();
    let (text, label, testid, classes) = offer.button();
    let label = {
        let name = name.to_owned();
        move || i18n.fill(label, &[&name])
    };
    view! {
        <div class="doc-analysis" data-testid="doc-analysis">
            <span class="doc-status" class:running=matches!(offer, Offer::Cancel) data-testid="doc-status" title=why>
                {i18n.t(status)}
            </span>
            <button
                type="button"
                class=classes
                data-testid=testid
                aria-label=label.clone()
                title=label
                on:click=move |_| on_click()
            >
                {i18n.t(text)}
            </button>
        </div>
    }
    .into_any()
}

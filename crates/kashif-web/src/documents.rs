//! The list of documents: one click to switch between them, one to remove one, one to remove
//! them all.

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
                    children=move |DocItem { id, name, detail, headline }| {
                        let is_current = move || selected.get() == Some(id);
                        let label = {
                            let name = name.clone();
                            move || i18n.fill(Msg::RemoveNamed, &[&name])
                        };
                        let cancel_label = {
                            let name = name.clone();
                            move || i18n.fill(Msg::CancelNamed, &[&name])
                        };
                        let retry_label = {
                            let name = name.clone();
                            move || i18n.fill(Msg::RetryNamed, &[&name])
                        };
                        let state = move || state_of.run(id);
                        let analysis_line = move || match state() {
                            "waiting" if running.get() == Some(id) => {
                                Some(
                                    view! {
                                        <div class="doc-analysis">
                                            <span class="doc-status running" data-testid="doc-status">
                                                {i18n.t(Msg::StateRunning)}
                                            </span>
                                            <button
                                                type="button"
                                                class="link-button doc-cancel"
                                                data-testid="doc-cancel"
                                                aria-label=cancel_label.clone()
                                                title=cancel_label.clone()
                                                on:click=move |_| on_cancel.run(id)
                                            >
                                                {i18n.t(Msg::CancelAnalysis)}
                                            </button>
                                        </div>
                                    }
                                        .into_any(),
                                )
                            }
                            stopped @ ("failed" | "cancelled") => {
                                let status = if stopped == "failed" { Msg::StateFailed } else { Msg::StateCancelled };
                                Some(
                                    view! {
                                        <div class="doc-analysis" data-testid="doc-analysis">
                                            <span
                                                class="doc-status"
                                                data-testid="doc-status"
                                                title=failure_of.run(id)
                                            >
                                                {i18n.t(status)}
                                            </span>
                                            <button
                                                type="button"
                                                class="link-button doc-retry"
                                                data-testid="doc-retry"
                                                aria-label=retry_label.clone()
                                                title=retry_label.clone()
                                                on:click=move |_| on_retry.run(id)
                                            >
                                                {i18n.t(Msg::Retry)}
                                            </button>
                                        </div>
                                    }
                                        .into_any(),
                                )
                            }
                            _ => None,
                        };
                        view! {
                            <li class="doc-row">
                                <button
                                    type="button"
                                    class="doc-item"
                                    data-testid="doc-item"
                                    data-doc=id
                                    data-state=state
                                    aria-current=move || is_current().then_some("true")
                                    title=headline
                                    on:click=move |_| on_select.run(id)
                                >
                                    <bdi>{visible_text(&name)}</bdi>
                                    {detail
                                        .map(|detail| {
                                            view! {
                                                <span class="doc-detail" data-testid="doc-detail">
                                                    <bdi>{detail}</bdi>
                                                </span>
                                            }
                                        })}
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
                                {analysis_line}
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}

//! The list of documents: one click to switch between them, one to remove one, one to remove
//! them all.

use leptos::prelude::*;

use super::i18n::{use_i18n, Msg};
use super::state::DocId;
use super::text_view::visible_text;
use super::workspace::DocItem;

/// Every document by name, with its outlet and date under it when it gives them and its headline
/// as tooltip; the selected one is marked with `aria-current`, and each carries its analysis
/// state in `data-state` (`waiting`, `done`, `failed`).
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
                        view! {
                            <li class="doc-row">
                                <button
                                    type="button"
                                    class="doc-item"
                                    data-testid="doc-item"
                                    data-doc=id
                                    data-state=move || state_of.run(id)
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
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}

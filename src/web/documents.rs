//! The list of documents, one click to switch between them.

use leptos::prelude::*;

use super::state::DocId;

/// Every document by name; the selected one is marked with `aria-current`.
#[component]
pub fn DocList(
    /// Id and name of every document, in list order.
    #[prop(into)]
    items: Signal<Vec<(DocId, String)>>,
    /// The document being shown.
    #[prop(into)]
    selected: Signal<Option<DocId>>,
    /// Called with the id of the document the user picks.
    on_select: Callback<DocId>,
) -> impl IntoView {
    view! {
        <section class="panel docs" aria-labelledby="kashif-docs-title">
            <h2 id="kashif-docs-title">"المستندات"</h2>
            <Show when=move || items.with(Vec::is_empty)>
                <p class="muted">"لا مستندات بعد."</p>
            </Show>
            <ul class="doc-list" data-testid="doc-list">
                <For
                    each=move || items.get()
                    key=|(id, _)| *id
                    children=move |(id, name)| {
                        let is_current = move || selected.get() == Some(id);
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="doc-item"
                                    data-testid="doc-item"
                                    data-doc=id
                                    aria-current=move || is_current().then_some("true")
                                    on:click=move |_| on_select.run(id)
                                >
                                    <bdi>{name}</bdi>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}

//! The entities of the shown document, each once, most mentioned first.

use leptos::prelude::*;

use super::i18n::{label_name, use_i18n, Msg};
use kashif_core::EntitySummary;

/// The entity list. Clicking an entity highlights its mentions in the text (click again to stop).
#[component]
pub fn EntityList(
    /// The entities, already in display order.
    #[prop(into)]
    summaries: Signal<Vec<EntitySummary>>,
    /// The entity whose mentions are highlighted.
    focus: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel entities" aria-labelledby="kashif-entities-title">
            <h2 id="kashif-entities-title">
                {i18n.t(Msg::Entities)}
                " "
                <span class="count-badge">{move || summaries.with(Vec::len)}</span>
            </h2>
            <Show when=move || summaries.with(Vec::is_empty)>
                <p class="muted">{i18n.t(Msg::NoEntities)}</p>
            </Show>
            <ol class="entity-list" data-testid="entity-list">
                <For
                    each=move || summaries.get()
                    key=|summary| (summary.id.clone(), summary.mentions)
                    children=move |summary| view! { <EntityItem summary focus /> }
                />
            </ol>
        </section>
    }
}

/// One entity: its colour, canonical name, label and number of mentions.
#[component]
fn EntityItem(summary: EntitySummary, focus: RwSignal<Option<String>>) -> impl IntoView {
    let EntitySummary { id, label, canonical, mentions, surfaces } = summary;
    let is_focused = {
        let id = id.clone();
        move || focus.with(|f| f.as_deref() == Some(id.as_str()))
    };
    let toggle = {
        let id = id.clone();
        move |_| focus.update(|f| *f = if f.as_deref() == Some(id.as_str()) { None } else { Some(id.clone()) })
    };
    let variants = surfaces.join("، ");
    let i18n = use_i18n();
    view! {
        <li data-testid="entity-item" data-entity=id.clone() data-label=label.as_str()>
            <button
                type="button"
                class="entity"
                aria-pressed=move || if is_focused() { "true" } else { "false" }
                title=variants
                on:click=toggle
            >
                <span class="swatch" data-label=label.as_str() aria-hidden="true"></span>
                <span class="entity-name"><bdi>{canonical}</bdi></span>
                <span class="entity-label">{move || label_name(i18n.lang(), label)}</span>
                <span class="entity-count" title=i18n.t(Msg::MentionCount)>{mentions}</span>
            </button>
        </li>
    }
}

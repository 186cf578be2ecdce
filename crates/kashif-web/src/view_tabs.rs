//! The view switcher and the table of the view shown.

use std::sync::Arc;

use leptos::prelude::*;

use super::figures_view::FigureTable;
use super::framing_view::FramingView;
use super::i18n::{use_i18n, Lang, Msg};
use super::navigation::{focus_element, Navigator, Tab};
use super::tables::{EntityTable, QuoteTable};
use super::workspace::CorpusEntry;

/// The view switcher: one tab per view (`role=tablist`), each controlling its panel
/// (`kashif-panel-<key>`). Only the selected tab is in the tab order; the arrow keys move to the
/// next or previous tab in reading order (← goes on in Arabic, → in English), Home and End to
/// the first and last, and show it.
#[component]
pub fn ViewTabs(tab: RwSignal<Tab>) -> impl IntoView {
    let i18n = use_i18n();
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let rtl = i18n.lang() == Lang::Ar;
        let at = Tab::ALL.iter().position(|t| *t == tab.get_untracked()).unwrap_or(0);
        let last = Tab::ALL.len() - 1;
        let to = match (ev.key().as_str(), rtl) {
            ("ArrowLeft", true) | ("ArrowRight", false) => (at + 1).min(last),
            ("ArrowRight", true) | ("ArrowLeft", false) => at.saturating_sub(1),
            ("Home", _) => 0,
            ("End", _) => last,
            _ => return,
        };
        ev.prevent_default();
        tab.set(Tab::ALL[to]);
        if let Some(button) = document().get_element_by_id(&format!("kashif-tab-{}", Tab::ALL[to].key())) {
            focus_element(&button);
        }
    };
    view! {
        <nav
            class="view-tabs"
            role="tablist"
            aria-label=i18n.t(Msg::Views)
            data-testid="view-tabs"
            on:keydown=on_keydown
        >
            {Tab::ALL
                .into_iter()
                .map(|t| {
                    view! {
                        <button
                            type="button"
                            role="tab"
                            class="view-tab"
                            id=format!("kashif-tab-{}", t.key())
                            aria-controls=format!("kashif-panel-{}", t.key())
                            data-testid=format!("tab-{}", t.key())
                            aria-selected=move || if tab.get() == t { "true" } else { "false" }
                            tabindex=move || if tab.get() == t { "0" } else { "-1" }
                            on:click=move |_| tab.set(t)
                        >
                            {i18n.t(t.title())}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The table of the view shown (nothing in the reading view).
#[component]
pub fn WorkspaceTables(
    /// The view shown.
    tab: RwSignal<Tab>,
    /// The analyzed documents.
    #[prop(into)]
    corpus: Signal<Arc<Vec<CorpusEntry>>>,
    /// Where clicks in the tables lead.
    nav: Navigator,
) -> impl IntoView {
    use leptos::either::EitherOf5;

    let panel = move |t: Tab, view: AnyView| {
        view! {
            <div role="tabpanel" id=format!("kashif-panel-{}", t.key()) aria-labelledby=format!("kashif-tab-{}", t.key())>
                {view}
            </div>
        }
    };
    move || match tab.get() {
        Tab::Text => EitherOf5::A(()),
        Tab::Entities => EitherOf5::B(panel(Tab::Entities, view! { <EntityTable corpus nav /> }.into_any())),
        Tab::Quotes => EitherOf5::C(panel(Tab::Quotes, view! { <QuoteTable corpus nav /> }.into_any())),
        Tab::Figures => EitherOf5::D(panel(Tab::Figures, view! { <FigureTable corpus nav /> }.into_any())),
        Tab::Framing => EitherOf5::E(panel(Tab::Framing, view! { <FramingView corpus nav /> }.into_any())),
    }
}

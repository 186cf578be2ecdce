//! The key to the colours: the six labels with their names and tags, each a switch that
//! shows or hides the marks of its label in the text.

use leptos::prelude::*;

use super::i18n::{label_name, use_i18n, Msg};
use kashif_core::Label;

/// One swatch per label, in [`Label::ALL`] order. Each entry is a toggle button
/// (`aria-pressed="true"` while the label's mentions are marked); a hidden label's mentions are
/// shown as plain text.
#[component]
pub fn Legend(
    /// The labels shown as plain text.
    hidden: RwSignal<Vec<Label>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel legend" aria-labelledby="kashif-legend-title">
            <h2 id="kashif-legend-title">{i18n.t(Msg::Legend)}</h2>
            <p class="muted legend-hint">{i18n.t(Msg::LegendHint)}</p>
            <ul class="legend-list" data-testid="legend">
                {Label::ALL
                    .into_iter()
                    .map(|label| {
                        let shown = move || hidden.with(|h| !h.contains(&label));
                        view! {
                            <li data-label=label.as_str()>
                                <button
                                    type="button"
                                    class="legend-toggle"
                                    data-testid="legend-toggle"
                                    data-label=label.as_str()
                                    aria-pressed=move || if shown() { "true" } else { "false" }
                                    on:click=move |_| {
                                        hidden.update(|h| {
                                            if let Some(at) = h.iter().position(|l| *l == label) {
                                                h.remove(at);
                                            } else {
                                                h.push(label);
                                            }
                                        })
                                    }
                                >
                                    <span class="swatch" data-label=label.as_str() aria-hidden="true"></span>
                                    <span class="legend-name">{move || label_name(i18n.lang(), label)}</span>
                                    <code class="tag" dir="ltr">{label.as_str()}</code>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

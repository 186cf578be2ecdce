//! The key to the colours: the six labels with their Arabic names and tags, each a switch that
//! shows or hides the marks of its label in the text.

use leptos::prelude::*;

use crate::Label;

/// One swatch per label, in [`Label::ALL`] order. Each entry is a toggle button
/// (`aria-pressed="true"` while the label's mentions are marked); a hidden label's mentions are
/// shown as plain text.
#[component]
pub fn Legend(
    /// The labels shown as plain text.
    hidden: RwSignal<Vec<Label>>,
) -> impl IntoView {
    view! {
        <section class="panel legend" aria-labelledby="kashif-legend-title">
            <h2 id="kashif-legend-title">"دليل الألوان"</h2>
            <p class="muted legend-hint">"انقر نوعًا لإخفاء تلوينه أو إظهاره."</p>
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
                                    <span class="legend-name">{label.arabic_name()}</span>
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

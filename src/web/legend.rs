//! The key to the colours: the six labels with their Arabic names and tags.

use leptos::prelude::*;

use crate::Label;

/// One swatch per label, in [`Label::ALL`] order.
#[component]
pub fn Legend() -> impl IntoView {
    view! {
        <section class="panel legend" aria-labelledby="kashif-legend-title">
            <h2 id="kashif-legend-title">"دليل الألوان"</h2>
            <ul class="legend-list" data-testid="legend">
                {Label::ALL
                    .into_iter()
                    .map(|label| {
                        view! {
                            <li data-label=label.as_str()>
                                <span class="swatch" data-label=label.as_str() aria-hidden="true"></span>
                                <span class="legend-name">{label.arabic_name()}</span>
                                <code class="tag" dir="ltr">{label.as_str()}</code>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

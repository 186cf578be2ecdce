//! The page header: the name and the privacy promise.

use leptos::prelude::*;

/// The name of the tool, what it does, and that nothing leaves the browser.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <h1 class="site-name">"كاشف"</h1>
            <p class="tagline">
                "يكشف الأشخاص والمنظمات والأماكن والتواريخ والأرقام في نصوص الأخبار العربية."
            </p>
            <p class="privacy" data-testid="privacy">
                "تُحلَّل النصوص في متصفحك ولا يُرسَل شيء إلى أي خادم."
            </p>
        </header>
    }
}

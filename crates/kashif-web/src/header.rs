//! The page header: the name, the privacy promise, and the switch of the interface language.

use leptos::prelude::*;

use super::i18n::{text, use_i18n, Msg};
use super::reading::ThemeToggle;
use super::settings::{self, Settings};

/// The sources of the data embedded in the page, their licences and the attribution each asks
/// for (`NOTICE.md`, also `kashif credits`).
const NOTICE: &str = include_str!("../../../NOTICE.md");

/// The name of the tool, what it does, that nothing leaves the browser, the sources and licences
/// of its data; the language and theme switches.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="site-header">
            <h1 class="site-name">{i18n.t(Msg::AppName)}</h1>
            <p class="tagline">{i18n.t(Msg::Tagline)}</p>
            <p class="privacy" data-testid="privacy">{i18n.t(Msg::Privacy)}</p>
            <details class="credits" data-testid="credits">
                <summary>{i18n.t(Msg::Credits)}</summary>
                <pre lang="en" dir="ltr">{NOTICE}</pre>
            </details>
            <div class="header-tools">
                <LangSwitch />
                <ThemeToggle />
            </div>
        </header>
    }
}

/// The switch between the two interface languages: a button naming the other one, in that
/// language; the choice is saved with the [`Settings`].
#[component]
fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let settings = use_context::<Settings>();
    let other = move || i18n.lang().other();
    view! {
        <button
            type="button"
            class="header-button lang-switch"
            data-testid="lang-switch"
            lang=move || other().code()
            title=move || text(other(), Msg::SwitchLang)
            on:click=move |_| {
                if let Some(settings) = settings {
                    settings.set(settings::LANG, other().code());
                }
            }
        >
            {move || text(other(), Msg::LangName)}
        </button>
    }
}

//! Reading-view helpers: the card shown for a hovered or focused mention, stepping through the
//! mentions of one entity (buttons and keys n/p or ←/→), and the light/dark theme switch (saved).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use super::i18n::{label_name, use_i18n, Msg};
use super::settings::{Settings, THEME};
use super::navigation::{focus_element, mention_element, Tab};
use super::view_state::CardAt;
use kashif_core::{EntitySummary, Mention};

/// The card of the hovered or focused mention: its type, display name, the other spellings of the
/// entity in the document and how many times the document mentions it.
#[component]
pub fn MentionCard(
    /// Where to show the card, if anywhere.
    card: RwSignal<Option<CardAt>>,
    /// The mentions of the shown document.
    #[prop(into)]
    mentions: Signal<Vec<Mention>>,
    /// The entities of the shown document.
    #[prop(into)]
    summaries: Signal<Vec<EntitySummary>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let content = move || {
        let at = card.get()?;
        let mention = mentions.with(|m| m.iter().find(|m| m.start == at.start).cloned())?;
        let summary = summaries.with(|s| s.iter().find(|s| s.id == mention.id).cloned());
        let (count, others) = match summary {
            Some(s) => (s.mentions, s.surfaces.into_iter().filter(|s| *s != mention.canonical).collect::<Vec<_>>()),
            None => (1, Vec::new()),
        };
        Some(view! {
            <div
                class="mention-card"
                role="tooltip"
                id="kashif-card"
                data-testid="mention-card"
                style:top=format!("{}px", at.top)
                style:right=format!("{}px", at.right)
            >
                <div class="card-head">
                    <span class="swatch" data-label=mention.label.as_str() aria-hidden="true"></span>
                    " "
                    <span class="card-type" data-testid="card-type">{label_name(i18n.lang(), mention.label)}</span>
                </div>
                <div class="card-name" data-testid="card-name"><bdi>{mention.canonical.clone()}</bdi></div>
                {mention.title.clone().map(|title| view! { <div class="card-title muted"><bdi>{title}</bdi></div> })}
                {(!others.is_empty()).then(|| view! {
                    <div class="card-spellings" data-testid="card-spellings">
                        {i18n.text(Msg::OtherSpellings)} <bdi>{others.join("، ")}</bdi>
                    </div>
                })}
                <div class="card-count" data-testid="card-count">
                    {i18n.fill(if count == 1 { Msg::MentionsHereOne } else { Msg::MentionsHereMany }, &[&count])}
                </div>
            </div>
        })
    };
    view! { {content} }
}

/// Next / previous through the mentions of the followed entity, with "2 / 5"; the keys n and ←
/// go forward, p and → back (the text runs right to left), Escape stops following.
#[component]
pub fn MentionStepper(
    /// The mentions of the shown document.
    #[prop(into)]
    mentions: Signal<Vec<Mention>>,
    /// The entity followed.
    focus: RwSignal<Option<String>>,
    /// The start of the mention the stepper is on.
    current: RwSignal<Option<usize>>,
    /// The view shown (keys only act in the reading view).
    tab: RwSignal<Tab>,
) -> impl IntoView {
    let i18n = use_i18n();
    let stepper = Stepper::new(mentions, focus, current);
    stepper.go_to_first_of_each_entity();
    step_on_keys(stepper, tab);
    let name = move || {
        let id = focus.get()?;
        mentions.with(|m| m.iter().find(|m| m.id == id).map(|m| m.canonical.clone()))
    };
    let Stepper { starts, index, .. } = stepper;
    view! {
        <Show when=move || starts.with(Option::is_some)>
            <div class="stepper" data-testid="stepper" role="group" aria-label=i18n.t(Msg::Stepper)>
                <button type="button" class="step-button" data-testid="step-prev" on:click=move |_| stepper.step(-1) aria-label=i18n.t(Msg::PreviousMention)>
                    {i18n.t(Msg::Previous)}
                </button>
                <span class="step-count" data-testid="stepper-count" dir="ltr" aria-live="polite">
                    {move || {
                        let total = starts.with(|s| s.as_ref().map_or(0, Vec::len));
                        format!("{} / {}", index.get().map_or(0, |i| i + 1), total)
                    }}
                </span>
                <button type="button" class="step-button" data-testid="step-next" on:click=move |_| stepper.step(1) aria-label=i18n.t(Msg::NextMention)>
                    {i18n.t(Msg::Next)}
                </button>
                <bdi class="step-name">{name}</bdi>
                <span class="muted step-keys">{i18n.t(Msg::StepKeys)}</span>
                <button type="button" class="link-button step-close" data-testid="step-close" on:click=move |_| stepper.stop()>
                    {i18n.t(Msg::StopFollowing)}
                </button>
            </div>
        </Show>
    }
}

/// Where the stepper is: the starts of the followed entity's mentions and the one it is on.
#[derive(Clone, Copy)]
struct Stepper {
    /// The entity followed.
    focus: RwSignal<Option<String>>,
    /// The start of the mention the stepper is on.
    current: RwSignal<Option<usize>>,
    /// The starts of the followed entity's mentions, in text order (`None` when it has none).
    starts: Memo<Option<Vec<usize>>>,
    /// The position of `current` among `starts`.
    index: Memo<Option<usize>>,
}

impl Stepper {
    /// The stepper over the mentions of the entity `focus` in `mentions`, on `current`.
    fn new(mentions: Signal<Vec<Mention>>, focus: RwSignal<Option<String>>, current: RwSignal<Option<usize>>) -> Self {
        let starts = Memo::new(move |_| {
            let id = focus.get()?;
            let starts: Vec<usize> = mentions.with(|m| m.iter().filter(|m| m.id == id).map(|m| m.start).collect());
            (!starts.is_empty()).then_some(starts)
        });
        let index = Memo::new(move |_| {
            let current = current.get()?;
            starts.with(|s| s.as_ref()?.iter().position(|&start| start == current))
        });
        Stepper { focus, current, starts, index }
    }

    /// Following a new entity (from the entity list): go to its first mention, and scroll it
    /// into view.
    fn go_to_first_of_each_entity(self) {
        let Stepper { current, starts, index, .. } = self;
        Effect::new(move |_| {
            if let Some(starts) = starts.get() {
                if index.get_untracked().is_none() {
                    current.set(Some(starts[0]));
                    request_animation_frame(move || {
                        if let Some(mark) = mention_element(starts[0]) {
                            mark.scroll_into_view_with_bool(false);
                        }
                    });
                }
            }
        });
    }

    /// Moves `delta` mentions on (around at either end) and puts the keyboard focus on the mark.
    fn step(self, delta: isize) {
        let Some(starts) = self.starts.get_untracked() else { return };
        let len = starts.len() as isize;
        let at = self.index.get_untracked().map_or(if delta > 0 { -1 } else { 0 }, |i| i as isize);
        let next = starts[(at + delta).rem_euclid(len) as usize];
        self.current.set(Some(next));
        request_animation_frame(move || {
            if let Some(mark) = mention_element(next) {
                focus_element(&mark);
            }
        });
    }

    /// Stops following the entity.
    fn stop(self) {
        self.focus.set(None);
        self.current.set(None);
    }
}

/// The stepper's keys, for the lifetime of the component: n and ← step forward, p and → back,
/// Escape stops; only in the reading view, while an entity is followed and the reader is not
/// typing.
fn step_on_keys(stepper: Stepper, tab: RwSignal<Tab>) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if tab.get_untracked() != Tab::Text || stepper.focus.with_untracked(Option::is_none) {
            return;
        }
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() || is_typing(&ev) {
            return;
        }
        match ev.key().as_str() {
            "n" | "N" | "ArrowLeft" => stepper.step(1),
            "p" | "P" | "ArrowRight" => stepper.step(-1),
            "Escape" => {
                stepper.stop();
                return;
            }
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());
}

/// Whether a key went to a text field or a list box (where the reader is typing or choosing).
fn is_typing(ev: &KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Switches between the light and dark themes. Until it is first used, the page follows the
/// system's preference (`prefers-color-scheme`); the button shows the theme in effect. The choice
/// is saved with the [`Settings`] and put back on the next visit.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let i18n = use_i18n();
    let settings = use_context::<Settings>();
    let saved = settings.and_then(|settings| settings.get_untracked(THEME));
    if saved.is_some() {
        apply_theme(saved.as_deref());
    }
    let dark = RwSignal::new(saved.as_deref() == Some("dark"));
    // The stylesheet sets `--theme: dark` on the root while the dark theme is in effect.
    request_animation_frame(move || dark.set(dark_in_effect()));
    let toggle = move |_| {
        let next = if dark.get_untracked() { "light" } else { "dark" };
        apply_theme(Some(next));
        if let Some(settings) = settings {
            settings.set(THEME, next);
        }
        dark.set(next == "dark");
    };
    view! {
        <button
            type="button"
            class="header-button theme-toggle"
            data-testid="theme-toggle"
            aria-pressed=move || if dark.get() { "true" } else { "false" }
            title=i18n.t(Msg::ThemeTitle)
            on:click=toggle
        >
            <span aria-hidden="true">{move || if dark.get() { "☀" } else { "☾" }}</span>
            " "
            {move || i18n.text(if dark.get() { Msg::LightMode } else { Msg::DarkMode })}
        </button>
    }
}

/// Puts a chosen theme (`light` or `dark`) on the page's root element; anything else leaves the
/// choice to the system.
pub fn apply_theme(theme: Option<&str>) {
    let Some(root) = document().document_element() else { return };
    let _ = match theme {
        Some(theme @ ("light" | "dark")) => root.set_attribute("data-theme", theme),
        _ => root.remove_attribute("data-theme"),
    };
}

fn dark_in_effect() -> bool {
    let Some(root) = document().document_element() else { return false };
    window()
        .get_computed_style(&root)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("--theme").ok())
        .is_some_and(|value| value.trim() == "dark")
}

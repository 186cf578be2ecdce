//! The analyzed text: the document as given, right-to-left, each mention a coloured `<mark>`.
//!
//! Everything is inserted as text nodes, never as HTML, and bidi control characters are shown
//! as small tags instead of being allowed to reorder what the reader sees.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::i18n::{use_i18n, Msg};
use super::reading::CardAt;
use super::spans::{glyphs, segments, Glyphs, Segment};
use super::workspace::{mention_element_id, SPOTLIGHT_ID};
use crate::{Label, Mention};

/// The shown document with its mentions marked, or a hint when there is nothing to show.
///
/// Mentions of a hidden label are shown as plain text. Each mark can take the keyboard focus
/// (`tabindex=0`) and has a stable element id from its start ([`mention_element_id`]); hovering
/// or focusing one shows its card, clicking one follows its entity. A span in `spotlight` is lit
/// up (a quote, a figure or a descriptor a table jumped to).
#[component]
pub fn AnalyzedText(
    /// The text of the shown document, if any.
    #[prop(into)]
    text: Signal<Option<Arc<str>>>,
    /// The mentions found in it, in text order.
    #[prop(into)]
    mentions: Signal<Vec<Mention>>,
    /// The entity whose mentions are highlighted.
    focus: RwSignal<Option<String>>,
    /// The labels shown as plain text.
    #[prop(into)]
    hidden: Signal<Vec<Label>>,
    /// A span to light up.
    #[prop(into)]
    spotlight: Signal<Option<(usize, usize)>>,
    /// The start of the mention the stepper is on.
    current: RwSignal<Option<usize>>,
    /// Where the mention card is shown.
    card: RwSignal<Option<CardAt>>,
) -> impl IntoView {
    let marks = Marks { focus, current };
    let i18n = use_i18n();
    move || match text.get() {
        Some(text) if !text.trim().is_empty() => {
            let hidden = hidden.get();
            let spotlight = spotlight.get();
            Either::Left(mentions.with(|mentions| marked_text(&text, mentions, &hidden, spotlight, marks, card)))
        }
        Some(_) => Either::Right(Either::Left(view! {
            <div class="hint" data-testid="hint">
                <p>{i18n.t(Msg::EmptyDocument)}</p>
            </div>
        })),
        None => Either::Right(Either::Right(view! { <EmptyHint /> })),
    }
}

/// What to do when there is no text yet.
#[component]
fn EmptyHint() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="hint" data-testid="hint">
            <p>{i18n.t(Msg::NoTextYet)}</p>
            <p>
                {i18n.t(Msg::NoTextHintBefore)}
                <bdi dir="ltr">".txt"</bdi>
                {i18n.t(Msg::NoTextHintAfter)}
            </p>
        </div>
    }
}

/// The signals every mark reads.
#[derive(Clone, Copy)]
struct Marks {
    focus: RwSignal<Option<String>>,
    current: RwSignal<Option<usize>>,
}

/// The `<mark>` an event happened in, if any.
fn mark_of(ev: &web_sys::Event) -> Option<HtmlElement> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    target.closest("mark[data-start]").ok().flatten()?.dyn_into().ok()
}

fn marked_text(
    text: &str,
    mentions: &[Mention],
    hidden: &[Label],
    spotlight: Option<(usize, usize)>,
    marks: Marks,
    card: RwSignal<Option<CardAt>>,
) -> impl IntoView {
    let mut pieces: Vec<AnyView> = Vec::new();
    let mut offset = 0; // chars before the current segment
    let mut spot_placed = false;
    for segment in segments(text, mentions) {
        match segment {
            Segment::Plain(plain) => {
                let len = plain.chars().count();
                pieces.extend(plain_pieces(plain, offset, spotlight, &mut spot_placed));
                offset += len;
            }
            Segment::Mention { surface, mention } => {
                offset += surface.chars().count();
                let lit = spotlight.is_some_and(|(s, e)| mention.start < e && mention.end > s);
                if hidden.contains(&mention.label) {
                    pieces.extend(plain_pieces(surface, mention.start, spotlight, &mut spot_placed));
                } else {
                    pieces.push(mark(surface, mention, marks, lit).into_any());
                }
            }
        }
    }
    let show_card = move |ev: web_sys::Event| match mark_of(&ev) {
        Some(mark) => card.set(CardAt::below(&mark)),
        None => card.set(None),
    };
    let follow = move |ev: web_sys::MouseEvent| {
        let Some(mark) = mark_of(&ev) else { return };
        let (Some(entity), Some(start)) =
            (mark.get_attribute("data-entity"), mark.get_attribute("data-start").and_then(|s| s.parse().ok()))
        else {
            return;
        };
        marks.current.set(Some(start));
        marks.focus.set(Some(entity));
    };
    view! {
        <article
            class="analyzed"
            data-testid="analyzed-text"
            dir="rtl"
            lang="ar"
            on:mouseover=move |ev| show_card(ev.into())
            on:focusin=move |ev| show_card(ev.into())
            on:mouseleave=move |_| card.set(None)
            on:focusout=move |_| card.set(None)
            on:scroll=move |_| card.set(None)
            on:click=follow
        >
            {pieces}
        </article>
    }
}

/// Plain text starting at char `offset`, the part inside `spotlight` wrapped in a lit-up span (the
/// first such span gets the id [`SPOTLIGHT_ID`] and can take the focus).
fn plain_pieces(
    plain: &str,
    offset: usize,
    spotlight: Option<(usize, usize)>,
    spot_placed: &mut bool,
) -> Vec<AnyView> {
    let len = plain.chars().count();
    let Some((s, e)) = spotlight.filter(|&(s, e)| s < offset + len && e > offset) else {
        return vec![visible_text(plain).into_any()];
    };
    let cut = |at: usize| plain.char_indices().nth(at.clamp(offset, offset + len) - offset).map_or(plain.len(), |(b, _)| b);
    let (a, b) = (cut(s), cut(e));
    let mut out = Vec::new();
    if a > 0 {
        out.push(visible_text(&plain[..a]).into_any());
    }
    let id = (!*spot_placed).then(|| SPOTLIGHT_ID.to_owned());
    *spot_placed = true;
    out.push(
        view! {
            <span class="spotlight" id=id tabindex="-1" data-testid="spotlight">{visible_text(&plain[a..b])}</span>
        }
        .into_any(),
    );
    if b < plain.len() {
        out.push(visible_text(&plain[b..]).into_any());
    }
    out
}

fn mark(surface: &str, mention: &Mention, marks: Marks, lit: bool) -> impl IntoView + use<> {
    let id = mention.id.clone();
    let start = mention.start;
    let focused = {
        let id = id.clone();
        move || marks.focus.with(|f| f.as_deref() == Some(id.as_str()))
    };
    view! {
        <mark
            id=mention_element_id(start)
            tabindex="0"
            data-label=mention.label.as_str()
            data-entity=id
            data-start=start
            title=mention.canonical.clone()
            aria-describedby="kashif-card"
            class:focused=focused
            class:current=move || marks.current.get() == Some(start)
            class:spotlight=lit
        >
            {visible_text(surface)}
        </mark>
    }
}

/// Text nodes for the ordinary characters, a tag for each bidi control.
fn visible_text(text: &str) -> impl IntoView + use<> {
    glyphs(text)
        .into_iter()
        .map(|piece| match piece {
            Glyphs::Text(run) => Either::Left(run.to_owned()),
            Glyphs::Control(control) => Either::Right(view! {
                <span
                    class="bidi-control"
                    class:reorders=control.reorders
                    dir="ltr"
                    title=format!("{} ({})", control.code_point(), control.abbr)
                >
                    {control.abbr}
                </span>
            }),
        })
        .collect::<Vec<_>>()
}

//! The analyzed text: the document as given, right-to-left, each mention a coloured `<mark>`.
//!
//! Everything is inserted as text nodes, never as HTML, and bidi control characters are shown
//! as small tags instead of being allowed to reorder what the reader sees.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use super::spans::{glyphs, segments, Glyphs, Segment};
use crate::Mention;

/// The shown document with its mentions marked, or a hint when there is nothing to show.
#[component]
pub fn AnalyzedText(
    /// The text of the shown document, if any.
    #[prop(into)]
    text: Signal<Option<Arc<str>>>,
    /// The mentions found in it, in text order.
    #[prop(into)]
    mentions: Signal<Vec<Mention>>,
    /// The entity whose mentions are highlighted.
    #[prop(into)]
    focus: Signal<Option<String>>,
) -> impl IntoView {
    move || match text.get() {
        Some(text) if !text.trim().is_empty() => {
            Either::Left(mentions.with(|mentions| marked_text(&text, mentions, focus)))
        }
        Some(_) => Either::Right(Either::Left(view! {
            <div class="hint" data-testid="hint">
                <p>"هذا المستند فارغ: لا نص فيه لتحليله."</p>
            </div>
        })),
        None => Either::Right(Either::Right(view! { <EmptyHint /> })),
    }
}

/// What to do when there is no text yet.
#[component]
fn EmptyHint() -> impl IntoView {
    view! {
        <div class="hint" data-testid="hint">
            <p>"لا يوجد نص بعد."</p>
            <p>
                "الصق نص خبر في المربع أعلاه، أو أفلت ملفات "
                <bdi dir="ltr">".txt"</bdi>
                " على الصفحة، فتظهر هنا الأسماء والأماكن والتواريخ ملوّنة."
            </p>
        </div>
    }
}

fn marked_text(text: &str, mentions: &[Mention], focus: Signal<Option<String>>) -> impl IntoView {
    let pieces = segments(text, mentions)
        .into_iter()
        .map(|segment| match segment {
            Segment::Plain(plain) => Either::Left(visible_text(plain)),
            Segment::Mention { surface, mention } => Either::Right(mark(surface, mention, focus)),
        })
        .collect::<Vec<_>>();
    view! {
        <article class="analyzed" data-testid="analyzed-text" dir="rtl" lang="ar">
            {pieces}
        </article>
    }
}

fn mark(surface: &str, mention: &Mention, focus: Signal<Option<String>>) -> impl IntoView {
    let id = mention.id.clone();
    let focused = {
        let id = id.clone();
        move || focus.with(|f| f.as_deref() == Some(id.as_str()))
    };
    view! {
        <mark
            data-label=mention.label.as_str()
            data-entity=id
            title=mention.canonical.clone()
            class:focused=focused
        >
            {visible_text(surface)}
        </mark>
    }
}

/// Text nodes for the ordinary characters, a tag for each bidi control.
fn visible_text(text: &str) -> impl IntoView {
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

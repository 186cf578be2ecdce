//! What the page shows, beside the documents of the [`Session`]: the view state the reader sets
//! (the view shown, the entity followed and the mention the stepper is on, the span lit up, the
//! labels hidden, the mention card, the text selected, files dragged over the page) and the
//! memos the views read, worked out from the session (the shown document's name, text, mentions
//! and entities; every analysed document with the user's corrections, linked across documents;
//! the items of the document list; the progress of the batch).
//!
//! A [`ViewState`] is a bundle of signals and memos (it is `Copy`), made once by
//! [`ViewState::new`] at the top of the page and handed to the page's regions (`layout`), which
//! give each component only the signals it needs.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use web_sys::HtmlElement;

use super::i18n::I18n;
use super::navigation::{Navigator, Tab};
use super::session::Session;
use super::state::{DocId, Document};
use super::workspace::{analysed_docs, link_docs, relink_docs, AnalysedDoc, Bylines, CorpusEntry, DocItem};
use kashif_core::ingest::Byline;
use kashif_core::{Analysis, EntitySummary, Label, Mention};

/// Where the mention card is shown: the mention (by its start) and the card's place in the
/// text panel, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardAt {
    /// The start of the mention the card describes.
    pub start: usize,
    /// Distance from the top of the text panel.
    pub top: i32,
    /// Distance from the right edge of the text panel.
    pub right: i32,
}

impl CardAt {
    /// The card for `mark` (a `<mark>` of the analyzed text), placed just under it.
    pub fn below(mark: &HtmlElement) -> Option<Self> {
        let start = mark.get_attribute("data-start")?.parse().ok()?;
        let panel = mark.offset_parent()?;
        let scrolled = mark.closest(".analyzed").ok().flatten().map_or(0, |article| article.scroll_top());
        let top = mark.offset_top() + mark.offset_height() - scrolled + 4;
        let right = (panel.client_width() - mark.offset_left() - mark.offset_width()).max(0);
        Some(CardAt { start, top, right })
    }
}

/// A span of the shown text the reader selected, in chars of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picked {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The selected text (trimmed of spaces and punctuation at both ends).
    pub text: String,
}

/// The page's view state and what the views read (see the module documentation).
#[derive(Clone, Copy)]
pub struct ViewState {
    /// The view shown.
    pub tab: RwSignal<Tab>,
    /// The entity followed: its mentions are highlighted and stepped through.
    pub focus: RwSignal<Option<String>>,
    /// The start of the mention the stepper is on (the mention clicked).
    pub current: RwSignal<Option<usize>>,
    /// A span of a document to light up (a quote, a figure or a descriptor a table jumped to):
    /// the document, start and end.
    pub spotlight: RwSignal<Option<(DocId, usize, usize)>>,
    /// The labels whose mentions are shown as plain text.
    pub hidden: RwSignal<Vec<Label>>,
    /// Where the mention card is shown, if anywhere.
    pub card: RwSignal<Option<CardAt>>,
    /// The text the reader selected (to add as a mention).
    pub picked: RwSignal<Option<Picked>>,
    /// How deep the files dragged over the page are (entered minus left elements): the drop
    /// overlay shows while it is above zero.
    pub drag_depth: RwSignal<u32>,
    /// The shown document's name, in the interface language.
    pub title: Memo<Option<String>>,
    /// The shown document's text.
    pub text: Memo<Option<Arc<str>>>,
    /// The shown document's mentions, corrected, in text order.
    pub mentions: Memo<Vec<Mention>>,
    /// The shown document's entities, most mentioned first.
    pub summaries: Memo<Vec<EntitySummary>>,
    /// Every analysed document, corrected and linked across documents: the tables and the
    /// exports (worked out only when one of them reads it: memos are lazy).
    pub corpus: Memo<Arc<Vec<CorpusEntry>>>,
    /// The items of the document list, in list order.
    pub doc_items: Memo<Vec<DocItem>>,
    /// `(answered, total)` of the batch under way, `None` when idle.
    pub progress: Memo<Option<(usize, usize)>>,
    /// The span lit up in the shown document (the [`spotlight`](Self::spotlight) when it is
    /// there): start and end.
    pub spot: Signal<Option<(usize, usize)>>,
    /// True while a file (not the pasted text) is shown: the paste box steps back so the results
    /// stay in view.
    pub showing_a_file: Signal<bool>,
}

impl ViewState {
    /// The view state of a fresh page (the reading view, nothing followed, lit up, hidden or
    /// selected) over `session`, its names in the language of `i18n`. Call once, inside the
    /// page's reactive owner: it starts the effect that sends the names to the linking worker.
    pub fn new(session: Session, i18n: I18n) -> ViewState {
        let Session { library, selected, tracker, .. } = session;
        let analysed = analysed(session);
        let analysis = Memo::new(move |_| {
            let id = selected.get()?;
            analysed.with(|docs| docs.iter().find(|doc| doc.id == id).map(|doc| Arc::clone(&doc.analysis)))
        });
        let spotlight = RwSignal::new(None::<(DocId, usize, usize)>);
        ViewState {
            tab: RwSignal::new(Tab::Text),
            focus: RwSignal::new(None),
            current: RwSignal::new(None),
            spotlight,
            hidden: RwSignal::new(Vec::new()),
            card: RwSignal::new(None),
            picked: RwSignal::new(None),
            drag_depth: RwSignal::new(0),
            title: shown_doc(session, move |doc| doc.shown_name(i18n.lang())),
            text: shown_doc(session, |doc| Arc::clone(&doc.text)),
            mentions: Memo::new(move |_| analysis.with(|a| a.as_ref().map(|a| a.entities.clone()).unwrap_or_default())),
            summaries: Memo::new(move |_| {
                analysis.with(|a| a.as_deref().map(Analysis::entity_summaries).unwrap_or_default())
            }),
            corpus: linked(session, analysed),
            doc_items: doc_items(session, analysed, i18n),
            progress: Memo::new(move |_| tracker.with(|tracker| tracker.progress())),
            spot: Signal::derive(move || {
                spotlight.get().filter(|(doc, _, _)| selected.get() == Some(*doc)).map(|(_, start, end)| (start, end))
            }),
            showing_a_file: Signal::derive(move || {
                let id = selected.get();
                library.with(|library| id.and_then(|id| library.get(id)).is_some_and(|doc| !doc.is_pasted()))
            }),
        }
    }

    /// What a jump to a place in a document moves: the document `selected` and this state's
    /// view, spotlight, entity followed and stepper.
    pub fn navigator(self, selected: RwSignal<Option<DocId>>) -> Navigator {
        Navigator { selected, tab: self.tab, spotlight: self.spotlight, focus: self.focus, current: self.current }
    }
}

/// `read` of the shown document, if there is one.
fn shown_doc<T: PartialEq + Send + Sync + 'static>(
    session: Session,
    read: impl Fn(&Document) -> T + Send + Sync + 'static,
) -> Memo<Option<T>> {
    let (library, selected) = (session.library, session.selected);
    Memo::new(move |_| {
        let id = selected.get()?;
        library.with(|library| library.get(id).map(&read))
    })
}

/// Every analysed document with the user's corrections: the one source of the reading view,
/// the tables and the exports.
fn analysed(session: Session) -> Memo<Arc<Vec<AnalysedDoc>>> {
    let Session { library, tracker, corrections, .. } = session;
    let bylines = StoredValue::new(Bylines::default());
    Memo::new(move |_| {
        let docs = library.with(|library| {
            tracker.with(|tracker| {
                bylines
                    .try_update_value(|bylines| {
                        let analysis_of =
                            |doc: &Document| tracker.analysis(doc.id).map(|raw| corrections.apply(doc.id, &doc.text, raw));
                        analysed_docs(library.docs(), analysis_of, bylines)
                    })
                    .unwrap_or_default()
            })
        });
        Arc::new(docs)
    })
}

/// The `analysed` documents linked across documents. The names go to the linking worker
/// whenever the analyses change (and again when they changed while it was busy); its answer
/// relinks the documents here. Without a linking worker, the page links them itself.
fn linked(session: Session, analysed: Memo<Arc<Vec<AnalysedDoc>>>) -> Memo<Arc<Vec<CorpusEntry>>> {
    let Session { relinks, linking_off, link_again, corrections, .. } = session;
    Effect::new(move |_| {
        link_again.track();
        analysed.with(|docs| session.request_linking(docs));
    });
    Memo::new(move |_| {
        let merges = corrections.with(|book| book.merges().to_vec());
        if linking_off.get() {
            return Arc::new(analysed.with(|docs| link_docs(docs, &merges)));
        }
        relinks.with(|relinks| Arc::new(analysed.with(|docs| relink_docs(docs, &merges, relinks))))
    })
}

/// One item per document of the library, with the byline its analysis found, named in the
/// language of `i18n`.
fn doc_items(session: Session, analysed: Memo<Arc<Vec<AnalysedDoc>>>, i18n: I18n) -> Memo<Vec<DocItem>> {
    let library = session.library;
    Memo::new(move |_| {
        let lang = i18n.lang();
        analysed.with(|analysed| {
            let bylines: HashMap<DocId, &Byline> = analysed.iter().map(|a| (a.id, &a.byline)).collect();
            let byline = |id: DocId| bylines.get(&id).copied();
            library.with(|library| {
                library.docs().iter().map(|doc| DocItem::new(doc.id, doc.shown_name(lang), byline(doc.id))).collect::<Vec<_>>()
            })
        })
    })
}

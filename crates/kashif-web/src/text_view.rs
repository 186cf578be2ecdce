//! The analyzed text: the document as given, right-to-left, each mention a coloured `<mark>`.
//!
//! Everything is inserted as text nodes, never as HTML, and bidi control characters are shown
//! as small tags instead of being allowed to reorder what the reader sees.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::correct_panel::picked_in;
use super::i18n::{use_i18n, Msg};
use super::spans::{segments, MarkStep, Segment};
use super::view_state::{CardAt, Picked};
use super::visible::visible_text;
use super::navigation::{mention_element_id, SPOTLIGHT_ID};
use kashif_core::{Label, Mention};

/// The shown document with its mentions marked, or a hint when there is nothing to show.
///
/// Mentions of a hidden label are shown as plain text. Each mark can take the keyboard focus;
/// one of them is in the tab order and the arrow keys move between them ([`MarkStep`]). Each has
/// a stable element id from its start ([`mention_element_id`]); hovering
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
    /// The text the reader selected (to add as a mention).
    picked: RwSignal<Option<Picked>>,
) -> impl IntoView {
    let marks = Marks { focus, current, picked };
    follow_classes(focus, current);
    // The layout moves with the window: a card placed for the old one would cover other words.
    let resized = window_event_listener(leptos::ev::resize, move |_| card.set(None));
    on_cleanup(move || resized.remove());
    let i18n = use_i18n();
    move || match text.get() {
        Some(text) if !text.trim().is_empty() => {
            let hidden = hidden.get();
            let spotlight = spotlight.get();
            Either::Left(mentions.with(|mentions| marked_text(text, mentions, &hidden, spotlight, marks, card)))
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

/// About how many chars of text one block of the rendered text holds (see [`Chunks`]).
const CHUNK_CHARS: usize = 3_000;

/// The signals every mark reads.
#[derive(Clone, Copy)]
struct Marks {
    focus: RwSignal<Option<String>>,
    current: RwSignal<Option<usize>>,
    picked: RwSignal<Option<Picked>>,
}

/// The `<mark>` an event happened in, if any.
fn mark_of(ev: &web_sys::Event) -> Option<HtmlElement> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    target.closest("mark[data-start]").ok().flatten()?.dyn_into().ok()
}

/// The text with its mentions marked (those of a `hidden` label as plain text) and the span in
/// `spotlight` lit up, in blocks of about [`CHUNK_CHARS`] chars, in the `<article>` that shows
/// the card of the mark hovered or focused, follows the entity of a mark clicked and turns a
/// selection into the span the correction bar offers to add.
fn marked_text(
    text: Arc<str>,
    mentions: &[Mention],
    hidden: &[Label],
    spotlight: Option<(usize, usize)>,
    marks: Marks,
    card: RwSignal<Option<CardAt>>,
) -> impl IntoView {
    let mut chunks = Chunks::new(spotlight);
    for segment in segments(&text, mentions) {
        match segment {
            Segment::Plain(plain) => chunks.plain(plain),
            Segment::Mention { surface, mention } if hidden.contains(&mention.label) => chunks.hidden(surface, mention.start),
            Segment::Mention { surface, mention } => chunks.mention(surface, mention, marks),
        }
    }
    let show_card = move |ev: web_sys::Event| card.set(mark_of(&ev).and_then(|mark| CardAt::below(&mark)));
    view! {
        <article
            class="analyzed"
            data-testid="analyzed-text"
            dir="rtl"
            lang="ar"
            on:mouseover=move |ev| show_card(ev.into())
            on:focusin=move |ev| {
                if let Some(mark) = mark_of(&ev) {
                    make_tab_stop(&mark);
                }
                show_card(ev.into())
            }
            on:keydown=move_between_marks
            on:mouseleave=move |_| card.set(None)
            on:focusout=move |_| card.set(None)
            on:scroll=move |_| card.set(None)
            on:click=move |ev| follow_mark(&ev, marks, card)
            on:mouseup={
                let text = Arc::clone(&text);
                move |ev| pick(&ev, &text, marks.picked)
            }
            on:keyup=move |ev| pick(&ev, &text, marks.picked)
        >
            {chunks.finish()}
        </article>
    }
}

/// The rendered text, built piece by piece. Runs of paragraphs (ended at a line break once they
/// hold [`CHUNK_CHARS`]) become blocks the browser lays out only when they come near the screen
/// (`content-visibility: auto`): a 50,000-word document then opens at the cost of a few pages.
/// Much smaller blocks would make scrolling itself slower (each frame would bring new blocks in).
struct Chunks {
    /// The blocks done.
    chunks: Vec<AnyView>,
    /// The pieces of the block under way.
    pieces: Vec<AnyView>,
    /// The chars of the block under way.
    chunk_chars: usize,
    /// The chars before the next piece.
    offset: usize,
    /// The span to light up.
    spotlight: Option<(usize, usize)>,
    /// Whether the first lit-up piece (which gets [`SPOTLIGHT_ID`]) is placed.
    spot_placed: bool,
    /// Whether the mark in the tab order is placed. One mark is (the first, then the last one
    /// focused); arrows move between them (`roving tabindex`), so Tab passes the text in one press.
    tab_stop_placed: bool,
}

impl Chunks {
    fn new(spotlight: Option<(usize, usize)>) -> Self {
        let (chunks, pieces) = (Vec::new(), Vec::new());
        Chunks { chunks, pieces, chunk_chars: 0, offset: 0, spotlight, spot_placed: false, tab_stop_placed: false }
    }

    /// A run of plain text, line by line: a block may end after any line.
    fn plain(&mut self, plain: &str) {
        for line in plain.split_inclusive('\n') {
            self.pieces.push(plain_run(line, self.offset, self.spotlight, &mut self.spot_placed));
            self.advance(line);
            if line.ends_with('\n') && self.chunk_chars >= CHUNK_CHARS {
                self.end_chunk();
            }
        }
    }

    /// A mention of a hidden label, starting at char `start`: plain text.
    fn hidden(&mut self, surface: &str, start: usize) {
        self.pieces.push(plain_run(surface, start, self.spotlight, &mut self.spot_placed));
        self.advance(surface);
    }

    /// A mention's mark, lit up when it meets the spotlight.
    fn mention(&mut self, surface: &str, mention: &Mention, marks: Marks) {
        let lit = self.spotlight.is_some_and(|(s, e)| mention.start < e && mention.end > s);
        self.pieces.push(mark(surface, mention, marks, lit, !self.tab_stop_placed).into_any());
        self.tab_stop_placed = true;
        self.advance(surface);
    }

    fn advance(&mut self, piece: &str) {
        let len = piece.chars().count();
        self.offset += len;
        self.chunk_chars += len;
    }

    fn end_chunk(&mut self) {
        let done = std::mem::take(&mut self.pieces);
        self.chunks.push(view! { <div class="chunk">{done}</div> }.into_any());
        self.chunk_chars = 0;
    }

    /// The blocks, the last one ended.
    fn finish(mut self) -> Vec<AnyView> {
        if !self.pieces.is_empty() {
            self.end_chunk();
        }
        self.chunks
    }
}

/// A click on a mark follows its entity, with the stepper on that mark. Any click hides the
/// card: it opens the correction bar above the text, which moves the text down, and a card left
/// where the mark was would cover other words.
fn follow_mark(ev: &web_sys::MouseEvent, marks: Marks, card: RwSignal<Option<CardAt>>) {
    card.set(None);
    let Some(mark) = mark_of(ev) else { return };
    let (Some(entity), Some(start)) =
        (mark.get_attribute("data-entity"), mark.get_attribute("data-start").and_then(|s| s.parse().ok()))
    else {
        return;
    };
    marks.current.set(Some(start));
    marks.focus.set(Some(entity));
}

/// A selection (by mouse or keyboard) in the article of `text` becomes the span the correction
/// bar offers to add; an empty one takes back a span offered.
fn pick(ev: &web_sys::Event, text: &str, picked: RwSignal<Option<Picked>>) {
    let Some(article) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let span = picked_in(&article, text);
    if span.is_some() || picked.with_untracked(Option::is_some) {
        picked.set(span);
    }
}

/// Arrow keys on a focused mark move the focus to another mark of the text ([`MarkStep`]).
fn move_between_marks(ev: web_sys::KeyboardEvent) {
    if ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
        return;
    }
    let (Some(step), Some(mark)) = (MarkStep::of_key(&ev.key()), mark_of(&ev)) else { return };
    let Some(article) = mark.closest("article").ok().flatten() else { return };
    let Ok(all) = article.query_selector_all("mark[data-start]") else { return };
    let marks: Vec<HtmlElement> =
        (0..all.length()).filter_map(|i| all.item(i)).filter_map(|node| node.dyn_into().ok()).collect();
    let Some(at) = marks.iter().position(|m| *m == mark) else { return };
    ev.prevent_default();
    if let Some(next) = marks.get(step.from(at, marks.len())) {
        make_tab_stop(next);
        let _ = next.focus();
    }
}

/// Makes `mark` the one mark of its text in the tab order.
fn make_tab_stop(mark: &HtmlElement) {
    if mark.tab_index() == 0 {
        return;
    }
    if let Some(article) = mark.closest("article").ok().flatten() {
        if let Ok(Some(old)) = article.query_selector("mark[tabindex=\"0\"]") {
            let _ = old.set_attribute("tabindex", "-1");
        }
    }
    mark.set_tab_index(0);
}

/// A run of plain text starting at char `offset`, in a span that carries the offset (so a
/// selection can be turned back into chars of the text).
fn plain_run(plain: &str, offset: usize, spotlight: Option<(usize, usize)>, spot_placed: &mut bool) -> AnyView {
    let inner = plain_pieces(plain, offset, spotlight, spot_placed);
    view! { <span data-start=offset>{inner}</span> }.into_any()
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

/// A mention's mark. Its `focused` and `current` classes are right when it is made; later
/// changes are applied by [`follow_classes`], not by a reactive closure per mark (a long text has
/// thousands of marks).
fn mark(surface: &str, mention: &Mention, marks: Marks, lit: bool, tab_stop: bool) -> impl IntoView + use<> {
    let id = mention.id.clone();
    let start = mention.start;
    let focused = marks.focus.with_untracked(|f| f.as_deref() == Some(id.as_str()));
    let current = marks.current.get_untracked() == Some(start);
    view! {
        <mark
            id=mention_element_id(start)
            tabindex=if tab_stop { "0" } else { "-1" }
            data-label=mention.label.as_str()
            data-entity=id
            data-start=start
            title=mention.canonical.clone()
            aria-describedby="kashif-card"
            class:focused=focused
            class:current=current
            class:spotlight=lit
        >
            {visible_text(surface)}
        </mark>
    }
}

/// Keeps the `focused` class on the marks of the followed entity and `current` on the mark the
/// stepper is on, moving them when the signals change.
fn follow_classes(focus: RwSignal<Option<String>>, current: RwSignal<Option<usize>>) {
    Effect::new(move |_| {
        let entity = focus.get();
        let selector = entity.map(|id| format!("mark[data-entity=\"{}\"]", id.replace('\\', "\\\\").replace('"', "\\\"")));
        move_class("focused", selector.as_deref());
    });
    Effect::new(move |_| {
        let selector = current.get().map(|start| format!("#{}", mention_element_id(start)));
        move_class("current", selector.as_deref());
    });
}

/// Takes `class` off every mark of the text and puts it on those `selector` finds.
fn move_class(class: &str, selector: Option<&str>) {
    let document = document();
    let each = |selector: &str, add: bool| {
        let Ok(found) = document.query_selector_all(selector) else { return };
        for i in 0..found.length() {
            if let Some(element) = found.item(i).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) {
                let list = element.class_list();
                let _ = if add { list.add_1(class) } else { list.remove_1(class) };
            }
        }
    };
    each(&format!(".analyzed mark.{class}"), false);
    if let Some(selector) = selector {
        each(&format!(".analyzed {selector}"), true);
    }
}


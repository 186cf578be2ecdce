//! Correcting the analysis in the page: the bar above the text acts on the mention the reader
//! clicked (remove it, change its type, merge its entity into another, add its name to the
//! user's names) or on the text the reader selected (add it as a mention of a type, here or in
//! every document), and lists the document's corrections with an undo each; the sidebar panel
//! lists the user's names and merges, and exports and imports the names as a file.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use super::corrections::Corrections;
use super::export_panel::download;
use super::i18n::{label_name, use_i18n, Lang, Message, Msg};
use super::input::{FileButton, JSON};
use super::state::DocId;
use super::view_state::Picked;
use super::workspace::{merge_targets, CorpusEntry};
use kashif_core::corrections::{Correction, UserName};
use kashif_core::{Label, Mention};

/// The longest selection taken as a mention, in chars.
const MAX_PICK: usize = 120;

/// The reader's selection inside `article` (the rendered `text`, whose pieces carry their first
/// char in `data-start`) as a span of `text`; `None` when nothing usable is selected.
pub fn picked_in(article: &Element, text: &str) -> Option<Picked> {
    let selection = window().get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let inside = range.common_ancestor_container().ok()?;
    if !article.contains(Some(&inside)) {
        return None;
    }
    let start = char_offset(&range.start_container().ok()?, range.start_offset().ok()?, text)?;
    let end = char_offset(&range.end_container().ok()?, range.end_offset().ok()?, text)?;
    let chars: Vec<char> = text.chars().collect();
    let mut span = trim_span(&chars, start.min(end), end.max(start).min(chars.len()))?;
    // Bidi controls are drawn as tags, which the offsets above count as text: look for the
    // selected text itself near where it was found.
    let shown = String::from(selection.to_string()).trim().to_owned();
    if span.text != shown && !shown.is_empty() {
        span = find_near(&chars, &shown, span.start).unwrap_or(span);
    }
    (span.end - span.start <= MAX_PICK && !span.text.contains('\n')).then_some(span)
}

/// The char offset in `text` of a range boundary (`node`, `offset`), from the `data-start` of
/// the rendered piece holding it.
fn char_offset(node: &Node, offset: u32, text: &str) -> Option<usize> {
    let element: Element = if node.node_type() == Node::TEXT_NODE {
        node.parent_element()?
    } else {
        node.clone().dyn_into().ok()?
    };
    let Some(holder) = element.closest("[data-start]").ok()? else {
        // A boundary between pieces: the piece after it, or the end of the text.
        return match node.child_nodes().item(offset) {
            Some(child) => start_of(&child.dyn_into().ok()?),
            None => Some(text.chars().count()),
        };
    };
    let before = document().create_range().ok()?;
    before.set_start(&holder, 0).ok()?;
    before.set_end(node, offset).ok()?;
    Some(start_of(&holder)? + String::from(before.to_string()).chars().count())
}

fn start_of(element: &Element) -> Option<usize> {
    element.get_attribute("data-start")?.parse().ok()
}

/// `start..end` of `chars` without spaces and punctuation at its ends, if anything is left.
fn trim_span(chars: &[char], mut start: usize, mut end: usize) -> Option<Picked> {
    let keep = |c: char| c.is_alphanumeric();
    while start < end && !keep(chars[start]) {
        start += 1;
    }
    while end > start && !keep(chars[end - 1]) {
        end -= 1;
    }
    (start < end).then(|| Picked { start, end, text: chars[start..end].iter().collect() })
}

/// The occurrence of `wanted` in `chars` nearest to `near`.
fn find_near(chars: &[char], wanted: &str, near: usize) -> Option<Picked> {
    let wanted: Vec<char> = wanted.chars().collect();
    (0..=chars.len().checked_sub(wanted.len())?)
        .filter(|&at| chars[at..at + wanted.len()] == wanted[..])
        .min_by_key(|&at| at.abs_diff(near))
        .and_then(|at| trim_span(chars, at, at + wanted.len()))
}

/// What a correction does, in words of `lang`.
fn describe(lang: Lang, correction: &Correction) -> String {
    let message = match correction {
        Correction::Remove { text, .. } => Message::new(Msg::CorrectRemoved, &[text]),
        Correction::Add { text, label, .. } => Message::new(Msg::CorrectAdded, &[text, label_name(lang, *label)]),
        Correction::Relabel { text, label, .. } => Message::new(Msg::CorrectRelabelled, &[text, label_name(lang, *label)]),
        Correction::Merge { from, into, into_name, from_name } => {
            let into = if into_name.is_empty() { id_name(into) } else { into_name.as_str() };
            let from = if from_name.is_empty() { id_name(from) } else { from_name.as_str() };
            Message::new(Msg::CorrectMerged, &[from, into])
        }
    };
    message.render(lang)
}

/// An entity id as a reader can read it: the name key of `per:بوتين`, the slug of a lexicon id.
fn id_name(id: &str) -> &str {
    id.split_once(':').map_or(id, |(_, name)| name)
}

/// The labels a reader can give a mention, as `<option>`s (`selected` first chosen).
fn label_options(selected: Option<Label>) -> impl IntoView {
    let i18n = use_i18n();
    Label::ALL
        .into_iter()
        .map(|label| {
            view! {
                <option value=label.as_str() selected=selected == Some(label)>
                    {move || label_name(i18n.lang(), label)}
                </option>
            }
        })
        .collect_view()
}

fn label_of(value: &str) -> Option<Label> {
    Label::ALL.into_iter().find(|label| label.as_str() == value)
}

/// The bar above the text: acts on the selected text or the clicked mention, and lists the
/// document's corrections.
#[component]
pub fn CorrectionBar(
    /// The shown document.
    #[prop(into)]
    doc: Signal<Option<DocId>>,
    /// Its mentions, corrected.
    #[prop(into)]
    mentions: Signal<Vec<Mention>>,
    /// Every analysed document, linked: a mention's entity merges into any entity of its type.
    #[prop(into)]
    corpus: Signal<Arc<Vec<CorpusEntry>>>,
    /// The start of the mention clicked (the stepper's).
    current: RwSignal<Option<usize>>,
    /// The text selected.
    picked: RwSignal<Option<Picked>>,
    /// Where the corrections go.
    corrections: Corrections,
) -> impl IntoView {
    let mention = Memo::new(move |_| {
        let start = current.get()?;
        mentions.with(|m| m.iter().find(|m| m.start == start).cloned())
    });
    let bar = Bar { doc, mention, corpus, current, picked, add_label: RwSignal::new(Label::Per), corrections };
    view! {
        <div class="correction-bar" data-testid="correction-bar">
            {move || match (picked.get(), mention.get()) {
                (Some(span), _) => Some(Either::Left(selection_tools(span, bar))),
                (None, Some(m)) => Some(Either::Right(mention_tools(m, bar))),
                (None, None) => None,
            }}
            {doc_corrections(doc, corrections)}
        </div>
    }
}

/// What the [`CorrectionBar`] acts on, and where the corrections go.
#[derive(Clone, Copy)]
struct Bar {
    /// The shown document.
    doc: Signal<Option<DocId>>,
    /// The mention clicked.
    mention: Memo<Option<Mention>>,
    /// Every analysed document, linked.
    corpus: Signal<Arc<Vec<CorpusEntry>>>,
    /// The start of the mention clicked.
    current: RwSignal<Option<usize>>,
    /// The text selected.
    picked: RwSignal<Option<Picked>>,
    /// The label the text selected is added with (the last one chosen).
    add_label: RwSignal<Label>,
    /// Where the corrections go.
    corrections: Corrections,
}

impl Bar {
    /// Adds the text selected as a mention of the label chosen, in the shown document and, as
    /// one of the user's names, in every document when `everywhere`; then drops the selection.
    fn add_picked(self, everywhere: bool) {
        let (Some(doc), Some(span)) = (self.doc.get_untracked(), self.picked.get_untracked()) else { return };
        let label = self.add_label.get_untracked();
        if everywhere {
            self.corrections.add_name(UserName { text: span.text.clone(), label });
        }
        self.corrections.add(doc, Correction::Add { start: span.start, end: span.end, label, text: span.text });
        self.picked.set(None);
        clear_selection();
    }

    /// Adds the correction `make` makes of the mention clicked.
    fn correct(self, make: &dyn Fn(&Mention) -> Correction) {
        let (Some(doc), Some(mention)) = (self.doc.get_untracked(), self.mention.get_untracked()) else { return };
        self.corrections.add(doc, make(&mention));
    }
}

/// The tools for the text selected: its type, and adding it as a mention here or everywhere.
fn selection_tools(span: Picked, bar: Bar) -> impl IntoView {
    let i18n = use_i18n();
    let add_label = bar.add_label;
    view! {
        <div class="correction-tools" data-testid="add-tools">
            <span>{i18n.t(Msg::Selection)}</span>
            <bdi class="correction-subject" data-testid="picked-text">{span.text}</bdi>
            <label class="visually-hidden" for="kashif-add-label">{i18n.t(Msg::Type)}</label>
            <select
                id="kashif-add-label"
                data-testid="add-label"
                on:change=move |ev| add_label.set(label_of(&event_target_value(&ev)).unwrap_or(Label::Per))
            >
                {label_options(Some(add_label.get_untracked()))}
            </select>
            <button type="button" data-testid="add-here" on:click=move |_| bar.add_picked(false)>{i18n.t(Msg::AddHere)}</button>
            <button type="button" data-testid="add-everywhere" on:click=move |_| bar.add_picked(true)>
                {i18n.t(Msg::AddEverywhere)}
            </button>
            <button type="button" class="link-button" on:click=move |_| bar.picked.set(None)>
                {i18n.t(Msg::CancelPick)}
            </button>
        </div>
    }
}

/// The tools for the mention `m` clicked: not an entity, its type, merging its entity into
/// another of the documents, adding it to the user's names.
fn mention_tools(m: Mention, bar: Bar) -> impl IntoView {
    let i18n = use_i18n();
    let (surface, label) = (m.text.clone(), m.label);
    view! {
        <div class="correction-tools" data-testid="mention-tools">
            <bdi class="correction-subject" data-testid="mention-subject">{m.text.clone()}</bdi>
            <span class="muted">{move || format!("({})", label_name(i18n.lang(), label))}</span>
            <button
                type="button"
                data-testid="remove-mention"
                on:click=move |_| {
                    bar.correct(&|m| Correction::Remove { start: m.start, end: m.end, text: m.text.clone() });
                    bar.current.set(None);
                }
            >
                {i18n.t(Msg::NotAnEntity)}
            </button>
            <label>
                {i18n.t(Msg::TypeColon)}
                <select
                    data-testid="relabel"
                    on:change=move |ev| {
                        if let Some(label) = label_of(&event_target_value(&ev)) {
                            bar.correct(&|m| Correction::Relabel { start: m.start, end: m.end, label, text: m.text.clone() });
                        }
                    }
                >
                    {label_options(Some(m.label))}
                </select>
            </label>
            {merge_into(&m, bar)}
            <button
                type="button"
                data-testid="add-to-lexicon"
                on:click=move |_| bar.corrections.add_name(UserName { text: surface.clone(), label })
            >
                {i18n.t(Msg::AddToNames)}
            </button>
        </div>
    }
}

/// The list of the entities the entity of `m` can merge into (those of its type in the other
/// documents), when there are any.
fn merge_into(m: &Mention, bar: Bar) -> impl IntoView {
    let i18n = use_i18n();
    let others: Vec<(String, String)> =
        bar.doc.get_untracked().map_or_else(Vec::new, |doc| bar.corpus.with_untracked(|c| merge_targets(c, doc, m)));
    let has_others = !others.is_empty();
    let names = StoredValue::new(others);
    let merge = move |into: String| {
        let into_name = names.with_value(|n| n.iter().find(|(id, _)| *id == into).map(|(_, name)| name.clone()));
        if let Some(into_name) = into_name {
            bar.correct(&|m| Correction::Merge {
                from: m.id.clone(),
                into: into.clone(),
                into_name: into_name.clone(),
                from_name: m.canonical.clone(),
            });
        }
    };
    view! {
        <Show when=move || has_others>
            <label>
                {i18n.t(Msg::MergeInto)}
                <select data-testid="merge-into" on:change=move |ev| merge(event_target_value(&ev))>
                    <option value="" selected>"—"</option>
                    {names.with_value(|n| {
                        n.iter().map(|(id, name)| view! { <option value=id.clone()>{name.clone()}</option> }).collect_view()
                    })}
                </select>
            </label>
        </Show>
    }
}

/// The corrections of the shown document in words, each with an undo button (nothing while
/// there are none).
fn doc_corrections(doc: Signal<Option<DocId>>, corrections: Corrections) -> impl IntoView {
    let i18n = use_i18n();
    let done = Memo::new(move |_| {
        let doc = doc.get()?;
        let lang = i18n.lang();
        let list: Vec<String> = corrections.with(|book| book.of(doc).iter().map(|c| describe(lang, c)).collect());
        Some((doc, list))
    });
    move || {
        let (doc, list) = done.get().filter(|(_, list)| !list.is_empty())?;
        Some(view! {
            <details class="correction-list" data-testid="doc-corrections">
                <summary>{i18n.fill(Msg::DocCorrections, &[&list.len()])}</summary>
                <ol>
                    <UndoItems items=list undo_id="undo-correction" on_undo=Callback::new(move |i| corrections.undo(doc, i)) />
                </ol>
            </details>
        })
    }
}

/// `<li>`s of corrections described in words, each with an undo button.
#[component]
fn UndoItems(
    /// The corrections, in words.
    items: Vec<String>,
    /// The undo buttons' test id.
    undo_id: &'static str,
    /// Called with the index of the correction to undo.
    on_undo: Callback<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    items
        .into_iter()
        .enumerate()
        .map(|(i, what)| {
            view! {
                <li>
                    <bdi>{what}</bdi>
                    " "
                    <button type="button" class="link-button" data-testid=undo_id on:click=move |_| on_undo.run(i)>
                        {i18n.t(Msg::Undo)}
                    </button>
                </li>
            }
        })
        .collect_view()
}

fn clear_selection() {
    if let Ok(Some(selection)) = window().get_selection() {
        let _ = selection.remove_all_ranges();
    }
}

/// The sidebar panel of the user's names (found in every document) and merges, with the names'
/// file export and import.
#[component]
pub fn UserNamesPanel(
    /// The corrections.
    corrections: Corrections,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(None::<Message>);
    let merges = Memo::new(move |_| {
        let lang = i18n.lang();
        corrections.with(|book| book.merges().iter().map(|c| describe(lang, c)).collect::<Vec<_>>())
    });
    let import = Callback::new(move |files: Vec<web_sys::File>| {
        let Some(file) = files.into_iter().next() else { return };
        leptos::task::spawn_local(async move { status.set(Some(import_names(&file, corrections).await)) });
    });
    view! {
        <section class="panel names-panel" aria-labelledby="kashif-names-title" data-testid="names-panel">
            <h2 id="kashif-names-title">{i18n.t(Msg::YourNames)}</h2>
            <p class="muted">{i18n.t(Msg::NamesHint)}</p>
            <ul class="user-names" data-testid="user-names">
                {user_names(corrections)}
            </ul>
            <ul class="user-merges" data-testid="user-merges">
                {move || {
                    view! { <UndoItems items=merges.get() undo_id="undo-merge" on_undo=Callback::new(move |i| corrections.unmerge(i)) /> }
                }}
            </ul>
            <div class="export-row">
                <button type="button" data-testid="names-export" on:click=move |_| status.set(Some(export_names(corrections)))>
                    {i18n.t(Msg::ExportNames)}
                </button>
                <FileButton text=Msg::ImportNames testid="names-import" accept=JSON on_files=import />
            </div>
            <p class="muted export-status" data-testid="names-status" role="status">
                {move || status.with(|m| m.as_ref().map(|m| m.render(i18n.lang())))}
            </p>
        </section>
    }
}

/// The user's names as `<li>`s, each with its label and a button that removes it.
fn user_names(corrections: Corrections) -> impl IntoView {
    let i18n = use_i18n();
    let names = Memo::new(move |_| {
        corrections.with(|book| book.lexicon.names.iter().map(|n| (n.text.clone(), n.label)).collect::<Vec<_>>())
    });
    move || {
        names
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (text, label))| {
                view! {
                    <li data-label=label.as_str()>
                        <bdi>{text}</bdi>
                        <span class="muted">{format!(" ({})", label_name(i18n.lang(), label))}</span>
                        <button
                            type="button"
                            class="link-button"
                            data-testid="remove-name"
                            aria-label=i18n.t(Msg::RemoveName)
                            on:click=move |_| corrections.remove_name(i)
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
    }
}

/// Downloads the names file (the user's names and merges); says how that went.
fn export_names(corrections: Corrections) -> Message {
    let file = corrections.lexicon_file();
    match download("kashif-names.json", &file, "application/json") {
        Ok(()) => Message::new(Msg::NamesDownloaded, &[]),
        Err(_) => Message::new(Msg::DownloadFailed, &[]),
    }
}

/// Reads `file` as a names file and adds its names and merges to the user's; says how that went.
async fn import_names(file: &web_sys::File, corrections: Corrections) -> Message {
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
    let name = file.name();
    match text.ok().and_then(|t| t.as_string()) {
        None => Message::new(Msg::FileUnreadable, &[&name]),
        Some(json) => match corrections.import_lexicon(&json) {
            Ok(count) => Message::new(Msg::NamesImported, &[&count.to_string(), &name]),
            Err(error) => Message::new(Msg::NotANamesFile, &[&name, &error]),
        },
    }
}

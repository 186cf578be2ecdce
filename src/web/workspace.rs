//! The analyst's workspace: the analyses of every document, the view switcher, and jumping from
//! a table cell to the place in a document it counts.
//!
//! [`analysed_docs`] is the one place the page gets the (corrected) analyses of all documents
//! from, and [`relink_docs`] links them across documents with what the linking worker found
//! ([`Relinks`]; [`link_docs`] links them in the page, when there is no such worker); the tables
//! and exports only read them.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::{use_i18n, Lang, Msg};
use super::state::{shown_name, DocId, Document};
use crate::corpus::CorpusDoc;
use crate::corrections::Correction;
use crate::ingest::Byline;
use crate::link::{apply_relinks, linked_mentions, Relink};
use crate::{Analysis, Mention};

/// An ISO date isolated left to right (U+2066 … U+2069): in a right-to-left line `2020-02-28`
/// would otherwise show as `28-02-2020`.
pub fn isolated_date(date: &str) -> String {
    format!("\u{2066}{date}\u{2069}")
}

/// One line of the documents list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocItem {
    /// The document's id.
    pub id: DocId,
    /// Its name as shown.
    pub name: String,
    /// Its outlet and date, where it gives them (`رويترز · 2020-02-28`).
    pub detail: Option<String>,
    /// Its headline, where it has one other than its name (the item's tooltip).
    pub headline: Option<String>,
}

impl DocItem {
    /// The item of a document named `name` with `byline`.
    pub fn new(id: DocId, name: String, byline: Option<&Byline>) -> Self {
        let detail = byline.and_then(|b| {
            let date = b.date.as_deref().map(isolated_date);
            let parts: Vec<String> = b.outlet.iter().cloned().chain(date).collect();
            (!parts.is_empty()).then(|| parts.join(" · "))
        });
        let headline = byline.and_then(|b| b.headline.clone()).filter(|h| *h != name);
        DocItem { id, name, detail, headline }
    }
}

/// One analysed document as the worker sent it, with the user's corrections applied.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysedDoc {
    /// The document's id in the library.
    pub id: DocId,
    /// Its name.
    pub name: String,
    /// Whether it is the pasted text (shown under [`shown_name`](super::state::shown_name)).
    pub pasted: bool,
    /// Its text.
    pub text: Arc<str>,
    /// Its analysis (this document alone: not linked to the others).
    pub analysis: Arc<Analysis>,
    /// Its headline, outlet and date where its text gives them ([`crate::corpus::byline`]).
    pub byline: Byline,
}

/// The documents of `docs` that have an analysis (`analysis_of` gives it, corrected, once the
/// worker has sent it), in list order.
pub fn analysed_docs(docs: &[Document], analysis_of: impl Fn(&Document) -> Option<Arc<Analysis>>) -> Vec<AnalysedDoc> {
    docs.iter()
        .filter_map(|doc| {
            let analysis = analysis_of(doc)?;
            Some(AnalysedDoc {
                id: doc.id,
                name: doc.name.clone(),
                pasted: doc.is_pasted(),
                text: Arc::clone(&doc.text),
                byline: doc.byline.clone().or(crate::corpus::byline(&doc.text, &analysis)),
                analysis,
            })
        })
        .collect()
}

/// One analyzed document of the workspace, linked to the others.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusEntry {
    /// The document's id in the library.
    pub id: DocId,
    /// Its name.
    pub name: String,
    /// Whether it is the pasted text.
    pub pasted: bool,
    /// Its text.
    pub text: Arc<str>,
    /// Its analysis, linked across all the documents.
    pub analysis: Analysis,
    /// Its headline, outlet and date, where it gives them.
    pub byline: Byline,
}

impl CorpusEntry {
    /// What the document is called in a column of a comparison table: its outlet, with its date
    /// when it gives one (`رويترز · 2020-02-28`, the date isolated left to right), else its name
    /// as shown in `lang`.
    pub fn column_label(&self, lang: Lang) -> String {
        match (&self.byline.outlet, &self.byline.date) {
            (Some(outlet), Some(date)) => format!("{outlet} · {}", isolated_date(date)),
            (Some(outlet), None) => outlet.clone(),
            _ => shown_name(&self.name, self.pasted, lang),
        }
    }

    /// All it is known by, for a tooltip: its name, then its headline when it has one.
    pub fn full_label(&self, lang: Lang) -> String {
        let name = shown_name(&self.name, self.pasted, lang);
        match &self.byline.headline {
            Some(headline) if *headline != name => format!("{name}\n{headline}"),
            _ => name,
        }
    }
}

/// The column labels of `entries` ([`CorpusEntry::column_label`]); two documents of one outlet
/// and date are told apart by their names.
///
/// ```
/// use std::sync::Arc;
/// use kashif::ingest::Byline;
/// use kashif::web::{i18n::Lang, workspace::{column_labels, CorpusEntry}};
/// let entry = |id, name: &str, outlet: Option<&str>| CorpusEntry {
///     id,
///     name: name.into(),
///     pasted: false,
///     text: Arc::from(""),
///     analysis: Default::default(),
///     byline: Byline { outlet: outlet.map(Into::into), ..Byline::default() },
/// };
/// let entries = [entry(1, "a.txt", Some("رويترز")), entry(2, "b.txt", Some("رويترز")), entry(3, "c.txt", None)];
/// assert_eq!(column_labels(&entries, Lang::Ar), ["رويترز · a.txt", "رويترز · b.txt", "c.txt"]);
/// ```
pub fn column_labels(entries: &[CorpusEntry], lang: Lang) -> Vec<String> {
    let labels: Vec<String> = entries.iter().map(|e| e.column_label(lang)).collect();
    labels
        .iter()
        .zip(entries)
        .map(|(label, entry)| {
            let shared = labels.iter().filter(|other| *other == label).count() > 1;
            let name = shown_name(&entry.name, entry.pasted, lang);
            if shared && *label != name { format!("{label} · {name}") } else { label.clone() }
        })
        .collect()
}

/// The analysed documents linked across documents ([`link_corpus`](crate::link::link_corpus)),
/// then the user's `merges` applied again (a merge made in a table names the linked ids).
pub fn link_docs(docs: &[AnalysedDoc], merges: &[Correction]) -> Vec<CorpusEntry> {
    let mut analyses: Vec<Analysis> = docs.iter().map(|doc| (*doc.analysis).clone()).collect();
    crate::link::link_corpus(&mut analyses);
    entries(docs, analyses, merges)
}

/// What the linking worker found ([`corpus_relinks`](crate::link::corpus_relinks)) for each
/// document, with the [`fingerprint`] of the names it was sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relinks {
    by_doc: std::collections::HashMap<DocId, (u64, Vec<Relink>)>,
}

impl Relinks {
    /// The answer `relinks` to a request about the documents `sent` (id and fingerprint), in
    /// the same order.
    pub fn new(sent: Vec<(DocId, u64)>, relinks: Vec<Vec<Relink>>) -> Self {
        Relinks { by_doc: sent.into_iter().zip(relinks).map(|((doc, print), relinks)| (doc, (print, relinks))).collect() }
    }

    /// What was found for `doc`, unless its names changed since they were sent.
    fn of(&self, doc: &AnalysedDoc) -> Option<&[Relink]> {
        let (print, relinks) = self.by_doc.get(&doc.id)?;
        (*print == fingerprint(&doc.analysis)).then_some(relinks.as_slice())
    }
}

/// A hash of the names of `analysis` that linking reads ([`linked_mentions`]).
pub fn fingerprint(analysis: &Analysis) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    for mention in linked_mentions(analysis) {
        (mention.label, mention.start, mention.end, mention.text, mention.id, mention.canonical).hash(&mut hasher);
    }
    hasher.finish()
}

/// The analysed documents linked across documents with what the linking worker found
/// (`relinks`): a document it has not seen yet, or whose names changed since, stays linked as
/// it was analysed, alone, until the worker's next answer. Then the user's `merges` are applied.
pub fn relink_docs(docs: &[AnalysedDoc], merges: &[Correction], relinks: &Relinks) -> Vec<CorpusEntry> {
    let analyses = docs
        .iter()
        .map(|doc| {
            let mut analysis = (*doc.analysis).clone();
            if let Some(found) = relinks.of(doc) {
                apply_relinks(&mut analysis, found);
            }
            analysis
        })
        .collect();
    entries(docs, analyses, merges)
}

/// The corpus entries of `docs`, with their linked `analyses`, after the user's `merges`.
fn entries(docs: &[AnalysedDoc], analyses: Vec<Analysis>, merges: &[Correction]) -> Vec<CorpusEntry> {
    let none = crate::corrections::UserLexicon::default();
    docs.iter()
        .zip(analyses)
        .map(|(doc, mut analysis)| {
            if !merges.is_empty() {
                crate::corrections::apply(&doc.text, &mut analysis, merges, &none);
            }
            CorpusEntry {
                id: doc.id,
                name: doc.name.clone(),
                pasted: doc.pasted,
                text: Arc::clone(&doc.text),
                analysis,
                byline: doc.byline.clone(),
            }
        })
        .collect()
}

/// The entities a mention of document `doc` can be merged into, as `(id, display name)`: every
/// entity of its label in any document, linked across documents, once each, those of `doc`
/// first; not its own entity, under its id in `doc` (`mention.id`) or linked (`linked`, the id
/// the corpus gives the mention at the same place).
pub fn merge_targets(corpus: &[CorpusEntry], doc: DocId, mention: &Mention) -> Vec<(String, String)> {
    let own = corpus.iter().find(|e| e.id == doc);
    let linked = own
        .and_then(|e| e.analysis.entities.iter().find(|m| m.start == mention.start && m.end == mention.end))
        .map(|m| m.id.as_str());
    let mut seen: Vec<&str> = vec![mention.id.as_str()];
    seen.extend(linked);
    let mut targets = Vec::new();
    for entry in own.into_iter().chain(corpus.iter().filter(|e| e.id != doc)) {
        for m in entry.analysis.entities.iter().filter(|m| m.label == mention.label) {
            if !seen.contains(&m.id.as_str()) {
                seen.push(&m.id);
                targets.push((m.id.clone(), m.canonical.clone()));
            }
        }
    }
    targets
}

/// The documents of the workspace as the core's [`CorpusDoc`]s.
pub fn corpus_docs(entries: &[CorpusEntry]) -> Vec<CorpusDoc<'_>> {
    entries.iter().map(|e| CorpusDoc::new(&e.name, &e.text, &e.analysis).with_byline(&e.byline)).collect()
}

/// The views of the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The reading view: the text with its mentions marked.
    Text,
    /// The cross-document entity table.
    Entities,
    /// The quotes by speaker.
    Quotes,
    /// The figures side by side.
    Figures,
    /// The framing descriptors per actor and document.
    Framing,
}

impl Tab {
    /// Every view, in tab order.
    pub const ALL: [Tab; 5] = [Tab::Text, Tab::Entities, Tab::Quotes, Tab::Figures, Tab::Framing];

    /// The tab's title.
    pub fn title(self) -> Msg {
        match self {
            Tab::Text => Msg::TabText,
            Tab::Entities => Msg::TabEntities,
            Tab::Quotes => Msg::TabQuotes,
            Tab::Figures => Msg::TabFigures,
            Tab::Framing => Msg::TabFraming,
        }
    }

    /// A stable key for test ids (`tab-entities`).
    pub fn key(self) -> &'static str {
        match self {
            Tab::Text => "text",
            Tab::Entities => "entities",
            Tab::Quotes => "quotes",
            Tab::Figures => "figures",
            Tab::Framing => "framing",
        }
    }
}

/// The view switcher: one tab per view (`role=tablist`), each controlling its panel
/// (`kashif-panel-<key>`). Only the selected tab is in the tab order; the arrow keys move to the
/// next or previous tab in reading order (← goes on in Arabic, → in English), Home and End to
/// the first and last, and show it.
#[component]
pub fn ViewTabs(tab: RwSignal<Tab>) -> impl IntoView {
    let i18n = use_i18n();
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let rtl = i18n.lang() == Lang::Ar;
        let at = Tab::ALL.iter().position(|t| *t == tab.get_untracked()).unwrap_or(0);
        let last = Tab::ALL.len() - 1;
        let to = match (ev.key().as_str(), rtl) {
            ("ArrowLeft", true) | ("ArrowRight", false) => (at + 1).min(last),
            ("ArrowRight", true) | ("ArrowLeft", false) => at.saturating_sub(1),
            ("Home", _) => 0,
            ("End", _) => last,
            _ => return,
        };
        ev.prevent_default();
        tab.set(Tab::ALL[to]);
        if let Some(button) = document().get_element_by_id(&format!("kashif-tab-{}", Tab::ALL[to].key())) {
            focus_element(&button);
        }
    };
    view! {
        <nav
            class="view-tabs"
            role="tablist"
            aria-label=i18n.t(Msg::Views)
            data-testid="view-tabs"
            on:keydown=on_keydown
        >
            {Tab::ALL
                .into_iter()
                .map(|t| {
                    view! {
                        <button
                            type="button"
                            role="tab"
                            class="view-tab"
                            id=format!("kashif-tab-{}", t.key())
                            aria-controls=format!("kashif-panel-{}", t.key())
                            data-testid=format!("tab-{}", t.key())
                            aria-selected=move || if tab.get() == t { "true" } else { "false" }
                            tabindex=move || if tab.get() == t { "0" } else { "-1" }
                            on:click=move |_| tab.set(t)
                        >
                            {i18n.t(t.title())}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The signals a jump to a place in a document moves: which document is shown, which view, the
/// span to light up, the entity to follow and the mention the stepper is on.
#[derive(Debug, Clone, Copy)]
pub struct Navigator {
    /// The document shown.
    pub selected: RwSignal<Option<DocId>>,
    /// The view shown.
    pub tab: RwSignal<Tab>,
    /// A span of a document to light up (a quote, a figure, a descriptor): the document, start
    /// and end.
    pub spotlight: RwSignal<Option<(DocId, usize, usize)>>,
    /// The entity whose mentions are highlighted and stepped through.
    pub focus: RwSignal<Option<String>>,
    /// The start of the mention the stepper is on.
    pub current: RwSignal<Option<usize>>,
}

impl Navigator {
    /// Shows document `doc` in the reading view and moves the keyboard focus to the span
    /// `[start, end)`: onto its mention when it starts one (and follows that entity), else onto
    /// the lit-up span.
    pub fn jump(self, doc: DocId, start: usize, end: usize) {
        self.selected.set(Some(doc));
        self.tab.set(Tab::Text);
        self.spotlight.set(Some((doc, start, end)));
        // The text is rendered by effects of the signals above; look for it once it is there.
        request_animation_frame(move || {
            request_animation_frame(move || {
                if let Some(mark) = mention_element(start) {
                    if let Some(entity) = mark.get_attribute("data-entity") {
                        self.current.set(Some(start));
                        self.focus.set(Some(entity));
                    }
                    focus_element(&mark);
                } else if let Some(spot) = document().get_element_by_id(SPOTLIGHT_ID) {
                    focus_element(&spot);
                }
            })
        });
    }
}

/// The element id of the first piece of the lit-up span.
pub const SPOTLIGHT_ID: &str = "kashif-spot";

/// The element id of the mention starting at char `start` of the shown document.
pub fn mention_element_id(start: usize) -> String {
    format!("kashif-m-{start}")
}

/// The mark of the mention starting at `start`, if it is rendered.
pub fn mention_element(start: usize) -> Option<web_sys::Element> {
    document().get_element_by_id(&mention_element_id(start))
}

/// Moves the keyboard focus to `element` (which scrolls it into view).
pub fn focus_element(element: &web_sys::Element) {
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// The table of the view shown (nothing in the reading view).
#[component]
pub fn WorkspaceTables(
    /// The view shown.
    tab: RwSignal<Tab>,
    /// The analyzed documents.
    #[prop(into)]
    corpus: Signal<Arc<Vec<CorpusEntry>>>,
    /// Where clicks in the tables lead.
    nav: Navigator,
) -> impl IntoView {
    use super::figures_view::FigureTable;
    use super::framing_view::FramingView;
    use super::tables::{EntityTable, QuoteTable};
    use leptos::either::EitherOf5;

    let panel = move |t: Tab, view: AnyView| {
        view! {
            <div role="tabpanel" id=format!("kashif-panel-{}", t.key()) aria-labelledby=format!("kashif-tab-{}", t.key())>
                {view}
            </div>
        }
    };
    move || match tab.get() {
        Tab::Text => EitherOf5::A(()),
        Tab::Entities => EitherOf5::B(panel(Tab::Entities, view! { <EntityTable corpus nav /> }.into_any())),
        Tab::Quotes => EitherOf5::C(panel(Tab::Quotes, view! { <QuoteTable corpus nav /> }.into_any())),
        Tab::Figures => EitherOf5::D(panel(Tab::Figures, view! { <FigureTable corpus nav /> }.into_any())),
        Tab::Framing => EitherOf5::E(panel(Tab::Framing, view! { <FramingView corpus nav /> }.into_any())),
    }
}

//! The workspace's tables: the pieces they share (sortable headers, filters, the empty state)
//! and the entity and quote tables. Figures and framing have files of their own.

use std::cmp::Ordering;
use std::sync::Arc;

use leptos::prelude::*;

use super::i18n::{label_name, use_i18n, I18n, Msg};
use super::state::DocId;
use super::navigation::Navigator;
use super::workspace::{column_labels, corpus_docs, CorpusEntry};
use kashif_core::corpus::{entity_table, quotes, EntityRow, QuoteRow};
use kashif_core::text::normalize::fold;
use kashif_core::Label;

/// Which column a table is sorted by, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// The column's index.
    pub column: usize,
    /// Largest (or last) first.
    pub descending: bool,
}

impl Sort {
    /// Sorted by `column`, ascending or descending.
    pub fn by(column: usize, descending: bool) -> Self {
        Sort { column, descending }
    }

    /// Applies the direction to an ascending comparison.
    pub fn order(self, ascending: Ordering) -> Ordering {
        if self.descending {
            ascending.reverse()
        } else {
            ascending
        }
    }
}

/// The id and column label of every document of `corpus`, in order (the tables' document
/// columns: the outlet and date where the document gives them, else its name; see
/// [`column_labels`]).
pub fn doc_names(corpus: Signal<Arc<Vec<CorpusEntry>>>, i18n: I18n) -> Memo<Vec<(DocId, String)>> {
    Memo::new(move |_| {
        let lang = i18n.lang();
        corpus.with(|c| c.iter().map(|e| e.id).zip(column_labels(c, lang)).collect())
    })
}

/// Everything each document of `corpus` is known by (its name and headline), in order: the
/// tooltips of the document columns.
pub fn doc_titles(corpus: Signal<Arc<Vec<CorpusEntry>>>, i18n: I18n) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        let lang = i18n.lang();
        corpus.with(|c| c.iter().map(|e| e.full_label(lang)).collect())
    })
}

/// A column header that sorts the table by its column (click again to reverse); its children
/// are the header text.
#[component]
pub fn SortHeader(
    /// The header text.
    children: Children,
    /// The column's index.
    column: usize,
    /// The table's sort.
    sort: RwSignal<Sort>,
    /// A tooltip (a document column's name and headline); the header text is then cut to one
    /// short line.
    #[prop(optional, into)]
    title: Option<String>,
) -> impl IntoView {
    let cut = title.is_some().then_some("doc-col");
    let state = move || {
        sort.with(|s| match (s.column == column, s.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        })
    };
    view! {
        <th scope="col" aria-sort=state title=title>
            <button
                type="button"
                class="sort-button"
                data-testid="sort-header"
                on:click=move |_| {
                    sort.update(|s| {
                        if s.column == column {
                            s.descending = !s.descending;
                        } else {
                            *s = Sort::by(column, false);
                        }
                    })
                }
            >
                <bdi class=cut>{children()}</bdi>
                <span class="sort-arrow" aria-hidden="true">
                    {move || match state() {
                        "ascending" => "▲",
                        "descending" => "▼",
                        _ => "↕",
                    }}
                </span>
            </button>
        </th>
    }
}

/// One sortable header per document, by name, for the columns from `first` on.
#[component]
pub fn DocHeaders(
    /// Id and name of every document, in column order.
    #[prop(into)]
    docs: Signal<Vec<(DocId, String)>>,
    /// The column of the first document.
    first: usize,
    /// The table's sort.
    sort: RwSignal<Sort>,
    /// The tooltip of each column (see [`doc_titles`]), in column order.
    #[prop(optional, into)]
    titles: Option<Signal<Vec<String>>>,
) -> impl IntoView {
    move || {
        docs.get()
            .into_iter()
            .enumerate()
            .map(|(i, (_, name))| {
                let title = titles.map(|t| t.with(|t| t.get(i).cloned().unwrap_or_else(|| name.clone())));
                view! { <SortHeader column=first + i sort title=title.unwrap_or_default()>{name}</SortHeader> }
            })
            .collect_view()
    }
}

/// A text filter box; its value, folded, is in `filter`.
#[component]
pub fn FilterBox(filter: RwSignal<String>, #[prop(into)] testid: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <input
            type="search"
            class="filter-box"
            dir="auto"
            placeholder=i18n.t(Msg::FilterPlaceholder)
            aria-label=i18n.t(Msg::FilterTable)
            data-testid=testid
            prop:value=move || filter.get()
            on:input=move |ev| filter.set(event_target_value(&ev))
        />
    }
}

/// True when `needle` (folded) is empty or in one of `haystacks` (folded).
pub fn matches(needle: &str, haystacks: &[&str]) -> bool {
    let needle = fold(needle.trim());
    needle.is_empty() || haystacks.iter().any(|h| fold(h).contains(&needle))
}

/// Shown instead of a table while there is no document.
#[component]
pub fn NoDocuments() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="muted" data-testid="no-documents">{i18n.t(Msg::NoDocumentsHint)}</p> }
}

/// A number as the tables show it: whole numbers without a fraction.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

const NAME: usize = 0;
const TYPE: usize = 1;
const TOTAL: usize = 2;
/// Columns from here on are the documents.
const FIRST_DOC: usize = 3;

/// Every entity of every document once, with its spellings and its mentions per document.
/// Clicking a count shows that document at the entity's first mention there.
#[component]
pub fn EntityTable(
    /// The analyzed documents.
    #[prop(into)]
    corpus: Signal<Arc<Vec<CorpusEntry>>>,
    /// Where a click on a count leads.
    nav: Navigator,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Memo::new(move |_| corpus.with(|c| entity_table(&corpus_docs(c))));
    let filter = RwSignal::new(String::new());
    let label_filter = RwSignal::new(None::<Label>);
    let sort = RwSignal::new(Sort::by(TOTAL, true));
    let shown = Memo::new(move |_| {
        let needle = filter.get();
        let only = label_filter.get();
        let sort = sort.get();
        rows.with(|rows| {
            let mut shown: Vec<EntityRow> = rows
                .iter()
                .filter(|row| only.is_none_or(|label| row.label == label))
                .filter(|row| {
                    let mut names: Vec<&str> = row.spellings.iter().map(String::as_str).collect();
                    names.push(&row.canonical);
                    matches(&needle, &names)
                })
                .cloned()
                .collect();
            shown.sort_by(|a, b| {
                let ascending = match sort.column {
                    NAME => a.canonical.cmp(&b.canonical),
                    TYPE => a.label.cmp(&b.label),
                    TOTAL => a.total.cmp(&b.total),
                    doc => {
                        let count = |row: &EntityRow| row.per_doc.get(doc - FIRST_DOC).map_or(0, |d| d.count);
                        count(a).cmp(&count(b))
                    }
                };
                sort.order(ascending).then_with(|| a.canonical.cmp(&b.canonical))
            });
            shown
        })
    });
    let docs = doc_names(corpus, i18n);
    let titles = doc_titles(corpus, i18n);
    view! {
        <section class="panel table-panel" aria-labelledby="kashif-entity-table-title">
            <h2 id="kashif-entity-table-title">
                {i18n.t(Msg::EntitiesTitle)}
                " "
                <span class="count-badge" data-testid="entity-table-count">{move || shown.with(Vec::len)}</span>
            </h2>
            <div class="table-tools">
                <FilterBox filter testid="entity-filter" />
                <select
                    class="type-filter"
                    aria-label=i18n.t(Msg::Type)
                    data-testid="entity-type-filter"
                    on:change=move |ev| label_filter.set(event_target_value(&ev).parse::<Label>().ok())
                >
                    <option value="">{i18n.t(Msg::AllTypes)}</option>
                    {Label::ALL
                        .into_iter()
                        .map(|label| view! { <option value=label.as_str()>{move || label_name(i18n.lang(), label)}</option> })
                        .collect_view()}
                </select>
            </div>
            <Show when=move || corpus.with(|c| !c.is_empty()) fallback=|| view! { <NoDocuments /> }>
                <div class="table-scroll">
                    <table class="data-table" data-testid="entity-table">
                        <thead>
                            <tr>
                                <SortHeader column=NAME sort>{i18n.t(Msg::Entity)}</SortHeader>
                                <SortHeader column=TYPE sort>{i18n.t(Msg::Type)}</SortHeader>
                                <SortHeader column=TOTAL sort>{i18n.t(Msg::Total)}</SortHeader>
                                <DocHeaders docs first=FIRST_DOC sort titles />
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                let docs = docs.get();
                                shown.get().into_iter().map(|row| entity_row(row, &docs, nav, i18n)).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

fn entity_row(row: EntityRow, docs: &[(DocId, String)], nav: Navigator, i18n: I18n) -> impl IntoView {
    let others: Vec<String> = row.spellings.iter().filter(|s| **s != row.canonical).cloned().collect();
    let cells = row
        .per_doc
        .iter()
        .zip(docs)
        .enumerate()
        .map(|(index, (mentions, (doc_id, doc_name)))| {
            let doc_id = *doc_id;
            match mentions.first {
                Some((start, end)) => leptos::either::Either::Left(view! {
                    <td class="num-cell">
                        <button
                            type="button"
                            class="cell-link"
                            data-testid="entity-cell"
                            data-doc=index
                            title=i18n.fill(Msg::FirstMentionIn, &[doc_name])
                            on:click=move |_| nav.jump(doc_id, start, end)
                        >
                            {mentions.count}
                        </button>
                    </td>
                }),
                None => leptos::either::Either::Right(view! { <td class="num-cell muted" data-doc=index>"—"</td> }),
            }
        })
        .collect_view();
    view! {
        <tr data-testid="entity-row" data-entity=row.id.clone() data-label=row.label.as_str()>
            <th scope="row" class="entity-cell">
                <span class="swatch" data-label=row.label.as_str() aria-hidden="true"></span>
                " "
                <bdi class="entity-name">{row.canonical.clone()}</bdi>
                {(!others.is_empty()).then(|| view! {
                    <div class="spellings" data-testid="entity-spellings">
                        {i18n.text(Msg::AlsoWritten)} <bdi>{others.join("، ")}</bdi>
                    </div>
                })}
            </th>
            <td>{label_name(i18n.lang(), row.label)}</td>
            <td class="num-cell total">{row.total}</td>
            {cells}
        </tr>
    }
}

const SPEAKER: usize = 0;
const QUOTE: usize = 1;
const DOCUMENT: usize = 2;
const KIND: usize = 3;

/// Who said what: every quote of every document, by speaker. Clicking a document name shows the
/// quote in its document.
#[component]
pub fn QuoteTable(
    /// The analyzed documents.
    #[prop(into)]
    corpus: Signal<Arc<Vec<CorpusEntry>>>,
    /// Where a click leads.
    nav: Navigator,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Memo::new(move |_| corpus.with(|c| quotes(&corpus_docs(c))));
    let docs = doc_names(corpus, i18n);
    let filter = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::by(SPEAKER, false));
    let shown = Memo::new(move |_| {
        let needle = filter.get();
        let sort = sort.get();
        let docs = docs.get();
        rows.with(|rows| {
            let mut shown: Vec<QuoteRow> = rows
                .iter()
                .filter(|q| {
                    let doc = docs.get(q.doc).map_or("", |(_, name)| name.as_str());
                    matches(&needle, &[q.speaker_name.as_deref().unwrap_or(""), &q.text, doc, &q.verb])
                })
                .cloned()
                .collect();
            // `quotes` already orders by speaker; other columns sort stably on top of it.
            shown.sort_by(|a, b| {
                let ascending = match sort.column {
                    SPEAKER => (a.speaker_name.is_none(), &a.speaker_name).cmp(&(b.speaker_name.is_none(), &b.speaker_name)),
                    QUOTE => a.text.cmp(&b.text),
                    DOCUMENT => a.doc.cmp(&b.doc),
                    _ => a.kind.cmp(&b.kind),
                };
                sort.order(ascending)
            });
            shown
        })
    });
    view! {
        <section class="panel table-panel" aria-labelledby="kashif-quote-table-title">
            <h2 id="kashif-quote-table-title">
                {i18n.t(Msg::TabQuotes)} " " <span class="count-badge">{move || shown.with(Vec::len)}</span>
            </h2>
            <div class="table-tools">
                <FilterBox filter testid="quote-filter" />
            </div>
            <Show when=move || corpus.with(|c| !c.is_empty()) fallback=|| view! { <NoDocuments /> }>
                <div class="table-scroll">
                    <table class="data-table" data-testid="quote-table">
                        <thead>
                            <tr>
                                <SortHeader column=SPEAKER sort>{i18n.t(Msg::Speaker)}</SortHeader>
                                <SortHeader column=QUOTE sort>{i18n.t(Msg::Said)}</SortHeader>
                                <SortHeader column=DOCUMENT sort>{i18n.t(Msg::Document)}</SortHeader>
                                <SortHeader column=KIND sort>{i18n.t(Msg::Type)}</SortHeader>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                let docs = docs.get();
                                shown
                                    .get()
                                    .into_iter()
                                    .map(|q| {
                                        let (doc_id, doc_name) = docs.get(q.doc).cloned().unwrap_or_default();
                                        let (start, end) = (q.start, q.end);
                                        let speaker = match q.speaker_name {
                                            Some(name) => leptos::either::Either::Left(view! { <bdi class="speaker">{name}</bdi> }),
                                            None => leptos::either::Either::Right(view! { <span class="muted">{i18n.text(Msg::UnknownSpeaker)}</span> }),
                                        };
                                        view! {
                                            <tr data-testid="quote-row" data-speaker=q.speaker.unwrap_or_default() data-doc=q.doc>
                                                <th scope="row">{speaker}</th>
                                                <td class="quote-text" dir="rtl" lang="ar">
                                                    <span class="muted verb">{q.verb}": "</span>
                                                    "«" <bdi>{q.text}</bdi> "»"
                                                </td>
                                                <td>
                                                    <button
                                                        type="button"
                                                        class="cell-link"
                                                        data-testid="quote-jump"
                                                        on:click=move |_| nav.jump(doc_id, start, end)
                                                    >
                                                        <bdi>{doc_name}</bdi>
                                                    </button>
                                                </td>
                                                <td>{i18n.text(if q.kind == "direct" { Msg::Direct } else { Msg::Indirect })}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

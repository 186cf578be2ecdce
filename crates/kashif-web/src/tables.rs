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
use kashif_core::{Label, QuoteKind};

/// Names in the order a reader expects: runs of digits (ASCII or Arabic-Indic) by their value,
/// so that `35` comes before `343` and `٩` before `١٠`; everything else char by char (names
/// equal so, as `07` and `7`, by their chars).
pub(crate) fn natural_order(a: &str, b: &str) -> Ordering {
    by_value(a, b).then_with(|| a.cmp(b))
}

/// [`natural_order`] without its last tie-break. It allocates nothing: a sort makes many calls.
fn by_value(mut a: &str, mut b: &str) -> Ordering {
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if digit(x).is_some() && digit(y).is_some() => {
                let ((x, rest_a), (y, rest_b)) = (digit_run(a), digit_run(b));
                let order = number_order(x, y);
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (rest_a, rest_b);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                (a, b) = (&a[x.len_utf8()..], &b[y.len_utf8()..]);
            }
        }
    }
}

/// The value of a decimal digit, ASCII or Arabic-Indic (U+0660–U+0669).
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{660}'..='\u{669}' => Some((c as u32 - 0x660) as u8),
        _ => None,
    }
}

/// The run of digits `text` starts with, and what follows it.
fn digit_run(text: &str) -> (&str, &str) {
    let end = text.char_indices().find(|&(_, c)| digit(c).is_none()).map_or(text.len(), |(at, _)| at);
    text.split_at(end)
}

/// Two runs of digits by the numbers they write: without leading zeros, the longer is the
/// larger, and runs as long compare digit by digit.
fn number_order(x: &str, y: &str) -> Ordering {
    fn significant(run: &str) -> impl Iterator<Item = u8> + '_ {
        run.chars().filter_map(digit).skip_while(|&d| d == 0)
    }
    significant(x).count().cmp(&significant(y).count()).then_with(|| significant(x).cmp(significant(y)))
}

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
fn NoDocuments() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="muted" data-testid="no-documents">{i18n.t(Msg::NoDocumentsHint)}</p> }
}

/// Whether `corpus` holds a document (a [`DataTable`] shows its table only then).
pub fn has_documents(corpus: Signal<Arc<Vec<CorpusEntry>>>) -> Signal<bool> {
    Signal::derive(move || corpus.with(|c| !c.is_empty()))
}

/// How many rows a table renders at first, and how many more each click on «more» adds: 500
/// documents give thousands of entities, and rendering them all at once froze the tab.
pub const CHUNK: usize = 200;

/// One table of the workspace: its panel (a title with the row count, an optional note), its
/// tools, the hint while there is no document, the header row and the rows, [`CHUNK`] at a time.
/// The entity, quote, figure and framing tables are this component with their own rows.
#[component]
pub fn DataTable<R, F, V, H, HV, T>(
    /// The title's element id (the panel is labelled by it).
    title_id: &'static str,
    /// The title.
    title: Msg,
    /// A note under the title.
    #[prop(optional)]
    note: Option<Msg>,
    /// The count badge's `data-testid`, where a test reads it.
    #[prop(optional)]
    count_testid: Option<&'static str>,
    /// The table's `data-testid`.
    testid: &'static str,
    /// The table's classes.
    #[prop(default = "data-table")]
    class: &'static str,
    /// Whether there is a document (while there is none, a hint stands instead of the table;
    /// see [`has_documents`]).
    #[prop(into)]
    has_documents: Signal<bool>,
    /// Id and column label of every document (see [`doc_names`]), handed to each row.
    docs: Memo<Vec<(DocId, String)>>,
    /// The rows as shown: filtered and sorted.
    rows: Memo<Vec<R>>,
    /// The header row's cells.
    headers: H,
    /// One row's `<tr>`.
    row: F,
    /// The filters above the table.
    children: TypedChildren<T>,
    /// What comes between the filters and the table (the framing view's form).
    #[prop(optional)]
    before_table: Option<Children>,
) -> impl IntoView
where
    R: Clone + PartialEq + Send + Sync + 'static,
    F: Fn(R, &[(DocId, String)]) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
    H: Fn() -> HV + Clone + Send + Sync + 'static,
    HV: IntoView + 'static,
    T: IntoView + 'static,
{
    let limit = chunk_limit(rows);
    // Only the rows depend on the row type; the panel around them is one function for every
    // table (generic, it was compiled once per table: +27 KB of page wasm).
    let body = move || {
        let docs = docs.get();
        let shown: Vec<R> = rows.with(|rows| rows.iter().take(limit.get()).cloned().collect());
        shown.into_iter().map(|r| row(r, &docs)).collect_view()
    };
    let panel = Panel { title_id, title, note, count_testid, testid, class, has_documents, before_table };
    table_panel(panel, children.into_inner(), headers, body, Signal::derive(move || rows.with(Vec::len)), limit)
}

/// How many rows a table shows: [`CHUNK`] at first and again whenever `rows` change (a new
/// filter or sort starts again from the first chunk; not on the effect's first run, which may
/// come after a first click).
fn chunk_limit<R: Clone + PartialEq + Send + Sync + 'static>(rows: Memo<Vec<R>>) -> RwSignal<usize> {
    let limit = RwSignal::new(CHUNK);
    Effect::new(move |first_run_done: Option<()>| {
        rows.track();
        if first_run_done.is_some() {
            limit.set(CHUNK);
        }
    });
    limit
}

/// What a [`DataTable`]'s panel shows around the rows.
struct Panel {
    title_id: &'static str,
    title: Msg,
    note: Option<Msg>,
    count_testid: Option<&'static str>,
    testid: &'static str,
    class: &'static str,
    has_documents: Signal<bool>,
    before_table: Option<Children>,
}

/// A [`DataTable`]'s panel around its `body` (the first `limit` of `total` rows), with `tools`
/// above the table and the button that shows the next chunk under it.
fn table_panel<T: IntoView + 'static, HV: IntoView + 'static, B: IntoView + 'static>(
    panel: Panel,
    tools: impl FnOnce() -> T + Send + 'static,
    headers: impl Fn() -> HV + Clone + Send + Sync + 'static,
    body: impl Fn() -> B + Clone + Send + Sync + 'static,
    total: Signal<usize>,
    limit: RwSignal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Panel { title_id, title, note, count_testid, testid, class, has_documents, before_table } = panel;
    view! {
        <section class="panel table-panel" aria-labelledby=title_id>
            <h2 id=title_id>
                {i18n.t(title)} " " <span class="count-badge" data-testid=count_testid>{total}</span>
            </h2>
            {note.map(|note| view! { <p class="muted table-note">{i18n.t(note)}</p> })}
            <div class="table-tools">{tools()}</div>
            {before_table.map(|before| before())}
            <Show when=move || has_documents.get() fallback=|| view! { <NoDocuments /> }>
                <div class="table-scroll">
                    <table class=class data-testid=testid>
                        <thead>
                            <tr>{headers.clone()}</tr>
                        </thead>
                        <tbody>{body.clone()}</tbody>
                    </table>
                </div>
                <Show when=move || { total.get() > limit.get() }>
                    <button
                        type="button"
                        class="more-rows"
                        data-testid="more-rows"
                        on:click=move |_| limit.update(|limit| *limit += CHUNK)
                    >
                        {move || i18n.fill(Msg::MoreRows, &[&CHUNK.min(total.get() - limit.get()), &total.get()])}
                    </button>
                </Show>
            </Show>
        </section>
    }
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
        let (needle, only, sort) = (filter.get(), label_filter.get(), sort.get());
        rows.with(|rows| entity_rows(rows, &needle, only, sort))
    });
    let docs = doc_names(corpus, i18n);
    let titles = doc_titles(corpus, i18n);
    let headers = move || {
        view! {
            <SortHeader column=NAME sort>{i18n.t(Msg::Entity)}</SortHeader>
            <SortHeader column=TYPE sort>{i18n.t(Msg::Type)}</SortHeader>
            <SortHeader column=TOTAL sort>{i18n.t(Msg::Total)}</SortHeader>
            <DocHeaders docs first=FIRST_DOC sort titles />
        }
    };
    view! {
        <DataTable
            title_id="kashif-entity-table-title"
            title=Msg::EntitiesTitle
            count_testid="entity-table-count"
            testid="entity-table"
            has_documents=has_documents(corpus)
            docs
            rows=shown
            headers
            row=move |row, docs| entity_row(row, docs, nav, i18n)
        >
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
        </DataTable>
    }
}

/// The rows of the entity table that match the filter `needle` (a name or spelling) and the
/// label `only`, in the order of `sort`, then by name.
fn entity_rows(rows: &[EntityRow], needle: &str, only: Option<Label>, sort: Sort) -> Vec<EntityRow> {
    let mut shown: Vec<EntityRow> = rows
        .iter()
        .filter(|row| only.is_none_or(|label| row.label == label))
        .filter(|row| {
            let mut names: Vec<&str> = row.spellings.iter().map(String::as_str).collect();
            names.push(&row.canonical);
            matches(needle, &names)
        })
        .cloned()
        .collect();
    shown.sort_by(|a, b| {
        let ascending = match sort.column {
            NAME => natural_order(&a.canonical, &b.canonical),
            TYPE => a.label.cmp(&b.label),
            TOTAL => a.total.cmp(&b.total),
            doc => {
                let count = |row: &EntityRow| row.per_doc.get(doc - FIRST_DOC).map_or(0, |d| d.count);
                count(a).cmp(&count(b))
            }
        };
        sort.order(ascending).then_with(|| natural_order(&a.canonical, &b.canonical))
    });
    shown
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
        let (needle, sort, docs) = (filter.get(), sort.get(), docs.get());
        rows.with(|rows| quote_rows(rows, &needle, sort, &docs))
    });
    let headers = move || {
        view! {
            <SortHeader column=SPEAKER sort>{i18n.t(Msg::Speaker)}</SortHeader>
            <SortHeader column=QUOTE sort>{i18n.t(Msg::Said)}</SortHeader>
            <SortHeader column=DOCUMENT sort>{i18n.t(Msg::Document)}</SortHeader>
            <SortHeader column=KIND sort>{i18n.t(Msg::Type)}</SortHeader>
        }
    };
    view! {
        <DataTable
            title_id="kashif-quote-table-title"
            title=Msg::TabQuotes
            testid="quote-table"
            has_documents=has_documents(corpus)
            docs
            rows=shown
            headers
            row=move |quote, docs| quote_row(quote, docs, nav, i18n)
        >
            <FilterBox filter testid="quote-filter" />
        </DataTable>
    }
}

/// The quotes that match the filter `needle` (speaker, words, name of the document in `docs`,
/// verb), in the order of `sort`.
fn quote_rows(rows: &[QuoteRow], needle: &str, sort: Sort, docs: &[(DocId, String)]) -> Vec<QuoteRow> {
    let mut shown: Vec<QuoteRow> = rows
        .iter()
        .filter(|q| {
            let doc = docs.get(q.doc).map_or("", |(_, name)| name.as_str());
            matches(needle, &[q.speaker_name.as_deref().unwrap_or(""), &q.text, doc, &q.verb])
        })
        .cloned()
        .collect();
    // `quotes` already orders by speaker; other columns sort stably on top of it.
    shown.sort_by(|a, b| {
        let ascending = match sort.column {
            SPEAKER => (a.speaker_name.is_none(), &a.speaker_name).cmp(&(b.speaker_name.is_none(), &b.speaker_name)),
            QUOTE => a.text.cmp(&b.text),
            DOCUMENT => a.doc.cmp(&b.doc),
            _ => a.kind.as_str().cmp(b.kind.as_str()),
        };
        sort.order(ascending)
    });
    shown
}

/// One quote: its speaker, its words, its document (a click shows the quote there), its kind.
fn quote_row(q: QuoteRow, docs: &[(DocId, String)], nav: Navigator, i18n: I18n) -> impl IntoView {
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
            <td>{i18n.text(if q.kind == QuoteKind::Direct { Msg::Direct } else { Msg::Indirect })}</td>
        </tr>
    }
}

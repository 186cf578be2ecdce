//! The framing view: the loaded descriptors each document uses, per actor, side by side; and a
//! form to count descriptors of the reader's own, kept with the settings (key
//! [`DESCRIPTORS`](super::settings::DESCRIPTORS), in the format of `data/descriptors.tsv`).

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use super::i18n::{category_name, use_i18n, I18n, Lang, Msg};
use super::settings::{Settings, DESCRIPTORS};
use super::state::DocId;
use super::tables::{doc_names, has_documents, doc_titles, matches, DataTable, DocHeaders, FilterBox, Sort, SortHeader};
use super::undo::{BarNote, Change, Undo};
use super::navigation::Navigator;
use super::workspace::{corpus_docs, CorpusEntry};
use kashif_core::corpus::{
    descriptors_to_tsv, framing_table, known_descriptor, parse_descriptors, Category, Descriptor, FramingRow,
};
use kashif_core::text::normalize::fold;

const ACTOR: usize = 0;
const DESCRIPTOR: usize = 1;
const CATEGORY: usize = 2;
const TOTAL: usize = 3;
/// Columns from here on are the documents.
const FIRST_DOC: usize = 4;

/// The framing table (rows: actor × descriptor; columns: documents; cells: counts).
#[component]
pub fn FramingView(
    /// The analyzed documents.
    #[prop(into)]
    corpus: Signal<Arc<Vec<CorpusEntry>>>,
    /// Where a click on a count leads.
    nav: Navigator,
) -> impl IntoView {
    let i18n = use_i18n();
    let settings = expect_context::<Settings>();
    let extra = Memo::new(move |_| own_descriptors(settings));
    let table = Memo::new(move |_| extra.with(|extra| corpus.with(|c| framing_table(&corpus_docs(c), extra))));
    let docs = doc_names(corpus, i18n);
    let titles = doc_titles(corpus, i18n);
    let filter = RwSignal::new(String::new());
    let category = RwSignal::new(None::<Category>);
    // The table's own order (actors by weight) until a header is clicked.
    let sort = RwSignal::new(Sort::by(usize::MAX, false));
    let shown = Memo::new(move |_| {
        let (needle, only, sort) = (filter.get(), category.get(), sort.get());
        table.with(|table| framing_rows(&table.rows, &needle, only, sort))
    });
    let headers = move || {
        view! {
            <SortHeader column=ACTOR sort>{i18n.t(Msg::Actor)}</SortHeader>
            <SortHeader column=DESCRIPTOR sort>{i18n.t(Msg::Descriptor)}</SortHeader>
            <SortHeader column=CATEGORY sort>{i18n.t(Msg::Connotation)}</SortHeader>
            <SortHeader column=TOTAL sort>{i18n.t(Msg::Total)}</SortHeader>
            <DocHeaders docs first=FIRST_DOC sort titles />
        }
    };
    view! {
        <DataTable
            title_id="kashif-framing-title"
            title=Msg::FramingTitle
            note=Msg::FramingNote
            testid="framing-table"
            has_documents=has_documents(corpus)
            docs
            rows=shown
            headers
            row=move |row, docs| framing_row(row, docs, nav, i18n.lang())
            before_table=Box::new(move || view! { <AddDescriptor extra settings /> }.into_any())
        >
            <FilterBox filter testid="framing-filter" />
            <select
                class="type-filter"
                aria-label=i18n.t(Msg::Connotation)
                data-testid="framing-category-filter"
                on:change=move |ev| category.set(event_target_value(&ev).parse::<Category>().ok())
            >
                <option value="">{i18n.t(Msg::AllConnotations)}</option>
                <CategoryOptions />
            </select>
        </DataTable>
    }
}

/// The rows of the framing table that match the filter `needle` (actor, descriptor or gloss)
/// and the category `only`, in the order of `sort` (the table's own order for no column).
fn framing_rows(rows: &[FramingRow], needle: &str, only: Option<Category>, sort: Sort) -> Vec<FramingRow> {
    let mut rows: Vec<FramingRow> = rows
        .iter()
        .filter(|r| only.is_none_or(|c| r.category == c))
        .filter(|r| matches(needle, &[actor_name(r), &r.descriptor, &r.gloss]))
        .cloned()
        .collect();
    if sort.column != usize::MAX {
        rows.sort_by(|a, b| {
            let ascending = match sort.column {
                ACTOR => actor_name(a).cmp(actor_name(b)),
                DESCRIPTOR => a.descriptor.cmp(&b.descriptor),
                CATEGORY => a.category.cmp(&b.category),
                TOTAL => a.total.cmp(&b.total),
                doc => a.counts.get(doc - FIRST_DOC).cmp(&b.counts.get(doc - FIRST_DOC)),
            };
            sort.order(ascending)
        });
    }
    rows
}

fn actor_name(row: &FramingRow) -> &str {
    row.actor.as_ref().map_or("—", |a| a.name.as_str())
}

fn framing_row(row: FramingRow, docs: &[(DocId, String)], nav: Navigator, lang: Lang) -> impl IntoView {
    let cells = docs
        .iter()
        .enumerate()
        .map(|(index, (doc_id, _))| {
            let doc_id = *doc_id;
            match (row.counts.get(index).copied().unwrap_or(0), row.first.get(index).copied().flatten()) {
                (count, Some((start, end))) if count > 0 => Either::Left(view! {
                    <td class="num-cell" data-testid="framing-cell" data-doc=index>
                        <button
                            type="button"
                            class="cell-link"
                            data-testid="framing-jump"
                            on:click=move |_| nav.jump(doc_id, start, end)
                        >
                            {count}
                        </button>
                    </td>
                }),
                _ => Either::Right(view! { <td class="num-cell muted" data-testid="framing-cell" data-doc=index>"0"</td> }),
            }
        })
        .collect_view();
    let actor = actor_name(&row).to_owned();
    view! {
        <tr
            data-testid="framing-row"
            data-actor=row.actor.as_ref().map(|a| a.id.clone()).unwrap_or_default()
            data-descriptor=row.descriptor.clone()
            data-category=row.category.as_str()
        >
            <th scope="row"><bdi>{actor}</bdi></th>
            <td>
                <bdi class="descriptor" dir="rtl" lang="ar">{row.descriptor.clone()}</bdi>
                {(!row.gloss.is_empty()).then(|| view! { <div class="gloss muted" dir="ltr" lang="en">{row.gloss.clone()}</div> })}
            </td>
            <td><span class="badge category" data-category=row.category.as_str()>{category_name(lang, row.category)}</span></td>
            <td class="num-cell total">{row.total}</td>
            {cells}
        </tr>
    }
}

/// The reader's own descriptors, as saved in the settings (none when nothing readable is there).
fn own_descriptors(settings: Settings) -> Vec<Descriptor> {
    settings.get(DESCRIPTORS).and_then(|tsv| parse_descriptors(&tsv).ok()).unwrap_or_default()
}

/// One `<option>` per category, named in the language in effect.
#[component]
fn CategoryOptions() -> impl IntoView {
    let i18n = use_i18n();
    Category::ALL
        .into_iter()
        .map(|c| view! { <option value=c.as_str()>{move || category_name(i18n.lang(), c)}</option> })
        .collect_view()
}

/// The form that adds a term and a category to the reader's own descriptors (refusing a term
/// already counted, and saying under which descriptor), and the list of them, each with a button
/// that removes it. Every change is saved with the settings.
#[component]
fn AddDescriptor(
    /// The reader's own descriptors.
    #[prop(into)]
    extra: Signal<Vec<Descriptor>>,
    /// Where they are saved.
    settings: Settings,
) -> impl IntoView {
    let i18n = use_i18n();
    // A removal can be undone (the undo bar, Ctrl+Z).
    let own = OwnDescriptors { extra, settings, undo: use_context::<Undo>() };
    let term = RwSignal::new(String::new());
    let category = RwSignal::new(Category::Pejorative);
    // Why the last term was not added: the term and the descriptor that already counts it.
    let refused = RwSignal::new(None::<(String, String)>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = term.get_untracked().trim().to_owned();
        if fold(&value).split_whitespace().next().is_none() {
            return;
        }
        match own.add(value, category.get_untracked()) {
            Ok(()) => {
                refused.set(None);
                term.set(String::new());
            }
            Err(known) => refused.set(Some(known)),
        }
    };
    view! {
        <form class="add-descriptor" data-testid="add-descriptor" on:submit=add>
            <label class="field-label" for="kashif-descriptor">{i18n.t(Msg::AddDescriptor)}</label>
            {descriptor_fields(term, category)}
            {move || {
                refused.get().map(|(term, known)| view! {
                    <p class="muted" data-testid="descriptor-known" role="status">
                        {i18n.fill(Msg::AlreadyKnown, &[&term, &known])}
                    </p>
                })
            }}
            {own_descriptor_list(own)}
        </form>
    }
}

/// The reader's own descriptors, where they are saved, and the history their removals go to.
#[derive(Clone, Copy)]
struct OwnDescriptors {
    extra: Signal<Vec<Descriptor>>,
    settings: Settings,
    undo: Option<Undo>,
}

impl OwnDescriptors {
    fn save(self, list: &[Descriptor]) {
        self.settings.set(DESCRIPTORS, &descriptors_to_tsv(list));
    }

    /// Adds `term` in `category` and saves; a term a descriptor already counts is refused with
    /// that descriptor's term (`(term, known)`).
    fn add(self, term: String, category: Category) -> Result<(), (String, String)> {
        let mut list = self.extra.get_untracked();
        if let Some(known) = known_descriptor(&term, &list) {
            return Err((term, known.term.clone()));
        }
        list.push(Descriptor::new(&term, category));
        self.save(&list);
        Ok(())
    }

    /// Removes the descriptor at `index` and saves; the undo bar offers to put it back.
    fn remove(self, index: usize) {
        let mut list = self.extra.get_untracked();
        if index >= list.len() {
            return;
        }
        let before = self.settings.get_untracked(DESCRIPTORS).unwrap_or_default();
        let term = list.remove(index).term;
        self.save(&list);
        if let Some(undo) = self.undo {
            let after = self.settings.get_untracked(DESCRIPTORS).unwrap_or_default();
            let serial = undo.record(Change::Descriptors { before, after });
            undo.show(serial, BarNote::DescriptorRemoved(term));
        }
    }
}

/// The term box, its category and the add button.
fn descriptor_fields(term: RwSignal<String>, category: RwSignal<Category>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="add-row">
            <input
                id="kashif-descriptor"
                type="text"
                dir="rtl"
                lang="ar"
                class="filter-box"
                placeholder=i18n.t(Msg::DescriptorExample)
                data-testid="descriptor-input"
                prop:value=move || term.get()
                on:input=move |ev| term.set(event_target_value(&ev))
            />
            <select
                class="type-filter"
                aria-label=i18n.t(Msg::DescriptorConnotation)
                data-testid="descriptor-category"
                on:change=move |ev| {
                    if let Ok(c) = event_target_value(&ev).parse::<Category>() {
                        category.set(c);
                    }
                }
            >
                <CategoryOptions />
            </select>
            <button type="submit" class="button-like" data-testid="descriptor-add">{i18n.t(Msg::Add)}</button>
        </div>
    }
}

/// The list of the reader's own descriptors, while there are any.
fn own_descriptor_list(own: OwnDescriptors) -> impl IntoView {
    let i18n = use_i18n();
    let extra = own.extra;
    view! {
        <Show when=move || extra.with(|e| !e.is_empty())>
            <div class="own-descriptors">
                <span class="muted">{i18n.t(Msg::YourDescriptors)}</span>
                <ul class="chip-list" data-testid="own-descriptors">
                    {move || {
                        extra
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(index, d)| own_descriptor(index, d, i18n, move |index| own.remove(index)))
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// One of the reader's descriptors in the list: the term, its category, a remove button.
fn own_descriptor(index: usize, d: Descriptor, i18n: I18n, remove: impl Fn(usize) + 'static) -> impl IntoView {
    let label = i18n.fill(Msg::RemoveNamed, &[&d.term]);
    view! {
        <li class="chip" data-testid="own-descriptor" data-term=d.term.clone() data-category=d.category.as_str()>
            <bdi dir="rtl" lang="ar">{d.term.clone()}</bdi>
            " "
            <span class="badge category" data-category=d.category.as_str()>{category_name(i18n.lang(), d.category)}</span>
            <button
                type="button"
                class="doc-remove"
                data-testid="descriptor-remove"
                aria-label=label.clone()
                title=label
                on:click=move |_| remove(index)
            >
                "×"
            </button>
        </li>
    }
}

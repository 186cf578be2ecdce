//! The figures of every document side by side, grouped by what they count; the groups where the
//! documents disagree carry a «تباين» badge.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use super::i18n::{count_name, use_i18n, I18n, Lang, Msg};
use super::tables::{doc_names, matches, number, DocHeaders, FilterBox, NoDocuments, Sort, SortHeader};
use super::workspace::{corpus_docs, CorpusEntry, Navigator};
use crate::corpus::{figure_groups, FigureGroup, FigureRow};

const KIND: usize = 0;
const AGREEMENT: usize = 1;
/// Columns from here on are the documents.
const FIRST_DOC: usize = 2;

/// What a group counts, in `lang`: `مدنيون (قتلى)`, `civilians (killed)`.
fn group_title(lang: Lang, group: &FigureGroup) -> String {
    let name = |key| count_name(lang, key);
    match group.event.as_deref() {
        Some(event) if event != group.counts => format!("{} ({})", name(&group.counts), name(event)),
        _ => name(&group.counts).to_owned(),
    }
}

/// The figures table: one row per kind of figure, one column per document.
#[component]
pub fn FigureTable(
    /// The analyzed documents.
    #[prop(into)]
    corpus: Signal<Arc<Vec<CorpusEntry>>>,
    /// Where a click on a figure leads.
    nav: Navigator,
) -> impl IntoView {
    let i18n = use_i18n();
    let groups = Memo::new(move |_| corpus.with(|c| figure_groups(&corpus_docs(c))));
    let docs = doc_names(corpus, i18n);
    let filter = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::by(AGREEMENT, true));
    let shown = Memo::new(move |_| {
        let needle = filter.get();
        let sort = sort.get();
        let lang = i18n.lang();
        let documents = docs.with(Vec::len);
        groups.with(|groups| {
            let mut shown: Vec<FigureGroup> = groups
                .iter()
                .filter(|g| {
                    let title = group_title(lang, g);
                    let mut texts: Vec<&str> = vec![&title, &g.counts];
                    texts.extend(g.figures.iter().map(|f| f.sentence.as_str()));
                    matches(&needle, &texts)
                })
                .cloned()
                .collect();
            shown.sort_by(|a, b| {
                let ascending = match sort.column {
                    KIND => group_title(lang, a).cmp(&group_title(lang, b)),
                    AGREEMENT => (a.disagrees(), a.documents).cmp(&(b.disagrees(), b.documents)),
                    doc => {
                        let toll = |g: &FigureGroup| g.per_document(documents).get(doc - FIRST_DOC).copied().flatten();
                        toll(a).partial_cmp(&toll(b)).unwrap_or(std::cmp::Ordering::Equal)
                    }
                };
                sort.order(ascending)
            });
            shown
        })
    });
    view! {
        <section class="panel table-panel" aria-labelledby="kashif-figure-table-title">
            <h2 id="kashif-figure-table-title">
                {i18n.t(Msg::FiguresTitle)}
                " "
                <span class="count-badge">{move || shown.with(Vec::len)}</span>
            </h2>
            <p class="muted table-note">
                {i18n.t(Msg::FiguresNote)}
            </p>
            <div class="table-tools">
                <FilterBox filter testid="figure-filter" />
            </div>
            <Show when=move || corpus.with(|c| !c.is_empty()) fallback=|| view! { <NoDocuments /> }>
                <div class="table-scroll">
                    <table class="data-table" data-testid="figure-table">
                        <thead>
                            <tr>
                                <SortHeader column=KIND sort>{i18n.t(Msg::Counted)}</SortHeader>
                                <SortHeader column=AGREEMENT sort>{i18n.t(Msg::Agreement)}</SortHeader>
                                <DocHeaders docs first=FIRST_DOC sort />
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                let docs = docs.get();
                                shown.get().into_iter().map(|group| figure_row(group, &docs, nav, i18n)).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

fn figure_row(group: FigureGroup, docs: &[(u32, String)], nav: Navigator, i18n: I18n) -> impl IntoView {
    let agreement = match group.spread {
        Some((low, high)) => Either::Left(view! {
            <span class="badge disagree" data-testid="disagreement" title=i18n.text(Msg::DifferTitle)>
                {i18n.text(Msg::Differ)}
            </span>
            " "
            <span class="spread" data-testid="spread">{i18n.fill(Msg::Spread, &[&number(low), &number(high)])}</span>
        }),
        None if group.documents > 1 => Either::Right(Either::Left(view! { <span class="badge agree">{i18n.text(Msg::Agree)}</span> })),
        None => Either::Right(Either::Right(view! { <span class="muted nowrap">{i18n.text(Msg::OneSource)}</span> })),
    };
    let cells = docs
        .iter()
        .enumerate()
        .map(|(index, (doc_id, _))| {
            let doc_id = *doc_id;
            let figures: Vec<FigureRow> = group.figures.iter().filter(|f| f.doc == index).cloned().collect();
            if figures.is_empty() {
                return Either::Left(view! { <td class="muted" data-testid="figure-cell" data-doc=index>"—"</td> });
            }
            Either::Right(view! {
                <td data-testid="figure-cell" data-doc=index>
                    <ul class="figure-list" dir="rtl" lang="ar">
                        {figures
                            .into_iter()
                            .map(|figure| {
                                let (start, end) = (figure.start, figure.end);
                                let qualifier = figure.qualifier.clone().map(|q| format!("{q} ")).unwrap_or_default();
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="cell-link figure-value"
                                            data-testid="figure-value"
                                            data-value=number(figure.value)
                                            on:click=move |_| nav.jump(doc_id, start, end)
                                        >
                                            <span class="qualifier">{qualifier}</span>
                                            <bdi class="value">{number(figure.value)}</bdi>
                                            " "
                                            <bdi>{figure.noun.clone()}</bdi>
                                        </button>
                                        <div class="sentence muted">
                                            <bdi>{figure.sentence.clone()}</bdi>
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </td>
            })
        })
        .collect_view();
    view! {
        <tr
            data-testid="figure-group"
            data-counts=group.counts.clone()
            class:disagrees=group.disagrees()
        >
            <th scope="row">{group_title(i18n.lang(), &group)}</th>
            <td>{agreement}</td>
            {cells}
        </tr>
    }
}

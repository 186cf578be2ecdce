//! The figures of every document read as claims (what happened, to whom, where, when, according
//! to whom) and grouped: one row per group, with the claims of each document side by side; the
//! groups where two claims conflict carry a «تباين» badge. Rows stack at phone width.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use super::i18n::{counted_name, use_i18n, I18n, Lang, Msg};
use super::state::DocId;
use super::tables::{doc_names, has_documents, matches, number, DataTable, FilterBox, Sort, SortHeader};
use super::navigation::Navigator;
use super::workspace::{corpus_docs, CorpusEntry};
use kashif_core::corpus::{claim_groups, Claim, ClaimGroup};
use kashif_core::{Counted, Event};

const KIND: usize = 0;
const AGREEMENT: usize = 1;

/// What a group claims, in `lang`: `قتلى: جنود (تركيا)`, `killed: soldiers (تركيا)`.
fn group_title(lang: Lang, group: &ClaimGroup) -> String {
    let name = |counted| counted_name(lang, counted);
    let mut title = match group.event.map(Counted::from) {
        Some(victims) if group.whom != Counted::People => format!("{}: {}", name(victims), name(group.whom)),
        Some(victims) => name(victims).to_owned(),
        None => name(group.whom).to_owned(),
    };
    if let Some(side) = &group.side_name {
        title.push_str(&format!(" ({side})"));
    }
    title
}

/// The figures view: one row per group of claims.
#[component]
pub fn FigureTable(
    /// The analyzed documents.
    #[prop(into)]
    corpus: Signal<Arc<Vec<CorpusEntry>>>,
    /// Where a click on a figure leads.
    nav: Navigator,
) -> impl IntoView {
    let i18n = use_i18n();
    let groups = Memo::new(move |_| corpus.with(|c| claim_groups(&corpus_docs(c))));
    let docs = doc_names(corpus, i18n);
    let filter = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::by(AGREEMENT, true));
    let shown = Memo::new(move |_| {
        let (needle, sort, lang) = (filter.get(), sort.get(), i18n.lang());
        groups.with(|groups| claim_rows(groups, &needle, sort, lang))
    });
    let headers = move || {
        view! {
            <SortHeader column=KIND sort>{i18n.t(Msg::Counted)}</SortHeader>
            <SortHeader column=AGREEMENT sort>{i18n.t(Msg::Agreement)}</SortHeader>
            <th scope="col" class="plain-header">{i18n.t(Msg::ClaimsBySource)}</th>
        }
    };
    view! {
        <DataTable
            title_id="kashif-figure-table-title"
            title=Msg::FiguresTitle
            note=Msg::FiguresNote
            testid="figure-table"
            class="data-table claims-table"
            has_documents=has_documents(corpus)
            docs
            rows=shown
            headers
            row=move |group, docs| group_row(group, docs, nav, i18n)
        >
            <FilterBox filter testid="figure-filter" />
        </DataTable>
    }
}

/// The groups that match the filter `needle` (what they count, where, and the sentences and
/// sources of their claims), in the order of `sort`, named in `lang`.
fn claim_rows(groups: &[ClaimGroup], needle: &str, sort: Sort, lang: Lang) -> Vec<ClaimGroup> {
    let mut shown: Vec<ClaimGroup> = groups
        .iter()
        .filter(|g| {
            let title = group_title(lang, g);
            let mut texts: Vec<&str> = vec![&title, g.whom.as_str()];
            texts.extend(g.place.as_deref());
            texts.extend(g.claims.iter().flat_map(|c| [c.sentence.as_str(), c.source.as_str()]));
            matches(needle, &texts)
        })
        .cloned()
        .collect();
    shown.sort_by(|a, b| {
        let ascending = match sort.column {
            KIND => group_title(lang, a).cmp(&group_title(lang, b)),
            _ => (a.discrepancy, a.documents, a.claims.len()).cmp(&(b.discrepancy, b.documents, b.claims.len())),
        };
        sort.order(ascending)
    });
    shown
}

/// The badge of a group: «تباين» with the spread, «متفق» when several sources agree, else
/// «مصدر واحد».
fn agreement(group: &ClaimGroup, i18n: I18n) -> impl IntoView {
    match group.spread {
        Some((low, high)) => Either::Left(view! {
            <span class="badge disagree" data-testid="disagreement" title=i18n.text(Msg::DifferTitle)>
                {i18n.text(Msg::Differ)}
            </span>
            " "
            <span class="spread" data-testid="spread">{i18n.fill(Msg::Spread, &[&number(low), &number(high)])}</span>
        }),
        None if group.sources > 1 => Either::Right(Either::Left(view! { <span class="badge agree">{i18n.text(Msg::Agree)}</span> })),
        None => Either::Right(Either::Right(view! { <span class="muted nowrap">{i18n.text(Msg::OneSource)}</span> })),
    }
}

/// One claim: its value (a click shows it in its document), its source and its sentence.
fn claim_item(claim: Claim, doc_id: DocId, nav: Navigator, i18n: I18n) -> impl IntoView {
    let (start, end) = (claim.start, claim.end);
    let qualifier = claim.qualifier.clone().map(|q| format!("{q} ")).unwrap_or_default();
    let source = if claim.source_id.is_some() { claim.source.clone() } else { i18n.text(Msg::TheOutlet).to_owned() };
    view! {
        <li class="claim" data-testid="claim">
            <button
                type="button"
                class="cell-link figure-value"
                data-testid="figure-value"
                data-value=number(claim.value)
                on:click=move |_| nav.jump(doc_id, start, end)
            >
                <span class="qualifier">{qualifier}</span>
                <bdi class="value">{number(claim.value)}</bdi>
                " "
                <bdi>{claim.noun.clone()}</bdi>
            </button>
            " "
            <span class="claim-source" dir="auto" data-testid="claim-source" data-named=claim.source_id.is_some().to_string()>
                {i18n.fill(Msg::AccordingTo, &[&source])}
            </span>
            <div class="sentence muted">
                <bdi>{claim.sentence.clone()}</bdi>
            </div>
        </li>
    }
}

fn group_row(group: ClaimGroup, docs: &[(DocId, String)], nav: Navigator, i18n: I18n) -> impl IntoView {
    let place = group.place.clone().map(|p| view! { <div class="muted claim-where" dir="auto">{i18n.fill(Msg::PlaceIs, &[&p])}</div> });
    let period = group.when.clone().map(|w| view! { <div class="muted claim-where" dir="auto">{i18n.fill(Msg::PeriodIs, &[&w])}</div> });
    let outlets = group
        .docs()
        .into_iter()
        .map(|index| {
            let (doc_id, name) = docs.get(index).cloned().unwrap_or_default();
            let claims: Vec<Claim> = group.claims_of(index).cloned().collect();
            view! {
                <div class="claim-outlet" data-testid="figure-cell" data-doc=index>
                    <div class="outlet-name"><bdi>{name}</bdi></div>
                    <ul class="figure-list" dir="rtl" lang="ar">
                        {claims.into_iter().map(|claim| claim_item(claim, doc_id, nav, i18n)).collect_view()}
                    </ul>
                </div>
            }
        })
        .collect_view();
    view! {
        <tr
            data-testid="figure-group"
            data-counts=group.whom.as_str()
            data-event=group.event.map_or("", Event::as_str)
            data-side=group.side.clone().unwrap_or_default()
            class:disagrees=group.discrepancy
        >
            <th scope="row">
                <div class="claim-title">{group_title(i18n.lang(), &group)}</div>
                {place}
                {period}
            </th>
            <td class="claim-agreement">{agreement(&group, i18n)}</td>
            <td class="claim-outlets">{outlets}</td>
        </tr>
    }
}

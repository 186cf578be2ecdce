//! Exports of the analysed documents: JSON (the CLI's schema), CSV of mentions and of figures,
//! CoNLL/BIO tokens, brat standoff (`.ann` with its `.txt`, for the shown document) and a
//! self-contained HTML report; each downloaded as a file or copied to the clipboard. The
//! documents come corrected and linked across documents ([`link_docs`](super::workspace::link_docs)),
//! as the tables show them.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::state::DocId;
use super::workspace::CorpusEntry;
use super::i18n::{self, use_i18n, Message, Msg};
use kashif_core::export::{figures_to_csv, to_brat, to_conll, to_csv, to_html_report, to_json, NamedAnalysis};

/// The formats offered: (id for tests, label, file suffix, MIME type).
const FORMATS: &[(&str, Msg, &str, &str)] = &[
    ("json", Msg::FormatJson, ".json", "application/json"),
    ("csv", Msg::FormatEntitiesCsv, "-entities.csv", "text/csv"),
    ("figures-csv", Msg::FormatFiguresCsv, "-figures.csv", "text/csv"),
    ("conll", Msg::FormatConll, ".conll", "text/plain"),
    ("brat", Msg::FormatBrat, ".ann", "text/plain"),
    ("html", Msg::FormatHtml, "-report.html", "text/html"),
];

/// The export of `docs` in `format` (see [`FORMATS`]); brat exports the `current` document only,
/// with its `.txt` as the second value.
pub fn render(format: &str, docs: &[CorpusEntry], current: Option<usize>) -> (String, Option<String>) {
    let named: Vec<NamedAnalysis<'_>> =
        docs.iter().map(|d| NamedAnalysis::with_text(&d.name, &d.text, &d.analysis)).collect();
    match format {
        "json" => (to_json(&named), None),
        "csv" => (to_csv(&named), None),
        "figures-csv" => (figures_to_csv(&named), None),
        "conll" => (to_conll(&named), None),
        "html" => (to_html_report(&named), None),
        "brat" => {
            let Some(i) = current.filter(|&i| i < docs.len()) else { return (String::new(), None) };
            let (txt, ann) = to_brat(&docs[i].text, &docs[i].analysis);
            (ann, Some(txt))
        }
        _ => (String::new(), None),
    }
}

/// Saves `content` as a file named `name` (a Blob URL clicked through a hidden link). A CSV
/// file starts with a UTF-8 byte order mark, without which Excel on Windows reads Arabic in
/// another code page.
pub(super) fn download(name: &str, content: &str, mime: &str) -> Result<(), JsValue> {
    let content = if mime == "text/csv" { format!("\u{FEFF}{content}") } else { content.to_owned() };
    let parts = js_sys::Array::of1(&JsValue::from_str(&content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&format!("{mime};charset=utf-8"));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.set_attribute("data-testid", "download-link")?;
    link.set_hidden(true);
    document.body().ok_or("no body")?.append_child(&link)?;
    link.click();
    link.remove();
    // Revoked later: revoking at once can cancel the download in some browsers.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window().set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    Ok(())
}

/// A file name stem from the document names: the one document's name, else `kashif`.
fn stem(docs: &[CorpusEntry], format: &str, current: Option<usize>) -> String {
    let name = match (format, current) {
        ("brat", Some(i)) => docs.get(i).map(|d| d.name.as_str()),
        _ if docs.len() == 1 => Some(docs[0].name.as_str()),
        _ => None,
    };
    let name = name.unwrap_or("kashif");
    let base = name.rsplit_once('.').map_or(name, |(b, _)| b);
    base.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect()
}

/// The outcome of the last export: a message, filled with the label of a format if any.
type ExportStatus = RwSignal<Option<(Msg, Option<Msg>)>>;

/// Exports `docs` in `format` (see [`FORMATS`]; brat: the `shown` document), copied to the
/// clipboard when `copy`, else downloaded; the outcome goes to `status` (a message, with the
/// label of the format if any).
fn export(docs: &[CorpusEntry], format: &str, shown: Option<DocId>, copy: bool, status: ExportStatus) {
    if docs.is_empty() {
        status.set(Some((Msg::NothingToExport, None)));
        return;
    }
    let Some(&(_, label, suffix, mime)) = FORMATS.iter().find(|f| f.0 == format) else { return };
    let current = shown.and_then(|id| docs.iter().position(|d| d.id == id));
    let (content, extra) = render(format, docs, current);
    if content.is_empty() && extra.is_none() {
        status.set(Some((Msg::ChooseForBrat, None)));
        return;
    }
    if copy {
        copy_to_clipboard(&content, label, status);
        return;
    }
    let stem = stem(docs, format, current);
    let mut result = download(&format!("{stem}{suffix}"), &content, mime);
    if let Some(txt) = extra {
        result = result.and_then(|()| download(&format!("{stem}.txt"), &txt, "text/plain"));
    }
    status.set(Some(match result {
        Ok(()) => (Msg::Downloaded, Some(label)),
        Err(_) => (Msg::DownloadFailed, None),
    }));
}

/// Copies `content` (the export in the format called `label`) to the clipboard; the outcome
/// goes to `status` once the browser says.
fn copy_to_clipboard(content: &str, label: Msg, status: ExportStatus) {
    let promise = window().navigator().clipboard().write_text(content);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => status.set(Some((Msg::Copied, Some(label)))),
            Err(_) => status.set(Some((Msg::CopyFailed, None))),
        }
    });
}

/// The export buttons.
#[component]
pub fn ExportPanel(
    /// The analysed documents, corrected and linked, in list order.
    #[prop(into)]
    docs: Signal<Arc<Vec<CorpusEntry>>>,
    /// The shown document.
    #[prop(into)]
    shown: Signal<Option<DocId>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status: ExportStatus = RwSignal::new(None);
    let format = RwSignal::new("json".to_owned());
    let run = move |copy: bool| export(&docs.get_untracked(), &format.get_untracked(), shown.get_untracked(), copy, status);
    view! {
        <section class="panel export-panel" aria-labelledby="kashif-export-title" data-testid="export-panel">
            <h2 id="kashif-export-title">{i18n.t(Msg::Export)}</h2>
            <div class="export-row">
                <label class="visually-hidden" for="kashif-export-format">{i18n.t(Msg::Format)}</label>
                <select
                    id="kashif-export-format"
                    data-testid="export-format"
                    on:change=move |ev| format.set(event_target_value(&ev))
                >
                    {FORMATS
                        .iter()
                        .map(|&(id, label, _, _)| view! { <option value=id>{i18n.t(label)}</option> })
                        .collect_view()}
                </select>
                <button type="button" data-testid="export-download" on:click=move |_| run(false)>{i18n.t(Msg::Download)}</button>
                <button type="button" data-testid="export-copy" on:click=move |_| run(true)>{i18n.t(Msg::Copy)}</button>
            </div>
            <p class="muted export-status" data-testid="export-status" role="status">
                {move || {
                    let lang = i18n.lang();
                    status.get().map(|(msg, label)| {
                        let label = label.map(|label| i18n::text(lang, label)).unwrap_or_default();
                        Message::new(msg, &[label]).render(lang)
                    })
                }}
            </p>
        </section>
    }
}

//! Browser tests: the analyzer compiled to wasm, the worker protocol and the page's request
//! bookkeeping, the IndexedDB store, and the page mounted into a container (with the worker's
//! service run in the page: the test runner serves no worker file).
//!
//! Run with `cargo test -p kashif-web --target wasm32-unknown-unknown` (the runner in
//! `.cargo/config.toml` is `wasm-bindgen-test-runner`, which drives Chromium through
//! chromedriver; `webdriver.json` holds the Chromium flags).

use kashif_core::corrections::{Correction, UserName};
use crate::analyses::{Status, Tracker};
use crate::corrections::CorrectionBook;
use crate::engine::Starter;
use crate::i18n::{fill, text, Lang, Message, Msg};
use crate::session::Restored;
use crate::spans::{glyphs, segments, Glyphs, Segment};
use crate::state::{shown_name, DocId, Document, Library, Source, PASTED_NAME};
use crate::store;
use crate::undo::Removed;
use crate::worker_protocol::{FromWorker, Reply, Request, Service, READY};
use kashif_core::{Analyzer, Label, Mention};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const SUMMIT: &str = "التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو";
const IDLIB: &str = "قصفت الطائرات ريف إدلب";

fn slice_chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[wasm_bindgen_test]
fn analysis_spans_slice_the_text_by_chars() {
    let analyzer = Analyzer::new();
    for text in [SUMMIT, IDLIB, "", "🙂 زار بوتين أنقرة\n\nثم عاد بوتين إلى موسكو"] {
        let analysis = analyzer.analyze(text);
        let mut previous_end = 0;
        for mention in &analysis.entities {
            assert!(mention.start < mention.end, "{mention:?}");
            assert!(mention.start >= previous_end, "mentions overlap or are out of order: {mention:?}");
            assert_eq!(slice_chars(text, mention.start, mention.end), mention.text, "{mention:?}");
            previous_end = mention.end;
        }
    }

    let summit = analyzer.analyze(SUMMIT);
    let people: Vec<&str> = summit.entities.iter().filter(|m| m.label == Label::Per).map(|m| m.text.as_str()).collect();
    assert!(people.contains(&"فلاديمير بوتين") && people.contains(&"رجب طيب أردوغان"), "{people:?}");
    assert!(summit.entities.iter().any(|m| m.label == Label::Loc && m.text == "موسكو"));
    assert!(analyzer.analyze(IDLIB).entities.iter().any(|m| m.label == Label::Loc && m.text.contains("إدلب")));
}

fn mention(start: usize, end: usize, text: &str) -> Mention {
    Mention {
        label: Label::Loc,
        text: text.to_owned(),
        start,
        end,
        canonical: text.to_owned(),
        id: format!("test:{start}"),
        title: None,
        confidence: 1.0,
        source: String::new(),
    }
}

#[wasm_bindgen_test]
fn segments_cut_by_chars_not_bytes_and_skip_bad_spans() {
    // Two-byte Arabic letters, a four-byte emoji before the mention, a combining mark inside it.
    let text = "🙂 في مُوسكو اليوم";
    let start = 5; // 🙂 (1 char) + space + في + space
    let end = start + "مُوسكو".chars().count();
    let mentions = vec![
        mention(start, end, "مُوسكو"),
        mention(start + 1, end + 2, "overlapping"), // overlaps the previous one: skipped
        mention(100, 105, "past the end"),          // past the end: skipped
    ];
    let pieces = segments(text, &mentions);
    assert_eq!(
        pieces
            .iter()
            .map(|piece| match piece {
                Segment::Plain(t) => *t,
                Segment::Mention { surface, .. } => surface,
            })
            .collect::<String>(),
        text
    );
    let surfaces: Vec<&str> = pieces
        .iter()
        .filter_map(|piece| match piece {
            Segment::Mention { surface, .. } => Some(*surface),
            Segment::Plain(_) => None,
        })
        .collect();
    assert_eq!(surfaces, ["مُوسكو"]);
    assert_eq!(pieces.first(), Some(&Segment::Plain("🙂 في ")));
    assert_eq!(pieces.last(), Some(&Segment::Plain(" اليوم")));

    assert_eq!(
        glyphs("أ\u{202E}ب"),
        [
            Glyphs::Text("أ"),
            Glyphs::Control(crate::spans::BidiControl::of('\u{202E}').unwrap()),
            Glyphs::Text("ب")
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// The mounted page
// ---------------------------------------------------------------------------------------------

/// A fresh container in the document with the app mounted into it.
fn mounted_app() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    crate::mount_to(container.clone(), Starter::in_page(), Restored::Off).forget();
    container
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).map(|node| node.unchecked_into()).collect()
}

/// Types `text` into the paste box the way a user's edit arrives: value set, `input` bubbles.
fn type_text(root: &Element, text: &str) {
    let textarea: HtmlTextAreaElement = find(root, "[data-testid=input-text]").unwrap().unchecked_into();
    textarea.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    textarea.dispatch_event(&event).unwrap();
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits (up to about two seconds) for `ready` to hold, letting the page's effects run.
async fn until(mut ready: impl FnMut() -> bool) -> bool {
    for _ in 0..100 {
        if ready() {
            return true;
        }
        sleep(20).await;
    }
    ready()
}

// ---------------------------------------------------------------------------------------------
// The worker protocol, the request bookkeeping, the store
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn the_pasted_text_is_named_in_the_interface_language_and_files_keep_theirs() {
    assert_eq!(shown_name(PASTED_NAME, true, Lang::Ar), "نص ملصق");
    assert_eq!(shown_name(PASTED_NAME, true, Lang::En), "Pasted text");
    assert_eq!(shown_name("نص ملصق", false, Lang::En), "نص ملصق", "a file so named keeps its name");
}

#[wasm_bindgen_test]
fn a_mention_merges_into_the_entities_of_its_type_in_every_document_but_its_own() {
    use crate::workspace::{link_docs, merge_targets, AnalysedDoc};
    use std::sync::Arc;
    let analyzer = Analyzer::new();
    let doc = |id: DocId, text: &str| AnalysedDoc {
        id,
        name: format!("{id}.txt"),
        pasted: false,
        text: Arc::from(text),
        analysis: Arc::new(analyzer.analyze(text)),
        byline: Default::default(),
    };
    let docs = [
        doc(1, "وقال القائد محمد الجاسم إن قواته ستبقى في بلدة كفرنبودة."),
        doc(2, "وأكد القائد العسكري سيف أبو بكر أن الهجوم فشل، وقال القائد محمد الجاسم إن قواته انسحبت من كفرنبودة."),
    ];
    let corpus = link_docs(&docs, &[]);
    let person = |doc: usize, name: &str| docs[doc].analysis.entities.iter().find(|m| m.text == name).unwrap().clone();
    let jasim = person(0, "محمد الجاسم");
    let abu_bakr = person(1, "سيف أبو بكر");
    // Only the other person: not the places, not محمد الجاسم himself, linked in document 2.
    assert_eq!(merge_targets(&corpus, 1, &jasim), [(abu_bakr.id.clone(), abu_bakr.canonical.clone())]);
    assert_eq!(merge_targets(&corpus, 2, &abu_bakr), [(jasim.id.clone(), jasim.canonical.clone())]);
}

#[wasm_bindgen_test]
fn the_worker_service_answers_requests_and_bad_messages() {
    let service = Service::new();
    let request = Request { id: 7, name: "قمة".to_owned(), text: SUMMIT.to_owned(), fault: None };
    let FromWorker::Reply(reply) = FromWorker::parse(&service.handle(&request.to_message())).unwrap() else {
        panic!("not a reply")
    };
    assert_eq!(reply.id, Some(7));
    assert_eq!(reply.analysis, Some(Analyzer::new().analyze(SUMMIT)));
    assert_eq!(reply.error, None);

    let FromWorker::Reply(bad) = FromWorker::parse(&service.handle("{not json")).unwrap() else {
        panic!("not a reply")
    };
    assert_eq!((bad.id, bad.analysis), (None, None));
    assert!(bad.error.is_some_and(|e| e.contains("unreadable request")));
    assert_eq!(FromWorker::parse(READY), Ok(FromWorker::Ready));
    assert!(FromWorker::parse("").is_err());
}

fn reply(id: u32) -> Reply {
    Reply { id: Some(id), analysis: Some(kashif_core::Analysis::default()), error: None }
}

#[wasm_bindgen_test]
fn the_tracker_ignores_stale_and_removed_replies_and_counts_the_batch() {
    let mut tracker = Tracker::new();
    let (a1, b, c) = (tracker.request(1), tracker.request(2), tracker.request(3));
    assert_eq!(tracker.progress(), Some((0, 3)));
    let a2 = tracker.request(1); // edited: the first request for 1 is stale
    assert_eq!(tracker.progress(), Some((0, 3)));
    assert_eq!(tracker.receive(reply(a1)), None);
    assert_eq!(tracker.status(1), Status::Waiting);
    assert_eq!(tracker.receive(reply(a2)), Some(1));
    assert_eq!(tracker.status(1), Status::Done);
    assert_eq!(tracker.progress(), Some((1, 3)));
    tracker.forget(2); // removed while waiting
    assert_eq!(tracker.receive(reply(b)), None);
    assert_eq!(tracker.progress(), Some((1, 2)));
    assert_eq!(tracker.receive(Reply { id: Some(c), analysis: None, error: Some("x".into()) }), Some(3));
    assert_eq!(tracker.status(3), Status::Failed);
    assert_eq!(tracker.progress(), None, "the batch ended");
    assert_eq!(tracker.receive(reply(9999)), None);
    assert_eq!(tracker.receive(Reply { id: None, analysis: None, error: None }), None);
    assert!(tracker.analysis(1).is_some() && tracker.analysis(2).is_none());
}

#[wasm_bindgen_test]
fn a_crashed_or_cancelled_document_ends_its_part_of_the_batch_and_a_new_request_clears_it() {
    let mut tracker = Tracker::new();
    let (a, _, _) = (tracker.request(1), tracker.request(2), tracker.request(3));
    assert_eq!(tracker.waiting_request(1), Some(a));
    tracker.fail(1, "panic: boom");
    assert_eq!((tracker.status(1), tracker.failure(1)), (Status::Failed, Some("panic: boom")));
    assert_eq!(tracker.receive(reply(a)), None, "a reply after the crash is stale");
    tracker.cancel(2);
    assert_eq!(tracker.status(2), Status::Cancelled);
    assert_eq!(Status::Cancelled.as_str(), "cancelled");
    assert_eq!(tracker.progress(), Some((2, 3)));
    let c = tracker.waiting_request(3).unwrap();
    assert_eq!(tracker.receive(reply(c)), Some(3));
    assert_eq!(tracker.progress(), None, "the batch ended");
    // Retry: a new request, waiting again.
    let again = tracker.request(1);
    assert_eq!((tracker.status(1), tracker.failure(1), tracker.progress()), (Status::Waiting, None, Some((0, 1))));
    assert_eq!(tracker.receive(reply(again)), Some(1));
    // Held back from an earlier visit: failed without ever waiting, no batch.
    tracker.fail(4, "out of memory");
    assert_eq!((tracker.status(4), tracker.progress()), (Status::Failed, None));
}

#[wasm_bindgen_test]
fn the_worker_messages_for_crashes_faults_and_linking_read_back() {
    use crate::worker_protocol::{Crash, Fault, LinkRequest};
    let crash = Crash { crash: "panicked at x.rs:1:1: boom".to_owned() }.to_message();
    assert_eq!(FromWorker::parse(&crash), Ok(FromWorker::Crash("panicked at x.rs:1:1: boom".to_owned())));
    assert_eq!(Fault::from_name("panic"), Some(Fault::Panic));
    assert_eq!(Fault::from_name("hang"), Some(Fault::Hang));
    assert_eq!(Fault::from_name("anything else"), None);
    // A request without a fault says nothing of it (the worker of an older page reads it).
    let plain = Request { id: 1, name: "a".to_owned(), text: "b".to_owned(), fault: None }.to_message();
    assert!(!plain.contains("fault"));

    let analyzer = Analyzer::new();
    let texts = ["قال المهندس سامر الخطيب إن الأسعار سترتفع.", "وأضاف الخطيب أن الشركة ستفتح فرعا."];
    let analyses: Vec<_> = texts.iter().map(|t| analyzer.analyze(t)).collect();
    let request = LinkRequest { link: 5, docs: analyses.iter().map(kashif_core::link::linked_mentions).collect() };
    let FromWorker::Linked(linked) = FromWorker::parse(&Service::new().handle(&request.to_message())).unwrap() else {
        panic!("not a linking answer")
    };
    assert_eq!(linked.linked, 5);
    let mut expected = analyses.clone();
    kashif_core::link::link_corpus(&mut expected);
    let mut relinked = analyses;
    for (analysis, relinks) in relinked.iter_mut().zip(&linked.relinks) {
        kashif_core::link::apply_relinks(analysis, relinks);
    }
    assert_eq!(relinked, expected);
}

#[wasm_bindgen_test]
async fn the_store_saves_documents_selection_and_settings() {
    store::clear().await.unwrap();
    let doc = |id, name: &str, text: &str, source| Document {
        id,
        name: name.to_owned(),
        text: text.into(),
        source,
        byline: Default::default(),
    };
    store::put_document(&doc(4, "نص ملصق", SUMMIT, Source::Pasted)).await.unwrap();
    store::put_document(&doc(9, "b.txt", IDLIB, Source::File)).await.unwrap();
    store::put_document(&doc(12, "c.txt", "نص", Source::File)).await.unwrap();
    store::delete_document(12).await.unwrap();
    store::put_selected(Some(9)).await.unwrap();
    store::put_setting("theme", "dark").await.unwrap();
    let saved = store::load_all().await.unwrap();
    let docs: Vec<(u64, &str, Source)> = saved.documents.iter().map(|d| (d.id, d.name.as_str(), d.source)).collect();
    assert_eq!(docs, [(4, "نص ملصق", Source::Pasted), (9, "b.txt", Source::File)]);
    assert_eq!(saved.documents[0].text, SUMMIT);
    assert_eq!(saved.selected, Some(9));
    assert_eq!(saved.settings.get("theme").map(String::as_str), Some("dark"));

    store::clear().await.unwrap();
    let saved = store::load_all().await.unwrap();
    assert!(saved.documents.is_empty() && saved.selected.is_none());
    assert_eq!(saved.settings.get("theme").map(String::as_str), Some("dark"), "settings outlive clear");
}

#[wasm_bindgen_test]
async fn corrections_are_saved_read_back_and_cleared_with_their_documents() {
    store::clear().await.unwrap();
    let mut book = CorrectionBook::default();
    let remove = Correction::Remove { start: 0, end: 4, text: "قصفت".into() };
    book.add(7, remove.clone());
    book.add(7, Correction::Merge { from: "per:a".into(), into: "per:b".into(), into_name: "ب".into(), from_name: "أ".into() });
    assert!(book.add_name(UserName { text: " جبل الزاوية ".into(), label: Label::Loc }));
    assert!(!book.add_name(UserName { text: "  ".into(), label: Label::Loc }), "a blank name is refused");
    store::put_corrections("doc:7", Some(serde_json::to_string(book.of(7)).unwrap())).await.unwrap();
    store::put_corrections("merges", Some(serde_json::to_string(book.merges()).unwrap())).await.unwrap();
    store::put_corrections("lexicon", Some(book.lexicon.to_json())).await.unwrap();
    store::put_corrections("doc:8", Some("not json".into())).await.unwrap();

    let saved = store::load_all().await.unwrap();
    let (read, unreadable) = CorrectionBook::from_saved(&saved.corrections);
    assert_eq!(unreadable, ["doc:8"]);
    assert_eq!(read.of(7), [remove]);
    assert_eq!(read.merges(), book.merges());
    assert_eq!(read.lexicon.names[0].text, "جبل الزاوية");
    assert_eq!(read.fixes_for(7).len(), 2);
    assert_eq!(read.fixes_for(9).len(), 1, "merges apply to every document");

    store::clear().await.unwrap();
    let saved = store::load_all().await.unwrap();
    let keys: Vec<&str> = saved.corrections.keys().map(String::as_str).collect();
    assert_eq!(keys, ["lexicon", "merges"], "a document's corrections go with it; names and merges stay");
    store::put_corrections("lexicon", None).await.unwrap();
    store::put_corrections("merges", None).await.unwrap();
}

#[wasm_bindgen_test]
fn interface_texts_come_in_both_languages_with_their_holes_filled() {
    assert_eq!(fill(text(Lang::Ar, Msg::MentionsHereMany), &[&3]), "3 إشارات في هذا المستند");
    assert_eq!(fill(text(Lang::En, Msg::Spread), &[&12, &20]), "from 12 to 20");
    assert_eq!(fill("{} and {}", &[&1]), "1 and ", "a hole left over stays empty");
    // A name is isolated (FSI … PDI) so that its direction does not reorder the sentence.
    assert_eq!(Message::new(Msg::RemoveNamed, &["a.txt"]).render(Lang::En), "Remove “\u{2068}a.txt\u{2069}”");
    assert_eq!(Message::new(Msg::RemoveNamed, &["a.txt"]).render(Lang::Ar), "حذف «\u{2068}a.txt\u{2069}»");
    for lang in [Lang::Ar, Lang::En] {
        assert_eq!(Lang::from_code(Some(lang.code())), lang);
        assert_ne!(lang.other(), lang);
    }
    assert_eq!((Lang::from_code(None), Lang::from_code(Some("fr"))), (Lang::Ar, Lang::Ar));
    assert_eq!((Lang::Ar.dir(), Lang::En.dir()), ("rtl", "ltr"));
}

#[wasm_bindgen_test]
async fn the_language_switch_relabels_the_page_but_not_the_text() {
    let root = mounted_app();
    let html = web_sys::window().unwrap().document().unwrap().document_element().unwrap();
    let privacy = || find(&root, "[data-testid=privacy]").unwrap().text_content().unwrap();
    type_text(&root, SUMMIT);
    assert!(until(|| find(&root, "[data-testid=analyzed-text] mark").is_some()).await, "no <mark> after typing");
    let switch: HtmlElement = find(&root, "[data-testid=lang-switch]").unwrap().unchecked_into();
    assert_eq!(switch.text_content().unwrap(), "English");
    switch.click();
    assert!(until(|| privacy().contains("nothing is sent")).await, "still: {}", privacy());
    assert_eq!((html.get_attribute("lang"), html.get_attribute("dir")), (Some("en".into()), Some("ltr".into())));
    assert_eq!(find(&root, "[data-testid=tab-entities]").unwrap().text_content().unwrap(), "Entities");
    assert!(root.text_content().unwrap().contains("Person"), "the legend names the labels in English");
    // The article keeps its direction, and its analysis (no new request needed).
    let article = find(&root, "[data-testid=analyzed-text]").unwrap();
    assert_eq!(article.get_attribute("dir").as_deref(), Some("rtl"));
    assert!(find(&article, "mark[data-label=PER]").is_some());
    assert_eq!(find(&root, "[data-testid=input-text]").unwrap().get_attribute("dir").as_deref(), Some("rtl"));
    switch.click();
    assert!(until(|| privacy().contains("لا يُرسَل شيء")).await, "still: {}", privacy());
    assert_eq!(html.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(switch.text_content().unwrap(), "English");
}

#[wasm_bindgen_test]
async fn empty_page_shows_a_hint_and_the_legend() {
    let root = mounted_app();
    assert!(until(|| find(&root, "[data-testid=hint]").is_some()).await, "no hint on the empty page");
    assert!(find(&root, "[data-testid=error]").is_none());
    let legend = find_all(&root, "[data-testid=legend] li");
    let tags: Vec<String> = legend.iter().map(|li| li.get_attribute("data-label").unwrap()).collect();
    assert_eq!(tags, ["PER", "ORG", "LOC", "MISC", "DATE", "NUM"]);
    let text = root.text_content().unwrap();
    for label in Label::ALL {
        assert!(text.contains(label.arabic_name()), "legend lacks {}", label.arabic_name());
    }
    assert!(text.contains("لا يُرسَل شيء إلى أي خادم"));
}

/// A table of `rows` numbered rows, mounted alone; the numbers' filter is `only_even`.
fn mounted_table(rows: usize, only_even: leptos::prelude::RwSignal<bool>) -> HtmlElement {
    use crate::tables::DataTable;
    use leptos::prelude::*;
    let document = web_sys::window().unwrap().document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), move || {
        let shown = Memo::new(move |_| (0..rows).filter(|n| !only_even.get() || n % 2 == 0).collect::<Vec<usize>>());
        let docs = Memo::new(|_| Vec::<(DocId, String)>::new());
        view! {
            <DataTable
                title_id="test-table-title"
                title=Msg::EntitiesTitle
                testid="test-table"
                has_documents=true
                docs
                rows=shown
                headers=|| view! { <th>"n"</th> }
                row=|n: usize, _: &[(DocId, String)]| view! { <tr data-testid="test-row"><td>{n}</td></tr> }
            >
                <span>"tools"</span>
            </DataTable>
        }
    })
    .forget();
    container
}

fn click(root: &Element, selector: &str) {
    find(root, selector).unwrap().unchecked_into::<HtmlElement>().click();
}

#[wasm_bindgen_test]
async fn a_long_table_renders_a_chunk_at_a_time_and_a_new_filter_starts_over() {
    let only_even = leptos::prelude::RwSignal::new(false);
    let root = mounted_table(450, only_even);
    let rows = || find_all(&root, "[data-testid=test-row]").len();
    assert!(until(|| rows() == 200).await, "first chunk: {} rows", rows());
    let more = || find(&root, "[data-testid=more-rows]").and_then(|b| b.text_content()).unwrap_or_default();
    assert_eq!(more(), "اعرض 200 صفًا آخر (من أصل 450)");
    click(&root, "[data-testid=more-rows]");
    assert!(until(|| rows() == 400).await, "second chunk: {} rows", rows());
    assert_eq!(more(), "اعرض 50 صفًا آخر (من أصل 450)");
    click(&root, "[data-testid=more-rows]");
    assert!(until(|| rows() == 450).await, "last chunk: {} rows", rows());
    assert!(find(&root, "[data-testid=more-rows]").is_none(), "a button with nothing more to show");
    leptos::prelude::Set::set(&only_even, true);
    assert!(until(|| rows() == 200).await, "after a new filter: {} rows", rows());
    assert_eq!(more(), "اعرض 25 صفًا آخر (من أصل 225)");
}

#[wasm_bindgen_test]
async fn typing_text_marks_the_mentions() {
    let root = mounted_app();
    type_text(&root, &format!("{SUMMIT}.\n{IDLIB}."));
    assert!(until(|| find(&root, "[data-testid=analyzed-text] mark").is_some()).await, "no <mark> after typing");

    let marks = find_all(&root, "[data-testid=analyzed-text] mark");
    let found: Vec<(String, String)> =
        marks.iter().map(|m| (m.get_attribute("data-label").unwrap(), m.text_content().unwrap())).collect();
    assert!(found.contains(&("PER".into(), "فلاديمير بوتين".into())), "{found:?}");
    assert!(found.contains(&("PER".into(), "رجب طيب أردوغان".into())), "{found:?}");
    assert!(found.contains(&("LOC".into(), "موسكو".into())), "{found:?}");
    for mark in &marks {
        assert!(mark.get_attribute("data-entity").is_some_and(|id| !id.is_empty()));
        assert!(mark.get_attribute("title").is_some_and(|title| !title.is_empty()));
    }

    // The text is shown whole and unchanged.
    let shown = find(&root, "[data-testid=analyzed-text]").unwrap();
    assert_eq!(shown.text_content().unwrap(), format!("{SUMMIT}.\n{IDLIB}."));
    assert_eq!(shown.get_attribute("dir").as_deref(), Some("rtl"));

    // The pasted document is listed and current; the entity list has Putin once.
    let docs = find_all(&root, "[data-testid=doc-item]");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].text_content().unwrap(), "نص ملصق");
    assert_eq!(docs[0].get_attribute("aria-current").as_deref(), Some("true"));
    let putin = find_all(&root, "[data-testid=entity-item]")
        .into_iter()
        .filter(|item| item.text_content().unwrap().contains("فلاديمير بوتين"))
        .count();
    assert_eq!(putin, 1);

    // Clearing the box brings the hint back.
    type_text(&root, "");
    assert!(until(|| find(&root, "[data-testid=hint]").is_some()).await);
    assert!(find_all(&root, "[data-testid=doc-item]").is_empty());
}

#[wasm_bindgen_test]
async fn html_and_bidi_controls_are_shown_as_text() {
    let root = mounted_app();
    let text = "<img src=x onerror=alert(1)><b>عريض</b> \u{202E}موسكو\u{202C} &amp;";
    type_text(&root, text);
    assert!(until(|| find(&root, "[data-testid=analyzed-text]").is_some()).await);
    let shown = find(&root, "[data-testid=analyzed-text]").unwrap();
    assert!(find(&shown, "img").is_none() && find(&shown, "b").is_none(), "markup was injected");
    let visible = shown.text_content().unwrap();
    assert!(visible.contains("<img src=x onerror=alert(1)><b>عريض</b>"));
    assert!(visible.contains("&amp;"));
    assert!(!visible.contains('\u{202E}') && !visible.contains('\u{202C}'), "raw bidi controls reached the page");
    let controls: Vec<String> = find_all(&shown, ".bidi-control").iter().map(|c| c.text_content().unwrap()).collect();
    assert_eq!(controls, ["RLO", "PDF"]);
}

#[wasm_bindgen_test]
async fn documents_can_be_removed_one_by_one_or_all_at_once() {
    let root = mounted_app();
    type_text(&root, SUMMIT);
    assert!(until(|| find(&root, "[data-testid=doc-item][data-state=done]").is_some()).await, "not analyzed");
    assert!(find(&root, "[data-testid=analyzed-text] mark").is_some());

    // Removing the pasted document empties the box too.
    let remove: HtmlElement = find(&root, "[data-testid=doc-remove]").unwrap().unchecked_into();
    remove.click();
    assert!(until(|| find_all(&root, "[data-testid=doc-item]").is_empty()).await);
    let textarea: HtmlTextAreaElement = find(&root, "[data-testid=input-text]").unwrap().unchecked_into();
    assert_eq!(textarea.value(), "");
    assert!(find(&root, "[data-testid=hint]").is_some());

    type_text(&root, IDLIB);
    assert!(until(|| find(&root, "[data-testid=clear-all]").is_some()).await);
    let clear: HtmlElement = find(&root, "[data-testid=clear-all]").unwrap().unchecked_into();
    clear.click();
    assert!(until(|| find_all(&root, "[data-testid=doc-item]").is_empty()).await);
    assert!(find(&root, "[data-testid=progress]").is_none());
}

// Undoing a deletion: documents and corrections go back as they were.
fn doc_ids(library: &Library) -> Vec<DocId> {
    library.docs().iter().map(|doc| doc.id).collect()
}

fn removal_at(start: usize) -> Correction {
    Correction::Remove { start, end: start + 1, text: "أ".into() }
}

#[wasm_bindgen_test]
fn taking_everything_and_putting_it_back_restores_ids_order_and_corrections() {
    let mut library = Library::new();
    let a = library.add_file("a.txt", "أ".into());
    let pasted = library.set_pasted("نص").unwrap();
    let b = library.add_file("b.txt", "ب".into());
    let before = library.clone();
    let mut book = CorrectionBook::default();
    book.add(a, removal_at(0));
    book.add(b, removal_at(3));
    let fixes_before = (book.fixes_for(a), book.fixes_for(b));

    let taken = library.take_all();
    let corrections = book.take_docs();
    assert!(library.docs().is_empty() && book.fixes_for(a).is_empty());
    assert_eq!(library.put_back(taken), vec![pasted, a, b], "pasted first, then the files");
    for (doc, list) in corrections {
        book.put_back(doc, list);
    }
    assert_eq!(library, before);
    assert_eq!((book.fixes_for(a), book.fixes_for(b)), fixes_before);
    let c = library.add_file("c.txt", "ج".into());
    assert!(![a, b, pasted].contains(&c), "a new id is not one of the others");
}

#[wasm_bindgen_test]
fn one_document_goes_back_to_its_place_and_a_second_paste_is_left_out() {
    let mut library = Library::new();
    let pasted = library.set_pasted("نص").unwrap();
    let a = library.add_file("a.txt", "أ".into());
    let b = library.add_file("b.txt", "ب".into());
    let taken = library.take(a).unwrap();
    assert_eq!(taken.0, 1);
    assert_eq!(library.put_back(vec![taken]), vec![a]);
    assert_eq!(doc_ids(&library), vec![pasted, a, b]);

    let old_paste = library.take(pasted).unwrap();
    let new_paste = library.set_pasted("نص آخر").unwrap();
    assert_eq!(library.put_back(vec![old_paste]), Vec::<DocId>::new());
    assert_eq!(doc_ids(&library), vec![new_paste, a, b]);
}

#[wasm_bindgen_test]
fn the_bar_names_one_document_or_counts_all() {
    let mut library = Library::new();
    let pasted = library.set_pasted("نص").unwrap();
    let one = Removed { docs: vec![library.take(pasted).unwrap()], corrections: Vec::new(), selected: None, all: false };
    assert_eq!(one.label(Lang::Ar), "حُذف «\u{2068}نص ملصق\u{2069}»");
    assert_eq!(one.label(Lang::En), "Deleted “\u{2068}Pasted text\u{2069}”");
    library.add_file("a.txt", "أ".into());
    let all = Removed { docs: library.take_all(), corrections: Vec::new(), selected: None, all: true };
    assert_eq!(all.label(Lang::Ar), "حُذفت المستندات كلها (1)");
    assert_eq!(all.label(Lang::En), "Deleted all documents (1)");
}

#[wasm_bindgen_test]
fn a_document_item_shows_the_outlet_and_date_and_the_headline_when_the_name_is_another() {
    use kashif_core::ingest::Byline;
    use crate::workspace::DocItem;
    let byline = Byline { outlet: Some("رويترز".into()), date: Some("2020-02-28".into()), headline: Some("خبر".into()) };
    let item = DocItem::new(1, "خبر".into(), Some(&byline));
    assert_eq!(item.detail.as_deref(), Some("رويترز · \u{2066}2020-02-28\u{2069}"));
    assert_eq!(item.headline, None, "the name already says it");
    assert_eq!(DocItem::new(2, "a.txt".into(), Some(&byline)).headline.as_deref(), Some("خبر"));
    assert_eq!(DocItem::new(3, "b.txt".into(), None).detail, None);
}

#[wasm_bindgen_test]
fn document_columns_are_headed_by_their_outlet_and_told_apart_by_name() {
    use kashif_core::ingest::Byline;
    use crate::workspace::{column_labels, CorpusEntry};
    use std::sync::Arc;
    let entry = |id, name: &str, outlet: Option<&str>, date: Option<&str>| CorpusEntry {
        id,
        name: name.into(),
        pasted: false,
        text: Arc::from(""),
        analysis: Default::default(),
        byline: Byline { outlet: outlet.map(Into::into), date: date.map(Into::into), headline: Some("عنوان".into()) },
    };
    let entries = [
        entry(1, "a.txt", Some("رويترز"), None),
        entry(2, "b.txt", Some("رويترز"), None),
        entry(3, "c.txt", None, None),
        entry(4, "d.txt", Some("الأناضول"), Some("2020-02-28")),
    ];
    assert_eq!(
        column_labels(&entries, Lang::Ar),
        ["رويترز · a.txt", "رويترز · b.txt", "c.txt", "الأناضول · \u{2066}2020-02-28\u{2069}"]
    );
    assert_eq!(entries[2].full_label(Lang::Ar), "c.txt\nعنوان");
}

#[wasm_bindgen_test]
fn arrow_keys_step_through_the_marks_in_reading_order() {
    use crate::spans::MarkStep;
    assert_eq!(MarkStep::of_key("ArrowLeft"), Some(MarkStep::Next));
    assert_eq!(MarkStep::of_key("ArrowDown"), Some(MarkStep::Next));
    assert_eq!(MarkStep::of_key("ArrowRight"), Some(MarkStep::Previous));
    assert_eq!(MarkStep::of_key("ArrowUp"), Some(MarkStep::Previous));
    assert_eq!(MarkStep::of_key("Tab"), None);
    assert_eq!(MarkStep::Next.from(2, 5), 3);
    assert_eq!(MarkStep::Next.from(4, 5), 4, "it stops at the last");
    assert_eq!(MarkStep::Previous.from(0, 5), 0);
    assert_eq!(MarkStep::First.from(3, 5), 0);
    assert_eq!(MarkStep::Last.from(1, 5), 4);
    assert_eq!(MarkStep::Last.from(0, 0), 0);
}

#[wasm_bindgen_test]
fn a_workspace_file_goes_out_and_comes_back_whole() {
    use crate::workspace_file::{FileDocument, OpenError, WorkspaceFile};
    let file = WorkspaceFile {
        kashif_workspace: 1,
        documents: vec![
            FileDocument { name: PASTED_NAME.into(), text: SUMMIT.into(), source: Source::Pasted, corrections: vec![removal_at(0)], byline: Default::default() },
            FileDocument { name: "b.txt".into(), text: IDLIB.into(), source: Source::File, corrections: Vec::new(), byline: Default::default() },
        ],
        merges: vec![Correction::Merge { from: "per:a".into(), into: "per:b".into(), into_name: "ب".into(), from_name: "أ".into() }],
        names: vec![UserName { text: "ريف إدلب".into(), label: Label::Loc }],
        descriptors: "البغاة\tpejorative\n".into(),
    };
    assert_eq!(WorkspaceFile::from_json(&file.to_json()), Ok(file.clone()));
    let with_bom = format!("\u{FEFF}{}", file.to_json());
    assert_eq!(WorkspaceFile::from_json(&with_bom), Ok(file));
    assert_eq!(WorkspaceFile::from_json("[1, 2]"), Err(OpenError::Foreign));
    assert_eq!(WorkspaceFile::from_json(r#"{"kashif_workspace": "1"}"#), Err(OpenError::Foreign));
    assert!(matches!(WorkspaceFile::from_json(r#"{"kashif_workspace": 1}"#), Err(OpenError::Damaged(_))));
    let blank = r#"{"kashif_workspace": 1, "documents": [{"name": "x", "text": "  "}]}"#;
    assert!(WorkspaceFile::from_json(blank).unwrap().is_empty(), "a blank document is left out");
}

#[wasm_bindgen_test]
fn undo_and_redo_walk_one_history() {
    use crate::undo::{Change, History};
    let mut history = History::default();
    let doc = |n: usize| Change::Doc { doc: 0, before: vec![removal_at(0); n], after: vec![removal_at(0); n + 1] };
    let first = history.record(doc(0));
    let second = history.record(doc(1));
    assert!(history.is_latest(second));
    let undone = history.pop_undo().unwrap();
    assert_eq!(undone.serial, second);
    history.push_redo(undone);
    let redone = history.pop_redo().unwrap();
    history.push_undo(redone.change);
    assert!(history.take_undo(first).is_some(), "a deletion can be taken out of turn");
    assert!(history.take_undo(first).is_none());
    history.record(doc(5));
    history.push_redo(history.clone().pop_undo().unwrap());
    history.record(doc(6));
    assert!(history.pop_redo().is_none(), "a new change ends the redo");
}

#[wasm_bindgen_test]
fn the_names_file_carries_the_merges_and_brings_them_back() {
    use kashif_core::corrections::UserLexicon;
    use crate::corrections::{merges_of_names_file, names_file};
    let lexicon = UserLexicon { names: vec![UserName { text: "جبل شحشبو".into(), label: kashif_core::Label::Loc }] };
    let merge = Correction::Merge { from: "gn:1".into(), into: "per:b".into(), into_name: "ب".into(), from_name: "أ".into() };
    let file = names_file(&lexicon, std::slice::from_ref(&merge));
    assert_eq!(UserLexicon::from_json(&file).unwrap().names, lexicon.names, "still a user lexicon");
    assert_eq!(merges_of_names_file(&file), [merge]);
    assert!(merges_of_names_file(&lexicon.to_json()).is_empty(), "an older file has none");
    assert!(merges_of_names_file("not json").is_empty());
    assert!(!names_file(&lexicon, &[]).contains("merges"));
}

// Two tabs: ids that do not collide, and what another tab saved put in without a clash.
#[wasm_bindgen_test]
fn new_ids_are_random_below_2_53_and_old_small_ids_still_load() {
    let mut library = Library::new();
    let ids: Vec<DocId> = (0..200).map(|i| library.add_file(&format!("{i}.txt"), "نص".into())).collect();
    assert!(ids.iter().all(|&id| id > 0 && id < 1 << 53));
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    assert!(ids.iter().any(|&id| id > u64::from(u32::MAX)), "ids go past 32 bits");

    let doc = |id, name: &str, source| Document { id, name: name.into(), text: "خبر أول\nثم".into(), source, byline: Default::default() };
    let mut restored = Library::new();
    restored.restore(vec![doc(0, PASTED_NAME, Source::Pasted), doc(1, PASTED_NAME, Source::Pasted), doc(2, "a.txt", Source::File)]);
    assert_eq!(doc_ids(&restored), vec![0, 1, 2], "a second pasted text (another tab's) is kept");
    assert_eq!(restored.pasted(), Some(0));
    assert_eq!(restored.get(1).unwrap().name, "خبر أول");

    // Another tab's document: put in, replaced, and unchanged when it is the same.
    assert!(restored.upsert(doc(9, "b.txt", Source::File)));
    assert!(!restored.upsert(doc(9, "b.txt", Source::File)));
    assert!(restored.upsert(Document { text: "نص جديد".into(), ..doc(9, "b.txt", Source::File) }));
    assert_eq!(&*restored.get(9).unwrap().text, "نص جديد");
    assert_eq!(doc_ids(&restored), vec![0, 1, 2, 9]);
}

#[wasm_bindgen_test]
fn announcements_of_other_tabs_are_read_back() {
    use store::Change;
    assert_eq!(Change::parse("doc:9007199254740991"), Some(Change::Document((1 << 53) - 1)));
    assert_eq!(Change::parse("corrections:doc:7"), Some(Change::Corrections("doc:7".into())));
    assert_eq!(Change::parse("setting:theme"), Some(Change::Setting("theme".into())));
    assert_eq!(Change::parse("cleared"), Some(Change::Cleared));
    assert_eq!(Change::parse("doc:x"), None);
    assert_eq!(Change::parse("other"), None);

    let mut book = CorrectionBook::default();
    let remove = Correction::Remove { start: 0, end: 1, text: "أ".into() };
    book.load("doc:7", Some(&serde_json::to_string(std::slice::from_ref(&remove)).unwrap())).unwrap();
    assert_eq!(book.of(7), [remove]);
    book.load("doc:7", None).unwrap();
    assert!(book.of(7).is_empty());
    assert!(book.load("merges", Some("not json")).is_err());
}

/// Numbers in a table's name column sort by value, in either digit set.
#[wasm_bindgen_test]
fn names_sort_with_their_numbers_by_value() {
    use crate::tables::natural_order;
    let mut names = vec!["427", "35", "343", "٣٥٠", "ريف حلب", "2024-03-10", "2024-03-9", "42"];
    names.sort_by(|a, b| natural_order(a, b));
    assert_eq!(names, ["35", "42", "343", "٣٥٠", "427", "2024-03-9", "2024-03-10", "ريف حلب"]);
    assert_eq!(natural_order("07", "7"), std::cmp::Ordering::Less);
}

//! The messages between the page and the analysis worker, and the worker's side of them.
//!
//! Both binaries use this module: the page (`kashif-web`) encodes [`Request`]s and decodes
//! [`Reply`]s; the worker (`kashif-worker`) runs a [`Service`], which owns the one
//! [`Analyzer`] and turns each request into a reply. Nothing here uses Leptos or the DOM, so the
//! worker's wasm holds the analyzer and no page code, and the page's wasm holds no analyzer.
//!
//! Every message is a JSON string. Serializing an [`Analysis`] with `serde_json` in the worker
//! and parsing it with `serde_json` in the page costs one string copy through `postMessage`;
//! `serde-wasm-bindgen` would instead build a JS object per mention field (thousands of calls
//! across the wasm boundary per document), then structured-clone that object graph, then walk
//! it again call by call on the page: slower for the batches of hundreds of documents the page
//! sends, and one more dependency in each wasm. Measured in headless Chromium (release build,
//! `structuredClone` standing in for `postMessage`) on 500 replies of 40 to 79 sentences
//! (88,650 mentions): JSON 410 ms in all (110 to serialize, 215 to parse), serde-wasm-bindgen
//! 1,485 ms (500 and 695).

use serde::{Deserialize, Serialize};

use kashif_core::link::Relink;
use kashif_core::{Analysis, Analyzer, Mention};

/// The message the worker posts once it is listening; the page queues requests until then.
pub const READY: &str = r#"{"ready":true}"#;

/// One document to analyze.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// Chosen by the page; the reply carries it back. A newer request for the same document
    /// makes the replies to older ones stale.
    pub id: u32,
    /// The document's name (for messages only).
    pub name: String,
    /// The full text.
    pub text: String,
    /// A fault to provoke instead of analyzing (the end-to-end tests of a worker crash; the page
    /// sets it only when a test put `kashifTestFaults` on its global object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<Fault>,
}

/// A fault a test asks the worker for (see [`Request::fault`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fault {
    /// Panic (with `panic = "abort"`, the worker's wasm traps).
    Panic,
    /// Fail an allocation, as running out of memory does (aborts without a panic message).
    Oom,
    /// Never answer (busy forever), like a very long analysis.
    Hang,
}

impl Fault {
    /// The fault named `name` (`panic`, `oom`, `hang`).
    pub fn from_name(name: &str) -> Option<Fault> {
        serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
    }

    /// Provokes the fault.
    fn provoke(self) -> ! {
        match self {
            Fault::Panic => panic!("test fault: a panic was asked for"),
            Fault::Oom => std::alloc::handle_alloc_error(std::alloc::Layout::new::<[u8; 1 << 30]>()),
            Fault::Hang => loop {
                std::hint::spin_loop();
            },
        }
    }
}

/// What the worker posts from its panic hook, just before its wasm traps: the page then names
/// the panic in the failed document's message. A message of this form starts with
/// [`CRASH_PREFIX`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crash {
    /// The panic's message and place.
    pub crash: String,
}

/// How a [`Crash`] message starts (replies start with `{"id"`).
pub const CRASH_PREFIX: &str = r#"{"crash""#;

impl Crash {
    /// The JSON string posted to the page.
    pub fn to_message(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// What the worker answers to one [`Request`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// The id of the request; `None` when the request could not even be read.
    pub id: Option<u32>,
    /// The analysis of the text, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysis: Option<Analysis>,
    /// Why there is no analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The documents to link across (see [`corpus_relinks`](kashif_core::link::corpus_relinks)): sent to
/// the page's second worker, so linking, which grows with the whole corpus, leaves the page's
/// thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkRequest {
    /// Chosen by the page; the answer carries it back.
    pub link: u32,
    /// The [`linked_mentions`](kashif_core::link::linked_mentions) of each document, in list order.
    pub docs: Vec<Vec<Mention>>,
}

/// The answer to a [`LinkRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Linked {
    /// The id of the request.
    pub linked: u32,
    /// What linking changes in each document, in the request's order.
    pub relinks: Vec<Vec<Relink>>,
}

/// How a [`LinkRequest`] message starts.
const LINK_PREFIX: &str = r#"{"link""#;
/// How a [`Linked`] message starts.
const LINKED_PREFIX: &str = r#"{"linked""#;

impl LinkRequest {
    /// The JSON string posted to the worker.
    pub fn to_message(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A message from the worker, as the page reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum FromWorker {
    /// The worker is listening.
    Ready,
    /// The answer to one request.
    Reply(Reply),
    /// The worker panicked (and is about to stop): why.
    Crash(String),
    /// The answer to a [`LinkRequest`].
    Linked(Linked),
}

impl Request {
    /// The JSON string posted to the worker.
    pub fn to_message(&self) -> String {
        // Serializing plain strings and integers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Reply {
    /// The JSON string posted back to the page.
    pub fn to_message(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|error| {
            // Only a non-finite float could fail; say so rather than panic.
            serde_json::json!({ "id": self.id, "error": error.to_string() }).to_string()
        })
    }
}

impl FromWorker {
    /// Reads a message the worker posted; an unreadable one is an error, never a panic.
    pub fn parse(message: &str) -> Result<FromWorker, String> {
        if message == READY {
            return Ok(FromWorker::Ready);
        }
        if message.starts_with(LINKED_PREFIX) {
            return serde_json::from_str(message).map(FromWorker::Linked).map_err(|error| error.to_string());
        }
        if message.starts_with(CRASH_PREFIX) {
            return serde_json::from_str::<Crash>(message)
                .map(|crash| FromWorker::Crash(crash.crash))
                .map_err(|error| error.to_string());
        }
        serde_json::from_str(message).map(FromWorker::Reply).map_err(|error| error.to_string())
    }
}

/// The worker's logic: one analyzer, built at the first document (a worker that only links
/// never builds one), answering every request.
pub struct Service {
    analyzer: std::cell::OnceCell<Analyzer>,
}

impl Default for Service {
    fn default() -> Self {
        Self::new()
    }
}

impl Service {
    /// A service; its analyzer is built (the embedded lexicon and tagger model decoded) at the
    /// first document.
    pub fn new() -> Self {
        Service { analyzer: std::cell::OnceCell::new() }
    }

    /// Builds the analyzer now, if it is not built yet.
    pub fn prepare(&self) {
        self.analyzer.get_or_init(Analyzer::new);
    }

    /// Answers one message: the reply to a [`Request`] or a [`LinkRequest`], or an error reply
    /// for anything else.
    pub fn handle(&self, message: &str) -> String {
        if message.starts_with(LINK_PREFIX) {
            if let Ok(request) = serde_json::from_str::<LinkRequest>(message) {
                let relinks = kashif_core::link::corpus_relinks(request.docs);
                return serde_json::to_string(&Linked { linked: request.link, relinks }).unwrap_or_default();
            }
        }
        let reply = match serde_json::from_str::<Request>(message) {
            Ok(request) => {
                if let Some(fault) = request.fault {
                    fault.provoke();
                }
                Reply { id: Some(request.id), analysis: Some(self.analyzer.get_or_init(Analyzer::new).analyze(&request.text)), error: None }
            }
            Err(error) => Reply { id: None, analysis: None, error: Some(format!("unreadable request: {error}")) },
        };
        reply.to_message()
    }
}

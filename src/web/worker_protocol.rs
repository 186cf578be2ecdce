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

use crate::{Analysis, Analyzer};

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

/// A message from the worker, as the page reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum FromWorker {
    /// The worker is listening.
    Ready,
    /// The answer to one request.
    Reply(Reply),
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
        serde_json::from_str(message).map(FromWorker::Reply).map_err(|error| error.to_string())
    }
}

/// The worker's logic: one analyzer, built once, answering every request.
pub struct Service {
    analyzer: Analyzer,
}

impl Default for Service {
    fn default() -> Self {
        Self::new()
    }
}

impl Service {
    /// Builds the analyzer (decodes the embedded lexicon and tagger model).
    pub fn new() -> Self {
        Service { analyzer: Analyzer::new() }
    }

    /// Answers one message: the reply to a [`Request`], or an error reply for anything else.
    pub fn handle(&self, message: &str) -> String {
        let reply = match serde_json::from_str::<Request>(message) {
            Ok(request) => {
                Reply { id: Some(request.id), analysis: Some(self.analyzer.analyze(&request.text)), error: None }
            }
            Err(error) => Reply { id: None, analysis: None, error: Some(format!("unreadable request: {error}")) },
        };
        reply.to_message()
    }
}

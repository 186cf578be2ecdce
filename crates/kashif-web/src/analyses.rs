//! The page's record of what the worker was asked and what it answered: the analysis of each
//! document, the requests still out, and the progress of the current batch.
//!
//! Replies are matched to the latest request for their document only, so a reply for a removed
//! document, or for a text that has been edited since, is ignored.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::state::DocId;
use super::worker_protocol::Reply;
use kashif_core::Analysis;

/// Where a document stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Sent to the worker, no answer yet.
    Waiting,
    /// Analyzed.
    Done,
    /// The worker answered with an error, crashed on it, or could not run.
    Failed,
    /// The user cancelled its analysis.
    Cancelled,
    /// Never sent (or forgotten).
    Unknown,
}

impl Status {
    /// The value of the document list's `data-state` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Waiting => "waiting",
            Status::Done => "done",
            Status::Failed => "failed",
            Status::Cancelled => "cancelled",
            Status::Unknown => "none",
        }
    }
}

/// Requests out, analyses in, and the batch counter.
#[derive(Debug, Clone, Default)]
pub struct Tracker {
    next_request: u32,
    waiting: HashMap<DocId, u32>,
    done: HashMap<DocId, Arc<Analysis>>,
    failed: HashMap<DocId, String>,
    cancelled: HashSet<DocId>,
    batch_total: usize,
    batch_done: usize,
}

impl Tracker {
    /// Nothing asked, nothing known.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a new request for `doc` and returns its id (never 0, never reused). An older
    /// request for the same document becomes stale, and the document's old analysis is dropped:
    /// its spans belong to the old text.
    pub fn request(&mut self, doc: DocId) -> u32 {
        self.next_request = self.next_request.wrapping_add(1).max(1);
        let id = self.next_request;
        if self.waiting.insert(doc, id).is_none() {
            self.batch_total += 1;
        }
        self.done.remove(&doc);
        self.failed.remove(&doc);
        self.cancelled.remove(&doc);
        id
    }

    /// Marks `doc` failed for `reason` without an answer (the worker crashed on it, or it
    /// failed on an earlier visit); a waiting document counts as answered in the batch.
    pub fn fail(&mut self, doc: DocId, reason: &str) {
        self.settle(doc);
        self.failed.insert(doc, reason.to_owned());
    }

    /// Marks `doc` cancelled (by the user, now or on an earlier visit); a waiting document
    /// counts as answered in the batch.
    pub fn cancel(&mut self, doc: DocId) {
        self.settle(doc);
        self.cancelled.insert(doc);
    }

    /// The request `doc` is waiting for, if any.
    pub fn waiting_request(&self, doc: DocId) -> Option<u32> {
        self.waiting.get(&doc).copied()
    }

    /// Why `doc` failed, when it did.
    pub fn failure(&self, doc: DocId) -> Option<&str> {
        self.failed.get(&doc).map(String::as_str)
    }

    fn settle(&mut self, doc: DocId) {
        if self.waiting.remove(&doc).is_some() {
            self.batch_done += 1;
            self.end_batch_if_done();
        }
        self.done.remove(&doc);
        self.failed.remove(&doc);
        self.cancelled.remove(&doc);
    }

    /// Takes a reply in; returns the document it completes, or `None` when it is stale or
    /// unknown (its document was removed or edited since), which is then ignored.
    pub fn receive(&mut self, reply: Reply) -> Option<DocId> {
        let id = reply.id?;
        let doc = self.waiting.iter().find_map(|(&doc, &request)| (request == id).then_some(doc))?;
        self.waiting.remove(&doc);
        match (reply.analysis, reply.error) {
            (Some(analysis), _) => {
                self.done.insert(doc, Arc::new(analysis));
            }
            (None, error) => {
                self.failed.insert(doc, error.unwrap_or_else(|| "no analysis".to_owned()));
            }
        }
        self.batch_done += 1;
        self.end_batch_if_done();
        Some(doc)
    }

    /// Forgets `doc` (it was removed): a reply still on its way will be ignored.
    pub fn forget(&mut self, doc: DocId) {
        if self.waiting.remove(&doc).is_some() {
            self.batch_total = self.batch_total.saturating_sub(1);
        }
        self.done.remove(&doc);
        self.failed.remove(&doc);
        self.cancelled.remove(&doc);
        self.end_batch_if_done();
    }

    /// Forgets every document.
    pub fn clear(&mut self) {
        self.waiting.clear();
        self.done.clear();
        self.failed.clear();
        self.cancelled.clear();
        self.batch_total = 0;
        self.batch_done = 0;
    }

    /// Marks every waiting document failed (the worker stopped), ending the batch.
    pub fn fail_all(&mut self, reason: &str) {
        for (doc, _) in self.waiting.drain() {
            self.failed.insert(doc, reason.to_owned());
        }
        self.batch_total = 0;
        self.batch_done = 0;
    }

    /// The analysis of `doc`, once the worker sent it.
    pub fn analysis(&self, doc: DocId) -> Option<&Arc<Analysis>> {
        self.done.get(&doc)
    }

    /// Where `doc` stands.
    pub fn status(&self, doc: DocId) -> Status {
        if self.waiting.contains_key(&doc) {
            Status::Waiting
        } else if self.done.contains_key(&doc) {
            Status::Done
        } else if self.failed.contains_key(&doc) {
            Status::Failed
        } else if self.cancelled.contains(&doc) {
            Status::Cancelled
        } else {
            Status::Unknown
        }
    }

    /// `(answered, total)` of the batch under way, or `None` when nothing is waiting. A batch
    /// is every request made since the last time nothing was waiting.
    pub fn progress(&self) -> Option<(usize, usize)> {
        (self.batch_total > 0).then_some((self.batch_done, self.batch_total))
    }

    fn end_batch_if_done(&mut self) {
        if self.waiting.is_empty() {
            self.batch_total = 0;
            self.batch_done = 0;
        }
    }
}

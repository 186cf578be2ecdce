//! Saving in the background: each change is written to the [`store`](super::store) after it
//! is applied in memory; a save that fails is kept and tried again, and the notes say so.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::i18n::{Message, Msg};
use super::notices::Notes;
use super::store::StoreError;

/// One store operation, which can be run again (see [`Saver::run`]).
type Operation = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<(), StoreError>>>>>;

/// How long a failed save waits before it is tried again.
pub const RETRY: Duration = Duration::from_secs(3);

/// Saves in the background when saving is on. A save that fails (the quota is full, the disk
/// refuses) stays in memory and is tried again every [`RETRY`], and one line of the notes says
/// how many changes are not saved yet until they all are; a later save of the same record
/// replaces a waiting one.
#[derive(Clone, Copy)]
pub struct Saver {
    enabled: bool,
    notes: Notes,
    /// The failed saves by record key, with the number of the attempt.
    pending: StoredValue<BTreeMap<String, (u64, Operation)>, LocalStorage>,
    /// The number of the latest attempt, and whether a retry is planned.
    serial: StoredValue<(u64, bool)>,
}

impl std::fmt::Debug for Saver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Saver").field("enabled", &self.enabled).finish_non_exhaustive()
    }
}

impl Saver {
    /// Saves when `enabled`, reporting failures in `notes`.
    pub fn new(enabled: bool, notes: Notes) -> Self {
        Saver { enabled, notes, pending: StoredValue::new_local(BTreeMap::new()), serial: StoredValue::new((0, false)) }
    }

    /// True when the page saves (IndexedDB opened).
    pub fn enabled(self) -> bool {
        self.enabled
    }

    /// How many changes wait to be saved.
    pub fn waiting(self) -> usize {
        self.pending.try_with_value(BTreeMap::len).unwrap_or(0)
    }

    /// Runs one store operation on the record `key` (built lazily: nothing is done when saving
    /// is off), again after [`RETRY`] while it fails.
    pub fn run<F: Future<Output = Result<(), StoreError>> + 'static>(
        self,
        key: String,
        operation: impl Fn() -> F + 'static,
    ) {
        if !self.enabled {
            return;
        }
        let operation: Operation = Rc::new(move || Box::pin(operation()));
        let Some(serial) = self.serial.try_update_value(|(serial, _)| {
            *serial += 1;
            *serial
        }) else {
            return;
        };
        // A waiting save of the same record is replaced (not tried again after this one).
        self.pending.try_update_value(|pending| drop(pending.remove(&key)));
        self.attempt(key, serial, operation);
    }

    fn attempt(self, key: String, serial: u64, operation: Operation) {
        let future = operation();
        spawn_local(async move {
            let result = future.await;
            let newer = |pending: &BTreeMap<String, (u64, Operation)>, key: &str| pending.get(key).is_some_and(|(s, _)| *s > serial);
            match result {
                Ok(()) => {
                    self.pending.try_update_value(|pending| {
                        if !newer(pending, &key) {
                            pending.remove(&key);
                        }
                    });
                    if self.waiting() == 0 {
                        self.notes.remove(Msg::NotSaved);
                    }
                }
                Err(error) => {
                    self.pending.try_update_value(|pending| {
                        if !newer(pending, &key) {
                            pending.insert(key, (serial, operation));
                        }
                    });
                    let count = self.waiting().to_string();
                    self.notes.replace(Message::new(Msg::NotSaved, &[&count, &error.to_string()]));
                    self.plan_retry();
                }
            }
        });
    }

    fn plan_retry(self) {
        if self.serial.try_update_value(|(_, planned)| std::mem::replace(planned, true)) != Some(false) {
            return;
        }
        set_timeout(
            move || {
                self.serial.try_update_value(|(_, planned)| *planned = false);
                let waiting: Vec<(String, u64, Operation)> = self
                    .pending
                    .try_with_value(|pending| pending.iter().map(|(k, (s, o))| (k.clone(), *s, Rc::clone(o))).collect())
                    .unwrap_or_default();
                for (key, serial, operation) in waiting {
                    self.attempt(key, serial, operation);
                }
            },
            RETRY,
        );
    }
}

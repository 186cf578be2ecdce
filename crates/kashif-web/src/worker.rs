//! The analysis worker's entry point: one analyzer, answering the page's messages in a module
//! Web Worker (`src/bin/kashif-worker.rs`; the messages are in [`crate::worker_protocol`]).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::engine::Role;
use crate::worker_protocol::{Crash, Reply, Service, READY};

/// Answers every message the page posts to this worker; posts [`READY`] once it listens, and
/// then, in the analysis worker, builds the analyzer.
pub fn run_worker() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    // A panic aborts (the release profile's `panic = "abort"`) and the wasm traps: before that,
    // the page is told why, so it can name the panic in the failed document's message and start
    // a new worker. (Running out of memory aborts without a panic: the page then only sees the
    // worker's error event.)
    let crashes = scope.clone();
    std::panic::set_hook(Box::new(move |info| {
        console_error_panic_hook::hook(info);
        let _ = crashes.post_message(&JsValue::from_str(&Crash { crash: info.to_string() }.to_message()));
    }));
    let service = std::rc::Rc::new(Service::new());
    let warm = std::rc::Rc::clone(&service);
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let reply = match event.data().as_string() {
            Some(message) => service.handle(&message),
            None => Reply { id: None, analysis: None, error: Some("the message is not a string".to_owned()) }
                .to_message(),
        };
        // Posting a string to the page that created this worker cannot fail.
        let _ = replies.post_message(&JsValue::from_str(&reply));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
    // The analysis worker builds its analyzer now, while the page loads and the user pastes,
    // instead of at the first document (messages that come meanwhile wait their turn).
    if scope.name() == Role::Analysis.name() {
        warm.prepare();
    }
}

//! The page's line to whatever analyzes its documents: the Web Worker built from
//! `src/bin/kashif_worker.rs`, or, for the browser tests, the same
//! [`Service`](super::worker_protocol::Service) run in the page.
//!
//! Either way the page posts [`Request`](super::worker_protocol::Request) messages and gets
//! JSON strings back through its [`Inbox`]; requests posted before the engine said it was ready
//! wait in a queue.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, Event, MessageEvent, Worker, WorkerOptions, WorkerType};

/// Where Trunk puts the worker's loader (`data-loader-shim`), relative to the page.
pub const WORKER_URL: &str = "./kashif-worker_loader.js";

/// What the engine tells the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineEvent {
    /// A message (see [`FromWorker`](super::worker_protocol::FromWorker)).
    Message(String),
    /// The engine stopped or never started, and why.
    Failed(String),
}

/// The page's handler for everything the engine says.
pub type Inbox = Rc<dyn Fn(EngineEvent)>;

/// Posts one message to the engine.
type Post = Box<dyn Fn(&str) -> Result<(), String>>;

/// How to start an engine; [`mount_to`](super::mount_to) takes one.
pub struct Starter(Box<dyn FnOnce(Inbox) -> Result<Engine, String>>);

impl Starter {
    /// The Web Worker at `url` (a module worker).
    pub fn worker(url: &'static str) -> Starter {
        Starter(Box::new(move |inbox| start_worker(url, inbox)))
    }

    /// The analyzer run in the page itself, answering asynchronously (for tests, where there
    /// is no worker file to load).
    pub fn in_page() -> Starter {
        Starter(Box::new(|inbox| {
            let service = Rc::new(super::worker_protocol::Service::new());
            let ready = inbox.clone();
            wasm_bindgen_futures::spawn_local(async move {
                ready(EngineEvent::Message(super::worker_protocol::READY.to_owned()))
            });
            let post = move |message: &str| {
                let (service, inbox, message) = (Rc::clone(&service), inbox.clone(), message.to_owned());
                wasm_bindgen_futures::spawn_local(async move { inbox(EngineEvent::Message(service.handle(&message))) });
                Ok(())
            };
            Ok(Engine { post: Box::new(post), _keep: Box::new(()) })
        }))
    }

    /// Starts the engine; `inbox` gets everything it says from now on.
    pub fn start(self, inbox: Inbox) -> Result<Engine, String> {
        (self.0)(inbox)
    }
}

/// A started engine.
pub struct Engine {
    post: Post,
    /// Whatever must live as long as the engine (the worker's event handlers).
    _keep: Box<dyn std::any::Any>,
}

/// The engine as the page holds it: absent until started, queueing until ready.
#[derive(Default)]
pub struct Link {
    engine: Option<Engine>,
    ready: bool,
    queue: Vec<String>,
}

impl Link {
    /// Holds a started engine.
    pub fn new(engine: Engine) -> Self {
        Link { engine: Some(engine), ready: false, queue: Vec::new() }
    }

    /// True until the engine failed (or when it never started).
    pub fn is_running(&self) -> bool {
        self.engine.is_some()
    }

    /// Posts `message` now, or once the engine is ready. Fails when there is no engine.
    pub fn send(&mut self, message: String) -> Result<(), String> {
        let Some(engine) = &self.engine else { return Err("no analysis worker".to_owned()) };
        if self.ready {
            (engine.post)(&message)
        } else {
            self.queue.push(message);
            Ok(())
        }
    }

    /// The engine said it is ready: posts what waited.
    pub fn set_ready(&mut self) -> Result<(), String> {
        self.ready = true;
        let Some(engine) = &self.engine else { return Ok(()) };
        self.queue.drain(..).try_for_each(|message| (engine.post)(&message))
    }

    /// Drops the engine (it failed); later sends fail.
    pub fn stop(&mut self) {
        self.engine = None;
        self.queue.clear();
    }
}

fn start_worker(url: &str, inbox: Inbox) -> Result<Engine, String> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(url, &options).map_err(|error| describe(&error))?;

    let messages = inbox.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        messages(match event.data().as_string() {
            Some(message) => EngineEvent::Message(message),
            None => EngineEvent::Failed("the worker sent something that is not text".to_owned()),
        })
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));

    let on_error = Closure::<dyn Fn(Event)>::new(move |event: Event| {
        event.prevent_default();
        let reason = event
            .dyn_ref::<ErrorEvent>()
            .map(ErrorEvent::message)
            .filter(|message| !message.is_empty())
            .unwrap_or_else(|| "the worker could not be loaded".to_owned());
        inbox(EngineEvent::Failed(reason))
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

    let poster = worker.clone();
    let post = move |message: &str| poster.post_message(&JsValue::from_str(message)).map_err(|error| describe(&error));
    Ok(Engine { post: Box::new(post), _keep: Box::new((worker, on_message, on_error)) })
}

/// The message of a JS exception, or its string form.
pub fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

//! The page's line to whatever analyzes its documents: the Web Worker built from
//! `src/bin/kashif_worker.rs`, or, for the browser tests, the same
//! [`Service`](super::worker_protocol::Service) run in the page.
//!
//! Either way the page posts [`Request`](super::worker_protocol::Request) messages and gets
//! JSON strings back through its [`Inbox`]. The [`Link`] sends one request at a time and keeps
//! the rest in a queue, so it knows which document an engine that crashed was working on, and
//! can stop an engine (cancel) and start a new one without losing the other documents.

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, Event, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::state::DocId;

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

/// What an engine is started for. A worker reads its role from its name: the analysis worker
/// builds its analyzer as soon as it starts, so that the first text pasted does not wait for it;
/// the linking worker never builds one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Analyzes documents.
    Analysis,
    /// Links the analysed documents' names across documents.
    Linking,
}

impl Role {
    /// The worker's name (`WorkerOptions.name`, read back as `self.name` in the worker).
    pub const fn name(self) -> &'static str {
        match self {
            Role::Analysis => "kashif-analysis",
            Role::Linking => "kashif-linking",
        }
    }
}

/// Posts one message to the engine.
type Post = Box<dyn Fn(&str) -> Result<(), String>>;

/// How to start an engine, as often as needed (a crashed or cancelled worker is replaced by a
/// new one); [`mount_to`](super::mount_to) takes one.
#[derive(Clone)]
pub struct Starter(Rc<dyn Fn(Role, Inbox) -> Result<Engine, String>>);

impl Starter {
    /// The Web Worker at `url` (a module worker).
    pub fn worker(url: &'static str) -> Starter {
        Starter(Rc::new(move |role, inbox| start_worker(url, role, inbox)))
    }

    /// The analyzer run in the page itself, answering asynchronously (for tests, where there
    /// is no worker file to load). Stopping it drops the answers still on their way.
    pub fn in_page() -> Starter {
        Starter(Rc::new(|_role: Role, inbox: Inbox| {
            let service = Rc::new(super::worker_protocol::Service::new());
            let stopped = Rc::new(Cell::new(false));
            let ready = inbox.clone();
            let live = Rc::clone(&stopped);
            wasm_bindgen_futures::spawn_local(async move {
                if !live.get() {
                    ready(EngineEvent::Message(super::worker_protocol::READY.to_owned()))
                }
            });
            let live = Rc::clone(&stopped);
            let post = move |message: &str| {
                let (service, inbox, message) = (Rc::clone(&service), inbox.clone(), message.to_owned());
                let live = Rc::clone(&live);
                wasm_bindgen_futures::spawn_local(async move {
                    if !live.get() {
                        let reply = service.handle(&message);
                        if !live.get() {
                            inbox(EngineEvent::Message(reply))
                        }
                    }
                });
                Ok(())
            };
            Ok(Engine { post: Box::new(post), stop: Box::new(move || stopped.set(true)), _keep: Box::new(()) })
        }))
    }

    /// Starts an engine for `role`; `inbox` gets everything it says from now on.
    pub fn start(&self, role: Role, inbox: Inbox) -> Result<Engine, String> {
        (self.0)(role, inbox)
    }
}

/// A started engine.
pub struct Engine {
    post: Post,
    /// Stops it for good (terminates the worker).
    stop: Box<dyn Fn()>,
    /// Whatever must live as long as the engine (the worker's event handlers).
    _keep: Box<dyn std::any::Any>,
}

/// One document for the engine: sent when the engine is ready and idle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The document.
    pub doc: DocId,
    /// The id of the request (see [`Request::id`](super::worker_protocol::Request::id)).
    pub request: u32,
    /// The document's name, for messages.
    pub name: String,
    /// The request as posted.
    pub message: String,
}

/// The engine as the page holds it: started (and restarted) from its [`Starter`], sent one
/// document at a time, so the page always knows which document the engine is working on: the
/// one that crashed it, or the one to cancel. The others wait in a queue here, and survive a
/// restart.
#[derive(Default)]
pub struct Link {
    starter: Option<(Starter, Role)>,
    engine: Option<Engine>,
    generation: u32,
    ready: bool,
    queue: VecDeque<Job>,
    current: Option<Job>,
}

impl Link {
    /// A link that starts its engines for `role` with `starter` (none started yet: see
    /// [`start`](Self::start)).
    pub fn new(starter: Starter, role: Role) -> Self {
        Link { starter: Some((starter, role)), ..Link::default() }
    }

    /// Starts a new engine, stopping the one running, if any; the document it was working on is
    /// dropped (see [`take_current`](Self::take_current)), those queued go to the new engine once
    /// it is ready. `inbox` gets the new engine's generation, to tell its events from those of
    /// an engine stopped before.
    pub fn start(&mut self, inbox: impl FnOnce(u32) -> Inbox) -> Result<(), String> {
        if let Some(engine) = self.engine.take() {
            (engine.stop)();
        }
        self.generation = self.generation.wrapping_add(1);
        self.ready = false;
        self.current = None;
        let Some((starter, role)) = &self.starter else { return Err("no analysis worker".to_owned()) };
        self.engine = Some(starter.start(*role, inbox(self.generation))?);
        Ok(())
    }

    /// The generation of the engine running (each [`start`](Self::start) makes a new one).
    pub fn generation(&self) -> u32 {
        self.generation
    }

    /// True until the engine failed for good (or when it never started).
    pub fn is_running(&self) -> bool {
        self.engine.is_some()
    }

    /// True once the running engine said it is ready.
    pub fn is_ready(&self) -> bool {
        self.engine.is_some() && self.ready
    }

    /// Queues `job` (replacing a job for the same document still in the queue) and sends it
    /// when the engine is free. Fails when there is no engine.
    pub fn send(&mut self, job: Job) -> Result<(), String> {
        if self.engine.is_none() {
            return Err("no analysis worker".to_owned());
        }
        self.queue.retain(|queued| queued.doc != job.doc);
        self.queue.push_back(job);
        self.pump()
    }

    /// The engine said it is ready: sends the first job waiting.
    pub fn set_ready(&mut self) -> Result<(), String> {
        self.ready = true;
        self.pump()
    }

    /// The engine answered `request` (`None`: a request it could not read): the next job goes.
    pub fn answered(&mut self, request: Option<u32>) -> Result<(), String> {
        if self.current.as_ref().is_some_and(|job| request.is_none_or(|id| id == job.request)) {
            self.current = None;
        }
        self.pump()
    }

    /// The job the engine is working on.
    pub fn current(&self) -> Option<&Job> {
        self.current.as_ref()
    }

    /// Takes the job the engine is working on (it crashed on it, or it is cancelled).
    pub fn take_current(&mut self) -> Option<Job> {
        self.current.take()
    }

    /// Takes `doc`'s job out of the queue (not the one being worked on); true if there was one.
    pub fn unqueue(&mut self, doc: DocId) -> bool {
        let before = self.queue.len();
        self.queue.retain(|job| job.doc != doc);
        self.queue.len() != before
    }

    /// Drops the engine (it failed for good) and every job; later sends fail.
    pub fn stop(&mut self) {
        if let Some(engine) = self.engine.take() {
            (engine.stop)();
        }
        self.queue.clear();
        self.current = None;
    }

    fn pump(&mut self) -> Result<(), String> {
        let Some(engine) = &self.engine else { return Ok(()) };
        if !self.ready || self.current.is_some() {
            return Ok(());
        }
        let Some(job) = self.queue.pop_front() else { return Ok(()) };
        let posted = (engine.post)(&job.message);
        self.current = Some(job);
        posted
    }
}

fn start_worker(url: &str, role: Role, inbox: Inbox) -> Result<Engine, String> {
    let (worker, said) = match take_early_worker(url, role) {
        Some(early) => early,
        None => {
            let options = WorkerOptions::new();
            options.set_type(WorkerType::Module);
            options.set_name(role.name());
            (Worker::new_with_options(url, &options).map_err(|error| describe(&error))?, Vec::new())
        }
    };
    if !said.is_empty() {
        // After the caller has stored the engine: an inbox may ask the link for it.
        let replay = inbox.clone();
        wasm_bindgen_futures::spawn_local(async move {
            for message in said {
                replay(EngineEvent::Message(message));
            }
        });
    }

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
    let stopped = worker.clone();
    let stop = move || {
        stopped.set_onmessage(None);
        stopped.set_onerror(None);
        stopped.terminate();
    };
    Ok(Engine { post: Box::new(post), stop: Box::new(stop), _keep: Box::new((worker, on_message, on_error)) })
}

/// The name under which `www/boot.js` leaves the analysis worker it starts.
const EARLY_WORKER: &str = "kashifEarlyWorker";

/// The analysis worker `www/boot.js` started as soon as the page was parsed (so that it loads
/// and builds its analyzer while the page's own wasm loads), with what it said meanwhile; taken
/// once, for the first analysis engine of the page. None when there is none, it was started
/// from another URL, or it failed.
fn take_early_worker(url: &str, role: Role) -> Option<(Worker, Vec<String>)> {
    if role != Role::Analysis {
        return None;
    }
    let window = web_sys::window()?;
    let early = js_sys::Reflect::get(&window, &JsValue::from_str(EARLY_WORKER)).ok().filter(JsValue::is_object)?;
    let field = |name: &str| js_sys::Reflect::get(&early, &JsValue::from_str(name)).ok();
    let take: js_sys::Function = field("take")?.dyn_into().ok()?;
    let events: js_sys::Array = take.call0(&early).ok()?.dyn_into().ok()?;
    let worker: Worker = field("worker")?.dyn_into().ok()?;
    let said: Option<Vec<String>> =
        events.iter().map(|event| event.dyn_into::<MessageEvent>().ok()?.data().as_string()).collect();
    match said {
        Some(said) if field("url")?.as_string().as_deref() == Some(url) => Some((worker, said)),
        _ => {
            worker.terminate();
            None
        }
    }
}

/// The message of a JS exception, or its string form.
pub fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

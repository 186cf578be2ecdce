//! The analysis worker, built by Trunk as a module Web Worker (`data-type="worker"` in
//! `www/index.html`): it builds one analyzer and answers the page's messages (see
//! [`kashif::web::worker_protocol`]).

#[cfg(target_arch = "wasm32")]
fn main() {
    use kashif::web::worker_protocol::{Reply, Service, READY};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let service = Service::new();
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
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "kashif-worker is the page's analysis worker: it is built for wasm32 by Trunk \
         (`trunk build --release`) and has nothing to do on this platform. \
         Use the `kashif` binary on the command line."
    );
    std::process::exit(1);
}

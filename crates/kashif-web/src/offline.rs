//! Registering the service worker (`www/sw.js`) that keeps the page usable offline.

use wasm_bindgen::JsValue;
use web_sys::RegistrationOptions;

/// Where Trunk copies the service worker, relative to the page.
pub const SERVICE_WORKER_URL: &str = "./sw.js";

/// Registers the service worker with the page's folder as its scope, on http(s) only and in
/// release builds only (under `trunk serve` a cache-first worker would hide every rebuild).
/// A browser without service workers just stays online-only.
pub fn register_service_worker() {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "https:" && protocol != "http:" {
        return;
    }
    // `navigator.serviceWorker` is missing outside secure contexts and in some browsers.
    let navigator = window.navigator();
    let has_container = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    if !has_container {
        return;
    }
    let options = RegistrationOptions::new();
    options.set_scope("./");
    options.set_update_via_cache(web_sys::ServiceWorkerUpdateViaCache::None);
    // A failed registration is not an error for the page; the promise's rejection is handled
    // by dropping it into a future that ignores it.
    let promise = navigator.service_worker().register_with_options(SERVICE_WORKER_URL, &options);
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}

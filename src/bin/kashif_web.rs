//! The browser entry point, built by Trunk (`trunk build --release`) from `www/index.html`.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    kashif::web::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "kashif-web is the browser entry point: it is built for wasm32 by Trunk \
         (`trunk build --release`, or `trunk serve`) and has nothing to do on this platform. \
         Use the `kashif` binary on the command line."
    );
    std::process::exit(1);
}

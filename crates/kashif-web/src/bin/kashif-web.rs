//! The browser entry point, built by Trunk (`trunk build --release`) from `www/index.html`.

fn main() {
    console_error_panic_hook::set_once();
    kashif_web::mount();
}

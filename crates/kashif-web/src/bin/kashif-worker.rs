//! The analysis worker, built by Trunk as a module Web Worker (`data-type="worker"` in
//! `www/index.html`): see [`kashif_web::run_worker`].

fn main() {
    kashif_web::run_worker();
}

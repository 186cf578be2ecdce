//! The progress of a batch of documents the worker is analyzing.

use leptos::prelude::*;

use super::i18n::{use_i18n, Msg};

/// A progress bar with "n / total", shown only while a batch runs.
#[component]
pub fn BatchProgress(
    /// `(answered, total)` of the batch under way, `None` when idle.
    #[prop(into)]
    progress: Signal<Option<(usize, usize)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        progress.get().map(|(done, total)| {
            view! {
                <div class="batch-progress">
                    <label for="kashif-progress">{i18n.t(Msg::Analyzing)}</label>
                    <progress id="kashif-progress" data-testid="progress" max=total value=done>
                        {format!("{done} / {total}")}
                    </progress>
                    <span class="progress-count" dir="ltr" data-testid="progress-count">
                        {format!("{done} / {total}")}
                    </span>
                </div>
            }
        })
    }
}

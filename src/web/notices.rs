//! Messages about files that could not be read.

use leptos::prelude::*;

use super::files::FileProblem;

/// One visible line per file that failed, naming the file; the other files load normally.
#[component]
pub fn FileProblems(
    /// The failures of the latest batch of files.
    #[prop(into)]
    problems: Signal<Vec<FileProblem>>,
    /// Hides the messages.
    on_dismiss: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || problems.with(|p| !p.is_empty())>
            <div class="problems" role="alert">
                <ul>
                    <For
                        each=move || problems.get().into_iter().enumerate()
                        key=|(index, _)| *index
                        children=|(_, problem)| {
                            view! {
                                <li data-testid="error">
                                    "تعذّرت قراءة الملف «"
                                    <bdi class="file-name">{problem.name}</bdi>
                                    "»: "
                                    <span dir="ltr" lang="en">{problem.reason}</span>
                                </li>
                            }
                        }
                    />
                </ul>
                <button type="button" class="link-button" on:click=move |_| on_dismiss.run(())>
                    "إخفاء"
                </button>
            </div>
        </Show>
    }
}

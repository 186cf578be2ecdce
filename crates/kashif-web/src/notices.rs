//! Messages about files that could not be read.

use leptos::prelude::*;

use super::files::FileProblem;
use super::i18n::{use_i18n, Message, Msg};
use super::visible::visible_text;

/// One visible line per file that failed, naming the file; the other files load normally.
#[component]
pub fn FileProblems(
    /// The failures of the latest batch of files.
    #[prop(into)]
    problems: Signal<Vec<FileProblem>>,
    /// Hides the messages.
    on_dismiss: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || problems.with(|p| !p.is_empty())>
            <div class="problems" role="alert">
                <ul>
                    <For
                        each=move || problems.get().into_iter().enumerate()
                        key=|(index, _)| *index
                        children=move |(_, problem)| {
                            view! {
                                <li data-testid="error">
                                    {i18n.t(Msg::FileUnreadableBefore)}
                                    <bdi class="file-name">{visible_text(&problem.name)}</bdi>
                                    {i18n.t(Msg::FileUnreadableAfter)}
                                    <span dir="ltr" lang="en">{problem.reason}</span>
                                </li>
                            }
                        }
                    />
                </ul>
                <button type="button" class="link-button" on:click=move |_| on_dismiss.run(())>
                    {i18n.t(Msg::Dismiss)}
                </button>
            </div>
        </Show>
    }
}

/// The page's status messages (the worker could not start, nothing can be saved…), each
/// shown once, in the language in effect.
#[derive(Debug, Clone, Copy)]
pub struct Notes(RwSignal<Vec<Message>>);

impl Default for Notes {
    fn default() -> Self {
        Self::new()
    }
}

impl Notes {
    /// No messages.
    pub fn new() -> Self {
        Notes(RwSignal::new(Vec::new()))
    }

    /// Shows `message`, unless it is already shown.
    pub fn add(self, message: Message) {
        self.0.try_update(|notes| {
            if !notes.contains(&message) {
                notes.push(message);
            }
        });
    }

    /// Shows `message` in place of any message of the same kind (one line that stays and
    /// changes, such as "N changes not saved yet").
    pub fn replace(self, message: Message) {
        self.0.try_update(|notes| match notes.iter_mut().find(|note| note.msg == message.msg) {
            Some(note) => *note = message,
            None => notes.push(message),
        });
    }

    /// Hides every message of kind `msg`.
    pub fn remove(self, msg: Msg) {
        self.0.try_update(|notes| notes.retain(|note| note.msg != msg));
    }
}

/// The status messages, one line each.
#[component]
pub fn StatusNotes(notes: Notes) -> impl IntoView {
    let Notes(notes) = notes;
    let i18n = use_i18n();
    view! {
        <Show when=move || notes.with(|n| !n.is_empty())>
            <div class="status-notes" role="status">
                <ul>
                    <For
                        each=move || notes.get()
                        key=|note| note.clone()
                        children=move |note| view! { <li data-testid="notice">{move || note.render(i18n.lang())}</li> }
                    />
                </ul>
            </div>
        </Show>
    }
}

//! The sidebar panel that saves the whole workspace to one file and opens such a file again
//! (see [`workspace_file`](super::workspace_file)).

use leptos::prelude::*;
use web_sys::File;

use super::i18n::{use_i18n, Message, Msg};
use super::input::{FileButton, JSON};

/// Whether `msg` says a file was refused (shown in the colour of errors).
fn is_refusal(msg: Msg) -> bool {
    matches!(
        msg,
        Msg::WorkspaceTooLarge
            | Msg::WorkspaceNotJson
            | Msg::WorkspaceForeign
            | Msg::WorkspaceNewer
            | Msg::WorkspaceDamaged
            | Msg::FileUnreadable
            | Msg::DownloadFailed
    )
}

/// «حفظ مساحة العمل» and «فتح مساحة عمل», with the outcome of the last one.
#[component]
pub fn WorkspacePanel(
    /// Downloads the workspace file.
    on_save: Callback<()>,
    /// Opens a picked workspace file.
    on_open: Callback<File>,
    /// The outcome of the last save or opening.
    #[prop(into)]
    status: Signal<Option<Message>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = Callback::new(move |files: Vec<File>| {
        if let Some(file) = files.into_iter().next() {
            on_open.run(file);
        }
    });
    view! {
        <section class="panel workspace-panel" aria-labelledby="kashif-workspace-title" data-testid="workspace-panel">
            <h2 id="kashif-workspace-title">{i18n.t(Msg::WorkspaceTitle)}</h2>
            <p class="muted">{i18n.t(Msg::WorkspaceHint)}</p>
            <div class="export-row">
                <button type="button" data-testid="workspace-save" on:click=move |_| on_save.run(())>
                    {i18n.t(Msg::SaveWorkspace)}
                </button>
                <FileButton text=Msg::OpenWorkspace testid="workspace-open" accept=JSON on_files=open />
            </div>
            <p
                class="muted export-status"
                class:refused=move || status.with(|m| m.as_ref().is_some_and(|m| is_refusal(m.msg)))
                data-testid="workspace-status"
                role="status"
            >
                {move || status.with(|m| m.as_ref().map(|m| m.render(i18n.lang())))}
            </p>
        </section>
    }
}

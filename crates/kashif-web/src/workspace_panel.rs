//! The sidebar panel that saves the whole workspace to one file and opens such a file again
//! (see [`workspace_file`](super::workspace_file)).

use leptos::prelude::*;
use web_sys::{File, HtmlInputElement};

use super::i18n::{use_i18n, Message, Msg};

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
    let open = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let file = input.files().and_then(|files| files.get(0));
        input.set_value("");
        if let Some(file) = file {
            on_open.run(file);
        }
    };
    view! {
        <section class="panel workspace-panel" aria-labelledby="kashif-workspace-title" data-testid="workspace-panel">
            <h2 id="kashif-workspace-title">{i18n.t(Msg::WorkspaceTitle)}</h2>
            <p class="muted">{i18n.t(Msg::WorkspaceHint)}</p>
            <div class="export-row">
                <button type="button" data-testid="workspace-save" on:click=move |_| on_save.run(())>
                    {i18n.t(Msg::SaveWorkspace)}
                </button>
                <label class="file-picker">
                    <span class="button-like">{i18n.t(Msg::OpenWorkspace)}</span>
                    <input
                        type="file"
                        class="visually-hidden"
                        accept=".json,application/json"
                        data-testid="workspace-open"
                        on:change=open
                    />
                </label>
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

//! Getting text in: the paste box, the file picker, and the page-wide drop zone.

use leptos::prelude::*;
use web_sys::{DragEvent, File, HtmlInputElement};

use super::files::files_of;

/// The text box. Every edit hands the whole text to `on_text`; `value` replaces what it shows
/// (after a reload or a removal), typing does not go through it.
#[component]
pub fn PasteBox(
    /// Called with the whole text after every edit.
    on_text: Callback<String>,
    /// Text to show instead of what is there.
    #[prop(into)]
    value: Signal<String>,
) -> impl IntoView {
    view! {
        <label class="field-label" for="kashif-paste">"الصق نص خبر أو اكتبه هنا"</label>
        <textarea
            id="kashif-paste"
            class="paste-box"
            data-testid="input-text"
            dir="rtl"
            lang="ar"
            rows="7"
            spellcheck="false"
            placeholder="مثال: التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو…"
            prop:value=move || value.get()
            on:input=move |ev| on_text.run(event_target_value(&ev))
        ></textarea>
    }
}

/// The button that opens the file chooser for one or more `.txt` files.
#[component]
pub fn FilePicker(on_files: Callback<Vec<File>>) -> impl IntoView {
    view! {
        <div class="file-row">
            <label class="file-picker">
                <span class="button-like">"اختر ملفات نصية"</span>
                <input
                    type="file"
                    class="visually-hidden"
                    data-testid="file-input"
                    multiple=true
                    accept=".txt,text/plain"
                    on:change=move |ev| {
                        let input: HtmlInputElement = event_target(&ev);
                        if let Some(list) = input.files() {
                            on_files.run(files_of(&list));
                        }
                        // Let the same file be picked again after it changed on disk.
                        input.set_value("");
                    }
                />
            </label>
            <span class="muted">"أو اسحب ملفات " <bdi dir="ltr">".txt"</bdi> " وأفلتها في أي مكان من الصفحة."</span>
        </div>
    }
}

/// True when a drag carries files (not, say, a text selection being moved into the text box).
pub fn drags_files(ev: &DragEvent) -> bool {
    ev.data_transfer().is_some_and(|dt| dt.types().iter().any(|kind| kind.as_string().as_deref() == Some("Files")))
}

/// The veil shown over the page while files are dragged over it.
#[component]
pub fn DropOverlay(visible: Signal<bool>) -> impl IntoView {
    view! {
        <div class="drop-overlay" class:visible=move || visible.get() aria-hidden="true">
            <p>"أفلت ملفات " <bdi dir="ltr">".txt"</bdi> " هنا لتحليلها"</p>
        </div>
    }
}

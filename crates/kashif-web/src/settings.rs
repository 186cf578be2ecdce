//! Settings shared by every view (theme, language, label toggles…): a key/value map kept in
//! a signal and saved in the [`store`](super::store). Get it with
//! `use_context::<Settings>()`; [`App`](super::App) provides it.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::i18n::Lang;
use super::saver::Saver;
use super::store;

/// The key of the interface language (`ar`, `en`; see [`Lang`](super::i18n::Lang)).
pub const LANG: &str = "lang";
/// The key of the theme the reader chose (`light`, `dark`; unset: the system's).
pub const THEME: &str = "theme";
/// The key of the reader's own framing descriptors (in the format of `data/descriptors.tsv`).
pub const DESCRIPTORS: &str = "descriptors";

/// The settings (`Copy`: a signal and a saver).
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    values: RwSignal<BTreeMap<String, String>>,
    saver: Saver,
}

impl Settings {
    /// The interface language of the [`LANG`] setting (Arabic when unset), as a memo: what
    /// shows labels re-renders when the language changes, not when another setting does.
    pub fn lang(self) -> Signal<Lang> {
        Memo::new(move |_| Lang::from_code(self.get(LANG).as_deref())).into()
    }

    /// Settings starting from `values` (as saved), saved through `saver`.
    pub fn new(values: BTreeMap<String, String>, saver: Saver) -> Self {
        Settings { values: RwSignal::new(values), saver }
    }

    /// The value of `key`, if set (reactive: a view reading it updates when it changes).
    pub fn get(&self, key: &str) -> Option<String> {
        self.values.with(|values| values.get(key).cloned())
    }

    /// The value of `key`, if set, without tracking it.
    pub fn get_untracked(&self, key: &str) -> Option<String> {
        self.values.with_untracked(|values| values.get(key).cloned())
    }

    /// Sets `key` to `value`, in the page at once and in the store after.
    pub fn set(&self, key: &str, value: &str) {
        self.values.update(|values| {
            values.insert(key.to_owned(), value.to_owned());
        });
        let (key, value) = (key.to_owned(), value.to_owned());
        self.saver.run(format!("setting:{key}"), move || {
            let (key, value) = (key.clone(), value.clone());
            async move { store::put_setting(&key, &value).await }
        });
    }

    /// Puts in a value another tab saved, without saving it again.
    pub fn reload(&self, key: &str, value: Option<String>) {
        self.values.try_update(|values| match value {
            Some(value) => values.insert(key.to_owned(), value),
            None => values.remove(key),
        });
    }
}

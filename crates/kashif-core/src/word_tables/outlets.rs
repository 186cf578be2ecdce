//! The outlets Kashif knows (`data/outlets.tsv`), which the datelines read.

use rustc_hash::FxHashMap as HashMap;

use crate::text::normalize::fold;

/// The outlets Kashif knows (`data/outlets.tsv`): the name shown, by the key of each form.
pub(crate) struct Outlets(HashMap<String, &'static str>);

impl Outlets {
    /// Reads the rows of `data/outlets.tsv`: the name shown, then its forms separated by `|`.
    pub(crate) fn parse(tsv: &'static str) -> Outlets {
        let mut by_key = HashMap::default();
        for row in tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let Some((name, forms)) = row.split_once('\t') else { continue };
            for form in forms.split('|').chain([name]) {
                by_key.entry(outlet_key(form)).or_insert(name.trim());
            }
        }
        Outlets(by_key)
    }

    /// The usual name of a known outlet or agency written `name` (`أ ف ب` → `فرانس برس`).
    pub(crate) fn usual_name(&self, name: &str) -> Option<&'static str> {
        let key = outlet_key(name);
        (!key.is_empty()).then(|| self.0.get(&key).copied()).flatten()
    }
}

/// What two spellings of one outlet share: folded, lower case, letters and digits only
/// (`أ.ف.ب` ≡ `ا ف ب`, `cnn` ≡ `CNN`).
fn outlet_key(name: &str) -> String {
    fold(name).to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

//! Descriptors of actors and their file format (`data/descriptors.tsv`), which framing reads.

use crate::text::normalize::fold;

/// The usual connotation of a descriptor in news usage.
///
/// ```
/// use kashif_core::corpus::{known_descriptor, Category};
/// assert_eq!(known_descriptor("الإرهابيين", &[]).unwrap().category, Category::Pejorative);
/// assert_eq!(known_descriptor("الثوار", &[]).unwrap().category, Category::Sympathetic);
/// assert_eq!("neutral".parse::<Category>(), Ok(Category::Neutral));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Delegitimizes the actor (`الإرهابيين`، `المرتزقة`، `النظام`).
    Pejorative,
    /// Honours the actor or its dead (`الثوار`، `الشهداء`).
    Sympathetic,
    /// Descriptive (`المعارضة`، `القتلى`، `الحكومة`).
    Neutral,
}

impl Category {
    /// Every category, in the order the interface lists them.
    ///
    /// ```
    /// use kashif_core::corpus::Category;
    /// let names: Vec<&str> = Category::ALL.iter().map(|c| c.arabic_name()).collect();
    /// assert_eq!(names, ["قدحي", "تعاطفي", "محايد"]);
    /// ```
    pub const ALL: [Category; 3] = [Category::Pejorative, Category::Sympathetic, Category::Neutral];

    /// The key used in `data/descriptors.tsv` (`pejorative`, `sympathetic`, `neutral`).
    ///
    /// ```
    /// assert_eq!(kashif_core::corpus::Category::Neutral.as_str(), "neutral");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Pejorative => "pejorative",
            Category::Sympathetic => "sympathetic",
            Category::Neutral => "neutral",
        }
    }

    /// The Arabic name, for the interface.
    ///
    /// ```
    /// assert_eq!(kashif_core::corpus::Category::Pejorative.arabic_name(), "قدحي");
    /// ```
    pub fn arabic_name(self) -> &'static str {
        match self {
            Category::Pejorative => "قدحي",
            Category::Sympathetic => "تعاطفي",
            Category::Neutral => "محايد",
        }
    }
}

impl std::str::FromStr for Category {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::ALL.into_iter().find(|c| c.as_str() == s).ok_or_else(|| format!("unknown category {s:?}"))
    }
}

/// A descriptor: a term with the other forms counted as the same, its category and a gloss.
///
/// ```
/// use kashif_core::corpus::{builtin_descriptors, Category};
/// let terrorists = builtin_descriptors().iter().find(|d| d.term == "الإرهابيين").unwrap();
/// assert_eq!((terrorists.category, terrorists.gloss.as_str()), (Category::Pejorative, "terrorists"));
/// assert_eq!(terrorists.variants, ["الإرهابيون", "إرهابيين", "إرهابيون"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Descriptor {
    /// The display form (`الإرهابيين`).
    pub term: String,
    /// Its usual connotation.
    pub category: Category,
    /// A short English gloss (may be empty for the reader's own descriptors).
    pub gloss: String,
    /// Other written forms counted as this descriptor (`الإرهابيون`، `إرهابيين`).
    pub variants: Vec<String>,
}

impl Descriptor {
    /// A descriptor with no gloss nor variants (what a reader adds in the page).
    ///
    /// ```
    /// use kashif_core::corpus::{Category, Descriptor};
    /// let d = Descriptor::new("البغاة", Category::Pejorative);
    /// assert_eq!(d.term, "البغاة");
    /// assert!(d.variants.is_empty());
    /// ```
    pub fn new(term: &str, category: Category) -> Self {
        Descriptor { term: term.trim().to_owned(), category, gloss: String::new(), variants: Vec::new() }
    }

    /// The term and its variants.
    pub(crate) fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.variants.iter().map(String::as_str))
    }
}

/// A line of a descriptor file that could not be read.
///
/// ```
/// use kashif_core::corpus::parse_descriptors;
/// let error = parse_descriptors("term\tcategory\tgloss\tvariants\nالثوار\tgood\t\t\n").unwrap_err();
/// assert_eq!(error.line, 2);
/// assert_eq!(error.to_string(), "line 2: unknown category \"good\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DescriptorError {
    /// The line number, from 1.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl std::fmt::Display for DescriptorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for DescriptorError {}

/// Reads descriptors in the format of `data/descriptors.tsv`: `#` comments, a header line
/// starting with `term`, then `term<TAB>category<TAB>gloss<TAB>variants` (variants joined
/// with `|`, possibly empty).
///
/// ```
/// use kashif_core::corpus::{parse_descriptors, Category};
/// let list = parse_descriptors("term\tcategory\tgloss\tvariants\nالثوار\tsympathetic\trevolutionaries\tثوار\n").unwrap();
/// assert_eq!(list[0].category, Category::Sympathetic);
/// assert_eq!(list[0].variants, ["ثوار"]);
/// assert!(parse_descriptors("الثوار\tgood\tx\t\n").is_err());
/// ```
pub fn parse_descriptors(tsv: &str) -> Result<Vec<Descriptor>, DescriptorError> {
    let mut out = Vec::new();
    for (index, line) in tsv.lines().enumerate() {
        let error = |message: String| DescriptorError { line: index + 1, message };
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("term\t") {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let [term, category, gloss, variants] = columns[..] else {
            return Err(error(format!("expected 4 tab-separated columns, found {}", columns.len())));
        };
        if fold(term).split_whitespace().next().is_none() {
            return Err(error("empty term".to_owned()));
        }
        let category = category.parse::<Category>().map_err(error)?;
        let variants = variants.split('|').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect();
        out.push(Descriptor { term: term.trim().to_owned(), category, gloss: gloss.trim().to_owned(), variants });
    }
    Ok(out)
}

/// Writes descriptors in the format [`parse_descriptors`] reads (the format of
/// `data/descriptors.tsv`, with its header line and no comments), so a list saved as text reads
/// back the same. Tabs and line breaks inside a field become spaces.
///
/// ```
/// use kashif_core::corpus::{descriptors_to_tsv, parse_descriptors, Category, Descriptor};
/// let mine = vec![Descriptor::new("البغاة", Category::Pejorative), Descriptor::new("الأهالي", Category::Neutral)];
/// let tsv = descriptors_to_tsv(&mine);
/// assert!(tsv.starts_with("term\tcategory\tgloss\tvariants\n"));
/// assert_eq!(parse_descriptors(&tsv).unwrap(), mine);
/// ```
pub fn descriptors_to_tsv(descriptors: &[Descriptor]) -> String {
    let clean = |field: &str| field.trim().replace(['\t', '\n', '\r'], " ");
    let mut out = String::from("term\tcategory\tgloss\tvariants\n");
    for d in descriptors {
        let variants: Vec<String> = d.variants.iter().map(|v| clean(v).replace('|', " ")).collect();
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            clean(&d.term),
            d.category.as_str(),
            clean(&d.gloss),
            variants.join("|")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_descriptors_survive_a_round_trip_as_text() {
        let mut tabbed = Descriptor::new("قوات\tالغزو", Category::Pejorative);
        tabbed.variants.push("غزاة|محتلون".to_owned());
        let back = parse_descriptors(&descriptors_to_tsv(&[tabbed])).unwrap();
        assert_eq!(back[0].term, "قوات الغزو");
        assert_eq!(back[0].variants, ["غزاة محتلون"]);
        assert!(parse_descriptors(&descriptors_to_tsv(&[])).unwrap().is_empty());
    }
}

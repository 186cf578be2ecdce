//! The Arabic names of what figures count, for the interface. Figures of several documents are
//! compared as claims: see [`claim_groups`](super::claim_groups).

/// The Arabic name of a kind of figure (`counts` or `event`), for the interface; the key itself
/// when it is not one Kashif gives.
///
/// ```
/// assert_eq!(kashif_core::corpus::count_name("killed"), "قتلى");
/// assert_eq!(kashif_core::corpus::count_name("other"), "other");
/// ```
pub fn count_name(key: &str) -> &str {
    match key {
        "killed" => "قتلى",
        "wounded" => "جرحى",
        "displaced" => "نازحون",
        "refugees" => "لاجئون",
        "soldiers" => "جنود",
        "fighters" => "مقاتلون",
        "civilians" => "مدنيون",
        "children" => "أطفال",
        "women" => "نساء",
        "detained" => "معتقلون",
        "missing" => "مفقودون",
        "people" => "أشخاص",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_kinds() {
        assert_eq!(count_name("civilians"), "مدنيون");
        assert_eq!(count_name("killed"), "قتلى");
    }
}

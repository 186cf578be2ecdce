//! The embedded tagger on Arabic news sentences of our own: names no lexicon entry lists are
//! found by the statistical tagger, with a confidence.

use kashif_core::{Analyzer, Label};
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::new)
}

fn found(text: &str) -> Vec<(Label, String, f32)> {
    analyzer().analyze(text).entities.into_iter().map(|m| (m.label, m.text, m.confidence)).collect()
}

fn has(text: &str, label: Label, surface: &str) -> bool {
    found(text).iter().any(|(l, s, _)| *l == label && s == surface)
}

#[test]
fn people_the_lexicon_does_not_know() {
    let text = "وقال المتحدث باسم الأمم المتحدة ستيفان دوجاريك إن المساعدات وصلت";
    assert!(has(text, Label::Per, "ستيفان دوجاريك"), "{:?}", found(text));
    assert!(has(text, Label::Org, "الأمم المتحدة"), "{:?}", found(text));
}

#[test]
fn places_and_organizations_in_a_news_sentence() {
    let text = "التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو ثم سافر إلى نيويورك";
    for (label, surface) in [
        (Label::Per, "فلاديمير بوتين"),
        (Label::Per, "رجب طيب أردوغان"),
        (Label::Loc, "موسكو"),
        (Label::Loc, "نيويورك"),
    ] {
        assert!(has(text, label, surface), "{surface} in {:?}", found(text));
    }
    assert!(!found(text).iter().any(|(_, s, _)| s == "الرئيس" || s == "نظيره"), "{:?}", found(text));
}

#[test]
fn confidence_is_a_probability_and_tagger_ids_are_readable() {
    let analysis = analyzer().analyze("أعلنت وزارة الصحة في غزة أن الطبيب محمد أبو سلمية أصيب");
    assert!(!analysis.entities.is_empty());
    for mention in &analysis.entities {
        assert!((0.0..=1.0).contains(&mention.confidence), "{mention:?}");
        assert!(!mention.id.is_empty() && !mention.canonical.is_empty(), "{mention:?}");
    }
    let json = serde_json::to_string(&analysis).unwrap();
    assert!(json.contains("\"confidence\""), "{json}");
}

#[test]
fn clubs_and_companies_are_organizations() {
    let analysis = analyzer().analyze("وتعادل بنفيكا مع سلتيك في لشبونة، فيما أعلنت جنرال موتورز وتويوتا زيادة مبيعاتهما");
    let ids: Vec<(&str, Label)> = analysis.entities.iter().map(|m| (m.id.as_str(), m.label)).collect();
    for id in ["org:benfica", "org:celtic", "org:general-motors", "org:toyota"] {
        assert!(ids.contains(&(id, Label::Org)), "{id} in {ids:?}");
    }
    // A club named after its city: the masculine nationality after it (a city takes the feminine).
    let text = "وفاز ليون الفرنسي على ضيفه في مدينة ليون الفرنسية";
    let mentions: Vec<(Label, usize)> = analyzer().analyze(text).entities.iter().map(|m| (m.label, m.start)).collect();
    assert_eq!(mentions.iter().filter(|(l, _)| *l == Label::Org).count(), 1, "{mentions:?}");
    assert_eq!(mentions.iter().filter(|(l, _)| *l == Label::Loc).count(), 1, "{mentions:?}");
}

#[test]
fn titles_currencies_clubs_in_tables_and_speakers() {
    let text = "وصدرت رواية «أولاد حارتنا» عام 1959، وبلغت الأرباح 52 مليار درهم. \
                وفي النتائج: ليل ( فرنسا ) - ميلان ( إيطاليا ) صفر - صفر. وتوقع فارس ارتفاع الأسعار.";
    for (label, surface) in [
        (Label::Misc, "أولاد حارتنا"),
        (Label::Misc, "درهم"),
        (Label::Org, "ليل"),
        (Label::Org, "ميلان"),
        (Label::Loc, "فرنسا"),
        (Label::Per, "فارس"),
    ] {
        assert!(has(text, label, surface), "{surface} in {:?}", found(text));
    }
}

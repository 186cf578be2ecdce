//! Speaker accuracy on annotated quotes: the short wire-style articles of `tests/quotes/` and
//! their quotes in `tests/quotes/speakers.tsv` (what each quote begins and ends with, and who
//! says it). Prints every quote's outcome and the totals, and asserts floors.

use kashif_core::{Analyzer, Quote};
use std::path::Path;

/// Folded as the news evaluation compares names: no diacritics, one alef, ى → ي, ة → ه,
/// one spelling of `أميركي`, no article on the first word.
fn fold(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|c| !('\u{064B}'..='\u{0652}').contains(c) && *c != '\u{0640}')
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            c => c,
        })
        .collect();
    let text = text.replace("اميرك", "امريك");
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if let Some(first) = words.first_mut() {
        if first.chars().count() > 3 {
            *first = first.strip_prefix("ال").unwrap_or(first);
        }
    }
    words.join(" ")
}

struct Gold {
    article: String,
    begins: String,
    ends: String,
    speaker: Option<String>,
}

fn gold() -> Vec<Gold> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/quotes");
    let table = std::fs::read_to_string(dir.join("speakers.tsv")).expect("tests/quotes/speakers.tsv");
    table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "four columns: {line:?}");
            Gold {
                article: cols[0].into(),
                begins: cols[1].into(),
                ends: cols[2].into(),
                speaker: (cols[3] != "-").then(|| cols[3].into()),
            }
        })
        .collect()
}

/// The quote of `quotes` that holds the gold quote's first words.
fn quote_of<'q>(quotes: &'q [Quote], gold: &Gold) -> Option<&'q Quote> {
    quotes.iter().find(|q| q.text.contains(&gold.begins))
}

#[test]
fn speakers_of_annotated_quotes() {
    let analyzer = Analyzer::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/quotes");
    let gold = gold();
    let (mut found, mut right, mut whole) = (0, 0, 0);
    let mut article = String::new();
    let mut quotes: Vec<Quote> = Vec::new();
    for g in &gold {
        if g.article != article {
            article.clone_from(&g.article);
            let text = std::fs::read_to_string(dir.join(format!("{article}.txt"))).expect("article");
            quotes = analyzer.analyze(&text).quotes;
        }
        let Some(q) = quote_of(&quotes, g) else {
            println!("MISS\t{}\t{}", g.article, g.begins);
            continue;
        };
        found += 1;
        let speaker_right = match (&q.speaker_name, &g.speaker) {
            (Some(kashif), Some(gold)) => gold.split('|').any(|form| fold(form) == fold(kashif)),
            (None, None) => true,
            _ => false,
        };
        let is_whole = q.text.trim_end_matches(['.', '»', '"', '”']).ends_with(&g.ends);
        right += usize::from(speaker_right);
        whole += usize::from(is_whole);
        if !speaker_right {
            println!("SPEAKER\t{}\t{}\tgold {:?}\tkashif {:?}", g.article, g.begins, g.speaker, q.speaker_name);
        }
        if !is_whole {
            println!("CUT\t{}\t{}\tkashif {:?}", g.article, g.begins, q.text);
        }
    }
    let total = gold.len();
    println!("quotes found {found}/{total}, speaker right {right}/{total}, whole {whole}/{total}");
    assert!(total >= 30, "the test set has {total} quotes");
    assert!(found * 100 >= total * 90, "found {found}/{total}");
    assert!(right * 100 >= total * 90, "speaker right {right}/{total}");
    assert!(whole * 100 >= total * 90, "whole {whole}/{total}");
}

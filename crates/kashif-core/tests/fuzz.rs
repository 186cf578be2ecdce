//! A fuzz harness on stable Rust: random and mutated bytes, shaped by the `arbitrary` crate,
//! fed to byte decoding, every file reader (text, Markdown, HTML, DOCX and its ZIP reader), the
//! analyzer and the user lexicon import with corrections, checking invariants on every run:
//! no panic, spans inside the text and equal to their slice, mentions in order and never
//! overlapping, the same result twice. Plus properties of decoding and folding.
//!
//! `cargo test --release --test fuzz` runs a few thousand executions per target (a tenth in a
//! debug build); `KASHIF_FUZZ_ITERATIONS=200000` sets the executions per target for a long
//! run, `KASHIF_FUZZ_SECONDS=600` runs each target for that long instead, and `KASHIF_FUZZ_SEED`
//! the seed. Each target prints its executions, corpus size and time.
//!
//! One long run (release, 2 shared cores, seed 1): see the figures in README.md ("Fuzzing").

mod common;

use std::time::Instant;

use arbitrary::{Arbitrary, Unstructured};
use common::Random;
use kashif_core::corrections::{apply, Correction, UserLexicon, UserName};
use kashif_core::ingest::read_document;
use kashif_core::text::decode::decode_with_encoding;
use kashif_core::text::normalize::Folded;
use kashif_core::{Analysis, Analyzer, Label};

/// Executions per target: `KASHIF_FUZZ_ITERATIONS`, else `release` (a tenth in debug builds).
fn iterations(release: usize) -> usize {
    match std::env::var("KASHIF_FUZZ_ITERATIONS").ok().and_then(|v| v.parse().ok()) {
        Some(n) => n,
        None if cfg!(debug_assertions) => release / 10,
        None => release,
    }
}

/// The run numbers of a target: [`iterations`] of them, or with `KASHIF_FUZZ_SECONDS=S` as many
/// as `S` seconds from `started` allow (for the long runs: at least 10 minutes a target).
fn schedule(release: usize, started: Instant) -> impl Iterator<Item = usize> {
    let seconds: Option<u64> = std::env::var("KASHIF_FUZZ_SECONDS").ok().and_then(|v| v.parse().ok());
    let runs = if seconds.is_some() { usize::MAX } else { iterations(release) };
    (0..runs).take_while(move |_| seconds.is_none_or(|s| started.elapsed().as_secs() < s))
}

fn seed() -> u64 {
    std::env::var("KASHIF_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(1).max(1)
}

/// Pieces inputs are made of: Arabic words, names and punctuation, markup, controls, bidi marks.
const PIECES: &[&str] = &[
    "قال",
    " ",
    "سيرغي لافروف",
    "وزير الخارجية",
    "في",
    "موسكو",
    "إدلب",
    "حلب",
    "الأمم المتحدة",
    "«",
    "»",
    ":",
    "،",
    ".",
    "؟",
    "\n",
    "\n\n",
    "\t",
    "\r\n",
    "إن",
    "أن",
    "3",
    "٣٠٠",
    "ألف",
    "مدنيا",
    "قتل",
    "2019",
    "آذار",
    "يوم الاثنين",
    "بحسب",
    "المرصد السوري",
    "ـ",
    "\u{064E}",
    "\u{0651}",
    "\u{200C}",
    "\u{200F}",
    "\u{202E}",
    "\u{2067}",
    "\u{2069}",
    "\u{FEFF}",
    "\u{FFFD}",
    "\u{0}",
    "\u{b}",
    "\u{1b}",
    "e\u{301}",
    "👩‍👧",
    "在",
    "Lavrov",
    "<p>",
    "</p>",
    "<div>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "&amp;",
    "&#1581;",
    "&#x627;",
    "&",
    "<",
    ">",
    "\"",
    "'",
    "**",
    "_",
    "`",
    "```",
    "#",
    "[",
    "](",
    ")",
    "|",
    "---",
    "<w:t>",
    "</w:t>",
    "<w:p>",
    "</w:p>",
    "<w:tab/>",
    "<w:br/>",
    "xml:space=\"preserve\"",
];

/// The seed corpus: small hand-written samples of each format (no article text).
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>زيارة - الموقع</title>\
                <meta property=\"og:site_name\" content=\"الموقع\"><script>var a = '<p>x</p>';</script></head>\
                <body><nav>الرئيسية</nav><article><h1>زيارة</h1><p class='a>'>قال سيرغي لافروف &laquo;نعم&raquo; \
                في موسكو&nbsp;أمس &#1581;</p><!-- c --><table><tr><td>1</td></tr></table></article></body></html>";
    let markdown = "# عنوان\n\nقال **لافروف** في [موسكو](http://x) ![صورة](y) `code`\n\n> اقتباس\n\n| a | b |\n|---|---|\n| ١ | ٢ |\n\n```\nكود\n```\n- بند\n1. أول";
    let body = "<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:t xml:space=\"preserve\">قال &amp; لافروف </w:t><w:tab/>\
                <w:t>في موسكو</w:t><w:br/></w:r><w:del><w:r><w:delText>محذوف</w:delText></w:r></w:del></w:p><w:p/>";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("قال لافروف في موسكو".encode_utf16().flat_map(u16::to_le_bytes));
    vec![
        ("a.txt", "قال وزير الخارجية سيرغي لافروف في موسكو إن 300 مدني قتلوا يوم الاثنين.".as_bytes().to_vec()),
        (
            "a.txt",
            vec![0xDE, 0xC7, 0xE1, b' ', 0xE1, 0xC7, 0xDD, 0xD1, 0xE6, 0xDD, b'\n', 0xAB, 0xC5, 0xCF, 0xE1, 0xC8, 0xBB],
        ),
        ("a.txt", utf16),
        ("a.html", page.as_bytes().to_vec()),
        ("a", page.as_bytes().to_vec()),
        ("a.md", markdown.as_bytes().to_vec()),
        ("a.docx", common::docx(body)),
        ("a.docx", common::zip(&[("word/document.xml", format!("<w:body>{body}</w:body>").as_bytes(), false)])),
        ("a", common::docx(body)),
    ]
}

/// Random and mutated inputs, with a corpus that keeps inputs a reader accepted (up to a cap).
struct Fuzzer {
    random: Random,
    corpus: Vec<(&'static str, Vec<u8>)>,
}

const NAMES: [&str; 7] = ["a.txt", "a.md", "a.html", "a.docx", "a", "a.bin", "a.TXT"];
const MAX_CORPUS: usize = 512;

impl Fuzzer {
    fn new() -> Fuzzer {
        Fuzzer { random: Random(seed().wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1), corpus: seeds() }
    }

    /// A file name and its bytes: random bytes, pieces strung together, or a mutated corpus entry.
    fn input(&mut self) -> (&'static str, Vec<u8>) {
        let name = NAMES[self.random.below(NAMES.len())];
        match self.random.below(4) {
            0 => {
                let len = self.random.below(512);
                (name, self.random.bytes(len))
            }
            1 => (name, self.pieces(64).into_bytes()),
            _ => {
                let (name, mut bytes) = self.corpus[self.random.below(self.corpus.len())].clone();
                for _ in 0..1 + self.random.below(8) {
                    self.mutate(&mut bytes);
                }
                (name, bytes)
            }
        }
    }

    fn pieces(&mut self, most: usize) -> String {
        (0..self.random.below(most)).map(|_| PIECES[self.random.below(PIECES.len())]).collect()
    }

    fn mutate(&mut self, bytes: &mut Vec<u8>) {
        let at = if bytes.is_empty() { 0 } else { self.random.below(bytes.len() + 1) };
        let len = bytes.len();
        match self.random.below(7) {
            0 if at < len => bytes[at] ^= 1 << self.random.below(8),
            1 if at < len => bytes[at] = self.random.next() as u8,
            2 => {
                let piece = PIECES[self.random.below(PIECES.len())].as_bytes();
                bytes.splice(at..at, piece.iter().copied());
            }
            3 if at < len => {
                let end = (at + 1 + self.random.below(16)).min(len);
                bytes.drain(at..end);
            }
            4 if at < len => {
                let end = (at + 1 + self.random.below(64)).min(len);
                let copy = bytes[at..end].to_vec();
                let to = self.random.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            5 => bytes.truncate(at),
            _ => {
                // Splice in a part of another corpus entry.
                let other = &self.corpus[self.random.below(self.corpus.len())].1;
                if !other.is_empty() {
                    let from = self.random.below(other.len());
                    let end = (from + 1 + self.random.below(256)).min(other.len());
                    let piece = other[from..end].to_vec();
                    bytes.splice(at..at, piece);
                }
            }
        }
    }

    fn keep(&mut self, name: &'static str, bytes: Vec<u8>) {
        if self.corpus.len() < MAX_CORPUS {
            self.corpus.push((name, bytes));
        } else {
            let at = seeds().len() + self.random.below(MAX_CORPUS - seeds().len());
            self.corpus[at] = (name, bytes);
        }
    }
}

fn report(target: &str, executions: usize, corpus: usize, started: Instant) {
    eprintln!("fuzz {target}: {executions} executions, corpus {corpus}, {:.1} s", started.elapsed().as_secs_f64());
}

#[test]
fn fuzz_decoding() {
    let mut fuzzer = Fuzzer::new();
    let started = Instant::now();
    let mut runs = 0;
    for _ in schedule(20_000, started) {
        runs += 1;
        let (_, bytes) = fuzzer.input();
        if let Ok((text, _)) = decode_with_encoding(&bytes) {
            // Decoding never loses a char of valid UTF-8 (without a mark, not read as UTF-16).
            if let Ok(original) = std::str::from_utf8(&bytes) {
                if !original.starts_with('\u{FEFF}') && !original.contains('\0') {
                    assert_eq!(text, original);
                }
            }
        }
    }
    report("decoding", runs, fuzzer.corpus.len(), started);
}

#[test]
fn fuzz_readers() {
    let mut fuzzer = Fuzzer::new();
    let started = Instant::now();
    let mut runs = 0;
    for _ in schedule(20_000, started) {
        runs += 1;
        let (name, bytes) = fuzzer.input();
        if let Ok(document) = read_document(name, &bytes) {
            assert!(!document.text.trim().is_empty(), "{name}: {bytes:?}");
            if fuzzer.random.below(8) == 0 {
                fuzzer.keep(name, bytes);
            }
        }
    }
    report("readers (txt, md, html, docx/zip)", runs, fuzzer.corpus.len(), started);
}

/// The invariants of an analysis of `text`.
fn check(text: &str, analysis: &Analysis) {
    let chars: Vec<char> = text.chars().collect();
    let slice = |start: usize, end: usize| chars[start..end].iter().collect::<String>();
    let mut at = 0;
    for mention in &analysis.entities {
        assert!(mention.start < mention.end && mention.end <= chars.len(), "{mention:?} in {text:?}");
        assert!(mention.start >= at, "overlapping or out of order: {mention:?} in {text:?}");
        assert_eq!(mention.text, slice(mention.start, mention.end), "{text:?}");
        at = mention.end;
    }
    for figure in &analysis.figures {
        assert!(figure.start < figure.end && figure.end <= chars.len(), "{figure:?} in {text:?}");
        assert!(figure.sentence_start <= figure.start && figure.end <= figure.sentence_end, "{figure:?}");
        assert!(figure.sentence_end <= chars.len(), "{figure:?} in {text:?}");
    }
    for quote in &analysis.quotes {
        assert!(quote.start <= quote.end && quote.end <= chars.len(), "{quote:?} in {text:?}");
        assert_eq!(quote.text, slice(quote.start, quote.end), "{text:?}");
    }
}

/// A text for the analyzer: pieces and arbitrary chars, shaped by `arbitrary` from random bytes.
fn text_from(fuzzer: &mut Fuzzer) -> String {
    let len = 64 + fuzzer.random.below(512);
    let bytes = fuzzer.random.bytes(len);
    let mut u = Unstructured::new(&bytes);
    let mut text = String::new();
    while !u.is_empty() {
        match u.int_in_range(0..=9u8).unwrap_or(0) {
            0 => text.push(char::arbitrary(&mut u).unwrap_or(' ')),
            1 => text.push_str(&String::arbitrary(&mut u).unwrap_or_default()),
            _ => text.push_str(u.choose(PIECES).copied().unwrap_or(" ")),
        }
    }
    text
}

#[test]
fn fuzz_analyze() {
    let analyzer = Analyzer::new();
    let mut fuzzer = Fuzzer::new();
    let started = Instant::now();
    let mut runs = 0;
    for run in schedule(3_000, started) {
        runs += 1;
        let text = match run % 3 {
            0 => text_from(&mut fuzzer),
            1 => String::from_utf8_lossy(&fuzzer.input().1).into_owned(),
            _ => fuzzer.pieces(200),
        };
        let analysis = analyzer.analyze(&text);
        check(&text, &analysis);
        if run % 16 == 0 {
            assert_eq!(analyzer.analyze(&text), analysis, "not the same twice: {text:?}");
        }
    }
    report("analyze", runs, fuzzer.corpus.len(), started);
}

#[test]
fn fuzz_user_lexicon_and_corrections() {
    let analyzer = Analyzer::new();
    let mut fuzzer = Fuzzer::new();
    let started = Instant::now();
    let mut runs = 0;
    let lexicon = UserLexicon {
        names: vec![
            UserName { text: "جبل الزاوية".into(), label: Label::Loc },
            UserName { text: "لافروف".into(), label: Label::Per },
        ],
    };
    let file = lexicon.to_json().into_bytes();
    for _ in schedule(3_000, started) {
        runs += 1;
        let mut bytes = file.clone();
        for _ in 0..fuzzer.random.below(6) {
            fuzzer.mutate(&mut bytes);
        }
        let json = String::from_utf8_lossy(&bytes);
        let imported = UserLexicon::from_json(&json).unwrap_or_else(|_| {
            // Names that are arbitrary text.
            let names = (0..fuzzer.random.below(4))
                .map(|_| UserName { text: fuzzer.pieces(4), label: Label::ALL[fuzzer.random.below(6)] })
                .collect();
            UserLexicon { names }
        });
        let text = fuzzer.pieces(80);
        let length = text.chars().count();
        let mut analysis = analyzer.analyze(&text);
        let chars: Vec<char> = text.chars().collect();
        let corrections: Vec<Correction> = (0..fuzzer.random.below(5))
            .map(|_| {
                let start = fuzzer.random.below(length + 3);
                let end = start + fuzzer.random.below(12);
                let text = if end <= length { chars[start..end].iter().collect() } else { fuzzer.pieces(2) };
                match fuzzer.random.below(2) {
                    0 => Correction::Remove { start, end, text },
                    _ => Correction::Add { start, end, label: Label::ALL[fuzzer.random.below(6)], text },
                }
            })
            .collect();
        apply(&text, &mut analysis, &corrections, &imported);
        check(&text, &analysis);
    }
    report("user lexicon and corrections", runs, 1, started);
}

#[test]
fn folded_spans_map_back_inside_the_text_on_char_boundaries() {
    let mut fuzzer = Fuzzer::new();
    for _ in 0..iterations(5_000) {
        let text = text_from(&mut fuzzer);
        let folded = Folded::new(&text);
        let original = text.chars().count();
        assert_eq!(folded.original_chars().len(), original);
        let length = folded.char_len();
        assert_eq!(folded.as_str().chars().count(), length);
        if length == 0 {
            continue;
        }
        for _ in 0..8 {
            let start = fuzzer.random.below(length);
            let end = start + 1 + fuzzer.random.below(length - start);
            let (from, to) = folded.original_span(start, end);
            assert!(from < to && to <= original, "{start}..{end} -> {from}..{to} in {text:?}");
            // Char offsets: the span slices the text on char boundaries, and what it holds
            // folds back to the folded span (spans ending on a letter also take its marks).
            let piece = folded.original_text(from, to);
            let expected: String = folded.as_str().chars().skip(start).take(end - start).collect();
            assert_eq!(kashif_core::text::normalize::fold(&piece), expected, "{text:?}");
        }
    }
}

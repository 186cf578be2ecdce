//! The `kashif` command line on hostile input: what a user sees for each case (the message and
//! the exit code), never a panic, and in bounded time where the input is large.

// The helpers the core's tests share (random bytes, ZIP and DOCX builders).
#[path = "../../kashif-core/tests/common/mod.rs"]
mod common;

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run gave.
struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    seconds: f64,
}

/// Runs kashif with `args`, killing it after `seconds` (a failed test then).
fn kashif(args: &[&str], seconds: u64) -> Outcome {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kashif runs");
    let read = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = read(Box::new(child.stdout.take().unwrap()));
    let stderr = read(Box::new(child.stderr.take().unwrap()));
    let deadline = started + Duration::from_secs(seconds);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("kashif {args:?} still running after {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8 output");
    let outcome = Outcome {
        code: status.code().unwrap_or(-1),
        stdout: text(stdout.join().unwrap()),
        stderr: text(stderr.join().unwrap()),
        seconds: started.elapsed().as_secs_f64(),
    };
    assert!(!outcome.stderr.contains("panicked"), "kashif {args:?} panicked: {}", outcome.stderr);
    assert!(matches!(outcome.code, 0 | 2), "kashif {args:?}: exit {}: {}", outcome.code, outcome.stderr);
    outcome
}

/// A directory of input files for one test, removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("kashif-hostile-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const PARAGRAPH: &str = "قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن ثلاثة آلاف مقاتل انسحبوا من إدلب.";

/// The entities of the first document of JSON output, each span checked against `text`.
fn entities(stdout: &str, text: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(stdout).expect("JSON output");
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for entity in value[0]["entities"].as_array().unwrap() {
        let (start, end) = (entity["start"].as_u64().unwrap() as usize, entity["end"].as_u64().unwrap() as usize);
        assert!(start < end && end <= chars.len(), "{entity}");
        assert_eq!(chars[start..end].iter().collect::<String>(), entity["text"].as_str().unwrap());
        found.push(entity["text"].as_str().unwrap().to_owned());
    }
    found
}

#[test]
fn empty_blank_and_tiny_files_are_said_empty_or_analyzed() {
    let scratch = Scratch::new("empty");
    for (name, bytes) in [("empty.txt", &b""[..]), ("blank.txt", b"  \n\t\r\n  "), ("blank.md", b"\n\n")] {
        let path = scratch.file(name, bytes);
        let outcome = kashif(&["analyze", &path], 10);
        assert_eq!(outcome.code, 0, "{name}: {}", outcome.stderr);
        assert!(
            outcome.stderr.contains("nothing to analyze") || outcome.stderr.contains("no text found"),
            "{name}: {}",
            outcome.stderr
        );
        assert!(entities(&outcome.stdout, "").is_empty());
    }
    for byte in [&b"a"[..], "ب".as_bytes(), b"1", b"."] {
        let path = scratch.file("one.txt", byte);
        let outcome = kashif(&["analyze", &path], 10);
        assert_eq!((outcome.code, outcome.stderr.as_str()), (0, ""), "{byte:?}");
        entities(&outcome.stdout, std::str::from_utf8(byte).unwrap());
    }
}

#[test]
fn binary_input_is_refused_as_not_text() {
    let scratch = Scratch::new("binary");
    let mut random = common::Random(0x9E37_79B9_7F4A_7C15);
    let noise = random.bytes(8192);
    let png = [&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], &noise].concat();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("nul.txt", vec![0; 16]),
        ("nuls-in-text.txt", [PARAGRAPH.as_bytes(), &[0; 200]].concat()),
        ("random.txt", noise.clone()),
        ("random", noise.clone()),
        ("image.txt", png.clone()),
        ("utf16le-binary.txt", [&[0xFF, 0xFE][..], &png].concat()),
        ("utf16be-binary.md", [&[0xFE, 0xFF][..], &noise].concat()),
        ("utf8-mark-binary.html", [&[0xEF, 0xBB, 0xBF][..], &noise].concat()),
    ];
    for (name, bytes) in &cases {
        let path = scratch.file(name, bytes);
        let outcome = kashif(&["analyze", &path], 10);
        assert_eq!(outcome.code, 2, "{name}: {}", outcome.stdout);
        assert!(outcome.stderr.contains(&format!("{name}: not a text file")), "{name}: {}", outcome.stderr);
    }
    // A PDF renamed .txt is named as a PDF.
    let pdf = [&b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n"[..], &noise].concat();
    let path = scratch.file("report.txt", &pdf);
    let outcome = kashif(&["analyze", &path], 10);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("report.txt: PDF files are not supported"), "{}", outcome.stderr);
    // One bad file among good ones: the others are still analyzed.
    let good = scratch.file("good.txt", PARAGRAPH.as_bytes());
    let bad = scratch.file("bad.txt", &png);
    let outcome = kashif(&["analyze", &good, &bad], 10);
    assert_eq!(outcome.code, 2);
    assert!(entities(&outcome.stdout, PARAGRAPH).contains(&"سيرغي لافروف".to_owned()), "{}", outcome.stdout);
}

#[test]
fn broken_utf8_and_stray_controls_are_read_with_a_warning_or_as_they_are() {
    let scratch = Scratch::new("broken");
    let mut bytes = PARAGRAPH.as_bytes().to_vec();
    bytes.insert("قال ".len(), 0xFF);
    let path = scratch.file("broken.txt", &bytes);
    let outcome = kashif(&["analyze", &path], 10);
    assert_eq!(outcome.code, 0);
    assert!(outcome.stderr.contains("1 byte sequence that is not UTF-8 replaced by \u{FFFD}"), "{}", outcome.stderr);
    let text = String::from_utf8_lossy(&bytes);
    assert!(entities(&outcome.stdout, &text).contains(&"سيرغي لافروف".to_owned()));
    // A vertical tab and an escape in a short article (D9): read, not refused, offsets intact.
    let text = PARAGRAPH.replacen(' ', "\x0b", 1).replacen('.', "\x1b.", 1);
    let path = scratch.file("controls.txt", text.as_bytes());
    let outcome = kashif(&["analyze", &path], 10);
    assert_eq!((outcome.code, outcome.stderr.as_str()), (0, ""));
    assert!(entities(&outcome.stdout, &text).contains(&"سيرغي لافروف".to_owned()), "{}", outcome.stdout);
}

#[test]
fn hostile_file_names() {
    let scratch = Scratch::new("names");
    // A name a spreadsheet would run as a formula.
    let formula = scratch.file("=cmd.txt", PARAGRAPH.as_bytes());
    let outcome = kashif(&["analyze", "--format", "csv", &formula], 10);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let rows: Vec<&str> = outcome.stdout.lines().skip(1).collect();
    assert!(!rows.is_empty());
    for row in rows {
        assert!(!row.starts_with('=') && !row.starts_with("\"="), "{row}");
    }
    // A right-to-left override and an isolate in a name: shown in the HTML report, not obeyed.
    let bidi = scratch.file("a\u{202E}txt.exe\u{2066}.md", PARAGRAPH.as_bytes());
    let outcome = kashif(&["analyze", "--format", "html", &bidi], 10);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(outcome.stdout.contains("[U+202E]txt.exe[U+2066].md"), "{}", outcome.stdout);
    assert!(!outcome.stdout.contains(['\u{202E}', '\u{2066}']));
    // A directory and a missing file are named, and the exit code is 2.
    let outcome = kashif(&["analyze", scratch.0.to_str().unwrap()], 10);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("a directory, not a file"), "{}", outcome.stderr);
    let missing = scratch.0.join("missing.txt");
    let outcome = kashif(&["analyze", missing.to_str().unwrap()], 10);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("missing.txt: No such file"), "{}", outcome.stderr);
}

#[test]
fn damaged_and_bomb_docx_files_are_refused_quickly() {
    let scratch = Scratch::new("docx");
    // 24 MB of text packed into a few tens of kilobytes.
    let text = "قال لافروف في موسكو ".repeat(24 * 1024 * 1024 / 36);
    let bomb = common::docx(&format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"));
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    let path = scratch.file("bomb.docx", &bomb);
    let outcome = kashif(&["analyze", &path], 20);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("too large once unpacked"), "{}", outcome.stderr);
    assert!(outcome.seconds < 10.0, "{:.1} s", outcome.seconds);
    // 64 MB of zeros: inflating stops at the cap.
    let zeros = common::zip(&[("word/document.xml", &vec![0; 64 * 1024 * 1024], true)]);
    let path = scratch.file("zeros.docx", &zeros);
    let outcome = kashif(&["analyze", &path], 20);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("would be larger than 50 MB once unpacked"), "{}", outcome.stderr);
    assert!(outcome.seconds < 10.0, "{:.1} s", outcome.seconds);
    // Not a ZIP archive, a cut-short one, one without a body.
    let good = common::docx(&format!("<w:p><w:r><w:t>{PARAGRAPH}</w:t></w:r></w:p>"));
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("text.docx", PARAGRAPH.as_bytes().to_vec(), "not a readable .docx file"),
        ("cut.docx", good[..good.len() / 2].to_vec(), "not a readable .docx file"),
        ("nobody.docx", common::zip(&[("word/styles.xml", b"<x/>", true)]), "without word/document.xml"),
    ];
    for (name, bytes, message) in cases {
        let path = scratch.file(name, &bytes);
        let outcome = kashif(&["analyze", &path], 10);
        assert_eq!(outcome.code, 2, "{name}");
        assert!(outcome.stderr.contains(message), "{name}: {}", outcome.stderr);
    }
    let path = scratch.file("good.docx", &good);
    let outcome = kashif(&["analyze", &path], 10);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
}

#[test]
fn deeply_nested_html_is_read_without_overflowing() {
    let scratch = Scratch::new("nested");
    let depth = 100_000;
    let page =
        format!("<html><body>{}<p>{PARAGRAPH}</p>{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
    let path = scratch.file("nested.html", page.as_bytes());
    let outcome = kashif(&["analyze", &path], 60);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(outcome.stdout.contains("سيرغي لافروف"), "{}", outcome.stdout);
    assert!(outcome.seconds < 30.0, "{:.1} s", outcome.seconds);
    // Never closed, and nested inline markup.
    let page = format!("<p>{}{PARAGRAPH}", "<b><i><span>".repeat(depth / 3));
    let path = scratch.file("open.html", page.as_bytes());
    let outcome = kashif(&["analyze", &path], 60);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(outcome.stdout.contains("سيرغي لافروف"), "{}", outcome.stdout);
}

#[test]
fn a_five_megabyte_line_without_spaces() {
    let scratch = Scratch::new("line");
    for (name, unit) in [("arabic.txt", "لافروف"), ("latin.txt", "abcdefgh"), ("digits.txt", "٣")] {
        let text = unit.repeat(5 * 1024 * 1024 / unit.len());
        let path = scratch.file(name, text.as_bytes());
        let outcome = kashif(&["analyze", &path], 120);
        assert_eq!(outcome.code, 0, "{name}: {}", outcome.stderr);
        entities(&outcome.stdout, &text);
        assert!(outcome.seconds < 60.0, "{name}: {:.1} s", outcome.seconds);
    }
}

#[test]
fn mixed_scripts_and_invisible_characters() {
    let scratch = Scratch::new("mixed");
    let text = "قال سيرغي\u{200C} لافروف (Sergey Lavrov) в Москве 在北京 שלום 🇸🇾👩‍👩‍👧 e\u{301}\u{301}\u{301} \
                 في \u{202E}موسكو\u{202C} و\u{2067}أنقرة\u{2069} ١٢٣ ۴۵۶ 789 \u{FEFF}حلب\u{200B}ـــ إدلبُ.\r\n\u{2028}دمشق";
    let path = scratch.file("mixed.txt", text.as_bytes());
    let outcome = kashif(&["analyze", &path], 10);
    assert_eq!((outcome.code, outcome.stderr.as_str()), (0, ""));
    let found = entities(&outcome.stdout, text);
    assert!(found.iter().any(|name| name.contains("لافروف")), "{found:?}");
    for format in ["csv", "conll", "html", "jsonl", "figures-csv", "brat"] {
        let outcome = kashif(&["analyze", "--format", format, &path], 10);
        assert_eq!(outcome.code, 0, "{format}: {}", outcome.stderr);
    }
}

#[test]
fn names_with_invisible_and_bidi_characters_inside_are_found_and_shown_not_obeyed() {
    let scratch = Scratch::new("invisible");
    let text = "قال وزير الخارجية الروسي سيرغي\u{200B} لاف\u{200D}روف في \u{202E}موسكو\u{202C} إن القوات انسحبت من إد\u{2067}لب.";
    let path = scratch.file("invisible.txt", text.as_bytes());
    let outcome = kashif(&["analyze", &path], 10);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let found = entities(&outcome.stdout, text);
    for name in ["سيرغي\u{200B} لاف\u{200D}روف", "موسكو", "إد\u{2067}لب"] {
        assert!(found.iter().any(|f| f == name), "{name:?} not in {found:?}");
    }
    let outcome = kashif(&["analyze", "--format", "html", &path], 10);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome.stdout.contains("[U+202E]<mark class=\"loc\"") && outcome.stdout.contains("إد[U+2067]لب"),
        "{}",
        outcome.stdout
    );
    assert!(!outcome.stdout.contains(['\u{202E}', '\u{202C}', '\u{2067}']));
}

//! The `kashif` command line: formats, offsets, stdin, and unreadable input.

use std::io::Write;
use std::process::{Command, Stdio};

fn kashif(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kashif runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let output = child.wait_with_output().unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8 output");
    (output.status.code().unwrap_or(-1), text(output.stdout), text(output.stderr))
}

/// A directory of input files for one test, removed when the test ends.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("kashif-cli-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const PARAGRAPH: &str = "قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن ثلاثة آلاف مقاتل انسحبوا من إدلب.";

#[test]
fn json_from_stdin_has_the_documented_shape_and_offsets() {
    let (code, stdout, stderr) = kashif(&["analyze"], PARAGRAPH.as_bytes());
    assert_eq!(code, 0, "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value[0]["name"], "stdin");
    let chars: Vec<char> = PARAGRAPH.chars().collect();
    let entities = value[0]["entities"].as_array().unwrap();
    assert!(entities.len() >= 4, "{stdout}");
    for entity in entities {
        let (start, end) = (entity["start"].as_u64().unwrap() as usize, entity["end"].as_u64().unwrap() as usize);
        assert_eq!(chars[start..end].iter().collect::<String>(), entity["text"].as_str().unwrap());
        for key in ["label", "canonical", "id"] {
            assert!(entity[key].is_string(), "{key} in {entity}");
        }
    }
    let lavrov = entities.iter().find(|e| e["text"] == "سيرغي لافروف").expect("Lavrov found");
    assert_eq!(lavrov["label"], "PER");
    assert_eq!(lavrov["start"], 25);
    assert_eq!(lavrov["end"], 37);
}

#[test]
fn unreadable_files_are_named_on_stderr_and_the_others_still_analyzed() {
    let scratch = Scratch::new("unreadable_files_are_named_on_stderr_and_the_others_still_analyzed");
    let good = scratch.file("good.txt", "وصل لافروف إلى دمشق".as_bytes());
    let binary = scratch.file("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let missing = good.with_file_name("missing.txt");
    let args = ["analyze", good.to_str().unwrap(), binary.to_str().unwrap(), missing.to_str().unwrap()];
    let (code, stdout, stderr) = kashif(&args, b"");
    assert_eq!(code, 2);
    assert!(stderr.contains("image.png") && stderr.contains("not a text file"), "{stderr}");
    assert!(stderr.contains("missing.txt"), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 1);
    assert_eq!(value[0]["name"], good.to_str().unwrap());
    assert_eq!(value[0]["entities"][0]["text"], "لافروف");
}

#[test]
fn windows_1256_and_utf16_files_are_decoded() {
    let scratch = Scratch::new("windows_1256_and_utf16_files_are_decoded");
    // «إدلب» in Windows-1256, and in UTF-16LE with a byte-order mark.
    let cp1256 = scratch.file("old.txt", &[0xC5, 0xCF, 0xE1, 0xC8]);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("إدلب".encode_utf16().flat_map(u16::to_le_bytes));
    let utf16 = scratch.file("utf16.txt", &utf16);
    let (code, stdout, stderr) =
        kashif(&["analyze", "--format", "jsonl", cp1256.to_str().unwrap(), utf16.to_str().unwrap()], b"");
    assert_eq!(code, 0, "{stderr}");
    for line in stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["entities"][0]["text"], "إدلب", "{line}");
    }
    assert_eq!(stdout.lines().count(), 2);
}

#[test]
fn csv_has_a_header_and_a_row_per_mention() {
    let (code, stdout, _) = kashif(&["analyze", "--format=csv"], "حلب وحمص".as_bytes());
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "document,label,text,start,end,canonical,id,title");
    assert!(lines[1].starts_with("stdin,LOC,حلب,0,3,"), "{stdout}");
    assert!(lines[2].starts_with("stdin,LOC,حمص,5,8,"), "{stdout}");
}

#[test]
fn empty_input_is_said_on_stderr_and_gives_an_empty_list() {
    let (code, stdout, stderr) = kashif(&["analyze"], b"");
    assert_eq!(code, 0);
    assert!(stderr.contains("empty"), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value[0]["entities"].as_array().unwrap().len(), 0);
}

#[test]
fn bad_usage_says_what_is_wrong() {
    let (code, _, stderr) = kashif(&["analyze", "--format", "xml"], b"");
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown format \"xml\""), "{stderr}");
    let (code, _, stderr) = kashif(&["frobnicate"], b"");
    assert_eq!(code, 2);
    assert!(stderr.contains("usage:"), "{stderr}");
}

#[test]
fn json_carries_titles_figures_and_quotes() {
    let (code, stdout, stderr) = kashif(&["analyze"], PARAGRAPH.as_bytes());
    assert_eq!(code, 0, "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let document = &value[0];
    let lavrov = document["entities"].as_array().unwrap().iter().find(|e| e["text"] == "سيرغي لافروف").unwrap();
    assert_eq!(lavrov["title"], "وزير الخارجية الروسي");
    let figure = &document["figures"][0];
    assert_eq!((figure["value"].as_f64(), &figure["counts"]), (Some(3000.0), &serde_json::json!("fighters")));
    let quote = &document["quotes"][0];
    assert_eq!(quote["speaker_name"], "سيرغي لافروف");
    assert_eq!(quote["kind"], "indirect");
    assert_eq!(quote["text"], "ثلاثة آلاف مقاتل انسحبوا من إدلب");
    let (code, csv, _) = kashif(&["analyze", "--format", "csv"], PARAGRAPH.as_bytes());
    assert_eq!(code, 0);
    assert!(csv.lines().any(|line| line.contains("سيرغي لافروف") && line.ends_with(",وزير الخارجية الروسي")), "{csv}");
}

#[test]
fn one_name_gets_one_id_across_files() {
    let scratch = Scratch::new("one_name_gets_one_id_across_files");
    // A name no lexicon lists, spelled two ways in two articles.
    let a = scratch.file("a-corpus.txt", "قال المتحدث باسم الحملة يوهان فادفول إن الوضع صعب.".as_bytes());
    let b = scratch.file("b-corpus.txt", "وأكد المتحدث يوهان فادفوول أن الوضع صعب.".as_bytes());
    let (code, stdout, stderr) =
        kashif(&["analyze", "--format", "jsonl", a.to_str().unwrap(), b.to_str().unwrap()], b"");
    assert_eq!(code, 0, "{stderr}");
    let ids: Vec<Vec<String>> = stdout
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            let entities = value["entities"].as_array().unwrap().clone();
            entities.iter().filter(|e| e["label"] == "PER").map(|e| e["id"].as_str().unwrap().to_owned()).collect()
        })
        .collect();
    assert!(!ids[0].is_empty() && !ids[1].is_empty(), "{stdout}");
    assert_eq!(ids[0][0], ids[1][0], "{stdout}");
}

/// A ZIP archive of stored (uncompressed) entries, as a `.docx` may be. The reader checks no
/// CRC, so none is computed.
fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let (mut out, mut directory) = (Vec::new(), Vec::new());
    for (name, content) in entries {
        let mut common = vec![20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        common.extend((content.len() as u32).to_le_bytes());
        common.extend((content.len() as u32).to_le_bytes());
        common.extend((name.len() as u16).to_le_bytes());
        common.extend([0, 0]);
        directory.extend(b"PK\x01\x02\x14\x00");
        directory.extend(&common);
        directory.extend([0; 10]);
        directory.extend((out.len() as u32).to_le_bytes());
        directory.extend(name.as_bytes());
        out.extend(b"PK\x03\x04");
        out.extend(&common);
        out.extend(name.as_bytes());
        out.extend(*content);
    }
    let directory_at = out.len() as u32;
    out.extend(&directory);
    out.extend(b"PK\x05\x06\0\0\0\0");
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((directory.len() as u32).to_le_bytes());
    out.extend(directory_at.to_le_bytes());
    out.extend([0, 0]);
    out
}

fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs.iter().map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>")).collect();
    let xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document><w:body>{body}</w:body></w:document>");
    stored_zip(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", xml.as_bytes())])
}

const PAGE: &str = "<!DOCTYPE html><html><head><title>عنوان</title><script>var s = '<p>دمشق</p>';</script></head>\
<body><nav>حلب</nav><article><h1>زيارة</h1><p>وصل سيرغي لافروف إلى أنقرة&nbsp;أمس.</p></article></body></html>";

fn texts_of(stdout: &str) -> Vec<(String, String)> {
    let value: serde_json::Value = serde_json::from_str(stdout).unwrap();
    let mut out = Vec::new();
    for document in value.as_array().unwrap() {
        for entity in document["entities"].as_array().unwrap() {
            out.push((entity["label"].as_str().unwrap().to_owned(), entity["text"].as_str().unwrap().to_owned()));
        }
    }
    out
}

#[test]
fn html_markdown_and_docx_files_are_read_as_their_text() {
    let scratch = Scratch::new("html_markdown_and_docx_files_are_read_as_their_text");
    let page = scratch.file("page.html", PAGE.as_bytes());
    let word = scratch.file("report.DOCX", &docx(&["قال المتحدث إن &quot;الوضع&quot; في إدلب صعب.", "وزار بوتين دمشق."]));
    let notes = scratch.file("notes.md", "# حمص\n\nزار **لافروف** [موسكو](https://example.org).".as_bytes());
    let args = ["analyze", page.to_str().unwrap(), word.to_str().unwrap(), notes.to_str().unwrap()];
    let (code, stdout, stderr) = kashif(&args, b"");
    assert_eq!(code, 0, "{stderr}");
    let found = texts_of(&stdout);
    let has = |label: &str, text: &str| found.iter().any(|(l, t)| l == label && t == text);
    assert!(has("PER", "سيرغي لافروف") && has("LOC", "أنقرة"), "{stdout}");
    assert!(!has("LOC", "حلب"), "the navigation is not read: {stdout}");
    assert!(has("LOC", "إدلب") && has("PER", "بوتين"), "{stdout}");
    assert!(has("LOC", "حمص") && has("LOC", "موسكو"), "{stdout}");
    // Offsets count into the extracted text: in the page, «زيارة» then a blank line.
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let page_entities = value[0]["entities"].as_array().unwrap();
    assert!(page_entities.iter().all(|e| e["text"] != "دمشق"), "the script is not read: {stdout}");
    let lavrov = page_entities.iter().find(|e| e["text"] == "سيرغي لافروف").unwrap();
    assert_eq!(lavrov["start"], "زيارة\n\nوصل ".chars().count());
}

#[test]
fn unsupported_and_damaged_documents_are_named_on_stderr() {
    let scratch = Scratch::new("unsupported_and_damaged_documents_are_named_on_stderr");
    let pdf = scratch.file("scan.pdf", b"%PDF-1.7\n");
    let broken = scratch.file("broken.docx", &docx(&["نص"])[..40]);
    let good = scratch.file("fine.md", "حلب".as_bytes());
    let (code, stdout, stderr) =
        kashif(&["analyze", pdf.to_str().unwrap(), broken.to_str().unwrap(), good.to_str().unwrap()], b"");
    assert_eq!(code, 2);
    assert!(stderr.contains("scan.pdf: PDF files are not supported"), "{stderr}");
    assert!(stderr.contains("broken.docx: not a readable .docx file"), "{stderr}");
    assert_eq!(texts_of(&stdout), [("LOC".to_owned(), "حلب".to_owned())]);
}

#[test]
fn conll_output_reads_back() {
    let (code, stdout, stderr) = kashif(&["analyze", "--format", "conll"], PARAGRAPH.as_bytes());
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("# doc: stdin\nقال\tO\nوزير\tO\n"), "{stdout}");
    assert!(stdout.contains("سيرغي\tB-PER\nلافروف\tI-PER\n"), "{stdout}");
    let sentences = kashif_core::conll::parse(&stdout);
    assert_eq!(sentences.len(), 1);
    let tokens: Vec<&str> = sentences[0].tokens.iter().map(String::as_str).collect();
    assert_eq!(tokens.concat(), PARAGRAPH.replace(' ', ""));
}

#[test]
fn brat_prints_one_ann_or_writes_a_directory() {
    let scratch = Scratch::new("brat_prints_one_ann_or_writes_a_directory");
    let (code, ann, stderr) = kashif(&["analyze", "--format", "brat"], PARAGRAPH.as_bytes());
    assert_eq!(code, 0, "{stderr}");
    assert!(ann.contains("\tPER 25 37\tسيرغي لافروف\n"), "{ann}");
    let page = scratch.file("brat-page.htm", PAGE.as_bytes());
    let word = scratch.file("brat-word.docx", &docx(&["زار بوتين دمشق."]));
    let (code, _, stderr) =
        kashif(&["analyze", "--format", "brat", page.to_str().unwrap(), word.to_str().unwrap()], b"");
    assert_eq!(code, 2);
    assert!(stderr.contains("--out-dir"), "{stderr}");
    let out = page.with_file_name("brat-out");
    let args = [
        "analyze",
        "--format=brat",
        "--out-dir",
        out.to_str().unwrap(),
        page.to_str().unwrap(),
        word.to_str().unwrap(),
    ];
    let (code, stdout, stderr) = kashif(&args, b"");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    for (name, surface) in [("brat-page", "سيرغي لافروف"), ("brat-word", "بوتين")] {
        let txt: Vec<char> = std::fs::read_to_string(out.join(format!("{name}.txt"))).unwrap().chars().collect();
        let ann = std::fs::read_to_string(out.join(format!("{name}.ann"))).unwrap();
        assert!(ann.lines().any(|line| line.ends_with(&format!("\t{surface}"))), "{ann}");
        for line in ann.lines().filter(|line| line.starts_with('T')) {
            let fields: Vec<&str> = line.split('\t').collect();
            let offsets: Vec<usize> = fields[1].split(' ').skip(1).map(|n| n.parse().unwrap()).collect();
            assert_eq!(txt[offsets[0]..offsets[1]].iter().collect::<String>(), fields[2], "{line}");
        }
    }
}

#[test]
fn html_report_and_figures_csv() {
    let text = format!("{PARAGRAPH} <script>alert(1)</script>");
    let (code, html, stderr) = kashif(&["analyze", "--format", "html"], text.as_bytes());
    assert_eq!(code, 0, "{stderr}");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("dir=\"rtl\""), "{html}");
    assert!(!html.contains("<script") && html.contains("&lt;script&gt;"), "{html}");
    assert!(html.contains("<mark class=\"per\""), "{html}");
    let (code, csv, stderr) = kashif(&["analyze", "--format", "figures-csv"], PARAGRAPH.as_bytes());
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "document,value,approximate,qualifier,counts,noun,event,text,start,end,sentence");
    assert!(lines[1].starts_with("stdin,3000,false,,fighters,مقاتل,,ثلاثة آلاف مقاتل,50,66,"), "{csv}");
    assert!(lines[1].ends_with(&format!(",{PARAGRAPH}")), "{csv}");
}

#[test]
fn brat_files_of_inputs_with_one_name_do_not_overwrite_each_other() {
    let scratch = Scratch::new("brat_files_of_inputs_with_one_name_do_not_overwrite_each_other");
    let dir = &scratch.0;
    let (a, b) = (dir.join("one/same.txt"), dir.join("two/same.md"));
    for (path, text) in [(&a, "حلب"), (&b, "حمص")] {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let out = dir.join("brat-same");
    let args =
        ["analyze", "--format", "brat", "--out-dir", out.to_str().unwrap(), a.to_str().unwrap(), b.to_str().unwrap()];
    let (code, _, stderr) = kashif(&args, b"");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(out.join("same.txt")).unwrap(), "حلب");
    assert_eq!(std::fs::read_to_string(out.join("same-2.txt")).unwrap(), "حمص");
    assert!(std::fs::read_to_string(out.join("same-2.ann")).unwrap().starts_with("T1\tLOC 0 3\tحمص\n"));
}

#[test]
fn training_is_the_same_for_a_seed_and_the_seed_is_checked() {
    let scratch = Scratch::new("seed");
    let corpus = "زار B-PER\nأحمد I-PER\nدمشق B-LOC\n\nوصل O\nعلي B-PER\nإلى O\nحلب B-LOC\n\n\
                  قال O\nسامي B-PER\nفي O\nحمص B-LOC\n\nذهب O\nخالد B-PER\nإلى O\nبيروت B-LOC\n\n";
    let conll = scratch.file("train.txt", corpus.as_bytes());
    let conll = conll.to_str().unwrap();
    let model = |name: &str, seed: &str| {
        let out = scratch.0.join(name);
        let args = ["train", "--conll", conll, "--epochs", "3", "--min-count", "1", "--seed", seed, "--out", out.to_str().unwrap()];
        let (code, _, stderr) = kashif(&args, b"");
        assert_eq!(code, 0, "{stderr}");
        std::fs::read(out).unwrap()
    };
    assert_eq!(model("a.bin", "7"), model("b.bin", "7"), "one seed, one model");
    let (code, _, stderr) = kashif(&["train", "--conll", conll, "--seed", "seven", "--out", "x.bin"], b"");
    assert_ne!(code, 0);
    assert!(stderr.contains("--seed needs a number"), "{stderr}");
}

#[test]
fn clusters_read_plain_text_as_they_read_the_same_tokens_in_conll() {
    let scratch = Scratch::new("clusters");
    let text = "ذهب أحمد إلى دمشق. ذهب علي إلى بيروت\n\nقال سامي في حمص\n".repeat(3);
    let conll: String = text
        .lines()
        .flat_map(|line| line.split_inclusive(". "))
        .filter(|sentence| !sentence.trim().is_empty())
        .map(|sentence| sentence.split_whitespace().map(|t| format!("{t} O\n")).collect::<String>() + "\n")
        .collect();
    let text_file = scratch.file("news.txt", text.as_bytes());
    let conll_file = scratch.file("news.conll", conll.as_bytes());
    let map = |input: &[&str], stdin: &[u8], name: &str| {
        let out = scratch.0.join(name);
        let mut args = vec!["clusters", "--classes", "3,4", "--min-count", "1", "--passes", "4", "--out", out.to_str().unwrap()];
        args.extend_from_slice(input);
        let (code, _, stderr) = kashif(&args, stdin);
        assert_eq!(code, 0, "{stderr}");
        std::fs::read_to_string(out).unwrap()
    };
    let from_text = map(&["--text", text_file.to_str().unwrap()], b"", "text.tsv");
    assert_eq!(from_text.lines().filter(|l| !l.starts_with('#')).count(), 11, "ten words and the full stop: {from_text}");
    assert_eq!(from_text, map(&["--conll", conll_file.to_str().unwrap()], b"", "conll.tsv"));
    assert_eq!(from_text, map(&["--text", "-"], text.as_bytes(), "stdin.tsv"), "- is standard input");
    let (code, _, stderr) = kashif(&["clusters", "--out", "x.tsv"], b"");
    assert_ne!(code, 0);
    assert!(stderr.contains("--conll FILE or --text FILE"), "{stderr}");
}

#[test]
fn credits_name_every_embedded_source_and_its_licence() {
    let (code, out, _) = kashif(&["credits"], b"");
    assert_eq!(code, 0);
    for needed in ["GeoNames", "CC BY 4.0", "Unicode", "widdix", "WikiFANE", "Robyn Speer", "Chouigui", "Khalilia", "CC BY-SA 4.0"] {
        assert!(out.contains(needed), "{needed} missing from kashif credits");
    }
}

#[test]
fn rules_are_listed_and_switched_off_by_name() {
    let (code, out, _) = kashif(&["rules"], b"");
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l.starts_with("spread-names ")), "{out}");
    // A surname alone stands for the person named in full before, by the `spread-names` rule.
    let text = "التقى الرئيس فلاديمير بوتين وفدا. وأكد بوتين دعمه.".as_bytes();
    let (code, out, _) = kashif(&["analyze", "--format", "jsonl"], text);
    assert_eq!(code, 0);
    let people = |out: &str| out.matches("\"label\":\"PER\"").count();
    let sources: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(sources["entities"].as_array().unwrap().iter().all(|m| m["source"].is_string()), "{out}");
    let (code, without, _) = kashif(&["analyze", "--format", "jsonl", "--without", "spread-names,spread-long-names"], text);
    assert_eq!(code, 0);
    assert!(people(&without) <= people(&out));
    let (code, _, err) = kashif(&["analyze", "--without", "no-such-rule"], text);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule 'no-such-rule'") && err.contains("spread-names"), "{err}");
}

/// A tiny CoNLL corpus of four sentences.
const TINY_CONLL: &str = "زار B-PER\nأحمد I-PER\nدمشق B-LOC\n\nوصل O\nعلي B-PER\nإلى O\nحلب B-LOC\n\n\
                          قال O\nسامي B-PER\nفي O\nحمص B-LOC\n\nذهب O\nخالد B-PER\nإلى O\nبيروت B-LOC\n\n";

#[test]
fn a_hold_out_of_100_percent_or_more_is_refused_with_a_message() {
    let scratch = Scratch::new("hold_out");
    let conll = scratch.file("train.txt", TINY_CONLL.as_bytes());
    let out = scratch.0.join("model.bin");
    for percent in ["150", "100", "-5", "NaN"] {
        let args = ["train", "--conll", conll.to_str().unwrap(), "--hold-out", percent, "--out", out.to_str().unwrap()];
        let (code, _, stderr) = kashif(&args, b"");
        assert_eq!(code, 2, "--hold-out {percent}: {stderr}");
        assert!(stderr.contains("--hold-out is a percentage"), "{stderr}");
        assert!(!out.exists(), "no model is written");
    }
}

#[test]
fn training_on_an_empty_corpus_fails_with_a_message() {
    let scratch = Scratch::new("empty_corpus");
    let out = scratch.0.join("model.bin");
    for (name, content) in [("empty.txt", ""), ("blank.txt", "\n\n\n")] {
        let conll = scratch.file(name, content.as_bytes());
        let args = ["train", "--conll", conll.to_str().unwrap(), "--out", out.to_str().unwrap()];
        let (code, _, stderr) = kashif(&args, b"");
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stderr.contains("no sentences to train on") && stderr.contains(name), "{stderr}");
        assert!(!out.exists(), "no model is written");
    }
}

#[test]
fn brat_out_dir_never_overwrites_a_file_it_did_not_create() {
    let scratch = Scratch::new("brat_never_overwrites");
    let article = scratch.file("article.txt", PARAGRAPH.as_bytes());
    let page = scratch.file("page.html", PAGE.as_bytes());
    let mine = scratch.file("page.txt", b"my notes");
    for input in [&article, &page] {
        let args = ["analyze", "--format", "brat", "--out-dir", scratch.0.to_str().unwrap(), input.to_str().unwrap()];
        let (code, stdout, stderr) = kashif(&args, b"");
        assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
        let taken = input.with_extension("txt");
        assert!(stderr.contains(taken.to_str().unwrap()) && stderr.contains("already exists"), "{stderr}");
        assert!(!input.with_extension("ann").exists(), "nothing written: {stderr}");
    }
    assert_eq!(std::fs::read_to_string(&article).unwrap(), PARAGRAPH);
    assert_eq!(std::fs::read(&mine).unwrap(), b"my notes");
    // Into a fresh directory the files are written; run again, the run refuses.
    let out = scratch.0.join("out");
    let args = ["analyze", "--format", "brat", "--out-dir", out.to_str().unwrap(), article.to_str().unwrap()];
    assert_eq!(kashif(&args, b"").0, 0);
    let (code, _, stderr) = kashif(&args, b"");
    assert_eq!(code, 2);
    assert!(stderr.contains("article.txt: already exists"), "{stderr}");
    let help = kashif(&["--help"], b"").1;
    assert!(help.contains("never overwritten"), "{help}");
}

/// Runs kashif on no standard input, killing it after `seconds`: `None` if it was still running.
#[cfg(unix)]
fn kashif_within(args: &[&str], seconds: u64) -> Option<(i32, String)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kashif"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kashif runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    Some((output.status.code().unwrap_or(-1), String::from_utf8(output.stderr).unwrap()))
}

#[cfg(unix)]
#[test]
fn pipes_and_directories_given_as_files_are_refused_not_waited_on() {
    let scratch = Scratch::new("fifo");
    let fifo = scratch.0.join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let (code, stderr) = kashif_within(&["analyze", fifo.to_str().unwrap()], 10).expect("kashif does not block on a FIFO");
    assert_eq!(code, 2);
    assert!(stderr.contains("pipe.txt: not a regular file"), "{stderr}");
    let conll = ["train", "--conll", fifo.to_str().unwrap(), "--out", "unused.bin"];
    let (code, stderr) = kashif_within(&conll, 10).expect("train does not block on a FIFO");
    assert_eq!(code, 2);
    assert!(stderr.contains("not a regular file"), "{stderr}");
    let (code, stderr) = kashif_within(&["analyze", scratch.0.to_str().unwrap()], 10).unwrap();
    assert_eq!(code, 2);
    assert!(stderr.contains("a directory, not a file"), "{stderr}");
}

#[test]
fn a_utf8_file_with_a_broken_byte_stays_utf8_with_a_warning() {
    let scratch = Scratch::new("broken_utf8");
    let mut bytes = PARAGRAPH.as_bytes().to_vec();
    bytes.insert(PARAGRAPH.find(" في").unwrap(), 0xFF);
    let file = scratch.file("broken.txt", &bytes);
    let (code, stdout, stderr) = kashif(&["analyze", "--format", "jsonl", file.to_str().unwrap()], b"");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("broken.txt: warning: read as UTF-8, 1 byte sequence that is not UTF-8 replaced"), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    let names: Vec<&str> = value["entities"].as_array().unwrap().iter().filter_map(|e| e["text"].as_str()).collect();
    assert!(names.contains(&"موسكو"), "{stdout}");
    // Standard input too; and a valid file says nothing.
    let (code, _, stderr) = kashif(&["analyze"], &bytes);
    assert_eq!(code, 0);
    assert!(stderr.contains("stdin: warning: read as UTF-8, 1 byte sequence"), "{stderr}");
    let (_, _, stderr) = kashif(&["analyze"], PARAGRAPH.as_bytes());
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn encrypted_word_documents_are_said_to_be_password_protected() {
    let scratch = Scratch::new("encrypted_docx");
    // A .docx whose entries have the encryption flag (bit 0 of the general purpose flags).
    let mut zip = docx(&["زار بوتين دمشق."]);
    for at in 0..zip.len() - 8 {
        match &zip[at..at + 4] {
            b"PK\x03\x04" => zip[at + 6] |= 1,
            b"PK\x01\x02" => zip[at + 8] |= 1,
            _ => {}
        }
    }
    // What Word writes with a password: an OLE compound file holding an EncryptedPackage stream.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0; 504]);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    ole.extend([0; 64]);
    for (name, bytes) in [("flagged.docx", &zip), ("protected.docx", &ole), ("protected-no-extension", &ole)] {
        let file = scratch.file(name, bytes);
        let (code, _, stderr) = kashif(&["analyze", file.to_str().unwrap()], b"");
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stderr.contains(&format!("{name}: a password-protected (encrypted) Word document")), "{stderr}");
    }
}

#[test]
fn standard_input_has_the_cap_of_files() {
    let (code, stdout, stderr) = kashif(&["analyze"], &vec![b' '; 20 * 1024 * 1024 + 1]);
    assert_eq!((code, stdout.as_str()), (2, "[]\n"), "{stderr}");
    assert!(stderr.contains("stdin: larger than 20 MiB; split it into smaller files"), "{stderr}");
}

/// The five-article story of `tests/claims/`.
fn story_files() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../kashif-core/tests/claims");
    ["a", "b", "c", "d", "e"].iter().map(|x| dir.join(format!("story-{x}.txt")).to_string_lossy().into_owned()).collect()
}

#[test]
fn compare_groups_the_claims_and_flags_only_the_disagreement_on_the_toll() {
    let files = story_files();
    let mut args = vec!["compare"];
    args.extend(files.iter().map(String::as_str));
    let (code, stdout, stderr) = kashif(&args, b"");
    assert_eq!(code, 0, "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["documents"].as_array().unwrap().len(), 5);
    let groups = value["groups"].as_array().unwrap();
    let flagged: Vec<&serde_json::Value> = groups.iter().filter(|g| g["discrepancy"] == true).collect();
    assert_eq!(flagged.len(), 1, "{stdout}");
    let toll = flagged[0];
    assert_eq!((&toll["event"], &toll["whom"], &toll["side"]), (&"killed".into(), &"soldiers".into(), &"turkish".into()));
    let claims: Vec<(u64, f64, &str)> = toll["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["doc"].as_u64().unwrap(), c["value"].as_f64().unwrap(), c["source"].as_str().unwrap()))
        .collect();
    // Which claims the group holds is the core's test (corpus::claims); here, that the JSON
    // carries them, and that a claim with no named source is the outlet's: its file's name.
    let docs_and_values: Vec<(u64, f64)> = claims.iter().map(|&(doc, value, _)| (doc, value)).collect();
    assert_eq!(docs_and_values, [(0, 33.0), (1, 34.0), (2, 34.0), (2, 33.0), (4, 30.0)]);
    assert_eq!(claims[4].2, files[4].as_str());
    assert!(toll["claims"][3]["sentence"].as_str().unwrap().contains("بيان للبيت الأبيض"));

    // CSV: a header, then one row per claim; the toll's five claims are the discrepancy's rows.
    args.insert(1, "--format=csv");
    let (code, csv, stderr) = kashif(&args, b"");
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("group,event,whom,side,place,period,discrepancy,document,source,value"), "{csv}");
    let total: usize = groups.iter().map(|g| g["claims"].as_array().unwrap().len()).sum();
    assert_eq!(lines.len(), 1 + total, "{csv}");
    assert_eq!(lines.iter().filter(|l| l.contains(",true,")).count(), 5, "{csv}");

    let (code, _, stderr) = kashif(&["compare", "--format", "xml"], b"");
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown format \"xml\" for compare"), "{stderr}");
}

#[test]
fn articles_stream_as_json_lines_in_order_linked_across_batches_and_bad_lines_are_named() {
    // More articles than one batch holds (256), so that linking crosses batches.
    let mut lines = String::new();
    for n in 0..300 {
        let text = if n == 299 { "وأكد الهاشمي أن القصف مستمر".to_owned() } else { format!("قال محمد صالح الهاشمي في حلب إن {n} مدنيا نزحوا") };
        lines.push_str(&serde_json::json!({ "id": format!("a{n}"), "text": text }).to_string());
        lines.push('\n');
        if n == 10 {
            lines.push_str("{not json\n\n{\"id\": \"x\"}\n");
        }
    }
    let (code, stdout, stderr) = kashif(&["analyze", "--input", "jsonl", "--format", "jsonl"], lines.as_bytes());
    assert_eq!(code, 2, "bad lines give exit code 2");
    assert!(stderr.contains("stdin:12: not a JSON object"), "{stderr}");
    assert!(stderr.contains("stdin:14: no \"text\""), "{stderr}");
    let documents: Vec<serde_json::Value> = stdout.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(documents.len(), 300);
    assert!(documents.iter().enumerate().all(|(n, d)| d["name"] == format!("a{n}")));
    let id_of = |document: &serde_json::Value, text: &str| {
        document["entities"].as_array().unwrap().iter().find(|e| e["text"] == text).map(|e| e["id"].clone())
    };
    let full = id_of(&documents[0], "محمد صالح الهاشمي").expect("the full name is found");
    assert_eq!(id_of(&documents[299], "الهاشمي"), Some(full), "a surname links to the full name of an earlier batch");

    // The same articles as one JSON array; a usage error for another format.
    let (code, stdout, _) = kashif(&["analyze", "--input", "jsonl"], lines.as_bytes());
    assert_eq!(code, 2);
    let array: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(array.as_array().unwrap().len(), 300);
    let (code, _, stderr) = kashif(&["analyze", "--input", "jsonl", "--format", "csv"], b"");
    assert_eq!(code, 2);
    assert!(stderr.contains("--input jsonl writes json or jsonl"), "{stderr}");
}

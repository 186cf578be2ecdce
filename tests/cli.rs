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

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kashif-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
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
    let good = temp_file("good.txt", "وصل لافروف إلى دمشق".as_bytes());
    let binary = temp_file("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
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
    // «إدلب» in Windows-1256, and in UTF-16LE with a byte-order mark.
    let cp1256 = temp_file("old.txt", &[0xC5, 0xCF, 0xE1, 0xC8]);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("إدلب".encode_utf16().flat_map(u16::to_le_bytes));
    let utf16 = temp_file("utf16.txt", &utf16);
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
    // A name no lexicon lists, spelled two ways in two articles.
    let a = temp_file("a-corpus.txt", "قال المتحدث باسم الحملة يوهان فادفول إن الوضع صعب.".as_bytes());
    let b = temp_file("b-corpus.txt", "وأكد المتحدث يوهان فادفوول أن الوضع صعب.".as_bytes());
    let (code, stdout, stderr) = kashif(&["analyze", "--format", "jsonl", a.to_str().unwrap(), b.to_str().unwrap()], b"");
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

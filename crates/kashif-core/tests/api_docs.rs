//! Every item of the core's public API is documented with an example: each `pub` type,
//! function, method, constant and module of `src/` (and the crate root) has a doc comment that
//! holds a Rust code block (```` ``` ```` or ```` ```rust ````, which `cargo test --doc` runs)
//! with an `assert` in it. Fields and enum variants need a doc line only (`missing_docs`).
//!
//! This reads the sources as text. It relies on `pub` meaning public API: an item of a
//! crate-private module says `pub(crate)`, which `#![deny(unreachable_pub)]` in `lib.rs`
//! enforces, so every `pub` item found here is reachable from outside. Items under
//! `#[doc(hidden)]` are not API and are left out. A `pub mod NAME;` is documented by the `//!`
//! lines of its file.

use std::fs;
use std::path::{Path, PathBuf};

/// One public item: where it is declared, its declaration line, and whether its documentation
/// has an example.
#[derive(Debug)]
struct Item {
    at: String,
    declaration: String,
    example: bool,
}

/// Every `.rs` file under `dir`, sorted.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether a declaration (trimmed) declares a public item, not a field, a re-export or a
/// `pub(crate)` item.
fn is_public_item(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("pub ") else { return false };
    let rest = rest.strip_prefix("const fn ").map_or(rest, |_| "fn ");
    let rest = rest.strip_prefix("unsafe ").unwrap_or(rest);
    ["fn ", "struct ", "enum ", "const ", "static ", "type ", "trait ", "mod "].iter().any(|k| rest.starts_with(k))
}

/// Whether documentation holds a Rust code block with an `assert` in it.
fn has_example(doc: &[String]) -> bool {
    let (mut inside, mut rust, mut asserts) = (false, false, false);
    for line in doc {
        if let Some(info) = line.trim().strip_prefix("```") {
            if inside && rust && asserts {
                return true;
            }
            if !inside {
                rust = info.is_empty() || info.split(',').any(|tag| tag.trim() == "rust");
                asserts = false;
            }
            inside = !inside;
        } else if inside && line.contains("assert") {
            asserts = true;
        }
    }
    false
}

/// The text of doc lines: `/// x` and `//! x` give `x`.
fn doc_text(line: &str, marker: &str) -> Option<String> {
    line.trim_start().strip_prefix(marker).map(|rest| rest.strip_prefix(' ').unwrap_or(rest).to_owned())
}

/// The `//!` documentation a file opens with.
fn inner_doc(source: &str) -> Vec<String> {
    source.lines().map_while(|line| doc_text(line, "//!")).collect()
}

/// The public items of one file's source, each with the `///` lines and attributes right above
/// it; `module_doc` gives the `//!` documentation of the file a `pub mod NAME;` declares.
fn public_items(name: &str, source: &str, module_doc: &dyn Fn(&str) -> Vec<String>) -> Vec<Item> {
    let mut items = Vec::new();
    let (mut doc, mut hidden, mut attribute_depth) = (Vec::new(), false, 0i32);
    for (index, line) in source.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(text) = doc_text(trimmed, "///") {
            doc.push(text);
            continue;
        }
        if attribute_depth > 0 || trimmed.starts_with("#[") {
            attribute_depth += trimmed.matches('[').count() as i32 - trimmed.matches(']').count() as i32;
            hidden |= trimmed.replace(' ', "").contains("doc(hidden)");
            continue;
        }
        if is_public_item(trimmed) && !hidden {
            let mut documentation = doc.clone();
            if let Some(module) = trimmed.strip_prefix("pub mod ").and_then(|m| m.strip_suffix(';')) {
                documentation.extend(module_doc(module));
            }
            let declaration = trimmed.trim_end_matches(['{', '}', ';', ' ']).to_owned();
            items.push(Item { at: format!("{name}:{}", index + 1), declaration, example: has_example(&documentation) });
        }
        (doc, hidden) = (Vec::new(), false);
    }
    items
}

/// The public items of `src/` and the crate root itself.
fn api() -> Vec<Item> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut items = Vec::new();
    for path in files {
        let source = fs::read_to_string(&path).unwrap();
        let name = path.strip_prefix(src.parent().unwrap()).unwrap().display().to_string();
        if path.ends_with("lib.rs") {
            let example = has_example(&inner_doc(&source));
            items.push(Item { at: format!("{name}:1"), declaration: "crate kashif_core".to_owned(), example });
        }
        let dir = path.parent().unwrap().to_path_buf();
        let own = if matches!(path.file_stem().unwrap().to_str(), Some("mod" | "lib")) {
            dir
        } else {
            path.with_extension("")
        };
        let module_doc = |module: &str| {
            let file =
                [own.join(format!("{module}.rs")), own.join(module).join("mod.rs")].into_iter().find(|f| f.is_file());
            file.map(|f| inner_doc(&fs::read_to_string(f).unwrap())).unwrap_or_default()
        };
        items.extend(public_items(&name, &source, &module_doc));
    }
    items
}

#[test]
fn every_public_item_has_an_example() {
    let items = api();
    assert!(items.len() >= 100, "the public items are read: {items:#?}");
    let missing: Vec<String> =
        items.iter().filter(|item| !item.example).map(|item| format!("{}: {}", item.at, item.declaration)).collect();
    println!("{} public items, {} with an example", items.len(), items.len() - missing.len());
    assert!(missing.is_empty(), "{} public items have no example:\n{}", missing.len(), missing.join("\n"));
}

#[test]
fn items_and_their_docs_are_read() {
    let source = "\
/// A type.
///
/// ```
/// assert!(true);
/// ```
#[derive(
    Debug,
)]
pub struct Documented {
    /// A field.
    pub field: u8,
}

/// No example.
pub(crate) fn crate_only() {}

/// Text only.
///
/// ```text
/// assert
/// ```
pub const fn text_only() {}

#[doc(hidden)]
pub fn hidden() {}

impl Documented {
    /// No example either.
    pub fn method(&self) {}
}

pub use self::other::Thing;
pub mod child;
";
    let items = public_items("x.rs", source, &|_| vec!["```".into(), "assert_eq!(1, 1);".into(), "```".into()]);
    let found: Vec<(&str, bool)> = items.iter().map(|i| (i.declaration.as_str(), i.example)).collect();
    assert_eq!(
        found,
        [
            ("pub struct Documented", true),
            ("pub const fn text_only()", false),
            ("pub fn method(&self)", false),
            ("pub mod child", true)
        ]
    );
    assert_eq!(items[0].at, "x.rs:9");
}

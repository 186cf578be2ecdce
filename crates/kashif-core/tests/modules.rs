//! The module graph of every crate of the workspace (`crates/*/src`) has no import cycle: within
//! each folder, the modules (files and subfolders) that import one another through `super::NAME`
//! or `crate::PATH::NAME` form no loop, so each layer can be read (and moved) without the ones
//! above it. A subfolder is one module: what any file of it imports counts (`corpus/claims.rs`
//! importing `crate::word_tables` is `corpus` importing `word_tables`). A folder's `mod.rs` (and
//! a crate's `lib.rs` or `main.rs`) is its parent and is left out: it declares the files and may
//! use them. Test code (an item under `#[cfg(test)]`) may reach any layer and is left out too.
//! (Between crates Cargo itself refuses a cycle.)
//!
//! This reads the sources as text (imports and paths, comments dropped): a path built by a macro
//! is not seen.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Module name → the sibling modules it names.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The folders of `src/` that hold more than one module, with their path in the crate
/// (`src/extract` → `crate::extract`).
fn folders(dir: &Path, crate_path: &str, out: &mut Vec<(PathBuf, String)>) {
    out.push((dir.to_path_buf(), crate_path.to_owned()));
    let mut entries: Vec<PathBuf> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries.into_iter().filter(|p| p.is_dir()) {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        folders(&path, &format!("{crate_path}::{name}"), out);
    }
}

/// The modules of a folder: its `.rs` files but `mod.rs`, and its subfolders.
fn modules(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let stem = p.file_stem()?.to_str()?.to_owned();
            let rust = p.extension().is_some_and(|e| e == "rs") && !matches!(stem.as_str(), "mod" | "lib" | "main");
            (rust || p.is_dir()).then_some(stem)
        })
        .collect()
}

/// The source without its `//` comments and without its test code: each item under
/// `#[cfg(test)]` (a `mod tests { … }`, an `impl` for the tests, a `use`), to the brace that
/// closes it or the `;` that ends it.
fn code(path: &Path) -> String {
    let source = fs::read_to_string(path).unwrap();
    let mut lines = source.lines().map(|l| l.split("//").next().unwrap_or(""));
    let mut kept = Vec::new();
    while let Some(line) = lines.next() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            skip_item(&mut lines);
        } else {
            kept.push(line);
        }
    }
    kept.join("\n")
}

/// Skips the lines of one item (its attributes, then up to its closing brace or final `;`).
fn skip_item<'a>(lines: &mut impl Iterator<Item = &'a str>) {
    let mut depth = 0i32;
    let mut opened = false;
    for line in lines.by_ref() {
        if !opened && line.trim_start().starts_with("#[") {
            continue;
        }
        for c in line.chars() {
            match c {
                '{' => (depth, opened) = (depth + 1, true),
                '}' => depth -= 1,
                _ => {}
            }
        }
        if (opened && depth <= 0) || (!opened && line.trim_end().ends_with(';')) {
            return;
        }
    }
}

/// The files of a module of `dir` (`name.rs`, or every `.rs` file under the folder `name`), each
/// with whether its `super::` is `dir` (the file itself, or the folder's `mod.rs`).
fn module_files(dir: &Path, name: &str) -> Vec<(PathBuf, bool)> {
    let file = dir.join(format!("{name}.rs"));
    if file.is_file() {
        return vec![(file, true)];
    }
    let folder = dir.join(name);
    let mut files = Vec::new();
    let mut pending = vec![folder.clone()];
    while let Some(at) = pending.pop() {
        for path in fs::read_dir(&at).unwrap().map(|e| e.unwrap().path()) {
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let super_is_dir = path == folder.join("mod.rs");
                files.push((path, super_is_dir));
            }
        }
    }
    files.sort();
    files
}

/// The first names of a path after `prefix`: `a` for `prefix a::b`, and `a`, `c` for
/// `prefix {a::b, c}`.
fn first_names(after: &str) -> Vec<String> {
    let ident = |s: &str| s.trim_start().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>();
    let Some(group) = after.strip_prefix('{') else { return vec![ident(after)] };
    let (mut depth, mut names, mut start) = (0usize, Vec::new(), 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                names.push(ident(&group[start..i]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(ident(&group[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    names
}

/// The imports among the modules of one folder.
fn graph(dir: &Path, crate_path: &str) -> Graph {
    let names = modules(dir);
    let mut graph = Graph::new();
    for name in &names {
        let used = graph.entry(name.clone()).or_default();
        for (path, super_is_dir) in module_files(dir, name) {
            let source = code(&path);
            let mut prefixes = vec![format!("{crate_path}::")];
            if super_is_dir {
                prefixes.push("super::".to_owned());
            }
            for prefix in &prefixes {
                for (at, _) in source.match_indices(prefix.as_str()) {
                    let named = first_names(&source[at + prefix.len()..]);
                    used.extend(named.into_iter().filter(|n| n != name && names.contains(n)));
                }
            }
        }
    }
    graph
}

/// A loop of the graph, if it has one (depth-first search).
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(node: &str, graph: &Graph, path: &mut Vec<String>, done: &mut BTreeSet<String>) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            return Some(path[at..].iter().cloned().chain([node.to_owned()]).collect());
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_folder_of_any_crate_has_an_import_cycle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut crates: Vec<PathBuf> = fs::read_dir(root.join("crates")).unwrap().map(|e| e.unwrap().path().join("src")).collect();
    crates.sort();
    assert!(crates.len() >= 4, "the workspace's crates are read: {crates:?}");
    let mut all = Vec::new();
    for src in crates {
        folders(&src, "crate", &mut all);
    }
    for (dir, crate_path) in all {
        if let Some(found) = cycle(&graph(&dir, &crate_path)) {
            let shown = dir.strip_prefix(&root).unwrap_or(&dir);
            panic!("an import cycle in {}: {}", shown.display(), found.join(" -> "));
        }
    }
}

#[test]
fn a_cycle_is_found() {
    let graph: Graph = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")]
        .into_iter()
        .map(|(from, to)| (from.to_owned(), BTreeSet::from([to.to_owned()])))
        .collect();
    assert_eq!(cycle(&graph), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    let acyclic: Graph = [("a", "b"), ("b", "c")].into_iter().map(|(f, t)| (f.to_owned(), BTreeSet::from([t.to_owned()]))).collect();
    assert_eq!(cycle(&acyclic), None);
}

#[test]
fn grouped_imports_name_each_module() {
    assert_eq!(first_names("{state::DocId, i18n::{Lang, Msg}, store};"), ["state", "i18n", "store"]);
    assert_eq!(first_names("workspace::CorpusEntry;"), ["workspace"]);
}

#[test]
fn test_code_is_left_out() {
    let dir = std::env::temp_dir().join(format!("kashif-modules-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.rs");
    let source = "use crate::b::X;\n#[cfg(test)]\nuse crate::c::Y;\n#[cfg(test)]\n#[allow(dead_code)]\nmod tests {\n    fn f() { crate::d::g(); }\n}\nfn h() { crate::e::i(); }\n";
    fs::write(&path, source).unwrap();
    let kept = code(&path);
    fs::remove_dir_all(&dir).unwrap();
    assert!(kept.contains("crate::b::X") && kept.contains("crate::e::i"), "{kept}");
    assert!(!kept.contains("crate::c::") && !kept.contains("crate::d::"), "{kept}");
}

//! Golden snapshots: the full JSON analysis of a few texts written for these tests
//! (`tests/snapshots/*.txt`) is committed beside them (`*.json`). Any change of behaviour shows
//! as a diff of those files. After a change you mean, regenerate them with
//! `KASHIF_UPDATE_SNAPSHOTS=1 cargo test --test snapshots` and review the diff.

use std::path::{Path, PathBuf};

fn snapshot_texts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut texts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/snapshots")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    texts
}

#[test]
fn analyses_match_their_snapshots() {
    let analyzer = kashif_core::Analyzer::new();
    let update = std::env::var_os("KASHIF_UPDATE_SNAPSHOTS").is_some();
    let mut differing = Vec::new();
    let texts = snapshot_texts();
    assert!(texts.len() >= 4, "the snapshot texts are missing");
    for path in texts {
        let text = std::fs::read_to_string(&path).expect("snapshot text");
        let json = serde_json::to_string_pretty(&analyzer.analyze(&text)).expect("json") + "\n";
        let expected_path = path.with_extension("json");
        if update {
            std::fs::write(&expected_path, &json).expect("write snapshot");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != json {
            let actual_path = path.with_extension("actual.json");
            std::fs::write(&actual_path, &json).expect("write actual");
            differing.push(format!("{} (now in {})", expected_path.display(), actual_path.display()));
        }
    }
    assert!(
        differing.is_empty(),
        "analyses differ from their snapshots: {differing:#?}\ndiff them; if the change is meant, run \
         KASHIF_UPDATE_SNAPSHOTS=1 cargo test --test snapshots"
    );
}

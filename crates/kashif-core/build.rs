//! Encodes the large embedded tables for the wasm build (`src/codec.rs`, `src/embedded.rs`):
//! `data/*.tsv` and `data/tagger.bin` stay the committed sources; their compact forms are
//! written to `OUT_DIR` and checked to decode back to the very same bytes.

#[path = "src/codec.rs"]
mod codec;

use std::path::Path;

/// The small tables (`src/embedded.rs`), embedded without their comment lines: every parser
/// passes over lines that start with `#`, and the wasm page and worker need not carry them.
const SMALL_TABLES: [&str; 17] = [
    "calibration",
    "demonyms",
    "quote_words",
    "feature_words",
    "name_heads",
    "place_cues",
    "letter_names",
    "seats",
    "claim_words",
    "outlets",
    "descriptors",
    "figure_words",
    "vague_quantities",
    "title_words",
    "date_words",
    "rule_words",
    "number_words",
];

/// The tables and how many leading fields make the key of a line (see `src/codec.rs`).
const TABLES: [(&str, usize); 5] =
    [("word_freq", 1), ("clusters", 1), ("wiki_ner", 2), ("person_names", 1), ("lexicon", 1)];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/codec.rs");
    // The committed data of the repository, two levels above this crate.
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    for (name, key_fields) in TABLES {
        let source = data.join(format!("{name}.tsv")).display().to_string();
        println!("cargo:rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let compact = codec::encode_text(&text, key_fields).unwrap_or_else(|| panic!("{source}: cannot be encoded"));
        assert_eq!(codec::decode_text(&compact).as_deref(), Some(text.as_str()), "{source} decodes back");
        write(&Path::new(&out).join(format!("{name}.kct")), &compact);
    }
    for name in SMALL_TABLES {
        let source = data.join(format!("{name}.tsv")).display().to_string();
        println!("cargo:rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        write(&Path::new(&out).join(format!("{name}.tsv")), without_comments(&text).as_bytes());
    }
    let source = data.join("tagger.bin").display().to_string();
    println!("cargo:rerun-if-changed={source}");
    let model = std::fs::read(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let compact = codec::encode_model(&model).unwrap_or_else(|| panic!("{source}: not a tagger model"));
    assert_eq!(codec::decode_model(&compact).as_deref(), Some(model.as_slice()), "{source} decodes back");
    write(&Path::new(&out).join("tagger.kcm"), &compact);
}

/// The lines of `text` that are not comments (`#` first), each with its line break.
fn without_comments(text: &str) -> String {
    text.split_inclusive('\n').filter(|line| !line.starts_with('#')).collect()
}

fn write(path: &Path, bytes: &[u8]) {
    // Unchanged files are left alone, so that nothing that includes them is rebuilt.
    if std::fs::read(path).ok().as_deref() != Some(bytes) {
        std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

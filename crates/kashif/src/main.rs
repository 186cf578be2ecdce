//! `kashif`: the command-line analyzer.
//!
//! ```text
//! kashif analyze [--format json|jsonl|csv|conll|brat|html|figures-csv] [--out-dir DIR] [FILE...]
//! ```
//! Reads each FILE (`.txt`, `.md`, `.html`, `.docx`; standard input, as text, when none is
//! given or for `-`), detects its encoding (UTF-8, UTF-16 with a byte-order mark,
//! Windows-1256), and prints the mentions found. A file that cannot be read is reported on
//! stderr with its name; the others are still analyzed and the exit code is 2.

mod stream;

/// mimalloc, not the system's allocator: analysis allocates many short-lived vectors and
/// strings, and glibc's malloc and free were 16% of the instructions of the 1 MB news corpus.
/// Built without asking the kernel for transparent huge pages (`no_thp`): the kernel zeroes a
/// whole 2 MB page at its first touch, where the process may use a few KB of it. On the 10 MB
/// corpus on one core (10 runs each, in turn): peak memory 124 -> 102 MB, system time 0.24 ->
/// 0.06 s, elapsed median 2.05 -> 1.90 s (user time +2%: the model's table in 4 KB pages). Two
/// threads with their own word caches pay more for the small pages: the 100 MB corpus on two
/// cores took 11.9-12.6 s rather than 11.7-11.9 (two runs each; user time +1 s, peak memory
/// 191 -> 155 MB).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{Read, Write};
use std::process::ExitCode;

use kashif_core::conll;
use kashif_train::eval::{score_sentences, Scores};
use kashif_core::corpus::{claim_groups, claims_to_csv, CorpusDoc};
use kashif_core::export::{figures_to_csv, to_brat, to_conll, to_csv, to_html_report, write_json, write_jsonl, NamedAnalysis};
use kashif_core::ingest::{read_document, Byline, IngestError};
use kashif_core::text::decode::{decode_bytes, decode_with_encoding, invalid_utf8_sequences, Encoding};
use kashif_core::{Analysis, Analyzer, Label};

const USAGE: &str = "\
usage: kashif analyze [--format FORMAT] [--out-dir DIR] [--without RULE,...] [FILE...]
       kashif analyze --input jsonl [--format json|jsonl] [FILE...]
       kashif compare [--format json|csv] FILE...
       kashif eval --conll FILE [--conll FILE...] [--types PER,LOC,ORG] [--model FILE]
                   [--window N] [--errors] [--without RULE,...]
       kashif rules
       kashif credits
       kashif train --conll FILE [--conll FILE...] --out FILE [--epochs N]
                    [--min-count N] [--hold-out PERCENT] [--folds N]
                    [--eval-window N] [--adapt]
                    [--cost X] [--miss-cost X] [--dropout P] [--seed N]
                    [--ensemble N] [--prune N]
       kashif clusters [--conll FILE...] [--text FILE...] --out FILE
                       [--classes N,N...] [--min-count N] [--passes N]

Finds people (PER), organizations (ORG), places (LOC), other names (MISC),
dates (DATE) and numbers (NUM) in Arabic text. FILE may be text (.txt),
Markdown (.md), a web page (.html, .htm) or a Word document (.docx); other
names are recognized by their content. With no FILE, or with -, reads
standard input as text. Text may be UTF-8, UTF-16 (with a byte-order mark)
or Windows-1256; UTF-8 with a few broken bytes is read as UTF-8, each broken
sequence replaced by U+FFFD, with a warning. A file, standard input or the
text of a .docx over 20 MB is refused, as are pipes, devices and
directories given as FILE. Offsets count chars of the text once markup is
removed.

options:
  --format FORMAT   json (default): one array of {name, byline, entities,
                    figures, quotes} (byline: the headline, outlet and date
                    the document gives, when it gives one: a web page's
                    meta tags, a first line, a dateline `(رويترز) -`, a
                    signature); jsonl: one object per document and line;
                    csv: one row per mention;
                    conll: token<TAB>BIO tag, a blank line between sentences;
                    brat: the brat .ann of one FILE (with --out-dir, the .txt
                    and .ann of every FILE);
                    html: a self-contained report of all documents;
                    figures-csv: one row per counted figure
  --out-dir DIR     with --format brat: write DIR/NAME.txt and DIR/NAME.ann
                    per input (NAME: the file name without its extension).
                    An existing file is never overwritten (not even an
                    input in DIR): if one of these files is already there,
                    nothing is written and kashif names it and exits with 2
  --without RULES   switch off these steps of the rule stage (names
                    separated by commas; `kashif rules` lists them)
  --input jsonl     read articles as JSON Lines, one {id, text} object a
                    line (id optional: FILE:LINE names the article), from
                    the FILEs or standard input, of any size: they are
                    analyzed in batches on every core and written as each
                    batch is done, in input order (json or jsonl), with
                    entities linked across the whole stream; a bad line is
                    named on stderr and skipped (exit code 2); progress on
                    stderr when it is a terminal
  -h, --help        this help
  -V, --version     the version

compare: reads every figure of the FILEs (read as analyze reads them) as a
claim: what happened (killed, wounded, displaced, detained, missing), to whom
(soldiers, civilians… and the side: جنديا تركيا، عناصر من قوات النظام),
where and when the sentence says, and according to whom (the name after
بحسب، وفق، نقلا عن، أعلن، في بيان لـ…, the speaker of a quote, else the
document itself). Claims of one event, group, place and period are grouped,
within and across the FILEs; a group is a discrepancy when two of its claims
disagree (`33` and `34` do; `أكثر من 30` and `33` do not). Claims of other
groups, places or periods are never compared. --format json (default): one
object {documents, groups}; csv: one row per claim with its group.

credits: prints the sources of the embedded data, their licences and the
attribution each asks for (NOTICE.md).

rules: lists the named steps of the rule stage that runs after the tagger,
in the order they run, with what each does; --without switches them off
(in analyze and eval), so that an ablation is a flag.

eval: tags the tokens of CoNLL files (token tag, blank line between
sentences) and prints entity-level exact-match precision, recall and F1
per type and micro-averaged, conlleval-style. --types limits the types
counted (default PER,LOC,ORG,MISC); --model evaluates another tagger model;
--window N analyzes N consecutive sentences of a file as one document
(default 10, as Kashif reads whole articles; 1 reads each sentence alone);
--errors prints every missed (MISS) and false (FALSE) entity with its
context to stderr.

train: trains the tagger on CoNLL files and writes the model (data/tagger.bin
is the embedded one). --hold-out P keeps the last P% of the first file's
sentences out of training and prints the eval table on them (a dev split);
--folds N instead prints N-fold cross-validation over the first file (no
model is written). --eval-window N sets how many consecutive sentences the
dev and fold scores analyze as one document (default 10, as eval). --adapt trains with domain adaptation: the first file is
the target domain, each other file a domain of its own; every feature also
gets a copy per domain, and the model keeps the shared weights plus the
first file's copy, summed, so tagging costs the same. --cost X adds X to the
score of every wrong tag while training (loss-augmented decoding); --miss-cost
X is that cost for O where the gold tag is an entity's. --dropout P leaves the
identity features (word and stem) of a share P of the training tokens out,
drawn anew at every pass. --seed N sets the seed of the shuffles and the
dropout (another seed gives another model: how much a score moves with it is
the noise of training). --ensemble N trains N models with N seeds, on as
many threads as there are cores, and keeps the mean of their weights: one
model of the same size and speed, with less of that noise. --prune N leaves
out of the model every weight of N quanta or fewer (the model stores weights
as multiples of its largest over 127) and the features left with none.

clusters: clusters the folded stems of the tokens of CoNLL files (their tags
are not read) and of plain text files (--text, split into sentences at
line breaks and end marks as the analyzer splits a text; - is standard input)
into word classes and writes the map the tagger's features read
(data/clusters.tsv is the embedded one): --classes the class counts of the
clusterings (default 64,512), --min-count the rarest stem kept (default 3),
--passes the exchange passes (default 12).
";

/// CoNLL corpora and plain texts to cluster larger than this are refused rather than read into
/// memory (what `analyze` reads, files and standard input, has the smaller limit of
/// [`kashif_core::ingest::MAX_INPUT_BYTES`]).
const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Json,
    Jsonl,
    Csv,
    Conll,
    Brat,
    Html,
    FiguresCsv,
}

const FORMATS: &str = "json, jsonl, csv, conll, brat, html or figures-csv";

struct Options {
    format: Format,
    /// `--input jsonl`: the inputs are streams of articles (see `stream`).
    jsonl_input: bool,
    inputs: Vec<String>,
    out_dir: Option<String>,
    without: Vec<String>,
}

/// The names of a `--without` list (`a,b`).
fn rule_list(value: Option<&String>) -> Result<Vec<String>, String> {
    let value = value.ok_or("--without needs rule names (see `kashif rules`)")?;
    Ok(value.split(',').map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned).collect())
}

fn parse_analyze_args(args: &[String]) -> Result<Options, String> {
    let mut format = Format::Json;
    let mut inputs = Vec::new();
    let mut out_dir = None;
    let mut without = Vec::new();
    let mut jsonl_input = false;
    let mut iter = args.iter();
    let mut only_files = false;
    while let Some(arg) = iter.next() {
        let value = if only_files {
            None
        } else if arg == "--format" {
            Some(iter.next().ok_or(format!("--format needs a value: {FORMATS}"))?.as_str())
        } else if let Some(value) = arg.strip_prefix("--format=") {
            Some(value)
        } else if arg == "--out-dir" {
            out_dir = Some(iter.next().ok_or("--out-dir needs a directory")?.clone());
            continue;
        } else if let Some(value) = arg.strip_prefix("--out-dir=") {
            out_dir = Some(value.to_owned());
            continue;
        } else if arg == "--without" {
            without.extend(rule_list(iter.next())?);
            continue;
        } else if arg == "--input" || arg.starts_with("--input=") {
            let value = arg.strip_prefix("--input=").or_else(|| iter.next().map(String::as_str));
            jsonl_input = match value {
                Some("jsonl") => true,
                Some("text") => false,
                _ => return Err("--input needs a value: jsonl (or text, the default)".to_owned()),
            };
            continue;
        } else if arg == "--" {
            only_files = true;
            continue;
        } else if arg.starts_with('-') && arg != "-" {
            return Err(format!("unknown option {arg}"));
        } else {
            None
        };
        match value {
            Some(name) => format = format_named(name)?,
            None => inputs.push(arg.clone()),
        }
    }
    if inputs.is_empty() {
        inputs.push("-".to_owned());
    }
    let options = Options { format, jsonl_input, inputs, out_dir, without };
    check_analyze_options(&options)?;
    Ok(options)
}

/// The output format named `name` (`--format NAME`).
fn format_named(name: &str) -> Result<Format, String> {
    Ok(match name {
        "json" => Format::Json,
        "jsonl" => Format::Jsonl,
        "csv" => Format::Csv,
        "conll" => Format::Conll,
        "brat" => Format::Brat,
        "html" => Format::Html,
        "figures-csv" => Format::FiguresCsv,
        other => return Err(format!("unknown format {other:?}: use {FORMATS}")),
    })
}

/// Refuses the options of `kashif analyze` that do not go together.
fn check_analyze_options(options: &Options) -> Result<(), String> {
    let Options { format, jsonl_input, inputs, out_dir, .. } = options;
    if out_dir.is_some() && *format != Format::Brat {
        return Err("--out-dir is for --format brat".to_owned());
    }
    if *format == Format::Brat && out_dir.is_none() && inputs.len() > 1 {
        return Err("--format brat prints the annotations of one FILE: give one, or --out-dir DIR".to_owned());
    }
    if *jsonl_input && !matches!(format, Format::Json | Format::Jsonl) {
        return Err("--input jsonl writes json or jsonl: choose one of them with --format".to_owned());
    }
    if *jsonl_input && out_dir.is_some() {
        return Err("--out-dir is for --format brat, which --input jsonl does not write".to_owned());
    }
    Ok(())
}

/// Reads one input whole, refusing what is too large to be an article collection.
fn read_input(path: &str) -> Result<Vec<u8>, String> {
    read_limited(path, MAX_INPUT_BYTES)
}

/// Reads one input whole, up to `max` bytes (more is an error).
fn read_limited(path: &str, max: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let limit = max + 1;
    let result = if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        check_regular_file(path)?;
        match std::fs::File::open(path) {
            Ok(file) => file.take(limit).read_to_end(&mut bytes),
            Err(error) => return Err(error.to_string()),
        }
    };
    result.map_err(|error| error.to_string())?;
    if bytes.len() as u64 > max {
        return Err(format!("larger than {} MiB; split it into smaller files", max >> 20));
    }
    Ok(bytes)
}

/// Only a regular file is read (a symbolic link to one is): a directory, a named pipe or a device
/// could block forever or never end. Standard input, `-`, is read whatever it is.
fn check_regular_file(path: &str) -> Result<(), String> {
    let metadata = std::fs::metadata(path).map_err(|error| error.to_string())?;
    if metadata.is_dir() {
        Err("a directory, not a file: give the files in it".to_owned())
    } else if !metadata.is_file() {
        Err("not a regular file (a pipe, a socket or a device): give a file, or - to read standard input".to_owned())
    } else {
        Ok(())
    }
}

/// The text of one input: standard input is text; a file goes through
/// [`kashif_core::ingest::read_document`] (so `.html`, `.md` and `.docx` give their text). An input
/// with no text is said on stderr and gives an empty text, as before. The byline is what the
/// file's markup says of its headline, outlet and date (a web page's `<meta>` tags).
fn read_text(input: &str, name: &str) -> Result<(String, Byline), String> {
    if input == "-" {
        let bytes = read_limited(input, kashif_core::ingest::MAX_INPUT_BYTES as u64)?;
        let (text, encoding) = decode_with_encoding(&bytes).map_err(|e| e.to_string())?;
        if encoding == Encoding::Utf8 {
            warn_replaced(name, invalid_utf8_sequences(&bytes));
        }
        if text.trim().is_empty() {
            eprintln!("kashif: {name}: empty, nothing to analyze");
        }
        return Ok((text, Byline::default()));
    }
    let bytes = read_limited(input, kashif_core::ingest::MAX_INPUT_BYTES as u64)?;
    match read_document(input, &bytes) {
        Ok(document) => {
            warn_replaced(name, document.replaced);
            Ok((document.text, document.byline))
        }
        Err(error @ IngestError::Empty(_)) => {
            eprintln!("kashif: {name}: {error}");
            Ok((String::new(), Byline::default()))
        }
        Err(error) => Err(error.to_string()),
    }
}

/// Says on stderr that `count` broken byte sequences of a UTF-8 input were replaced.
fn warn_replaced(name: &str, count: usize) {
    if count > 0 {
        let sequences = if count == 1 { "byte sequence that is" } else { "byte sequences that are" };
        eprintln!("kashif: {name}: warning: read as UTF-8, {count} {sequences} not UTF-8 replaced by \u{FFFD}");
    }
}

/// The inputs read and analyzed, their entities linked across them; `failed` when one could not
/// be read (said on stderr).
struct Inputs {
    names: Vec<String>,
    texts: Vec<String>,
    analyses: Vec<Analysis>,
    /// Each input's headline, outlet and date: what its markup says, else what its text says.
    bylines: Vec<Byline>,
    failed: bool,
}

fn read_and_analyze(analyzer: &Analyzer, inputs: &[String]) -> Inputs {
    let mut read = Inputs { names: vec![], texts: vec![], analyses: vec![], bylines: vec![], failed: false };
    let done = in_parallel(inputs, |input| {
        let name = if input == "-" { "stdin" } else { input.as_str() };
        read_text(input, name).map(|(text, from_file)| {
            let analysis = analyzer.analyze(&text);
            (text, from_file, analysis)
        })
    });
    for (input, result) in inputs.iter().zip(done) {
        let name = if input == "-" { "stdin" } else { input.as_str() };
        match result {
            Ok((text, from_file, analysis)) => {
                read.bylines.push(from_file.or(kashif_core::corpus::byline(&text, &analysis)));
                read.names.push(name.to_owned());
                read.analyses.push(analysis);
                read.texts.push(text);
            }
            Err(message) => {
                eprintln!("kashif: {name}: {message}");
                read.failed = true;
            }
        }
    }
    // One entity, one id across all the inputs.
    kashif_core::link::link_corpus(&mut read.analyses);
    read
}

/// `work` done on every item on all the cores, the results in the items' order.
fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    kashif_core::parallel::in_parallel(items, kashif_core::parallel::cores(), work)
}

/// `kashif compare`: the claims of the inputs grouped, as JSON or CSV.
fn compare(args: &[String]) -> ExitCode {
    let mut csv = false;
    let mut inputs = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let format = match arg.as_str() {
            "--format" => iter.next().map(String::as_str),
            other => other.strip_prefix("--format="),
        };
        match (format, arg.as_str()) {
            (Some("json"), _) => csv = false,
            (Some("csv"), _) => csv = true,
            (Some(other), _) => return usage_error(&format!("unknown format {other:?} for compare: use json or csv")),
            (None, "--format") => return usage_error("--format needs a value: json or csv"),
            (None, other) if other.starts_with('-') && other != "-" => {
                return usage_error(&format!("unknown option {other}"))
            }
            (None, file) => inputs.push(file.to_owned()),
        }
    }
    if inputs.is_empty() {
        inputs.push("-".to_owned());
    }
    let Inputs { names, texts, analyses, bylines, failed } = read_and_analyze(&Analyzer::new(), &inputs);
    let docs: Vec<CorpusDoc<'_>> = names
        .iter()
        .zip(&texts)
        .zip(&analyses)
        .zip(&bylines)
        .map(|(((n, t), a), b)| CorpusDoc::new(n, t, a).with_byline(b))
        .collect();
    let groups = claim_groups(&docs);
    let output = if csv {
        claims_to_csv(&docs, &groups)
    } else {
        let value = serde_json::json!({ "documents": names, "groups": groups });
        serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
    };
    write_output(&output, failed)
}

/// Writes `output` to standard output (a closed pipe is no error) and gives the exit code: 2 when
/// writing failed or an input could not be read (`failed`), else success.
fn write_output(output: &str, failed: bool) -> ExitCode {
    write_with(|out| out.write_all(output.as_bytes()), failed)
}

/// Writes to standard output through `write` (a reader that stops early, as `head` does, is no
/// error) and gives the exit code: 2 when writing failed or an input `failed`.
fn write_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>, failed: bool) -> ExitCode {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    if let Err(error) = write(&mut stdout).and_then(|()| stdout.flush()) {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("kashif: cannot write the output: {error}");
            return ExitCode::from(2);
        }
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn analyze(options: &Options) -> ExitCode {
    let analyzer = match Analyzer::new().without_rules(&options.without) {
        Ok(analyzer) => analyzer,
        Err(message) => return usage_error(&message),
    };
    if options.jsonl_input {
        return analyze_stream(&analyzer, options);
    }
    let Inputs { names, texts, analyses, bylines, failed } = read_and_analyze(&analyzer, &options.inputs);
    let named: Vec<NamedAnalysis<'_>> = names
        .iter()
        .zip(&texts)
        .zip(&analyses)
        .zip(&bylines)
        .map(|(((name, text), analysis), byline)| NamedAnalysis::with_text(name, text, analysis).with_byline(byline))
        .collect();
    let output = match (options.format, &options.out_dir) {
        // The two JSON forms are written as they are made: they are the largest outputs.
        (Format::Json, _) => return write_with(|out| write_json(&named, out), failed),
        (Format::Jsonl, _) => return write_with(|out| write_jsonl(&named, out), failed),
        (Format::Csv, _) => to_csv(&named),
        (Format::Conll, _) => to_conll(&named),
        (Format::Html, _) => to_html_report(&named),
        (Format::FiguresCsv, _) => figures_to_csv(&named),
        (Format::Brat, None) => texts.first().zip(analyses.first()).map(|(t, a)| to_brat(t, a).1).unwrap_or_default(),
        (Format::Brat, Some(dir)) => match write_brat(dir, &named, &analyses) {
            Ok(()) => String::new(),
            Err(message) => {
                eprintln!("kashif: {message}");
                return ExitCode::from(2);
            }
        },
    };
    write_output(&output, failed)
}

/// `kashif analyze --input jsonl`: exit code 2 when a line was not an article or writing failed.
fn analyze_stream(analyzer: &Analyzer, options: &Options) -> ExitCode {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let jsonl = options.format == Format::Jsonl;
    match stream::run(analyzer, &options.inputs, jsonl, &mut stdout).and_then(|counts| stdout.flush().map(|()| counts)) {
        Ok(counts) if counts.bad > 0 => ExitCode::from(2),
        Ok(_) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kashif: cannot write the output: {error}");
            ExitCode::from(2)
        }
    }
}

/// Writes `DIR/NAME.txt` and `DIR/NAME.ann` for every document, NAME being its file name
/// without the extension (`-2`, `-3`, … added when two inputs have the same). A file already
/// there is never overwritten (it may be an input, or the user's): if any is, nothing is
/// written and the error names it.
fn write_brat(dir: &str, documents: &[NamedAnalysis<'_>], analyses: &[Analysis]) -> Result<(), String> {
    let dir = std::path::Path::new(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    let mut used = std::collections::HashSet::new();
    for (document, analysis) in documents.iter().zip(analyses) {
        let name = brat_name(document.name, &mut used);
        let (txt, ann) = to_brat(document.text.unwrap_or(""), analysis);
        files.push((dir.join(format!("{name}.txt")), txt));
        files.push((dir.join(format!("{name}.ann")), ann));
    }
    if let Some((path, _)) = files.iter().find(|(path, _)| path.symlink_metadata().is_ok()) {
        return Err(format!(
            "{}: already exists, and kashif does not overwrite files: remove it or choose another --out-dir (nothing was written)",
            path.display()
        ));
    }
    for (path, content) in files {
        write_new(&path, content.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The NAME of a document's brat files: its file name without the extension, or `document`,
/// with `-2`, `-3`, … when an earlier document of the run took it.
fn brat_name(document: &str, used: &mut std::collections::HashSet<String>) -> String {
    let stem = std::path::Path::new(document).file_stem().map(|s| s.to_string_lossy().into_owned());
    let stem = stem.filter(|s| !s.is_empty()).unwrap_or_else(|| "document".to_owned());
    let mut name = stem.clone();
    for n in 2.. {
        if used.insert(name.clone()) {
            break;
        }
        name = format!("{stem}-{n}");
    }
    name
}

/// Writes a file that must not exist yet (so a file created meanwhile is not overwritten either).
fn write_new(path: &std::path::Path, content: &[u8]) -> std::io::Result<()> {
    std::fs::OpenOptions::new().write(true).create_new(true).open(path)?.write_all(content)
}

struct EvalOptions {
    files: Vec<String>,
    types: Vec<Label>,
    model: Option<String>,
    window: usize,
    /// Print every missed and every false entity, with context, to stderr.
    errors: bool,
    /// Rule-stage steps switched off.
    without: Vec<String>,
}

fn parse_eval_args(args: &[String]) -> Result<EvalOptions, String> {
    let mut options =
        EvalOptions { files: Vec::new(), types: Vec::new(), model: None, window: EVAL_WINDOW, errors: false, without: Vec::new() };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--conll" => options.files.push(iter.next().ok_or("--conll needs a file")?.clone()),
            "--model" => options.model = Some(iter.next().ok_or("--model needs a file")?.clone()),
            "--errors" => options.errors = true,
            "--without" => options.without.extend(rule_list(iter.next())?),
            "--window" => options.window = iter.next().and_then(|v| v.parse().ok()).ok_or("--window needs a number")?,
            "--types" => {
                for name in iter.next().ok_or("--types needs a list such as PER,LOC,ORG")?.split(',') {
                    let label: Label = name.parse()?;
                    if !conll::TYPES.contains(&label) {
                        return Err(format!("--types: {name} is not one of PER, LOC, ORG, MISC"));
                    }
                    options.types.push(label);
                }
            }
            other if !other.starts_with('-') => options.files.push(other.to_owned()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if options.files.is_empty() {
        return Err("eval needs at least one --conll FILE".to_owned());
    }
    Ok(options)
}

/// Reads CoNLL files into sentences, naming the file that cannot be read.
fn read_conll(files: &[String]) -> Result<Vec<conll::Sentence>, String> {
    let mut sentences = Vec::new();
    for file in files {
        let bytes = read_input(file).map_err(|e| format!("{file}: {e}"))?;
        let text = decode_bytes(&bytes).map_err(|e| format!("{file}: {e}"))?;
        sentences.extend(conll::parse(&text));
    }
    Ok(sentences)
}

/// How many consecutive sentences `kashif eval` analyzes as one document by default (`--window`):
/// ten, as Kashif reads whole articles, where a surname alone stands for the person named in full
/// sentences before (when it was chosen: ANERcorp test micro F1 73.46 with 10, 72.37 with 1; dev
/// 75.77 and 75.00).
const EVAL_WINDOW: usize = 10;

fn eval(options: &EvalOptions) -> ExitCode {
    let analyzer = match &options.model {
        None => Analyzer::new(),
        Some(path) => match std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| Analyzer::with_model(&bytes).map_err(|e| e.to_string()))
        {
            Ok(analyzer) => analyzer,
            Err(message) => {
                eprintln!("kashif: {path}: {message}");
                return ExitCode::from(2);
            }
        },
    };
    let analyzer = match analyzer.without_rules(&options.without) {
        Ok(analyzer) => analyzer,
        Err(message) => return usage_error(&message),
    };
    // Windows never cross files (each AQMAR article is its own document).
    let mut total = Scores::only(&options.types);
    for file in &options.files {
        let sentences = match read_conll(std::slice::from_ref(file)) {
            Ok(sentences) => sentences,
            Err(message) => {
                eprintln!("kashif: {message}");
                return ExitCode::from(2);
            }
        };
        let print_errors = |sentence: &conll::Sentence, tags: &[conll::Tag]| {
            if options.errors {
                for line in kashif_train::eval::errors(sentence, tags, &options.types) {
                    eprintln!("{line}");
                }
            }
        };
        total.merge(&score_sentences(&analyzer, &sentences, &options.types, options.window, print_errors));
    }
    print!("{}", total.table());
    ExitCode::SUCCESS
}

struct TrainArgs {
    files: Vec<String>,
    out: String,
    hold_out: f64,
    folds: usize,
    /// Consecutive sentences analyzed as one document when scoring (dev split, folds).
    eval_window: usize,
    options: kashif_train::train::TrainOptions,
}

fn parse_train_args(args: &[String]) -> Result<TrainArgs, String> {
    let mut files = Vec::new();
    let mut out = None;
    let mut hold_out = 0.0;
    let mut folds = 0;
    let mut eval_window = 0;
    let mut options = kashif_train::train::TrainOptions::default();
    let mut iter = args.iter();
    let number = |name: &str, value: Option<&String>| -> Result<f64, String> {
        value.and_then(|v| v.parse::<f64>().ok()).ok_or(format!("{name} needs a number"))
    };
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--conll" => files.push(iter.next().ok_or("--conll needs a file")?.clone()),
            "--out" => out = Some(iter.next().ok_or("--out needs a file")?.clone()),
            "--epochs" => options.epochs = number(arg, iter.next())? as usize,
            "--min-count" => options.min_count = number(arg, iter.next())? as u32,
            "--hold-out" => hold_out = number(arg, iter.next())?,
            "--folds" => folds = number(arg, iter.next())? as usize,
            "--adapt" => options.adapt = true,
            "--cost" => options.cost = number(arg, iter.next())? as f32,
            "--miss-cost" => options.miss_cost = number(arg, iter.next())? as f32,
            "--dropout" => options.dropout = number(arg, iter.next())? as f32,
            "--seed" => options.seed = number(arg, iter.next())? as u64,
            "--ensemble" => options.ensemble = number(arg, iter.next())? as usize,
            "--prune" => options.prune = u8::try_from(number(arg, iter.next())? as i64).map_err(|_| "--prune needs 0 to 255")?,
            "--eval-window" => eval_window = number(arg, iter.next())? as usize,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if files.is_empty() {
        return Err("train needs at least one --conll FILE".to_owned());
    }
    let out = out.ok_or("train needs --out FILE")?;
    check_hold_out(hold_out)?;
    if eval_window == 0 {
        eval_window = EVAL_WINDOW;
    }
    Ok(TrainArgs { files, out, hold_out, folds, eval_window, options })
}

/// A `--hold-out` share must leave sentences to train on: at least 0 and below 100 (percent).
fn check_hold_out(percent: f64) -> Result<(), String> {
    if (0.0..100.0).contains(&percent) {
        Ok(())
    } else {
        Err(format!("--hold-out is a percentage of the first file's sentences, from 0 to below 100 (not {percent})"))
    }
}

fn train(args: &TrainArgs) -> ExitCode {
    let started = std::time::Instant::now();
    let mut sentences = Vec::new();
    let mut dev = Vec::new();
    let mut first_count = 0;
    for (index, file) in args.files.iter().enumerate() {
        match read_conll(std::slice::from_ref(file)) {
            Ok(mut read) => {
                for sentence in &mut read {
                    sentence.domain = index.min(u8::MAX as usize) as u8;
                }
                if index == 0 && args.hold_out > 0.0 {
                    let keep = read.len() - (read.len() as f64 * args.hold_out / 100.0).round() as usize;
                    dev = read.split_off(keep);
                }
                eprintln!("kashif: {file}: {} sentences", read.len());
                sentences.extend(read);
                if index == 0 {
                    first_count = sentences.len();
                }
            }
            Err(message) => {
                eprintln!("kashif: {message}");
                return ExitCode::from(2);
            }
        }
    }
    if sentences.is_empty() {
        eprintln!("kashif: no sentences to train on in {}: a CoNLL file has a token and its tag per line", args.files.join(", "));
        return ExitCode::from(2);
    }
    if args.folds > 1 {
        return cross_validate(args, &sentences[..first_count], &sentences[first_count..]);
    }
    let model = kashif_train::train::train_model(&sentences, &args.options, |epoch, errors| {
        eprintln!("kashif: epoch {epoch}: {errors} sentences wrong ({:.0} s)", started.elapsed().as_secs_f64());
    });
    if let Err(error) = std::fs::write(&args.out, &model) {
        eprintln!("kashif: {}: {error}", args.out);
        return ExitCode::from(2);
    }
    eprintln!("kashif: wrote {} ({} bytes) in {:.0} s", args.out, model.len(), started.elapsed().as_secs_f64());
    if !dev.is_empty() {
        match Analyzer::with_model(&model) {
            Ok(analyzer) => {
                println!("dev: the last {}% of {} ({} sentences)", args.hold_out, args.files[0], dev.len());
                print!("{}", score_sentences(&analyzer, &dev, &[], args.eval_window, |_, _| {}).table());
            }
            Err(error) => {
                eprintln!("kashif: {error}");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}

/// `--folds N`: N-fold cross-validation over the first file's sentences (contiguous folds; the
/// other files always train), printing the eval table summed over the folds. Writes no model.
fn cross_validate(args: &TrainArgs, first: &[conll::Sentence], extra: &[conll::Sentence]) -> ExitCode {
    let each_fold = |fold: usize, scores: &Scores| {
        eprintln!("kashif: fold {}: F1 {:.2}", fold + 1, 100.0 * scores.micro().f1());
    };
    match kashif_train::train::cross_validate(first, extra, args.folds, &args.options, args.eval_window, each_fold) {
        Ok(total) => {
            println!("{}-fold cross-validation over {} ({} sentences)", args.folds, args.files[0], first.len());
            print!("{}", total.table());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("kashif: {error}");
            ExitCode::from(2)
        }
    }
}

/// `kashif clusters`: writes the word-cluster map of the tokens of CoNLL and plain text files.
fn clusters(args: &[String]) -> ExitCode {
    let mut files = Vec::new();
    let mut texts = Vec::new();
    let mut out = None;
    let mut options = kashif_train::train::ClusterOptions::default();
    let mut iter = args.iter();
    let parsed: Result<(), String> = (|| {
        while let Some(arg) = iter.next() {
            let mut value = || iter.next().cloned().ok_or(format!("{arg} needs a value"));
            match arg.as_str() {
                "--conll" => files.push(value()?),
                "--text" => texts.push(value()?),
                "--out" => out = Some(value()?),
                "--classes" => {
                    options.classes = value()?
                        .split(',')
                        .map(|n| n.parse().ok().filter(|&n: &usize| n > 1))
                        .collect::<Option<_>>()
                        .ok_or("--classes needs numbers above 1, comma-separated")?
                }
                "--min-count" => options.min_count = value()?.parse().map_err(|_| "--min-count needs a number")?,
                "--passes" => options.passes = value()?.parse().map_err(|_| "--passes needs a number")?,
                other => return Err(format!("unknown option {other}")),
            }
        }
        if (files.is_empty() && texts.is_empty()) || out.is_none() {
            return Err("clusters needs --conll FILE or --text FILE, and --out FILE".to_owned());
        }
        Ok(())
    })();
    if let Err(message) = parsed {
        eprintln!("kashif: {message}\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let sentences = match cluster_sentences(&files, &texts) {
        Ok(sentences) => sentences,
        Err(message) => {
            eprintln!("kashif: {message}");
            return ExitCode::from(2);
        }
    };
    let tsv = kashif_train::train::train_clusters(&sentences, &options);
    let out = out.unwrap_or_default();
    if let Err(error) = std::fs::write(&out, &tsv) {
        eprintln!("kashif: {out}: {error}");
        return ExitCode::from(2);
    }
    eprintln!(
        "kashif: wrote {out} ({} stems, {} bytes)",
        tsv.lines().filter(|l| !l.starts_with('#')).count(),
        tsv.len()
    );
    ExitCode::SUCCESS
}

/// The sentences `kashif clusters` learns from: those of the CoNLL `files`, then those of the
/// plain `texts`.
fn cluster_sentences(files: &[String], texts: &[String]) -> Result<Vec<conll::Sentence>, String> {
    let mut sentences = read_conll(files)?;
    for file in texts {
        let bytes = read_input(file).map_err(|e| format!("{file}: {e}"))?;
        let text = decode_bytes(&bytes).map_err(|e| format!("{file}: {e}"))?;
        sentences.extend(kashif_train::train::text_sentences(&text));
    }
    Ok(sentences)
}

/// Reports a wrong option found once the options are read (an unknown `--without` rule), with
/// the usage, as the option parsers do.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("kashif: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("analyze") => match parse_analyze_args(&args[1..]) {
            Ok(options) => analyze(&options),
            Err(message) => {
                eprintln!("kashif: {message}\n\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("eval") => match parse_eval_args(&args[1..]) {
            Ok(options) => eval(&options),
            Err(message) => {
                eprintln!("kashif: {message}\n\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("train") => match parse_train_args(&args[1..]) {
            Ok(options) => train(&options),
            Err(message) => {
                eprintln!("kashif: {message}\n\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("clusters") => clusters(&args[1..]),
        Some("compare") => compare(&args[1..]),
        Some("credits") => {
            print!("{}", include_str!("../../../NOTICE.md"));
            ExitCode::SUCCESS
        }
        Some("rules") => {
            for (name, about) in Analyzer::rules() {
                println!("{name:<22} {about}");
            }
            ExitCode::SUCCESS
        }
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("-V" | "--version") => {
            println!("kashif {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("kashif: unknown command {other:?}\n\n{USAGE}");
            ExitCode::from(2)
        }
        None => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

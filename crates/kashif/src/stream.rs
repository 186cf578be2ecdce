//! `kashif analyze --input jsonl`: articles as JSON Lines (`{"id": …, "text": …}` a line),
//! read, analyzed on every core and written in batches, so that memory stays bounded whatever
//! the number of articles; entities are linked across the whole stream (`CorpusLinker`).

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::time::{Duration, Instant};

use kashif_core::export::NamedAnalysis;
use kashif_core::link::CorpusLinker;
use kashif_core::parallel::Workers;
use kashif_core::{Analysis, Analyzer};

/// The most articles of one batch: read, analyzed on every core, linked, written, forgotten.
const BATCH_ARTICLES: usize = 256;
/// The most text bytes of one batch.
const BATCH_BYTES: usize = 16 * 1024 * 1024;
/// The longest line (one article) read; a longer one is skipped with a message.
const MAX_LINE_BYTES: usize = 20 * 1024 * 1024;
/// How often progress is said on a terminal.
const PROGRESS_EVERY: Duration = Duration::from_secs(2);

/// One article of the stream.
#[derive(Debug)]
struct Article {
    name: String,
    text: String,
}

/// What a stream's run counted.
#[derive(Default)]
pub(crate) struct Counts {
    pub(crate) articles: usize,
    pub(crate) bytes: usize,
    /// Lines that were not an article (said on stderr).
    pub(crate) bad: usize,
}

/// Reads the articles of every input in turn (`-`: standard input) and writes each one's
/// analysis as soon as its batch is done: one JSON object a line (`jsonl`) or one JSON array
/// (`json`). Returns what it counted, or the first write error.
pub(crate) fn run(analyzer: &Analyzer, inputs: &[String], jsonl: bool, out: &mut dyn Write) -> std::io::Result<Counts> {
    let analyze = |article: &Article| analyzer.analyze(&article.text);
    // The same threads for every batch: each keeps what the tagger learns of the words it sees.
    std::thread::scope(|scope| {
        let mut workers = Workers::new(scope, kashif_core::parallel::cores(), &analyze);
        run_on(&mut workers, inputs, jsonl, out)
    })
}

/// [`run`] with the articles analyzed by `workers`. This thread reads the next batch and gives
/// it to the workers before it links and writes the one before, so that they analyze while it
/// does. With each batch read, linked and written while they waited, two cores ran the 10 MB
/// corpus 1.6 times as fast as one; now 1.85 times (medians of 8 runs each, in turn: 1.19 ->
/// 1.08 s on two cores, 2.0 s on one), with at most two batches held instead of one.
fn run_on(workers: &mut Workers<'_, Article, Analysis>, inputs: &[String], jsonl: bool, out: &mut dyn Write) -> std::io::Result<Counts> {
    let mut counts = Counts::default();
    let mut articles = Articles { inputs: inputs.iter(), reading: None };
    let mut writer = Writer { linker: CorpusLinker::default(), progress: Progress::new(), json: Vec::new(), jsonl, written: 0 };
    if !jsonl {
        out.write_all(b"[")?;
    }
    let mut reading = true;
    while reading || workers.waiting() > 0 {
        if reading {
            let batch = articles.next_batch(&mut counts);
            reading = !batch.is_empty();
            if reading {
                workers.submit(batch);
            }
        }
        // Two batches given: the older one is written while the workers analyze the newer.
        if workers.waiting() > 1 || !reading {
            let Some(done) = workers.collect() else { continue };
            writer.write(done, &mut counts, out)?;
        }
    }
    if !jsonl {
        out.write_all(b"\n]\n")?;
    }
    writer.progress.end(&counts);
    Ok(counts)
}

/// The articles of the inputs, a batch at a time.
struct Articles<'a> {
    inputs: std::slice::Iter<'a, String>,
    /// The input being read, with its name.
    reading: Option<(Lines, &'a str)>,
}

impl Articles<'_> {
    /// The next articles of one input, up to a batch; empty after the last. An input that
    /// cannot be opened is said on stderr and counted in `counts.bad`.
    fn next_batch(&mut self, counts: &mut Counts) -> Vec<Article> {
        loop {
            if let Some((lines, name)) = &mut self.reading {
                let batch = read_batch(lines, name, counts);
                if !batch.is_empty() {
                    return batch;
                }
                self.reading = None;
            }
            let Some(input) = self.inputs.next() else { return Vec::new() };
            let reader: Box<dyn Read> = if input == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                match std::fs::File::open(input) {
                    Ok(file) => Box::new(file),
                    Err(error) => {
                        eprintln!("kashif: {input}: {error}");
                        counts.bad += 1;
                        continue;
                    }
                }
            };
            let name = if input == "-" { "stdin" } else { input.as_str() };
            self.reading = Some((Lines { reader: BufReader::with_capacity(1 << 20, reader), number: 0 }, name));
        }
    }
}

/// What writes the analyses of the batches in turn: links each batch's entities to those of
/// the batches before, and serializes each analysis.
struct Writer {
    linker: CorpusLinker,
    progress: Progress,
    /// Each analysis is written here first and then to the output in one piece: serializing
    /// straight to the output made one call through `dyn Write` per JSON token.
    json: Vec<u8>,
    jsonl: bool,
    written: usize,
}

impl Writer {
    /// Links and writes the analyses of one batch of articles.
    fn write(&mut self, done: Vec<(Article, Analysis)>, counts: &mut Counts, out: &mut dyn Write) -> std::io::Result<()> {
        let (batch, mut analyses): (Vec<Article>, Vec<Analysis>) = done.into_iter().unzip();
        self.linker.link(&mut analyses);
        for (article, analysis) in batch.iter().zip(&analyses) {
            let byline = kashif_core::corpus::byline(&article.text, analysis);
            let document = NamedAnalysis::with_text(&article.name, &article.text, analysis).with_byline(&byline);
            if !self.jsonl {
                out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
            }
            self.json.clear();
            serde_json::to_writer(&mut self.json, &document)?;
            out.write_all(&self.json)?;
            if self.jsonl {
                out.write_all(b"\n")?;
            }
            self.written += 1;
            counts.articles += 1;
            counts.bytes += article.text.len();
        }
        out.flush()?;
        self.progress.say(counts);
        Ok(())
    }
}

/// The next articles of `lines`, up to a batch; empty at the end. A line that is not an
/// article is said on stderr and counted in `counts.bad`; blank lines are skipped.
fn read_batch(lines: &mut Lines, input: &str, counts: &mut Counts) -> Vec<Article> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    while batch.len() < BATCH_ARTICLES && bytes < BATCH_BYTES {
        let Some(line) = lines.next_line() else { break };
        let at = format!("{input}:{}", lines.number);
        match line.and_then(|line| article(&line, &at)) {
            Ok(Some(article)) => {
                bytes += article.text.len();
                batch.push(article);
            }
            Ok(None) => {}
            Err(message) => {
                eprintln!("kashif: {at}: {message}");
                counts.bad += 1;
            }
        }
    }
    batch
}

/// The article of one line: `{"text": "…", "id": "…"}` (`id` a string or a number; without
/// one, the article is named by its input and line). `None` for a blank line.
fn article(line: &[u8], at: &str) -> Result<Option<Article>, String> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let value: serde_json::Value =
        serde_json::from_slice(line).map_err(|error| format!("not a JSON object ({error}): skipped"))?;
    let text = value
        .get("text")
        .and_then(serde_json::Value::as_str)
        .ok_or("no \"text\" string in this line's object: skipped")?;
    let name = match value.get("id") {
        Some(serde_json::Value::String(id)) => id.clone(),
        Some(id @ serde_json::Value::Number(_)) => id.to_string(),
        _ => at.to_owned(),
    };
    Ok(Some(Article { name, text: text.to_owned() }))
}

/// Lines of a reader, each at most [`MAX_LINE_BYTES`] (the rest of a longer one is skipped
/// without being held in memory).
struct Lines {
    reader: BufReader<Box<dyn Read>>,
    /// The number of the last line read (from 1).
    number: usize,
}

impl Lines {
    /// The next line without its end, `Err` for one too long or unreadable; `None` at the end.
    fn next_line(&mut self) -> Option<Result<Vec<u8>, String>> {
        let mut line = Vec::new();
        let limit = MAX_LINE_BYTES as u64 + 1;
        match (&mut self.reader).take(limit).read_until(b'\n', &mut line) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(error) => return Some(Err(format!("cannot read: {error}"))),
        }
        self.number += 1;
        if line.last() == Some(&b'\n') {
            line.pop();
            return Some(Ok(line));
        }
        if line.len() as u64 == limit {
            let message = format!("a line over {} MB: skipped", MAX_LINE_BYTES / (1024 * 1024));
            return Some(self.skip_rest().map_or_else(|error| Err(format!("cannot read: {error}")), |()| Err(message)));
        }
        Some(Ok(line))
    }

    /// Reads up to the end of the current line, keeping nothing.
    fn skip_rest(&mut self) -> std::io::Result<()> {
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                return Ok(());
            }
            if let Some(end) = buffer.iter().position(|&b| b == b'\n') {
                self.reader.consume(end + 1);
                return Ok(());
            }
            let all = buffer.len();
            self.reader.consume(all);
        }
    }
}

/// Progress on stderr, every [`PROGRESS_EVERY`], when stderr is a terminal.
struct Progress {
    started: Instant,
    last: Instant,
    shown: bool,
}

impl Progress {
    fn new() -> Self {
        let now = Instant::now();
        Progress { started: now, last: now, shown: std::io::stderr().is_terminal() }
    }

    fn say(&mut self, counts: &Counts) {
        if self.shown && self.last.elapsed() >= PROGRESS_EVERY {
            self.last = Instant::now();
            eprint!("\rkashif: {}", Self::line(counts, self.started.elapsed()));
        }
    }

    fn end(&self, counts: &Counts) {
        if self.shown && self.started.elapsed() >= PROGRESS_EVERY {
            eprintln!("\rkashif: {}", Self::line(counts, self.started.elapsed()));
        }
    }

    fn line(counts: &Counts, took: Duration) -> String {
        let mb = counts.bytes as f64 / 1e6;
        let seconds = took.as_secs_f64().max(1e-3);
        format!("{} articles, {mb:.1} MB in {seconds:.0} s ({:.1} MB/s)", counts.articles, mb / seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_is_a_json_object_with_text_and_maybe_an_id() {
        let found = article(r#"{"id": "a1", "text": "حلب"}"#.as_bytes(), "x:1").unwrap().unwrap();
        assert_eq!((found.name.as_str(), found.text.as_str()), ("a1", "حلب"));
        assert_eq!(article(r#"{"id": 7, "text": "حلب"}"#.as_bytes(), "x:1").unwrap().unwrap().name, "7");
        assert_eq!(article(r#"{"text": "حلب"}"#.as_bytes(), "x:3").unwrap().unwrap().name, "x:3");
        assert!(article(b"  \r", "x:1").unwrap().is_none());
        assert!(article(br#"{"id": 1}"#, "x:1").unwrap_err().contains("no \"text\""));
        assert!(article(b"{oops", "x:1").unwrap_err().contains("not a JSON object"));
    }

    #[test]
    fn lines_are_numbered_and_a_final_line_needs_no_end() {
        let data: Box<dyn Read> = Box::new(&b"one\r\n\ntwo"[..]);
        let mut lines = Lines { reader: BufReader::new(data), number: 0 };
        assert_eq!(lines.next_line().unwrap().unwrap(), b"one\r");
        assert_eq!(lines.next_line().unwrap().unwrap(), b"");
        assert_eq!(lines.next_line().unwrap().unwrap(), b"two");
        assert_eq!(lines.number, 3);
        assert!(lines.next_line().is_none());
    }
}

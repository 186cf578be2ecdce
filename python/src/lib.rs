//! The Python package `kashif`: Kashif's analyzer of Arabic news, built from the same core as
//! the command line. Each document comes back as the dict `kashif analyze FILE` prints for it
//! (the same serialization: `export::NamedAnalysis` to JSON, read by Python's `json.loads`).

use std::sync::OnceLock;

use kashif_core::export::NamedAnalysis;
use kashif_core::Analyzer;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

/// The process's one analyzer, built on first use (it decodes the embedded lexicon and model).
fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::new)
}

/// One document's analysis as JSON, as `kashif analyze FILE` prints it for one file: its
/// entities linked as the command line links its inputs (here one), its byline read from its
/// text.
fn analysis_json(text: &str, name: &str) -> String {
    let mut analyses = [analyzer().analyze(text)];
    kashif_core::link::link_corpus(&mut analyses);
    let byline = kashif_core::corpus::byline(text, &analyses[0]);
    let document = NamedAnalysis::new(name, &analyses[0]).with_byline(&byline);
    // Plain structs of strings and numbers: serializing them cannot fail.
    serde_json::to_string(&document).unwrap_or_default()
}

/// The dict of a document's JSON; `name` is `None` when none was given.
fn to_dict<'py>(py: Python<'py>, json: &str, name: Option<&str>) -> PyResult<Bound<'py, PyDict>> {
    let value = py.import("json")?.getattr("loads")?.call1((json,))?;
    let dict = value.cast_into::<PyDict>()?;
    if name.is_none() {
        dict.set_item("name", py.None())?;
    }
    Ok(dict)
}

/// The texts of a list (or any iterable) of str; a TypeError names the first item that is not
/// one, and a str itself is refused (it would be read as its letters).
fn texts_of(texts: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("analyze_many() takes a list of str, not one str: use analyze(text)"));
    }
    let items = texts
        .try_iter()
        .map_err(|_| PyTypeError::new_err(format!("analyze_many() takes a list of str, not {}", type_name(texts))))?;
    items
        .enumerate()
        .map(|(index, item)| {
            let item = item?;
            match item.cast::<PyString>() {
                Ok(text) => Ok(text.to_str()?.to_owned()),
                Err(_) => Err(PyTypeError::new_err(format!("texts[{index}] is {}, not str", type_name(&item)))),
            }
        })
        .collect()
}

/// The name of an object's type, for messages.
fn type_name(object: &Bound<'_, PyAny>) -> String {
    object.get_type().name().map_or_else(|_| "?".to_owned(), |name| name.to_string())
}

/// Analyzes one Arabic text and returns the dict the command line prints for one document:
/// ``name``, ``entities`` (``label``, ``text``, ``start``, ``end``, ``canonical``, ``id``,
/// ``confidence``, ``source`` and maybe ``title``), ``figures``, ``quotes`` and, when the text
/// gives one, ``byline``. ``start``/``end`` index the str: ``text[m["start"]:m["end"]] ==
/// m["text"]``. The GIL is released while it works.
#[pyfunction]
#[pyo3(signature = (text, name = None))]
fn analyze<'py>(py: Python<'py>, text: &Bound<'py, PyAny>, name: Option<&str>) -> PyResult<Bound<'py, PyDict>> {
    let text = text
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err(format!("analyze() takes a str, not {}", type_name(text))))?
        .to_str()?;
    let json = py.detach(|| analysis_json(text, name.unwrap_or_default()));
    to_dict(py, &json, name)
}

/// Analyzes every text of ``texts`` (a list of str) on ``threads`` threads (default: every
/// core), with the GIL released, and returns their dicts in order: the same as
/// ``[analyze(t) for t in texts]``.
#[pyfunction]
#[pyo3(signature = (texts, threads = None))]
fn analyze_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let texts = texts_of(texts)?;
    let threads = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(threads) => threads,
        None => kashif_core::parallel::cores(),
    };
    let jsons = py.detach(|| kashif_core::parallel::in_parallel(&texts, threads, |text| analysis_json(text, "")));
    jsons.iter().map(|json| to_dict(py, json, None)).collect()
}

/// The version of the package (and of the Kashif core it was built from).
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Kashif (كاشف): finds the people, organizations, places, dates, figures and quotes of Arabic
/// news text. ``analyze(text)`` for one text, ``analyze_many(texts)`` for many on every core.
#[pymodule]
#[pyo3(name = "kashif")]
fn kashif_module(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(analyze, module)?)?;
    module.add_function(wrap_pyfunction!(analyze_many, module)?)?;
    module.add_function(wrap_pyfunction!(version, module)?)?;
    Ok(())
}

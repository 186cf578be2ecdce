"""The Python package kashif: its dicts are the command line's, its offsets index the str, its
ids are stable, analyze_many is map(analyze), and bad input is a TypeError."""
import json
import os
import subprocess
from pathlib import Path

import pytest

import kashif

ROOT = Path(__file__).resolve().parents[2]
# Short texts written for Kashif's own tests (no article of a corpus).
FILES = sorted(
    path for folder in ("tests/snapshots", "tests/quotes", "tests/claims") for path in (ROOT / folder).glob("*.txt")
)
LAVROV = "قال وزير الخارجية الروسي سيرغي لافروف إن 200 ألف شخص نزحوا من إدلب في 15 آذار 2020."


def cli():
    """The kashif command line to compare with: $KASHIF_CLI, else the release or debug build."""
    candidates = [os.environ.get("KASHIF_CLI", ""), ROOT / "target/release/kashif", ROOT / "target/debug/kashif"]
    found = next((Path(c) for c in candidates if c and Path(c).is_file()), None)
    if found is None:
        pytest.skip("no kashif binary: run cargo build first (or set KASHIF_CLI)")
    return found


def test_version_is_the_package_version():
    assert kashif.version() == "0.1.0"


def test_a_document_has_the_cli_keys_and_its_spans_slice_the_str():
    result = kashif.analyze(LAVROV)
    assert result["name"] is None
    assert {"entities", "figures", "quotes"} <= result.keys()
    labels = {m["label"] for m in result["entities"]}
    assert {"PER", "LOC", "DATE", "NUM"} <= labels
    for mention in result["entities"]:
        assert LAVROV[mention["start"]:mention["end"]] == mention["text"]
        assert 0 <= mention["confidence"] <= 1
    lavrov = next(m for m in result["entities"] if m["label"] == "PER")
    assert lavrov["id"] == "per:sergey-lavrov"
    assert kashif.analyze(LAVROV, name="a.txt")["name"] == "a.txt"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_offsets_are_str_indices_in_every_test_file(path):
    text = path.read_text(encoding="utf-8")
    result = kashif.analyze(text)
    for item in result["entities"] + result["quotes"] + result["figures"]:
        assert 0 <= item["start"] <= item["end"] <= len(text)
    for item in result["entities"] + result["quotes"]:
        assert text[item["start"]:item["end"]] == item["text"]


def test_offsets_count_chars_past_emoji_and_combining_marks():
    text = "😀😀 مَرحبا، وصل سيرغي لافروف إلى أنقرة"
    found = [m for m in kashif.analyze(text)["entities"] if m["text"] == "سيرغي لافروف"]
    assert found and text[found[0]["start"]:found[0]["end"]] == "سيرغي لافروف"


def test_ids_are_stable_across_calls_and_texts():
    unknown = "قال المتحدث يوهان فادفول إن الاجتماع انتهى."
    first, again = kashif.analyze(unknown), kashif.analyze(unknown)
    assert first == again
    other = kashif.analyze("وأكد يوهان فادفول في برلين أن الحوار مستمر.")
    ids = lambda result: {m["id"] for m in result["entities"] if m["text"] == "يوهان فادفول"}
    assert ids(first) and ids(first) == ids(other)


def test_the_same_output_as_the_cli_on_the_same_files():
    binary = cli()
    for path in FILES:
        printed = subprocess.run([binary, "analyze", "--format", "json", str(path)], capture_output=True, check=True)
        [expected] = json.loads(printed.stdout)
        assert kashif.analyze(path.read_text(encoding="utf-8"), name=str(path)) == expected, path.name


def test_analyze_many_is_map_analyze_whatever_the_threads():
    texts = [path.read_text(encoding="utf-8") for path in FILES] + ["", LAVROV]
    expected = [kashif.analyze(text) for text in texts]
    assert kashif.analyze_many(texts) == expected
    assert kashif.analyze_many(texts, threads=1) == expected
    assert kashif.analyze_many(tuple(texts), threads=3) == expected
    assert kashif.analyze_many([]) == []


def test_empty_text_gives_empty_lists():
    result = kashif.analyze("")
    assert (result["entities"], result["figures"], result["quotes"]) == ([], [], [])


@pytest.mark.parametrize("bad", [None, 42, b"\xd8\xad\xd9\x84\xd8\xa8", ["حلب"]])
def test_analyze_refuses_what_is_not_str_with_a_type_error(bad):
    with pytest.raises(TypeError, match="analyze\\(\\) takes a str"):
        kashif.analyze(bad)


def test_analyze_many_names_the_first_item_that_is_not_str():
    with pytest.raises(TypeError, match=r"texts\[1\] is int, not str"):
        kashif.analyze_many(["حلب", 7])
    with pytest.raises(TypeError, match="not one str"):
        kashif.analyze_many("حلب")
    with pytest.raises(TypeError, match="list of str"):
        kashif.analyze_many(5)
    with pytest.raises(ValueError, match="threads"):
        kashif.analyze_many(["حلب"], threads=0)


def test_a_lone_surrogate_is_an_error_not_a_crash():
    with pytest.raises(UnicodeEncodeError):
        kashif.analyze("حلب \ud800")

#!/usr/bin/env python3
"""Helps annotate Kashif's real-news set (data/news/GUIDE.md): the text is read from ../shared.

    python3 scripts/news_tool.py text DOCNO            the article's text (not its headline)
    python3 scripts/news_tool.py find DOCNO SNIPPET     the char offsets where SNIPPET occurs
    python3 scripts/news_tool.py check DOCNO [...]      checks gold/DOCNO.json against the text
"""
import gzip, json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "unlabeled" / "ant_news"
GOLD = ROOT / "data" / "news" / "gold"
OUTLET = {"AL": "alarabia", "BB": "bbc", "CN": "cnn", "FR": "france24", "SK": "skynews", "JA": "jawharafm"}
TYPES = {"PER", "ORG", "LOC"}
COUNTS = {"killed", "wounded", "displaced", "refugees", "soldiers", "fighters", "civilians", "children",
          "women", "detained", "missing", "people"}


def texts(docnos):
    """{docno: article} for the given docnos, read from the corpus."""
    wanted, found = set(docnos), {}
    for outlet in sorted({OUTLET[d[:2]] for d in wanted}):
        with gzip.open(CORPUS / f"{outlet}.jsonl.gz", "rt", encoding="utf-8") as lines:
            for line in lines:
                if any(d in line[:200] for d in wanted):
                    article = json.loads(line)
                    if article["docno"] in wanted:
                        found[article["docno"]] = article
    return found


def check(docno, text):
    gold = json.loads((GOLD / f"{docno}.json").read_text(encoding="utf-8"))
    problems = []
    if gold.get("docno") != docno:
        problems.append("docno differs from the file name")
    ids = set()
    for entity in gold["entities"]:
        if entity["type"] not in TYPES:
            problems.append(f"{entity['id']}: type {entity['type']}")
        if not entity["id"].startswith(entity["type"] + ":"):
            problems.append(f"{entity['id']}: id does not start with its type")
        if entity["id"] in ids:
            problems.append(f"{entity['id']}: twice")
        ids.add(entity["id"])
        for form in entity["forms"]:
            after_lil = form.startswith("ال") and "لل" + form[2:] in text  # للأمم المتحدة
            if form not in text and not after_lil:
                problems.append(f"{entity['id']}: form {form!r} is not in the text")
    for quote in gold.get("quotes", []):
        if not 0 <= quote["start"] < quote["end"] <= len(text):
            problems.append(f"quote {quote}: offsets out of range")
            continue
        if quote["speaker"] is not None and quote["speaker"] not in ids:
            problems.append(f"quote at {quote['start']}: speaker {quote['speaker']} is no entity of the file")
        print(f"  quote {quote['start']}-{quote['end']} {quote['verb']} [{quote['speaker']}]: {text[quote['start']:quote['end']][:80]}")
    for figure in gold.get("figures", []):
        if not 0 <= figure["start"] < figure["end"] <= len(text):
            problems.append(f"figure {figure}: offsets out of range")
            continue
        if figure["counts"] not in COUNTS:
            problems.append(f"figure at {figure['start']}: counts {figure['counts']}")
        print(f"  figure {figure['value']} {figure['counts']}/{figure['event']}: {text[figure['start']:figure['end']]}")
    for problem in problems:
        print(f"  PROBLEM {problem}")
    return not problems


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    command, docnos = sys.argv[1], sys.argv[2:]
    if command == "text":
        print(texts(docnos[:1])[docnos[0]]["text"])
    elif command == "find":
        text = texts(docnos[:1])[docnos[0]]["text"]
        snippet, at = docnos[1], -1
        while (at := text.find(snippet, at + 1)) >= 0:
            print(at, at + len(snippet))
    elif command == "check":
        articles = texts(docnos)
        ok = True
        for docno in docnos:
            print(docno)
            ok = check(docno, articles[docno]["text"]) and ok
        sys.exit(0 if ok else 1)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Measures how Kashif reads a document's byline (headline, outlet, date) on real news.

Takes every 37th article of each outlet of ../shared/data/unlabeled/ant_news (at most 150 an
outlet; the text is read at run time and never written into the repository), and runs the
release CLI (`kashif analyze --format jsonl`) twice:

- with the corpus headline as the first line, a blank line, then the body: the headline Kashif
  reads must be the corpus headline (recall);
- with the body alone: any headline Kashif reads is a false one (the first line of a body is a
  paragraph).

Outlets are counted as read from the text (datelines, signatures); the corpus' own outlet is
not in its text except in CNN's `(CNN)` datelines, so the table shows how many were found and
which, for a reader to check.

    python3 scripts/eval_byline.py [--kashif PATH] [--shared DIR]
"""
import argparse, gzip, json, os, subprocess, tempfile
from collections import Counter
from pathlib import Path

OUTLETS = ["alarabia", "bbc", "cnn", "france24", "skynews", "jawharafm"]


def sample(shared, outlet, step=37, most=150):
    with gzip.open(Path(shared) / "unlabeled" / "ant_news" / f"{outlet}.jsonl.gz", "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % step == 0:
                yield json.loads(line)
                most -= 1
                if most == 0:
                    return


def bylines(kashif, texts):
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, text in enumerate(texts):
            path = os.path.join(tmp, f"{i:04d}.txt")
            Path(path).write_text(text, encoding="utf-8")
            paths.append(path)
        out = subprocess.run([kashif, "analyze", "--format", "jsonl", *paths], capture_output=True, text=True, check=True)
    return [json.loads(line).get("byline", {}) for line in out.stdout.splitlines()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kashif", default="target/release/kashif")
    parser.add_argument("--shared", default="../shared/data")
    args = parser.parse_args()
    totals = Counter()
    print("| outlet | articles | headline read | false headline (body alone) | outlets read | dates read |")
    print("|---|---|---|---|---|---|")
    for outlet in OUTLETS:
        docs = list(sample(args.shared, outlet))
        titled = bylines(args.kashif, [d["title"].strip() + "\n\n" + d["text"].strip() + "\n" for d in docs])
        bare = bylines(args.kashif, [d["text"].strip() + "\n" for d in docs])
        right = sum(b.get("headline") == d["title"].strip() for d, b in zip(docs, titled))
        false = sum(bool(b.get("headline")) for b in bare)
        outlets = Counter(b["outlet"] for b in titled if b.get("outlet"))
        dates = sum(bool(b.get("date")) for b in titled)
        shown = ", ".join(f"{name} {n}" for name, n in outlets.most_common()) or "none"
        print(f"| {outlet} | {len(docs)} | {right} | {false} | {shown} | {dates} |")
        totals.update(articles=len(docs), right=right, false=false, outlets=sum(outlets.values()), dates=dates)
    print(f"| all | {totals['articles']} | {totals['right']} | {totals['false']} | {totals['outlets']} | {totals['dates']} |")


if __name__ == "__main__":
    main()

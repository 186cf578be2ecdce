#!/usr/bin/env python3
"""The benchmark corpus and its run: real articles of the six outlets of ../shared/data/unlabeled
(never the articles of the real-news set) as JSON Lines of 1, 10 and 100 MB, and one article of
10,000 words, written under target/bench/ (article text never enters the repository); then
`kashif analyze --input jsonl` on each, on one core (taskset) and on all, printing a table of
MB/s, words/s and peak memory. Each run is made three times (`--runs`): the table gives the
fastest (the least disturbed by the rest of a shared machine, on which one run of the 10 MB
corpus took 1.7 s and another of the same build 2.3 s) with the median beside it, and the
largest peak.

    cargo build --release && python3 scripts/bench_corpus.py [--sizes 1,10,100] [--runs 3] [--no-run]

The articles are taken from the six outlets in turn, so that every size holds all six; the
corpus has about 80 MB of text, so the 100 MB file takes the first articles again (with `#2` after
their docno). Exits 1 when the 100 MB run peaks above 500 MB (issue 19's budget).
"""
import argparse, gzip, json, os, shutil, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from scaling import measure  # noqa: E402 (after the path)
CORPUS = ROOT.parent / "shared" / "data" / "unlabeled" / "ant_news"
OUT = ROOT / "target" / "bench"
BINARY = ROOT / "target" / "release" / "kashif"
MB = 1_000_000
PEAK_BUDGET = 500 * MB


def outlet_articles(path, skip, keep):
    """The articles of one outlet's file (dicts of its fields) not in `skip`, with some text,
    that `keep` keeps."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if article["docno"] not in skip and article["text"].strip() and keep(article):
                yield article


def round_robin(skip, records=False, keep=lambda article: True):
    """(docno, text) of the six outlets in turn, until all are read; with `records`, the
    articles' dicts of all their fields; only the articles `keep` keeps."""
    streams = [outlet_articles(path, skip, keep) for path in sorted(CORPUS.glob("*.jsonl.gz"))]
    while streams:
        for stream in list(streams):
            article = next(stream, None)
            if article is None:
                streams.remove(stream)
            else:
                yield article if records else (article["docno"], article["text"])


def write_corpus(path, size, skip):
    total, rounds = 0, 1
    with open(path, "w", encoding="utf-8") as out:
        while total < size:
            for docno, text in round_robin(skip):
                name = docno if rounds == 1 else f"{docno}#{rounds}"
                line = json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n"
                out.write(line)
                total += len(line.encode())
                if total >= size:
                    return
            rounds += 1


def corpus(size, skip):
    """target/bench/news-<size>MB.jsonl, written first when missing."""
    path = OUT / f"news-{size}MB.jsonl"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        write_corpus(path, int(float(size) * MB), skip)
    return path


def write_long_article(path, skip, words=10_000):
    """One text of at least `words` words: whole articles (the six outlets in turn) joined as
    paragraphs."""
    taken, parts = 0, []
    for _, text in round_robin(skip):
        parts.append(text.strip())
        taken += len(text.split())
        if taken >= words:
            break
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def words_of(path):
    if path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as lines:
            return sum(len(json.loads(line)["text"].split()) for line in lines)
    return len(path.read_text(encoding="utf-8").split())


def run(path, one_core):
    command = [str(BINARY), "analyze", "--format", "jsonl"]
    command += ["--input", "jsonl", str(path)] if path.suffix == ".jsonl" else [str(path)]
    if one_core:
        command = ["taskset", "-c", "0"] + command
    return measure(command)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--runs", type=int, default=3, help="runs of each row (the fastest and the median shown)")
    parser.add_argument("--no-run", action="store_true", help="only write the corpus")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS.relative_to(ROOT.parent)} is missing: the corpus is built from it")
    from mine_names import news_set

    skip = news_set()
    OUT.mkdir(parents=True, exist_ok=True)
    files = []
    long_article = OUT / "article-10000-words.txt"
    if not long_article.exists():
        write_long_article(long_article, skip)
    files.append(long_article)
    files += [corpus(size, skip) for size in args.sizes.split(",")]
    if args.no_run:
        return
    if not BINARY.exists():
        sys.exit("target/release/kashif is missing: run cargo build --release first")
    cores = len(os.sched_getaffinity(0))
    ok = True
    print(f"| input | MB | words | cores | time s (fastest of {args.runs}) | median s | MB/s | words/s | peak MB | speed-up |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for path in files:
        size, words = path.stat().st_size, words_of(path)
        single = None
        for one_core in ([True, False] if cores > 1 and shutil.which("taskset") else [False]):
            runs = sorted(run(path, one_core) for _ in range(max(args.runs, 1)))
            seconds, median, peak = runs[0][0], runs[len(runs) // 2][0], max(p for _, p in runs)
            used = 1 if one_core else cores
            single = seconds if one_core else single
            gain = f"{single / seconds:.2f}x" if single and not one_core else ""
            print(f"| {path.name} | {size / MB:.1f} | {words:,} | {used} | {seconds:.2f} | {median:.2f} | {size / MB / seconds:.2f} | "
                  f"{words / seconds:,.0f} | {peak / MB:.0f} | {gain} |", flush=True)
            if size >= 100 * MB and peak > PEAK_BUDGET:
                print(f"  budget: {path.name} peaked above {PEAK_BUDGET // MB} MB", flush=True)
                ok = False
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

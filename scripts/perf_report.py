#!/usr/bin/env python3
"""Writes README.md's performance section (between its `performance` comment markers) from this
machine's runs: the release builds (`cargo build --release`, `trunk build --release --offline`),
`cargo bench --bench analyze`, scripts/bench_corpus.py, scripts/peers.py, scripts/browser_timing.mjs
and the sizes of dist/, with the budgets of issue 19. About 10 minutes on 2 cores.

    python3 scripts/perf_report.py [--sizes 1,10,100] [--peers-size 10] [--runs 5]
"""
import argparse, datetime, gzip, os, platform, re, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN, END = "<!-- performance:begin -->", "<!-- performance:end -->"


def run(*command):
    print("+", " ".join(command), file=sys.stderr, flush=True)
    env = dict(os.environ, PATH=f"{ROOT / 'node_modules' / '.bin'}:{Path.home() / '.cargo' / 'bin'}:{os.environ['PATH']}")
    result = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    if result.returncode not in (0, 1):  # 1: a budget did not hold, the figures are still printed
        sys.exit(f"{' '.join(command)} failed ({result.returncode})")
    return result.stdout.strip()


def sizes():
    """A table of dist/'s files: bytes and gzip bytes, the total last; and the gzip bytes of the
    two wasm files, the page's and the worker's (what issue 19's budget and wire_size.sh count)."""
    rows, total, packed = [], 0, 0
    for path in sorted((ROOT / "dist").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            rows.append((str(path.relative_to(ROOT / "dist")), len(data), len(gzip.compress(data, 9))))
            total, packed = total + rows[-1][1], packed + rows[-1][2]
    lines = ["| file | bytes | gzip |", "|---|---|---|"]
    lines += [f"| `{re.sub(r'-[0-9a-f]{12,16}(?=[_./])', '', name)}` | {raw:,} | {gz:,} |" for name, raw, gz in rows]
    lines.append(f"| **all of dist/** | **{total:,}** | **{packed:,}** ({packed / 1e6:.2f} MB) |")
    wasm = sum(gz for name, _, gz in rows if name.endswith("_bg.wasm"))
    return "\n".join(lines), wasm


def per_core(corpus):
    """The words/s and MB/s of bench_corpus.py's fastest one-core row of a JSON Lines corpus."""
    rows = [line.split("|")[1:-1] for line in corpus.splitlines() if ".jsonl" in line]
    one_core = [(float(r[7].replace(",", "")), float(r[6])) for r in rows if r[3].strip() == "1"]
    return max(one_core, default=(0.0, 0.0))


def budgets(bench, corpus, browser, packed):
    """The budgets of issue 19 as a Markdown list, each with the figure measured and a verdict."""
    def verdict(ok):
        return "within" if ok else "**not met**"

    rate, mb_per_s = per_core(corpus)
    analyze = float(re.search(r"analyze, cold: ([\d.]+) ms", bench).group(1))
    warm = float(re.search(r"median: ([\d,]+) ms", browser).group(1).replace(",", ""))
    tagged = re.search(r"corpus, analyze: [\d.]+ ms, (\d+) tokens/s, ([\d.]+) times", bench)
    tokens_per_s, ratio = (float(tagged.group(1)), float(tagged.group(2))) if tagged else (0.0, 0.0)
    return "\n".join([
        f"- end to end within 1.5 times the tagger's time: {ratio:.2f} times on the 10 MB corpus "
        f"(`cargo bench`, one thread, the analysis without the CLI's reading and writing): {verdict(0 < ratio <= 1.5)};",
        f"- and at least 1 M tokens/s (the issue's \"≈ 5 MB/s\") per core: {tokens_per_s / 1e6:.2f} M of Kashif's "
        f"tokens/s there: {verdict(tokens_per_s >= 1e6)}; the whole CLI on one core (the best one-core corpus "
        f"run below): {mb_per_s:.2f} MB/s ({verdict(mb_per_s >= 5)} for 5 MB/s) and {rate / 1e6:.2f} M words/s;",
        f"- 10,000 words in under 20 ms: {analyze:.1f} ms (`cargo bench`, the real article, a new analyzer): "
        f"{verdict(analyze < 20)};",
        f"- page and worker at most 2 MB gzip: {packed / 1e6:.3f} MB (their two wasm files, as "
        f"`scripts/wire_size.sh` counts them): {verdict(packed <= 2e6)};",
        f"- the first highlight of a warm load at most 1 s: {warm / 1e3:.2f} s (median): {verdict(warm <= 1000)}.",
    ])


def cpu():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10,100", help="bench_corpus.py's sizes in MB")
    parser.add_argument("--peers-size", default="10", help="the corpus size peers.py runs on, MB")
    parser.add_argument("--runs", default="5", help="browser_timing.mjs's fresh profiles")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    run("cargo", "build", "--release")
    run("trunk", "build", "--release", "--offline")
    run("python3", "scripts/bench_corpus.py", "--sizes", args.sizes, "--no-run")  # the bench's real article
    bench = run("cargo", "bench", "--bench", "analyze")
    corpus = run("python3", "scripts/bench_corpus.py", "--sizes", args.sizes)
    peers = run("python3", "scripts/peers.py", "--size", args.peers_size)
    browser = run("node", "scripts/browser_timing.mjs", "--runs", args.runs)
    dist, packed = sizes()
    head = run("git", "rev-parse", "--short", "HEAD")
    lines = (ROOT / "scripts" / "peers-requirements.txt").read_text().splitlines()
    pins = dict(line.split("==") for line in lines if "==" in line)
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    section = f"""{BEGIN}
<!-- written by `python3 scripts/perf_report.py`; edit that script, not this section -->
Measured on {today} at commit {head}, on {len(os.sched_getaffinity(0))} cores ({cpu()}); load average {load:.1f} at the
start and {os.getloadavg()[0]:.1f} at the end: other work shares the machine, and a busy one moves the
figures by a factor of two or more.

Issue 19's budgets:

{budgets(bench, corpus, browser, packed)}

`cargo bench --bench analyze` (one thread; cold: the fastest of 20 new analyzers, warm: of 20 runs of
one, every word's weights summed before; the median of each beside it):

```
{bench}
```

`python3 scripts/bench_corpus.py` (`kashif analyze --input jsonl`, whole process):

{corpus}

`python3 scripts/peers.py`: spaCy {pins['spacy']} (MIT) and sklearn-crfsuite {pins['sklearn-crfsuite']} (MIT; CRFsuite,
BSD) beside Kashif on the same corpus, each a process of its own (time and peak memory of the
whole process); tokens are the whitespace words of the input; F1 is `eval_news.py`'s
document-level PER/ORG/LOC score on the news dev set.

{peers}

`node scripts/browser_timing.mjs` (headless Chromium on localhost, median (min–max) in ms from
navigation start; a paste is analyzed at once, typing 300 ms after the last key):

{browser}

The build (`trunk build --release --offline`), {packed / 1e6:.2f} MB gzip in all:

{dist}
{END}"""
    text = README.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        sys.exit(f"README.md has no {BEGIN} … {END} section")
    before, rest = text.split(BEGIN, 1)
    README.write_text(before + section + rest.split(END, 1)[1], encoding="utf-8")
    print(section)


if __name__ == "__main__":
    main()

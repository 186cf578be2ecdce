#!/usr/bin/env python3
"""Articles per second on the Spark job's 1,000 articles (target/spark/articles.jsonl, made by
scripts/spark_corpus.py): the command line (`kashif analyze --input jsonl`), the Python package
in one process (an `analyze` loop on one core, `analyze_many` on every core) and the Spark job in
local mode (`local[2]`: analysis and the three Parquet tables, the session's start apart; its
first run, which starts the Python workers, and its fastest).

    bash scripts/test_python.sh      # builds the wheel into target/python/test-venv
    cargo build --release
    target/python/test-venv/bin/python scripts/bench_python.py [--runs 3]

Prints a Markdown table; each figure is the best of --runs runs.
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "target" / "spark" / "articles.jsonl"
BINARY = ROOT / "target" / "release" / "kashif"


def best(runs, work):
    """The fewest seconds `work` took in `runs` runs."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def cli(one_core=False):
    with open(os.devnull, "wb") as null:
        command = [BINARY, "analyze", "--input", "jsonl", "--format", "jsonl", ARTICLES]
        subprocess.run(["taskset", "-c", "0"] + command if one_core else command, stdout=null, check=True)


def spark_job(runs):
    """The seconds of the first run (the Python workers start) and of the fastest."""
    sys.path.insert(0, str(ROOT / "examples" / "spark"))
    import kashif_spark

    spark = kashif_spark.session("local[2]")
    spark.sparkContext.setLogLevel("ERROR")
    out = tempfile.mkdtemp(prefix="kashif-spark-")
    try:
        times = [kashif_spark.run(spark, str(ARTICLES), out, partitions=4)[1] for _ in range(runs)]
        return times[0], min(times)
    finally:
        spark.stop()
        shutil.rmtree(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    import kashif

    if not ARTICLES.exists():
        subprocess.run([sys.executable, ROOT / "scripts" / "spark_corpus.py"], check=True)
    with open(ARTICLES, encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    started = time.perf_counter()
    kashif.analyze("")
    print(f"{len(texts)} articles, {megabytes:.1f} MB; the analyzer built in {time.perf_counter() - started:.2f} s")
    print("| how | cores | s | articles/s |\n|---|---|---|---|")
    rows = [
        ("CLI `kashif analyze --input jsonl`", os.cpu_count(), best(args.runs, cli)),
        ("CLI, one core (`taskset -c 0`)", 1, best(args.runs, lambda: cli(one_core=True))),
        ("Python `analyze` loop", 1, best(args.runs, lambda: [kashif.analyze(t) for t in texts])),
        ("Python `analyze_many`", os.cpu_count(), best(args.runs, lambda: kashif.analyze_many(texts))),
    ]
    first, fastest = spark_job(args.runs)
    rows += [("Spark `local[2]`, first run", 2, first), ("Spark `local[2]`, warm", 2, fastest)]
    for name, cores, seconds in rows:
        print(f"| {name} | {cores} | {seconds:.2f} | {len(texts) / seconds:.0f} |")


if __name__ == "__main__":
    main()

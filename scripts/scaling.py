#!/usr/bin/env python3
"""How time and memory grow with the input: `kashif analyze` on one document of news prose and
one of names (one person a line) at 0.1, 1, 5 and 20 MB, each in a process of its own, printing
wall time, peak memory (max RSS) and both as multiples of the 1 MB run.

    cargo build --release && python3 scripts/scaling.py [--sizes 0.1,1,5,20] [--kinds prose,names]

Budgets (issue 17): 20 MB of prose in at most 20x the time of 1 MB; memory a byte of input that does not
grow from one size to the next (from 1 MB on, 20% of slack); and for prose, the peak memory of the
20 MB run at most 10x its input. (Name-dense text has about one mention every 20 bytes, and its
output alone is 15x its input: its memory is linear, at about 35-45x.) The prose is articles of ../shared/data/unlabeled (never the 80 of the
real-news set) joined until the size is reached; the names are given names and family names of
data/person_names.tsv paired by a fixed pseudo-random sequence, all distinct. The inputs are
written under target/scaling/ (article text never enters the repository). The largest size is
just under the CLI's 20 MiB cap. Exits 1 when a budget does not hold.
"""
import argparse, os, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
OUT = ROOT / "target" / "scaling"
BINARY = ROOT / "target" / "release" / "kashif"
CAP = 20 * 1024 * 1024
MB = 1_000_000


def prose(size):
    from mine_names import articles  # reads ../shared/data/unlabeled lazily

    parts, total = [], 0
    for text in articles():
        data = text.strip() + "\n\n"
        parts.append(data)
        total += len(data.encode())
        if total >= size:
            break
    return cut("".join(parts), size)


def names(size):
    given, family = [], []
    for line in (ROOT / "data" / "person_names.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        word, kinds = line.split("\t")[:2]
        if "g" in kinds and "t" not in kinds:
            given.append(word)
        elif kinds == "w":
            family.append(word)
    lines, total, state, seen = [], 0, 12345, set()
    while total < size:
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        pair = (given[(state >> 20) % len(given)], family[(state >> 40) % len(family)])
        if pair in seen:
            continue
        seen.add(pair)
        line = f"{pair[0]} {pair[1]}\n"
        lines.append(line)
        total += len(line.encode())
    return cut("".join(lines), size)


def cut(text, size):
    data = text.encode()[:size]
    return data.decode("utf-8", errors="ignore")


def measure(command):
    """Runs `command` (its output thrown away) and returns its wall time in seconds and its peak
    memory (max RSS) in bytes; exits when it fails."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(command, stdout=sink)
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(command)} failed (status {status})")
    return seconds, usage.ru_maxrss * 1024


def run(path):
    return measure([str(BINARY), "analyze", str(path)])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0.1,1,5,20")
    parser.add_argument("--kinds", default="prose,names")
    args = parser.parse_args()
    if not BINARY.exists():
        sys.exit("target/release/kashif is missing: run cargo build --release first")
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = [float(size) for size in args.sizes.split(",")]
    makers = {"prose": prose, "names": names}
    ok = True
    print("| text | size MB | time s | MB/s | peak MB | time ÷ 1 MB | peak ÷ input |")
    print("|---|---|---|---|---|---|---|")
    for kind in args.kinds.split(","):
        base, previous = None, None
        for size in sizes:
            nbytes = min(int(size * MB), CAP - 1024)
            path = OUT / f"{kind}-{size:g}MB.txt"
            if not path.exists():
                path.write_text(makers[kind](nbytes), encoding="utf-8")
            nbytes = path.stat().st_size
            seconds, peak = run(path)
            if size == 1:
                base = seconds
            ratio = f"{seconds / base:.1f}" if base else ""
            print(f"| {kind} | {nbytes / MB:.2f} | {seconds:.2f} | {nbytes / MB / seconds:.2f} | "
                  f"{peak / MB:.0f} | {ratio} | {peak / nbytes:.1f} |", flush=True)
            if kind == "prose" and size >= 20 and base and seconds > 20 * base:
                print(f"  budget: {kind} {size:g} MB took more than 20x the time of the 1 MB run", flush=True)
                ok = False
            if kind == "prose" and size >= 20 and peak > 10 * nbytes:
                print(f"  budget: {kind} {size:g} MB peaked above 10x its input", flush=True)
                ok = False
            if size > 1 and previous and peak / nbytes > 1.2 * previous:
                print(f"  budget: {kind} {size:g} MB needs more memory a byte than the smaller size", flush=True)
                ok = False
            if size >= 1:
                previous = peak / nbytes
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

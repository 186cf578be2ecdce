"""Writes a generated file under data/, or with --check only says whether it is up to date."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_or_check(name, text, check, summary):
    """Writes `text` to data/`name` and prints `summary`; with `check`, exits 1 if the file differs."""
    path = os.path.join(ROOT, "data", name)
    if check:
        same = os.path.exists(path) and open(path, encoding="utf-8").read() == text
        print(f"data/{name} is", "up to date" if same else "OUT OF DATE")
        sys.exit(0 if same else 1)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(summary)

#!/usr/bin/env python3
"""Prints the unlabeled news of ../shared/data/unlabeled/ant_news as plain text, one paragraph a
line, for `kashif clusters --text -` (scripts/build_clusters.sh). The 80 articles of the
real-news set (data/news/, dev and test) are never read: the reader is mine_names.articles().
Nothing is written to the repository. Deterministic: files in name order, articles in file
order.

    python3 scripts/news_text.py [--every N]   # every Nth article only (default 1: all)
"""
import argparse, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mine_names import articles  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--every", type=int, default=1)
    every = parser.parse_args().every
    out = sys.stdout
    for index, text in enumerate(articles()):
        if index % every:
            continue
        for line in text.splitlines():
            line = line.strip()
            if line:
                out.write(line + "\n")


if __name__ == "__main__":
    main()

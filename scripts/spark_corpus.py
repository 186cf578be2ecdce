#!/usr/bin/env python3
"""The articles of the Spark job's test and benchmark: 1,000 news articles (world and Middle
East news) of the six outlets of ../shared/data/unlabeled, taken in turn, as JSON Lines with
their metadata: `{"id", "outlet", "date", "category", "title", "text"}` (`date` ISO, from the
article's `time`). Written under target/spark/ (article text never enters the repository);
never the articles of the real-news set.

    python3 scripts/spark_corpus.py [--articles 1000] [--out target/spark/articles.jsonl]
"""
import argparse, json, sys
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench_corpus import CORPUS, round_robin  # noqa: E402 (after the path)
from mine_names import news_set  # noqa: E402

CATEGORIES = {"internationalNews", "middleEast"}


def iso_date(article):
    """The article's date, YYYY-MM-DD, from its `time` (RFC 2822, ISO 8601 or DD/MM/YYYY, as the
    outlets give it); None when it has none of these."""
    parsers = (parsedate_to_datetime, datetime.fromisoformat, lambda t: datetime.strptime(t, "%d/%m/%Y"))
    for parse in parsers:
        try:
            return parse(article["time"]).date().isoformat()
        except (TypeError, ValueError):
            pass
    return None


def record(article):
    keep = {"id": article["docno"], "outlet": article["source"], "date": iso_date(article)}
    return keep | {"category": article["category"], "title": article["title"], "text": article["text"]}


def write(path, count):
    path.parent.mkdir(parents=True, exist_ok=True)
    news = round_robin(news_set(), records=True, keep=lambda article: article["category"] in CATEGORIES)
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        for article in news:
            out.write(json.dumps(record(article), ensure_ascii=False) + "\n")
            written += 1
            if written == count:
                break
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=ROOT / "target" / "spark" / "articles.jsonl")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS.relative_to(ROOT.parent)} is missing: the articles are taken from it")
    written = write(args.out, args.articles)
    print(f"{args.out}: {written} articles")


if __name__ == "__main__":
    main()

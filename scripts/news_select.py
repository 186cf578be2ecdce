#!/usr/bin/env python3
"""Chooses the articles of Kashif's real-news evaluation set from ../shared/data/unlabeled.

Deterministic: the same corpus gives the same list. Writes data/news/articles.tsv
(docno, outlet, category, story, split, words, qf: whether quotes and figures are annotated): no article text, only its docno; the scorer
(scripts/eval_news.py) reads the text from ../shared at evaluation time.

Stories are picked by a keyword of the headline, several outlets each, so that one entity is
spelled by several outlets (the cross-document links); the rest are politics, world, economy and
sport articles of each outlet. Articles of 120 to 450 words. Every fourth article in docno-hash
order is held out as the test part (scored once, when issue 16 closes).

    python3 scripts/news_select.py [--check]
"""
import gzip, hashlib, json, random, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "unlabeled" / "ant_news"
OUT = ROOT / "data" / "news" / "articles.tsv"
OUTLETS = ["alarabia", "bbc", "cnn", "france24", "skynews", "jawharafm"]
# (story, headline keyword, outlets, articles)
STORIES = [
    ("ghouta", "الغوطة", ["alarabia", "bbc", "cnn", "france24", "skynews"], 6),
    ("afrin", "عفرين", ["alarabia", "bbc", "cnn", "france24", "skynews"], 5),
    ("skripal", "سكريبال", ["alarabia", "bbc", "cnn", "france24", "skynews"], 5),
    ("hodeidah", "الحديدة", ["alarabia", "bbc", "cnn", "france24", "skynews"], 5),
    ("khashoggi", "خاشقجي", ["bbc", "cnn", "skynews"], 3),
    ("north-korea", "كوريا الشمالية", OUTLETS, 6),
    ("jerusalem", "القدس", ["alarabia", "bbc", "cnn", "france24", "skynews"], 5),
    ("libya", "ليبيا", ["bbc", "france24", "skynews", "jawharafm"], 4),
    ("tunisia", "النهضة", ["jawharafm"], 2),
    ("tunisia", "الشاهد", ["jawharafm"], 2),
    ("tunisia", "السبسي", ["jawharafm"], 1),
    ("salah", "صلاح", ["alarabia", "bbc", "cnn", "skynews"], 4),
]
# Categories of the remaining articles, per outlet, with how many.
FILL = {
    "alarabia": [("internationalNews", 4), ("economy", 1), ("sport", 1)],
    "bbc": [("middleEast", 2), ("internationalNews", 2), ("economy", 1)],
    "cnn": [("middleEast", 3), ("economy", 1), ("sport", 1)],
    "france24": [("internationalNews", 4), ("economy", 1)],
    "skynews": [("middleEast", 3), ("internationalNews", 1), ("economy", 1), ("sport", 1)],
    "jawharafm": [("politic", 3), ("localNews", 1), ("internationalNews", 1), ("economy", 1)],
}
MIN_WORDS, MAX_WORDS = 120, 450


def articles():
    for outlet in OUTLETS:
        with gzip.open(CORPUS / f"{outlet}.jsonl.gz", "rt", encoding="utf-8") as lines:
            for line in lines:
                article = json.loads(line)
                words = len(article["text"].split())
                if MIN_WORDS <= words <= MAX_WORDS:
                    yield outlet, article, words


def choose():
    rng = random.Random(16)
    pool = {}
    for outlet, article, words in articles():
        pool.setdefault(outlet, []).append((article["docno"], article["category"], article["title"], words))
    taken, rows = set(), []
    for story, keyword, outlets, count in STORIES:
        for k in range(count):
            outlet = outlets[k % len(outlets)]
            matches = [a for a in pool[outlet] if keyword in a[2] and a[0] not in taken]
            if not matches:
                continue
            docno, category, _, words = rng.choice(sorted(matches))
            taken.add(docno)
            rows.append((docno, outlet, category, story, words))
    for outlet, wants in FILL.items():
        for category, count in wants:
            matches = sorted(a for a in pool[outlet] if a[1] == category and a[0] not in taken)
            for docno, category, _, words in rng.sample(matches, count):
                taken.add(docno)
                rows.append((docno, outlet, category, "-", words))
    ranked = sorted(rows, key=lambda r: hashlib.sha1(r[0].encode()).hexdigest())
    test = {r[0] for r in ranked[::4]}
    # Quotes and figures are annotated in 20 dev articles of the stories (not sport).
    qf = {r[0] for r in ranked if r[0] not in test and r[3] not in ("-", "salah")}
    qf = set(sorted(qf, key=lambda d: hashlib.sha1(d.encode()).hexdigest())[:20])
    lines = ["docno\toutlet\tcategory\tstory\tsplit\twords\tqf"]
    for docno, outlet, category, story, words in sorted(rows):
        split = "test" if docno in test else "dev"
        lines.append(f"{docno}\t{outlet}\t{category}\t{story}\t{split}\t{words}\t{'qf' if docno in qf else '-'}")
    return "\n".join(lines) + "\n"


def main():
    table = choose()
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != table:
            sys.exit(f"{OUT.relative_to(ROOT)} is not what scripts/news_select.py makes")
        print(f"{OUT.relative_to(ROOT)}: as made")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(table, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {table.count(chr(10)) - 1} articles")


if __name__ == "__main__":
    main()

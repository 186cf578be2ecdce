#!/usr/bin/env python3
"""Mines place names from the unlabeled news of ../shared/data/unlabeled/ant_news into
data/mined_names.tsv, which scripts/build_lexicon.py adds to the lexicon below every other
source.

A word (or two) that the news writes after a settlement noun (مدينة، بلدة، قرية، محافظة، مديرية،
ناحية، ولاية، مخيم، حي، ريف and their duals: `data/place_cues.tsv`) is a place name when the
pattern is frequent enough and the word is rarely anything else: it follows such a noun at
least MIN_CUED times, in at least MIN_SHARE of all its occurrences in the corpus (COMMON_SHARE for
the commonest words of Arabic at large, word_freq.tsv), and it is no word of direction, number or
reference (STOP in the cue file) nor the conjunction و glued to a commoner word. A first word
that the cue nearly always sees with the same second word (`دير الزور`، `عين عيسى`) gives the
two-word name, when that second word is mostly seen after it (not `زيوريخ السويسرية`).

The 80 articles of the real-news set (data/news/articles.tsv, dev and test) are never read.
Only names and counts are written, never article text. Deterministic.

    python3 scripts/mine_names.py            # writes data/mined_names.tsv
    python3 scripts/mine_names.py --check    # exit 1 if data/mined_names.tsv is stale
    python3 scripts/mine_names.py --show     # prints what the thresholds drop and keep
"""
import argparse, collections, gzip, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "unlabeled" / "ant_news"
OUT = ROOT / "data" / "mined_names.tsv"
CUES = ROOT / "data" / "place_cues.tsv"
FREQ = ROOT / "data" / "word_freq.tsv"
NEWS = ROOT / "data" / "news" / "articles.tsv"

MIN_CUED = 4          # times after a settlement noun
MIN_SHARE = 0.25      # of all the word's occurrences
COMMON_CLASS = 6      # word_freq.tsv class (1: Zipf 2-2.5 ... 7: 5 and more) of the commonest words:
COMMON_SHARE = 0.5    # such a word is a name only when cues precede it this often
PAIR_SHARE = 0.7      # a first word seen with one second word this often after cues is a two-word name
PAIR_CLASS = 3        # an indefinite second word is no common word (class below this)
SECOND_SHARE = 0.3    # and the second word is mostly seen after the first (not a nationality)

DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
TOKEN = re.compile(r"[\u0621-\u064a]+|[^\s\u0621-\u064a]")
CLITICS = ("و", "ف", "ب", "ل", "وب", "فب", "ول", "فل")


def fold(text):
    text = DIACRITICS.sub("", text)
    return re.sub("[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه")


def read_list(path):
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {fold(r[0]): (r[1].strip() if len(r) > 1 else "") for r in rows}


def news_set():
    rows = NEWS.read_text(encoding="utf-8").splitlines()[1:]
    return {r.split("\t")[0] for r in rows if r.strip()}


def articles():
    skip = news_set()
    for path in sorted(CORPUS.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                article = json.loads(line)
                if article["docno"] not in skip:
                    yield article["text"]


def cue_of(word, cues):
    """The settlement noun a token is, proclitics aside."""
    if word in cues:
        return word
    for c in CLITICS:
        if word.startswith(c) and word[len(c):] in cues:
            return word[len(c):]
    return None


def count(texts, cues, stop):
    total = collections.Counter()      # folded word or pair -> occurrences anywhere
    cued = collections.Counter()       # folded word -> occurrences right after a cue
    pairs = collections.Counter()      # (first, second) -> occurrences right after a cue
    surface = collections.defaultdict(collections.Counter)
    for text in texts:
        tokens = TOKEN.findall(text)
        folded = [fold(t) for t in tokens]
        previous = None
        for f in folded:
            total[f] += 1
            if previous is not None:
                total[previous + " " + f] += 1
            previous = f if len(f) > 1 or "\u0621" <= f <= "\u064a" else None
        for i in range(len(folded) - 1):
            if cue_of(folded[i], cues) is None:
                continue
            first = folded[i + 1]
            if len(first) < 3 or first in stop or not re.fullmatch("[\u0621-\u064a]+", first):
                continue
            cued[first] += 1
            surface[first][DIACRITICS.sub("", tokens[i + 1])] += 1
            if i + 2 < len(folded) and re.fullmatch("[\u0621-\u064a]+", folded[i + 2]) and folded[i + 2] not in stop:
                pairs[(first, folded[i + 2])] += 1
                surface[first + " " + folded[i + 2]][DIACRITICS.sub("", tokens[i + 1] + " " + tokens[i + 2])] += 1
    return total, cued, pairs, surface


def mine(total, cued, pairs, surface, common, show):
    names = []
    by_first = collections.defaultdict(list)
    for (a, b), n in pairs.items():
        by_first[a].append((n, b))
    for word, n in sorted(cued.items()):
        if n < MIN_CUED:
            continue
        best = max(by_first.get(word, [(0, "")]))
        # The second word of a name is definite (`دير الزور`) or no common word (`عين عيسى`),
        # not a preposition or a verb that follows the place (`العيون من`).
        second_ok = (best[1].startswith("ال") or common.get(best[1], 0) < PAIR_CLASS) \
            and best[0] >= SECOND_SHARE * total[best[1]]
        if best[0] >= PAIR_SHARE * n and best[0] >= MIN_CUED and second_ok:
            name, m = word + " " + best[1], best[0]
        else:
            name, m = word, n
        share = m / max(total[name], 1)
        first = name.split(" ")[0]
        too_common = common.get(name, 0) >= COMMON_CLASS and share < COMMON_SHARE
        conjunction = first.startswith("و") and total[first[1:]] > total[first]
        keep = share >= MIN_SHARE and not too_common and not conjunction
        if show:
            print(f"{'KEEP' if keep else 'drop'}\t{name}\t{m}\t{total[name]}\t{share:.2f}\t{common.get(name, 0)}")
        if keep:
            form = surface[name].most_common(1)[0][0]
            names.append((name, form, m, total[name]))
    return names


def render(names):
    lines = [
        "# Place names mined from the unlabeled news of ../shared/data/unlabeled/ant_news (Arabic",
        "# News Texts corpus, see data/README.md for its citation) by scripts/mine_names.py: a word",
        "# the news writes after a settlement noun (data/place_cues.tsv) often enough and rarely",
        f"# otherwise (>= {MIN_CUED} times, >= {MIN_SHARE:.0%} of its occurrences, not a common word).",
        "# GENERATED: do not edit. Columns: folded name, most frequent spelling, times after a cue,",
        "# times in the corpus.",
    ]
    for name, form, cued, total in sorted(names):
        lines.append(f"{name}\t{form}\t{cued}\t{total}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"mine_names: {CORPUS.relative_to(ROOT.parent)} not found (../shared must be beside the checkout)")
    cue_rows = read_list(CUES)
    cues = {w for w, kind in cue_rows.items() if kind == "CUE"}
    stop = {w for w, kind in cue_rows.items() if kind == "STOP"}
    common = {}
    for line in FREQ.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, cls = line.split("\t")
            common[word] = int(cls)
    total, cued, pairs, surface = count(articles(), cues, stop)
    text = render(mine(total, cued, pairs, surface, common, args.show))
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit("data/mined_names.tsv is not what the code makes: run python3 scripts/mine_names.py")
        print("data/mined_names.tsv is up to date")
    elif not args.show:
        OUT.write_text(text, encoding="utf-8")
        print(f"data/mined_names.tsv: {text.count(chr(10)) - 6} names")


if __name__ == "__main__":
    main()

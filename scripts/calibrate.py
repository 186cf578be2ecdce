#!/usr/bin/env python3
"""Calibrates the confidence of Kashif's names on the news dev set; writes data/calibration.tsv.

    python3 scripts/calibrate.py            fit on the 60 dev articles, rewrite data/calibration.tsv,
                                            print the reliability tables
    python3 scripts/calibrate.py --check    exit 1 if data/calibration.tsv is not what this makes,
                                            or the release binary does not apply it
    python3 scripts/calibrate.py --kashif PATH   another binary (else `cargo build --release`)

Reads the dev gold of data/news/ and the dev articles' text from ../shared (through
scripts/eval_news.py, whose matching it uses); never the test split. A name (PER, ORG, LOC) is
right when its type and folded surface are a form of a gold entity of the article, as the
scorer's precision counts it, here once per mention.

What is calibrated (crates/kashif-core/src/calibration.rs): the raw score of each name, which `kashif analyze
--without calibrated-confidence` prints as its confidence: the logistic of the tagger's mean
log-odds for the name's tokens and type, divided by 100, whatever found the name. Per source (a
row for each source with at least MIN_ROW dev mentions, `*` for the others), a logistic curve of
those log-odds is fitted by maximum likelihood (Platt scaling: a temperature and a bias, with a
weak L2 penalty, the slope kept >= 0 so that the order of the names stays).

Reported: the reliability table (10 bins of confidence: mentions, mean confidence, share right)
and the expected calibration error (ECE: the bins' |confidence - accuracy| weighted by their
mentions), of the raw score, of the calibration fitted on all 60 articles (in sample), and of a
5-fold cross-validation by article (each fold's names scored by the curves fitted on the other
48 articles: what to expect of new text), overall and per source.
"""
import argparse, json, math, subprocess, sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_news import TYPES, fold, gold_forms, load_split, run_kashif  # noqa: E402
from news_tool import texts  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "calibration.tsv"
STEP = "calibrated-confidence"  # crates/kashif-core/src/calibration.rs STEP
SCALE = 100.0  # crates/kashif-core/src/calibration.rs LOG_ODDS_SCALE: the raw score is logistic(log_odds / SCALE)
MIN_ROW = 40  # dev mentions a source needs for a row of its own
MIN_OTHERS = 20  # below this many mentions of the other sources, `*` is fitted on all
PENALTY = 1.0  # L2 penalty on the slope and bias
FOLDS = 5
BINS = 10
MAX_SCORE = 16.0  # |log_odds / SCALE| beyond which an f32 score of 0 or 1 says no more


def logistic(z):
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def score_of(raw):
    """The scaled log-odds log_odds / SCALE back from a printed raw score."""
    raw = min(max(raw, 1e-7), 1 - 1e-7)
    return max(-MAX_SCORE, min(MAX_SCORE, math.log(raw / (1 - raw))))


def names(found, gold):
    """(docno, source, confidence, right) of every PER/ORG/LOC name Kashif found, in text order."""
    rows = []
    for docno, g in sorted(gold.items()):
        forms = gold_forms(g)
        for m in found[docno]["entities"]:
            if m["label"] in TYPES:
                rows.append((docno, m.get("source", ""), m["confidence"], (m["label"], fold(m["text"])) in forms))
    return rows


def mentions(found, gold):
    """(docno, source, scaled log-odds, right) of every name, from the raw scores of `found`."""
    return [(d, s, score_of(c), y) for d, s, c, y in names(found, gold)]


def fit_logistic(points):
    """(slope, bias) of P(right) = logistic(slope * x + bias), by Newton's method on the penalized
    log-likelihood; slope >= 0."""
    def newton(slope_free):
        a, b = 0.0, 0.0
        for _ in range(100):
            ga, gb, haa, hab, hbb = PENALTY * a, PENALTY * b, PENALTY, 0.0, PENALTY
            for x, y in points:
                p = logistic(a * x + b)
                w = p * (1 - p)
                ga += (p - y) * x
                gb += p - y
                haa += w * x * x
                hab += w * x
                hbb += w
            if slope_free:
                det = haa * hbb - hab * hab
                da, db = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
            else:
                da, db = 0.0, gb / hbb
            a, b = a - da, b - db
            if abs(da) + abs(db) < 1e-12:
                break
        return a, b
    a, b = newton(True)
    return (a, b) if a >= 0 else newton(False)


def fit(rows):
    """{source: (slope, bias, mentions, right)} with a `*` row, from (docno, source, x, right) rows."""
    by_source = defaultdict(list)
    for _, source, x, right in rows:
        by_source[source].append((x, float(right)))
    own = {s for s, points in by_source.items() if len(points) >= MIN_ROW}
    others = [p for s, points in by_source.items() if s not in own for p in points]
    if len(others) < MIN_OTHERS:
        others = [p for points in by_source.values() for p in points]
    curves = {}
    for source, points in sorted(by_source.items()):
        if source in own:
            curves[source] = (*fit_logistic(points), len(points), int(sum(y for _, y in points)))
    curves["*"] = (*fit_logistic(others), len(others), int(sum(y for _, y in others)))
    return {s: (round(a, 4), round(b, 4), n, r) for s, (a, b, n, r) in curves.items()}


def apply(curves, source, x):
    a, b, _, _ = curves.get(source, curves["*"])
    return logistic(a * x + b)


def render(curves, n_articles):
    lines = [
        "# The calibration of the confidence of names, made by scripts/calibrate.py (do not edit): per",
        f"# source of a name, the logistic curve fitted on the {n_articles} articles of the news dev set",
        "# (data/news/) that maps the tagger's mean log-odds for the name (log_odds, crates/kashif-core/src/calibration.rs)",
        "# to how often such names are right: confidence = 1 / (1 + exp(-(slope * log_odds / 100 + bias))).",
        "# `*`: any source without a row of its own. mentions/right: the dev names it was fitted on.",
        "# source\tslope\tbias\tmentions\tright",
    ]
    order = sorted((s for s in curves if s != "*"), key=lambda s: (-curves[s][2], s)) + ["*"]
    for source in order:
        a, b, n, r = curves[source]
        lines.append(f"{source}\t{a:.4f}\t{b:.4f}\t{n}\t{r}")
    return "\n".join(lines) + "\n"


def parse(text):
    curves = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            source, a, b, n, r = line.split("\t")
            curves[source] = (float(a), float(b), int(n), int(r))
    return curves


def reliability(pairs):
    """[(bin, mentions, mean confidence, accuracy)] and the ECE of (confidence, right) pairs."""
    bins = defaultdict(list)
    for p, y in pairs:
        bins[min(int(p * BINS), BINS - 1)].append((p, y))
    table = [(k, len(v), sum(p for p, _ in v) / len(v), sum(y for _, y in v) / len(v)) for k, v in sorted(bins.items())]
    ece = sum(n * abs(c - a) for _, n, c, a in table) / max(len(pairs), 1)
    return table, ece


def brier(pairs):
    return sum((p - y) ** 2 for p, y in pairs) / max(len(pairs), 1)


def print_tables(named):
    """Side-by-side reliability tables of {title: pairs}."""
    titles = list(named)
    tables = {t: dict((k, (n, c, a)) for k, n, c, a in reliability(named[t])[0]) for t in titles}
    print("| confidence | " + " | ".join(f"{t}: names, mean, right" for t in titles) + " |")
    print("|---|" + "---|" * len(titles))
    for k in range(BINS):
        cells = []
        for t in titles:
            n, c, a = tables[t].get(k, (0, 0, 0))
            cells.append(f"{n}, {c:.3f}, {a:.3f}" if n else "-")
        print(f"| {k / BINS:.1f}-{(k + 1) / BINS:.1f} | " + " | ".join(cells) + " |")
    print("| ECE | " + " | ".join(f"{reliability(named[t])[1]:.4f}" for t in titles) + " |")
    print("| Brier | " + " | ".join(f"{brier(named[t]):.4f}" for t in titles) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--kashif", help="the binary to run (default: cargo build --release, then target/release/kashif)")
    args = parser.parse_args()
    kashif = args.kashif
    if kashif is None:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        kashif = str(ROOT / "target" / "release" / "kashif")
    _, gold, _ = load_split("dev")
    articles = texts(list(gold))
    if len(articles) != len(gold):
        sys.exit("calibrate: the dev articles' text was not found in ../shared/data/unlabeled/ant_news")
    rows = mentions(run_kashif(kashif, articles, STEP), gold)
    curves = fit(rows)
    text = render(curves, len(gold))
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            sys.exit("data/calibration.tsv is not what scripts/calibrate.py makes: run python3 scripts/calibrate.py")
        shipped = names(run_kashif(kashif, articles, ""), gold)
        if len(shipped) != len(rows):
            sys.exit("the release binary finds other names with the calibration on than off")
        worst = max((abs(apply(curves, s, x) - c) for (_, s, x, _), (_, _, c, _) in zip(rows, shipped)), default=0.0)
        if worst > 2e-3:
            sys.exit(f"the release binary's confidence differs from data/calibration.tsv's curves by {worst:.4f}: rebuild it")
        print("data/calibration.tsv is up to date, and the release binary applies it")
        return
    OUT.write_text(text, encoding="utf-8")
    docs = sorted(gold)
    fold_of = {d: i % FOLDS for i, d in enumerate(docs)}
    cross = {}
    for k in range(FOLDS):
        held_out = fit([r for r in rows if fold_of[r[0]] != k])
        for i, (d, s, x, _) in enumerate(rows):
            if fold_of[d] == k:
                cross[i] = apply(held_out, s, x)
    raw = [(logistic(x), y) for _, _, x, y in rows]
    fitted = [(apply(curves, s, x), y) for _, s, x, y in rows]
    crossed = [(cross[i], y) for i, (_, _, _, y) in enumerate(rows)]
    print(f"data/calibration.tsv: {len(curves)} rows, fitted on {len(rows)} names of {len(gold)} dev articles\n")
    print(text)
    print("All names (PER, ORG, LOC) of the dev articles:\n")
    print_tables({"raw score": raw, f"calibrated, {FOLDS}-fold CV": crossed, "calibrated, in sample": fitted})
    print(f"\nPer source ({FOLDS}-fold CV by article; raw -> calibrated ECE):\n")
    print("| source | names | right | mean raw | ECE raw | mean calibrated (CV) | ECE calibrated (CV) |")
    print("|---|---|---|---|---|---|---|")
    by_source = defaultdict(list)
    for i, (_, s, x, y) in enumerate(rows):
        by_source[s if s in curves else "* (other sources)"].append((logistic(x), cross[i], y))
    for s, v in sorted(by_source.items(), key=lambda kv: -len(kv[1])):
        r_pairs, c_pairs = [(p, y) for p, _, y in v], [(c, y) for _, c, y in v]
        print(f"| {s} | {len(v)} | {sum(y for *_, y in v) / len(v):.3f} | {sum(p for p, _ in r_pairs) / len(v):.3f} | "
              f"{reliability(r_pairs)[1]:.4f} | {sum(c for c, _ in c_pairs) / len(v):.3f} | {reliability(c_pairs)[1]:.4f} |")


if __name__ == "__main__":
    main()

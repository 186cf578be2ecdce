#!/usr/bin/env python3
"""Scores Kashif on its real-news set (data/news/, guide in data/news/GUIDE.md).

The gold holds names and offsets only; the article texts are read from
../shared/data/unlabeled/ant_news at run time and given to the CLI (`kashif analyze --format
jsonl`, all articles of the split in one run, so that entities are linked across them).

    python3 scripts/eval_news.py [--split dev|test] [--kashif PATH] [--without RULE,...]
                                 [--errors] [--json] [--ids]

Scores (document level, PER/ORG/LOC):
- recall: a gold entity of an article is found when Kashif marks one of its forms there with
  its type; precision: of the distinct (type, text) names Kashif marks in an article, those that
  are a form of a gold entity of that type. Forms are compared folded (diacritics, tatweel,
  alef and hamza seats, ى/ي, ة/ه); a settlement descriptor at the start (مدينة، محافظة…) and
  the article ال of the first word (not written after لل: للأمم المتحدة) are optional on both
  sides.
- links: a gold entity that two or more articles write with different sets of forms is linked
  when every mention of it that Kashif found, in all those articles, has one entity id.
- quotes (articles marked qf): a gold quote is found when a Kashif quote overlaps it; its
  speaker is right when Kashif's speaker name is a form of the gold speaker (or both name none).
- figures (qf): a gold figure is found when a Kashif figure overlaps it; value, counts and event
  are compared.

--errors prints what was missed and what was wrong (refused on the test split: its errors are
not read). --json prints the scores as JSON. --ids lists every gold id with its articles.
"""
import argparse, json, os, re, subprocess, sys, tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from news_tool import texts  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT / "data" / "news"
TYPES = ["PER", "ORG", "LOC"]
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
SETTLEMENT = {"مدينه", "بلده", "قريه", "محافظه", "ولايه", "اقليم", "منطقه", "مخيم", "حي", "ناحيه", "مديريه"}


def fold(text):
    text = DIACRITICS.sub("", text)
    text = re.sub("[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه")
    text = text.strip(" \t\n«»\"'“”()[]،,.:؛")
    words = text.split()
    if len(words) > 1 and words[0] in SETTLEMENT:
        words = words[1:]
    if words and words[0].startswith("ال") and len(words[0]) > 3:
        words[0] = words[0][2:]  # after لل the article is not written: للأمم المتحدة
    return " ".join(words)


def load_split(split):
    rows = [line.split("\t") for line in (NEWS / "articles.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    docnos = [r[0] for r in rows if r[4] == split]
    qf = {r[0] for r in rows if r[6] == "qf"}
    gold = {}
    for docno in docnos:
        path = NEWS / "gold" / f"{docno}.json"
        if path.exists():
            gold[docno] = json.loads(path.read_text(encoding="utf-8"))
    return docnos, gold, qf


def gold_forms(g):
    """{(type, folded form): gold id} of one article's gold: what a found name is matched to."""
    return {(entity["type"], fold(form)): entity["id"] for entity in g["entities"] for form in entity["forms"]}


def run_kashif(kashif, articles, without):
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for docno, article in articles.items():
            path = Path(tmp) / f"{docno}.txt"
            path.write_text(article["text"], encoding="utf-8")
            paths.append(str(path))
        command = [kashif, "analyze", "--format", "jsonl"]
        if without:
            command += ["--without", without]
        out = subprocess.run(command + paths, capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        document = json.loads(line)
        found[Path(document["name"]).stem] = document
    return found


def ratio(a, b):
    return a / b if b else 0.0


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold, found, qf, errors):
    counts = {t: {"tp_pred": 0, "pred": 0, "found": 0, "gold": 0} for t in TYPES}
    out = []
    kashif_ids = defaultdict(set)  # gold id -> Kashif ids of its matched mentions
    forms_of = defaultdict(dict)  # gold id -> {docno: frozenset of folded forms}
    for docno, g in sorted(gold.items()):
        mentions = [m for m in found[docno]["entities"] if m["label"] in TYPES]
        form_index = gold_forms(g)
        for entity in g["entities"]:
            forms_of[entity["id"]][docno] = frozenset(fold(f) for f in entity["forms"])
        predicted = {(m["label"], fold(m["text"])) for m in mentions}
        for label, text in sorted(predicted):
            counts[label]["pred"] += 1
            if (label, text) in form_index:
                counts[label]["tp_pred"] += 1
            elif errors:
                other = [t for t in TYPES if (t, text) in form_index]
                why = f"type (gold {other[0]})" if other else "false"
                out.append(f"{docno}\tFALSE\t{label}\t{text}\t{why}")
        for m in mentions:
            gid = form_index.get((m["label"], fold(m["text"])))
            if gid:
                kashif_ids[gid].add(m["id"])
        for entity in g["entities"]:
            t = entity["type"]
            counts[t]["gold"] += 1
            if any((t, fold(f)) in predicted for f in entity["forms"]):
                counts[t]["found"] += 1
            elif errors:
                out.append(f"{docno}\tMISS\t{t}\t{' | '.join(entity['forms'])}")
    table = {}
    totals = {"tp_pred": 0, "pred": 0, "found": 0, "gold": 0}
    for t in TYPES + ["all"]:
        c = counts[t] if t != "all" else totals
        if t != "all":
            for k in totals:
                totals[k] += c[k]
        p, r = ratio(c["tp_pred"], c["pred"]), ratio(c["found"], c["gold"])
        table[t] = {"precision": p, "recall": r, "f1": f1(p, r), "gold": c["gold"], "predicted": c["pred"]}
    links_total = links_right = 0
    for gid, per_doc in sorted(forms_of.items()):
        if len(per_doc) < 2 or len(set(per_doc.values())) < 2:
            continue
        links_total += 1
        if len(kashif_ids.get(gid, ())) == 1:
            links_right += 1
        elif errors:
            out.append(f"-\tLINK\t{gid}\t{sorted(kashif_ids.get(gid, ()))}\t{sorted(per_doc)}")
    table["links"] = {"right": links_right, "total": links_total}
    table["quotes"], table["figures"] = score_quotes_figures(gold, found, qf, errors, out)
    return table, out


def overlap(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


def score_quotes_figures(gold, found, qf, errors, out):
    q = {"gold": 0, "found": 0, "speaker": 0, "predicted": 0, "predicted_right": 0}
    f = {"gold": 0, "found": 0, "value": 0, "counts": 0, "event": 0, "predicted": 0}
    for docno, g in sorted(gold.items()):
        if docno not in qf or "quotes" not in g:
            continue
        forms = {e["id"]: {fold(x) for x in e["forms"]} for e in g["entities"]}
        predicted = found[docno]["quotes"]
        q["predicted"] += len(predicted)
        q["predicted_right"] += sum(any(overlap(p, x) for x in g["quotes"]) for p in predicted)
        for quote in g["quotes"]:
            q["gold"] += 1
            match = next((p for p in predicted if overlap(p, quote)), None)
            if match is None:
                if errors:
                    out.append(f"{docno}\tQUOTE-MISS\t{quote['start']}\t{quote['verb']}\t{quote['speaker']}")
                continue
            q["found"] += 1
            name = match.get("speaker_name")
            right = (name is None) if quote["speaker"] is None else speaker_is(match, forms.get(quote["speaker"], set()), found[docno])
            q["speaker"] += right
            if not right and errors:
                out.append(f"{docno}\tSPEAKER\t{quote['start']}\t{quote['verb']}\tgold {quote['speaker']}\tkashif {name}")
        predicted = found[docno]["figures"]
        f["predicted"] += len(predicted)
        for figure in g.get("figures", []):
            f["gold"] += 1
            match = next((p for p in predicted if overlap(p, figure)), None)
            if match is None:
                if errors:
                    out.append(f"{docno}\tFIGURE-MISS\t{figure['start']}\t{figure['value']}\t{figure['counts']}")
                continue
            f["found"] += 1
            f["value"] += match["value"] == figure["value"]
            f["counts"] += match["counts"] == figure["counts"]
            f["event"] += (match.get("event") or "") == figure["event"]
    return q, f


def speaker_is(quote, gold_forms, document):
    """Whether Kashif's speaker of `quote` is the gold entity of `gold_forms`: by its name, or as
    the entity one of whose mentions in the article reads as a gold form (a speaker given by its
    full canonical name, `رجب طيب أردوغان`, where the article writes only `أردوغان`)."""
    name = quote.get("speaker_name")
    if name is None:
        return False
    if fold(name) in gold_forms:
        return True
    entity = quote.get("speaker")
    return bool(entity) and any(m.get("id") == entity and fold(m["text"]) in gold_forms for m in document["entities"])


def print_table(table, split, n):
    print(f"news {split}: {n} articles")
    print(f"{'':6}{'precision':>10}{'recall':>8}{'F1':>8}{'gold':>6}{'found':>7}")
    for t in TYPES + ["all"]:
        r = table[t]
        print(f"{t:6}{r['precision']:10.3f}{r['recall']:8.3f}{r['f1']:8.3f}{r['gold']:6}{r['predicted']:7}")
    links = table["links"]
    print(f"links: {links['right']}/{links['total']} ({ratio(links['right'], links['total']):.2f})")
    q, f = table["quotes"], table["figures"]
    if q["gold"]:
        print(f"quotes: {q['found']}/{q['gold']} found, speaker right {q['speaker']}/{q['gold']} "
              f"({ratio(q['speaker'], q['gold']):.2f}); {q['predicted_right']}/{q['predicted']} found quotes are gold")
    if f["gold"]:
        print(f"figures: {f['found']}/{f['gold']} found; value {f['value']}, counts {f['counts']}, event {f['event']} right; "
              f"{f['predicted']} predicted")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    parser.add_argument("--kashif", default=str(ROOT / "target" / "release" / "kashif"))
    parser.add_argument("--without", default="")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--ids", action="store_true")
    args = parser.parse_args()
    if args.errors and args.split == "test":
        sys.exit("eval_news: the test split's errors are not read (choose changes on dev)")
    docnos, gold, qf = load_split(args.split)
    if args.ids:
        by_id = defaultdict(list)
        for docno, g in gold.items():
            for e in g["entities"]:
                by_id[e["id"]].append(docno)
        for gid in sorted(by_id):
            print(f"{gid}\t{len(by_id[gid])}\t{' '.join(sorted(by_id[gid]))}")
        return
    missing = [d for d in docnos if d not in gold]
    if missing:
        print(f"eval_news: {len(missing)} articles of {args.split} have no gold yet", file=sys.stderr)
    found = run_kashif(args.kashif, texts(list(gold)), args.without)
    table, out = score(gold, found, qf, args.errors)
    if args.json:
        print(json.dumps(table, indent=1))
    else:
        print_table(table, args.split, len(gold))
    for line in out:
        print(line, file=sys.stderr)


if __name__ == "__main__":
    main()

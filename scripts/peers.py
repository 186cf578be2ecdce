#!/usr/bin/env python3
"""Kashif beside two common peers on the same input (issue 19):

- spaCy: the blank Arabic pipeline (`spacy.blank("ar")`: its tokenizer) and an EntityRuler
  holding Kashif's lexicon (data/lexicon.tsv: every canonical name and variant as a phrase);
- CRF: sklearn-crfsuite with standard token features (the word, its prefixes and suffixes, its
  shape, the two words on each side), trained on the ANERcorp train split and nothing else.

    cargo build --release && python3 scripts/peers.py [--size 10] [--iterations 100]

The peers run in their own virtual environment, target/peers-venv, installed on the first run
from scripts/peers-requirements.txt (every version pinned). The input is the benchmark corpus of
scripts/bench_corpus.py (target/bench/news-<size>MB.jsonl, never committed); each system runs in
a process of its own, measured by scaling.measure (wall time and peak memory of the whole
process, start-up included); the peers on one core, Kashif on one core and on all. Tokens are
the whitespace words of the input, the same count for every system. F1 is eval_news.py's
document-level PER/ORG/LOC score on the news dev set (60 articles; the test split is never read),
each system's names scored by the same function. Prints one Markdown table.
"""
import argparse, json, os, re, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from scaling import measure  # noqa: E402 (after the path)
import bench_corpus  # noqa: E402

VENV = ROOT / "target" / "peers-venv"
PYTHON = VENV / "bin" / "python"
REQUIREMENTS = ROOT / "scripts" / "peers-requirements.txt"
OUT = ROOT / "target" / "peers"
CRF_MODEL = OUT / "crf.model"
ANERCORP_TRAIN = ROOT.parent / "shared" / "data" / "ner" / "anercorp" / "camel_split_reconstructed" / "ANERCorp_CamelLab_train.reconstructed.txt"
TOKEN = re.compile(r"\w+|[^\w\s]")
SENTENCE_END = {".", "!", "?", "؟"}
MB = 1_000_000


# ---- inside the virtual environment -------------------------------------------------------

def lexicon():
    for line in (ROOT / "data" / "lexicon.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        _, label, canonical, variants = (line.split("\t") + [""])[:4]
        for form in [canonical] + [v for v in variants.split("|") if v]:
            yield label, form


def spacy_tagger():
    import spacy

    nlp = spacy.blank("ar")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": label, "pattern": form} for label, form in lexicon()])
    return lambda items: ((key, [(e.label_, e.text) for e in doc.ents]) for doc, key in nlp.pipe(items, as_tuples=True, batch_size=64))


def shape(word):
    kinds = ("a" if "\u0600" <= c <= "\u06ff" else "d" if c.isdigit() else "L" if c.isupper() else "l" if c.isalpha() else c for c in word)
    return re.sub(r"(.)\1+", r"\1\1", "".join(kinds))


def features(words):
    out = []
    for i, word in enumerate(words):
        f = {"bias": 1.0, "w": word, "p2": word[:2], "p3": word[:3], "s2": word[-2:], "s3": word[-3:],
             "shape": shape(word), "len": str(min(len(word), 8))}
        for d in (-2, -1, 1, 2):
            f[f"w{d:+d}"] = words[i + d] if 0 <= i + d < len(words) else ("<s>" if i + d < 0 else "</s>")
        f["s3-1"] = words[i - 1][-3:] if i else "<s>"
        out.append(f)
    return out


def sentences(text):
    """Sentences of `text` as lists of (word, start, end): cut at line breaks and after . ! ? ؟"""
    for line in re.finditer(r"[^\n]+", text):
        sentence = []
        for m in TOKEN.finditer(line.group()):
            sentence.append((m.group(), line.start() + m.start(), line.start() + m.end()))
            if m.group() in SENTENCE_END:
                yield sentence
                sentence = []
        if sentence:
            yield sentence


def anercorp():
    words, tags = [], []
    for line in ANERCORP_TRAIN.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                yield words, tags
            words, tags = [], []
            continue
        word, tag = line.rsplit(" ", 1)
        words.append(word)
        tags.append(tag.replace("PERS", "PER"))
    if words:
        yield words, tags


def train_crf(iterations):
    import sklearn_crfsuite

    data = list(anercorp())
    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.1, c2=0.05, max_iterations=iterations,
                               all_possible_transitions=True, model_filename=str(CRF_MODEL))
    crf.fit([features(words) for words, _ in data], [tags for _, tags in data])


def spans(sentence, tags):
    """[label, start, end] of the names BIO `tags` mark in `sentence` (an I- after O or after
    another type starts a name)."""
    found, inside = [], False
    for (_, start, end), tag in zip(sentence, tags):
        if tag.startswith("I-") and inside and found[-1][0] == tag[2:]:
            found[-1][2] = end
        elif tag != "O":
            found.append([tag[2:], start, end])
        inside = tag != "O"
    return found


def crf_tagger():
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(CRF_MODEL))

    def names(text):
        return [(label, text[start:end]) for sentence in sentences(text)
                for label, start, end in spans(sentence, tagger.tag(features([w for w, _, _ in sentence])))]

    return lambda items: ((key, names(text)) for text, key in items)


def run_peer(peer, path, stats):
    """Tags every article of the JSON Lines file `path`, printing {id, entities} a line; writes
    the set-up and tagging times to `stats`."""
    start = time.perf_counter()
    tag = {"spacy": spacy_tagger, "crf": crf_tagger}[peer]()
    ready = time.perf_counter()
    with open(path, encoding="utf-8") as lines:
        for key, names in tag((a["text"], a["id"]) for a in map(json.loads, lines)):
            entities = [{"label": label, "text": text, "id": f"{label}:{text}"} for label, text in names]
            print(json.dumps({"name": key, "entities": entities, "quotes": [], "figures": []}, ensure_ascii=False))
    Path(stats).write_text(json.dumps({"setup": ready - start, "tagging": time.perf_counter() - ready}))


# ---- outside: set-up, runs, table ---------------------------------------------------------

def venv():
    stamp = VENV / "requirements.txt"
    if stamp.exists() and stamp.read_text() == REQUIREMENTS.read_text():
        return
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)], check=True)
    stamp.write_text(REQUIREMENTS.read_text())


def inside(*args):
    return [str(PYTHON), str(Path(__file__).resolve()), *args]


def one_core(command):
    return ["taskset", "-c", "0"] + command


def dev_set():
    """The news dev gold and its texts as target/peers/news-dev.jsonl."""
    from eval_news import load_split
    from news_tool import texts

    _, gold, qf = load_split("dev")
    path = OUT / "news-dev.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for docno, article in sorted(texts(list(gold)).items()):
            out.write(json.dumps({"id": docno, "text": article["text"]}, ensure_ascii=False) + "\n")
    return gold, qf, path


def f1(found, gold, qf):
    from eval_news import score

    return score(gold, found, qf, errors=False)[0]["all"]["f1"]


def peer_f1(peer, dev, gold, qf):
    out = subprocess.run(inside("--peer", peer, "--input", str(dev), "--stats", os.devnull),
                         capture_output=True, text=True, check=True).stdout
    return f1({d["name"]: d for d in map(json.loads, out.splitlines())}, gold, qf)


def kashif_f1(dev, gold, qf):
    from eval_news import run_kashif

    with open(dev, encoding="utf-8") as lines:
        articles = {a["id"]: a for a in map(json.loads, lines)}
    return f1(run_kashif(str(bench_corpus.BINARY), articles, ""), gold, qf)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="10", help="MB of the benchmark corpus (default 10)")
    parser.add_argument("--iterations", type=int, default=100, help="L-BFGS iterations of the CRF's training")
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--stats", help=argparse.SUPPRESS)
    parser.add_argument("--train", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.train:
        return train_crf(args.iterations)
    if args.peer:
        return run_peer(args.peer, args.input, args.stats)
    if not bench_corpus.BINARY.exists():
        sys.exit("target/release/kashif is missing: run cargo build --release first")
    from mine_names import news_set

    OUT.mkdir(parents=True, exist_ok=True)
    venv()
    corpus = bench_corpus.corpus(args.size, news_set())
    size, words = corpus.stat().st_size, bench_corpus.words_of(corpus)
    gold, qf, dev = dev_set()
    train_s, train_peak = measure(one_core(inside("--train", "--iterations", str(args.iterations))))
    cores = len(os.sched_getaffinity(0))
    rows = []  # (system, cores, seconds, set-up seconds, peak bytes, F1)
    kashif = kashif_f1(dev, gold, qf)
    for single in (True, False):
        seconds, peak = bench_corpus.run(corpus, single)
        rows.append(("Kashif", 1 if single else cores, seconds, None, peak, kashif))
    for peer, name in (("spacy", "spaCy blank `ar` + EntityRuler (Kashif's lexicon)"), ("crf", "CRF (sklearn-crfsuite, ANERcorp train)")):
        stats = OUT / f"{peer}-stats.json"
        seconds, peak = measure(one_core(inside("--peer", peer, "--input", str(corpus), "--stats", str(stats))))
        setup = json.loads(stats.read_text())["setup"]
        rows.append((name, 1, seconds, setup, peak, peer_f1(peer, dev, gold, qf)))
    base_s, base_peak = rows[0][2], rows[0][4]
    print(f"Input: {corpus.name} ({size / MB:.1f} MB, {words:,} words), news dev F1 on 60 articles; "
          f"ratios to Kashif on one core. CRF training: {train_s:.0f} s ({args.iterations} iterations, peak {train_peak / MB:.0f} MB).\n")
    print("| system | cores | time s | of which set-up s | MB/s | tokens/s | peak MB | news dev F1 | speed ÷ Kashif | memory ÷ Kashif |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, used, seconds, setup, peak, score in rows:
        print(f"| {name} | {used} | {seconds:.1f} | {'' if setup is None else f'{setup:.1f}'} | {size / MB / seconds:.2f} | "
              f"{words / seconds:,.0f} | {peak / MB:.0f} | {score:.3f} | {base_s / seconds:.2f}× | {peak / base_peak:.2f}× |", flush=True)


if __name__ == "__main__":
    main()

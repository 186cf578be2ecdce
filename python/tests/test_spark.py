"""The Spark job (examples/spark/kashif_spark.py) in local mode on 1,000 real articles
(scripts/spark_corpus.py writes them under target/spark/): its Parquet tables read back and
checked against the package's own analysis. Skipped, saying why, without Java, pyspark or the
articles' source (../shared/data/unlabeled)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "target" / "spark" / "articles.jsonl"
OUT = ROOT / "target" / "spark" / "out"

if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java (java not on PATH, JAVA_HOME unset): the Spark test needs a JRE 17", allow_module_level=True)
pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed: bash scripts/setup.sh --tests installs it")
sys.path.insert(0, str(ROOT / "examples" / "spark"))
import kashif_spark  # noqa: E402 (after the path)

import kashif  # noqa: E402


@pytest.fixture(scope="module")
def articles():
    if not ARTICLES.exists():
        made = subprocess.run([sys.executable, str(ROOT / "scripts" / "spark_corpus.py")], capture_output=True, text=True)
        if made.returncode != 0:
            pytest.skip(f"cannot make the articles: {made.stderr.strip()}")
    return ARTICLES


@pytest.fixture(scope="module")
def spark():
    session = kashif_spark.session("local[2]")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def job(spark, articles):
    """The job run once on the articles, in 4 partitions over the 2 local workers."""
    count, seconds, busiest = kashif_spark.run(spark, str(articles), str(OUT), partitions=4)
    print(f"\nspark local[2]: {count} articles in {seconds:.1f} s ({count / seconds:.1f} articles/s)")
    return count, busiest


def read(spark, name):
    return spark.read.parquet(str(OUT / name)).toPandas()


def by_article(articles):
    with open(articles, encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    return {row["id"]: row for row in rows}


def test_every_article_is_analyzed_and_its_mentions_are_the_packages(spark, articles, job):
    count, _ = job
    rows = by_article(articles)
    assert count == len(rows) == 1000
    mentions = read(spark, "mentions")
    assert list(mentions.columns[:10]) == [
        "article_id", "outlet", "date", "label", "text", "start", "end", "entity_id", "canonical", "confidence"
    ]
    ids = sorted(rows)
    expected = kashif.analyze_many([rows[i]["text"] for i in ids])
    got = {key: group.sort_values("start") for key, group in mentions.groupby("article_id")}
    for article_id, analysis in zip(ids, expected):
        want = [(m["label"], m["start"], m["end"], m["id"], m["canonical"]) for m in analysis["entities"]]
        group = got.get(article_id)
        have = [] if group is None else list(group[["label", "start", "end", "entity_id", "canonical"]].itertuples(index=False, name=None))
        assert have == want, article_id
        assert group is None or (group["outlet"] == rows[article_id]["outlet"]).all()


def test_spans_slice_the_articles_and_an_entity_has_one_label(spark, articles, job):
    rows = by_article(articles)
    mentions = read(spark, "mentions")
    for row in mentions.itertuples():
        assert rows[row.article_id]["text"][row.start:row.end] == row.text
    assert (mentions.groupby("entity_id")["label"].nunique() == 1).all()
    known = mentions[mentions["entity_id"].str.match(r"^[\x00-\x7f]+$")]
    assert len(known) > 1000, "lexicon ids, shared by every article"


def test_quotes_and_figures_are_written_with_their_fields(spark, articles, job):
    rows = by_article(articles)
    quotes, figures = read(spark, "quotes"), read(spark, "figures")
    assert len(quotes) > 100 and len(figures) > 100
    for row in quotes.head(200).itertuples():
        assert rows[row.article_id]["text"][row.start:row.end] == row.text
    assert {"value", "counts", "event", "sentence_start"} <= set(figures.columns)
    assert figures["value"].notna().all()


def test_the_aggregations_rank_entities_by_outlet_and_month_and_set_outlets_side_by_side(spark, job):
    _, busiest = job
    top = read(spark, "top_entities")
    assert set(top["outlet"]) == {"Alarabia", "BBC", "CNN", "France24", "JawharaFM", "SkyNews"}
    assert top["rank"].between(1, 5).all() and top["name"].notna().all()
    assert busiest is not None and busiest["outlets"] >= 2
    side_by_side = read(spark, "event_figures")
    assert len([c for c in side_by_side.columns if c not in ("date", "counts")]) == busiest["outlets"]

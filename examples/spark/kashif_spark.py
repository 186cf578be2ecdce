#!/usr/bin/env python3
"""Kashif on Spark: analyzes a corpus of articles with the Python package `kashif` inside
`mapInPandas` and writes Parquet tables of its mentions, quotes and figures, then two example
aggregations (the most-mentioned entities by outlet and month; one event's figures side by side
across outlets).

    python examples/spark/kashif_spark.py ARTICLES OUT [--master local[2]] [--partitions N]

ARTICLES is JSON Lines (`.jsonl`, `.json`) or Parquet (anything else) with a column `id`, a
column `text` and, optionally, `outlet` and `date` (ISO, `YYYY-MM-DD`). OUT gets the folders
`mentions/`, `quotes/`, `figures/`, `top_entities/` and `event_figures/`, each a Parquet table.

Entity ids agree across articles, partitions and workers: each article is analyzed alone, and
its ids are a function of its text only (a lexicon entity's id is the lexicon's, `per:sergey-
lavrov`; a name the lexicon does not know gets its label and folded name key, `per:يوهان فادفول`,
the same in every article that spells it alike). The cross-document linking of `kashif analyze`
(a name one long vowel apart, a lone surname) depends on the order of the documents and is not
done here; `canonical` may differ between articles for names the lexicon does not know (each
article's fullest name), so the aggregations name an entity by its most frequent one.
"""
import argparse
import json
import os
import sys
import time

import pandas as pd
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

META = "article_id string, outlet string, date string"
ANALYZED = f"{META}, analysis string"
ENTITIES = (
    "array<struct<label: string, text: string, start: int, end: int, canonical: string, id: string,"
    " title: string, confidence: double, source: string>>"
)
QUOTES = (
    "array<struct<speaker: string, speaker_name: string, verb: string, text: string, start: int,"
    " end: int, kind: string>>"
)
FIGURES = (
    "array<struct<value: double, value_max: double, approximate: boolean, qualifier: string,"
    " counts: string, noun: string, event: string, start: int, end: int, sentence_start: int,"
    " sentence_end: int>>"
)
NAMES = ["PER", "ORG", "LOC", "MISC"]


def analyze_batches(batches, threads=1):
    """mapInPandas: each batch of articles to one row per article with its analysis as JSON
    (the dict `kashif.analyze` gives). One analyzer per Python worker, built on first use."""
    import kashif

    for batch in batches:
        texts = batch["text"].fillna("").astype(str).tolist()
        analyses = kashif.analyze_many(texts, threads=threads)
        yield pd.DataFrame(
            {
                "article_id": batch["id"].astype(str),
                "outlet": batch["outlet"],
                "date": batch["date"],
                "analysis": [json.dumps(a, ensure_ascii=False) for a in analyses],
            }
        )


def read_articles(spark, path):
    """The articles with the columns id, text, outlet and date (null when the input has none)."""
    reader = spark.read.json if path.endswith((".jsonl", ".json")) else spark.read.parquet
    articles = reader(path)
    for column in ("outlet", "date"):
        if column not in articles.columns:
            articles = articles.withColumn(column, F.lit(None).cast("string"))
    return articles.select(F.col("id").cast("string"), "text", F.col("outlet").cast("string"), F.col("date").cast("string"))


def analyze(articles: DataFrame, threads=1) -> DataFrame:
    """One row per article: its id, outlet, date and analysis (JSON)."""
    return articles.mapInPandas(lambda batches: analyze_batches(batches, threads), ANALYZED)


def exploded(analyzed: DataFrame, field: str, schema: str) -> DataFrame:
    """The items of one list of each analysis (entities, quotes, figures), one row each, after
    the article's id, outlet and date."""
    items = F.from_json(F.get_json_object("analysis", f"$.{field}"), schema)
    return analyzed.select("article_id", "outlet", "date", F.explode(items).alias("item")).select(
        "article_id", "outlet", "date", "item.*"
    )


def tables(analyzed: DataFrame):
    """The mentions, quotes and figures tables."""
    mentions = exploded(analyzed, "entities", ENTITIES).withColumnRenamed("id", "entity_id")
    mentions = mentions.select(
        "article_id", "outlet", "date", "label", "text", "start", "end", "entity_id", "canonical", "confidence", "source", "title"
    )
    return mentions, exploded(analyzed, "quotes", QUOTES), exploded(analyzed, "figures", FIGURES)


def top_entities(mentions: DataFrame, top=5) -> DataFrame:
    """The `top` most-mentioned names (people, organizations, places, others) of each outlet and
    month, each entity named by its most frequent display name across the corpus."""
    names = mentions.where(F.col("label").isin(NAMES)).withColumn("month", F.substring("date", 1, 7))
    display = names.groupBy("entity_id").agg(F.mode("canonical").alias("name"))
    counted = names.groupBy("outlet", "month", "entity_id", "label").agg(
        F.count("*").alias("mentions"), F.countDistinct("article_id").alias("articles")
    )
    rank = Window.partitionBy("outlet", "month").orderBy(F.desc("mentions"), "entity_id")
    ranked = counted.withColumn("rank", F.row_number().over(rank)).where(F.col("rank") <= top)
    return ranked.join(display, "entity_id").orderBy("outlet", "month", "rank")


def busiest_event(figures: DataFrame):
    """The (event, month) whose figures the most outlets give, as a row (event, month, outlets)."""
    events = figures.where(F.col("event").isNotNull()).withColumn("month", F.substring("date", 1, 7))
    by_outlets = events.groupBy("event", "month").agg(F.countDistinct("outlet").alias("outlets"), F.count("*").alias("n"))
    return by_outlets.orderBy(F.desc("outlets"), F.desc("n"), "event", "month").first()


def event_figures(figures: DataFrame, event: str, month: str) -> DataFrame:
    """One event's figures in one month side by side: a row per day and counted group (killed,
    civilians…), a column per outlet with the values it gave, smallest first."""
    chosen = figures.where((F.col("event") == event) & F.col("date").startswith(month))
    values = F.array_sort(F.collect_list("value"))
    return chosen.groupBy("date", "counts").pivot("outlet").agg(values).orderBy("date", "counts")


def run(spark, source, out, partitions=None, threads=1):
    """Analyzes `source` and writes the tables and aggregations under `out`; returns the
    number of articles and the seconds the analysis and the writing of the three tables took."""
    articles = read_articles(spark, source)
    if partitions:
        articles = articles.repartition(partitions)
    started = time.perf_counter()
    analyzed = analyze(articles, threads).persist()
    count = analyzed.count()
    mentions, quotes, figures = tables(analyzed)
    for name, table in (("mentions", mentions), ("quotes", quotes), ("figures", figures)):
        table.write.mode("overwrite").parquet(os.path.join(out, name))
    seconds = time.perf_counter() - started
    top_entities(mentions).write.mode("overwrite").parquet(os.path.join(out, "top_entities"))
    busiest = busiest_event(figures)
    if busiest is not None:
        side_by_side = event_figures(figures, busiest["event"], busiest["month"])
        side_by_side.write.mode("overwrite").parquet(os.path.join(out, "event_figures"))
    analyzed.unpersist()
    return count, seconds, busiest


def session(master):
    """A Spark session; in local mode its Python workers run this interpreter (and its kashif)."""
    if master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("kashif").config("spark.sql.session.timeZone", "UTC")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    spark = builder.master(master).getOrCreate() if master else builder.getOrCreate()
    # The workers unpickle analyze_batches from this module: ship it (a no-op for the script
    # spark-submit runs, whose functions travel by value).
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    return spark


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles")
    parser.add_argument("out")
    parser.add_argument("--master", default="", help="e.g. local[2]; default: spark-submit's")
    parser.add_argument("--partitions", type=int, help="repartition the articles first")
    parser.add_argument("--threads", type=int, default=1, help="analysis threads per task (default 1: Spark runs a task a core)")
    args = parser.parse_args()
    spark = session(args.master)
    count, seconds, busiest = run(spark, args.articles, args.out, args.partitions, args.threads)
    print(f"{count} articles analyzed and written in {seconds:.1f} s ({count / seconds:.1f} articles/s)")
    spark.read.parquet(os.path.join(args.out, "top_entities")).show(20, truncate=False)
    if busiest is not None:
        print(f"figures of '{busiest['event']}' in {busiest['month']}, by outlet:")
        spark.read.parquet(os.path.join(args.out, "event_figures")).show(30, truncate=False)
    spark.stop()


if __name__ == "__main__":
    main()

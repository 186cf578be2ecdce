#!/usr/bin/env bash
# Makes the tagger's word-cluster map, data/clusters.tsv, from the tokens (never the tags) of
# unlabeled non-test text in ../shared/data: ANERcorp train, WikiFANE, the 8 AQMAR dev articles,
# the Wojood sample's train and val files, and the unlabeled news of the ANT corpus (8.4 M
# words, as plain text from scripts/news_text.py, which never reads the 80 articles of
# data/news/). The ANERcorp test split, NewsFANE, the 20 AQMAR test articles and the Wojood
# sample's test file are never read. Deterministic: the same text gives the same bytes.
#
#   bash scripts/build_clusters.sh           rewrite data/clusters.tsv
#   bash scripts/build_clusters.sh --check   exit 1 if data/clusters.tsv is not what the code makes
set -euo pipefail
cd "$(dirname "$0")/.."
ner=../shared/data/ner
files=(
    "$ner/anercorp/camel_split_reconstructed/ANERCorp_CamelLab_train.reconstructed.txt"
    "$ner/fane/WikiFANE_Gold_2014_500K.txt"
)
for article in Damascus Atom Raul_Gonzales Linux Imam_Hussein_Shrine Nuclear_Power Real_Madrid Solaris; do
    files+=("$ner/aqmar/$article.txt")
done
files+=("$ner/wojood_sample/train.txt" "$ner/wojood_sample/val.txt")
[ -d ../shared/data/unlabeled/ant_news ] || { echo "build_clusters: ../shared/data/unlabeled/ant_news not found" >&2; exit 1; }
args=()
for file in "${files[@]}"; do
    [ -f "$file" ] || { echo "build_clusters: $file not found (../shared must be beside the checkout)" >&2; exit 1; }
    args+=(--conll "$file")
done
out=data/clusters.tsv
[ "${1:-}" = "--check" ] && out=$(mktemp)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
python3 scripts/news_text.py |
    cargo run --release --quiet -- clusters --classes 64,512 --min-count 5 --passes 12 --out "$out" "${args[@]}" --text - > "$log" 2>&1 ||
    { cat "$log" >&2; exit 1; }
if [ "${1:-}" = "--check" ]; then
    if cmp -s "$out" data/clusters.tsv; then
        echo "data/clusters.tsv is up to date"
        rm -f "$out"
    else
        rm -f "$out"
        echo "data/clusters.tsv is not what the code makes: run bash scripts/build_clusters.sh" >&2
        exit 1
    fi
fi

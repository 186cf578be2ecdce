#!/usr/bin/env bash
# Trains the embedded tagger model, data/tagger.bin, from the ANERcorp train split, WikiFANE and
# the Wojood sample's train file in ../shared/data, with domain adaptation (ANERcorp news is the
# target domain, each other corpus a domain of its own), loss-augmented training and the weights
# of 2 quanta or fewer pruned (data/README.md, "Pruning"); the one command that makes it;
# training is deterministic. It reads data/clusters.tsv (made by scripts/build_clusters.sh)
# through the features, so regenerate that first.
#
#   bash scripts/train_tagger.sh           rewrite data/tagger.bin
#   bash scripts/train_tagger.sh --check   exit 1 if data/tagger.bin is not what the code trains
set -euo pipefail
cd "$(dirname "$0")/.."
train=../shared/data/ner/anercorp/camel_split_reconstructed/ANERCorp_CamelLab_train.reconstructed.txt
wiki=../shared/data/ner/fane/WikiFANE_Gold_2014_500K.txt
wojood=../shared/data/ner/wojood_sample/train.txt
for file in "$train" "$wiki" "$wojood"; do
    [ -f "$file" ] || { echo "train_tagger: $file not found (../shared must be beside the checkout)" >&2; exit 1; }
done
out=data/tagger.bin
[ "${1:-}" = "--check" ] && out=$(mktemp)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo run --release --quiet -- train --epochs 12 --min-count 2 --adapt --cost 1 --miss-cost 2 --dropout 0.25 --ensemble 4 --prune 2 --out "$out" \
    --conll "$train" --conll "$wiki" --conll "$wojood" > "$log" 2>&1 ||
    { cat "$log" >&2; exit 1; }
if [ "${1:-}" = "--check" ]; then
    if cmp -s "$out" data/tagger.bin; then
        echo "data/tagger.bin is up to date"
        rm -f "$out"
    else
        rm -f "$out"
        echo "data/tagger.bin is not what the code trains: run bash scripts/train_tagger.sh" >&2
        exit 1
    fi
fi

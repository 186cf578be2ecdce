#!/usr/bin/env bash
# What the page costs on the wire: the page's wasm and the analysis worker's wasm, raw and
# gzipped (gzip -9, as a server would send them), after `trunk build --release --offline`.
# Fails when the two together exceed the budget (bytes of gzip; README, "Size on the wire").
#   bash scripts/wire_size.sh [DIST]      (DIST defaults to dist)
set -euo pipefail
cd "$(dirname "$0")/.."
budget=2000000
dist=${1:-dist}
shopt -s nullglob
pages=("$dist"/kashif-web-*_bg.wasm)
workers=("$dist"/kashif-worker_bg.wasm)
if [ "${#pages[@]}" -ne 1 ] || [ "${#workers[@]}" -ne 1 ]; then
    echo "wire_size: expected one page wasm and one worker wasm in $dist/ (run trunk build --release --offline)" >&2
    exit 1
fi
total=0
for wasm in "${pages[0]}" "${workers[0]}"; do
    gz=$(gzip -9c "$wasm" | wc -c)
    total=$((total + gz))
    printf '%s: %s bytes raw, %s bytes gzip\n' "$wasm" "$(stat -c %s "$wasm")" "$gz"
done
printf 'page + worker: %s bytes gzip (budget %s)\n' "$total" "$budget"
if [ "$total" -gt "$budget" ]; then
    echo "wire_size: page + worker wasm is $total bytes gzip, over the budget of $budget" >&2
    exit 1
fi

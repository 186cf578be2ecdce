#!/usr/bin/env bash
# Sets up what is missing, then runs every test Kashif has:
#   0. lints: cargo clippy with warnings as errors, native and wasm32;
#   1. native: unit, integration and doc tests of the core, the trainer and the CLI (cargo test);
#   2. the data artifacts are what their scripts make from ../shared (when present);
#   3. wasm: the page crate's wasm-bindgen tests in headless Chromium;
#   4. end-to-end: the release build of the page (its wasm within the size budget of
#      scripts/wire_size.sh), driven by Playwright in Chromium;
#   5. python: the Python package's wheel in a fresh venv, its tests and the Spark job's (pytest).
# Ends with one line counting all tests: "all: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
export CARGO_TERM_COLOR=never

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

step() { printf '\n=== %s\n' "$*"; }

# Sums "test result: ok. N passed; M failed" lines of cargo and wasm-bindgen-test-runner.
cargo_counts() { awk '/^test result:/ { p += $4; f += $6 } END { printf "%d %d\n", p, f }' "$1"; }
# The passed and failed (errors included) of pytest's last line: "N failed, N passed, … in T s".
pytest_counts() {
    awk '/ in [0-9.]+s/ { p = f = 0; for (i = 2; i <= NF; i++) { if ($i ~ /^passed/) p = $(i - 1); if ($i ~ /^(failed|error)/) f += $(i - 1) } }
         END { printf "%d %d\n", p, f }' "$1"
}

step "lints (cargo clippy, native and wasm32, and cargo doc; warnings are errors)"
cargo clippy --all-targets --quiet -- -D warnings   # the native crates: core, train, CLI
cargo clippy -p kashif-core -p kashif-web --all-targets --quiet --target wasm32-unknown-unknown -- -D warnings
(cd python && cargo clippy --all-targets --quiet -- -D warnings)   # the Python package's crate
# The documentation of the core and the trainer: every public item documented, every link resolved.
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps -p kashif-core -p kashif-train

step "licences of the crates and npm packages (scripts/licences.sh)"
sh scripts/licences.sh > "$logs/licences"

step "native tests (cargo test)"
cargo test 2>&1 | tee "$logs/native"
read -r native_passed native_failed < <(cargo_counts "$logs/native")

step "data artifacts are what their scripts make from ../shared/data"
if [ -d ../shared/data/gazetteer ]; then
    python3 scripts/mine_names.py --check       # reads the 8.4 M words of unlabeled news (~1 min)
    python3 scripts/build_lexicon.py --check
    python3 scripts/build_names.py --check
    python3 scripts/build_wiki_ner.py --check
    python3 scripts/build_word_freq.py --check   # fetches wordfreq 3.1.1 from PyPI into target/ once
    bash scripts/build_clusters.sh --check       # clusters the 8.4 M words of unlabeled news too (~1.5 min)
    bash scripts/train_tagger.sh --check
    python3 scripts/calibrate.py --check       # the news dev set through the release binary (~10 s once built)
else
    echo "../shared/data is not beside this checkout: skipped"
fi

step "wasm tests in headless Chromium (wasm-bindgen-test)"
cargo test -p kashif-web --target wasm32-unknown-unknown 2>&1 | tee "$logs/wasm"
read -r wasm_passed wasm_failed < <(cargo_counts "$logs/wasm")

step "release build of the page (trunk build --release --offline)"
rm -rf dist
trunk build --release --offline
printf 'dist/: %s bytes\n' "$(du -sb dist | cut -f1)"
bash scripts/wire_size.sh dist   # prints each wasm raw and gzipped; fails over the size budget

step "end-to-end tests (Playwright + Chromium, node --test)"
node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$logs/e2e.tap" tests/e2e/
e2e_passed=$(awk '/^# pass / { print $3 }' "$logs/e2e.tap")
e2e_failed=$(awk '/^# fail / { print $3 }' "$logs/e2e.tap")

step "Python package and Spark job (scripts/test_python.sh: wheel, fresh venv, pytest; ~3 min)"
KASHIF_CLI="$PWD/target/debug/kashif" bash scripts/test_python.sh 2>&1 | tee "$logs/python"
read -r python_passed python_failed < <(pytest_counts "$logs/python")

step "summary"
printf 'native: %d passed, %d failed\n' "$native_passed" "$native_failed"
printf 'wasm: %d passed, %d failed\n' "$wasm_passed" "$wasm_failed"
printf 'e2e: %d passed, %d failed\n' "$e2e_passed" "$e2e_failed"
printf 'python: %d passed, %d failed\n' "$python_passed" "$python_failed"
total_passed=$((native_passed + wasm_passed + e2e_passed + python_passed))
total_failed=$((native_failed + wasm_failed + e2e_failed + python_failed))
[ "$wasm_passed" -gt 0 ] && [ "$e2e_passed" -gt 0 ] && [ "$native_passed" -gt 0 ] ||
    { echo "a kind of test ran no test"; exit 1; }
printf 'all: %d passed, %d failed\n' "$total_passed" "$total_failed"

#!/usr/bin/env bash
# Installs what Kashif's build and tests need and is not there yet; does nothing for what is.
# Idempotent. Everything comes from the package registries (crates.io, npm, Debian apt):
# nothing is downloaded from GitHub, and Trunk runs offline with the tools installed here.
#
#   bash scripts/setup.sh            what building and serving the page needs
#   bash scripts/setup.sh --tests    that, plus Chromium and ChromeDriver for the browser tests
set -euo pipefail

cd "$(dirname "$0")/.."
TRUNK_VERSION=0.21.14
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$PWD/node_modules/.bin:$CARGO_BIN:$PATH"

want_browser=no
[ "${1:-}" = "--tests" ] && want_browser=yes

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo not found: install Rust stable with rustup (https://rustup.rs) first"
command -v npm >/dev/null || die "npm not found: install Node.js 20 or later first"

# 1. The wasm32 target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

# 2. Trunk, pinned (0.22 needs a newer rustc than stable has here).
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 13 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 3. wasm-bindgen-cli: exactly the version of the wasm-bindgen crate that Cargo.lock resolves,
#    which Trunk.toml must name too. Installed without --locked: one of its locked
#    dependencies is no longer on the registry.
lock_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$lock_version" ] || die "Cargo.lock resolves no wasm-bindgen crate"
trunk_version=$(sed -n 's/^wasm_bindgen *= *"\(.*\)"/\1/p' Trunk.toml)
[ "$trunk_version" = "$lock_version" ] ||
    die "Trunk.toml pins wasm_bindgen = \"$trunk_version\" but Cargo.lock resolves wasm-bindgen $lock_version: make them equal"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $lock_version" ]; then
    say "installing wasm-bindgen-cli $lock_version (about 4 minutes)"
    cargo install wasm-bindgen-cli --version "$lock_version"
fi
[ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $lock_version" ] ||
    die "wasm-bindgen $lock_version is not the one on PATH ($(command -v wasm-bindgen)): remove the other one"

# 4. npm packages: binaryen (wasm-opt, which Trunk runs; never Debian's binaryen) and
#    playwright-core for the end-to-end tests, from the committed package-lock.json.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund
fi
wasm_opt_want=$(sed -n 's/^wasm_opt *= *"version_\(.*\)"/\1/p' Trunk.toml)
wasm-opt --version 2>/dev/null | grep -q "version $wasm_opt_want " ||
    die "wasm-opt $wasm_opt_want not found in node_modules/.bin (is binaryen in package.json at that version?)"

# 5. Chromium and ChromeDriver for the browser tests (Debian's; Playwright uses the same).
if [ "$want_browser" = yes ]; then
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        [ -z "$sudo" ] || command -v sudo >/dev/null ||
            die "Chromium and ChromeDriver are missing and this user cannot install them: run 'apt-get install chromium chromium-driver' as root"
        say "installing Debian's chromium and chromium-driver"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver fonts-noto-core >/dev/null
    fi
    chromium_version=$(chromium --version 2>/dev/null | grep -o '[0-9]*\.' | head -1)
    driver_version=$(chromedriver --version 2>/dev/null | grep -o '[0-9]*\.' | head -1)
    [ "$chromium_version" = "$driver_version" ] ||
        die "chromium (${chromium_version%.}) and chromedriver (${driver_version%.}) major versions differ"
fi

# 6. For the Python package's tests: a venv under target/ with the pinned tools of
#    python/requirements-dev.txt (maturin, pytest, pyspark, pandas, pyarrow; PyPI), made again
#    when that file changes; and a Java runtime for Spark (Debian's openjdk-17-jre-headless).
#    What cannot be installed is said, and the tests that need it are skipped.
if [ "$want_browser" = yes ]; then
    venv=target/python/venv
    if ! cmp -s python/requirements-dev.txt "$venv/requirements-dev.txt"; then
        say "installing python/requirements-dev.txt into $venv (about 2 minutes and 900 MB the first time)"
        if python3 -m venv --clear "$venv" && "$venv/bin/pip" install -q --disable-pip-version-check -r python/requirements-dev.txt; then
            cp python/requirements-dev.txt "$venv/requirements-dev.txt"
        else
            say "warning: could not make $venv (python3-venv missing?): the Python package's tests will be skipped"
        fi
    fi
    cargo fetch --locked --manifest-path python/Cargo.toml   # its crates (PyO3), for licences.sh
    if ! command -v java >/dev/null; then
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        say "installing Debian's openjdk-17-jre-headless (Java for the Spark test)"
        { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openjdk-17-jre-headless >/dev/null; } ||
            say "warning: could not install Java: the Spark test will be skipped"
    fi
fi

say "ready"

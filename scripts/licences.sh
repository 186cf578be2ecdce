#!/bin/sh
# Lists the licence of every crate the command line, the page's wasm build and the Python package
# use (the normal dependencies in Cargo.lock and python/Cargo.lock, read offline from the
# crates' Cargo.toml by cargo tree) and of every npm package the build and the tests use
# (package-lock.json: wasm-opt, Playwright), and fails when a licence expression allows none of
# the licences below.
#
#   scripts/licences.sh          # one "crate version<TAB>licence" line per crate, then a summary
set -eu
cd "$(dirname "$0")/.."

ALLOWED="MIT Apache-2.0 BSD-2-Clause BSD-3-Clause ISC Unicode-3.0 Unicode-DFS-2016 Zlib MPL-2.0 CC0-1.0 Unlicense 0BSD BSL-1.0"

{
    cargo tree --offline --locked --workspace -e normal --prefix none --format '{p}|{l}'
    cargo tree --offline --locked --workspace -e normal --target wasm32-unknown-unknown --prefix none --format '{p}|{l}'
    cargo tree --offline --locked -e normal --manifest-path python/Cargo.toml --prefix none --format '{p}|{l}'
    python3 -c "
import json
for path, package in json.load(open('package-lock.json'))['packages'].items():
    if path:
        print(path.split('node_modules/')[-1] + ' v' + package.get('version', '?') + ' (npm)|' + package.get('license', ''))
"
} | sed -e 's/ (\*)$//' -e 's/ (proc-macro)//' -e 's/ (\/[^)]*)//' | sort -u | ALLOWED="$ALLOWED" python3 -c '
import os, re, sys

allowed = set(os.environ["ALLOWED"].split())

def ok(expression):
    """True when the SPDX expression (OR, AND, WITH, parentheses; "/" as OR) allows an allowed licence."""
    tokens = re.findall(r"\(|\)|[^\s()]+", expression.replace("/", " OR "))
    position = 0

    def peek():
        return tokens[position] if position < len(tokens) else None

    def take():
        nonlocal position
        position += 1
        return tokens[position - 1]

    def either():
        value = both()
        while peek() == "OR":
            take()
            value = both() or value
        return value

    def both():
        value = one()
        while peek() == "AND":
            take()
            value = one() and value
        return value

    def one():
        token = take()
        if token == "(":
            value = either()
            take()
        else:
            value = token.rstrip("+") in allowed
        if peek() == "WITH":
            take()
            take()
        return value

    try:
        return bool(tokens) and either() and position == len(tokens)
    except IndexError:
        return False

refused = []
crates = 0
for line in sys.stdin:
    name, _, licence = line.rstrip("\n").partition("|")
    if not name:
        continue
    crates += 1
    shown = licence or "(none)"
    print(f"{name}\t{shown}")
    if not ok(licence):
        refused.append(f"{name}: {shown}")
if crates == 0:
    sys.exit("no packages listed: cargo tree failed (are the crates of Cargo.lock downloaded?)")
if refused:
    print(f"\n{len(refused)} of {crates} crates and npm packages have a licence outside the allow-list:", file=sys.stderr)
    for crate in refused:
        print(f"  {crate}", file=sys.stderr)
    sys.exit(1)
print(f"\n{crates} crates and npm packages, every licence allowed", file=sys.stderr)
'

#!/usr/bin/env bash
# Sets up what is missing, then builds the page and serves it at http://127.0.0.1:8080
# (Trunk watches the sources and rebuilds on change). Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
echo "serve: building; the page will be at http://127.0.0.1:8080"
exec trunk serve --release --offline

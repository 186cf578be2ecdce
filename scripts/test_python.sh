#!/usr/bin/env bash
# Builds the Python package's wheel (maturin build --release, python/), installs it into a
# fresh venv under target/python/ and runs its tests (python/tests/: the package, then the
# Spark job in local mode on 1,000 articles). The fresh venv holds the wheel alone and reads
# pytest and pyspark from the tools' venv that scripts/setup.sh --tests makes.
#
#   bash scripts/test_python.sh [PYTEST ARGS]    (KASHIF_CLI: the kashif binary to compare with)
set -euo pipefail
cd "$(dirname "$0")/.."
tools=target/python/venv
venv=target/python/test-venv
wheels=target/python/wheels
if [ ! -x "$tools/bin/maturin" ]; then
    echo "python: $tools has no maturin (bash scripts/setup.sh --tests makes it): the Python package's tests are skipped"
    exit 0
fi
rm -rf "$wheels"
(cd python && nice -n 10 "../$tools/bin/maturin" build --release --out "../$wheels" -i "../$tools/bin/python")
python3 -m venv --clear "$venv"
purelib() { "$1/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'; }
purelib "$tools" > "$(purelib "$venv")/kashif-test-tools.pth"
"$venv/bin/pip" install -q --disable-pip-version-check --no-index --no-deps "$wheels"/kashif-*.whl
cd python
exec "../$venv/bin/python" -m pytest -p no:cacheprovider -rs "$@" tests

#!/usr/bin/env bash
# One entry point for the two things people do with this repo.
#   bash run.sh lab    set up (first time) and open the workbook in JupyterLab
#   bash run.sh test   set up (first time) and run every test, notebooks included
#   bash run.sh setup  only set up the virtual environment in .venv
set -euo pipefail
cd "$(dirname "$0")"
VENV=.venv
PY=${PYTHON:-python3}

setup() {
    if [ ! -x "$VENV/bin/python" ]; then
        "$PY" -m venv "$VENV"
    fi
    # uv resolves the same versions as pip, about three times faster.
    if ! "$VENV/bin/python" -m uv --version >/dev/null 2>&1; then
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check uv
    fi
    VIRTUAL_ENV="$PWD/$VENV" "$VENV/bin/python" -m uv pip install --quiet -e ".[notebooks,test,bench,grading]"
    # uv installs no bytecode: compile it once (about 10 s; later runs skip what is current),
    # so a kernel never compiles Altair, pandas and ipywidgets from source as it starts,
    # which costs about 1.3 s each time where PYTHONDONTWRITEBYTECODE is set.
    "$VENV/bin/python" -m compileall -q -j 0 "$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" workbook >/dev/null \
        || echo "note: some files did not compile to bytecode; they compile as they load" >&2
    # Voilà's template for the app: JupyterLab's, less its links to a CDN (--template=workbook).
    PATH="$PWD/$VENV/bin:$PATH" bash postBuild
    # axe-core, which the accessibility test injects into the page, at the version its
    # lockfile pins (never from a CDN); without npm that test skips, saying why.
    local lock=tests/browser/package-lock.json installed=tests/browser/node_modules/.package-lock.json
    if command -v npm >/dev/null 2>&1 && { [ ! -f "$installed" ] || [ "$lock" -nt "$installed" ]; }; then
        (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# The browser test drives Debian's Chromium; install it when missing and we can (root + apt).
# Otherwise that test skips, saying why.
browser() {
    if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get install -y -qq chromium >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; } \
            || echo "note: could not install chromium; the browser test will be skipped" >&2
    fi
}

case "${1:-}" in
    setup)
        setup
        ;;
    lab)
        setup
        # Jupyter refuses to run as root without being told; containers often are root.
        ROOT_FLAG=()
        [ "$(id -u)" = 0 ] && ROOT_FLAG=(--allow-root)
        exec "$VENV/bin/jupyter" lab "${ROOT_FLAG[@]}" notebooks/00_start_here.ipynb "${@:2}"
        ;;
    test)
        setup
        browser
        "$VENV/bin/ruff" check .
        "$VENV/bin/ruff" format --check .
        "$VENV/bin/mypy"
        "$VENV/bin/python" -m workbook check --quiet --sweep data/cases/*/
        exec "$VENV/bin/python" -m pytest tests --doctest-modules workbook \
            --doctest-glob='*.md' docs/engine.md docs/export.md \
            --nbval-lax --nbval-current-env notebooks "${@:2}"
        ;;
    *)
        echo "usage: bash run.sh lab|test|setup" >&2
        exit 2
        ;;
esac

#!/usr/bin/env bash
# Lint the same reports with the oldest supported Python (3.10) and the current one; the JSON
# must be byte-identical. Skipped with a note where no python3.10 is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
old=""
for cand in python3.10 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*/bin/python3.10; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys' >/dev/null 2>&1; then
        old=$(command -v "$cand")
        break
    fi
done
if [ -z "$old" ]; then
    echo "compare_pythons: no python3.10 here; skipped"
    exit 0
fi
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
"$old" -m venv "$venv"
"$venv/bin/pip" install -q . >/dev/null
n=0
for f in fixtures/seed/seed.txt fixtures/seed/seed-numbered.docx fixtures/gov/filled-2021-sum.docx fixtures/gov/report-2019.txt fixtures/gov/report-2021.txt; do
    a=$("$venv/bin/report-lint" --format json "$f" || true)
    b=$(report-lint --format json "$f" || true)
    if [ "$a" != "$b" ]; then
        echo "compare_pythons: $f lints differently on $("$old" --version) and $(python --version)" >&2
        exit 1
    fi
    n=$((n + 1))
done
echo "compare_pythons: $n reports lint identically on $("$old" --version 2>&1) and $(python --version 2>&1)"

#!/usr/bin/env python3
"""Print the matrix clean fixtures × degradations (tests/degrade.py) as a markdown table.

Each cell: findings in that form ("/nE" when n of them are errors). Below the table, what
each form lost compared with the clean form (a loss is allowed only where the linter says
so: T007/T008 or a warning naming run-together text). The property itself is tested by
tests/test_degraded.py; this script is for the note that reports it.

    PYTHONPATH=src python bench/degraded_matrix.py [FILES…]   (default: the clean fixtures)
"""

from __future__ import annotations

import collections
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import degrade  # noqa: E402

from report_lint.lint import LintOptions, lint_file  # noqa: E402

SHORT = {
    "plain-text": "pt",
    "copy-paste": "cp",
    "one-line": "1l",
    "one-line-glued": "1g",
    "tabs-spaces": "ts",
    "furniture": "ft",
    "full-width": "fw",
    "half-width": "hw",
    "split-table": "sp",
}
DEFAULT = [
    ROOT / "fixtures/seed/seed.txt",
    ROOT / "fixtures/seed/seed-typed.docx",
    ROOT / "fixtures/gov/filled-2021-clean.docx",
    ROOT / "fixtures/gov/report-2019.txt",
    ROOT / "fixtures/gov/report-2021.txt",
    *(ROOT.parent / "shared/corpus" / n for n in ("text/015.txt", "text/021.txt", "html/80576.html", "html/80613.html")),
]


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or [p for p in DEFAULT if p.exists()]
    forms = [(n,) for n in degrade.DEGRADATIONS] + degrade.pairs()
    tmp = Path(tempfile.mkdtemp()) / "r.txt"
    head = ["clean"] + ["+".join(SHORT[n] for n in f) for f in forms]
    print("| fixture | " + " | ".join(head) + " |")
    print("|---" * (len(head) + 1) + "|")
    lost_notes: dict[str, list[str]] = {}
    for fp in files:
        base = lint_file(str(fp), LintOptions()).findings
        codes = collections.Counter(x.code for x in base)
        cells = [f"{len(base)}/{sum(x.severity == 'error' for x in base)}E"]
        for form in forms:
            tmp.write_text(degrade.apply(degrade.word_text(fp, "missing" if form[0] == "copy-paste" else "empty"), form), encoding="utf-8")
            got = lint_file(str(tmp), LintOptions()).findings
            errors = sum(x.severity == "error" for x in got)
            cells.append(f"{len(got)}" + (f"/{errors}E" if errors else ""))
            lost = codes - collections.Counter(x.code for x in got)
            if lost:
                lost_notes.setdefault(fp.name, []).append("+".join(form) + ": " + ",".join(f"{k}×{v}" for k, v in sorted(lost.items())))
        print(f"| {fp.name} | " + " | ".join(cells) + " |")
    print()
    for name, notes in lost_notes.items():
        print(f"- {name} lost: " + "; ".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

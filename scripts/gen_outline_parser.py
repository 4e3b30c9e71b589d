"""Regenerate src/report_lint/_outline_parser.py from grammar/outline.lark (tests fail when it is stale).

The grammar stays the definition of the outline; this writes lark's LALR tables for it
as data, so that linting does not import lark or rebuild the tables at start-up.
"""

from pathlib import Path
import sys

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from report_lint.outline import GENERATED_MODULE, generated_parser_source  # noqa: E402

out = ROOT / "src" / "report_lint" / GENERATED_MODULE
out.write_text(generated_parser_source(), encoding="utf-8")
print(f"wrote {out}")

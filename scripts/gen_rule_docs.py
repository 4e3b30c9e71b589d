"""Regenerate docs/rules.md from the rule classes (tests fail when it is stale)."""

from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from report_lint.report.ruledocs import markdown  # noqa: E402

out = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
out.parent.mkdir(exist_ok=True)
out.write_text(markdown(), encoding="utf-8")
print(f"wrote {out}")

"""The house rules of ARCHITECTURE.md, checked on the source: folders are pipeline stages,
imports point one way, and no module imports itself back through another.

Every import counts, also those inside functions and under ``TYPE_CHECKING``: a lazy
import hides a dependency from the module header but not from the design.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PKG = SRC / "report_lint"

# The stage of each top-level module or package; an import must point to a lower stage,
# or stay inside its own package.
STAGE = {
    "model": 0,
    "paths": 0,
    "text": 1,
    "read": 2,
    "outline": 2,
    "profiles": 3,
    "facts": 4,
    "checks": 5,
    "batch": 6,
    "report": 6,
    "lint": 7,
    "app": 8,
    "__main__": 9,
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PKG.rglob("*.py")}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out: set[str] = set()
    is_pkg = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor if is_pkg else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        else:
            continue
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t.startswith("report_lint") and t != name:
                out.add(t)
    return out


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    return {m: _imports(m, p, known) for m, p in mods.items()}


def _stage(mod: str) -> tuple[str, int]:
    parts = mod.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    return top, STAGE.get(top, -1)


def test_every_module_belongs_to_a_stage():
    unknown = sorted(m for m in _modules() if m != "report_lint" and _stage(m)[1] < 0)
    assert not unknown, f"modules outside the stages of ARCHITECTURE.md: {unknown}"


def test_imports_point_down_the_pipeline():
    bad = []
    for mod, deps in _graph().items():
        if mod == "report_lint":
            continue
        top, rank = _stage(mod)
        for d in deps:
            if d == "report_lint":
                continue  # the package itself: __version__
            dtop, drank = _stage(d)
            if dtop != top and drank >= rank:
                bad.append(f"{mod} → {d}")
    assert not bad, "imports against the pipeline:\n" + "\n".join(sorted(bad))


def test_no_import_cycles():
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        stack.append(m)
        for d in sorted(graph.get(m, ())):
            if d == "report_lint" or d not in graph:
                continue
            if state.get(d) == 1:
                cycles.append(stack[stack.index(d) :] + [d])
            elif d not in state:
                visit(d, stack)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [])
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(c) for c in cycles)


def test_package_init_files_import_nothing_of_their_own():
    # A package __init__ that imports its submodules makes every submodule import the
    # package back: the cycle the old readers/ and reporters/ packages had.
    offenders = {m: d for m, d in _graph().items() if _modules()[m].name == "__init__.py" and m != "report_lint" and d}
    assert not offenders, offenders


def test_rule_families_do_not_import_each_other():
    families = {m for m in _modules() if m.startswith("report_lint.checks.") and m.rsplit(".", 1)[1] not in ("registry", "catalogue")}
    graph = _graph()
    sideways = sorted(f"{m} → {d}" for m in families if m in graph for d in graph[m] if d in families)
    assert not sideways, "a rule family imports another; share the fact through facts/ instead: " + ", ".join(sideways)


def test_no_private_interpreter_apis():
    hits = []
    for p in PKG.rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        for needle in ("_sre", "re._compiler", "re._parser", "sre_compile", "sre_parse"):
            if needle in text:
                hits.append(f"{p.relative_to(SRC)}: {needle}")
    assert not hits, hits

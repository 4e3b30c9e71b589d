"""Robustness: broken and hostile inputs, outputs, fuzzing, determinism.

Shared helpers for the modules of this package: the catalogue builder
(``scripts/build_bad_inputs.py``, loaded by path because scripts/ is not a package),
running the real CLI in a resource-limited child, hashing inputs, and the set of
error codes a file may get.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
FIXTURES = ROOT / "fixtures"

# Every error code a file may get (readers/__init__.py, readers/ole.py, readers/ooxml.py,
# readers/docx.py, readers/html.py, readers/text.py, linter.py, cli.py). A code outside
# this set is a new answer nobody documented in fixtures/bad/README.md.
KNOWN_ERROR_CODES = frozenset(
    """
    empty-file not-docx odt rtf mht corrupt-docx corrupt-doc corrupt-html no-document-xml strict-ooxml
    legacy-doc legacy-wps encrypted not-word ole-unknown zip-bomb unsafe-xml too-deep too-large
    too-many-blocks timeout not-found is-directory not-a-file permission os-error bad-path no-files
    pdf-damaged pdf-encrypted pdf-scanned pdf-no-text pdf-garbled pdf-too-many-pages pdf-bomb
    """.split()
)

# Resource limits for the child: hostile input must be answered within them.
CHILD_MEMORY = int(os.environ.get("REPORT_LINT_CHILD_MEMORY", str(1 << 30)))

_CJK = re.compile(r"[\u4e00-\u9fff]")


def load_builder():
    """scripts/build_bad_inputs.py as a module (cached in sys.modules)."""
    name = "build_bad_inputs"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "build_bad_inputs.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def _limit_child() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    # No core files from a crash under the memory limit.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def child_env(extra: Optional[dict] = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("REPORT_LINT_DEBUG", "PYTHONPATH", "COLUMNS")}
    env["PYTHONPATH"] = str(SRC)
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra or {})
    return env


class CliRun:
    def __init__(self, proc: subprocess.CompletedProcess, seconds: float):
        self.rc = proc.returncode
        self.out = proc.stdout.decode("utf-8", "replace")
        self.err = proc.stderr.decode("utf-8", "replace")
        self.seconds = seconds


def run_cli(args: list, cwd=None, timeout: float = 15.0, env: Optional[dict] = None) -> CliRun:
    """``python -m report_lint ARGS`` in a child limited to CHILD_MEMORY of address space."""
    t0 = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "report_lint", *[str(a) for a in args]],
        cwd=str(cwd) if cwd else None,
        env=child_env(env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
        preexec_fn=_limit_child if os.name == "posix" else None,
    )
    return CliRun(proc, time.monotonic() - t0)


def sha256_tree(path: Path) -> dict[str, str]:
    """sha256 of a file, or of every regular file under a folder (symlinks not followed)."""
    path = Path(path)
    out: dict[str, str] = {}
    if path.is_symlink() or not path.exists():
        return out
    if path.is_file():
        out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        return out
    if path.is_dir():
        for root, _dirs, names in os.walk(path, followlinks=False):
            for n in names:
                p = Path(root) / n
                if p.is_file() and not p.is_symlink():
                    out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def assert_clear_error(error: dict, allowed=None, must_say: str = "") -> None:
    """A file error as JSON gives it: known code, one Chinese line, the advice we promise."""
    assert set(error) >= {"code", "message"}, error
    assert error["code"] in KNOWN_ERROR_CODES, error
    if allowed is not None:
        assert error["code"] in allowed, error
    msg = error["message"]
    assert msg and "\n" not in msg and "\r" not in msg, error
    assert has_cjk(msg), error
    assert "Traceback" not in msg and "Error:" not in msg, error
    if must_say:
        assert must_say in msg, error

"""Locate the data directories (grammar/, rules/) for both installed and checkout layouts,
and the one TOML parser they (and the user's configuration) are read with."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - tomli is a dependency on 3.10 (pyproject.toml)
    import tomli as tomllib

__all__ = ["data_dir", "grammar_dir", "rules_dir", "tomllib"]

_PKG = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    # Installed wheel: report_lint/<name>; editable/checkout: <repo>/<name>.
    inside = _PKG / name
    if inside.is_dir():
        return inside
    repo = _PKG.parent.parent / name
    if repo.is_dir():
        return repo
    raise FileNotFoundError(f"report-lint data directory {name!r} not found")


def grammar_dir() -> Path:
    return data_dir("grammar")


def rules_dir() -> Path:
    return data_dir("rules")

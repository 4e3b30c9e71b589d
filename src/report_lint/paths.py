"""Locate the data directories (grammar/, rules/) for both installed and checkout layouts."""

from __future__ import annotations

from pathlib import Path

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

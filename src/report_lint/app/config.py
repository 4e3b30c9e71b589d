"""Configuration files: ``report-lint.toml`` or ``[tool.report-lint]`` in ``pyproject.toml``.

Found by walking up from the first linted path (or the working directory). Command-line
options always win over the file.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from report_lint.paths import tomllib

KEYS = {
    "profile": str,
    "select": list,
    "ignore": list,
    "per-file-ignores": dict,
    "fail-on": str,
    "lang": str,
    "agency-kind": str,
    "severity": dict,
    "year": int,
    "extensions": list,
    "limits": dict,
    "agency-renames": dict,
}


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    path: Optional[Path] = None
    values: dict = field(default_factory=dict)

    def get(self, key: str, default=None):
        return self.values.get(key, default)

    def ignores_for(self, file_path: str) -> list[str]:
        """Codes ignored for one file by ``per-file-ignores`` (glob patterns relative to the config)."""
        pfi = self.values.get("per-file-ignores") or {}
        if not pfi:
            return []
        p = Path(file_path)
        try:
            rel = p.resolve().relative_to(self.path.parent.resolve()).as_posix() if self.path else p.as_posix()
        except ValueError:
            rel = p.as_posix()
        out: list[str] = []
        for pattern, codes in pfi.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(p.name, pattern):
                out.extend(codes)
        return out


def _validate(values: dict, where: str) -> dict:
    out = {}
    for k, v in values.items():
        if k not in KEYS:
            raise ConfigError(f"{where}: unknown key {k!r} (known: {', '.join(sorted(KEYS))})")
        if not isinstance(v, KEYS[k]):
            raise ConfigError(f"{where}: {k!r} must be a {KEYS[k].__name__}")
        out[k] = v
    return out


def load_config_file(path: Path) -> Config:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: {e}") from e
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("report-lint")
        if data is None:
            return Config()
    else:
        data = data.get("report-lint", data)
    return Config(path=path, values=_validate(data, str(path)))


def find_config(start: Path) -> Config:
    start = start.resolve()
    d = start if start.is_dir() else start.parent
    for folder in (d, *d.parents):
        for name in ("report-lint.toml", "pyproject.toml"):
            cand = folder / name
            if cand.is_file():
                cfg = load_config_file(cand)
                if cfg.path is not None:
                    return cfg
    return Config()

"""What a fresh report-lint process would otherwise recompute on every start.

``report-lint FILE`` is usually one short process, and CPython's ``re`` compiles every
pattern in pure Python (parse, then code generation) each time a process starts: the
~200 patterns of the rules cost more than reading a report. Like the ``.pyc`` files of
the modules themselves, the result does not change between runs, so it is kept:

* ``compile(pattern, flags)`` — the generated code of each regex, handed straight to
  the regex engine (``_sre.compile``) on later runs. An entry is stored only after the
  rebuilt Pattern compared equal to the one ``re.compile`` made (same flags, code and
  pattern), and the file is keyed by the exact Python build and regex engine version;
  on any doubt the pattern is compiled the ordinary way.
* ``load``/``store`` — small marshalled values (the parsed rule profiles) keyed by
  what they were computed from.

The cache lives in the user's cache directory (``$XDG_CACHE_HOME/report-lint`` or
``~/.cache/report-lint``, mode 0700, never a shared temp dir), is written atomically
(temporary file + rename), and is off when ``REPORT_LINT_NO_CACHE`` is set or the
directory cannot be written. Deleting it is always safe.
"""

from __future__ import annotations

import array
import atexit
import marshal
import os
import re
import sys
import threading
from typing import Any, Optional

try:
    import _sre
    from re import _compiler as _re_compiler, _parser as _re_parser
except ImportError:  # pragma: no cover - another Python implementation: no regex cache
    _sre = None

_LOCK = threading.Lock()
_DIR_CHECKED = False
_DIR: Optional[str] = None

_REGEX_FILE = "regex-{tag}.marshal"
_WORD = next((c for c in "IL" if _sre is not None and array.array(c).itemsize == _sre.CODESIZE), None)
_TAG = ""
if _sre is not None and _WORD is not None:
    _TAG = "py{0}{1}-sre{2}".format(sys.version_info[0], sys.version_info[1], getattr(_sre, "MAGIC", 0))
_ENGINE_KEY = f"{sys.version}|{sys.implementation.name}|{getattr(_sre, 'MAGIC', None)}|{getattr(_sre, 'CODESIZE', None)}"

_table: Optional[dict] = None
_fresh: dict = {}
_LIMIT = 4000
"""Entries kept at most: a long-running caller compiling endless one-off patterns must
not grow the file without bound."""


def cache_dir() -> Optional[str]:
    """The per-user cache directory (created 0700), or None when caching is off or impossible."""
    global _DIR_CHECKED, _DIR
    if os.environ.get("REPORT_LINT_NO_CACHE"):
        return None
    if _DIR_CHECKED:
        return _DIR
    _DIR_CHECKED = True
    try:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        d = os.path.join(base, "report-lint")
        os.makedirs(d, mode=0o700, exist_ok=True)
        if os.access(d, os.W_OK):
            _DIR = d
    except Exception:  # any odd home or permissions: run uncached
        _DIR = None
    return _DIR


def _reset_for_tests() -> None:
    global _DIR_CHECKED, _DIR, _table
    _DIR_CHECKED = False
    _DIR = None
    _table = None
    _fresh.clear()


def _read(path: str) -> Any:
    try:
        with open(path, "rb") as fh:
            return marshal.loads(fh.read())
    except Exception:  # missing, truncated or foreign: recompute
        return None


def _write(path: str, value: Any) -> None:
    tmp = f"{path}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(marshal.dumps(value))
        os.replace(tmp, path)
    except Exception:
        try:
            os.unlink(tmp)
        except OSError:
            pass


# ------------------------------------------------------------------------------ regexes


def _regex_path() -> Optional[str]:
    d = cache_dir()
    return os.path.join(d, _REGEX_FILE.format(tag=_TAG)) if d and _TAG else None


def _load_table() -> dict:
    global _table
    table: dict = {}
    path = _regex_path()
    if path is not None:
        data = _read(path)
        if isinstance(data, dict) and data.get("key") == _ENGINE_KEY and isinstance(data.get("entries"), dict):
            table = data["entries"]
    _table = table
    return table


def _entry_for(pattern: str, flags: int, rx: re.Pattern):
    """The arguments of ``_sre.compile`` that rebuild ``rx`` (None when they do not)."""
    p = _re_parser.parse(pattern, flags)
    code = _re_compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    # The code as machine words: compact, and marshal cannot write sre's named opcode ints.
    words = array.array(_WORD, code).tobytes()
    entry = (flags | p.state.flags, words, p.state.groups - 1, groupindex, tuple(indexgroup))
    again = _rebuild(pattern, entry)
    if again != rx or again.groupindex != rx.groupindex or again.groups != rx.groups:
        return None
    return entry


def _rebuild(pattern: str, entry) -> re.Pattern:
    flags, words, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, memoryview(words).cast(_WORD).tolist(), groups, groupindex, indexgroup)


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, with the generated code cached across processes."""
    flags = int(flags)
    if not _TAG or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    table = _table if _table is not None else _load_table()
    entry = table.get((pattern, flags))
    if entry is not None:
        try:
            return _rebuild(pattern, entry)
        except Exception:  # a stale or damaged entry: compile it afresh
            pass
    rx = re.compile(pattern, flags)
    if _regex_path() is not None and len(_fresh) + len(table) < _LIMIT:
        try:
            entry = _entry_for(pattern, flags, rx)
        except Exception:
            entry = None
        if entry is not None:
            with _LOCK:
                if not _fresh:
                    atexit.register(_flush_regexes)
                _fresh[(pattern, flags)] = entry
    return rx


def _flush_regexes() -> None:
    """Write the patterns compiled by this process (merged with the file's) once, at exit."""
    with _LOCK:
        fresh = dict(_fresh)
        _fresh.clear()
    path = _regex_path()
    if not fresh or path is None:
        return
    current = _read(path)
    entries = {}
    if isinstance(current, dict) and current.get("key") == _ENGINE_KEY and isinstance(current.get("entries"), dict):
        entries = current["entries"]
    entries.update(fresh)
    if len(entries) > _LIMIT:
        return
    _write(path, {"key": _ENGINE_KEY, "entries": entries})


# ------------------------------------------------------------------------------ values


def load(name: str, key: Any) -> Any:
    """The value stored under ``name`` if it was stored with an equal ``key``, else None."""
    d = cache_dir()
    if d is None:
        return None
    data = _read(os.path.join(d, f"{name}-{_TAG or 'py'}.marshal"))
    if isinstance(data, tuple) and len(data) == 3 and data[0] == _ENGINE_KEY and data[1] == key:
        return data[2]
    return None


def store(name: str, key: Any, value: Any) -> None:
    """Keep ``value`` (plain data marshal can write) for a later ``load(name, key)``."""
    d = cache_dir()
    if d is not None:
        _write(os.path.join(d, f"{name}-{_TAG or 'py'}.marshal"), (_ENGINE_KEY, key, value))

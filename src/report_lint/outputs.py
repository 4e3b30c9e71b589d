"""Writing output safely: atomically to files, and never crashing on a narrow console."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


class OutputError(Exception):
    pass


def atomic_write(path: Path, text: str) -> None:
    """Write the whole new file or leave the old one: temp file in the same folder, then rename."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"output folder does not exist: {folder}")
    fd, tmp = None, None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fd = None
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None
    finally:
        if fd is not None:
            os.close(fd)
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def write_stdout(text: str) -> None:
    stream = sys.stdout
    try:
        # A GBK or ASCII console must not turn a Chinese message into a crash.
        stream.reconfigure(errors="replace")  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        pass
    try:
        stream.write(text)
        if text and not text.endswith("\n"):
            stream.write("\n")
        stream.flush()
    except BrokenPipeError:
        # `report-lint … | head` closes the pipe early; that is not an error.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass

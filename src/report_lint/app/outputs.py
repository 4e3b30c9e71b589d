"""Writing output safely: atomically to files, and never crashing on a narrow console."""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Iterable


_ERRNO_ZH = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "文件系统是只读的",
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "输出路径是一个文件夹",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "磁盘读写错误",
}


def _show(path) -> str:
    # One line, whatever the name holds: control characters (a newline in a file name)
    # are shown escaped.
    text = str(path)
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


class OutputError(Exception):
    """An output file that cannot be written. ``str()`` is one line, Chinese first."""

    def __init__(self, zh: str, en: str = ""):
        super().__init__(f"{zh}（{en}）" if en else zh)
        self.zh = zh
        self.en = en or zh


def _os_error(path, e: OSError) -> OutputError:
    reason_en = e.strerror or type(e).__name__
    reason_zh = _ERRNO_ZH.get(e.errno or 0, reason_en)
    return OutputError(f"无法写入输出文件 {_show(path)}：{reason_zh}", f"cannot write {_show(path)}: {reason_en}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _new_file_mode(path: Path) -> int:
    # mkstemp creates 0600; a report must get the mode a plain open() would give it
    # (or keep the mode of the file it replaces), or a CI artifact becomes unreadable.
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        pass
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, text: "str | bytes", refuse: Iterable = ()) -> None:
    """Write the whole new file or leave the old one: temp file in the same folder, then rename.

    ``refuse``: paths that must never be overwritten (the files being linted); writing
    the report over one of them is an ``OutputError``.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    for other in refuse:
        if _same_file(path, Path(other)):
            raise OutputError(
                f"输出文件 {_show(path)} 就是被检查的文件，已拒绝覆盖",
                f"refusing to overwrite {_show(path)}: it is one of the files being checked",
            )
    if path.is_dir():
        raise OutputError(f"无法写入输出文件 {_show(path)}：输出路径是一个文件夹", f"cannot write {_show(path)}: it is a folder")
    if path.exists() and not path.is_file():
        # /dev/null, /dev/stdout, a FIFO: renaming a temp file over it would replace the
        # device itself (as root, /dev/null becomes a regular file). Write through it instead.
        _write_through(path, text)
        return
    if not folder.is_dir():
        why_zh, why_en = (
            ("路径中有一段不是文件夹", "a part of the path is not a folder")
            if folder.exists()
            else ("文件夹不存在", "the folder does not exist")
        )
        raise OutputError(f"无法写入输出文件 {_show(path)}：{why_zh}", f"cannot write {_show(path)}: {why_en}")
    fd, tmp = None, None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.fchmod(fd, _new_file_mode(path))
        binary = isinstance(text, bytes)
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fd = None
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        raise _os_error(path, e) from None
    except UnicodeEncodeError as e:
        # Lone surrogates from a hostile file name must not become a traceback.
        raise OutputError(f"无法写入输出文件 {_show(path)}：内容含无法编码的字符", f"cannot write {_show(path)}: {e.reason}") from None
    finally:
        if fd is not None:
            os.close(fd)
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _write_through(path: Path, text: "str | bytes") -> None:
    try:
        with open(path, "wb") if isinstance(text, bytes) else open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as e:
        raise _os_error(path, e) from None
    except UnicodeEncodeError as e:
        raise OutputError(f"无法写入输出文件 {_show(path)}：内容含无法编码的字符", f"cannot write {_show(path)}: {e.reason}") from None


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

"""Outputs: inputs are never written, reports are written atomically, and an output
that cannot be written is a one-line message with exit status 2 — never a traceback,
never a half-written report in place of the old one."""

from __future__ import annotations

import errno
import os
import shutil
import threading
from pathlib import Path

import pytest

from report_lint.app import outputs
from report_lint.app.outputs import OutputError, atomic_write

from . import FIXTURES, has_cjk, load_builder, run_cli, sha256_tree

B = load_builder()
FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "html")
OLD = "old report\n旧报告\n"
NEW = "new report " + "新" * 10_000 + "\n"


@pytest.fixture()
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    B.good_inputs(d)
    shutil.copyfile(FIXTURES / "seed" / "seed-typed.docx", d / "seed-typed.docx")
    shutil.copyfile(FIXTURES / "seed" / "seed.txt", d / "seed.txt")
    (d / "empty.docx").write_bytes(b"")
    return d


def _leftovers(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.endswith(".tmp"))


def _one_clear_line(run) -> str:
    assert "Traceback" not in run.out + run.err, run.err[-3000:]
    lines = [ln for ln in run.err.splitlines() if ln.strip()]
    assert lines, "no message on stderr"
    msg = lines[-1]
    assert has_cjk(run.err), run.err
    return msg


# --------------------------------------------------------------------------- inputs


@pytest.mark.parametrize("fmt", FORMATS)
def test_inputs_are_never_written(inputs, tmp_path, fmt):
    before = sha256_tree(inputs)
    target = tmp_path / ("site" if fmt == "html" else f"out.{fmt}")
    run = run_cli([inputs, "--format", fmt, "-o", target])
    assert "Traceback" not in run.out + run.err, run.err[-3000:]
    assert run.rc == 2  # empty.docx is unreadable
    assert target.exists()
    assert sha256_tree(inputs) == before
    assert _leftovers(inputs) == [] and _leftovers(tmp_path) == []


def test_output_onto_an_input_is_refused(inputs):
    victim = inputs / "good.txt"
    before = sha256_tree(inputs)
    run = run_cli([victim, "--format", "json", "-o", victim])
    assert sha256_tree(inputs) == before, "the report overwrote the file being checked"
    assert run.rc == 2
    _one_clear_line(run)


def test_atomic_write_refuses_protected_paths(tmp_path):
    p = tmp_path / "report.txt"
    p.write_text(OLD, encoding="utf-8")
    link = tmp_path / "alias.txt"
    link.symlink_to(p)
    for target in (p, link):
        with pytest.raises(OutputError) as ei:
            atomic_write(target, NEW, refuse=[p])
        assert has_cjk(str(ei.value)) and "\n" not in str(ei.value)
    assert p.read_text(encoding="utf-8") == OLD
    atomic_write(tmp_path / "other.txt", NEW, refuse=[p])
    assert (tmp_path / "other.txt").read_text(encoding="utf-8") == NEW


# --------------------------------------------------------------------------- atomicity


class _Crash(Exception):
    pass


def _partial_writer(real_fdopen, exc):
    """os.fdopen whose file writes half of the text, then fails."""

    def fdopen(fd, *a, **kw):
        fh = real_fdopen(fd, *a, **kw)
        real_write = fh.write

        def write(text):
            real_write(text[: len(text) // 2])
            fh.flush()
            raise exc

        fh.write = write
        return fh

    return fdopen


@pytest.mark.parametrize(
    "exc",
    [_Crash("power cut"), KeyboardInterrupt(), OSError(errno.ENOSPC, "No space left on device"), OSError(errno.EIO, "I/O error")],
    ids=["crash", "interrupt", "enospc", "eio"],
)
def test_crash_mid_write_keeps_the_old_file(tmp_path, monkeypatch, exc):
    p = tmp_path / "report.json"
    p.write_text(OLD, encoding="utf-8")
    monkeypatch.setattr(outputs.os, "fdopen", _partial_writer(os.fdopen, exc))
    expected = OutputError if isinstance(exc, OSError) else type(exc)
    with pytest.raises(expected):
        atomic_write(p, NEW)
    assert p.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_full_disk_at_fsync_is_a_clear_error(tmp_path, monkeypatch):
    p = tmp_path / "report.json"
    p.write_text(OLD, encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs.os, "fsync", full)
    with pytest.raises(OutputError) as ei:
        atomic_write(p, NEW)
    msg = str(ei.value)
    assert "磁盘空间不足" in msg and "No space left" in msg and "\n" not in msg
    assert p.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_rename_failure_keeps_the_old_file(tmp_path, monkeypatch):
    p = tmp_path / "report.json"
    p.write_text(OLD, encoding="utf-8")

    def no_rename(a, b):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(outputs.os, "replace", no_rename)
    with pytest.raises(OutputError):
        atomic_write(p, NEW)
    assert p.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_new_report_gets_ordinary_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.json", NEW)
    finally:
        os.umask(old)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644
    kept = tmp_path / "kept.json"
    kept.write_text(OLD, encoding="utf-8")
    kept.chmod(0o640)
    atomic_write(kept, NEW)
    assert kept.stat().st_mode & 0o777 == 0o640
    assert kept.read_text(encoding="utf-8") == NEW


def test_file_name_with_newline_gives_a_one_line_message(tmp_path):
    with pytest.raises(OutputError) as ei:
        atomic_write(tmp_path / "no\nsuch" / "out.json", NEW)
    assert "\n" not in str(ei.value)


# --------------------------------------------------------------------------- CLI


@pytest.mark.parametrize("where", ["missing-folder", "parent-is-a-file", "target-is-a-folder"])
@pytest.mark.parametrize("fmt", ["json", "sarif", "html"])
def test_unwritable_output_is_exit_2_with_one_line(inputs, tmp_path, where, fmt):
    (tmp_path / "plain-file").write_text("x", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    target = {
        "missing-folder": tmp_path / "missing" / "out",
        "parent-is-a-file": tmp_path / "plain-file" / "out",
        "target-is-a-folder": tmp_path / "a-folder",
    }[where]
    if fmt == "html" and where == "target-is-a-folder":
        pytest.skip("a folder is the documented target of the html site")
    run = run_cli([inputs / "good.txt", "--format", fmt, "-o", target])
    assert run.rc == 2, (run.rc, run.err)
    _one_clear_line(run)


@pytest.mark.parametrize("where", ["target-is-a-file", "parent-is-a-file"])
def test_unwritable_html_site_is_exit_2_with_one_line(inputs, tmp_path, where):
    # Several files + html writes a folder of pages (reporters.html.write_html_site).
    (tmp_path / "plain-file").write_text("x", encoding="utf-8")
    target = tmp_path / "plain-file" / "site" if where == "parent-is-a-file" else tmp_path / "plain-file"
    run = run_cli([inputs / "good.txt", inputs / "seed.txt", "--format", "html", "-o", target])
    assert run.rc == 2, (run.rc, run.err)
    _one_clear_line(run)
    assert (tmp_path / "plain-file").read_text(encoding="utf-8") == "x"


def test_unwritable_baseline_is_exit_2(inputs, tmp_path):
    run = run_cli([inputs / "good.txt", "--write-baseline", tmp_path / "missing" / "baseline.json"])
    assert run.rc == 2
    assert "Traceback" not in run.out + run.err


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder_through_cli(inputs, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        run = run_cli([inputs / "good.txt", "--format", "json", "-o", ro / "out.json"])
    finally:
        ro.chmod(0o755)
    assert run.rc == 2
    assert "没有写入权限" in _one_clear_line(run)


def test_full_disk_through_the_cli(inputs, tmp_path, monkeypatch, capsys):
    # ENOSPC cannot be provoked in a child without a tiny file system; run the CLI
    # in-process with fsync failing the way a full disk makes it fail.
    from report_lint.app.cli import main

    out = tmp_path / "out.json"
    out.write_text(OLD, encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs.os, "fsync", full)
    monkeypatch.delenv("REPORT_LINT_DEBUG", raising=False)
    with pytest.raises(SystemExit) as ei:
        main([str(inputs / "good.txt"), "--format", "json", "-o", str(out)])
    assert ei.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "磁盘空间不足" in lines[0], err
    assert out.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_output_to_a_device_writes_through_and_never_replaces_it(tmp_path):
    # `-o /dev/null` is common; a rename over it would turn the device into a regular file.
    import stat as _stat

    before = os.stat(os.devnull)
    atomic_write(Path(os.devnull), NEW)
    after = os.stat(os.devnull)
    assert _stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    atomic_write(fifo, NEW)
    reader.join(10)
    assert got == [NEW] and _stat.S_ISFIFO(os.stat(fifo).st_mode)

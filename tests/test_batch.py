"""Many files at once, as an office linting a folder of submitted reports would run it.

A folder of 200 reports is built in tmp from the seed layouts and the national fixtures
(one of them an empty .docx) and linted through the real command line. Expectations come
from the JSON output itself, never from hard-coded counts.
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from lintutil import FIXTURES, ROOT

N_FILES = 200
SOURCES = sorted(
    [FIXTURES / "seed" / "seed.txt"]
    + sorted((FIXTURES / "seed").glob("seed-*.docx"))
    + sorted((FIXTURES / "gov").glob("filled-2021-*.docx"))
    + sorted((FIXTURES / "gov").glob("report-20*.txt"))
)
TIMINGS: dict[str, float] = {}


def cli(*args, stderr=subprocess.PIPE, timeout=600) -> subprocess.CompletedProcess:
    p = subprocess.run(
        [sys.executable, "-m", "report_lint", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=stderr,
        stdin=subprocess.DEVNULL,
        env=dict(os.environ),
        timeout=timeout,
    )
    if p.stderr is not None:
        assert b"Traceback" not in p.stderr, p.stderr.decode("utf-8", "replace")
    return p


def make_batch(root: Path, n: int, bad: str | None = "empty") -> tuple[list[Path], Path | None]:
    """``n`` reports spread over nested folders; one of them unreadable unless ``bad`` is None."""
    assert len(SOURCES) >= 10, SOURCES
    files = []
    broken = None
    for i in range(n):
        sub = root / f"office-{i % 4}" / (f"q{i % 3}" if i % 2 else "")
        sub.mkdir(parents=True, exist_ok=True)
        if bad and i == n // 2:
            broken = sub / f"{i:03d}-broken.docx"
            broken.write_bytes(b"" if bad == "empty" else (FIXTURES / "seed" / "seed-numbered.docx").read_bytes()[:2000])
            files.append(broken)
            continue
        src = SOURCES[i % len(SOURCES)]
        dst = sub / f"{i:03d}-{src.name}"
        shutil.copyfile(src, dst)
        files.append(dst)
    return files, broken


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    files, broken = make_batch(root, N_FILES)
    return root, files, broken


@pytest.fixture(scope="module")
def json_runs(batch):
    root = batch[0]
    out = {}
    for jobs in ("1", "2"):
        t0 = time.perf_counter()
        out[jobs] = cli(root, "--format", "json", "-j", jobs)
        TIMINGS[f"-j {jobs}"] = time.perf_counter() - t0
    return out


def test_parallel_and_serial_give_identical_bytes(batch, json_runs, record_property):
    root, files, broken = batch
    one, two = json_runs["1"], json_runs["2"]
    for k, v in TIMINGS.items():
        record_property(f"seconds {k}", round(v, 2))
    print(f"\n{N_FILES} files: " + ", ".join(f"{k} {v:.1f}s" for k, v in TIMINGS.items()))
    assert one.returncode == two.returncode == 2  # the broken file
    assert one.stdout == two.stdout
    data = json.loads(one.stdout.decode("utf-8"))
    # Every file once, in a stable order (a folder's files sorted by path).
    assert [f["path"] for f in data["files"]] == sorted(str(f) for f in files)
    assert data["summary"]["files"] == N_FILES


def test_unreadable_file_is_recorded_and_the_rest_are_linted(batch, json_runs):
    root, files, broken = batch
    data = json.loads(json_runs["2"].stdout.decode("utf-8"))
    failed = [f for f in data["files"] if f["error"] is not None]
    assert [Path(f["path"]) for f in failed] == [broken]
    err = failed[0]["error"]
    assert err["code"] and err["message"] and not failed[0]["findings"]
    others = [f for f in data["files"] if f["error"] is None]
    assert len(others) == N_FILES - 1
    assert all(f["profile"] for f in others)
    assert data["summary"]["failed"] == 1
    # Same source file → same findings, wherever and whenever in the batch it was linted.
    by_source: dict[str, set] = {}
    for f in others:
        src = Path(f["path"]).name.split("-", 1)[1]
        by_source.setdefault(src, set()).add(json.dumps(f["findings"], ensure_ascii=False, sort_keys=True))
    assert all(len(v) == 1 for v in by_source.values()), {k: len(v) for k, v in by_source.items()}
    assert sum(len(f["findings"]) for f in others) > 0


def test_truncated_and_non_zip_docx_do_not_stop_the_batch(tmp_path):
    files, broken = make_batch(tmp_path, 6, bad="truncated")
    (tmp_path / "not-a-zip.docx").write_bytes("这不是 Word 文件".encode("utf-8"))
    p = cli(tmp_path, "--format", "json", "-j", "2")
    assert p.returncode == 2
    data = json.loads(p.stdout)
    errors = {Path(f["path"]).name: f["error"]["code"] for f in data["files"] if f["error"]}
    assert set(errors) == {broken.name, "not-a-zip.docx"}
    assert sum(f["error"] is None for f in data["files"]) == 5


_STAT_LINE = re.compile(r"^\s*(\d+)\s+([A-Z]\d{3})\s+\[(error|warning|info)\]", re.M)


def test_statistics_counts_per_rule(batch, json_runs):
    root = batch[0]
    data = json.loads(json_runs["1"].stdout.decode("utf-8"))
    expected = Counter((x["code"], x["severity"]) for f in data["files"] for x in f["findings"])
    assert len(expected) >= 3, "the batch should exercise several rules"
    for lang in ("zh", "en"):
        p = cli(root, "--statistics", "-j", "2", "--lang", lang)
        assert p.returncode == 2
        out = p.stdout.decode("utf-8")
        got = Counter({(code, sev): int(n) for n, code, sev in _STAT_LINE.findall(out)})
        assert got == expected, out
        assert str(sum(expected.values())) in out.strip().splitlines()[-1]


def _run_at_terminal(*args) -> tuple[subprocess.CompletedProcess, bytes]:
    """Run with stderr on a pseudo-terminal (stdout stays a pipe); returns what the terminal got."""
    master, slave = pty.openpty()
    got = bytearray()

    def drain():
        # Read while the child writes: a full pty buffer would block it.
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO once the child has closed its end
                return
            if not chunk:
                return
            got.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        p = cli(*args, stderr=slave)
    finally:
        os.close(slave)
        reader.join(10)
        os.close(master)
    return p, bytes(got)


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    make_batch(root, 12, bad=None)
    return root


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_progress_bar_only_at_a_terminal(small_batch, jobs):
    piped = cli(small_batch, "--format", "json", "-j", jobs)
    assert piped.returncode in (0, 1)
    assert piped.stderr == b""

    at_tty, term = _run_at_terminal(small_batch, "--format", "json", "-j", jobs)
    text = term.decode("utf-8", "replace")
    assert "report-lint" in text and "[#" in text and "100%" in text, text[-300:]
    # The bar goes to stderr only: stdout is the same JSON as when piped.
    assert at_tty.stdout == piped.stdout and at_tty.returncode == piped.returncode

    quiet, term = _run_at_terminal(small_batch, "--format", "json", "-j", jobs, "--no-progress")
    assert b"[#" not in term and b"%" not in term
    assert quiet.stdout == piped.stdout


def test_progress_flag_when_piped_keeps_stdout_clean(small_batch):
    # click hides the bar itself on a non-terminal (it writes only the label once), so
    # --progress in a CI log is one line, never hundreds of redraws.
    p = cli(small_batch, "--format", "json", "--progress")
    assert b"\r" not in p.stderr and p.stderr.count(b"\n") <= 1
    assert json.loads(p.stdout)["summary"]["files"] == 12


def test_globs(batch):
    root, files, broken = batch
    txt = sorted(str(f) for f in files if f.suffix == ".txt")
    assert txt and len(txt) < N_FILES
    p = cli(f"{root}/**/*.txt", "--format", "json", "-j", "2")
    data = json.loads(p.stdout)
    assert sorted(f["path"] for f in data["files"]) == txt
    assert p.returncode in (0, 1)  # the broken .docx is not part of this run

    top = sorted(str(f) for f in files if f.suffix == ".docx" and f.parent.parent == root)
    data = json.loads(cli(f"{root}/office-?/*.docx", "--format", "json").stdout)
    assert sorted(f["path"] for f in data["files"]) == top
    # A glob that matches nothing is reported like a missing file.
    p = cli(f"{root}/**/*.nothing", "--format", "json")
    assert p.returncode == 2 and json.loads(p.stdout)["files"][0]["error"]["code"] == "not-found"


# ---------------------------------------------------------------- pre-commit hook


def _mini_yaml_hooks(text: str) -> list[dict]:
    """Enough YAML for a flat list of hook mappings (PyYAML is not a test dependency)."""
    hooks: list[dict] = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.match(r"^(-\s+|\s+)([\w-]+):\s*(.*)$", line)
        assert m, f"unexpected line: {raw!r}"
        if m.group(1).startswith("-"):
            hooks.append({})
        value = m.group(3).strip()
        if value == "[]":
            value = []
        elif value in ("true", "false"):
            value = value == "true"
        elif len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        hooks[-1][m.group(2)] = value
    return hooks


def test_pre_commit_hook_definition():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    try:
        import yaml
    except ImportError:
        hooks = _mini_yaml_hooks(text)
    else:
        hooks = yaml.safe_load(text)
        assert hooks == _mini_yaml_hooks(text)
    (hook,) = [h for h in hooks if h["id"] == "report-lint"]
    assert hook["language"] == "python"
    assert hook["args"] == []
    assert set(hook) >= {"id", "name", "entry", "language", "files"}

    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert hook["entry"] in scripts, (hook["entry"], scripts)

    files = re.compile(hook["files"])
    for name in ("报告.docx", "a/b/report.txt", "x.md", "p.html", "p.htm", "A.DOCX.docx"):
        assert files.search(name), name
    for name in ("report.doc", "x.docx.bak", "notes.markdown", "a.htmlx", "img.png"):
        assert not files.search(name), name

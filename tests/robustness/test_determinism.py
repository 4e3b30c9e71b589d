"""Same input → byte-identical JSON and SARIF, whatever the run: two runs, different
hash seeds, different working folders. Relative paths in, relative paths out: no
absolute path (and so nothing of the machine's layout) leaks into the output."""

from __future__ import annotations

import shutil

import pytest

from . import FIXTURES, load_builder, run_cli

B = load_builder()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """The same tree of inputs in two different folders."""
    roots = []
    for tag in ("first", "second-其他"):
        root = tmp_path_factory.mktemp(f"det-{tag}")
        d = root / "reports"
        d.mkdir()
        for name in ("seed-typed.docx", "seed-tracked.docx", "seed.txt"):
            shutil.copyfile(FIXTURES / "seed" / name, d / name)
        shutil.copyfile(FIXTURES / "gov" / "filled-2021-sum.docx", d / "filled-2021-sum.docx")
        shutil.copyfile(FIXTURES / "text" / "corpus-80576.html", d / "corpus-80576.html")
        B.good_inputs(d / "sub")
        (d / "empty.docx").write_bytes(b"")
        (d / "legacy.doc").write_bytes(B.cfb_bytes({"WordDocument": B.word_fib()}))
        roots.append(root)
    return roots


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_output_is_byte_identical_across_runs(workspace, fmt):
    first, second = workspace
    runs = [
        run_cli(["reports", "--format", fmt], cwd=first, env={"PYTHONHASHSEED": "1"}),
        run_cli(["reports", "--format", fmt], cwd=first, env={"PYTHONHASHSEED": "2"}),
        run_cli(["reports", "--format", fmt], cwd=second, env={"PYTHONHASHSEED": "3"}),
        run_cli(["reports", "--format", fmt, "-j", "2"], cwd=second, env={"PYTHONHASHSEED": "4"}),
    ]
    for r in runs:
        assert "Traceback" not in r.out + r.err, r.err[-3000:]
        assert r.rc == 2  # empty.docx and legacy.doc are unreadable
    assert runs[0].out  # something was produced
    for r in runs[1:]:
        assert r.out == runs[0].out


@pytest.mark.parametrize("fmt", ["json", "sarif", "text", "junit", "gitlab", "github"])
def test_no_absolute_paths_for_relative_input(workspace, fmt):
    first, _ = workspace
    run = run_cli(["reports", "--format", fmt], cwd=first)
    assert "Traceback" not in run.out + run.err
    for needle in (str(first), str(first.resolve()), str(FIXTURES.parent), "file://", "/tmp/"):
        assert needle not in run.out, (fmt, needle)
    assert "reports/seed.txt" in run.out or "reports\\seed.txt" in run.out


def test_output_file_identical_to_stdout(workspace, tmp_path):
    first, _ = workspace
    out = tmp_path / "report.json"
    a = run_cli(["reports", "--format", "json", "-o", out], cwd=first)
    b = run_cli(["reports", "--format", "json"], cwd=first)
    assert a.rc == b.rc == 2
    assert out.read_text(encoding="utf-8") == b.out

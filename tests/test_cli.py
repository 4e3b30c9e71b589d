"""The command line as a user runs it: subprocesses, exit codes, encodings."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from lintutil import FIXTURES

SEED = str(FIXTURES / "seed" / "seed.txt")


def run(*args, env=None, cwd=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "report_lint", *args], capture_output=True, env=e, cwd=cwd, timeout=120)


def test_seed_text_output_in_chinese_exit_0():
    p = run(SEED)
    out = p.stdout.decode("utf-8")
    assert p.returncode == 0, p.stderr.decode()
    assert "N002" in out and "警告" in out


def test_english_output():
    p = run(SEED, "--lang", "en")
    assert p.returncode == 0
    assert "warning" in p.stdout.decode("utf-8")


def test_fail_on_warning_gives_exit_1():
    assert run(SEED, "--fail-on", "warning").returncode == 1


def test_json_shape():
    p = run(SEED, "--format", "json")
    data = json.loads(p.stdout.decode("utf-8"))
    assert set(data) >= {"tool", "files", "summary"}
    assert data["tool"]["name"] == "report-lint"
    f = data["files"][0]
    assert set(f) >= {"path", "profile", "year", "error", "findings"}
    assert f["error"] is None and f["profile"] == "seed-2018" and f["year"] == 2018
    for x in f["findings"]:
        assert set(x) >= {"code", "severity", "message", "location", "excerpt"}
        assert "block" in x["location"] or x["code"].startswith(("S001", "C001", "D001"))
    s = data["summary"]
    assert s["files"] == 1 and s["error"] == 0 and s["warning"] >= 3


def test_select_and_ignore():
    data = json.loads(run(SEED, "--format", "json", "--select", "N").stdout)
    assert {x["code"][0] for x in data["files"][0]["findings"]} == {"N"}
    data = json.loads(run(SEED, "--format", "json", "--ignore", "N,C").stdout)
    assert not {x["code"][0] for x in data["files"][0]["findings"]} & {"N", "C"}


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "gbk"}, {"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"}])
def test_narrow_console_does_not_crash(env):
    p = run(SEED, env=env)
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in p.stderr


def test_missing_file_is_exit_2_with_one_line():
    p = run("no-such-report.docx")
    assert p.returncode == 2
    assert b"Traceback" not in p.stderr
    assert "no-such-report.docx" in p.stdout.decode("utf-8")


def test_usage_errors_are_exit_2():
    assert run().returncode == 2
    assert run(SEED, "--profile", "nope").returncode == 2
    assert run("--explain", "Z999").returncode == 2


def test_rule_explanations_and_list():
    p = run("rule", "T001")
    assert p.returncode == 0 and "T001" in p.stdout.decode("utf-8")
    assert run("--explain", "T001").stdout == p.stdout
    listing = run("--list-rules").stdout.decode("utf-8")
    assert "S001" in listing and "N001" in listing and "T001" in listing


def test_folder_and_statistics(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_bytes((FIXTURES / "seed" / "seed.txt").read_bytes())
    (tmp_path / "two.txt").write_bytes((FIXTURES / "seed" / "seed.txt").read_bytes())
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    p = run(str(tmp_path), "--format", "json")
    data = json.loads(p.stdout)
    assert [os.path.basename(f["path"]) for f in data["files"]] == ["one.txt", "two.txt"]
    stats = run(str(tmp_path), "--statistics").stdout.decode("utf-8")
    assert "N002" in stats


def test_output_file_and_profile_forced(tmp_path):
    out = tmp_path / "r.json"
    p = run(SEED, "--format", "json", "--output", str(out), "--profile", "base-2008")
    assert p.returncode == 0 and p.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8"))["files"][0]["profile"] == "base-2008"


def test_baseline_reports_only_new_findings(tmp_path):
    base = tmp_path / "baseline.json"
    run(SEED, "--write-baseline", str(base))
    data = json.loads(run(SEED, "--format", "json", "--baseline", str(base)).stdout)
    assert data["files"][0]["findings"] == []

"""Every broken or hostile input in scripts/build_bad_inputs.py gets a clear answer.

Each case runs the real CLI (``python -m report_lint FILE --format json``) in a child
with a memory limit and a timeout, and must give exit 0/1 (linted) or 2 with a known
error code and a one-line Chinese message — never a traceback — and must leave the
input byte-identical. The expected answers live next to the cases (``CASES``).
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from report_lint.lint import LintOptions, lint_file
from report_lint.read.errors import Limits

from . import KNOWN_ERROR_CODES, ROOT, assert_clear_error, has_cjk, load_builder, run_cli, sha256_tree

B = load_builder()

TIMEOUT = float(os.environ.get("REPORT_LINT_CASE_TIMEOUT", "15"))
# The two cases that are large on purpose get more time: reading them takes about a
# second, but the checks after reading currently take several (see the issue-5 report).
SLOW = {"paragraphs-100k.docx": 4 * TIMEOUT, "line-10mb.txt": 3 * TIMEOUT}


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list = []

    def do_GET(self):  # noqa: N802 - http.server API
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"REPORT-LINT-XXE-HTTP-LEAK")

    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def http_sink():
    """A local HTTP server on a free port that records every request it gets."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Counter.hits = []
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/xxe", _Counter.hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory, http_sink):
    out = tmp_path_factory.mktemp("bad")
    paths = B.build(out, xxe_url=http_sink[0])
    return out, paths


def _file_entries(run) -> list[dict]:
    assert "Traceback" not in run.out and "Traceback" not in run.err, run.err[-2000:]
    assert run.rc in (0, 1, 2), (run.rc, run.err[-2000:])
    data = json.loads(run.out)
    assert isinstance(data["files"], list)
    return data["files"]


@pytest.mark.parametrize("name", sorted(B.CASES))
def test_case_gets_a_clear_answer(catalogue, name):
    out, paths = catalogue
    case = B.CASES[name]
    path = paths[name]
    before = sha256_tree(out)
    run = run_cli([path.relative_to(out), "--format", "json"], cwd=out, timeout=SLOW.get(name, TIMEOUT))
    files = _file_entries(run)
    assert sha256_tree(out) == before, "an input file was modified"
    assert files, f"{name}: no file in the answer at all"
    if case.codes is None:
        for f in files:
            assert f["error"] is None, (name, f["path"], f["error"])
            assert isinstance(f["findings"], list)
        assert run.rc in (0, 1), run.err[-2000:]
    else:
        assert run.rc == 2, (name, run.rc, files)
        assert len(files) == 1, files
        assert_clear_error(files[0]["error"], case.codes, case.must_say)
        assert files[0]["findings"] == []
    if run.err.strip():
        # Whatever reaches stderr for a document is a one-line message, not a dump.
        assert len(run.err.strip().splitlines()) <= 3, run.err[-2000:]


def test_xxe_never_reads_or_fetches(catalogue, http_sink):
    out, paths = catalogue
    url, hits = http_sink
    sentinel = (out / "sentinel.txt").read_text(encoding="utf-8").strip()
    names = ["xxe-file.docx", "xxe-http.docx", "xxe-styles.docx", "xxe-parameter.docx"]
    run = run_cli([paths[n] for n in names] + ["--format", "json"], cwd=out, timeout=TIMEOUT)
    files = _file_entries(run)
    assert [f["error"]["code"] for f in files] == ["unsafe-xml"] * 4
    for text in (run.out, run.err):
        assert sentinel not in text
        assert "REPORT-LINT-XXE-HTTP-LEAK" not in text
    assert hits == [], f"report-lint fetched {hits} from {url}"
    # The same in-process, with the reader's own parser (no subprocess in between).
    for n in names:
        r = lint_file(str(paths[n]), LintOptions())
        assert r.error is not None and r.error.code == "unsafe-xml"
        assert sentinel not in json.dumps(r.error.message, ensure_ascii=False)
    assert hits == []


def test_symlink_loop_lists_each_file_once(catalogue):
    out, paths = catalogue
    run = run_cli([paths["symlink-loop"], "--format", "json"], cwd=out, timeout=TIMEOUT)
    files = _file_entries(run)
    names = [Path(f["path"]).name for f in files]
    assert names == ["report.txt"], names


def test_odd_file_names_are_linted_and_reported_verbatim(catalogue):
    out, paths = catalogue
    folder = paths["odd-names"]
    run = run_cli(["odd-names", "--format", "json"], cwd=out, timeout=TIMEOUT)
    files = _file_entries(run)
    expected = sorted(str(Path("odd-names") / n) for n in os.listdir(folder))
    assert sorted(f["path"] for f in files) == expected
    assert all(f["error"] is None for f in files)
    # The text report stays one line per location even for a name with a newline.
    text = run_cli(["odd-names"], cwd=out, timeout=TIMEOUT)
    assert "Traceback" not in text.out + text.err
    assert text.rc in (0, 1)


def test_batch_lints_good_files_and_records_bad_ones(catalogue, tmp_path):
    out, paths = catalogue
    batch = tmp_path / "batch"
    good = B.good_inputs(batch)
    bad = {
        "empty.docx": "empty-file",
        "truncated.docx": "corrupt-docx",
        "legacy.doc": "legacy-doc",
        "encrypted.docx": "encrypted",
        "zip-bomb.docx": "zip-bomb",
        "billion-laughs.docx": "unsafe-xml",
        "tables-nested-50.docx": "too-deep",
    }
    for n in bad:
        shutil.copyfile(paths[n], batch / n)
    before = sha256_tree(batch)

    run = run_cli([".", "--format", "json"], cwd=batch, timeout=3 * TIMEOUT)
    files = {Path(f["path"]).name: f for f in _file_entries(run)}
    assert run.rc == 2
    assert set(files) == set(good) | set(bad)
    for n in good:
        assert files[n]["error"] is None, files[n]
        assert files[n]["profile"], files[n]
        assert files[n]["findings"] is not None
    for n, code in bad.items():
        assert_clear_error(files[n]["error"], {code})
    data = json.loads(run.out)
    assert data["summary"]["files"] == len(files)

    sarif = run_cli([".", "--format", "sarif"], cwd=batch, timeout=3 * TIMEOUT)
    assert "Traceback" not in sarif.out + sarif.err
    assert sarif.rc == 2
    doc = json.loads(sarif.out)
    _validate_sarif(doc)
    inv = doc["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    notes = {Path(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).name: n for n in inv["toolExecutionNotifications"]}
    assert set(notes) == set(bad)
    for n, code in bad.items():
        assert notes[n]["descriptor"]["id"] == code
        assert notes[n]["level"] == "error"
        assert has_cjk(notes[n]["message"]["text"])
    linted = {Path(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).name for r in doc["runs"][0]["results"]}
    assert linted <= set(good)
    assert sha256_tree(batch) == before


def _validate_sarif(doc: dict) -> None:
    schema_path = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        return
    import jsonschema

    jsonschema.validate(doc, json.loads(schema_path.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- paths


def test_missing_path_through_cli(tmp_path):
    run = run_cli(["nope.docx", "--format", "json"], cwd=tmp_path, timeout=TIMEOUT)
    files = _file_entries(run)
    assert run.rc == 2
    assert [f["path"] for f in files] == ["nope.docx"]
    assert_clear_error(files[0]["error"], {"not-found"})


def test_folder_without_reports_is_not_a_clean_pass(tmp_path):
    # "未发现问题" for a folder in which nothing was checked would be a false all-clear.
    (tmp_path / "folder.docx").mkdir()
    (tmp_path / "folder.docx" / "notes.bin").write_bytes(b"\0")
    run = run_cli(["folder.docx", "--format", "json"], cwd=tmp_path, timeout=TIMEOUT)
    files = _file_entries(run)
    assert run.rc == 2, (run.rc, files)
    assert len(files) == 1 and files[0]["path"] == "folder.docx"
    assert_clear_error(files[0]["error"], {"no-files", "is-directory"})


def test_folder_given_as_a_file_in_process(tmp_path):
    d = tmp_path / "x.docx"
    d.mkdir()
    r = lint_file(str(d), LintOptions())
    assert r.error is not None and r.error.code == "is-directory"
    assert has_cjk(r.error.message["zh"])


def test_permission_denied_in_process(tmp_path, monkeypatch):
    p = tmp_path / "secret.docx"
    p.write_bytes(B.python_docx_bytes())
    real_open = Path.open

    def deny(self, *a, **kw):
        if self.name == "secret.docx":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *a, **kw)

    monkeypatch.setattr(Path, "open", deny)
    r = lint_file(str(p), LintOptions())
    assert r.error is not None and r.error.code == "permission", r.error
    assert "权限" in r.error.message["zh"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_through_cli(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text(B.report_text(), encoding="utf-8")
    p.chmod(0)
    try:
        run = run_cli(["secret.txt", "--format", "json"], cwd=tmp_path, timeout=TIMEOUT)
    finally:
        p.chmod(0o644)
    files = _file_entries(run)
    assert run.rc == 2
    assert_clear_error(files[0]["error"], {"permission"})


# --------------------------------------------------------------------------- limits


def test_default_limits_are_safe():
    lim = Limits()
    assert 0 < lim.max_file_bytes <= 200 << 20
    assert 0 < lim.max_unzipped_bytes <= 512 << 20
    assert 1 < lim.max_zip_ratio <= 1000
    assert 1 < lim.max_nesting <= 64
    assert 0 < lim.max_blocks <= 1_000_000
    assert 0 < lim.max_seconds <= 300


def _lint(path, **limits):
    return lint_file(str(path), LintOptions(limits=Limits(**limits)))


def test_limit_file_size(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(B.report_text() * 50, encoding="utf-8")
    assert _lint(p).error is None
    r = _lint(p, max_file_bytes=1024)
    assert r.error is not None and r.error.code == "too-large"
    d = tmp_path / "r.docx"
    d.write_bytes(B.python_docx_bytes())
    r = _lint(d, max_file_bytes=1024)
    assert r.error is not None and r.error.code == "too-large"


def test_limit_unzipped_size_and_ratio(tmp_path):
    d = tmp_path / "r.docx"
    d.write_bytes(B.docx_bytes(B.report_body() + B._para("一" * 50_000)))
    assert _lint(d).error is None
    r = _lint(d, max_unzipped_bytes=20_000)
    assert r.error is not None and r.error.code == "zip-bomb"
    r = _lint(d, max_zip_ratio=2)
    assert r.error is not None and r.error.code == "zip-bomb"


def test_limit_nesting(tmp_path):
    d = tmp_path / "nested.docx"
    d.write_bytes(B.nested_tables(5))
    assert _lint(d).error is None
    r = _lint(d, max_nesting=3)
    assert r.error is not None and r.error.code == "too-deep"


def test_limit_blocks(tmp_path):
    d = tmp_path / "many.docx"
    d.write_bytes(B.many_paragraphs(300))
    t = tmp_path / "many.txt"
    t.write_text("\n".join(f"第{i}段。" for i in range(300)), encoding="utf-8")
    for p in (d, t):
        assert _lint(p).error is None
        r = _lint(p, max_blocks=100)
        assert r.error is not None and r.error.code == "too-many-blocks", (p, r.error)


def test_limit_time_docx(tmp_path):
    d = tmp_path / "many.docx"
    d.write_bytes(B.many_paragraphs(20_000))
    r = _lint(d, max_seconds=0.05)
    assert r.error is not None and r.error.code == "timeout", r.error
    assert has_cjk(r.error.message["zh"])


@pytest.mark.parametrize("name", ["many.txt", "many.html"])
def test_limit_time_other_formats(tmp_path, name):
    # The time limit holds for every format, not only .docx.
    p = tmp_path / name
    lines = [f"第{i}段：本机关主动公开政府信息{i}条。" for i in range(20_000)]
    if name.endswith(".html"):
        p.write_text("<html><body>" + "".join(f"<p>{x}</p>" for x in lines) + "</body></html>", encoding="utf-8")
    else:
        p.write_text("\n".join(lines), encoding="utf-8")
    r = _lint(p, max_seconds=0.05)
    assert r.error is not None and r.error.code == "timeout", r.error


@pytest.mark.parametrize("seconds", [1e-6, 1e-5, 1e-4, 1e-3, 1e-2])
def test_time_limit_never_escapes_as_an_exception(tmp_path, seconds):
    # Whenever the limit strikes — before the work starts, in the middle, or just as
    # the result is being returned — the answer is a result, never an exception.
    d = tmp_path / "r.docx"
    d.write_bytes(B.many_paragraphs(2000))
    t = tmp_path / "r.txt"
    t.write_text(B.report_text() * 200, encoding="utf-8")
    for p in (d, t):
        for _ in range(5):
            r = _lint(p, max_seconds=seconds)
            assert r.error is None or r.error.code == "timeout", r.error


def test_every_catalogue_code_is_documented():
    readme = (ROOT / "fixtures" / "bad" / "README.md").read_text(encoding="utf-8")
    for code in KNOWN_ERROR_CODES:
        assert f"`{code}`" in readme, code
    for name in B.CASES:
        assert f"`{name}`" in readme, name


@pytest.mark.parametrize("name", ["zip-bomb.docx", "zip-bomb-declared.docx", "zip-bomb-lying.docx"])
def test_zip_bombs_are_refused_without_inflating(catalogue, name):
    # The answer must come from the zip directory (or a read capped at the declared
    # size), not from inflating up to max_unzipped_bytes first.
    import tracemalloc

    out, paths = catalogue
    tracemalloc.start()
    try:
        r = lint_file(str(paths[name]), LintOptions())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert r.error is not None and r.error.code in B.CASES[name].codes
    assert peak < 64 << 20, f"{name}: {peak >> 20} MiB allocated to refuse it"


def test_cfb_writer_makes_real_compound_files(catalogue):
    # Our reader and our writer could agree on a mistake; libmagic's CDF parser is an
    # independent check that the .doc/.wps/encrypted cases are real compound files.
    import subprocess

    from report_lint.read.ole import _CFB

    out, paths = catalogue
    expect = {"legacy.doc": "WordDocument", "legacy.wps": "WpsCustomData", "encrypted.docx": "EncryptedPackage"}
    for name, stream in expect.items():
        entries = _CFB(paths[name].read_bytes()).entries()
        assert entries[0][0] == "Root Entry" and stream in {e[0] for e in entries}
    if shutil.which("file") is None:
        pytest.skip("file(1) not installed")
    for name in expect:
        kind = subprocess.run(["file", "-b", str(paths[name])], capture_output=True, text=True).stdout
        assert "CDFV2" in kind or "Composite Document" in kind, (name, kind)

"""Command line: wires paths → linter → reporters. No checking logic lives here."""

from __future__ import annotations

import glob
import os
import sys
from pathlib import Path
from typing import Any, Optional

import click

from report_lint import __version__
from report_lint.model.findings import SEVERITIES

FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "html", "docx", "xlsx", "csv")
DEFAULT_EXTENSIONS = (".docx", ".txt", ".md", ".html", ".htm", ".doc", ".wps", ".pdf")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split_codes(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip().upper() for x in v.split(",") if x.strip())
    return out


def expand_paths(args: tuple[str, ...], extensions: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """Files to lint (stable order), arguments that matched nothing, and folders holding no report."""
    files: list[str] = []
    missing: list[str] = []
    empty_dirs: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        if p not in seen:
            seen.add(p)
            files.append(p)

    for arg in args:
        p = Path(arg)
        if p.is_dir():
            # os.walk without followlinks cannot loop on a symlink cycle.
            found = []
            for root, dirs, names in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in names:
                    if n.lower().endswith(extensions) and not n.startswith((".", "~$")):
                        found.append(os.path.join(root, n))
            if not found:
                # Saying "no problems" for a folder in which nothing was checked would be a false all-clear.
                empty_dirs.append(arg)
            for f in sorted(found):
                add(f)
        elif p.exists() or p.is_symlink():
            add(arg)
        elif any(ch in arg for ch in "*?["):
            matches = sorted(m for m in glob.glob(arg, recursive=True) if os.path.isfile(m))
            if not matches:
                missing.append(arg)
            for m in matches:
                add(m)
        else:
            missing.append(arg)
    return files, missing, empty_dirs


def _print_rules(lang: str) -> None:
    from report_lint.app.outputs import write_stdout
    from report_lint.report.ruledocs import catalogue_lines

    write_stdout("\n".join(catalogue_lines(lang)))


def explain_rule(code: str, lang: str) -> Optional[str]:
    from report_lint.report.ruledocs import explain

    return explain(code, lang)


def _limits(cfg, timeout, max_size, max_unzipped, max_pages=None):
    """Safe defaults from readers.Limits; the config file's [limits] and then the command line override."""
    from dataclasses import fields

    from report_lint.read.errors import Limits

    lim = Limits()
    names = {f.name for f in fields(Limits)}
    for k, v in (cfg.get("limits") or {}).items():
        key = k.replace("-", "_")
        if key not in names:
            raise click.UsageError(f"unknown limit {k!r} (known: {', '.join(sorted(names))})")
        setattr(lim, key, type(getattr(lim, key))(v))
    if timeout is not None:
        lim.max_seconds = timeout
    if max_size is not None:
        lim.max_file_bytes = int(max_size * 1024 * 1024)
    if max_unzipped is not None:
        lim.max_unzipped_bytes = int(max_unzipped * 1024 * 1024)
    if max_pages is not None:
        lim.max_pdf_pages = max_pages
    return lim


def _lint_many(files: list[str], opts, jobs: int, progress: bool):
    from report_lint.lint import lint_file

    if jobs <= 1 or len(files) <= 1:
        results = []
        if progress:
            with click.progressbar(files, label="report-lint", file=sys.stderr) as bar:
                for f in bar:
                    results.append(lint_file(f, opts))
        else:
            results = [lint_file(f, opts) for f in files]
        return results
    from concurrent.futures import ProcessPoolExecutor

    # Warm up here, before the workers exist: forked workers inherit the imported rule
    # modules, parsers and compiled patterns instead of each paying for them on its first
    # file (other start methods run the same warm-up as the workers' initializer).
    _warm_up(opts)
    # Small chunks: with large ones a worker can sit idle while the other finishes the
    # last chunk; sending a few results at a time costs little.
    chunk = max(1, min(4, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up, initargs=(opts,)) as ex:
        it = ex.map(lint_file, files, [opts] * len(files), chunksize=chunk)
        if progress:
            results = []
            with click.progressbar(length=len(files), label="report-lint", file=sys.stderr) as bar:
                for r in it:
                    results.append(r)
                    bar.update(1)
            return results
        return list(it)


def _warm_up(opts) -> None:
    """Import and build what every file needs (idempotent; never raises — linting would
    report the same problem per file)."""
    try:
        from report_lint.checks.narrative import compiled_bindings
        from report_lint.outline.build import outline_parser
        from report_lint.profiles.load import load_profiles
        from report_lint.read import docx as _docx  # noqa: F401 - imported for its side effect

        outline_parser()
        profiles = load_profiles(opts.rules_dir)
        for p in profiles.values():
            compiled_bindings(p)
    except Exception:
        pass


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--profile", default=None, help="Format profile name, or 'auto' (default: by report year and headings).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format (default: text).")
@click.option("--output-format", "fmt2", type=click.Choice(FORMATS), default=None, hidden=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    default=None,
    help="Write output to FILE (a folder for html or docx with several files).",
)
@click.option(
    "--fix",
    is_flag=True,
    help="With --format docx: write the certain fixes into the copy as tracked changes (修订) to accept or reject.",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of messages (default: zh).")
@click.option("--select", multiple=True, help="Only these codes or prefixes (comma-separated; e.g. T,N001).")
@click.option("--ignore", multiple=True, help="Skip these codes or prefixes.")
@click.option(
    "--fail-on",
    type=click.Choice(list(SEVERITIES)),
    default=None,
    help="Lowest severity that makes the exit status 1 (default: error).",
)
@click.option("--year", type=int, default=None, help="Report year (default: read from the title).")
@click.option(
    "--agency-kind",
    type=click.Choice(["department", "township", "county", "city", "province", "vertical"]),
    default=None,
    help="Kind of agency, for publication deadlines (default: inferred from the title).",
)
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.option("--explain", metavar="CODE", default=None, help="Explain one rule and exit (same as `report-lint rule CODE`).")
@click.option("--statistics", is_flag=True, help="Show counts per rule (and the cross-year links) instead of each finding.")
@click.option(
    "--previous",
    "previous",
    type=click.Path(),
    default=None,
    help="Last year's report of the same agency: link the one report given to it for the cross-year checks (Y).",
)
@click.option("-j", "--jobs", type=int, default=1, show_default=True, help="Lint files in parallel.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(),
    default=None,
    help="Configuration file (default: report-lint.toml or pyproject.toml found upwards).",
)
@click.option("--baseline", type=click.Path(), default=None, help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(), default=None, help="Record the current findings as a baseline file.")
@click.option("--timeout", "timeout", type=float, default=None, help="Seconds allowed per file (default: 60).")
@click.option("--max-size", "max_size", type=float, default=None, help="Largest input file in MB (default: 50).")
@click.option("--max-unzipped", "max_unzipped", type=float, default=None, help="Largest decompressed .docx content in MB (default: 200).")
@click.option("--max-pages", "max_pages", type=click.IntRange(min=1), default=None, help="Most pages read from a PDF (default: 500).")
@click.option("--color/--no-color", default=None, help="Colour text output (default: when stdout is a terminal).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: at a terminal for more than 5 files).")
@click.version_option(__version__, prog_name="report-lint")
def lint_command(
    paths,
    profile,
    fmt,
    fmt2,
    output,
    lang,
    fix,
    select,
    ignore,
    fail_on,
    year,
    agency_kind,
    list_rules,
    explain,
    statistics,
    previous,
    jobs,
    config_path,
    baseline,
    write_baseline,
    timeout,
    max_size,
    max_unzipped,
    max_pages,
    color,
    progress,
):
    """Lint 政府信息公开工作年度报告 drafts (.docx, .txt, .md, .html).

    PATHS are files, folders (searched recursively) or glob patterns.
    Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage error or unreadable file.
    """
    from report_lint.app.outputs import write_stdout

    cfg = _load_config(config_path, paths)
    lang = lang or cfg.get("lang", "zh")
    if lang not in ("zh", "en"):
        raise click.UsageError(f"lang must be zh or en, not {lang!r}")
    if list_rules:
        _print_rules(lang)
        sys.exit(EXIT_OK)
    if explain:
        text = explain_rule(explain, lang)
        if text is None:
            raise click.UsageError(f"unknown rule code {explain!r} (see --list-rules)")
        write_stdout(text)
        sys.exit(EXIT_OK)
    if not paths:
        raise click.UsageError("no files given (try: report-lint report.docx)")

    fmt = fmt or fmt2 or "text"
    if fix and fmt != "docx":
        raise click.UsageError("--fix needs --format docx: the fixes go into a copy of the draft as tracked changes")
    if fmt == "docx" and not output:
        raise click.UsageError("--format docx needs -o OUT.docx (or -o FOLDER for several files); the draft itself is never written")
    if fmt == "xlsx" and not output:
        raise click.UsageError("--format xlsx writes a workbook: give the file with -o summary.xlsx")
    fail_on = fail_on or cfg.get("fail-on", "error")
    if fail_on not in SEVERITIES:
        raise click.UsageError(f"fail-on must be error, warning or info, not {fail_on!r}")
    extensions = tuple(e if e.startswith(".") else "." + e for e in cfg.get("extensions", DEFAULT_EXTENSIONS))
    files, missing, empty_dirs = expand_paths(paths, extensions)
    opts = _lint_options(cfg, profile, year, select, ignore, agency_kind, fmt, timeout, max_size, max_unzipped, max_pages)
    if progress is None:
        progress = sys.stderr.isatty() and len(files) > 5
    if previous:
        if len(files) != 1:
            raise click.UsageError("--previous links one report to last year's: give exactly one report")
        if not Path(previous).is_file():
            raise click.UsageError(f"--previous: file not found: {previous}")
    results = _lint_many(files, opts, max(1, jobs), bool(progress))
    linking = _cross_year(results, files, previous, cfg, opts, lang)
    _apply_per_file_ignores(results, cfg)
    results.extend(_unreadable_paths(missing, empty_dirs, extensions))
    _baselines(results, files, baseline, write_baseline)
    if fmt == "docx":
        failed = _write_docx_copies(results, files, lang, output, fix)
        sys.exit(EXIT_ERROR if failed else _exit_status(results, fail_on))
    _write_report(results, files, fmt, lang, output, statistics, color, linking.notes)
    sys.exit(_exit_status(results, fail_on))


def _load_config(config_path, paths) -> Any:
    from report_lint.app.config import ConfigError, find_config, load_config_file

    try:
        if config_path:
            return load_config_file(Path(config_path))
        return find_config(Path(paths[0]) if paths else Path.cwd())
    except ConfigError as e:
        raise click.UsageError(str(e)) from None


def _lint_options(cfg, profile, year, select, ignore, agency_kind, fmt, timeout, max_size, max_unzipped, max_pages=None):
    """Command-line options over the configuration file, checked, as LintOptions."""
    from report_lint.lint import LintOptions
    from report_lint.profiles.load import ProfileError, load_profiles

    profile = profile or cfg.get("profile", "auto")
    try:
        known = load_profiles()
    except ProfileError as e:
        raise click.UsageError(f"invalid profile data: {e}") from None
    if profile != "auto" and profile not in known:
        raise click.UsageError(
            f"unknown profile {profile!r}; known: auto, {', '.join(sorted(n for n, p in known.items() if not p.abstract))}"
        )
    sel = _split_codes(select) or [c.upper() for c in cfg.get("select", [])]
    ign = _split_codes(ignore) or [c.upper() for c in cfg.get("ignore", [])]
    overrides = {k.upper(): v for k, v in (cfg.get("severity") or {}).items()}
    for k, v in overrides.items():
        if v not in SEVERITIES:
            raise click.UsageError(f"severity override for {k} must be error, warning or info")
    return LintOptions(
        profile=profile,
        year=year if year is not None else cfg.get("year"),
        select=tuple(sel),
        ignore=tuple(ign),
        agency_kind=agency_kind or cfg.get("agency-kind"),
        severity_overrides=overrides,
        keep_document=(fmt in ("html", "docx")),
        limits=_limits(cfg, timeout, max_size, max_unzipped, max_pages),
    )


def _apply_per_file_ignores(results, cfg) -> None:
    from report_lint.checks.registry import selected

    for r in results:
        extra = cfg.ignores_for(r.path)
        if extra:
            r.findings = [f for f in r.findings if selected(f.code, (), extra)]


def _unreadable_paths(missing, empty_dirs, extensions) -> list:
    """A result for every path that named no file to lint (never a silent all-clear)."""
    from report_lint.model.findings import FileError, FileResult

    out = [FileResult(path=m, error=FileError("not-found", {"zh": "文件不存在", "en": "file not found"})) for m in missing]
    exts = " ".join(extensions)
    for d in empty_dirs:
        out.append(
            FileResult(
                path=d,
                error=FileError(
                    "no-files", {"zh": f"文件夹中没有可检查的报告（{exts}）", "en": f"the folder holds no report to check ({exts})"}
                ),
            )
        )
    return out


def _baselines(results, files, baseline, write_baseline) -> None:
    from report_lint.app.outputs import OutputError, atomic_write

    if write_baseline:
        import json

        from report_lint.app.baseline import baseline_data

        try:
            atomic_write(Path(write_baseline), json.dumps(baseline_data(results), ensure_ascii=False, indent=2) + "\n", refuse=files)
        except OutputError as e:
            click.echo(f"report-lint: {e}", err=True)
            sys.exit(EXIT_ERROR)
    if baseline:
        from report_lint.app.baseline import apply_baseline, load_baseline

        try:
            apply_baseline(results, load_baseline(Path(baseline)))
        except (OSError, ValueError, KeyError) as e:
            raise click.UsageError(f"cannot read baseline {baseline}: {e}") from None


def _cross_year(results, files, previous, cfg, opts, lang):
    """The batch stage: link reports across years and run the cross-year rules (Y)."""
    from dataclasses import replace

    from report_lint.batch.crossyear import cross_check
    from report_lint.lint import lint_file

    explicit = {}
    if previous:
        # Last year's report is read for its facts only: its own findings are not reported.
        prev = lint_file(previous, replace(opts, year=None, keep_document=False, select=(), ignore=()))
        if prev.error is not None or prev.summary is None:
            why = prev.error.text(lang) if prev.error else "no facts read"
            click.echo(f"report-lint: --previous {previous}: {why}", err=True)
            sys.exit(EXIT_ERROR)
        explicit = {files[0]: prev.summary}
    renames = cfg.get("agency-renames") or {}
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in renames.items()):
        raise click.UsageError("agency-renames maps an old agency name to the new one (strings)")
    return cross_check(results, explicit, renames, opts.select, opts.ignore, opts.severity_overrides)


def _write_report(results, files, fmt, lang, output, statistics, color, link_notes=()) -> None:
    from report_lint.app.outputs import OutputError, atomic_write, write_stdout
    from report_lint.report.common import ReportOptions
    from report_lint.report.render import render

    ropts = ReportOptions(
        color=(sys.stdout.isatty() if color is None else color) and not output,
        statistics=statistics,
        link_notes=list(link_notes),
    )
    try:
        if fmt == "html" and output and (len(results) > 1 or Path(output).is_dir()):
            out = Path(output)
            if out.exists() and not out.is_dir():
                raise OutputError(f"{output} 已存在且不是文件夹，无法写入网页", f"{output} exists and is not a folder")
            from report_lint.report.site import write_html_site

            write_html_site(results, out, lang, ropts)
        elif fmt == "xlsx":
            from report_lint.report.xlsx import render_bytes

            atomic_write(Path(output), render_bytes(results, lang, ropts), refuse=files)
        else:
            text = render(results, fmt, lang, ropts)
            if output:
                atomic_write(Path(output), text, refuse=files)
            else:
                write_stdout(text)
    except OutputError as e:
        click.echo(f"report-lint: {e}", err=True)
        sys.exit(EXIT_ERROR)
    except OSError as e:
        click.echo(f"report-lint: 无法写入 {output}：{e.strerror or e}", err=True)
        sys.exit(EXIT_ERROR)


def _write_docx_copies(results, files, lang, output, fix) -> bool:
    """``--format docx``: a commented copy of each Word draft (one file, or one per draft in
    the folder ``output``). A draft that cannot get one — not a Word original, unreadable —
    gets a one-line message on stderr and the others go on; True when any failed (exit 2)."""
    from report_lint.app.outputs import OutputError, atomic_write, write_stdout
    from report_lint.report.docx import CopyError, commented_copy, copy_name, not_word
    from report_lint.report.i18n import t

    out = Path(output)
    to_folder = out.is_dir() or len(results) > 1 or str(output).endswith(("/", os.sep))
    failed = False
    try:
        if to_folder:
            if out.exists() and not out.is_dir():
                raise OutputError(f"{output} 已存在且不是文件夹，无法写入多个副本", f"{output} exists and is not a folder")
            out.mkdir(parents=True, exist_ok=True)
    except OutputError as e:
        click.echo(f"report-lint: {e}", err=True)
        return True
    except OSError as e:
        click.echo(f"report-lint: 无法创建文件夹 {output}：{e.strerror or e}", err=True)
        return True
    taken: set[str] = set()
    lines = []
    for r in results:
        if r.error is not None:
            if r.error.code == "pdf":
                msg = f"{r.path}: {not_word(r.path).message(lang)}"
            else:
                msg = t("file.error", lang, path=r.path, code=r.error.code, message=r.error.text(lang))
            click.echo(f"report-lint: {msg}", err=True)
            failed = True
            continue
        target = out / copy_name(r.path, taken) if to_folder else out
        try:
            data, stats = commented_copy(r, lang=lang, fix=fix)
            atomic_write(target, data, refuse=files)
        except CopyError as e:
            click.echo(f"report-lint: {r.path}: {e.message(lang)}", err=True)
            failed = True
            continue
        except OutputError as e:
            click.echo(f"report-lint: {e}", err=True)
            failed = True
            continue
        if lang == "zh":
            line = f"{r.path} → {target}：批注 {stats.comments} 条" + (f"，修订 {stats.fixes} 处" if fix else "")
        else:
            line = f"{r.path} → {target}: {stats.comments} comments" + (f", {stats.fixes} tracked changes" if fix else "")
        lines.append(line)
    if lines:
        write_stdout("\n".join(lines))
    return failed


def _exit_status(results, fail_on: str) -> int:
    from report_lint.model.findings import SEVERITY_RANK

    if any(r.error for r in results):
        return EXIT_ERROR
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK.get(f.severity, 0) >= threshold for r in results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_OK


@click.command(name="rule")
@click.argument("code")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
def rule_command(code, lang):
    """Explain one rule: what it checks, why, an example that fires and one that does not."""
    from report_lint.app.outputs import write_stdout

    text = explain_rule(code, lang)
    if text is None:
        raise click.UsageError(f"unknown rule code {code!r} (see report-lint --list-rules)")
    write_stdout(text)


def main(argv: Optional[list[str]] = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    # `report-lint rule CODE` reads like ruff; a file literally named "rule" can be given as ./rule.
    if args and args[0] == "rule":
        rule_command.main(args=args[1:], prog_name="report-lint rule")
    else:
        lint_command.main(args=args, prog_name="report-lint")


if __name__ == "__main__":  # pragma: no cover
    main()

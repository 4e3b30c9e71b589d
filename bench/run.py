#!/usr/bin/env python3
"""report-lint benchmark: the figures and budgets of bench/README.md, side by side in one run.

    python bench/run.py [--quick] [--runs N] [--out bench/results/latest.json] [--work DIR]

Builds its inputs (bench/inputs.py) into a work directory, measures every figure against
its floor on the same machine in the same run (so results are ratios that travel between
machines), prints a table and writes JSON that two commits can be compared with.
``--quick`` uses tiny inputs and one run: it checks the benchmark still works (CI), its
numbers mean little.

Every subprocess measurement runs under a small fresh wrapper process that times its one
child and reads ``getrusage(RUSAGE_CHILDREN).ru_maxrss``: the peak RSS of exactly that
command (and its workers), with no interpreter start-up of the wrapper in the time.
The in-process figures run in a separate worker process (``--worker``), so this process
never imports report_lint and cannot disturb them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SRC = REPO / "src"

# figure id → (comparison, limit, what it means). Figures without a budget are context.
BUDGETS = {
    "cold_ratio": ("<=", 2.0, "cold `report-lint FILE` ÷ cold `python -c 'import docx; docx.Document(FILE)'`"),
    "inproc_ratio": ("<=", 2.0, "in-process lint_file ÷ docx.Document() per report (warm)"),
    "batch_speedup": (">=", 1.7, "batch reports/s with -j 2 ÷ with -j 1"),
    "scale_ratio": ("<=", 1.2, "lint ms per KB of text at the longest ÷ at 1×"),
    "rss_one_mb": ("<", 80.0, "peak RSS of `report-lint FILE`"),
    "rss_batch_ratio": ("<=", 1.10, "peak RSS of the full batch ÷ of a quarter of it (-j 1)"),
}

# Every figure the JSON must carry (tests/test_bench_smoke.py checks this list).
FIGURES = (
    "cold_lint_ms",
    "cold_floor_ms",
    "cold_ratio",
    "inproc_lint_ms",
    "inproc_load_ms",
    "inproc_ratio",
    "batch_j1_rps",
    "batch_j2_rps",
    "batch_speedup",
    "scale_1x_ms_per_kb",
    "scale_mid_ms_per_kb",
    "scale_long_ms_per_kb",
    "scale_ratio",
    "rss_one_mb",
    "rss_floor_mb",
    "rss_batch_small_mb",
    "rss_batch_mb",
    "rss_batch_ratio",
)

UNITS = {"ms": "ms", "rps": "reports/s", "mb": "MB", "ms_per_kb": "ms/KB"}

# Run one command, time it, report its own peak RSS. Kept tiny: it is the only code
# between the benchmark and the measured process.
WRAPPER = (
    "import json,resource,subprocess,sys,time\n"
    "t=time.perf_counter()\n"
    "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE)\n"
    "w=time.perf_counter()-t\n"
    "u=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'rc':r.returncode,'wall':w,"
    "'maxrss':u.ru_maxrss,'cpu':u.ru_utime+u.ru_stime,"
    "'stderr':r.stderr.decode('utf-8','replace')[-2000:]}))\n"
)


# ----------------------------------------------------------------------------- helpers


def load_inputs():
    # By path, not by name: "inputs" is too common a module name to put on sys.path.
    import importlib.util

    spec = importlib.util.spec_from_file_location("report_lint_bench_inputs", HERE / "inputs.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def maxrss_mb(raw: int) -> float:
    # Linux reports KiB, macOS bytes.
    return raw / (1024.0 * 1024.0) if sys.platform == "darwin" else raw / 1024.0


def product_env(work: Path) -> tuple[dict, str]:
    """Environment in which ``import report_lint`` finds this checkout, and how.

    Byte-code is cached under the work directory: an installed package has its .pyc
    files (pip compiles them), and without them every cold run would recompile
    report_lint's sources while python-docx's come precompiled — an unfair floor. With
    PYTHONDONTWRITEBYTECODE set (some CI images set it) that would silently happen.
    PYTHONPYCACHEPREFIX keeps the checkout free of __pycache__ folders.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    probe = subprocess.run(
        [sys.executable, "-c", "import report_lint,sys;sys.stdout.write(report_lint.__file__)"], capture_output=True, text=True, env=env
    )
    if probe.returncode == 0 and Path(probe.stdout).resolve().is_relative_to(SRC.resolve()):
        return env, "installed (editable, this checkout)"
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    how = "PYTHONPATH=src" if probe.returncode != 0 else f"PYTHONPATH=src (shadowing {probe.stdout})"
    return env, how


def lint_command(env: dict, choice: str) -> list[str]:
    """The console script when it runs this checkout, else ``python -m report_lint``."""
    script = shutil.which("report-lint", path=env.get("PATH"))
    if choice == "script" or (choice == "auto" and script and "PYTHONPATH" not in env):
        if not script:
            raise SystemExit("bench: --cli script but no report-lint on PATH")
        return [script]
    return [sys.executable, "-m", "report_lint"]


def measure(cmd: list[str], env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"wrapper failed for {cmd}: {out.stderr[-2000:]}")
    res = json.loads(out.stdout)
    res["maxrss_mb"] = maxrss_mb(res.pop("maxrss"))
    return res


def check_rc(res: dict, cmd: list[str], ok=(0, 1)) -> None:
    # 1 = findings (expected: the batch has defects); 2 = a file could not be read or a
    # usage error — then the figure would measure an error path, so stop.
    if res["rc"] not in ok:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {res['rc']}:\n{res['stderr']}")


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def git_info() -> dict:
    def git(*a):
        r = subprocess.run(["git", "-C", str(REPO), *a], capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if commit is None:
        return {}
    dirty = git("status", "--porcelain", "--", "src", "rules", "grammar")
    return {"commit": commit, "dirty": bool(dirty)}


def machine_info() -> dict:
    info = {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "cpu_count": os.cpu_count(),
    }
    if hasattr(os, "sched_getaffinity"):
        info["cpus_usable"] = len(os.sched_getaffinity(0))
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["mem_total_mb"] = round(int(line.split()[1]) / 1024)
                break
    except OSError:
        pass
    from importlib import metadata

    versions = {}
    for dist in ("python-docx", "lxml", "lark", "click", "report-lint"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    info["packages"] = versions
    return info


# ----------------------------------------------------------------------------- figures


def bench_cold(lint: list[str], ref: Path, env: dict, runs: int, log) -> tuple[dict, dict]:
    floor = [sys.executable, "-c", "import docx,sys; docx.Document(sys.argv[1])", str(ref)]
    cmd = [*lint, str(ref)]
    # One untimed round each: .pyc files and the page cache, not what a user pays twice.
    check_rc(measure(cmd, env), cmd)
    check_rc(measure(floor, env), floor, ok=(0,))
    lt, ft, lm, fm, lc, fc = [], [], [], [], [], []
    for _i in range(runs):
        # Interleaved so drift on the machine hits both sides alike.
        a = measure(cmd, env)
        check_rc(a, cmd)
        b = measure(floor, env)
        check_rc(b, floor, ok=(0,))
        lt.append(a["wall"]), lm.append(a["maxrss_mb"]), ft.append(b["wall"]), fm.append(b["maxrss_mb"])
        lc.append(a["cpu"]), fc.append(b["cpu"])
    log(f"cold: lint {med(lt) * 1000:.0f} ms, floor {med(ft) * 1000:.0f} ms")
    figs = {
        "cold_lint_ms": med(lt) * 1000,
        "cold_floor_ms": med(ft) * 1000,
        "cold_ratio": med(lt) / med(ft),
        "rss_one_mb": med(lm),
        "rss_floor_mb": med(fm),
    }
    # Minima are less sensitive to other load on the machine than medians; kept as context.
    extra = {
        "cold_lint_min_ms": min(lt) * 1000,
        "cold_floor_min_ms": min(ft) * 1000,
        "cold_ratio_of_mins": min(lt) / min(ft),
        "cold_lint_cpu_ms": med(lc) * 1000,
        "cold_floor_cpu_ms": med(fc) * 1000,
        "cold_ratio_cpu": med(lc) / max(med(fc), 1e-9),
    }
    return figs, extra


BURN = "import time\nt=time.perf_counter()\nx=0\nfor i in range(3_000_000): x+=i\nprint(time.perf_counter()-t)"


def parallel_capacity(env: dict) -> float:
    """How many CPUs two busy processes actually get right now (2.0 on an idle 2-core box).

    Other load on the machine caps any -j 2 speedup; this makes a missed batch budget
    readable: with a capacity of 1.2 no program could reach 1.7.
    """

    def one() -> float:
        return float(subprocess.run([sys.executable, "-c", BURN], capture_output=True, text=True, env=env).stdout)

    alone = min(one() for _ in range(2))
    procs = [subprocess.Popen([sys.executable, "-c", BURN], stdout=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    together = max(float(p.communicate()[0]) for p in procs)
    return 2 * alone / together


def bench_batch(lint: list[str], inp, env: dict, runs: int, log) -> tuple[dict, dict]:
    full, small = str(inp.batch_dir), str(inp.batch_small_dir)
    n, n_small = len(inp.batch), len(inp.batch_small)
    j1 = [*lint, "-j", "1", full]
    j2 = [*lint, "-j", "2", full]
    js = [*lint, "-j", "1", small]
    check_rc(measure(js, env), js)  # warm the page cache for the files
    t1, t2, m1, m2, ms, c1, c2, cap = [], [], [], [], [], [], [], []
    for i in range(runs):
        cap.append(parallel_capacity(env))
        a = measure(j1, env)
        check_rc(a, j1)
        b = measure(j2, env)
        check_rc(b, j2)
        c = measure(js, env)
        check_rc(c, js)
        t1.append(a["wall"]), m1.append(a["maxrss_mb"]), t2.append(b["wall"]), m2.append(b["maxrss_mb"]), ms.append(c["maxrss_mb"])
        c1.append(a["cpu"]), c2.append(b["cpu"])
        log(f"batch run {i + 1}/{runs}: -j1 {a['wall']:.2f} s, -j2 {b['wall']:.2f} s ({n} reports; parallel capacity {cap[-1]:.2f})")
    figs = {
        "batch_j1_rps": n / med(t1),
        "batch_j2_rps": n / med(t2),
        "batch_speedup": med(t1) / med(t2),
        "rss_batch_small_mb": med(ms),
        "rss_batch_mb": med(m1),
        "rss_batch_ratio": med(m1) / med(ms),
    }
    extra = {
        "batch_reports": n,
        "batch_small_reports": n_small,
        "rss_batch_j2_mb": med(m2),
        "batch_j1_s": t1,
        "batch_j2_s": t2,
        "batch_speedup_of_mins": min(t1) / min(t2),
        # CPU seconds of the command and all its workers: -j 2 costing much more CPU
        # than -j 1 is parallel overhead (worker start-up, pickling), whatever the load.
        "batch_j1_cpu_s": med(c1),
        "batch_j2_cpu_s": med(c2),
        "batch_j2_cpu_overhead": med(c2) / max(med(c1), 1e-9),
        "parallel_capacity": med(cap),
        "parallel_capacity_per_round": cap,
        # The same ratio from only the rounds in which two CPUs really were free.
        "batch_speedup_idle_rounds": (med([a / b for a, b, c in zip(t1, t2, cap) if c >= 1.8]) if any(c >= 1.8 for c in cap) else None),
    }
    return figs, extra


def bench_inprocess(inp, env: dict, runs: int, work: Path, log) -> dict:
    spec = {
        "batch": [str(p) for p in inp.batch],
        "long": {str(k): str(p) for k, p in inp.long.items()},
        "runs": runs,
        "out": str(work / "inprocess.json"),
    }
    spec_path = work / "inprocess-spec.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    r = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", str(spec_path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in r.stderr.splitlines():
        log(line)
    if r.returncode != 0:
        raise RuntimeError(f"in-process worker failed ({r.returncode}):\n{r.stderr[-4000:]}")
    return json.loads(Path(spec["out"]).read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- worker


def worker(spec_path: str) -> int:
    """In-process figures: one process, warm, lint and load interleaved per report.

    Timed in process CPU time (``time.process_time``): the work is single-threaded, so on
    an idle machine it equals wall time, and on a busy one it does not count the time the
    process waited for a CPU. Wall times are kept next to it as context.
    """
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    import docx

    from report_lint.lint import LintOptions, lint_file

    text_kb = load_inputs().text_kb

    opts = LintOptions()
    files = spec["batch"]
    runs = spec["runs"]
    cpu, wall = time.process_time, time.perf_counter

    # Warm-up: imports, compiled grammars and regexes, the profile TOML — the cost a
    # long-running process (an editor plugin, a server, -j workers) pays once.
    for f in files[: min(5, len(files))]:
        docx.Document(f)
        lint_file(f, opts)
    errors = [r.path for r in (lint_file(f, opts) for f in files) if r.error]
    if errors:
        print(f"bench worker: {len(errors)} reports could not be linted, e.g. {errors[0]}", file=sys.stderr)
        return 2

    def both(f):
        """(load cpu, lint cpu, load wall, lint wall) for one report.

        Each side includes freeing what it built: a python-docx Document is cyclic
        garbage, so its tree is freed only by the cycle collector — untimed, that cost
        would land in whichever call next triggers a collection (often the lint).
        """
        w0, c0 = wall(), cpu()
        docx.Document(f)
        gc.collect(1)
        w1, c1 = wall(), cpu()
        lint_file(f, opts)
        gc.collect(1)
        w2, c2 = wall(), cpu()
        return c1 - c0, c2 - c1, w1 - w0, w2 - w1

    lint_ms, load_ms, ratios, wall_ratios = [], [], [], []
    for _ in range(runs):
        gc.collect()
        tot = [0.0, 0.0, 0.0, 0.0]
        for f in files:
            for i, v in enumerate(both(f)):
                tot[i] += v
        load_ms.append(tot[0] * 1000 / len(files))
        lint_ms.append(tot[1] * 1000 / len(files))
        ratios.append(tot[1] / tot[0])
        wall_ratios.append(tot[3] / tot[2])
    print(f"in-process: lint {med(lint_ms):.1f} ms, docx.Document {med(load_ms):.1f} ms per report (CPU)", file=sys.stderr)

    # Runs outer, lengths inner: a change of load on the machine hits every length alike.
    longs = sorted(spec["long"].items(), key=lambda kv: int(kv[0]))
    samples: dict[str, list] = {k: [] for k, _ in longs}
    for _, f in longs:
        lint_file(f, opts)
    for _ in range(runs):
        for k, f in longs:
            gc.collect()
            samples[k].append(both(f))
    scale = {}
    for k, f in longs:
        kb = text_kb(Path(f))
        lc = med([s[1] for s in samples[k]]) * 1000
        dc = med([s[0] for s in samples[k]]) * 1000
        scale[k] = {
            "text_kb": kb,
            "lint_ms": lc,
            "load_ms": dc,
            "lint_ms_per_kb": lc / kb,
            "load_ms_per_kb": dc / kb,
            "lint_wall_ms": med([s[3] for s in samples[k]]) * 1000,
        }
        print(f"scaling {k}×: {kb:.0f} KB text, lint {lc:.0f} ms ({lc / kb:.2f} ms/KB)", file=sys.stderr)

    out = {
        "inproc_lint_ms": med(lint_ms),
        "inproc_load_ms": med(load_ms),
        "inproc_ratio": med(ratios),
        "inproc_ratio_wall": med(wall_ratios),
        "scale": scale,
        "breakdown": {},
    }
    keys = [k for k, _ in longs]
    for label, f in (("reference", spec["long"][keys[0]]), (f"long_{keys[-1]}x", spec["long"][keys[-1]])):
        try:
            out["breakdown"][label] = phase_breakdown(f, opts, runs)
        except Exception as e:  # the breakdown uses internals; it must not sink the figures
            out["breakdown"][label] = {"error": f"{type(e).__name__}: {e}"}
    Path(spec["out"]).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


def phase_breakdown(path: str, opts, runs: int) -> dict:
    """Median CPU ms per pipeline phase and the slowest rules (mirrors linter._lint)."""
    from report_lint.profiles.choose import choose_profile
    from report_lint.checks.catalogue import all_rules
    from report_lint.facts.context import LintContext, Options
    from report_lint.facts.sections import heading_score
    from report_lint.outline.build import build_outline
    from report_lint.read.dispatch import read_document
    from report_lint.outline.year import report_year

    perf = time.process_time
    phases: dict[str, list[float]] = {}
    rules: dict[str, list[float]] = {}
    for _ in range(max(1, runs)):
        t = perf()
        doc = read_document(path, opts.limits)
        t_read = perf()
        outline = build_outline(doc)
        t_outline = perf()
        year = report_year(doc, outline)
        profile = choose_profile(year, doc, outline, opts.rules_dir, heading_score=heading_score)
        t_profile = perf()
        ctx = LintContext(
            document=doc, outline=outline, profile=profile, year=year, options=Options(agency_kind=None, severity_overrides={})
        )
        for rule in all_rules():
            r0 = perf()
            try:
                list(rule.check(ctx))
            except Exception:
                pass
            rules.setdefault(rule.code, []).append((perf() - r0) * 1000)
        t_rules = perf()
        for name, v in (
            ("read", t_read - t),
            ("outline", t_outline - t_read),
            ("year+profile", t_profile - t_outline),
            ("rules", t_rules - t_profile),
        ):
            phases.setdefault(name, []).append(v * 1000)
    top = sorted(((c, med(v)) for c, v in rules.items()), key=lambda cv: -cv[1])[:10]
    return {"phases_ms": {k: med(v) for k, v in phases.items()}, "top_rules_ms": dict(top), "rules": len(rules)}


# ----------------------------------------------------------------------------- report


def judge(figs: dict) -> dict:
    res = {}
    for k in FIGURES:
        v = figs.get(k)
        b = BUDGETS.get(k)
        met = None
        if b is not None and v is not None:
            op, lim, _ = b
            met = {"<=": v <= lim, "<": v < lim, ">=": v >= lim}[op]
        res[k] = {"value": v, "budget": f"{b[0]} {b[1]}" if b else None, "met": met}
    return res


def unit_of(k: str) -> str:
    for suffix, u in sorted(UNITS.items(), key=lambda kv: -len(kv[0])):
        if k.endswith("_" + suffix):
            return u
    return "×"


def table(judged: dict) -> str:
    rows = [("figure", "value", "budget", "met?")]
    for k, j in judged.items():
        v = j["value"]
        val = "n/a" if v is None else (f"{v:.2f}" if abs(v) < 100 else f"{v:.0f}")
        met = "-" if j["met"] is None else ("yes" if j["met"] else "NO")
        rows.append((k, f"{val} {unit_of(k)}", j["budget"] or "", met))
    w = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w[i]) for i, c in enumerate(r)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * x for x in w))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="report-lint benchmark (see bench/README.md)")
    ap.add_argument("--quick", action="store_true", help="tiny inputs, one run: checks the benchmark works (CI)")
    ap.add_argument("--runs", type=int, default=None, help="runs per figure, medians are reported (default 5; 1 with --quick)")
    ap.add_argument("--reports", type=int, default=None, help="reports in the batch (default 200; 8 with --quick)")
    ap.add_argument("--out", default=str(HERE / "results" / "latest.json"), help="JSON output (default bench/results/latest.json)")
    ap.add_argument("--work", default=None, help="build inputs here and keep them (default: a temporary directory)")
    ap.add_argument(
        "--cli",
        choices=("auto", "script", "module"),
        default="auto",
        help="how to run the command: console script or python -m report_lint (default: script if it runs this checkout)",
    )
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker(args.worker)

    quick = args.quick
    runs = args.runs or (1 if quick else 5)
    n_reports = args.reports or (8 if quick else 200)
    factors = (1, 2, 4) if quick else (1, 10, 50)
    started = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {msg}", file=sys.stderr, flush=True)

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="report-lint-bench-"))
    try:
        bench_inputs = load_inputs()

        log(f"building inputs in {work} ({n_reports} reports, repeats {factors})")
        inp = bench_inputs.build(work, n_reports, factors)
        env, how = product_env(work)
        lint = [sys.executable, "-m", "report_lint"] if args.cli == "module" else lint_command(env, args.cli)
        log(f"command: {' '.join(lint)} [{how}]")

        figs: dict = {}
        cfigs, cextra = bench_cold(lint, inp.reference, env, runs, log)
        figs.update(cfigs)
        ip = bench_inprocess(inp, env, runs, work, log)
        figs.update({k: ip[k] for k in ("inproc_lint_ms", "inproc_load_ms", "inproc_ratio")})
        ks = sorted(ip["scale"], key=int)
        s1, smid, slong = ip["scale"][ks[0]], ip["scale"][ks[len(ks) // 2]], ip["scale"][ks[-1]]
        figs["scale_1x_ms_per_kb"] = s1["lint_ms_per_kb"]
        figs["scale_mid_ms_per_kb"] = smid["lint_ms_per_kb"]
        figs["scale_long_ms_per_kb"] = slong["lint_ms_per_kb"]
        figs["scale_ratio"] = slong["lint_ms_per_kb"] / s1["lint_ms_per_kb"]
        # ms/KB at 1× carries the fixed per-document cost; the slope between the two
        # longer documents is the pure per-KB cost, to compare with the 1× figure.
        marginal = (slong["lint_ms"] - smid["lint_ms"]) / max(slong["text_kb"] - smid["text_kb"], 1e-9)
        bfigs, bextra = bench_batch(lint, inp, env, runs, log)
        figs.update(bfigs)

        judged = judge(figs)
        result = {
            "schema": 1,
            "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "quick": quick,
            "runs": runs,
            "command": lint,
            "import": how,
            "bytecode": "cached (PYTHONPYCACHEPREFIX in the work directory, warmed before timing)",
            "git": git_info(),
            "machine": machine_info(),
            "inputs": {
                **inp.describe(),
                "factors": list(factors),
                "scale_mid_factor": int(ks[len(ks) // 2]),
                "scale_long_factor": int(ks[-1]),
            },
            "figures": judged,
            "budgets": {k: {"op": b[0], "limit": b[1], "meaning": b[2]} for k, b in BUDGETS.items()},
            "context": {
                "scale": ip["scale"],
                "scale_marginal_ms_per_kb": marginal,
                "breakdown": ip["breakdown"],
                "inproc_ratio_wall": ip["inproc_ratio_wall"],
                **cextra,
                **bextra,
            },
            "elapsed_s": round(time.perf_counter() - started, 1),
        }
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(table(judged))
        unmet = [k for k, j in judged.items() if j["met"] is False]
        print(
            f"\n{len(BUDGETS) - len(unmet)}/{len(BUDGETS)} budgets met"
            + (f"; unmet: {', '.join(unmet)}" if unmet else "")
            + (" (--quick: numbers are not meaningful)" if quick else "")
        )
        cap = bextra["parallel_capacity"]
        if judged["batch_speedup"]["met"] is False and cap < BUDGETS["batch_speedup"][1]:
            print(
                f"note: two busy processes got only {cap:.2f} CPUs during the batch runs (other load on the machine); "
                f"batch_speedup cannot be judged here. Parallel overhead: -j 2 used {bextra['batch_j2_cpu_overhead']:.2f}× "
                f"the CPU of -j 1, so on 2 idle CPUs the speedup is at most {2 / bextra['batch_j2_cpu_overhead']:.2f}"
                + (
                    f"; in the rounds with two free CPUs it was {bextra['batch_speedup_idle_rounds']:.2f}."
                    if bextra["batch_speedup_idle_rounds"]
                    else "."
                )
            )
        print(f"cpu_count={os.cpu_count()}  runs={runs}  reports={len(inp.batch)}  written: {out}")
        return 0
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

"""Build the benchmark's inputs into a work directory.

Everything is generated from what the repository already has, so the benchmark needs no
downloads and every machine measures the same documents:

* ``filled/`` — the official 2021 template filled by ``scripts/fill_template.py`` with
  seeds 1..n; every fifth seed carries one of the template defects (sum, narrative,
  placeholder, blank) so the checks that report something do their work too;
* ``layouts/`` — the seed report in each Word layout (``fixtures/seed/*.docx``);
* ``batch/`` — the reports of a batch: the layouts plus filled templates up to ``n``;
  ``batch-small/`` is its first quarter (for the "memory is flat in the number of
  reports" comparison);
* ``long/`` — a filled template whose body (paragraphs and tables) is repeated k times
  at the XML level, for the scaling figure.

``text_kb(path)`` is the size of a document's text (UTF-8 of every ``w:t``), the unit of
the scaling figure; it is computed here, not by the product, so a reader bug cannot make
a document look shorter.
"""

from __future__ import annotations

import copy
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
SEED_LAYOUTS = REPO / "fixtures" / "seed"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS


@dataclass
class Inputs:
    root: Path
    filled: list[Path] = field(default_factory=list)
    layouts: list[Path] = field(default_factory=list)
    batch_dir: Path = Path()
    batch_small_dir: Path = Path()
    batch: list[Path] = field(default_factory=list)
    batch_small: list[Path] = field(default_factory=list)
    long: dict[int, Path] = field(default_factory=dict)
    """repeat factor → document (factor 1 is the unrepeated filled template)."""

    @property
    def reference(self) -> Path:
        """The one report the single-file figures use: a clean filled template."""
        return self.filled[0]

    def describe(self) -> dict:
        return {
            "work_dir": str(self.root),
            "filled": len(self.filled),
            "layouts": [p.name for p in self.layouts],
            "batch": len(self.batch),
            "batch_small": len(self.batch_small),
            "reference": self.reference.name,
            "long": {
                str(k): {"file": v.name, "bytes": v.stat().st_size, "text_kb": round(text_kb(v), 2)} for k, v in sorted(self.long.items())
            },
        }


def _fill_module():
    scripts = str(REPO / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    import fill_template  # noqa: E402  (a script, not a package)

    return fill_template


def build_filled(out_dir: Path, n: int) -> list[Path]:
    ft = _fill_module()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(1, n + 1):
        # Seed 1 stays clean: it is the reference report of the single-file figures.
        defect = ft.DEFECTS[(seed // 5) % len(ft.DEFECTS)] if seed % 5 == 0 else None
        path = out_dir / f"filled-{seed:04d}{'-' + defect if defect else ''}.docx"
        if not path.exists():
            values, narrative = ft.generate(seed, 2021, f"示例市第{seed}局")
            ft.fill(values, narrative, path, defect=defect, seed=seed)
        paths.append(path)
    return paths


def copy_layouts(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for src in sorted(SEED_LAYOUTS.glob("*.docx")):
        dst = out_dir / src.name
        if not dst.exists():
            shutil.copyfile(src, dst)
        paths.append(dst)
    if not paths:
        raise FileNotFoundError(f"no seed layouts in {SEED_LAYOUTS} (run: python scripts/build_fixtures.py)")
    return paths


def repeat_body(src: Path, dst: Path, factor: int) -> Path:
    """Copy ``src`` with its body's paragraphs and tables repeated ``factor`` times.

    The final ``w:sectPr`` stays last (Word requires it); every other part of the package
    is copied byte for byte. Duplicate bookmark ids are harmless for reading.
    """
    with zipfile.ZipFile(src) as zin:
        root = etree.fromstring(zin.read("word/document.xml"))
        body = root.find(W + "body")
        content = [el for el in body if el.tag != W + "sectPr"]
        sect = body.find(W + "sectPr")
        for _ in range(factor - 1):
            for el in content:
                if sect is not None:
                    sect.addprevious(copy.deepcopy(el))
                else:
                    body.append(copy.deepcopy(el))
        xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_suffix(".tmp")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = xml if info.filename == "word/document.xml" else zin.read(info.filename)
                zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        tmp.replace(dst)
    return dst


def text_kb(path: Path) -> float:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    n = sum(len(t.text.encode("utf-8")) for t in root.iter(W + "t") if t.text)
    return n / 1024.0


def _link_all(paths: list[Path], out_dir: Path) -> list[Path]:
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    res = []
    for i, p in enumerate(paths):
        dst = out_dir / f"{i:04d}-{p.name}"
        try:
            dst.hardlink_to(p)
        except OSError:
            shutil.copyfile(p, dst)
        res.append(dst)
    return res


def build(work: Path, n_reports: int = 200, factors: tuple[int, ...] = (1, 10, 50)) -> Inputs:
    """Build (or reuse, when already in ``work``) every input; deterministic per n and factors."""
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    inp = Inputs(root=work)
    inp.layouts = copy_layouts(work / "layouts")
    n_filled = max(1, n_reports - len(inp.layouts))
    inp.filled = build_filled(work / "filled", n_filled)
    # Layouts spread through the batch rather than bunched at one end, so a partial batch
    # (batch-small) has the same mix as the whole.
    mixed: list[Path] = list(inp.filled)
    step = max(1, len(mixed) // len(inp.layouts))
    for i, lay in enumerate(inp.layouts):
        mixed.insert(min(len(mixed), i * (step + 1) + step // 2), lay)
    mixed = mixed[:n_reports]
    inp.batch_dir = work / "batch"
    inp.batch = _link_all(mixed, inp.batch_dir)
    inp.batch_small_dir = work / "batch-small"
    inp.batch_small = _link_all(mixed[: max(1, len(mixed) // 4)], inp.batch_small_dir)
    for k in factors:
        if k == 1:
            inp.long[1] = inp.reference
        else:
            dst = work / "long" / f"long-{k}x.docx"
            if not dst.exists():
                repeat_body(inp.reference, dst, k)
            inp.long[k] = dst
    return inp


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Build the benchmark inputs (see bench/README.md).")
    ap.add_argument("work", help="directory to build into")
    ap.add_argument("-n", type=int, default=200, help="reports in the batch (default 200)")
    args = ap.parse_args()
    import json

    print(json.dumps(build(Path(args.work), args.n).describe(), ensure_ascii=False, indent=1))

#!/usr/bin/env python3
"""Build the seed report fixtures: the seed text and the same report as .docx in
several Word layouts (typed numbers, heading styles, Word list numbering, tracked
changes, statistics table split per page).

Run from the repository root:  python scripts/build_fixtures.py

Output is deterministic (fixed core properties, fixed zip timestamps): running it twice
gives the same bytes, so regenerated fixtures show up in git only when they changed.
Every layout must read back (report_lint.read.docx) to the seed's paragraphs and
table cells; the script checks that before it finishes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("/work/shared/seed/000_69bd6c6401fe330c.txt")
TEMPLATE = Path("/work/shared/templates/template-2021.docx")
OUT = ROOT / "fixtures" / "seed"
TEMPLATES_OUT = ROOT / "fixtures" / "templates"

FIXED_DATE = dt.datetime(2019, 1, 17, 9, 0, 0)
ZIP_DATE = (2019, 1, 17, 9, 0, 0)
REV_DATE = "2019-01-17T09:00:00Z"
AUTHOR = "石嘴山市司法局"

LEVEL1 = re.compile(r"^([一二三四五六七八九十]+)、(.*)$")
LEVEL2 = re.compile(r"^([(（])([一二三四五六七八九十]+)([)）])(\s*)(.*)$")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --------------------------------------------------------------------------- seed model


@dataclass
class Para:
    text: str
    level: int = 0  # 0 body, 1 "一、", 2 "（一）"


@dataclass
class TableItem:
    pages: list[list[list[str]]] = field(default_factory=list)
    """Each page's rows; pages after the first repeat the header row (as the seed does)."""

    @property
    def header(self) -> list[str]:
        return self.pages[0][0]

    def merged_rows(self) -> list[list[str]]:
        """One table: the header once, then every page's body rows."""
        rows = [self.pages[0][0]]
        for page in self.pages:
            rows.extend(page[1:] if page and page[0] == self.header else page)
        return rows


def parse_seed(text: str) -> list[object]:
    """Seed lines → paragraphs and tables (runs of tab-separated lines).

    Tab-separated runs separated only by blank lines whose first row repeats the first
    run's header are one table broken over pages.
    """
    items: list[object] = []
    lines = text.split("\n")
    i = 0
    last_table: TableItem | None = None
    only_blank_since_table = False
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            if last_table is not None and only_blank_since_table and rows[0] == last_table.header:
                last_table.pages.append(rows)
            else:
                last_table = TableItem(pages=[rows])
                items.append(last_table)
            only_blank_since_table = True
            continue
        if line.strip():
            level = 1 if LEVEL1.match(line) else 2 if LEVEL2.match(line) else 0
            items.append(Para(line, level))
            only_blank_since_table = False
        i += 1
    return items


def statistics_table(items: list[object]) -> TableItem:
    return max((t for t in items if isinstance(t, TableItem)), key=lambda t: sum(len(p) for p in t.pages))


# --------------------------------------------------------------------------- docx helpers


def new_document(title: str) -> docx.document.Document:
    d = docx.Document()
    cp = d.core_properties
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
    cp.title = title
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE
    cp.revision = 1
    cp.comments = ""
    return d


def add_table(d, rows: list[list[str]]):
    n_cols = max(len(r) for r in rows)
    t = d.add_table(rows=len(rows), cols=n_cols)
    t.style = d.styles["Table Grid"]
    for r, row in enumerate(rows):
        for c in range(n_cols):
            t.cell(r, c).text = row[c] if c < len(row) else ""
    return t


def save_deterministic(d, path: Path) -> None:
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            dst.writestr(zi, src.read(info.filename))
    path.write_bytes(out.getvalue())


_rev_id = [100]


def _next_id() -> int:
    _rev_id[0] += 1
    return _rev_id[0]


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run_xml(text: str, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{_esc(text)}</{tag}></w:r>'


def revision(kind: str, inner: str) -> str:
    return f'<w:{kind} {nsdecls("w")} w:id="{_next_id()}" w:author="{AUTHOR}" w:date="{REV_DATE}">{inner}</w:{kind}>'


def append_xml(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def moved(kind: str, name: str, inner: str) -> list[str]:
    """A move half (moveFrom/moveTo) with the range markers Word expects around it."""
    rid = _next_id()
    return [
        f'<w:{kind}RangeStart {nsdecls("w")} w:id="{rid}" w:author="{AUTHOR}" w:date="{REV_DATE}" w:name="{name}"/>',
        revision(kind, inner),
        f'<w:{kind}RangeEnd {nsdecls("w")} w:id="{rid}"/>',
    ]


# --------------------------------------------------------------------------- layouts


def build_typed(items, heading_styles: bool = False, split_tables: bool = False):
    title = next(p.text for p in items if isinstance(p, Para))
    d = new_document(title.replace(" ", ""))
    stats = statistics_table(items)
    for it in items:
        if isinstance(it, Para):
            style = None
            if heading_styles and it.level:
                style = f"Heading {it.level}"
            d.add_paragraph(it.text, style=style)
        elif it is stats and split_tables:
            for k, page in enumerate(stats.pages):
                if k:
                    if k % 2:
                        d.add_paragraph("")  # PDF→Word leaves an empty paragraph between some parts
                add_table(d, page)
        elif it is stats:
            add_table(d, stats.merged_rows())
        else:
            add_table(d, it.merged_rows())
    return d


# Level 0 is linked to the heading style (w:pStyle), as Word writes a style-attached list.
ABSTRACT_NUM = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="ReportH1"/>
    <w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:suff w:val="space"/><w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>"""


def build_numbered(items):
    """Level-1 numbers come from a custom heading style linked to a list; level-2 numbers
    from w:numPr on the paragraph. No number is typed in the text."""
    title = next(p.text for p in items if isinstance(p, Para))
    d = new_document(title.replace(" ", ""))
    styles = d.styles
    h1 = styles.add_style("报告一级标题", WD_STYLE_TYPE.PARAGRAPH)
    h1.element.set(qn("w:styleId"), "ReportH1")
    h1.base_style = styles["Heading 1"]
    h1.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="90"/></w:numPr>'))
    h2 = styles.add_style("报告二级标题", WD_STYLE_TYPE.PARAGRAPH)
    h2.element.set(qn("w:styleId"), "ReportH2")
    h2.base_style = styles["Heading 2"]

    numbering = d.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))  # abstractNum elements must precede every w:num
    if first_num is not None:
        first_num.addprevious(parse_xml(ABSTRACT_NUM))
    else:
        numbering.append(parse_xml(ABSTRACT_NUM))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    # The drafter typed "(一) " for the first sub-headings and "（三）" for a later one:
    # a later w:num of the same list overrides the level's text and restarts it at the
    # value the seed shows, so the rendered text equals the seed exactly.
    variants: dict[tuple[str, str, str], str] = {("(", ")", " "): "90"}
    next_num = 91
    count_l2 = 0
    for it in items:
        if isinstance(it, Para) and it.level == 1:
            m = LEVEL1.match(it.text)
            d.add_paragraph(m.group(2), style=h1)
            count_l2 = 0
        elif isinstance(it, Para) and it.level == 2:
            m = LEVEL2.match(it.text)
            opn, _, cls, sep, rest = m.groups()
            count_l2 += 1
            key = (opn, cls, sep)
            num_id = variants.get(key)
            if num_id is None:
                num_id = str(next_num)
                next_num += 1
                variants[key] = num_id
                suff = "space" if sep else "nothing"
                numbering.append(parse_xml(
                    f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/>'
                    f'<w:lvlOverride w:ilvl="1"><w:startOverride w:val="{count_l2}"/>'
                    f'<w:lvl w:ilvl="1"><w:start w:val="{count_l2}"/><w:numFmt w:val="chineseCounting"/>'
                    f'<w:suff w:val="{suff}"/><w:lvlText w:val="{opn}%2{cls}"/><w:lvlJc w:val="left"/></w:lvl>'
                    f"</w:lvlOverride></w:num>"
                ))
            p = d.add_paragraph(rest, style=h2)
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="1"/><w:numId w:val="{num_id}"/></w:numPr>'
            ))
        elif isinstance(it, Para):
            d.add_paragraph(it.text)
        else:
            add_table(d, it.merged_rows())
    return d


def _split_once(text: str, needle: str) -> tuple[str, str, str]:
    k = text.index(needle)
    return text[:k], needle, text[k + len(needle):]


def build_tracked(items):
    """Typed layout with tracked changes whose accepted text is the seed."""
    title = next(p.text for p in items if isinstance(p, Para))
    d = new_document(title.replace(" ", ""))
    stats = statistics_table(items)
    done = set()
    for it in items:
        if isinstance(it, TableItem):
            rows = stats.merged_rows() if it is stats else it.merged_rows()
            t = add_table(d, rows)
            if it is stats and "cell" not in done:
                # A corrected figure: old value deleted, new value inserted.
                for r, row in enumerate(rows):
                    if row[-1].strip().isdigit() and int(row[-1]) > 100:
                        cell_p = t.cell(r, len(row) - 1).paragraphs[0]
                        for run in list(cell_p.runs):
                            run._r.getparent().remove(run._r)
                        append_xml(cell_p, revision("del", run_xml(row[-1][::-1], deleted=True)))
                        append_xml(cell_p, revision("ins", run_xml(row[-1])))
                        done.add("cell")
                        break
            continue
        text = it.text
        if "title" not in done:
            # A deleted word in the title ("（征求意见稿）" removed before publication).
            head, sep, tail = _split_once(text, "政府信息公开")
            p = d.add_paragraph(head)
            append_xml(p, revision("del", run_xml("（征求意见稿）", deleted=True)))
            p.add_run(sep + tail)
            done.add("title")
        elif "ins" not in done and "深入贯彻党的十九大精神，" in text:
            a, b, c = _split_once(text, "深入贯彻党的十九大精神，")
            p = d.add_paragraph(a)
            append_xml(p, revision("ins", run_xml(b)))
            p.add_run(c)
            done.add("ins")
        elif "move" not in done and it.level == 0 and "办结率和回复率均达100%" in text:
            # Text moved here from the paragraph before (moveFrom there, moveTo here).
            a, b, c = _split_once(text, "办结率和回复率均达100%")
            p = d.add_paragraph(a)
            for x in moved("moveTo", "move1", run_xml(b)):
                append_xml(p, x)
            p.add_run(c)
            done.add("move")
        elif "mark" not in done and it.level == 0 and len(text) > 120 and "主要表现在" in text:
            # One paragraph that had been split in two; the split (paragraph mark) is deleted.
            a, b, c = _split_once(text, "主要表现在")
            p1 = d.add_paragraph(a)
            rpr = p1._p.get_or_add_pPr()
            rpr.append(parse_xml(
                f'<w:rPr {nsdecls("w")}><w:del w:id="{_next_id()}" w:author="{AUTHOR}" w:date="{REV_DATE}"/></w:rPr>'
            ))
            d.add_paragraph(b + c)
            done.add("mark")
        else:
            p = d.add_paragraph(text)
            if "move" in done and "movefrom" not in done and it.level == 0:
                # Where the moved words came from: gone once the move is accepted.
                for x in moved("moveFrom", "move1", run_xml("办结率和回复率均达100%")):
                    append_xml(p, x)
                done.add("movefrom")
    missing = {"title", "ins", "move", "movefrom", "mark", "cell"} - done
    if missing:
        raise SystemExit(f"tracked layout: could not place {sorted(missing)} in the seed")
    return d


# --------------------------------------------------------------------------- self-check


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def check(path: Path, items) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from report_lint.read.errors import Limits
    from report_lint.read.docx import read_docx

    doc = read_docx(str(path), path.read_bytes(), Limits())
    want = [_norm(p.text) for p in items if isinstance(p, Para)]
    got = [_norm(p.text) for p in doc.paragraphs()]
    if want != got:
        for k, (a, b) in enumerate(zip(want, got)):
            if a != b:
                raise SystemExit(f"{path.name}: paragraph {k} differs:\n  seed: {a}\n  docx: {b}")
        raise SystemExit(f"{path.name}: {len(got)} paragraphs, seed has {len(want)}")


def main() -> int:
    if not SEED.is_file():
        print(f"seed not found: {SEED}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    TEMPLATES_OUT.mkdir(parents=True, exist_ok=True)
    raw = SEED.read_bytes()
    (OUT / "seed.txt").write_bytes(raw)
    items = parse_seed(raw.decode("utf-8"))

    layouts = {
        "seed-typed.docx": build_typed(items),
        "seed-headings.docx": build_typed(items, heading_styles=True),
        "seed-numbered.docx": build_numbered(items),
        "seed-tracked.docx": build_tracked(items),
        "seed-split.docx": build_typed(items, split_tables=True),
    }
    for name, d in layouts.items():
        save_deterministic(d, OUT / name)
        check(OUT / name, items)
        print(f"wrote {OUT / name}")
    if TEMPLATE.is_file():
        shutil.copyfile(TEMPLATE, TEMPLATES_OUT / TEMPLATE.name)
        print(f"copied {TEMPLATES_OUT / TEMPLATE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``--profile auto``: pick the format profile from the report year, headings and tables."""

from __future__ import annotations

from typing import Optional

from report_lint.labels import clean as normalize
from report_lint.model import Document
from report_lint.outline import Outline
from report_lint.profiles import Profile, load_profiles

# Labels that only one table generation prints; they identify the format actually used.
_MARKERS_2021 = ("本年制发件数", "现行有效件数", "本年处理决定数量")
_MARKERS_2019 = ("本年新制作数量", "对外公开总数量", "第二十条第（九）项", "采购项目数量")
_MARKERS_2008 = ("主动公开政府信息数", "申请答复数", "回应公众关注热点")


def table_generation(document: Document) -> Optional[str]:
    """'2021', '2019' or '2008' from the statistics tables' labels (the text when tables are flattened)."""
    texts = [t.text for t in document.tables()]
    if not texts:
        texts = [p.text for p in document.paragraphs()]
    blob = normalize("".join(texts))
    for gen, markers in (("2021", _MARKERS_2021), ("2019", _MARKERS_2019), ("2008", _MARKERS_2008)):
        if any(normalize(m) in blob for m in markers):
            return gen
    return None


def heading_score(profile: Profile, outline: Outline) -> int:
    titles = [normalize(h.title) for h in outline.headings(1)]
    score = 0
    for spec in profile.sections:
        cands = [normalize(t) for t in spec.all_titles()]
        if any(t and (t == c or (len(c) >= 4 and c in t)) for t in titles for c in cands):
            score += 1
    return score


def choose_profile(year: Optional[int], document: Document, outline: Outline, directory: Optional[str] = None) -> Profile:
    profiles = {n: p for n, p in load_profiles(directory).items() if not p.abstract}
    gen = table_generation(document)
    if year is not None:
        in_range = [p for p in profiles.values() if p.years[0] <= year <= p.years[1]]
    else:
        era = {"2021": "2021", "2019": "2019", "2008": "2008"}.get(gen or "", None)
        in_range = [p for p in profiles.values() if era and p.era == era] or list(profiles.values())
    if not in_range:
        # A year outside every profile (e.g. 2005): nearest era by year.
        in_range = sorted(profiles.values(), key=lambda p: min(abs((year or 0) - p.years[0]), abs((year or 0) - p.years[1])))[:1]
    # Among candidates, prefer the one whose headings the report follows (profiles may demand a minimum).
    best: Optional[Profile] = None
    best_key = (-1, -1)
    for p in sorted(in_range, key=lambda p: p.name):
        score = heading_score(p, outline)
        need = int(p.detect.get("min_headings", 0))
        if score < need:
            continue
        key = (1 if need else 0, score) if need else (0, score)
        if key > best_key:
            best, best_key = p, key
    if best is None:
        best = sorted(in_range, key=lambda p: (bool(p.detect.get("min_headings")), p.name))[0]
    return best


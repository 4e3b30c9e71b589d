"""``--profile auto``: pick the format profile from the report year, headings and tables."""

from __future__ import annotations

from typing import Callable, Optional

from report_lint.text.normalize import label_key
from report_lint.model.document import Document
from report_lint.outline.build import Outline
from report_lint.profiles.load import Profile, load_profiles


def table_generation(document: Document, profiles: dict[str, Profile]) -> Optional[str]:
    """The era whose table labels (profile ``[detect] markers``) the document prints.

    Tables first; the text when tables are flattened into paragraphs. Newest era first,
    because a newer report may quote an older label in its prose but not the reverse.
    """
    texts = [t.text for t in document.tables()] or [p.text for p in document.paragraphs()]
    blob = label_key("".join(texts))
    for p in sorted(profiles.values(), key=lambda p: p.years[0], reverse=True):
        markers = p.params.detect.markers
        if any(label_key(m) in blob for m in markers):
            return p.era
    return None


HeadingScore = Callable[[Profile, Outline], int]
"""How many of a profile's sections the outline's level-1 headings name. The caller passes
the one heading matcher's (``report_lint.facts.sections.heading_score``): facts sit above
profiles in the pipeline, so this module cannot import it."""


def choose_profile(
    year: Optional[int],
    document: Document,
    outline: Outline,
    directory: Optional[str] = None,
    *,
    heading_score: HeadingScore,
) -> Profile:
    profiles = {n: p for n, p in load_profiles(directory).items() if not p.abstract}
    if year is not None:
        in_range = [p for p in profiles.values() if p.years[0] <= year <= p.years[1]]
    else:
        era = table_generation(document, profiles)
        in_range = [p for p in profiles.values() if era and p.era == era] or list(profiles.values())
    if not in_range:
        # A year outside every profile (e.g. 2005): nearest era by year.
        in_range = sorted(profiles.values(), key=lambda p: min(abs((year or 0) - p.years[0]), abs((year or 0) - p.years[1])))[:1]
    # Among candidates, prefer the one whose headings the report follows (profiles may demand a minimum).
    best: Optional[Profile] = None
    best_key = (-1, -1)
    for p in sorted(in_range, key=lambda p: p.name):
        score = heading_score(p, outline)
        need = p.params.detect.min_headings
        if score < need:
            continue
        key = (1 if need else 0, score) if need else (0, score)
        if key > best_key:
            best, best_key = p, key
    if best is None:
        best = sorted(in_range, key=lambda p: (bool(p.params.detect.min_headings), p.name))[0]
    return best

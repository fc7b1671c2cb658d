"""Checks for content authors beyond loading: readability ceilings, glossary completeness,
contact details that the sources do not give, the termbase and the easy-read rules (no Qt)."""
from __future__ import annotations

import os
import re
from pathlib import Path

from desktop_app import paths
from desktop_app.core.easyread import LIX_CEILING, check_easy_read
from desktop_app.core.model import LANGS, LEVELS, Library, Problem
from desktop_app.core.promises import check_promises
from desktop_app.core.readability import measure
from desktop_app.core.render import pictogram_alts
from desktop_app.core.termbase import check_terms

_PHONE = re.compile(r"(?<!\d)(?:\+45[ ]?)?(?:\d{2}[ ]?){3}\d{2}(?!\d)|(?<!\d)\d{4} ?\d{4}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_HOURS = re.compile(r"\b(?:kl\.?\s*)?\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}\b"
                    r"|\båbningstid|\bopening hours", re.IGNORECASE)


def seeds_dir(content_dir: Path) -> Path | None:
    """The folder of source documents, if present (``DESKTOP_APP_SEEDS`` or ../shared/seeds)."""
    candidates = [os.environ.get("DESKTOP_APP_SEEDS", "")]
    candidates.append(str(Path(content_dir).resolve().parent.parent / "shared" / "seeds"))
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def lint(library: Library, content_dir: Path, pictograms: set[str]) -> list[Problem]:
    """Problems beyond those the loader found."""
    problems: list[Problem] = []
    folder = Path(content_dir).name
    glossary, topics = f"{folder}/glossary.toml", f"{folder}/topics.toml"
    for (page_id, lang, level), page in sorted(library.pages.items()):
        ceiling = LIX_CEILING.get((lang, level))
        if ceiling is not None:
            lix = measure(page.body).lix
            if lix > ceiling:
                problems.append(Problem(page.path, page.body_line,
                                        f"LIX {lix:.1f} is above {ceiling:.0f} for {lang} {level}"))
    for key, term in sorted(library.glossary.items()):
        for lang in LANGS:
            if not term.term.get(lang):
                problems.append(Problem(glossary, 1,
                                        f"term '{key}' has no {lang} name"))
            for level in LEVELS:
                if not term.explanation.get((lang, level)):
                    problems.append(Problem(glossary, 1,
                                            f"term '{key}' has no {lang}_{level} explanation"))
        if term.source and term.source != "general" and term.source not in library.sources:
            problems.append(Problem(glossary, 1,
                                    f"term '{key}' cites unknown source '{term.source}'"))
    problems += _contact_details(library, content_dir)
    problems += check_terms(library, content_dir)
    alts = pictogram_alts(paths.resources_dir() / "pictograms" / "pictograms.toml")
    problems += check_easy_read(library, content_dir, alts)
    problems += check_promises(library, content_dir)
    for topic in library.topics.values():
        if topic.icon not in pictograms:
            problems.append(Problem(topics, 1,
                                    f"topic '{topic.key}' has unknown icon '{topic.icon}'"))
    return problems


def _contact_details(library: Library, content_dir: Path) -> list[Problem]:
    seeds = seeds_dir(content_dir)
    seed_text = ""
    if seeds is not None:
        seed_text = " ".join(p.read_text(encoding="utf-8", errors="replace")
                             for p in sorted(seeds.glob("*.txt")))
    flat_seeds = re.sub(r"\s+", "", seed_text)
    problems = []
    for page in library.pages.values():
        for offset, line in enumerate(page.body.splitlines()):
            for kind, pattern in (("phone number", _PHONE), ("e-mail address", _EMAIL),
                                  ("opening hours", _HOURS)):
                for match in pattern.finditer(line):
                    found = re.sub(r"\s+", "", match.group(0))
                    if kind == "phone number" and re.fullmatch(r"(19|20)\d{2}(19|20)\d{2}", found):
                        continue  # a range of years written without a dash
                    if found and found in flat_seeds:
                        continue
                    problems.append(Problem(page.path, page.body_line + offset,
                                            f"{kind} '{match.group(0)}' does not appear in the "
                                            f"source documents"))
    return problems

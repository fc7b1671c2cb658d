"""The termbase (``content/terms.toml``): each Danish term's, and each repeated Danish sentence's,
one English rendering and the variants that are wrong, checked against the pages and the shared
TOML files (no Qt)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.model import Library, Problem
from desktop_app.core.pagetext import line_of, page_file, phrase_pattern, shown_text
from desktop_app.core.toml import tomllib

TERMS_FILE = "terms.toml"
CHECKED_TABLES = ("glossary.toml", "topics.toml", "sources.toml")
SENTENCES = "sentence"  # [sentence.NAME] tables: a repeated sentence or quotation


@dataclass(frozen=True)
class TermEntry:
    key: str
    da: str
    en: str
    en_easy: str = ""
    da_match: tuple[str, ...] = ()
    en_match: tuple[str, ...] = ()
    wrong_en: tuple[str, ...] = ()
    wrong_da: tuple[str, ...] = ()
    note: str = ""
    line: int = 1
    allow_en: tuple[str, ...] = ()
    checked: bool = True
    kind: str = "term"

    def danish_forms(self) -> tuple[str, ...]:
        return self.da_match or (self.da,)

    def english_forms(self, level: str) -> tuple[str, ...]:
        if self.en_match:
            return self.en_match
        return (self.en, self.en_easy) if level == "easy" and self.en_easy else (self.en,)

    def wrong(self) -> tuple[str, ...]:
        return self.wrong_en + self.wrong_da


def load_terms(content_dir: Path) -> tuple[list[TermEntry], list[Problem]]:
    """The termbase's entries, or none (and no problem) if the folder has no termbase."""
    path = Path(content_dir) / TERMS_FILE
    shown = f"{Path(content_dir).name}/{TERMS_FILE}"
    if not path.is_file():
        return [], []
    text = path.read_text(encoding="utf-8")
    try:
        tables = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 1
        return [], [Problem(shown, line, f"invalid TOML: {exc}")]
    lines = {m.group(1).strip(): line_of(text, m.start())
             for m in re.finditer(r"^\[([^\]]+)\]", text, re.MULTILINE)}
    sentences = tables.pop(SENTENCES, {})
    tables = [(key, table, "term") for key, table in tables.items()] + [
        (f"{SENTENCES}.{key}", table, SENTENCES) for key, table in sentences.items()]
    entries, problems = [], []
    for key, table, kind in tables:
        line = lines.get(key, 1)
        if not isinstance(table, dict) or not table.get("da") or not table.get("en"):
            problems.append(Problem(shown, line, f"{kind} '{key}' needs both 'da' and 'en'"))
            continue
        entries.append(TermEntry(
            key, str(table["da"]), str(table["en"]), str(table.get("en_easy", "")),
            tuple(table.get("da_match", ())), tuple(table.get("en_match", ())),
            tuple(table.get("wrong_en", ())), tuple(table.get("wrong_da", ())),
            str(table.get("note", "")), line, tuple(table.get("allow_en", ())),
            bool(table.get("check_rendering", True)), kind))
    return entries, problems


def check_terms(library: Library, content_dir: Path) -> list[Problem]:
    """Wrong variants anywhere; English renderings that differ from the termbase."""
    entries, problems = load_terms(content_dir)
    if not entries:
        return problems
    wrong = [(entry, variant, variant.split()[0].lower(), phrase_pattern(variant))
             for entry in entries for variant in entry.wrong() if variant.split()]
    allowed = {entry.key: [phrase_pattern(phrase) for phrase in entry.allow_en]
               for entry in entries}
    texts = {key: shown_text(page_file(page, content_dir).read_text(encoding="utf-8"))
             for key, page in library.pages.items()}
    for key, page in sorted(library.pages.items()):
        problems += _wrong_variants(page.path, texts[key], wrong, allowed)
    folder = Path(content_dir).name
    for name in CHECKED_TABLES:
        path = Path(content_dir) / name
        if path.is_file():
            problems += _wrong_variants(f"{folder}/{name}", path.read_text(encoding="utf-8"),
                                        wrong, allowed)
    for (page_id, lang, level), page in sorted(library.pages.items()):
        danish = texts.get((page_id, "da", level))
        if lang != "en" or danish is None:
            continue
        for entry in entries:
            if not entry.checked:
                continue
            used = _first(danish, entry.danish_forms(), prefix=True, ignore_case=False)
            if used is None:
                continue
            forms = entry.english_forms(level)
            if _first(texts[(page_id, lang, level)], forms, prefix=True) is not None:
                continue
            problems.append(Problem(
                page.path, _english_line(texts[(page_id, lang, level)], entry, page.body_line),
                f"{entry.kind} '{entry.key}': the Danish page "
                + (f"uses '{used}'" if entry.kind == "term" else f"has '{_short(used)}'")
                + f"; render it as '{entry.en}'"
                + (f" (easy-read: '{entry.en_easy}')" if entry.en_easy else "")
                + " (see terms.toml)"))
    return problems


def _wrong_variants(path: str, text: str, wrong, allowed) -> list[Problem]:
    problems = []
    lower = text.lower()
    spans = {}
    for entry, variant, first_word, pattern in wrong:
        if first_word not in lower:
            continue  # a cheap test first: most texts have none of the ~200 variants
        if entry.key not in spans:  # fixed names in which the variant is right
            spans[entry.key] = [m.span() for allow in allowed[entry.key]
                                for m in allow.finditer(text)]
        for match in pattern.finditer(text):
            if any(start <= match.start() and match.end() <= end
                   for start, end in spans[entry.key]):
                continue
            right = entry.en if variant in entry.wrong_en else entry.da
            problems.append(Problem(path, line_of(text, match.start()),
                                    f"'{' '.join(match.group(0).split())}' is a wrong "
                                    f"variant of '{_short(entry.da)}': "
                                    f"write '{_short(right)}' (see terms.toml, "
                                    f"[{entry.key}])"))
    return problems


def _short(sentence: str) -> str:
    words = sentence.split()
    return " ".join(words[:8]) + (" …" if len(words) > 8 else "")


def _first(text: str, forms, *, prefix: bool, ignore_case: bool = True) -> str | None:
    for form in forms:
        match = phrase_pattern(form, prefix=prefix, ignore_case=ignore_case).search(text)
        if match:
            return match.group(0)
    return None


def _english_line(text: str, entry: TermEntry, default: int) -> int:
    """Where the English page names the term in Danish, or else where its body starts."""
    for form in entry.danish_forms():
        match = phrase_pattern(form, prefix=True, ignore_case=False).search(text)
        if match:
            return line_of(text, match.start())
    return default

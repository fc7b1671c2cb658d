"""Loading and validating the content folder.

Every problem is reported as ``file:line: message``. A page with a broken header is left out;
the others load, so one bad file never stops the app.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from desktop_app.core.model import (LANGS, LEVELS, Library, Page, Problem, SourceDoc, SourceRef,
                                    Term, Topic)
from desktop_app.core.toml import tomllib

REQUIRED = ("id", "lang", "level", "title", "topic", "order", "icon", "source")
OPTIONAL = ("summary",)
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _FileProblems:
    def __init__(self, library: Library, name: str):
        self.library = library
        self.name = name
        self.fatal = False
        self.page_id = ""

    def add(self, line: int, message: str, fatal: bool = False) -> None:
        self.library.problems.append(Problem(self.name, line, message, self.page_id if fatal
                                             else ""))
        self.fatal = self.fatal or fatal


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def parse_header(text: str) -> tuple[list[tuple[int, str, str]], list[tuple[int, str]], int]:
    """Split a page into header fields and body.

    Returns (fields as (line, key, value)), (errors as (line, message)), and the body's first
    line number. Continuation lines (indented) extend the previous value, as in python-markdown's
    ``meta`` extension; ``---`` fences around the header are allowed.
    """
    return _parse_header_lines(text.splitlines())


def _parse_header_lines(lines: list[str]) -> tuple[list[tuple[int, str, str]],
                                                  list[tuple[int, str]], int]:
    fields: list[tuple[int, str, str]] = []
    errors: list[tuple[int, str]] = []
    i = 0
    if lines and lines[0].strip() == "---":
        i = 1
    while i < len(lines):
        line = lines[i]
        number = i + 1
        if not line.strip() or line.strip() == "---":
            i += 1
            break
        match = _HEADER_LINE.match(line)
        if match:
            fields.append((number, match.group(1).lower(), match.group(2).strip()))
        elif line[:1] in " \t" and fields:
            n, k, v = fields[-1]
            fields[-1] = (n, k, f"{v} {line.strip()}".strip())
        else:
            errors.append((number, f"malformed header line (expected 'key: value'): {line!r}"))
        i += 1
    if not fields:
        errors.append((1, "missing header (the page must start with 'id: ...' lines)"))
    return fields, errors, i + 1


def load(content_dir: Path, icon_names: set[str] | None = None, *,
         links: bool = True, glossary_later: bool = False) -> Library:
    """Load and validate everything under ``content_dir``; with ``links``, also every page's
    links (``check_links``: that reads every page's document model, about 0.25 s). With
    ``glossary_later`` the glossary (about 2 ms) is read when first needed, its problems
    added then."""
    content_dir = Path(content_dir)
    library = Library()
    if not content_dir.is_dir():
        library.problems.append(Problem(str(content_dir), 0, "content folder not found"))
        return library
    _load_toml_tables(library, content_dir)
    library.read_glossary = lambda: _read_glossary(library, content_dir)
    if not glossary_later:
        library.all_problems()   # the glossary read now
    for lang in LANGS:
        for level in LEVELS:
            folder = content_dir / lang / level
            for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
                _load_page(library, path, content_dir, lang, level, icon_names)
    _check_library(library, content_dir)
    if links:
        library.problems.extend(check_links(library))
    return library


def _read_toml(library: Library, path: Path, root: Path) -> dict:
    if not path.is_file():
        library.problems.append(Problem(_display(path, root), 0, "file not found"))
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 1
        library.problems.append(Problem(_display(path, root), line, f"invalid TOML: {exc}"))
        return {}


def _load_toml_tables(library: Library, root: Path) -> None:
    for key, table in _read_toml(library, root / "sources.toml", root).items():
        library.sources[key] = SourceDoc(key, {lang: str(table.get(f"title_{lang}", key))
                                               for lang in LANGS}, str(table.get("date", "")))
    for key, table in _read_toml(library, root / "topics.toml", root).items():
        library.topics[key] = Topic(key, int(table.get("order", 999)), str(table.get("icon", "")),
                                    {lang: str(table.get(f"title_{lang}", key)) for lang in LANGS})


def _read_glossary(library: Library, root: Path) -> dict[str, Term]:
    glossary_path = root / "glossary.toml"
    if not glossary_path.is_file():
        return {}
    return {key: Term(key, {lang: str(table.get(lang, "")) for lang in LANGS},
                      {(lang, level): str(table.get(f"{lang}_{level}", "")) for lang in LANGS
                       for level in LEVELS}, str(table.get("source", "")))
            for key, table in _read_toml(library, glossary_path, root).items()}


def _load_page(library: Library, path: Path, root: Path, lang: str, level: str,
               icon_names: set[str] | None) -> None:
    # the name as _display gives it, without pathlib's relative_to for each of ~100 pages
    report = _FileProblems(library, os.path.join(root.name, lang, level, path.name))
    report.page_id = path.stem
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        report.add(1, f"cannot read the file: {exc}", fatal=True)
        return
    text_lines = text.splitlines()
    fields, errors, body_line = _parse_header_lines(text_lines)
    for line, message in errors:
        report.add(line, message, fatal=True)
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    sources: list[SourceRef] = []
    for line, key, value in fields:
        if key == "source":
            sources.append(_parse_source(report, line, value, library))
            continue
        if key not in REQUIRED and key not in OPTIONAL:
            report.add(line, f"unknown header key '{key}'")
            continue
        if key in values:
            report.add(line, f"duplicate header key '{key}'", fatal=True)
        values[key] = value
        lines[key] = line
    for key in REQUIRED:
        if key != "source" and not values.get(key):
            report.add(1, f"missing '{key}' in the header", fatal=True)
    if not sources:
        report.add(1, "missing 'source' in the header", fatal=True)
    page_id = values.get("id", "")
    if page_id and not _ID.match(page_id):
        report.add(lines["id"], f"invalid id '{page_id}' (use a-z, 0-9 and '-')", fatal=True)
    elif page_id and page_id != path.stem:
        report.add(lines["id"], f"id '{page_id}' does not match the file name '{path.stem}'",
                   fatal=True)
    for key, expected in (("lang", lang), ("level", level)):
        if values.get(key) and values[key] != expected:
            report.add(lines[key], f"{key} '{values[key]}' does not match the folder "
                                   f"'{lang}/{level}'", fatal=True)
    if values.get("topic") and values["topic"] not in library.topics:
        report.add(lines["topic"], f"unknown topic '{values['topic']}'", fatal=True)
    order = 0
    if values.get("order"):
        try:
            order = int(values["order"])
        except ValueError:
            report.add(lines["order"], f"order must be a whole number, not "
                                       f"'{values['order']}'", fatal=True)
    icon = values.get("icon", "")
    if icon and icon_names is not None and icon not in icon_names:
        report.add(lines["icon"], f"unknown icon '{icon}'")
    body = "\n".join(text_lines[body_line - 1:])
    if not body.strip():
        report.add(body_line, "the page has no text", fatal=True)
    key = (page_id, lang, level)
    if key in library.pages:
        report.add(lines.get("id", 1), f"duplicate id '{page_id}' (also in "
                                       f"{library.pages[key].path})", fatal=True)
    if report.fatal:
        return
    library.pages[key] = Page(id=page_id, lang=lang, level=level, title=values["title"],
                              topic=values["topic"], order=order, icon=icon,
                              sources=tuple(sources), body=body, path=report.name,
                              summary=values.get("summary", ""), body_line=body_line)


def _parse_source(report: _FileProblems, line: int, value: str, library: Library) -> SourceRef:
    parts = [p.strip() for p in value.split("|")]
    document = parts[0]
    if document not in library.sources:
        report.add(line, f"unknown source document '{document}' (see sources.toml)", fatal=True)
    date = parts[2] if len(parts) > 2 and parts[2] else (
        library.sources[document].date if document in library.sources else "")
    return SourceRef(document, parts[1] if len(parts) > 1 else "", date)


def _check_library(library: Library, root: Path) -> None:
    ids = {page_id for page_id, _, _ in library.pages}
    broken = library.broken_page_ids()
    for page_id in sorted(ids):
        for lang in LANGS:
            for level in LEVELS:
                if (page_id, lang, level) not in library.pages and page_id not in broken:
                    have = next(p for p in library.pages.values() if p.id == page_id)
                    library.problems.append(Problem(
                        have.path, 1, f"page '{page_id}' has no {lang}/{level} counterpart "
                                      f"(expected {lang}/{level}/{page_id}.md)"))


def check_links(library: Library) -> list[Problem]:
    """A problem for each link to a page or glossary term that does not exist."""
    from desktop_app.core.document_lines import links_with_lines
    known = {page_id for page_id, _, _ in library.pages} | library.broken_page_ids()
    problems = []
    for page in library.pages.values():
        for link, where in links_with_lines(page):
            scheme, target = link.scheme, link.target
            if scheme == "page" and target.split("#")[0] not in known:
                problems.append(Problem(page.path, where, f"broken link to page '{target}'"))
            elif scheme == "term" and target not in library.glossary:
                problems.append(Problem(page.path, where,
                                        f"unknown glossary term '{target}'"))
    return problems

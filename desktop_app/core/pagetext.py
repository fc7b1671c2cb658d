"""The visible text of a content file, line by line, for phrase checks (no Qt).

Link targets (``term:…``, ``page:…``, ``pictogram:…``), web addresses and Markdown marks are
blanked out (``document_lines.unmarked``: the links the document model finds); line breaks stay, so
a match can be reported as ``file:line`` and a phrase may run across a wrapped line.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from desktop_app.core.document_lines import unmarked
from desktop_app.core.loader import parse_header
from desktop_app.core.model import Page

_SHOWN_HEADER_KEYS = ("title", "summary")


def page_file(page: Page, content_dir: Path) -> Path:
    """The file a page was loaded from."""
    return Path(content_dir).parent / page.path


def clean(line: str) -> str:
    """A line with link targets, addresses and emphasis marks removed."""
    return unmarked([line], line)[0]


def shown_text(text: str) -> str:
    """A page file's visible text: title, summary and body; other header lines are blank."""
    lines = text.splitlines()
    fields, _, body_line = parse_header(text)
    shown = [""] * len(lines)
    keys_by_line = {line: key for line, key, _ in fields}
    key = ""
    body = "\n".join(lines[body_line - 1:])
    for number in range(1, min(body_line - 1, len(lines)) + 1):
        key = keys_by_line.get(number, key)
        if key in _SHOWN_HEADER_KEYS:
            raw = lines[number - 1]
            shown[number - 1] = unmarked([re.sub(r"^[A-Za-z]+:", "", raw)], body)[0]
    shown[body_line - 1:] = unmarked(lines[body_line - 1:], body)
    return "\n".join(shown)


@lru_cache(maxsize=4096)
def phrase_pattern(phrase: str, *, prefix: bool = False, ignore_case: bool = True) -> re.Pattern:
    """A phrase as whole words (or, with ``prefix``, as word beginnings), any white space
    between its words. Without ``ignore_case`` a lower-case first letter may still be a capital
    (the word starts a sentence)."""
    words = [re.escape(word) for word in phrase.split()]
    if not ignore_case and words and words[0][:1].islower():
        words[0] = f"[{words[0][0]}{words[0][0].upper()}]{words[0][1:]}"
    body = r"\s+".join(words)
    end = "" if prefix else r"(?![\w])"
    return re.compile(rf"(?<![\w]){body}{end}", re.IGNORECASE if ignore_case else 0)


def line_of(text: str, offset: int) -> int:
    """The 1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1

"""Markdown and the link syntax ``[label](scheme:target)`` are parsed in one place, the
document model (desktop_app/core/document.py): no other module imports python-markdown, holds
a regular expression for the link syntax or splits Markdown into blocks by hand."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "desktop_app"
MODEL = ROOT / "core" / "document.py"

# What parsing Markdown or the link syntax looks like in source code.
PARSING = {
    "imports python-markdown": re.compile(r"^\s*(import markdown|from markdown\b)", re.M),
    "link syntax in a regular expression": re.compile(r"\\\]\\\("),
    "Markdown heading marks in a regular expression": re.compile(r"#\{\d"),
    "Markdown list marks in a regular expression": re.compile(r"\[-\*\+\]"),
}

def _found() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        if path == MODEL:
            continue
        text = path.read_text(encoding="utf-8")
        kinds = [kind for kind, pattern in PARSING.items() if pattern.search(text)]
        if kinds:
            found[path.relative_to(ROOT).as_posix()] = kinds
    return found


def test_the_checks_recognise_parsing():
    model = MODEL.read_text(encoding="utf-8")
    assert PARSING["imports python-markdown"].search(model)
    assert PARSING["link syntax in a regular expression"].search(r're.compile(r"\]\(term:")')
    assert PARSING["Markdown heading marks in a regular expression"].search(r'"^(#{2,6})\s"')
    assert PARSING["Markdown list marks in a regular expression"].search(r'"^\s*[-*+]\s"')


def test_no_module_but_the_document_model_parses_markdown_or_links():
    found = _found()
    assert not found, f"parsing Markdown outside core/document.py: {found}"

"""The document model's links and text on the lines of a page file, for checks that report
``file:line`` (no Qt)."""
from __future__ import annotations

import re

from desktop_app.core.document import Link, body_document, page_document


def links_with_lines(page) -> list[tuple[Link, int]]:
    """The page's links (pictures included), each with the line of the page file where its
    target is written (``page.body_line`` is the body's first line)."""
    lines = page.body.splitlines()
    result, at = [], 0
    for link in page_document(page).links:
        written = f"({link.href}"
        found = next((n for n in range(at, len(lines)) if written in lines[n]), None)
        if found is None:
            found = next((n for n in range(len(lines)) if written in lines[n]), at)
        at = found
        result.append((link, page.body_line + found))
    return result


_WEB = re.compile(r"https?://\S+")


def unmarked(lines: list[str], body: str) -> list[str]:
    """``lines`` of a page file with the Markdown of ``body``'s links (their targets and
    brackets), web addresses and bold marks taken out, line by line, so that a lint can
    report ``file:line`` and a phrase may run across a wrapped line."""
    model = body_document(body)
    written = sorted({f"]({link.href})" for link in model.links}, key=len, reverse=True)
    addresses = sorted({f"<{link.href}>" for link in model.links
                        if link.scheme in ("http", "https")}, key=len, reverse=True)
    result = []
    for line in lines:
        for mark in written + addresses:
            line = line.replace(mark, "]" if mark.startswith("]") else "")
        line = _WEB.sub("", line)
        result.append(line.replace("**", "").replace("__", "").replace("[", "")
                      .replace("]", ""))
    return result


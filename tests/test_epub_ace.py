"""The talking book passes Ace by DAISY, the accessibility checker EPUB publishers use.

Ace (npm ``@daisy/ace-cli``) runs axe inside a browser; here Debian's chromium, installed by
test.sh with puppeteer's own browser download skipped. Books of every page, in both languages
and both levels, made with the real speech engine (words marked for the media overlay where
the voice gives word timings) must have no serious or critical violation.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.core.document import Options, page_document
from desktop_app.core.loader import load
from desktop_app.core.model import Page
from desktop_app.export.markup import segment
from tests.conftest import ROOT

BOOKS = [(lang, level) for lang in ("da", "en") for level in ("easy", "standard")]


def ace_command() -> list[str] | None:
    """Ace as test.sh installs it (.venv/ace), or on the PATH."""
    for candidate in (ROOT / ".venv" / "ace" / "bin" / "ace", ROOT / ".venv" / "ace" / "bin" /
                      "ace-cli", shutil.which("ace"), shutil.which("ace-cli")):
        if candidate and Path(candidate).exists():
            return [str(candidate)]
    return None


def chromium() -> str | None:
    found = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium") \
        or shutil.which("chromium-browser")
    return found if found and Path(found).exists() else None


def test_a_link_stays_one_link_however_its_words_are_marked():
    body = "Se [hvem der kan hjælpe dig](page:who-can-help) her. **Fed**e ord."
    model = page_document(Page(id="x", lang="da", level="standard", title="", topic="",
                               order=0, icon="", sources=(), body=body),
                          Options(links="book", files=(("who-can-help", "03-who-can-help.xhtml"),)))
    page = segment(model)
    words = {s.id: [(m.start(), len(m.group())) for m in re.finditer(r"\w+", s.text)]
             for s in page.sentences}
    for marked in ({}, words):
        xhtml = page.xhtml(marked)
        links = re.findall(r"<a [^>]*>(.*?)</a>", xhtml)
        assert len(links) == 1, xhtml
        assert re.sub(r"<[^>]+>", "", links[0]) == "hvem der kan hjælpe dig"
    xhtml = page.xhtml(words)
    # Every word still has its span with its id, once, for the media overlay.
    ids = re.findall(r'id="(s\d+w\d+)"', xhtml)
    assert ids == [f"s1w{n}" for n in range(1, 8)] + ["s2w1", "s2w2"]
    assert re.search(r'<a [^>]*><span class="w" id="s1w2">hvem</span> '
                     r'<span class="w" id="s1w3">der</span>', xhtml)
    assert '<span class="w" id="s2w1"><strong>Fed</strong>e</span>' in xhtml


@pytest.fixture(scope="module")
def books(tmp_path_factory, qapp):
    """A talking book of every page for each language and level."""
    from desktop_app.export.runner import ExportRequest, run_export
    library = load(paths.content_dir(), paths.pictogram_names())
    folder = tmp_path_factory.mktemp("ace")
    made = {}
    for lang, level in BOOKS:
        pages = tuple(p for p in library.page_ids() if library.page(p, lang, level))
        result = run_export(library, ExportRequest("epub", pages, lang, level,
                                                   folder / f"{lang}-{level}.epub"))
        made[(lang, level)] = result.path
    return made


@pytest.mark.skipif(ace_command() is None or chromium() is None,
                    reason="needs Ace by DAISY (npm @daisy/ace-cli) and chromium")
@pytest.mark.parametrize("book", BOOKS, ids=[f"{lang}-{level}" for lang, level in BOOKS])
def test_ace_finds_no_serious_or_critical_violation(books, book, tmp_path):
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=chromium())
    done = subprocess.run([*ace_command(), "--silent", "--force", "--outdir", str(tmp_path),
                           str(books[book])], capture_output=True, text=True, timeout=600,
                          env=env)
    report_file = tmp_path / "report.json"
    assert report_file.exists(), done.stdout + done.stderr
    report = json.loads(report_file.read_text(encoding="utf-8"))
    found = Counter()
    for document in report["assertions"]:
        for assertion in document.get("assertions", []):
            test = assertion["earl:test"]
            if test["earl:impact"] in ("serious", "critical"):
                found[(document["earl:testSubject"]["url"], test["dct:title"])] += 1
    assert not found, found
    checked = {d["earl:testSubject"]["url"] for d in report["assertions"]}
    assert sum(1 for url in checked if url.startswith("text/")) > 20

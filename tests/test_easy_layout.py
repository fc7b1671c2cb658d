"""Easy-read laid out as easy-read: every sentence of a paragraph starts on a new line in the
app's document, the handout PDF and the talking book's XHTML; standard pages run on.

Checked on what is rendered: the line layout of the reader's QTextDocument, the text of the PDF
as pdftotext lays it out, and the sentence spans and line breaks of the EPUB's XHTML.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import pytest

from desktop_app import paths
from desktop_app.core.handout import WORDS, build_handout
from desktop_app.core.loader import load
from desktop_app.core.document import page_document
from desktop_app.core.model import Page
from desktop_app.core.render import TextStyle
from desktop_app.core.sentences import split_sentences
from desktop_app.core.themes import THEMES
from desktop_app.i18n import translate_for

XHTML = "{http://www.w3.org/1999/xhtml}"
OBJECT = "\ufffc"
PDF_PAGES = {"da": ["complaints", "who-can-help", "relatives"],
             "en": ["complaints", "who-can-help", "relatives"]}


@pytest.fixture(scope="module")
def library():
    return load(paths.content_dir(), paths.pictogram_names())


def _fold(text: str) -> str:
    return " ".join(text.replace(OBJECT, " ").split())


def test_each_sentence_of_a_paragraph_or_item_ends_its_line_in_easy_read():
    source = ("Er du uenig? Så kan du klage.\nDen siger, hvor du skal sende\ndin klage.\n\n"
              "- Ring til os. Eller skriv.\n\n![Et brev. En pil](pictogram:x)\n\n## Titel. Mere")

    def lines(level: str) -> list[str]:
        page = Page(id="x", lang="da", level=level, title="T", topic="", order=0, icon="",
                    sources=(), body=source)
        markup = page_document(page).html
        shown = [_fold(re.sub(r"<[^>]+>", " ", line))
                 for line in re.split(r"<br>|</(?:p|li|h\d)>", markup)]
        return [line for line in shown if line]
    assert lines("easy") == ["T", "Er du uenig?", "Så kan du klage.",
                             "Den siger, hvor du skal sende din klage.", "Ring til os.",
                             "Eller skriv.", "Titel. Mere"]
    assert lines("standard") == ["T", "Er du uenig? Så kan du klage. Den siger, hvor du skal "
                                 "sende din klage.", "Ring til os. Eller skriv.", "Titel. Mere"]


def laid_out(reader):
    """A copy of the reader's document laid out at its width (the reader lays its own out
    lazily, while it is shown)."""
    document = reader.browser.document().clone(reader)
    document.setTextWidth(reader.browser.document().textWidth())
    document.size()
    return document


def _line_start(document, position: int) -> bool:
    block = document.findBlock(position)
    document.documentLayout().blockBoundingRect(block)   # lays the block out
    offset = position - block.position()
    line = block.layout().lineForTextPosition(offset)
    assert line.isValid(), block.text()
    return not block.text()[line.textStart():offset].replace(OBJECT, "").strip()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_app_starts_each_easy_read_sentence_on_a_line_and_highlights_it_whole(
        qtbot, library, lang):
    from PySide6.QtGui import QTextCursor
    from desktop_app.ui.reader import ReaderView
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.resize(1200, 800)
    reader.show()
    qtbot.waitExposed(reader)
    theme = THEMES["light"]
    checked = 0
    for page_id in library.page_ids():
        page = library.page(page_id, lang, "easy")
        if page is None:
            continue
        reader.show_page(library, page, theme, TextStyle())
        document = laid_out(reader)
        previous_block = -1
        sources = reader.spans[-1].sentence.block      # "Source: …" at the foot
        for span in reader.spans:
            sentence = span.sentence
            # The highlight covers exactly the sentence, line breaks included.
            cursor = QTextCursor(document)
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            shown = cursor.selectedText().replace("\u2028", " ").replace("\u2029", " ")
            assert _fold(shown) == _fold(sentence.text), (page_id, sentence.text)
            if sentence.kind == "paragraph" and sentence.block == previous_block != sources:
                assert _line_start(document, span.start), (page_id, sentence.text)
                checked += 1
            previous_block = sentence.block
    assert checked > 200

    # Standard pages are unchanged: sentences run on within their paragraph.
    page = library.page("complaints", lang, "standard")
    reader.show_page(library, page, theme, TextStyle())
    document = laid_out(reader)
    running = [span for i, span in enumerate(reader.spans[1:], 1)
               if span.sentence.block == reader.spans[i - 1].sentence.block
               and span.sentence.kind == "paragraph"
               and not _line_start(document, span.start)]
    assert running


class _Paragraphs(HTMLParser):
    """The text of each <p> of the handout's pages (until the word list)."""

    def __init__(self):
        super().__init__()
        self.paragraphs: list[str] = []
        self._current: list[str] | None = None
        self._skip = False

    def handle_starttag(self, tag, attrs):
        if tag == "p" and not dict(attrs).get("class"):
            self._current = []
        elif tag == "br" and self._current is not None:
            self._current.append(" ")

    def handle_endtag(self, tag):
        if tag == "p" and self._current is not None:
            self.paragraphs.append(_fold("".join(self._current)))
            self._current = None

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)


def _pdf_lines(qapp, tmp_path, handout) -> list[str]:
    from desktop_app.ui.handout_print import a4_pdf_writer, handout_font_family, render_handout
    target = tmp_path / f"{handout.lang}-{handout.level}.pdf"
    writer = a4_pdf_writer(str(target), handout.title)
    assert render_handout(writer, handout, handout_font_family()) > 0
    del writer
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [_fold(line) for line in text.splitlines() if line.strip()]


def _starts_lines(lines: list[str], sentences: list[str]) -> list[str]:
    """The sentences that do not begin a line of ``lines``, looked for in reading order."""
    missing, at = [], 0
    for sentence in sentences:
        head = " ".join(sentence.split()[:3])
        found = next((i for i in range(at, len(lines)) if lines[i].startswith(head)), None)
        if found is None:
            missing.append(sentence)
        else:
            at = found
    return missing


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize("lang", ["da", "en"])
def test_pdf_starts_each_easy_read_sentence_on_a_line(qapp, tmp_path, library, lang):
    day = date(2026, 12, 1)
    easy = build_handout(library, PDF_PAGES[lang], lang, "easy", today=day)
    parser = _Paragraphs()
    parser.feed(easy.html.split(f"<h2>{translate_for(lang, WORDS)}</h2>")[0])
    sentences = [s for p in parser.paragraphs for s in split_sentences(p, lang)]
    assert len(sentences) > 60
    lines = _pdf_lines(qapp, tmp_path, easy)
    assert _starts_lines(lines, sentences) == []

    standard = build_handout(library, PDF_PAGES[lang], lang, "standard", today=day)
    parser = _Paragraphs()
    parser.feed(standard.html)
    sentences = [s for p in parser.paragraphs for s in split_sentences(p, lang)]
    assert len(_starts_lines(_pdf_lines(qapp, tmp_path, standard), sentences)) > 10


def _sentences_without_a_break(xhtml: str) -> list[str]:
    """Sentences of a paragraph that follow another sentence with no line break between."""
    root = ET.fromstring(f'<div xmlns="http://www.w3.org/1999/xhtml">{xhtml}</div>')
    found = []
    for paragraph in root.iter(f"{XHTML}p"):
        if paragraph.get("class") == "sources":      # "Source: …" at the foot
            continue
        seen, broken = False, False
        for element in paragraph.iter():
            if element.tag == f"{XHTML}br":
                broken = True
            elif element.tag == f"{XHTML}span" and element.get("class") == "s" \
                    and element.get("id"):
                if seen and not broken:
                    found.append("".join(element.itertext()))
                seen, broken = True, False
    return found


@pytest.mark.parametrize("lang", ["da", "en"])
def test_epub_starts_each_easy_read_sentence_on_a_line(library, lang):
    from desktop_app.export.book import plan_book
    ids = library.page_ids()
    easy = plan_book(library, ids, lang, "easy")
    chapters = [s for s in easy.sections if s.kind in ("chapter", "glossary")]
    assert len(chapters) > 15
    assert sum(len(s.text.sentences) for s in chapters) > 500
    for section in chapters:
        assert _sentences_without_a_break(section.text.xhtml()) == [], section.key
        ids_written = re.findall(r'<span class="s" id="(s\d+)"', section.text.xhtml())
        assert ids_written == [s.id for s in section.text.sentences]
    standard = plan_book(library, ids, lang, "standard")
    assert sum(len(_sentences_without_a_break(s.text.xhtml())) for s in standard.sections) > 50

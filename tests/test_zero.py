"""Digits that cannot be misread in Danish: the zero has no slash or dot (a slashed zero reads
as Ø: "2Ø26") in every font the reader can choose and in the handout PDF.

Each glyph is drawn through the real path (the reader's document with its stylesheet, the
handout's document) into an image and compared: "0" must differ clearly from "Ø", and the
middle of the zero must be empty.
"""
from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from desktop_app.core.handout import Handout, build_handout
from desktop_app.core.render import TextStyle
from desktop_app.core.themes import THEMES


def _draw(document, scale: float = 1.0):
    from PySide6.QtGui import QColor, QImage, QPainter
    size = document.size()
    image = QImage(int(size.width() * scale) + 2, int(size.height() * scale) + 2,
                   QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    document.drawContents(painter)
    painter.end()
    return image


def _ink(image) -> set[tuple[int, int]]:
    return {(x, y) for y in range(image.height()) for x in range(image.width())
            if image.pixelColor(x, y).value() < 128}


def reader_glyph(family: str, char: str) -> set[tuple[int, int]]:
    from desktop_app.ui.reader import styled_document
    document = styled_document(None, THEMES["light"], TextStyle(base_px=120, font_family=family))
    document.setHtml(f"<p>{char}</p>")
    return _ink(_draw(document))


def handout_glyph(family: str, char: str) -> set[tuple[int, int]]:
    from desktop_app.ui.handout_print import handout_document
    handout = Handout(html=f"<p>{char}</p>", title="", lang="da", level="standard", made="")
    return _ink(_draw(handout_document(handout, family), scale=6))


def _check_zero(draw, family: str) -> None:
    zero, slashed_o, letter_o = (draw(family, c) for c in "0ØO")
    assert zero and slashed_o and letter_o, family
    difference = len(zero ^ slashed_o) / len(zero | slashed_o)
    assert difference > 0.2, (family, difference)
    for glyph, empty in ((zero, True), (letter_o, True), (slashed_o, False)):
        xs, ys = [x for x, _y in glyph], [y for _x, y in glyph]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        middle = {(x, y) for x, y in glyph
                  if abs(x - cx) < width * 0.15 and abs(y - cy) < height * 0.15}
        assert (not middle) == empty, (family, "nothing" if empty else "a stroke",
                                       "in the middle", len(middle))


def test_no_font_the_reader_can_choose_has_a_slashed_or_dotted_zero(qapp):
    from desktop_app.ui import fonts
    families = [family for family, _d in fonts.choices()]
    assert fonts.ATKINSON in families
    for family in families:
        _check_zero(reader_glyph, family)


def test_atkinson_alone_would_fail(qapp):
    """What the check catches: Atkinson's own zero has a stroke through its middle."""
    from desktop_app.ui import fonts
    from desktop_app.ui.reader import styled_document
    fonts.load_fonts()
    document = styled_document(None, THEMES["light"], TextStyle(base_px=120))
    with pytest.raises(AssertionError, match="nothing"):
        _check_zero(lambda _f, c: _ink(_draw(_set(document, c))), fonts.ATKINSON)


def _set(document, char: str):
    from desktop_app.ui import fonts
    document.setHtml(f"<p style=\"font-family: '{fonts.ATKINSON}'\">{char}</p>")
    return document


def test_handout_zero_has_no_slash_and_the_pdf_embeds_the_plain_zero(qapp, tmp_path):
    from desktop_app import paths
    from desktop_app.core.loader import load
    from desktop_app.ui import fonts
    from desktop_app.ui.handout_print import a4_pdf_writer, handout_font_family, render_handout
    family = handout_font_family()
    assert family == fonts.ATKINSON
    _check_zero(handout_glyph, family)
    if not shutil.which("pdffonts"):
        pytest.skip("needs pdffonts (poppler-utils)")
    library = load(paths.content_dir(), paths.pictogram_names())
    handout = build_handout(library, ["complaints"], "da", "easy", today=date(2026, 12, 1))
    assert "2026" in handout.html
    target = tmp_path / "handout.pdf"
    writer = a4_pdf_writer(str(target), handout.title, "da")
    assert render_handout(writer, handout, family)
    del writer
    listed = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True,
                            check=True).stdout
    assert "BallerupZero" in listed and "AtkinsonHyperlegible" in listed, listed


def test_the_talking_book_carries_the_plain_zero_first(qapp):
    """The EPUB's stylesheet asks for the carried digits font before Atkinson, and the zero of
    the font file it carries has no slash."""
    import re
    from PySide6.QtGui import QFontDatabase
    from desktop_app.export.epub import book_css, book_fonts
    from desktop_app.ui import fonts
    from desktop_app.ui.reader import styled_document
    carried = book_fonts()
    css = book_css(carried)
    stack = re.search(r"body \{ font-family: ([^;]+);", css).group(1)
    assert [f.strip().strip('"') for f in stack.split(",")] == \
        [fonts.PLAIN_ZERO, fonts.ATKINSON, "sans-serif"]
    faces = re.findall(r'font-family: "([^"]+)"; font-weight: (\w+); font-style: (\w+); '
                       r'src: url\("\.\./fonts/([^"]+)"\)', css)
    assert {(family, name) for family, _w, _s, name in faces} == \
        {(fonts.PLAIN_ZERO if p.name.startswith("BallerupZero") else fonts.ATKINSON, p.name)
         for p in carried}
    assert len(faces) == 8
    regular = next(p for p in carried if p.name == "BallerupZero-Regular.ttf")
    font_id = QFontDatabase.addApplicationFontFromData(regular.read_bytes())
    assert QFontDatabase.applicationFontFamilies(font_id) == [fonts.PLAIN_ZERO]
    fonts.load_fonts()

    def draw(_family, char):
        document = styled_document(None, THEMES["light"], TextStyle(base_px=120))
        document.setHtml(f"<p style=\"font-family: {stack.replace(chr(34), chr(39))}\">{char}</p>")
        return _ink(_draw(document))
    _check_zero(draw, "the talking book's stylesheet")

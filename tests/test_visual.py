"""Personal visual adjustments as a reader meets them: own colours that never hide the controls
or the focus, dimming, plain styling, spacing and font in the rendered page, the reading ruler
and pictures opened large."""
from __future__ import annotations

import argparse
import random

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontInfo, QImage
from PySide6.QtWidgets import QApplication, QPushButton

from desktop_app.app import build
from desktop_app.core.render import ABBREVIATIONS, normal_case, normal_case_html
from desktop_app.core.settings import Settings, SettingsStore
from desktop_app.core.themes import (NON_TEXT_PAIRS, PALETTE, THEMES, contrast, contrast_level,
                                     custom_theme)
from tests.fakes import FakeSession

PAGE = """id: values
lang: da
level: standard
title: Visioner og værdier
topic: policy
order: 1
icon: values
source: handicappolitik-2025 | Visioner og værdier

Ballerup Kommune prioriterer den **tidlige og forebyggende** indsats for borgere med handicap.
VIGTIGT: Unge kan søge STU og BPA hos UUC. Det er *IKKE* svært.

![Et mødebord med seks personer](pictogram:council)

## Værdierne

""" + "\n\n".join(f"Afsnit {i}: Ballerup Kommune lægger vægt på værdighed i mødet med borgere "
                  f"med handicap, og det gælder i hele kommunen." for i in range(40)) + """

Læs også om [boliger](page:housing).
"""


def options(content, **values):
    base = dict(lang=None, level=None, theme=None, text_scale=None, page=None, kiosk=False,
                content_dir=str(content), smoke=False)
    base.update(values)
    return argparse.Namespace(**base)


@pytest.fixture
def content(good_content):
    (good_content / "da" / "standard" / "values.md").write_text(PAGE, encoding="utf-8")
    return good_content


@pytest.fixture
def window(qtbot, content):
    session = FakeSession(auto_finish=True)    # what is read aloud is heard to its end at once
    _app, win, _store = build(options(content, page="values"), session_factory=lambda: session)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def page_fragments(win):
    """(text, QTextCharFormat) of every text fragment of the reader's document."""
    result = []
    block = win.reader.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                result.append((fragment.text(), fragment.charFormat()))
            it += 1
        block = block.next()
    return result


def drag(widget, start: QPoint, end: QPoint) -> None:
    """Press, move with the button held, release (as a finger or mouse drags). The screen
    positions are fixed first: the widget may move under the pointer (a picture being panned).
    """
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    origin = widget.mapToGlobal(QPoint(0, 0))
    steps = ((QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton),
             (QEvent.Type.MouseMove, (start + end) / 2, Qt.MouseButton.LeftButton),
             (QEvent.Type.MouseMove, end, Qt.MouseButton.LeftButton),
             (QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton))
    for kind, point, buttons in steps:
        screen = origin + point
        local = widget.mapFromGlobal(screen)
        event = QMouseEvent(kind, QPointF(local), QPointF(screen), Qt.MouseButton.LeftButton,
                            buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)


def brightness(image: QImage, point: QPoint) -> float:
    colour = image.pixelColor(point)
    return 0.2126 * colour.red() + 0.7152 * colour.green() + 0.0722 * colour.blue()


# -- own colours ----------------------------------------------------------------------------
def test_palette_pairs_are_tested_and_derived_roles_always_visible():
    for _id, _name, text, background in PALETTE:
        assert contrast(text, background) >= 7.0, (text, background)
    rng = random.Random(7)
    pairs = [("#777777", "#888888"), ("#ffffff", "#ffffff"), ("#000000", "#000000"),
             ("#ffff00", "#ffffff"), ("#1b2a49", "#1b2a49")]
    pairs += [("#%06x" % rng.randrange(1 << 24), "#%06x" % rng.randrange(1 << 24))
              for _ in range(400)]
    for text, background in pairs:
        theme = custom_theme(text, background)
        for a, b in NON_TEXT_PAIRS:
            assert contrast(getattr(theme, a), getattr(theme, b)) >= 3.0, (text, background, a)
        assert contrast(theme.highlight_text, theme.highlight_background) >= 7.0
        assert contrast(theme.selected_text, theme.selected_background) >= 7.0
        assert contrast(theme.selected_background, theme.control_background) >= 3.0


def test_contrast_levels():
    assert contrast_level(contrast("#fdf6e3", "#1b2a49")) == "AAA"
    assert contrast_level(contrast("#767676", "#ffffff")) == "AA"
    assert contrast_level(contrast("#999999", "#ffffff")) == "low"


def test_own_colours_are_remembered_and_replace_the_theme(window, tmp_path):
    window.state.change(own_colours=True, text_colour="#fdf6e3", background_colour="#1b2a49")
    assert window.state.theme.text == "#fdf6e3" and window.state.theme.background == "#1b2a49"
    assert window.toolbar.theme_box.currentData() == "custom"
    store = SettingsStore(tmp_path)
    store.save(window.state.settings)
    again = store.load()
    assert (again.own_colours, again.text_colour, again.background_colour) == \
        (True, "#fdf6e3", "#1b2a49")
    window.state.next_theme()              # the theme switch leaves the own colours
    assert not window.state.settings.own_colours and window.state.theme.id in THEMES


def test_broken_colours_in_the_settings_file_fall_back():
    s = Settings(own_colours=True, text_colour="red", background_colour="#12345").validated()
    assert (s.own_colours, s.text_colour, s.background_colour) == (False, "", "")
    assert Settings(dimming=95).validated().dimming == 0


# -- dimming --------------------------------------------------------------------------------
def test_dimming_darkens_the_window_proportionally_and_lets_clicks_through(window, qtbot):
    window.state.change(theme="hc-light")        # white background: easy to measure
    point = window.where.mapTo(window, QPoint(window.where.width() - 5, 5))
    levels = {}
    for level in (0, 20, 40, 70):
        window.state.change(dimming=level)
        levels[level] = brightness(window.grab().toImage(), point)
    assert levels[0] > 250
    for level in (20, 40, 70):
        expected = 255 * (1 - level / 100)
        assert abs(levels[level] - expected) < 6, (level, levels[level])
    assert window.adjustments.dimmer.isVisible()
    assert window.adjustments.dimmer.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    assert window.adjustments.dimmer.focusPolicy() == Qt.FocusPolicy.NoFocus
    # A click on a button under the dimming still works.
    qtbot.mouseClick(window.toolbar.home_button, Qt.MouseButton.LeftButton)
    assert window.state.location == ("home", "")
    at = window.toolbar.home_button.mapTo(window, window.toolbar.home_button.rect().center())
    assert window.childAt(at) is not window.adjustments.dimmer
    window.state.change(dimming=0)
    assert not window.adjustments.dimmer.isVisible()


# -- the page text --------------------------------------------------------------------------
def test_plain_styling_removes_bold_and_shouting_but_keeps_abbreviations(window):
    bold = [t for t, f in page_fragments(window) if f.fontWeight() >= 600 and t.strip()]
    assert any("tidlige" in t for t in bold)
    text = window.reader.browser.toPlainText()
    assert "VIGTIGT" in text and "IKKE" in text
    window.state.change(plain_styling=True)
    fragments = page_fragments(window)
    assert [t for t, f in fragments if f.fontWeight() >= 600 and t.strip()] == []
    assert [t for t, f in fragments if f.fontItalic() and t.strip()] == []
    text = window.reader.browser.toPlainText()
    assert "Vigtigt: Unge kan søge STU og BPA hos UUC." in text
    assert "Det er ikke svært." in text
    # Links keep their underline.
    assert any(f.fontUnderline() for t, f in fragments if t == "boliger")


def test_normal_case_keeps_abbreviations():
    assert normal_case("DU SKAL HUSKE at søge STU.") == "Du skal huske at søge STU."
    assert normal_case("Kontakt UUC, SSP, FN, EU og IT-afdelingen.") == \
        "Kontakt UUC, SSP, FN, EU og IT-afdelingen."
    assert normal_case("Foreningen ADHD og BPA-ordningen") == "Foreningen ADHD og BPA-ordningen"
    assert normal_case("og det er MEGET VIGTIGT, at DU kommer", sentence_start=False) == \
        "og det er meget vigtigt, at DU kommer"     # a short word alone may be an abbreviation
    assert {"STU", "BPA", "UUC", "FN", "IT", "SSP", "EU"} <= ABBREVIATIONS
    assert normal_case_html('<h1>VELKOMMEN TIL BALLERUP</h1><p>Hjælp i Ballerup og '
                            '<a href="term:x">STU</a>.</p>') == \
        '<h1>Velkommen til Ballerup</h1><p>Hjælp i Ballerup og <a href="term:x">STU</a>.</p>'


def test_spacing_settings_reach_the_document(window):
    window.state.change(line_height=200, paragraph_spacing=2.0, letter_spacing=0.12,
                  word_spacing=0.16)
    body_px = window.state.text_style().body_px
    block = window.reader.browser.document().begin()
    paragraphs = []
    while block.isValid():
        if block.text().startswith("Afsnit 3:"):
            paragraphs.append(block)
        block = block.next()
    fmt = paragraphs[0].blockFormat()
    assert fmt.lineHeight() == 200
    assert fmt.bottomMargin() >= 2 * body_px            # WCAG 1.4.12: 2 x the font size
    char = paragraphs[0].begin().fragment().charFormat()
    assert char.fontLetterSpacing() == pytest.approx(112)  # percent: 0.12 em
    assert char.fontWordSpacing() == pytest.approx(0.16 * body_px, abs=0.1)


def test_atkinson_font_is_available_and_applied(window):
    from PySide6.QtGui import QFontDatabase
    from desktop_app.ui import fonts
    fonts.load_fonts()              # as the app does before the font is used (any test order)
    assert fonts.ATKINSON in QFontDatabase.families()
    assert fonts.ATKINSON in [f for f, _d in fonts.choices()]
    window.state.change(font_family=fonts.ATKINSON)
    # Atkinson, after the font with its digits and a plain zero (the slashed zero reads as Ø);
    # tests/test_zero.py checks what is drawn.
    asked = {tuple(f.font().families()) for t, f in page_fragments(window) if t.strip()}
    assert asked == {(fonts.PLAIN_ZERO, fonts.ATKINSON)}
    assert {QFontInfo(f.font()).family() for t, f in page_fragments(window) if t.strip()} \
        == {fonts.PLAIN_ZERO}      # loaded, so Qt finds it
    window.state.change(font_family="")
    families = {QFontInfo(f.font()).family() for t, f in page_fragments(window) if t.strip()}
    assert not families & {fonts.ATKINSON, fonts.PLAIN_ZERO}


# -- the reading ruler ----------------------------------------------------------------------
def test_reading_ruler_moves_by_keyboard_and_click_and_follows_reading(window, qtbot):
    ruler = window.adjustments.ruler
    assert not ruler.isVisible()
    window.state.change(reading_ruler=True, ruler_lines=2)
    qtbot.waitUntil(ruler.isVisible)
    assert ruler.handle.isVisible() and ruler.handle.width() >= 44
    assert ruler.handle.accessibleName()
    top = ruler.top
    window.reader.browser.setFocus()
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert ruler.top > top
    ruler.handle.setFocus()
    before = ruler.top
    qtbot.keyClick(ruler.handle, Qt.Key.Key_Down)
    qtbot.keyClick(ruler.handle, Qt.Key.Key_Down)
    assert ruler.top > before
    qtbot.keyClick(ruler.handle, Qt.Key.Key_Up)
    # The handle sits beside the text, never on it, and dragging it moves the band.
    viewport = window.reader.browser.viewport()
    assert ruler.handle.geometry().left() > viewport.geometry().right()
    before = ruler.top
    drag(ruler.handle, QPoint(10, 10), QPoint(10, 10 + 6 * ruler.line_px))
    assert ruler.top > before + 3 * ruler.line_px
    # A click on a faded line brings the band there.
    y = ruler.height() - 60
    qtbot.mouseClick(window.reader.browser.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(40, y))
    assert ruler.band().top() <= y <= ruler.band().bottom() + ruler.line_px
    # Pixels outside the band are faded towards the background, inside they are not.
    image = ruler.grab().toImage()
    outside = image.pixelColor(QPoint(5, 2 if ruler.top > 10 else ruler.height() - 2))
    assert outside.alpha() > 150
    # It follows the sentence being read aloud.
    index = len(window.reader.spans) - 5
    window.reader.highlight(index)
    span = window.reader.spans[index]
    from PySide6.QtGui import QTextCursor
    cursor = QTextCursor(window.reader.browser.document())
    cursor.setPosition(span.start)
    line = window.reader.browser.cursorRect(cursor)
    assert ruler.band().top() <= line.top() and line.bottom() <= ruler.band().bottom() + 2
    window.state.change(reading_ruler=False)
    assert not ruler.isVisible() and not ruler.handle.isVisible()


# -- pictures -------------------------------------------------------------------------------
def test_picture_opens_large_from_the_reader_zooms_and_reads_its_text(window, qtbot):
    browser = window.reader.browser
    html = browser.toHtml()
    assert 'href="picture:council"' in html
    # Tab reaches the picture as a link; Enter opens it.
    browser.setFocus()
    for _ in range(10):
        qtbot.keyClick(browser, Qt.Key.Key_Tab)
        if "picture:council" in browser.textCursor().charFormat().anchorHref():
            break
    assert "picture:council" in browser.textCursor().charFormat().anchorHref()
    qtbot.keyClick(browser, Qt.Key.Key_Return)
    viewer = window.adjustments.picture_viewer
    qtbot.waitUntil(viewer.isVisible)
    assert viewer.caption.text() == "Et mødebord med seks personer"
    assert viewer.caption.font().pixelSize() > 18 or "font-size" in viewer.caption.styleSheet()
    assert not window.centralWidget().isEnabled()      # Tab stays in the viewer
    size = viewer.picture.pixmap().width()
    viewer.zoom_in_button.click()
    assert viewer.picture.pixmap().width() > size
    qtbot.keyClick(viewer.area, Qt.Key.Key_Minus)
    qtbot.keyClick(viewer.area, Qt.Key.Key_Minus)
    assert viewer.picture.pixmap().width() < size
    # Ctrl + wheel zooms too.
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    before = viewer.zoom
    event = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewer.area.viewport(), event)
    assert viewer.zoom > before
    # Dragging the picture pans it.
    viewer.step_zoom(1)
    viewer.step_zoom(1)
    bar = viewer.area.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 80)
    bar.setValue(0)
    drag(viewer.picture, QPoint(300, 300), QPoint(260, 300))
    assert bar.value() == 40
    # Original colours: black on white, whatever the theme.
    window.state.change(theme="yellow-black")
    image = viewer.picture.pixmap().toImage()
    corner = image.pixelColor(2, 2)
    assert corner == QColor("#000000")
    viewer.original_button.click()
    assert window.state.settings.pictures_original
    assert viewer.picture.pixmap().toImage().pixelColor(2, 2) == QColor("#ffffff")
    viewer.read_button.click()
    assert window.speech.session.spoken[-1] == ("Et mødebord med seks personer", "da")
    qtbot.keyClick(viewer.area, Qt.Key.Key_Escape)
    assert not viewer.isVisible() and window.centralWidget().isEnabled()


def test_a_click_on_a_picture_opens_it(window, qtbot):
    browser = window.reader.browser
    cursor_rect = None
    document = browser.document()
    block = document.begin()
    while block.isValid() and cursor_rect is None:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isImageFormat():
                from PySide6.QtGui import QTextCursor
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor_rect = browser.cursorRect(cursor)
                break
            it += 1
        block = block.next()
    assert cursor_rect is not None
    point = QPoint(cursor_rect.left() + 20, cursor_rect.bottom() - 20)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(window.adjustments.picture_viewer.isVisible)
    window.adjustments.picture_viewer.close_button.click()
    assert not window.adjustments.picture_viewer.isVisible()


def test_pictures_can_be_hidden(window):
    window.state.change(show_pictures=False)
    assert "picture:" not in window.reader.browser.toHtml()
    assert not any(f.isImageFormat() for _t, f in page_fragments(window))


@pytest.mark.parametrize("button_name", ["home_button"])
def test_focus_ring_is_visible_with_a_low_contrast_own_colour_pair(window, qtbot, button_name):
    """Grey on grey (1.2:1) is allowed, with a warning; the focus ring must still show."""
    window.state.change(own_colours=True, text_colour="#777777", background_colour="#888888")
    theme = window.state.theme
    assert contrast(theme.text, theme.background) < 1.5
    button: QPushButton = getattr(window.toolbar, button_name)
    window.activateWindow()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button)
    image = window.grab().toImage()
    ratio = window.devicePixelRatioF()
    top_left = button.mapTo(window, QPoint(0, 0))
    # Sample along the middle of the button's left edge: the ring is there.
    y = round((top_left.y() + button.height() // 2) * ratio)
    ring = [image.pixelColor(round((top_left.x() + dx) * ratio), y) for dx in range(0, 4)]
    outside = image.pixelColor(round((top_left.x() - 3) * ratio), y)
    inside = image.pixelColor(round((top_left.x() + 8) * ratio), y)
    best = max(ring, key=lambda c: contrast(c.name(), outside.name()))
    assert contrast(best.name(), outside.name()) >= 3.0, (best.name(), outside.name())
    assert contrast(best.name(), inside.name()) >= 3.0, (best.name(), inside.name())
    assert best.name() == theme.focus


def test_ruler_handle_comes_right_after_the_text_in_the_tab_chain(window, qtbot):
    window.state.change(reading_ruler=True)
    window.activateWindow()
    browser = window.reader.browser
    browser.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is browser)
    for _ in range(40):   # Tab first visits the links in the text, then leaves it
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is not browser:
            break
    assert QApplication.focusWidget() is window.adjustments.ruler.handle

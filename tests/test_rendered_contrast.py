"""Contrast measured on rendered pixels: the reader in every theme, and no animation when the
system asks for reduced motion."""
from __future__ import annotations

import argparse
from collections import Counter

import pytest
from PySide6.QtCore import Qt

from desktop_app.app import build
from desktop_app.core.themes import THEMES, contrast


def options(content, **values):
    base = dict(lang=None, level=None, theme=None, text_scale=None, page=None, kiosk=False,
                content_dir=str(content), smoke=False)
    base.update(values)
    return argparse.Namespace(**base)


def _hex(colour) -> str:
    return f"#{colour.red():02x}{colour.green():02x}{colour.blue():02x}"


@pytest.mark.parametrize("theme_id", sorted(THEMES))
def test_reader_text_contrast_on_screen(qtbot, good_content, theme_id):
    _app, win, _ = build(options(good_content, theme=theme_id, page="housing"),
                         session_factory=lambda: None)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    image = win.reader.browser.viewport().grab().toImage()
    counts = Counter(_hex(image.pixelColor(x, y)) for x in range(0, image.width(), 2)
                     for y in range(0, image.height(), 2))
    background = counts.most_common(1)[0][0]
    theme = THEMES[theme_id]
    assert background == theme.background
    # The glyphs' solid cores are drawn in the text colour; anti-aliased edges lie in between.
    strongest = max(counts, key=lambda colour: contrast(colour, background))
    assert contrast(strongest, background) >= 7.0
    assert theme.text in counts or theme.heading in counts


def test_reduced_motion_turns_off_animations(qtbot, good_content, monkeypatch):
    import desktop_app.ui.os_prefs as os_prefs
    from PySide6.QtWidgets import QApplication
    monkeypatch.setattr(os_prefs, "reduced_motion", lambda app: True)
    _app, win, _ = build(options(good_content), session_factory=lambda: None)
    qtbot.addWidget(win)
    app = QApplication.instance()
    try:
        for effect in (Qt.UIEffect.UI_AnimateMenu, Qt.UIEffect.UI_AnimateCombo,
                       Qt.UIEffect.UI_AnimateTooltip, Qt.UIEffect.UI_FadeMenu):
            assert not app.isEffectEnabled(effect)
        assert win.reduced_motion
    finally:
        for effect in (Qt.UIEffect.UI_AnimateMenu, Qt.UIEffect.UI_AnimateCombo,
                       Qt.UIEffect.UI_AnimateTooltip, Qt.UIEffect.UI_FadeMenu):
            app.setEffectEnabled(effect, True)

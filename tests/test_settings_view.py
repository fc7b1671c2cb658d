"""The settings view: reached from the top bar and Ctrl+,, every control large, named and on
the Tab chain, choices applied at once and remembered, own colours with their contrast in
numbers and words, voices with a preview, and one button back to the standard settings."""
from __future__ import annotations

from dataclasses import asdict

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QColorDialog,
                               QComboBox, QWidget)

from desktop_app.app import build
from desktop_app.core.settings import CHOICES, Settings, SettingsStore
from desktop_app.core.themes import PALETTE, THEMES
from desktop_app.speech.voices import Voice
from tests.test_keyboard import tab_chain
from tests.fakes import FakeSession, FakeSynth
from tests.test_visual import options

VOICES = [Voice("gmq/da", "Danish", ("da",)), Voice("da-x", "Dansk Helle", ("da-DK",)),
          Voice("gmw/en", "English (GB)", ("en-gb",)), Voice("en-us", "English (US)", ("en-us",)),
          Voice("de", "German", ("de",))]


@pytest.fixture
def window(qtbot, good_content):
    session = FakeSession(synth=FakeSynth(voice_list=VOICES))
    _app, win, store = build(options(good_content, page="values", lang="en"),
                             session_factory=lambda: session)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.store = store
    return win


def open_settings(window, qtbot):
    window.toolbar.settings_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.views.settings_view)
    return window.views.settings_view


def test_settings_open_from_more_and_ctrl_comma_and_back(window, qtbot):
    assert window.toolbar.more_panel.isAncestorOf(window.toolbar.settings_button)
    assert not window.toolbar.settings_button.isVisible()
    window.toolbar.more_button.click()
    assert window.toolbar.settings_button.isVisible()
    assert window.toolbar.settings_button.text() == "Settings"
    assert not window.toolbar.settings_button.icon().isNull()
    window.activateWindow()
    window.reader.browser.setFocus()
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.state.location == ("settings", ""))
    assert window.where.text() == "Settings"
    window.toolbar.back_button.click()
    assert window.state.location == ("page", "values")
    window.state.go(("help", ""))
    assert "Ctrl+," in window.help.toPlainText()
    assert "Settings" in window.help.toPlainText()
    window.state.change(lang="da")
    assert window.toolbar.settings_button.text() == "Indstillinger"
    view = open_settings(window, qtbot)
    assert view.heading.text() == "Indstillinger"
    assert view.reset_button.text() == "Tilbage til standardindstillingerne"


def test_every_control_is_large_named_and_on_the_tab_chain(window, qtbot):
    view = open_settings(window, qtbot)
    speech = view.speech_section
    window.state.change(reading_ruler=True)     # the ruler's line choice is enabled with it
    controls = [w for w in view.controls() if w.isVisibleTo(window) and w.isEnabled()]
    every = [w for w in view.findChildren(QWidget)
             if isinstance(w, (QAbstractButton, QComboBox)) and w.isVisibleTo(window)
             and w.isEnabled()]
    assert set(every) == set(controls)
    for widget in controls:
        assert widget.accessibleName(), widget
        assert widget.width() >= 44 and widget.height() >= 44, \
            (widget.accessibleName(), widget.size())
    window.activateWindow()
    chain = tab_chain(qtbot, window, view.reset_button)
    missing = [w.accessibleName() for w in controls if w not in chain]
    assert missing == []
    in_view = [w for w in chain if view.isAncestorOf(w)]
    assert in_view == [w for w in controls if w in in_view]     # in screen order
    # The view scrolls so that the control Tab reaches is seen.
    last = speech.listen_buttons["en"]
    speech.voice_boxes["en"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(speech.voice_boxes["en"], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is last
    viewport = view.scroll.viewport()
    assert viewport.rect().contains(last.mapTo(viewport, last.rect().center()))


def test_choices_apply_at_once_and_are_remembered(window, qtbot):
    view = open_settings(window, qtbot)
    speech = view.speech_section
    view.size_row.buttons[view.size_row.values.index(200)].click()
    view.line_row.buttons[view.line_row.values.index(200)].click()
    view.dim_row.buttons[view.dim_row.values.index(30)].click()
    view.plain_check.click()
    speech.highlight_row.buttons[CHOICES["highlight_style"].index("underline")].click()
    speech.stop_row.buttons[2].click()
    speech.continue_check.click()
    s = window.state.settings
    assert (s.text_scale, s.line_height, s.dimming, s.plain_styling) == (200, 200, 30, True)
    assert (s.highlight_style, s.stop_mode, s.continue_to_next_page) == \
        ("underline", "paragraph", True)
    chosen = view.size_row.buttons[view.size_row.values.index(200)]
    assert chosen.isChecked() and not view.size_row.buttons[0].isChecked()
    chosen.click()                          # the chosen one again: it stays chosen
    assert chosen.isChecked() and window.state.settings.text_scale == 200
    assert window.adjustments.dimmer.level == 30
    again = SettingsStore(window.store.path.parent).load()
    assert (again.text_scale, again.dimming, again.plain_styling) == (200, 30, True)
    # The preview shows the same look.
    block = view.preview_section.preview.document().begin().next()
    assert block.blockFormat().lineHeight() == 200
    view.wide_button.click()
    s = window.state.settings
    assert (s.paragraph_spacing, s.letter_spacing, s.word_spacing) == (2.0, 0.12, 0.16)
    assert view.letter_row.buttons[2].isChecked()


def test_own_colours_show_contrast_in_words_and_the_number_for_staff(window, qtbot):
    view = open_settings(window, qtbot)
    colours = view.colours_section
    cream = colours.palette_row.buttons[0]
    assert PALETTE[0][0] == "cream-blue"
    cream.click()
    assert window.state.settings.own_colours
    assert window.state.theme.background == "#1b2a49"
    assert colours.theme_row.buttons[-1].isChecked() and cream.isChecked()
    assert colours.contrast_label.text() == "Very good contrast"
    assert colours.contrast_label.toolTip() == "13.2:1"
    assert colours.warning.isHidden()
    colours.set_custom_colours("#767676", "#ffffff")
    assert colours.contrast_label.text() == "Good contrast"
    assert colours.contrast_label.toolTip() == "4.5:1"
    assert not colours.warning.isHidden()
    colours.set_custom_colours("#999999", "#ffffff")
    assert colours.contrast_label.text() == "Contrast too low"
    assert not colours.warning.isHidden()        # a warning, but the colours are used
    assert window.state.theme.text == "#999999"
    colours.swap_button.click()
    assert (window.state.theme.text, window.state.theme.background) == ("#ffffff", "#999999")
    window.state.change(lang="da")
    assert colours.contrast_label.text() == "For lav kontrast"
    assert colours.contrast_label.toolTip() == "2,8:1"
    colours.theme_row.buttons[list(THEMES).index("dark")].click()
    assert not window.state.settings.own_colours and window.state.theme.id == "dark"


def test_colour_picker_is_qts_own_dialog_and_applies_the_choice(window, qtbot):
    view = open_settings(window, qtbot)
    colours = view.colours_section
    colours.text_colour_button.click()
    dialog = colours.colour_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.testOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    assert dialog.windowTitle() == "Choose the text colour"
    from PySide6.QtGui import QColor
    dialog.setCurrentColor(QColor("#fdf6e3"))
    dialog.accept()
    assert window.state.settings.own_colours and window.state.theme.text == "#fdf6e3"


def test_voices_grouped_by_language_with_listen(window, qtbot):
    view = open_settings(window, qtbot)
    speech = view.speech_section
    qtbot.waitUntil(lambda: speech.voice_boxes["da"].count() == 3)
    da = [speech.voice_boxes["da"].itemText(i) for i in range(3)]
    en = [speech.voice_boxes["en"].itemText(i) for i in range(speech.voice_boxes["en"].count())]
    assert da[1:] == ["Danish", "Dansk Helle"]
    assert en[1:] == ["English (GB)", "English (US)"]
    box = speech.voice_boxes["da"]
    box.setCurrentIndex(2)
    box.activated.emit(2)
    assert window.state.settings.voice_da == "da-x"
    assert box.currentIndex() == 2                        # kept after the refresh
    speech.listen_buttons["da"].click()
    session = window.speech.session
    assert session.overrides["da"] == "da-x"
    text, lang = session.spoken[-1]
    assert lang == "da" and "stemme" in text               # a Danish sample, in Danish
    speech.listen_buttons["en"].click()
    assert session.spoken[-1][1] == "en" and "voice" in session.spoken[-1][0]
    view.preview_section.read_button.click()
    assert session.spoken[-1] == (view.preview_section.preview.toPlainText(), "en")


def test_back_to_standard_settings_restores_every_default_but_language_and_page(window, qtbot):
    view = open_settings(window, qtbot)
    changed = dict(theme="yellow-black", text_scale=300, line_height=250, paragraph_spacing=2.5,
                   letter_spacing=0.2, word_spacing=0.32, font_family="Atkinson Hyperlegible",
                   plain_styling=True, show_pictures=False, speech_rate=150, speech_volume=40,
                   highlight_style="off", stop_mode="sentence", continue_to_next_page=True,
                   speak_interface=True, voice_da="da-x", voice_en="en-us", own_colours=True,
                   text_colour="#c8c8c8", background_colour="#2b2b2b", dimming=50,
                   reading_ruler=True, ruler_lines=5, pictures_original=True, level="easy")
    window.state.change(**changed)
    defaults = Settings()
    assert all(getattr(window.state.settings, k) != getattr(defaults, k) for k in changed)
    view.reset_button.click()
    s = window.state.settings
    for key, value in asdict(defaults).items():
        if key in ("lang", "level", "page", "position"):
            continue
        assert getattr(s, key) == value, key
    assert s.lang == "en" and s.level == "easy"
    assert window.adjustments.dimmer.level == 0 and not window.adjustments.ruler.isVisible()
    assert window.state.theme.id == "light"
    assert view.undo_button.isVisible()
    view.undo_button.click()
    assert window.state.settings.dimming == 50 and window.state.settings.own_colours
    window.toolbar.back_button.click()
    assert window.state.location == ("page", "values")
    view = open_settings(window, qtbot)
    view.reset_button.click()
    window.state.go_home()                   # leaving the view forgets the undo
    view = open_settings(window, qtbot)
    assert not view.undo_button.isVisible() and view._undo is None


def test_a_reset_of_the_settings_object_clears_everything_added(window):
    """The kiosk resets by applying Settings(): dimming, own colours and the ruler go too."""
    window.state.change(dimming=60, own_colours=True, text_colour="#c8c8c8",
                  background_colour="#2b2b2b", reading_ruler=True, font_family="DejaVu Sans")
    window.state.replace_settings(Settings(lang="da"))
    assert window.adjustments.dimmer.level == 0 and not window.adjustments.dimmer.isVisible()
    assert window.state.theme.id == "light" and not window.adjustments.ruler.isVisible()
    assert window.reader.browser.document().defaultStyleSheet().count("font-family") == 0


def test_checkboxes_use_the_checked_state(window, qtbot):
    view = open_settings(window, qtbot)
    for check, key in ((view.pictures_check, "show_pictures"),
                       (view.original_check, "pictures_original"),
                       (view.ruler_check, "reading_ruler"),
                       (view.speech_section.interface_check, "speak_interface")):
        assert isinstance(check, QCheckBox)
        before = getattr(window.state.settings, key)
        qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(10, check.height() // 2))
        assert getattr(window.state.settings, key) is (not before), key
        assert check.isChecked() is (not before)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_nothing_is_cut_off_at_400_percent(window, qtbot, lang):
    """Found by looking at it: long check box texts and voice names made the view wider than
    the window, so texts were cut off at the right edge."""
    window.state.change(lang=lang, text_scale=400)
    view = open_settings(window, qtbot)
    long_name = "A voice with a very long name indeed, " * 3
    view.speech_section.set_voices(VOICES + [Voice("long", long_name, ("da",))])
    inner = view.scroll.widget()
    qtbot.waitUntil(lambda: inner.width() <= view.scroll.viewport().width())
    for widget in inner.findChildren(QWidget):
        if widget.isVisibleTo(window):
            right = widget.mapTo(inner, QPoint(widget.width(), 0)).x()
            assert right <= view.scroll.viewport().width() + 1, widget.accessibleName()

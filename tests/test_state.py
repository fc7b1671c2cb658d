"""The reader's state (desktop_app/ui/state.py): what each change signals, and that the window
lays the text out again only when the text's look, language or level changed."""
from __future__ import annotations

import argparse
from dataclasses import fields

import pytest

from desktop_app.app import build
from desktop_app.core.model import Library
from desktop_app.core.settings import Settings
from desktop_app.ui import state as state_module
from desktop_app.ui.state import ReaderState

GROUPS = {"language": state_module.LANGUAGE, "level": state_module.LEVEL,
          "look": state_module.LOOK, "adjustments": state_module.ADJUSTMENTS,
          "speech": state_module.SPEECH}
# a value other than the default for every setting
OTHER = {"lang": "en", "level": "easy", "theme": "yellow-black", "text_scale": 200,
         "line_height": 200, "paragraph_spacing": 2.0, "letter_spacing": 0.12,
         "word_spacing": 0.16, "font_family": "Atkinson Hyperlegible", "plain_styling": True,
         "show_pictures": False, "speech_rate": 150, "speech_volume": 30,
         "highlight_style": "words", "stop_mode": "sentence", "continue_to_next_page": True,
         "speak_interface": True, "voice_da": "gmq/da", "voice_en": "gmw/en",
         "own_colours": True, "text_colour": "#000000", "background_colour": "#ffffff",
         "dimming": 30, "reading_ruler": True, "ruler_lines": 2, "pictures_original": True}


def test_every_setting_belongs_to_exactly_one_kind_of_change():
    names = [f.name for f in fields(Settings)]
    for name in names:
        owners = [group for group, members in GROUPS.items() if name in members]
        assert len(owners) == 1, (name, owners)
    assert set().union(*GROUPS.values()) == set(names)
    assert set(OTHER) == set(names)     # the table below covers every setting


@pytest.fixture
def state(qapp):
    return ReaderState(Library(), Settings())


def _record(state: ReaderState) -> list:
    seen: list = []
    for name in ("language", "level", "look", "adjustments", "speech"):
        getattr(state, f"sig_{name}_changed").connect(lambda name=name: seen.append(name))
    state.sig_settings_changed.connect(lambda names: seen.append(("saved", tuple(names))))
    return seen


@pytest.mark.parametrize("name", sorted(OTHER))
def test_a_change_signals_its_kind_and_is_saved_once(state, name):
    seen = _record(state)
    values = {name: OTHER[name]}
    if name == "own_colours":   # own colours need both colours (else they are switched off)
        values.update(text_colour="#000000", background_colour="#ffffff")
    changed = state.change(**values)
    assert name in changed and getattr(state.settings, name) == OTHER[name]
    kinds = {kind for kind, members in GROUPS.items() if set(changed) & members}
    assert [s for s in seen if isinstance(s, str)] == \
        [k for k in ("language", "level", "look", "adjustments", "speech") if k in kinds]
    assert seen[-1] == ("saved", tuple(changed))
    seen.clear()
    assert state.change(**values) == [] and seen == []     # the same again: nothing


def test_out_of_range_values_fall_back_to_the_default(state):
    state.change(text_scale=200)
    state.change(text_scale=5000)
    assert state.settings.text_scale == Settings().text_scale


def test_locations_back_and_forward(state):
    moves = []
    state.sig_location_changed.connect(moves.append)
    state.open_topic("areas")
    state.open_page("housing")
    assert state.location == ("page", "housing") and state.previous == ("topic", "areas")
    assert state.can_go_back and not state.can_go_forward
    state.back()
    assert state.location == ("topic", "areas") and state.can_go_forward
    state.forward()
    assert state.location == ("page", "housing")
    state.open_page("values", remember=False)
    assert state.location == ("page", "values") and state.nav.history[-1] == ("topic", "areas")
    assert moves == [True, True, False, False, False]
    state.forget()
    assert state.location == ("home", "") and not state.can_go_back


def _window(qtbot, content):
    options = argparse.Namespace(lang="da", level=None, theme=None, text_scale=None,
                                 page=None, kiosk=False, content_dir=str(content), smoke=False)
    _app, win, _store = build(options)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.mark.parametrize("name", sorted(OTHER))
def test_the_page_is_laid_out_again_only_when_its_look_changed(qtbot, good_content, name):
    win = _window(qtbot, good_content)
    win.state.open_page("housing")
    document = win.reader.browser.document()
    values = {name: OTHER[name]}
    if name == "own_colours":
        values.update(text_colour="#000000", background_colour="#ffffff")
    changed = win.state.change(**values)
    relaid = win.reader.browser.document() is not document
    assert relaid == ReaderState.relayout_needed(changed), (name, changed)
    assert win.state.location == ("page", "housing")
    assert win.stack.currentWidget() is win.reader

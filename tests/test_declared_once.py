"""Each setting, the language pair and each command is declared once: the settings table
(``core.settings``), ``core.model.LANGS`` and the command table (``ui.actions.COMMANDS``).

The source scans fail when a range's bound, a choice list, the language pair or a command's
keys are written anywhere else; the behaviour tests check that what is made from the tables
works: validation, ``kiosk.toml``, the command line, the actions, buttons, keys and Help page.
"""
from __future__ import annotations

import ast
import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.kiosk import parse_config
from desktop_app.core.model import LANGS, LEVELS
from desktop_app.core.settings import (CHOICES, KIOSK_SETTINGS, RANGES, SETTINGS, Settings,
                                       from_options)
from tests.fakes import FakeSession
from tests.test_kiosk import make_kiosk  # noqa: F401 - the fixture
from tests.test_simple_window import shown
from tests.test_window import options

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop_app"
SOURCES = sorted(PACKAGE.rglob("*.py")) + [ROOT / "i18n" / "catalogs.py"]


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _constants(node: ast.AST) -> list:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)]


def _literal_sets(tree: ast.AST):
    """(line, the constants) of every tuple, list or set written out in full."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and node.elts and \
                all(isinstance(e, ast.Constant) for e in node.elts):
            yield node.lineno, [e.value for e in node.elts]


# -- the language pair and the choice lists ------------------------------------------------
def test_the_language_pair_and_the_levels_are_written_only_in_the_model():
    found = []
    for path in SOURCES:
        if _rel(path) == "desktop_app/core/model.py":
            continue
        for line, values in _literal_sets(_tree(path)):
            for pair in (LANGS, LEVELS):
                if len(values) > 1 and set(values) == set(pair):
                    found.append(f"{_rel(path)}:{line}: {values}")
    assert found == []


def test_every_choice_list_is_written_only_in_the_settings_table():
    """A tuple of two or more of a setting's choices, and nothing else, is that setting's
    choice list written again (themes are data in core/themes.py)."""
    found = []
    allowed = {"desktop_app/core/settings.py", "desktop_app/core/model.py",
               "desktop_app/core/themes.py"}
    for path in SOURCES:
        if _rel(path) in allowed:
            continue
        for line, values in _literal_sets(_tree(path)):
            for name, choices in CHOICES.items():
                strings = [v for v in values if isinstance(v, str)]
                if len(strings) == len(values) > 1 and set(strings) <= set(choices):
                    found.append(f"{_rel(path)}:{line}: {name} {values}")
    assert found == []


# -- the ranges ----------------------------------------------------------------------------
def _words(name: str) -> set[str]:
    """The words that name a setting in code: its name, its kiosk key, and its last word
    (``speech_rate``: ``rate_label``, ``RATE_STEPS``; ``dimming``: ``MAX_DIMMING``)."""
    spec = SETTINGS[name]
    return {name, name.split("_")[-1]} | ({spec.kiosk_key} if spec.kiosk_key else set())


def _names_in(node: ast.AST) -> set[str]:
    """The lower-case words of every identifier, attribute, keyword and string in ``node``."""
    words = set()
    for n in ast.walk(node):
        text = (n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute)
                else n.arg if isinstance(n, ast.keyword) and n.arg else
                n.value if isinstance(n, ast.Constant) and isinstance(n.value, str) else "")
        lowered = text.lower()
        words.add(lowered)
        words.update(re.split(r"[^a-z0-9]+", lowered))
        words.update("_".join(p) for p in zip(*(iter(lowered.split("_")),) * 2))
    return words


def _statements(tree: ast.AST):
    """Every simple statement, and the head (test, iterable, items) of every compound one."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.If, ast.While)):
            yield node.test
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            yield node.iter
        elif isinstance(node, ast.stmt) and not hasattr(node, "body"):
            yield node


# 0, 1 and 100 also mean "none", "one" and "per cent" everywhere: not counted as bounds
PLAIN_NUMBERS = {0, 1, 100}


def test_no_setting_bound_is_written_next_to_the_setting_outside_the_table():
    """A number equal to a setting's lower or upper bound, in a statement that names the
    setting (the literal ``200`` beside the speech rate's label, ``(100, 400)`` beside
    ``text_scale`` in the kiosk config), is the range declared a second time."""
    found = []
    for path in SOURCES:
        if _rel(path) == "desktop_app/core/settings.py":
            continue
        for statement in _statements(_tree(path)):
            numbers = {v for v in _constants(statement)
                       if isinstance(v, (int, float)) and not isinstance(v, bool)}
            if not numbers:
                continue
            words = _names_in(statement)
            for name, limits in RANGES.items():
                bounds = numbers & {limits.low, limits.high} - PLAIN_NUMBERS
                if bounds and words & _words(name):
                    found.append(f"{_rel(path)}:{statement.lineno}: {name} {sorted(bounds)}")
    assert found == []


def test_the_scan_finds_a_bound_written_again():
    """The scan above is not blind: the old speech bar line and kiosk table are found."""
    for text in ('label = (self.rate_label, _("Speed %d %%") % 200)\n',
                 'DEFAULTS = {"text_scale": Choice(bounds=(100, 400))}\n'):
        tree = ast.parse(text)
        hits = [s for s in _statements(tree) for name, r in RANGES.items()
                if {r.low, r.high} & set(_constants(s)) and _names_in(s) & _words(name)]
        assert hits, text


def test_every_range_holds_its_steps_and_validation_refuses_what_is_outside():
    from desktop_app.speech.engine import RATE_MAX, RATE_MIN
    from desktop_app.ui import settings_view, speech_bar
    assert (RATE_MIN, RATE_MAX) == (RANGES["speech_rate"].low, RANGES["speech_rate"].high)
    assert speech_bar.RATE_STEPS == RANGES["speech_rate"].steps
    assert settings_view.LINE_HEIGHTS == RANGES["line_height"].steps
    for name, limits in RANGES.items():
        assert all(limits.ok(step) for step in limits.steps), name
        kind = SETTINGS[name].kind
        for wrong in (kind(limits.high + 1), kind(limits.low - 1), True, str(limits.low)):
            settings = dataclasses.replace(Settings(), **{name: wrong}).validated()
            assert getattr(settings, name) == getattr(Settings(), name), (name, wrong)
    for name, choices in CHOICES.items():
        settings = dataclasses.replace(Settings(), **{name: "no-such-" + name}).validated()
        assert getattr(settings, name) == getattr(Settings(), name) in choices


def test_an_unknown_theme_is_refused_by_validation_itself():
    assert dataclasses.replace(Settings(), theme="pink").validated().theme == Settings().theme
    assert dataclasses.replace(Settings(), theme="hc-dark").validated().theme == "hc-dark"


# -- kiosk.toml and the command line use the table -----------------------------------------
@pytest.mark.parametrize("key", sorted(KIOSK_SETTINGS))
def test_a_kiosk_value_outside_the_table_is_refused_and_the_kiosk_starts_locked(tmp_path, key):
    from desktop_app.core.kiosk import load_config
    spec = KIOSK_SETTINGS[key]
    wrong = spec.range.high + 1 if spec.range else "no-such-choice"
    text = wrong if isinstance(wrong, int) else f'"{wrong}"'
    path = tmp_path / "kiosk.toml"
    path.write_text(f"kiosk = false\n[defaults]\n{key} = {text}\n", encoding="utf-8")
    config = load_config(path)
    assert config.kiosk, key                                   # fail closed, as before
    assert any(p.startswith(f"{key} = ") for p in config.problems), config.problems
    assert getattr(config.settings(), spec.name) == \
        (spec.kiosk_default if spec.kiosk_default is not None else spec.default)
    good = spec.range.high if spec.range else spec.choices[-1]
    config = parse_config({"defaults": {key: good}})
    assert config.problems == () and getattr(config.settings(), spec.name) == good


def test_the_kiosk_keys_are_the_tables():
    config = parse_config({"defaults": {spec.kiosk_key: spec.default
                                        for spec in SETTINGS.values() if spec.kiosk_key}})
    assert config.problems == ()
    assert parse_config({"defaults": {"line_height": 150}}).problems == (
        "unknown key defaults.'line_height'",)


@pytest.mark.parametrize("document", ["docs/KIOSK.md", "resources/kiosk/kiosk.toml.example"])
def test_the_kiosk_guide_and_example_give_the_tables_limits_and_choices(document):
    """What staff read about each key (its comment, over one or more lines) agrees with the
    tables it is checked against."""
    from desktop_app.core.kiosk import KEYS
    text = (ROOT / document).read_text(encoding="utf-8")
    lines = {m.group(1): m.group(2) for m in re.finditer(
        r"^(\w+) = [^#\n]*#(.*(?:\n +#.*)*)", text, re.MULTILINE)}
    limits = {key: rule.bounds for key, rule in KEYS.items() if hasattr(rule, "bounds")}
    limits.update({key: (spec.range.low, spec.range.high)
                   for key, spec in KIOSK_SETTINGS.items() if spec.range})
    for key, (low, high) in limits.items():
        assert re.search(rf"\b{low}[–-]{high}\b", lines[key]), (document, key, lines[key])
    for key, spec in KIOSK_SETTINGS.items():
        if spec.choices and key != "theme":      # the themes: see `python -m desktop_app themes`
            assert all(re.search(rf"\b{c}\b", lines[key]) for c in spec.choices), (document, key)


def test_text_scale_outside_its_range_is_refused_with_a_clear_message():
    limits = RANGES["text_scale"]
    for value in (limits.high + 1, limits.low - 1, "big"):
        result = subprocess.run([sys.executable, "-m", "desktop_app", "--text-scale",
                                 str(value)], capture_output=True, text=True, cwd=ROOT,
                                timeout=60)
        assert result.returncode == 2
        assert f"text scale must be between {limits.low} and {limits.high}" in result.stderr
        assert "Traceback" not in result.stderr


def test_the_command_line_options_are_the_tables():
    from desktop_app.__main__ import app_parser
    parser = app_parser()
    for spec in SETTINGS.values():
        if not spec.flag:
            continue
        good = spec.range.high if spec.range else spec.choices[-1]
        options = parser.parse_args([spec.flag, str(good)])
        assert from_options(options) == {spec.name: good}
        with pytest.raises(SystemExit):
            parser.parse_args([spec.flag, "no-such-value"])


# -- commands ------------------------------------------------------------------------------
def _keys_in_text(text: str, keys: set[str]) -> set[str]:
    return {k for k in keys if re.search(rf"(?<![\w+]){re.escape(k)}(?![\w+])", text)}


def test_a_commands_keys_are_written_only_in_the_command_table():
    """No key sequence of a command in code (a QKeySequence, a shortcut) or in a message
    outside ui/actions.py: a text that names keys takes them from the table. Docstrings and
    comments may mention keys."""
    from desktop_app.ui.actions import COMMANDS
    keys = {k for c in COMMANDS.values() for k in c.keys}
    found = []
    for path in SOURCES:
        if _rel(path) == "desktop_app/ui/actions.py":
            continue
        tree = _tree(path)
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and n.body and isinstance(n.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and id(node) not in docstrings:
                hits = _keys_in_text(node.value, keys)
                if hits:
                    found.append(f"{_rel(path)}:{node.lineno}: {sorted(hits)}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(
                    node.func, "attr", "")) in ("QKeySequence", "QShortcut", "setShortcut",
                                                 "setShortcuts"):
                found.append(f"{_rel(path)}:{node.lineno}: a shortcut made here")
    assert found == []


def test_the_command_table_is_complete():
    from desktop_app.ui.actions import COMMANDS, tr
    from desktop_app.ui import icons   # noqa: F401 - the icons exist where buttons name one
    from desktop_app import paths
    for command in COMMANDS.values():
        assert tr(command.help), command.id
        for face in [command.face, *command.states.values()]:
            if face is not None and face.icon:
                assert paths.icon(face.icon).exists() or paths.pictogram(face.icon).exists()


@pytest.fixture
def window(qtbot, good_content):
    from desktop_app import i18n
    from desktop_app.app import build
    session = FakeSession()
    _app, win, _ = build(options(good_content, lang="en"), session_factory=lambda: session)
    shown(qtbot, win, 1280, 800)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)     # the keys of a command reach the active window
    yield win
    i18n.set_language(Settings().lang)


def test_every_command_has_a_working_action_its_button_and_keys_trigger_it(window, qtbot):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest
    from desktop_app.ui.actions import COMMANDS
    win = window
    assert set(win.actions_by_name) == set(COMMANDS)
    buttons = win.toolbar.buttons_by_action()
    bar = win.speech_bar
    bar_signals = {"read": bar.sig_read, "stop": bar.sig_stop, "previous": bar.sig_previous,
                   "next": bar.sig_next, "repeat": bar.sig_repeat,
                   "from_here": bar.sig_read_from_cursor}
    win.state.change(reading_ruler=True)                  # the ruler's keys work while it is on
    for command in COMMANDS.values():
        action = win.actions_by_name[command.id]
        assert action.isEnabled(), command.id
        for keys in command.keys:
            assert QKeySequence(keys) in action.shortcuts(), (command.id, keys)
        fired = []
        action.triggered.connect(lambda *_a, c=command.id: fired.append(c))
        if command.id in ("quit",):
            assert not buttons.get(command.id)
            continue
        button = buttons.get(command.id)
        if button is not None:
            assert command.face is not None, command.id
            button.setEnabled(True)
            emitted = []
            signal = bar_signals.get(command.id)
            if signal is not None:
                signal.connect(lambda: emitted.append(1))
            button.click()
            assert fired == [command.id], command.id       # the button is the command
            assert signal is None or emitted == [1], command.id   # once, through the action
            fired.clear()
        if command.keys:
            sequence = QKeySequence(command.keys[0])
            win.activateWindow()
            QTest.keySequence(win, sequence)
            assert fired == [command.id], (command.id, command.keys[0])
        win.speech.stop()
        win.state.go_home()


def test_each_button_shows_and_speaks_its_commands_words(window):
    from desktop_app.ui.actions import COMMANDS, tr
    from desktop_app.ui.speak_interface import describe
    for lang in LANGS:
        window.state.change(lang=lang)
        for command_id, button in window.toolbar.buttons_by_action().items():
            face = COMMANDS[command_id].face_for(lang if command_id == "language" else "")
            assert button.accessibleName() == (tr(face.name) or tr(face.label)), command_id
            if face.label:
                assert button.text() == tr(face.label), command_id
            assert describe(button).startswith(button.accessibleName().rstrip(".")), command_id


def test_every_command_with_keys_is_on_the_help_page_in_both_languages(window):
    from desktop_app.ui.actions import COMMANDS, key_text, tr
    for lang in LANGS:
        window.state.change(lang=lang)
        window.state.go(("help", ""))
        shown = window.help.toPlainText()
        for command in COMMANDS.values():
            if command.keys:
                assert key_text(command.keys[0]) in shown and tr(command.help) in shown, \
                    (lang, command.id)


def test_on_a_kiosk_the_commands_it_does_not_have_are_absent(make_kiosk):
    from desktop_app.ui.actions import COMMANDS, key_text, tr
    win, _kiosk, _session, _store = make_kiosk()
    missing = {c.id for c in COMMANDS.values() if not win.policy.allows_command(c.id)}
    assert missing and set(win.actions_by_name) == set(COMMANDS) - missing
    buttons = win.toolbar.buttons_by_action()
    for command_id in missing & set(buttons):
        assert buttons[command_id].isHidden(), command_id
    win.state.go(("help", ""))
    shown = win.help.toPlainText()
    for command_id in missing:
        command = COMMANDS[command_id]
        assert tr(command.help) not in shown, command_id
        assert not command.keys or key_text(command.keys[0]) not in shown, command_id

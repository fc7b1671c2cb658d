"""User settings: each declared once (``Settings`` and the table ``SETTINGS`` made from it),
Qt-free, stored as JSON in the user's config folder.

A missing file gives the defaults; a corrupt one gives the defaults, is kept aside as
``settings.json.broken`` and produces a notice for the user, so nothing is lost.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import NamedTuple

from desktop_app.core.files import read_json, write_json
from desktop_app.core.model import LANGS, LEVELS
from desktop_app.core.themes import DEFAULT_THEME, THEMES, valid_colour


class Range(NamedTuple):  # (see core/model.py)
    """A number setting's limits and the steps offered for it (buttons, the settings view)."""

    low: float
    high: float
    steps: tuple = ()

    def ok(self, value) -> bool:
        return self.low <= value <= self.high


def setting(default, *, range: Range | None = None, choices: tuple = (), colour: bool = False,
            kiosk_key: str = "", kiosk_default=None, flag: str = "", flag_help: str = "",
            metavar: str | None = None):
    """One field of ``Settings`` with its rule: ``range`` (limits and steps) or ``choices``
    (``colour``: '' or '#rrggbb'); ``kiosk_key``: its key in ``kiosk.toml`` (top level or in
    ``[defaults]``) and ``kiosk_default`` what a kiosk starts with when the file does not say;
    ``flag``: its command-line option, with ``flag_help`` and ``metavar``."""
    return field(default=default, metadata={"rule": dict(
        range=range, choices=tuple(choices), colour=colour, kiosk_key=kiosk_key,
        kiosk_default=kiosk_default, flag=flag, flag_help=flag_help, metavar=metavar)})


@dataclass(frozen=True)
class Settings:
    """Every setting, declared once: its name, type, default and rule (``setting``). The table
    ``SETTINGS`` made from these fields is what validation, ``kiosk.toml``, the command line
    and the settings view use."""

    lang: str = setting(LANGS[0], choices=LANGS, kiosk_key="lang", flag="--lang",
                        flag_help="language of the interface and the pages")
    level: str = setting("standard", choices=LEVELS, kiosk_key="level", flag="--level",
                         flag_help="standard text or easy-read")
    theme: str = setting(DEFAULT_THEME, choices=tuple(THEMES), kiosk_key="theme",
                         flag="--theme", flag_help="colour theme")
    # body text 27 px on a kiosk: read at arm's length on a 1920 x 1080 touch screen
    text_scale: int = setting(100, range=Range(100, 400, (100, 125, 150, 200, 250, 300, 400)),
                              kiosk_key="text_scale", kiosk_default=150, flag="--text-scale",
                              flag_help="text size", metavar="PERCENT")
    line_height: int = setting(150, range=Range(100, 300, (150, 175, 200, 250)))
    paragraph_spacing: float = setting(1.0, range=Range(0, 4, (1.0, 1.5, 2.0, 2.5)))
    letter_spacing: float = setting(0.0, range=Range(0, 0.5, (0.0, 0.05, 0.12, 0.2)))
    word_spacing: float = setting(0.0, range=Range(0, 1, (0.0, 0.08, 0.16, 0.32)))
    font_family: str = setting("")
    plain_styling: bool = setting(False)
    show_pictures: bool = setting(True)
    speech_rate: int = setting(100, range=Range(50, 200, (50, 65, 80, 100, 120, 150, 175, 200)))
    speech_volume: int = setting(80, range=Range(0, 100, tuple(range(0, 101, 10))),
                                 kiosk_key="volume")
    # the sentence as a colour behind it, the sentence and the word being heard, a line under
    # the sentence, or none
    highlight_style: str = setting("background",
                                   choices=("background", "words", "underline", "off"))
    stop_mode: str = setting("none", choices=("none", "sentence", "paragraph"))
    continue_to_next_page: bool = setting(False)
    speak_interface: bool = setting(False)
    voice_da: str = setting("")
    voice_en: str = setting("")
    # Personal visual adjustments (ui/settings_view.py). Own colours replace the theme while
    # ``own_colours`` is on; the theme is kept, so switching them off brings it back.
    own_colours: bool = setting(False)
    text_colour: str = setting("", colour=True)
    background_colour: str = setting("", colour=True)
    # percent of black over the whole window
    dimming: int = setting(0, range=Range(0, 70, tuple(range(0, 71, 10))))
    reading_ruler: bool = setting(False)     # line focus: dims all but a band of lines
    ruler_lines: int = setting(3, range=Range(1, 6, (1, 2, 3, 4, 5)))   # lines in the band
    pictures_original: bool = setting(False)   # pictures shown large in black on white

    def validated(self) -> "Settings":
        """The same settings with every value its rule refuses replaced by its default."""
        fixed = replace(self, **{name: spec.default for name, spec in SETTINGS.items()
                                 if not spec.allows(getattr(self, name))})
        if fixed.own_colours and not (fixed.text_colour and fixed.background_colour):
            fixed = replace(fixed, own_colours=False)
        return fixed


class Spec(NamedTuple):  # (see core/model.py)
    """One row of the settings table (made from a field of ``Settings``)."""

    name: str
    kind: type
    default: object
    range: Range | None
    choices: tuple
    colour: bool
    kiosk_key: str
    kiosk_default: object
    flag: str
    flag_help: str
    metavar: str | None

    def allows(self, value) -> bool:
        """``value`` has this setting's type (an int for a float, never a bool for a number)
        and is within its range or one of its choices."""
        if self.kind is bool:
            return isinstance(value, bool)
        if isinstance(value, bool):
            return False
        kinds = (int, float) if self.kind is float else (self.kind,)
        if not isinstance(value, kinds):
            return False
        if self.range is not None:
            return self.range.ok(value)
        if self.choices:
            return value in self.choices
        return not self.colour or value == "" or valid_colour(value)

    def from_text(self, text: str):
        """A value typed on the command line ("150" or "150%" for a percentage); raises
        ValueError with a message that names the setting and what it takes."""
        words = self.name.replace("_", " ")
        if self.range is None:
            if not self.allows(text):
                raise ValueError(f"{words} must be one of {', '.join(self.choices)}")
            return text
        low, high = (self.kind(self.range.low), self.kind(self.range.high))
        try:
            value = self.kind(text.strip().rstrip("%"))
        except ValueError:
            value = None
        if value is None or not self.allows(value):
            raise ValueError(f"{words} must be between {low} and {high}")
        return value


def _table() -> dict[str, Spec]:
    return {f.name: Spec(f.name, type(f.default), f.default, **f.metadata["rule"])
            for f in fields(Settings)}


SETTINGS: dict[str, Spec] = _table()
# Views of the table, for the modules that need one part of it
RANGES = {name: spec.range for name, spec in SETTINGS.items() if spec.range is not None}
CHOICES = {name: spec.choices for name, spec in SETTINGS.items() if spec.choices}
SCALES = RANGES["text_scale"].steps
MAX_DIMMING = RANGES["dimming"].high
KIOSK_SETTINGS = {spec.kiosk_key: spec for spec in SETTINGS.values() if spec.kiosk_key}
COMMAND_LINE = {spec.flag: spec for spec in SETTINGS.values() if spec.flag}


def from_options(options) -> dict:
    """The settings given on the command line (``--lang`` ...), by setting name."""
    return {spec.name: getattr(options, spec.name) for spec in COMMAND_LINE.values()
            if getattr(options, spec.name, None) is not None}


def config_dir() -> Path:
    override = os.environ.get("DESKTOP_APP_CONFIG_DIR")
    if override:
        return Path(override)
    from desktop_app.core.user_dirs import config_dir as user_config_dir
    return user_config_dir()


class SettingsStore:
    """Reads and writes ``settings.json``; ``notice`` says what went wrong on load, if anything."""

    def __init__(self, folder: Path | None = None):
        self.path = (folder or config_dir()) / "settings.json"
        self.notice = ""
        self.first_start = False

    def load(self) -> Settings:
        self.notice = ""
        self.first_start = not self.path.exists()
        if self.first_start:
            return Settings()
        try:
            data = read_json(self.path)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            known = {f.name: f for f in fields(Settings)}
            values = {}
            for key, value in data.items():
                if key in known and isinstance(value, type(getattr(Settings(), key))):
                    values[key] = value
                elif key in known and isinstance(value, int) and known[key].type == "float":
                    values[key] = float(value)
            return Settings(**values).validated()
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            self.notice = f"{self.path}: {exc}"
            try:
                self.path.replace(self.path.with_name("settings.json.broken"))
            except OSError:
                pass
            return Settings()

    def save(self, settings: Settings) -> bool:
        try:
            write_json(self.path, asdict(settings), indent=2)
            return True
        except OSError as exc:
            self.notice = f"{self.path}: {exc}"
            return False

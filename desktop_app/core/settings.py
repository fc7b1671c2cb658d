"""User settings: Qt-free defaults declared once, stored as JSON in the user's config folder.

A missing file gives the defaults; a corrupt one gives the defaults, is kept aside as
``settings.json.broken`` and produces a notice for the user, so nothing is lost.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from desktop_app import APP_ID
from desktop_app.core.files import write_json
from desktop_app.core.themes import valid_colour



@dataclass(frozen=True)
class Range:
    """A number setting's limits and the steps offered for it (buttons, the settings view)."""

    low: float
    high: float
    steps: tuple = ()

    def ok(self, value) -> bool:
        return self.low <= value <= self.high


# Each setting's range and choices, declared once: used by ``Settings.validated``, the command
# line, the settings view, the toolbar and the read-aloud controls, and the speech engine.
RANGES = {
    "text_scale": Range(100, 400, (100, 125, 150, 200, 250, 300, 400)),
    "line_height": Range(100, 300, (150, 175, 200, 250)),
    "paragraph_spacing": Range(0, 4, (1.0, 1.5, 2.0, 2.5)),
    "letter_spacing": Range(0, 0.5, (0.0, 0.05, 0.12, 0.2)),
    "word_spacing": Range(0, 1, (0.0, 0.08, 0.16, 0.32)),
    "speech_rate": Range(50, 200, (50, 65, 80, 100, 120, 150, 175, 200)),
    "speech_volume": Range(0, 100, tuple(range(0, 101, 10))),
    "dimming": Range(0, 70, tuple(range(0, 71, 10))),
    "ruler_lines": Range(1, 6, (1, 2, 3, 4, 5)),
}
CHOICES = {
    "lang": ("da", "en"),
    "level": ("standard", "easy"),
    # the sentence as a colour behind it, the sentence and the word being heard, a line under
    # the sentence, or none
    "highlight_style": ("background", "words", "underline", "off"),
    "stop_mode": ("none", "sentence", "paragraph"),
}
SCALES = RANGES["text_scale"].steps
MAX_DIMMING = RANGES["dimming"].high


@dataclass(frozen=True)
class Settings:
    lang: str = "da"
    level: str = "standard"
    theme: str = "light"
    text_scale: int = 100
    line_height: int = 150
    paragraph_spacing: float = 1.0
    letter_spacing: float = 0.0
    word_spacing: float = 0.0
    font_family: str = ""
    plain_styling: bool = False
    show_pictures: bool = True
    speech_rate: int = 100
    speech_volume: int = 80
    highlight_style: str = "background"
    stop_mode: str = "none"
    continue_to_next_page: bool = False
    speak_interface: bool = False
    voice_da: str = ""
    voice_en: str = ""
    # Personal visual adjustments (ui/settings_view.py). Own colours replace the theme while
    # ``own_colours`` is on; the theme is kept, so switching them off brings it back.
    own_colours: bool = False
    text_colour: str = ""             # '#rrggbb'
    background_colour: str = ""       # '#rrggbb'
    dimming: int = 0                  # percent of black over the whole window, 0–70
    reading_ruler: bool = False       # line focus: dims all but a band of lines
    ruler_lines: int = 3              # lines in the band, 1–6
    pictures_original: bool = False   # pictures shown large in black on white

    def validated(self) -> "Settings":
        """The same settings with every out-of-range value replaced by its default."""
        d = Settings()
        checks = {name: limits.ok(getattr(self, name)) for name, limits in RANGES.items()}
        checks.update({name: getattr(self, name) in allowed for name, allowed in CHOICES.items()})
        checks.update({
            "text_colour": self.text_colour == "" or valid_colour(self.text_colour),
            "background_colour": self.background_colour == ""
            or valid_colour(self.background_colour),
        })
        fixed = replace(self, **{k: getattr(d, k) for k, ok in checks.items() if not ok})
        if fixed.own_colours and not (fixed.text_colour and fixed.background_colour):
            fixed = replace(fixed, own_colours=False)
        return fixed


def config_dir() -> Path:
    override = os.environ.get("DESKTOP_APP_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir
    return Path(user_config_dir(APP_ID, appauthor=False))


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
            data = json.loads(self.path.read_text(encoding="utf-8"))
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

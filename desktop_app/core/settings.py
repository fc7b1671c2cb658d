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
from desktop_app.core.themes import valid_colour

SCALES = (100, 125, 150, 200, 250, 300, 400)
MAX_DIMMING = 70
# The read-aloud highlight: the sentence as a colour behind it, the sentence and the word being
# heard, a line under the sentence, or none.
HIGHLIGHT_STYLES = ("background", "words", "underline", "off")


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
    page: str = ""
    position: int = 0
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
        checks = {
            "lang": self.lang in ("da", "en"),
            "level": self.level in ("standard", "easy"),
            "text_scale": 100 <= self.text_scale <= 400,
            "line_height": 100 <= self.line_height <= 300,
            "paragraph_spacing": 0 <= self.paragraph_spacing <= 4,
            "letter_spacing": 0 <= self.letter_spacing <= 0.5,
            "word_spacing": 0 <= self.word_spacing <= 1,
            "speech_rate": 50 <= self.speech_rate <= 200,
            "speech_volume": 0 <= self.speech_volume <= 100,
            "highlight_style": self.highlight_style in HIGHLIGHT_STYLES,
            "stop_mode": self.stop_mode in ("none", "sentence", "paragraph"),
            "text_colour": self.text_colour == "" or valid_colour(self.text_colour),
            "background_colour": self.background_colour == ""
            or valid_colour(self.background_colour),
            "dimming": 0 <= self.dimming <= MAX_DIMMING,
            "ruler_lines": 1 <= self.ruler_lines <= 6,
        }
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
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(asdict(settings), indent=2, ensure_ascii=False),
                           encoding="utf-8")
            tmp.replace(self.path)
            return True
        except OSError as exc:
            self.notice = f"{self.path}: {exc}"
            return False

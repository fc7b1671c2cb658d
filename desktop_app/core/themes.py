"""Themes as data: named colour roles whose contrast tests can compute (no Qt)."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from desktop_app.i18n import N_


class Theme(NamedTuple):  # (see core/model.py)
    id: str
    name: str               # N_-marked; translate with _ when shown
    dark: bool
    text: str
    background: str
    heading: str
    link: str
    control_text: str
    control_background: str
    control_border: str
    focus: str               # focus outline, >= 3:1 against background and control background
    highlight_text: str      # the sentence being read
    highlight_background: str
    selected_text: str       # a pressed / checked control
    selected_background: str
    disabled_text: str

    @property
    def word_text(self) -> str:
        """The word being heard, inside the sentence highlight: the sentence highlight's two
        colours swapped, so it keeps the text's contrast and stands out from the sentence by
        the same ratio."""
        return self.highlight_background

    @property
    def word_background(self) -> str:
        return self.highlight_text


# Pairs that must reach 7:1 (text) and 3:1 (non-text: borders and focus).
TEXT_PAIRS = [("text", "background"), ("heading", "background"), ("link", "background"),
              ("control_text", "control_background"), ("highlight_text", "highlight_background"),
              ("selected_text", "selected_background"), ("disabled_text", "control_background")]
NON_TEXT_PAIRS = [("focus", "background"), ("focus", "control_background"),
                  ("control_border", "background"), ("control_border", "control_background")]

THEMES: dict[str, Theme] = {t.id: t for t in [
    Theme("light", N_("Light"), False, text="#1a1a1a", background="#ffffff", heading="#0b2a4a",
          link="#0b3d91", control_text="#1a1a1a", control_background="#eef1f5",
          control_border="#4a5563", focus="#b3006b", highlight_text="#000000",
          highlight_background="#ffe066", selected_text="#ffffff", selected_background="#0b3d91",
          disabled_text="#3d3d3d"),
    Theme("dark", N_("Dark"), True, text="#f2f2f2", background="#121212", heading="#ffffff",
          link="#9ecbff", control_text="#f2f2f2", control_background="#262a30",
          control_border="#a8b0bd", focus="#ffb000", highlight_text="#000000",
          highlight_background="#ffd75e", selected_text="#000000", selected_background="#9ecbff",
          disabled_text="#c8c8c8"),
    Theme("hc-dark", N_("High contrast: white on black"), True, text="#ffffff",
          background="#000000", heading="#ffffff", link="#ffff00", control_text="#ffffff",
          control_background="#000000", control_border="#ffffff", focus="#00ffff",
          highlight_text="#000000", highlight_background="#00ffff", selected_text="#000000",
          selected_background="#ffffff", disabled_text="#cccccc"),
    Theme("hc-light", N_("High contrast: black on white"), False, text="#000000",
          background="#ffffff", heading="#000000", link="#00007f", control_text="#000000",
          control_background="#ffffff", control_border="#000000", focus="#c00000",
          highlight_text="#ffffff", highlight_background="#000000", selected_text="#ffffff",
          selected_background="#000000", disabled_text="#333333"),
    Theme("yellow-black", N_("Yellow on black"), True, text="#ffff00", background="#000000",
          heading="#ffff00", link="#ffffff", control_text="#ffff00",
          control_background="#000000", control_border="#ffff00", focus="#ffffff",
          highlight_text="#000000", highlight_background="#ffff00", selected_text="#000000",
          selected_background="#ffff00", disabled_text="#d6d600"),
]}
DEFAULT_THEME = "light"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours, 1–21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# -- own colours ---------------------------------------------------------------------------
# Text/background pairs offered in the settings, each tested in tests/test_visual.py:
# (id, N_ name, text, background). The first two are the classic cream and dark blue; the
# "low glare" ones keep the text below white and the background above black.
PALETTE: list[tuple[str, str, str, str]] = [
    ("cream-blue", N_("Cream on dark blue"), "#fdf6e3", "#1b2a49"),
    ("blue-cream", N_("Dark blue on cream"), "#1b2a49", "#fdf6e3"),
    ("grey-dark", N_("Light grey on dark grey (low glare)"), "#c8c8c8", "#2b2b2b"),
    ("beige-brown", N_("Beige on dark brown (low glare)"), "#e8e0c8", "#2e2a24"),
    ("dark-grey", N_("Dark grey on light grey (low glare)"), "#2b2b2b", "#d9d9d9"),
    ("black-yellow", N_("Black on pale yellow"), "#000000", "#fff9c4"),
    ("black-blue", N_("Black on pale blue"), "#000000", "#e6f2ff"),
    ("black-rose", N_("Black on pale pink"), "#1a1a1a", "#fde8e8"),
    ("black-green", N_("Black on pale green"), "#000000", "#d9f2d9"),
]
CUSTOM_ID = "custom"
# Colours a derived role may take, in order of preference (vivid first, so the focus ring
# stands out from the text); black and white come last and always reach 3:1 against one side.
_ACCENTS = ["#ffb000", "#00e5ff", "#ff4fd8", "#b3006b", "#0b3d91", "#c00000", "#ffff00",
            "#00a000", "#7a00cc", "#000000", "#ffffff"]
_HIGHLIGHTS = [("#000000", "#ffd75e"), ("#000000", "#00e5ff"), ("#ffffff", "#0b3d91"),
               ("#ffffff", "#7a00cc"), ("#000000", "#ffffff"), ("#ffffff", "#000000")]


def valid_colour(value: str) -> bool:
    return isinstance(value, str) and len(value) == 7 and value.startswith("#") and \
        all(c in "0123456789abcdefABCDEF" for c in value[1:])


def mix(a: str, b: str, amount: float) -> str:
    """``a`` moved ``amount`` (0–1) of the way towards ``b``."""
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(ca, cb))


def best_against(backgrounds: list[str], candidates: list[str], minimum: float,
                 avoid: tuple[str, ...] = ()) -> str:
    """The first candidate with at least ``minimum`` contrast against every background (and
    not in ``avoid``); failing that, the one whose worst contrast is highest."""
    for colour in candidates:
        if colour.lower() not in avoid and \
                all(contrast(colour, bg) >= minimum for bg in backgrounds):
            return colour
    return max(candidates, key=lambda c: min(contrast(c, bg) for bg in backgrounds))


def contrast_level(ratio: float) -> str:
    """'AAA' (>= 7:1), 'AA' (>= 4.5:1) or 'low' for a text contrast ratio."""
    return "AAA" if ratio >= 7.0 else "AA" if ratio >= 4.5 else "low"


@lru_cache(maxsize=64)
def custom_theme(text: str, background: str) -> Theme:
    """A theme from the reader's own text and background colours.

    The text pair is the reader's choice and may be below 7:1 (the settings warn). Every other
    role is derived so that controls, borders and the focus ring keep >= 3:1 against what is
    next to them, and highlighted/selected text >= 7:1, whatever the two colours are.
    """
    text, background = text.lower(), background.lower()
    dark = luminance(background) < 0.18
    control_background = mix(background, text, 0.08)
    surfaces = [background, control_background]
    extremes = ["#ffffff", "#000000"] if dark else ["#000000", "#ffffff"]
    border = best_against(surfaces, [text] + extremes, 3.0)
    # The focus ring: unlike the border and the text, >= 3:1 against both surfaces and, where
    # a colour allows it, against the border too (the change on focus is visible, 2.4.13).
    focus = best_against(surfaces + [border], _ACCENTS, 3.0, avoid=(border, text))
    if min(contrast(focus, c) for c in surfaces) < 3.0:
        focus = best_against(surfaces, _ACCENTS, 3.0, avoid=(border, text))
    highlight_text, highlight_background = next(
        ((t, b) for t, b in _HIGHLIGHTS if contrast(t, b) >= 7 and contrast(b, background) >= 3),
        max(_HIGHLIGHTS, key=lambda p: contrast(p[1], background)))
    # A pressed button: the reader's text colour as its background where that works (calm,
    # in the reader's own palette), else a vivid colour.
    pairs = [(max(("#000000", "#ffffff"), key=lambda t: contrast(t, b)), b)
             for b in [text] + _ACCENTS]
    selected_text, selected_background = next(
        ((t, b) for t, b in pairs if contrast(t, b) >= 7 and b not in (background, focus)
         and contrast(b, control_background) >= 3),
        max(pairs, key=lambda p: contrast(p[1], control_background)))
    return Theme(CUSTOM_ID, N_("Own colours"), dark, text=text, background=background,
                 heading=text, link=text, control_text=text,
                 control_background=control_background, control_border=border, focus=focus,
                 highlight_text=highlight_text, highlight_background=highlight_background,
                 selected_text=selected_text, selected_background=selected_background,
                 disabled_text=text)

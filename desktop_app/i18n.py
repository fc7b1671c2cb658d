"""Gettext for the user interface: ``_``, ``N_``, ``NP_``, ``ngettext``, ``pgettext``,
``npgettext`` and language switching.

Catalogs are compiled Babel catalogs in ``i18n/LANG/LC_MESSAGES/messages.mo``. Labels defined at
import time are marked with ``N_`` (``NP_`` with a context) and translated with ``_`` (``pgettext``)
when shown. ``pgettext`` gives a message a context (msgctxt) when the same English words need
different Danish ones, e.g. the Stop button and the settings row about when reading stops.
"""
from __future__ import annotations

import gettext as _gettext
from typing import Callable

from desktop_app import paths
from desktop_app.core.model import LANGS

DEFAULT_LANGUAGE = LANGS[0]
DOMAIN = "messages"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
_listeners: list[Callable[[str], None]] = []
_catalogs: dict[str, _gettext.NullTranslations] = {}


def _catalog(lang: str) -> _gettext.NullTranslations:
    """``lang``'s compiled catalog, read once (its path is known: ``gettext.find`` would also
    work out the locale's other spellings, ~0.9 ms at start-up); without one (English) the
    messages as they are."""
    if lang not in _catalogs:
        path = paths.i18n_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            with open(path, "rb") as handle:
                _catalogs[lang] = _gettext.GNUTranslations(handle)
        except FileNotFoundError:
            _catalogs[lang] = _gettext.NullTranslations()
    return _catalogs[lang]


def set_language(lang: str) -> None:
    """Switch every later ``_`` call to ``lang`` and tell listeners."""
    global _translation, _language
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    _translation = _catalog(lang)
    _language = lang
    for listener in list(_listeners):
        listener(lang)


def language() -> str:
    return _language


def on_language_change(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def _(message: str) -> str:
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:  # noqa: N802 - gettext's style
    """Mark a message with a context for extraction; translate it later with
    ``pgettext(*pair)``."""
    return context, message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translation.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _translation.npgettext(context, singular, plural, n)


def translate_for(lang: str, message: str) -> str:
    """``message`` in ``lang`` without switching the UI language (e.g. for speech)."""
    return _gettext.translation(DOMAIN, localedir=str(paths.i18n_dir()), languages=[lang],
                                fallback=True).gettext(message)

"""The voices a speech engine offers, and the choice of one per language (no Qt)."""
from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass

from desktop_app.i18n import _

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"da": ("danish", "dansk"), "en": ("english", "engelsk")}


@dataclass(frozen=True)
class Voice:
    """A voice of the speech engine: ``id`` to select it, a display ``name`` and the language
    tags it speaks (as the engine reports them, e.g. ``("da",)``, ``("en-gb",)``, ``("da_DK",)``).
    """

    id: str
    name: str
    languages: tuple[str, ...] = ()


def _tag(code: str) -> str:
    return (code or "").replace("_", "-").strip().lower()


def _primary(code: str) -> str:
    return _tag(code).split("-")[0]


def voice_languages(voice: Voice) -> tuple[str, ...]:
    """The primary language subtags ``voice`` speaks, guessed from its id and name when the
    engine reports none (SAPI5 often does not)."""
    found = tuple(p for p in (_primary(lang) for lang in voice.languages) if p)
    if found:
        return found
    guessed = []
    ident = voice.id.lower()
    name = voice.name.lower()
    for lang, words in LANGUAGE_NAMES.items():
        if re.search(rf"(^|[^a-z]){lang}([^a-z]|$)", ident) or any(w in name for w in words):
            guessed.append(lang)
    return tuple(guessed)


def speaks(voice: Voice, lang: str) -> bool:
    return _primary(lang) in voice_languages(voice)


def _score(voice: Voice, lang: str) -> tuple[int, int, str]:
    """Lower is better: an exact tag ("da", "en") first, then the voice named after the bare
    language (espeak's ``gmw/en``), then shorter, more generic tags."""
    tags = [_tag(t) for t in voice.languages]
    exact = 0 if lang in tags else 1
    generic = 0 if voice.id.lower().rsplit("/", 1)[-1] == lang else 1
    length = min((len(t) for t in tags), default=99)
    return (exact + generic, length, voice.id)


def voice_for(lang: str, voices: list[Voice], override_id: str | None = None) -> Voice | None:
    """The voice to speak ``lang`` with, or ``None`` when no voice speaks it.

    ``override_id`` wins when it names a voice that speaks ``lang``; a voice of another language
    is never returned (Danish text is never read with an English voice).
    """
    lang = _primary(lang)
    candidates = [v for v in voices if speaks(v, lang)]
    if override_id:
        for voice in candidates:
            if voice.id == override_id or voice.id.lower() == override_id.lower():
                return voice
    if not candidates:
        return None
    return min(candidates, key=lambda v: _score(v, lang))


def _platform() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


def missing_voice_message(lang: str, platform: str | None = None) -> str:
    """A user-facing message: no voice speaks ``lang``, and how to add one on this OS (in
    whole sentences: no words are put together in code)."""
    lang = _primary(lang)
    if lang == "da":
        missing = _("There is no Danish voice on this computer, so the text cannot be read aloud.")
    elif lang == "en":
        missing = _("There is no English voice on this computer, so the text cannot be read "
                    "aloud.")
    else:
        missing = _("There is no voice for this language on this computer, so the text cannot "
                    "be read aloud.")
    platform = platform or _platform()
    if platform == "windows":
        # Windows' settings list the voices by language; the voice is then a OneCore voice,
        # which speech/sapi.py makes available to the app.
        how = {"da": _("You can add a Danish voice in Windows: open Settings > Time & language > "
                       "Speech, choose Add voices, and add Dansk (Danmark). Then start the "
                       "program again."),
               "en": _("You can add an English voice in Windows: open Settings > Time & "
                       "language > Speech, choose Add voices, and add English (United "
                       "Kingdom). Then start the program again.")}.get(lang) or _(
            "You can add a voice in Windows: open Settings > Time & language > Speech, and "
            "choose Add voices. Then start the program again.")
    elif platform == "macos":
        how = {"da": _("You can add a Danish voice on the Mac: open System Settings > "
                       "Accessibility > Spoken Content > System voice > Manage voices, and "
                       "choose Danish, for example the voice Sara. Then start the program "
                       "again."),
               "en": _("You can add an English voice on the Mac: open System Settings > "
                       "Accessibility > Spoken Content > System voice > Manage voices, and "
                       "choose English (United Kingdom), for example the voice Daniel. Then "
                       "start the program again.")}.get(lang) or _(
            "You can add a voice on the Mac: open System Settings > Accessibility > Spoken "
            "Content > System voice > Manage voices. Then start the program again.")
    else:
        log.warning("no voice for %s: install espeak-ng (Debian/Ubuntu: sudo apt install "
                    "espeak-ng), which speaks Danish and English, and restart", lang)
        how = _("Ask someone to install a voice on the computer. Then start the program again.")
    return missing + " " + how


def list_voices(timeout: float = 10.0) -> list[Voice]:
    """The engine's voices (cached after the first success); ``[]`` if there is no engine.

    The engine is queried on the speech worker thread; this call waits at most ``timeout``
    seconds. Do not call it on the UI thread: use ``Synthesizer.request_voices()`` there.
    """
    from desktop_app.speech import engine
    try:
        return engine.shared_worker().voices(timeout=timeout)
    except Exception:  # noqa: BLE001 - no engine or no driver: no voices
        return []

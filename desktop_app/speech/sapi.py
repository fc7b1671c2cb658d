"""Windows speech through pyttsx3's SAPI 5 driver, with the voices Windows' settings install.

pyttsx3 lists only the voices under ``HKLM\\SOFTWARE\\Microsoft\\Speech\\Voices``. The voices that
Windows 10/11 add from Settings › Time & language › Speech (the Danish "Microsoft Helle" among
them) are OneCore voices, registered under ``...\\Speech_OneCore\\Voices``. SAPI enumerates that
category too (``SpObjectTokenCategory.SetId``), and an ``SpVoice`` speaks with such a token, so
``extend_voices`` teaches the driver both categories. ``hook_word_events`` keeps the audio
stream position of each word event for the word timings (``speech/timings.py``).

Everything COM is reached through the driver object and a ``create`` function
(``comtypes.client.CreateObject``), so the logic runs in tests with a fake COM layer.
"""
from __future__ import annotations

import locale
import logging
from typing import Any, Callable

log = logging.getLogger(__name__)

SAPI_VOICES = r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices"
ONECORE_VOICES = r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech_OneCore\Voices"

# The Windows language ids (LCID) of the voices people here install; others via the locale table.
_LCID_TAGS = {0x0406: "da-DK", 0x0409: "en-US", 0x0809: "en-GB", 0x0C09: "en-AU",
              0x1009: "en-CA", 0x4009: "en-IN", 0x1809: "en-IE", 0x0414: "nb-NO",
              0x041D: "sv-SE", 0x0407: "de-DE"}


def language_tag(attribute: str | None) -> str | None:
    """A BCP 47 tag from a token's ``Language`` attribute: hexadecimal LCIDs separated by ``;``
    (the first is the voice's own), e.g. ``"406"`` -> ``"da-DK"``."""
    first = (attribute or "").split(";")[0].strip()
    try:
        lcid = int(first, 16)
    except ValueError:
        return None
    tag = _LCID_TAGS.get(lcid) or locale.windows_locale.get(lcid)
    return tag.replace("_", "-") if tag else None


class TokenVoice:
    """A voice as pyttsx3 describes one: ``id``, ``name``, ``languages``."""

    def __init__(self, token: Any):
        self.id = str(token.Id)
        try:
            self.name = str(token.GetDescription())
        except Exception:  # noqa: BLE001 - a token without a description
            self.name = self.id.rsplit("\\", 1)[-1]
        try:
            tag = language_tag(token.GetAttribute("Language"))
        except Exception:  # noqa: BLE001
            tag = None
        self.languages = [tag] if tag else []


def category_tokens(create: Callable[[str], Any], category_id: str) -> list[Any]:
    """The voice tokens registered under ``category_id``."""
    category = create("SAPI.SpObjectTokenCategory")
    category.SetId(category_id, False)
    tokens = category.EnumerateTokens()
    return [tokens.Item(i) for i in range(tokens.Count)]


def all_voice_tokens(driver: Any, create: Callable[[str], Any]) -> dict[str, Any]:
    """SAPI 5 and OneCore voice tokens by id (SAPI 5's first, as pyttsx3 lists them)."""
    found: dict[str, Any] = {}
    voices = driver._tts.GetVoices()
    for index in range(voices.Count):
        token = voices.Item(index)
        found[str(token.Id)] = token
    try:
        for token in category_tokens(create, ONECORE_VOICES):
            found.setdefault(str(token.Id), token)
    except Exception as exc:  # noqa: BLE001 - no OneCore category (older Windows)
        log.info("no OneCore voices: %r", exc)
    return found


def extend_voices(driver: Any, create: Callable[[str], Any] | None = None) -> int:
    """Make ``driver`` (pyttsx3's SAPI5Driver) list and use OneCore voices too; returns the
    number of voices it now knows."""
    if create is None:
        import comtypes.client
        create = comtypes.client.CreateObject
    tokens = all_voice_tokens(driver, create)
    original_get = driver.getProperty

    def get_property(name: str) -> Any:
        if name == "voices":
            return [TokenVoice(token) for token in tokens.values()]
        return original_get(name)

    def token_from_id(voice_id: str) -> Any:
        token = tokens.get(voice_id)
        if token is None:
            raise ValueError("unknown voice id", voice_id)
        return token

    driver.getProperty = get_property
    driver._tokenFromId = token_from_id
    return len(tokens)


def hook_word_events(sink_class: Any) -> None:
    """Let the driver's event sink hand each word's stream position (bytes) to the driver's
    ``_word_capture``. Must run before the driver is made: comtypes looks up the handler
    methods when it connects the sink."""
    original = sink_class._ISpeechVoiceEvents_Word
    if getattr(original, "_keeps_positions", False):
        return

    def on_word(self, stream_number, stream_position, char, length):
        capture = getattr(self._driver, "_word_capture", None)
        if capture is not None:
            capture.record(int(char), int(length), int(stream_position))
        return original(self, stream_number, stream_position, char, length)

    on_word._keeps_positions = True  # type: ignore[attr-defined]
    sink_class._ISpeechVoiceEvents_Word = on_word


def prepare_driver_module() -> None:
    """Before ``pyttsx3.init()`` on Windows: hook the SAPI 5 driver's word events."""
    try:
        from pyttsx3.drivers import sapi5
        hook_word_events(sapi5.SAPI5DriverEventSink)
    except Exception as exc:  # noqa: BLE001 - sentences are highlighted without words
        log.warning("SAPI 5 word events not hooked: %r", exc)


def after_start(engine: Any) -> None:
    """After ``pyttsx3.init()`` on Windows: the OneCore voices."""
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    if driver is None:
        return
    try:
        count = extend_voices(driver)
        log.info("SAPI 5 with OneCore: %d voices", count)
    except Exception as exc:  # noqa: BLE001 - keep pyttsx3's own list
        log.warning("OneCore voices not added: %r", exc)

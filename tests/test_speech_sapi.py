"""Windows voices with a fake COM layer: OneCore voices listed and used through pyttsx3's SAPI 5
driver, and word positions from SAPI 5's word events."""
from __future__ import annotations

import wave

import pytest

from desktop_app.speech import sapi, timings
from desktop_app.speech.engine import EngineContext, SynthJob
from desktop_app.speech.voices import Voice, voice_for

SAPI_ZIRA = r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_EN-US_ZIRA_11.0"
ONECORE_HELLE = (r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech_OneCore\Voices\Tokens"
                 r"\MSTTS_V110_daDK_HelleM")
ONECORE_HAZEL = (r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech_OneCore\Voices\Tokens"
                 r"\MSTTS_V110_enGB_HazelM")


class Token:
    def __init__(self, token_id, name, language):
        self.Id, self._name, self._language = token_id, name, language

    def GetDescription(self):  # noqa: N802 - COM names
        return self._name

    def GetAttribute(self, name):  # noqa: N802
        return {"Language": self._language}[name]


class Tokens:
    def __init__(self, tokens):
        self._tokens = list(tokens)
        self.Count = len(self._tokens)

    def Item(self, index):  # noqa: N802
        return self._tokens[index]

    def __iter__(self):
        return iter(self._tokens)


class Category:
    registry = {sapi.ONECORE_VOICES: [Token(ONECORE_HELLE, "Microsoft Helle - Danish (Denmark)",
                                            "406"),
                                      Token(ONECORE_HAZEL, "Microsoft Hazel - English (UK)",
                                            "809;9"),
                                      Token(SAPI_ZIRA, "duplicate of a SAPI 5 voice", "409")]}

    def __init__(self):
        self.tokens = []

    def SetId(self, category_id, create_if_missing):  # noqa: N802
        if category_id not in self.registry:
            raise OSError("no such category")
        self.tokens = self.registry[category_id]

    def EnumerateTokens(self):  # noqa: N802
        return Tokens(self.tokens)


def create(progid):
    assert progid == "SAPI.SpObjectTokenCategory"
    return Category()


class SpVoice:
    def __init__(self):
        self.Voice = None

    def GetVoices(self):  # noqa: N802 - what pyttsx3's driver enumerates: SAPI 5 only
        return Tokens([Token(SAPI_ZIRA, "Microsoft Zira Desktop - English (United States)",
                             "409")])


class FakeSapiDriver:
    """The parts of pyttsx3's SAPI5Driver that the extension replaces or uses."""

    def __init__(self):
        self._tts = SpVoice()
        self._rate = 200

    def _tokenFromId(self, id_):  # noqa: N802 - pyttsx3's own: SAPI 5 voices only
        for token in self._tts.GetVoices():
            if token.Id == id_:
                return token
        raise ValueError("unknown voice id", id_)

    def getProperty(self, name):  # noqa: N802
        if name == "voices":
            return []
        return {"rate": self._rate, "voice": self._tts.Voice.Id}[name]

    def setProperty(self, name, value):  # noqa: N802 - as pyttsx3: voice via _tokenFromId
        if name == "voice":
            self._tts.Voice = self._tokenFromId(value)
        elif name == "rate":
            self._rate = value


def test_language_tags_from_lcid():
    assert sapi.language_tag("406") == "da-DK"
    assert sapi.language_tag("809;9") == "en-GB"
    assert sapi.language_tag("409") == "en-US"
    assert sapi.language_tag("") is None and sapi.language_tag("zz") is None


def test_onecore_voices_are_listed_once_and_used():
    driver = FakeSapiDriver()
    assert sapi.extend_voices(driver, create) == 3
    voices = driver.getProperty("voices")
    assert [(v.id, v.languages) for v in voices] == [
        (SAPI_ZIRA, ["en-US"]), (ONECORE_HELLE, ["da-DK"]), (ONECORE_HAZEL, ["en-GB"])]
    driver.setProperty("voice", ONECORE_HELLE)  # pyttsx3 alone raises "unknown voice id"
    assert driver._tts.Voice.Id == ONECORE_HELLE
    with pytest.raises(ValueError):
        driver.setProperty("voice", "no such voice")


def test_danish_is_chosen_from_a_onecore_voice():
    driver = FakeSapiDriver()
    sapi.extend_voices(driver, create)
    voices = [Voice(v.id, v.name, tuple(v.languages)) for v in driver.getProperty("voices")]
    assert voice_for("da", voices).id == ONECORE_HELLE
    assert voice_for("en", voices).id in (SAPI_ZIRA, ONECORE_HAZEL)


def test_without_a_onecore_category_the_sapi5_voices_remain():
    driver = FakeSapiDriver()

    def no_category(progid):
        category = Category()
        category.registry = {}
        return category

    assert sapi.extend_voices(driver, no_category) == 1
    assert [v.id for v in driver.getProperty("voices")] == [SAPI_ZIRA]


class Sink:
    """pyttsx3's SAPI5DriverEventSink: the word event handler, which records what it saw."""

    def __init__(self, driver):
        self._driver = driver
        self.seen = []

    def _ISpeechVoiceEvents_Word(self, stream_number, stream_position, char, length):  # noqa: N802
        self.seen.append(char)


class FakeSapiEngine:
    """pyttsx3's Engine over the fake driver: save_to_file writes a WAV and fires word events
    through the hooked event sink, with stream positions in bytes as SAPI 5 does."""

    TEST_ONLY = ("sink",)
    driver_name = "sapi5"

    def __init__(self):
        self.proxy = type("Proxy", (), {})()
        self.proxy._driver = FakeSapiDriver()
        sapi.extend_voices(self.proxy._driver, create)
        self._job = None
        sapi.hook_word_events(Sink)
        self.sink = Sink(self.proxy._driver)

    def getProperty(self, name):  # noqa: N802
        return self.proxy._driver.getProperty(name)

    def setProperty(self, name, value):  # noqa: N802
        self.proxy._driver.setProperty(name, value)

    def isBusy(self):  # noqa: N802
        return False

    def save_to_file(self, text, filename, name=None):
        self._job = (text, filename)

    def runAndWait(self):  # noqa: N802
        text, path = self._job
        rate = 16000  # 16 kHz, 16-bit mono: 32 bytes a millisecond
        with wave.open(path, "wb") as wav:
            wav.setnchannels(1), wav.setsampwidth(2), wav.setframerate(rate)
            wav.writeframes(b"\x10\x00" * rate)  # one second
        position = 0
        for word in text.split():
            char = text.index(word, position)
            self.sink._ISpeechVoiceEvents_Word(1, char * 32 * 40, char, len(word))
            position = char + len(word)


def test_word_positions_from_sapi5_stream_bytes(tmp_path):
    engine = FakeSapiEngine()
    ctx = EngineContext(lambda: engine)
    out = ctx.render(SynthJob(text="Hej med dig", lang="da", normalize=False), tmp_path / "a.wav")
    assert engine.proxy._driver._tts.Voice.Id == ONECORE_HELLE  # the Danish OneCore voice
    assert engine.sink.seen == [0, 4, 8]  # the driver's own handler still runs
    assert [(w.word, w.start_ms, w.end_ms) for w in ctx.last_words] == [
        ("Hej", 0, 160), ("med", 160, 320), ("dig", 320, 1000)]
    assert timings.audio_ms(out) == 1000

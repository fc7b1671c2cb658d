"""Synthesis: real espeak-ng speech, the cache, voice choice and the failure paths."""
from __future__ import annotations

import array
import json
import math
import os
import tempfile
import threading
import wave
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop_app.speech import cache as cache_module
from desktop_app.speech.cli import cmd_say, cmd_voices
from desktop_app.speech.engine import EngineContext, SynthJob, shared_worker
from desktop_app.speech.synth import Synthesizer, synthesize_to_file
from desktop_app.speech.voices import Voice, missing_voice_message, voice_for
from tests.fakes import FakeEngine

DA = "Borgere med handicap skal have lige muligheder for at deltage i samfundet."
EN = "Citizens with disabilities should have equal opportunities to take part in society."


def wav_stats(path) -> tuple[float, float]:
    """(seconds, RMS of the 16-bit samples)."""
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2
        frames = wav.readframes(wav.getnframes())
        seconds = wav.getnframes() / wav.getframerate()
    samples = array.array("h", frames)
    rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))
    return seconds, rms


def assert_speech(path, text: str, rate: int = 100) -> None:
    seconds, rms = wav_stats(path)
    words = len(text.split())
    per_word = seconds / words * rate / 100  # at 100 %: espeak ~175 words a minute
    assert rms > 500, f"silent: RMS {rms:.0f}"
    assert 0.2 < per_word < 0.8, f"{seconds:.2f} s for {words} words"


@pytest.fixture
def cache_dir(tmp_path) -> Path:
    return tmp_path / "speech-cache"


def run(qtbot, synth, job, timeout=10000):
    results = []
    synth.sig_ready.connect(lambda j, p: results.append(("ready", p)))
    synth.sig_failed.connect(lambda j, m: results.append(("failed", m)))
    synth.request(job)
    qtbot.waitUntil(lambda: bool(results), timeout=timeout)
    return results[0]


# -- real espeak-ng ------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "text"), [("da", DA), ("en", EN)])
def test_real_speech_is_audible_and_plausibly_long(qtbot, cache_dir, lang, text):
    synth = Synthesizer(cache_dir=cache_dir)
    kind, path = run(qtbot, synth, SynthJob(text, lang))
    assert kind == "ready", path
    assert Path(path).parent == cache_dir
    assert_speech(path, text)


def test_rate_changes_duration(qtbot, cache_dir):
    synth = Synthesizer(cache_dir=cache_dir)
    _, normal = run(qtbot, synth, SynthJob(DA, "da", rate=100))
    _, fast = run(qtbot, synth, SynthJob(DA, "da", rate=200))
    assert normal != fast
    assert wav_stats(fast)[0] < 0.75 * wav_stats(normal)[0]
    assert_speech(fast, DA, rate=200)


def test_danish_text_uses_the_danish_voice():
    voices = shared_worker().voices(timeout=10)
    assert voice_for("da", voices).id == "gmq/da"
    assert voice_for("en", voices).id == "gmw/en"


def test_cli_say_and_voices(tmp_path, capsys):
    out = tmp_path / "say.wav"
    assert cmd_say("da", str(out), "Se § 104, bl.a. om STU.") == 0
    assert_speech(out, "Se paragraf 104, blandt andet om S T U.")
    assert cmd_say("en", str(tmp_path / "missing" / "x.wav"), "Hello.") == 1
    assert "cannot be saved" in capsys.readouterr().err
    assert cmd_voices() == 0
    listed = json.loads(capsys.readouterr().out)
    assert {"id": "gmq/da", "name": "Danish", "languages": ["da"]} in listed


def test_synthesize_to_file_blocking(tmp_path):
    out = synthesize_to_file("Hello there, this is a test.", "en", tmp_path / "x.wav", rate=150)
    assert_speech(out, "Hello there, this is a test.", rate=150)


# -- the cache -----------------------------------------------------------------------------
def test_cache_hit_does_not_synthesise_again(qtbot, cache_dir, monkeypatch):
    synth = Synthesizer(cache_dir=cache_dir)
    _, first = run(qtbot, synth, SynthJob("Et kort stykke tekst.", "da"))

    def boom(*args, **kwargs):
        raise AssertionError("synthesised again")

    monkeypatch.setattr(EngineContext, "render", boom)
    _, again = run(qtbot, synth, SynthJob("Et kort stykke tekst.", "da"))  # UI-side hit
    assert again == first
    fresh = Synthesizer(cache_dir=cache_dir)  # knows nothing yet: the worker finds it
    _, third = run(qtbot, fresh, SynthJob("Et kort stykke tekst.", "da"))
    assert third == first


def test_cache_is_bounded_oldest_first(qtbot, tmp_path):
    folder = tmp_path / "small"
    synth = Synthesizer(cache_dir=folder, engine_factory=FakeEngine, cache_limit=20000)
    paths = [run(qtbot, synth, SynthJob(f"Sentence number {n}.", "en"))[1] for n in range(4)]
    left = sorted(p.name for p in folder.glob("*.wav"))
    assert Path(paths[-1]).name in left
    assert Path(paths[0]).name not in left
    assert sum(p.stat().st_size for p in folder.glob("*.wav")) <= 20000


def test_unusable_cache_folder_falls_back_to_temp(qtbot, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    synth = Synthesizer(cache_dir=blocked / "speech", engine_factory=FakeEngine)
    kind, path = run(qtbot, synth, SynthJob("Hello.", "en"))
    assert kind == "ready"
    assert not str(path).startswith(str(blocked))


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root ignores file permissions")
def test_read_only_cache_folder_falls_back_to_temp(qtbot, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        synth = Synthesizer(cache_dir=folder, engine_factory=FakeEngine)
        kind, path = run(qtbot, synth, SynthJob("Hello.", "en"))
        assert kind == "ready" and Path(path).parent != folder
    finally:
        folder.chmod(0o700)


def test_full_disk_falls_back_to_temp(qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "full"
    real = cache_module.shutil.disk_usage

    def usage(path):
        if str(path).startswith(str(folder)):
            return SimpleNamespace(total=10**9, used=10**9, free=0)
        return real(path)

    monkeypatch.setattr(cache_module.shutil, "disk_usage", usage)
    synth = Synthesizer(cache_dir=folder, engine_factory=FakeEngine)
    kind, path = run(qtbot, synth, SynthJob("Hello.", "en"))
    assert kind == "ready" and not str(path).startswith(str(folder))


def test_no_writable_folder_at_all_is_a_clear_failure(qtbot, tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(blocked))
    synth = Synthesizer(cache_dir=blocked / "speech", engine_factory=FakeEngine)
    kind, message = run(qtbot, synth, SynthJob("Hello.", "en"))
    assert kind == "failed"
    assert "no room on the computer" in message


# -- voices --------------------------------------------------------------------------------
ESPEAK = [Voice("gmq/da", "Danish", ("da",)), Voice("gmw/en", "English (Great Britain)",
          ("en-gb",)), Voice("gmw/en-us", "English (America)", ("en-us",)),
          Voice("gmw/en-gb-x-rp", "English (Received Pronunciation)", ("en-gb-x-rp",)),
          Voice("gmw/de", "German", ("de",))]


def test_voice_for_each_language():
    assert voice_for("da", ESPEAK).id == "gmq/da"
    assert voice_for("en", ESPEAK).id == "gmw/en"
    assert voice_for("en", ESPEAK, "gmw/en-gb-x-rp").id == "gmw/en-gb-x-rp"
    assert voice_for("en-US", ESPEAK).id == "gmw/en"


def test_never_an_english_voice_for_danish():
    english_only = [v for v in ESPEAK if v.id != "gmq/da"]
    assert voice_for("da", english_only) is None
    assert voice_for("da", english_only, override_id="gmw/en") is None
    assert voice_for("da", ESPEAK, override_id="gmw/en").id == "gmq/da"


def test_voices_of_other_platforms():
    sapi = [Voice(r"HKEY\TTS_MS_DA-DK_HELLE_11.0", "Microsoft Helle Desktop - Danish"),
            Voice(r"HKEY\TTS_MS_EN-US_ZIRA_11.0", "Microsoft Zira Desktop - English (US)")]
    assert voice_for("da", sapi).name.startswith("Microsoft Helle")
    assert voice_for("en", sapi).name.startswith("Microsoft Zira")
    mac = [Voice("com.apple.voice.compact.da-DK.Sara", "Sara", ("da_DK",))]
    assert voice_for("da", mac).name == "Sara"
    assert voice_for("en", mac) is None


@pytest.mark.parametrize(("platform", "hint"), [
    ("linux", "Ask someone to install a voice"),
    ("windows", "Time & language > Speech, choose Add voices, and add Dansk (Danmark)"),
    ("macos", "Spoken Content > System voice > Manage voices, and choose Danish")])
def test_missing_voice_message(platform, hint):
    message = missing_voice_message("da", platform)
    assert "no Danish voice" in message and hint in message
    assert "English" not in message and "sudo" not in message


@pytest.mark.parametrize(("platform", "hint"), [
    ("windows", "add English (United Kingdom)"), ("macos", "choose English (United Kingdom)")])
def test_missing_english_voice_names_the_english_one(platform, hint):
    message = missing_voice_message("en", platform)
    assert "no English voice" in message and hint in message and "Dansk" not in message


def test_missing_danish_voice_fails_with_the_message(qtbot, cache_dir):
    synth = Synthesizer(cache_dir=cache_dir, engine_factory=FakeEngine)
    kind, message = run(qtbot, synth, SynthJob("Hej med dig.", "da"))
    assert kind == "failed"
    assert message == missing_voice_message("da")


# -- failures ------------------------------------------------------------------------------
def test_engine_that_cannot_start(qtbot, cache_dir, caplog):
    def broken():
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    synth = Synthesizer(cache_dir=cache_dir, engine_factory=broken)
    kind, message = run(qtbot, synth, SynthJob("Hello.", "en"))
    assert kind == "failed"
    assert message.startswith("Reading aloud does not work on this computer.")
    assert "espeak" not in message                            # the cause and the fix: the log
    assert "libespeak-ng.so.1" in caplog.text and "install espeak-ng" in caplog.text


def test_driver_exception(qtbot, cache_dir, caplog):
    synth = Synthesizer(cache_dir=cache_dir,
                        engine_factory=lambda: FakeEngine(fail=RuntimeError("driver broke")))
    kind, message = run(qtbot, synth, SynthJob("Hello.", "en"))
    assert kind == "failed" and message.startswith("Reading aloud does not work right now.")
    assert "driver broke" not in message and "driver broke" in caplog.text
    assert not list(cache_dir.glob("*.wav")) and not list(cache_dir.glob(".*"))


def test_empty_wav_is_a_failure(qtbot, cache_dir, caplog):
    synth = Synthesizer(cache_dir=cache_dir, engine_factory=lambda: FakeEngine(frames=0))
    kind, message = run(qtbot, synth, SynthJob("Hello.", "en"))
    assert kind == "failed" and message.startswith("Reading aloud does not work right now.")
    assert "no sound from" in caplog.text


def test_nothing_to_say(qtbot, cache_dir):
    synth = Synthesizer(cache_dir=cache_dir, engine_factory=FakeEngine)
    kind, message = run(qtbot, synth, SynthJob("   ", "en"))
    assert kind == "failed"


def test_hanging_engine_times_out_without_blocking(qtbot, cache_dir):
    release = threading.Event()
    synth = Synthesizer(cache_dir=cache_dir, timeout_s=0.3,
                        engine_factory=lambda: FakeEngine(block=release))
    try:
        kind, message = run(qtbot, synth, SynthJob("Hello.", "en"), timeout=3000)
        assert kind == "failed" and "does not work right now" in message
    finally:
        release.set()


def test_cancelled_job_is_silent(qtbot, cache_dir):
    release = threading.Event()
    synth = Synthesizer(cache_dir=cache_dir, engine_factory=lambda: FakeEngine(block=release))
    first = synth.request(SynthJob("One.", "en"))
    second = synth.request(SynthJob("Two.", "en"))
    synth.cancel(first)
    synth.cancel(second)
    with qtbot.assertNotEmitted(synth.sig_ready, wait=300):
        release.set()
    assert synth.pending() == 0

"""The kiosk keeps working when things break while it runs: the speech engine, the sound
device, content files; and a short soak run leaks no objects, threads or file descriptors."""
from __future__ import annotations

import argparse
import importlib.util
import itertools
import shutil
import wave
from pathlib import Path

import pytest

from desktop_app import i18n
from desktop_app.app import build
from desktop_app.core.settings import SettingsStore
from desktop_app.speech.player import Player, broken_message
from desktop_app.speech.session import ReadingSession
from tests.fakes import FakeSession, FakeSynth

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("kiosk_soak", ROOT / "bench" / "soak.py")
soak = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(soak)


def options(content: Path) -> argparse.Namespace:
    return argparse.Namespace(lang=None, level=None, theme=None, text_scale=None, page=None,
                              kiosk=True, content_dir=str(content), smoke=False,
                              idle_seconds=None)


@pytest.fixture
def kiosk(qtbot, good_content, tmp_path, monkeypatch):
    monkeypatch.setenv("DESKTOP_APP_KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))

    def make(factory):
        _app, win, _store = build(options(good_content), SettingsStore(tmp_path / "user"),
                                  factory)
        qtbot.addWidget(win, before_close_func=lambda w: w.kiosk_controller.shutdown())
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        return win
    yield make
    i18n.set_language("da")


def _still_works(win, qtbot) -> None:
    """Navigation, reading and the reset all still go."""
    win.state.open_topic("areas")
    win.state.open_page("housing")
    assert win.state.location == ("page", "housing") and win.reader.sentences()
    win.speech.read_or_pause()
    with qtbot.waitSignal(win.kiosk_controller.sig_reset, timeout=1000):
        win.kiosk_controller.reset()
    assert win.state.location == ("home", "") and win.home.tiles_list()


def test_speech_engine_that_cannot_start(kiosk, qtbot):
    calls = itertools.count()
    good = FakeSession()

    def factory():
        if next(calls) == 0:
            raise RuntimeError("no speech engine")
        return good
    win = kiosk(factory)
    win.speech.read_or_pause()                       # the first person: no speech
    assert win.speech_bar.status.text().startswith("Oplæsningen virker ikke lige nu.")
    assert "no speech engine" not in win.speech_bar.status.text()   # the cause is logged
    _still_works(win, qtbot)                         # ... and the app goes on
    win.kiosk_controller.show_warning()              # the next person gets a fresh try
    assert good.spoken and good.spoken[-1][0].startswith("Er du der stadig?")


def test_speech_failing_while_reading(kiosk, qtbot):
    session = FakeSession()
    win = kiosk(lambda: session)
    win.state.open_page("housing")
    session.fail_with = "Talen kunne ikke laves"
    win.speech.read_or_pause()
    assert session.state == "error" and win.notices.isVisibleTo(win)
    assert "Talen kunne ikke laves" in win.notices.label.text()
    win.kiosk_controller.reset()
    assert not win.notices.isVisibleTo(win)       # the next person does not see it
    session.fail_with = ""
    _still_works(win, qtbot)


@pytest.fixture
def silent_wav(tmp_path) -> Path:
    path = tmp_path / "silence.wav"
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(22050)
        handle.writeframes(b"\0\0" * 2205 * 4)       # 0.4 s
    return path


def test_sound_device_vanishing_while_reading(kiosk, qtbot, silent_wav):
    """The real reading session and Qt Multimedia player; the player then reports what Qt
    reports when the device is unplugged."""
    player = Player()
    session = ReadingSession(FakeSynth(wav=silent_wav), player, pause_scale=0.1)
    win = kiosk(lambda: session)
    win.state.open_page("housing")
    with qtbot.waitSignal(session.sig_sentence_started, timeout=5000):
        win.speech.read_or_pause()
    with qtbot.waitSignal(session.sig_error, timeout=2000):
        player.sig_error.emit(broken_message("device removed"))
    assert session.state == "error"
    assert win.notices.label.text() == broken_message("") and win.notices.isVisibleTo(win)
    win.kiosk_controller.reset()
    assert session.state != "error" and not win.notices.isVisibleTo(win)
    win.state.open_page("housing")                         # the device is back: reading works
    with qtbot.waitSignal(session.sig_sentence_started, timeout=5000):
        win.speech.read_or_pause()
    session.stop()


def test_no_sound_device_at_all(kiosk, qtbot, silent_wav):
    session = ReadingSession(FakeSynth(wav=silent_wav), Player(force_unavailable="no device"))
    win = kiosk(lambda: session)
    win.state.open_page("housing")
    with qtbot.waitSignal(session.sig_error, timeout=2000):
        win.speech.read_or_pause()
    assert win.notices.label.text().startswith("Computeren giver ingen lyd")
    assert "no device" not in win.notices.label.text()       # the cause is in the log
    _still_works(win, qtbot)


def test_content_files_going_missing_while_running(kiosk, qtbot, good_content):
    win = kiosk(lambda: FakeSession())
    shutil.rmtree(good_content)                       # every content file gone
    _still_works(win, qtbot)                          # pages were read once, at start
    win.state.change(lang="en", level="easy")
    win.state.open_page("housing")
    assert win.state.location == ("page", "housing")
    win.state.open_page("a-page-that-is-not-there")        # a page the library does not have
    assert win.state.location == ("home", "")
    assert win.notices.label.text() == "This page could not be shown."
    win.kiosk_controller.reset()
    assert not win.notices.isVisibleTo(win) and win.home.tiles_list()


def test_short_soak_leaks_nothing():
    """40 cycles of topic, page, read, switches and reset (bench/soak.py runs 10,000)."""
    result = soak.run(40, warmup=20)
    assert result["code"] == 0 and result["cycles"] == 40
    assert result["end"]["fds"] <= result["warm"]["fds"]
    assert result["end"]["threads"] <= result["warm"]["threads"]
    assert result["growth"] < 0.10

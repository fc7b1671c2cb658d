"""Shared test set-up: Qt offscreen, and settings, logs and cache in temporary folders."""
from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def sound(tmp_path_factory):
    """Speech is played into a private PulseAudio null sink, and recorded from its monitor.

    Set up before any test touches Qt Multimedia, which connects to the server it finds in the
    environment once per process. Yields the ``Recorder`` (None where PulseAudio is missing:
    then tests that listen are skipped and playback goes to the system's own output)."""
    from tests import soundserver
    if not soundserver.available():
        yield None
        return
    try:
        server = soundserver.SoundServer(tmp_path_factory.mktemp("pulse"))
    except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:
        warnings.warn(f"no private sound server ({exc}); speech tests will report it")
        yield None
        return
    saved = {key: os.environ.get(key) for key in server.env}
    os.environ.update(server.env)
    recorder = soundserver.Recorder(server.env)
    if not recorder.wait_running():
        recorder.close()
        server.close()
        raise RuntimeError("the recorder on the test sound server delivered no data")
    recorder.server = server
    yield recorder
    recorder.close()
    server.close()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def listening(sound):
    if sound is None:
        pytest.skip("needs PulseAudio (pulseaudio, pulseaudio-utils) to hear the output")
    return sound


@pytest.fixture(autouse=True)
def _private_folders(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("DESKTOP_APP_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("DESKTOP_APP_LOG_DIR", str(base / "log"))
    monkeypatch.setenv("DESKTOP_APP_CACHE_DIR", str(base / "cache"))
    # Each test starts with the interface in English (the message ids); a window built in a
    # test switches to its own language.
    from desktop_app import i18n
    i18n.set_language("en")
    yield


@pytest.fixture
def good_content(tmp_path) -> Path:
    """A copy of the small valid content fixture, safe to modify."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "good", target)
    return target

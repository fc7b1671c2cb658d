"""A quiet start: no Qt Multimedia chatter (PipeWire, backend) on the terminal, a problem with
sound as one plain line in the log, and without a display a clear message and exit status 2
instead of Qt's abort."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import qtenv

ROOT = Path(__file__).resolve().parent.parent
CHATTER = ("pipewire", "qt.multimedia", "FFmpeg", "PulseAudioService", "backend")


def _env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("QT_LOGGING_RULES", None)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def test_without_a_display_the_app_says_so_and_exits_2():
    env = _env(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None)
    result = subprocess.run([sys.executable, "-m", "desktop_app"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == qtenv.EXIT_NO_DISPLAY == 2, result.stderr[-2000:]
    assert result.stderr.strip() == qtenv.NO_DISPLAY
    assert "skærm" in result.stderr and "no screen" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("argv, env, platform, missing", [
    ([], {}, "linux", True),
    ([], {"DISPLAY": ":0"}, "linux", False),
    ([], {"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ([], {"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ([], {"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    (["-platform", "offscreen"], {}, "linux", False),
    (["-platform"], {}, "linux", True),
    ([], {}, "win32", False),
    ([], {}, "darwin", False),
])
def test_display_missing(argv, env, platform, missing):
    assert qtenv.display_missing(["prog", *argv], env, platform) is missing


def test_quiet_rules_come_first_and_the_users_still_win():
    env = {"QT_LOGGING_RULES": "qt.multimedia.symbolsresolver=true"}
    qtenv.quiet_multimedia(env)
    rules = env["QT_LOGGING_RULES"].split(";")
    assert rules[:len(qtenv.QUIET_RULES)] == list(qtenv.QUIET_RULES)
    assert rules[-1] == "qt.multimedia.symbolsresolver=true"    # later rules override
    before = env["QT_LOGGING_RULES"]
    qtenv.quiet_multimedia(env)
    assert env["QT_LOGGING_RULES"] == before                      # not added twice


def test_start_prints_nothing_of_qt_multimedia(tmp_path):
    """--smoke builds the real window (Qt Multimedia imported) and prints only its summary."""
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--smoke"], cwd=ROOT,
                            env=_env(QT_QPA_PLATFORM="offscreen",
                                     DESKTOP_APP_LOG_DIR=str(tmp_path)),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr == "", result.stderr


def test_reading_aloud_prints_nothing_of_qt_multimedia(listening):
    """Played through the tests' sound server: heard, and nothing on the terminal."""
    result = subprocess.run([sys.executable, "-m", "desktop_app", "say", "--lang", "da",
                             "--play", "Hej."], cwd=ROOT, env=_env(QT_QPA_PLATFORM="offscreen"),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not [line for line in result.stderr.splitlines()
                if any(word in line for word in CHATTER)], result.stderr


_NO_SOUND_SERVER = """
import sys
from desktop_app import qtenv
from desktop_app.logs import setup_logging
qtenv.quiet_multimedia()
print(setup_logging())
qtenv.route_multimedia_messages()
from PySide6.QtCore import QCoreApplication
from PySide6.QtMultimedia import QMediaDevices
app = QCoreApplication([])
QMediaDevices.audioOutputs()
QMediaDevices.defaultAudioOutput()
"""


def test_a_sound_problem_is_one_plain_line_in_the_log(tmp_path):
    """No sound server: the log says so once; the terminal stays quiet."""
    env = _env(QT_QPA_PLATFORM="offscreen", DESKTOP_APP_LOG_DIR=str(tmp_path),
               PULSE_SERVER=f"unix:{tmp_path}/no-such-server", PIPEWIRE_REMOTE="none",
               XDG_RUNTIME_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", _NO_SOUND_SERVER], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr == "", result.stderr
    log = Path(result.stdout.strip()).read_text(encoding="utf-8").splitlines()
    sound = [line for line in log if "sound (Qt Multimedia)" in line]
    assert len(sound) == 1 and "PulseAudio" in sound[0], log
    assert "pipewire" not in "\n".join(log).lower()

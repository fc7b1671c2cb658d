"""The real app in kiosk mode under Xvfb with the openbox window manager, driven by xdotool:
Alt+F4, Escape, Ctrl+Q and Ctrl+W do not close it, then the idle warning and the reset come.

The app's INFO log lines ("kiosk: idle warning shown", "kiosk: reset") tell what happened.
Skipped, saying why, when Xvfb, openbox or xdotool is not installed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.kiosk_pin import hash_pin
from tests.kiosk_x11_tools import poll

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("Xvfb", "openbox", "xdotool")
missing = [tool for tool in TOOLS if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(bool(missing), reason=f"needs {', '.join(missing)} "
                                "(Debian: xvfb openbox xdotool) for the real-window kiosk test")


@pytest.fixture
def xserver(tmp_path):
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                             "1280x800x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        display = ":" + pipe.readline().strip()
    env = dict(os.environ, DISPLAY=display)
    wm = subprocess.Popen(["openbox", "--sm-disable"], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    if shutil.which("wmctrl"):
        poll(lambda: subprocess.run(["wmctrl", "-m"], env=env, capture_output=True)
             .returncode == 0, 10, "openbox to start")
    yield env
    for process in (wm, xvfb):
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()


def _windows(env, pid: int) -> list[str]:
    result = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                            env=env, capture_output=True, text=True)
    return result.stdout.split()


def test_real_kiosk_cannot_be_closed_and_resets_when_idle(xserver, tmp_path):
    env = dict(xserver)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'pin_hash = "{hash_pin("2468")}"\nwarning_seconds = 20\n',
                      encoding="utf-8")
    for name in ("CONFIG", "LOG", "CACHE"):
        env[f"DESKTOP_APP_{name}_DIR"] = str(tmp_path / name.lower())
    env.update(DESKTOP_APP_KIOSK_CONFIG=str(config), QT_QPA_PLATFORM="xcb",
               PULSE_SERVER="unix:/nonexistent")   # no sound server: the app must not care
    env.pop("QT_LINUX_ACCESSIBILITY_ALWAYS_ON", None)
    log = tmp_path / "log" / "app.log"
    app = subprocess.Popen([sys.executable, "-m", "desktop_app", "--kiosk",
                            "--idle-seconds", "2"], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def logged(text: str) -> bool:
        return log.exists() and text in log.read_text(encoding="utf-8")
    try:
        window = poll(lambda: _windows(env, app.pid), 20, "the kiosk window")[0]
        assert logged("kiosk: started")
        subprocess.run(["xdotool", "windowactivate", "--sync", window], env=env, timeout=10)
        for keys in ("alt+F4", "Escape", "ctrl+q", "ctrl+w"):
            subprocess.run(["xdotool", "key", "--clearmodifiers", keys], env=env, timeout=10)
        # Alt+F4 goes to openbox, which asks the window to close: refused
        poll(lambda: logged("kiosk: close request ignored"), 5, "the refused close request")
        assert app.poll() is None, app.stderr.read().decode()[-2000:]
        assert window in _windows(env, app.pid)
        if shutil.which("wmctrl"):
            listing = subprocess.run(["wmctrl", "-l"], env=env, capture_output=True,
                                     text=True).stdout
            assert "Ballerup" in listing
        poll(lambda: logged("kiosk: idle warning shown"), 10, "the idle warning")
        poll(lambda: logged("kiosk: reset"), 30, "the reset after the 20 s warning")
        assert app.poll() is None and window in _windows(env, app.pid)
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()

"""Helpers for the tests that run the real kiosk under Xvfb with Openbox (X11 tools, no Qt in
this process): a virtual screen with the default or the shipped Openbox configuration, the app
as a subprocess, and what the X server says about its window."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from desktop_app.ui.startup import READY

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_OPENBOX = ROOT / "resources" / "kiosk" / "openbox" / "rc.xml"
TOOLS = ("Xvfb", "openbox", "xdotool", "wmctrl", "xprop", "xwininfo", "import", "compare")
MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]
WIDTH, HEIGHT = 1280, 800


def poll(check, timeout: float, what: str, interval: float = 0.05):
    """Poll another process's state (a log file, the X server) until ``check()`` is true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def run(env, *command: str, timeout: float = 10) -> str:
    return subprocess.run(list(command), env=env, capture_output=True, text=True,
                          timeout=timeout).stdout


class Display:
    """Xvfb (its number from ``-displayfd``) and Openbox with ``openbox_config`` ("default":
    the system's own, with no user config; "shipped": resources/kiosk/openbox/rc.xml)."""

    def __init__(self, folder: Path, openbox_config: str):
        read_end, write_end = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{WIDTH}x{HEIGHT}x24",
             "-nolisten", "tcp"], pass_fds=(write_end,), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        self.env = dict(os.environ, DISPLAY=f":{number}", XDG_CONFIG_HOME=str(folder / "xdg"))
        command = ["openbox", "--sm-disable"]
        if openbox_config == "shipped":
            command += ["--config-file", str(SHIPPED_OPENBOX)]
        self.openbox = subprocess.Popen(command, env=self.env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        poll(lambda: subprocess.run(["wmctrl", "-m"], env=self.env, capture_output=True)
             .returncode == 0, 10, "openbox to start")

    def close(self) -> None:
        for process in (self.openbox, self.xvfb):
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()

    def shot(self, path: Path) -> Path:
        run(self.env, "import", "-window", "root", str(path))
        return path

    def settled(self, path: Path, timeout: float = 10) -> Path:
        """A screenshot once the screen has stopped changing (two in a row alike)."""
        previous = self.shot(path.with_suffix(".previous.png"))

        def same() -> bool:
            nonlocal previous
            self.shot(path)
            alike = self.differing_pixels(previous, path) < 50
            path.with_suffix(".previous.png").write_bytes(path.read_bytes())
            return alike
        poll(same, timeout, "the screen to settle", interval=0.3)
        path.with_suffix(".previous.png").unlink()
        return path

    def viewable_windows(self) -> set[str]:
        """The top-level windows that can be seen (a window manager's menu is one)."""
        tree = run(self.env, "xwininfo", "-root", "-children")
        ids = [hex(int(line.split()[0], 0)) for line in tree.splitlines()
               if line.strip().startswith("0x")]
        return {window for window in ids
                if "IsViewable" in run(self.env, "xwininfo", "-id", window)}

    def differing_pixels(self, first: Path, second: Path) -> int:
        result = subprocess.run(["compare", "-metric", "AE", "-fuzz", "5%", str(first),
                                 str(second), "null:"], env=self.env, capture_output=True,
                                text=True, timeout=20)
        return int(float(result.stderr.split()[0]))

    def changed_box(self, first: Path, second: Path) -> tuple[int, int, int, int]:
        """(x, y, width, height) of what differs between two screenshots."""
        out = subprocess.run(["convert", str(first), str(second), "-compose", "difference",
                              "-composite", "-colorspace", "gray", "-threshold", "5%", "-trim",
                              "info:"], env=self.env, capture_output=True, text=True,
                             timeout=20).stdout
        size, offset = out.split()[2], out.split()[3]   # WxH and WxH+X+Y
        width, height = (int(v) for v in size.split("x"))
        x, y = (int(v) for v in offset.split("+")[1:3])
        return x, y, width, height


class Kiosk:
    """The app as a subprocess in its own folders, with ``config_text`` as its kiosk.toml
    (``None``: a folder in its place, which cannot be read); ``window`` is its X window id."""

    def __init__(self, display: Display, folder: Path, config_text: str | None,
                 args=(), env=None):
        self.display, self.folder = display, folder
        self.env = dict(display.env)
        for name in ("CONFIG", "LOG", "CACHE"):
            self.env[f"DESKTOP_APP_{name}_DIR"] = str(folder / name.lower())
        self.config = folder / "kiosk.toml"
        if config_text is None:
            self.config.mkdir()               # where the file should be: cannot be read
        else:
            self.config.write_text(config_text, encoding="utf-8")
        # the tests' silent sound server (conftest), else none: the kiosk must not care
        self.env.update(DESKTOP_APP_KIOSK_CONFIG=str(self.config), QT_QPA_PLATFORM="xcb",
                        PULSE_SERVER=os.environ.get("PULSE_SERVER", "unix:/nonexistent"))
        self.env.pop("DESKTOP_APP_KIOSK", None)
        self.env.pop("QT_LINUX_ACCESSIBILITY_ALWAYS_ON", None)
        self.env.update(env or {})
        self.log = folder / "log" / "app.log"
        self.process = subprocess.Popen([sys.executable, "-m", "desktop_app", *args], cwd=ROOT,
                                        env=self.env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        self.window = poll(self._window, 30, "the kiosk window")
        poll(self.good, 10, "the kiosk full screen")
        # a person comes when the start is over: what waited for the first paint is done
        poll(lambda: self.logged(READY), 30, "the end of the start")

    def _window(self) -> str:
        assert self.process.poll() is None, self.process.stderr.read().decode()[-3000:]
        ids = run(self.display.env, "xdotool", "search", "--onlyvisible", "--pid",
                  str(self.process.pid)).split()
        return ids[0] if ids else ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def frame(self) -> str:
        """The top-level window that holds the app's window (the window manager's frame)."""
        window = self.window
        while True:
            tree = run(self.display.env, "xwininfo", "-tree", "-id", window)
            parent = tree.split("Parent window id: ")[1].split()[0]
            if "(the root window)" in tree.split("Parent window id: ")[1].splitlines()[0]:
                return hex(int(window, 0))
            window = parent

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8") if self.log.exists() else ""

    def logged(self, text: str) -> bool:
        return text in self.log_text()

    def alive(self) -> bool:
        return self.process.poll() is None

    def state(self) -> str:
        env, window = self.display.env, self.window
        return " ".join((run(env, "xprop", "-id", window, "_NET_WM_STATE", "_NET_WM_DESKTOP",
                             "WM_STATE"),
                         run(env, "xwininfo", "-id", window)))

    def good(self) -> bool:
        """Viewable, full screen, above, on all desktops, over the whole screen."""
        state = self.state()
        return all(mark in state for mark in (
            "_NET_WM_STATE_FULLSCREEN", "_NET_WM_STATE_ABOVE", "4294967295", "Normal",
            "IsViewable", "Absolute upper-left X:  0", "Absolute upper-left Y:  0",
            f"Width: {WIDTH}", f"Height: {HEIGHT}")) and "_NET_WM_STATE_HIDDEN" not in state

    def selections(self) -> tuple[str, str]:
        """The X primary selection (what a middle click pastes) and the clipboard."""
        script = ("import json, sys\nfrom PySide6.QtGui import QClipboard, QGuiApplication\n"
                  "app = QGuiApplication(sys.argv[:1])\nboard = app.clipboard()\n"
                  "print(json.dumps([board.text(QClipboard.Mode.Selection), board.text()]))\n")
        out = subprocess.run([sys.executable, "-c", script], env=dict(
            self.display.env, QT_QPA_PLATFORM="xcb"), capture_output=True, text=True,
            timeout=30).stdout
        primary, clipboard = json.loads(out)
        return primary, clipboard

    def cache_files(self) -> list[Path]:
        return sorted(p for p in (self.folder / "cache").rglob("*") if p.is_file())

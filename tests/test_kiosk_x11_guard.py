"""The screen guard under Xvfb with Openbox (its default configuration and the kiosk's): "above"
taken away, the keyboard left with another window (also after staff go back to the kiosk), and
a menu that holds the keyboard (Openbox's window menu, another program's pop-up) all come back
or go away within a second. Skipped when an X tool is missing, as test_kiosk_adversarial."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.kiosk_x11_tools import MISSING, ROOT, poll, run
from tests.test_kiosk_adversarial import (BACK_WITHIN_S, display,  # noqa: F401 - fixtures
                                          kiosk_factory)

pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"needs {', '.join(MISSING)} (Debian: "
                                "xvfb openbox xdotool wmctrl x11-utils imagemagick)")
PIN = "2468"
# another program's menu: a Qt pop-up (override-redirect, holding keyboard and pointer) that
# closes on Escape, as Openbox's menus do
POPUP = """
import sys
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QMenu
app = QApplication(sys.argv[:1])
menu = QMenu()
for name in ("Terminal emulator", "Web browser", "Exit"):
    menu.addAction(name)
menu.aboutToHide.connect(app.quit)
menu.popup(QPoint(200, 200))
print("shown", flush=True)
app.exec()
"""


def _focused(display, app) -> bool:
    focus = run(display.env, "xdotool", "getwindowfocus").strip()
    return focus.isdigit() and int(focus) == int(app.window, 0)


def _keys_reach(display, app) -> bool:
    """Ctrl+Alt+Shift+E reaches the app (it logs the staff exit request); Escape closes it."""
    count = app.log_text().count("kiosk: staff exit requested")
    run(display.env, "xdotool", "key", "ctrl+alt+shift+e")
    try:
        poll(lambda: app.log_text().count("kiosk: staff exit requested") > count, 1,
             "the staff chord")
    except AssertionError:
        return False
    run(display.env, "xdotool", "key", "Escape")
    return True


def _back(display, app, what: str) -> float:
    """Seconds until the kiosk is full screen, above, with the keyboard; at most a second."""
    started = time.monotonic()
    poll(lambda: app.good() and "_NET_WM_STATE_BELOW" not in app.state()
         and _focused(display, app), BACK_WITHIN_S, f"the kiosk back after: {what}",
         interval=0.02)
    return time.monotonic() - started


def test_above_and_not_below_comes_back(display, kiosk_factory):  # noqa: F811
    app = kiosk_factory()
    run(display.env, "xdotool", "windowactivate", "--sync", app.window)
    for _ in range(3):
        run(display.env, "wmctrl", "-i", "-r", app.window, "-b", "remove,above")
        run(display.env, "wmctrl", "-i", "-r", app.window, "-b", "add,below")
        _back(display, app, "above removed, below added")
    assert app.alive()


def test_the_keyboard_comes_back_to_the_kiosk(display, kiosk_factory):  # noqa: F811
    app = kiosk_factory()
    env = display.env
    run(env, "xdotool", "windowactivate", "--sync", app.window)
    root = run(env, "xwininfo", "-root").split("Window id: ")[1].split()[0]
    run(env, "xdotool", "windowfocus", root)          # the focus given to no window of the app
    _back(display, app, "the focus on the root window")
    assert _keys_reach(display, app)


def test_the_keyboard_works_after_staff_go_back_to_the_kiosk(display, kiosk_factory):  # noqa: F811
    app = kiosk_factory()
    env = display.env
    for round_ in range(1, 3):
        run(env, "xdotool", "windowactivate", "--sync", app.window)
        run(env, "xdotool", "key", "ctrl+alt+shift+e")
        poll(lambda: app.log_text().count("kiosk: staff exit requested") >= round_, 5,
             "the staff dialog")
        # the dialog has the keyboard when the keypad's field has it: typing shows dots
        poll(lambda: _typed_into_dialog(display, app), 5, "the PIN field")
        run(env, "xdotool", "key", "Return")
        poll(lambda: app.log_text().count("kiosk: staff PIN accepted") >= round_, 5,
             "the PIN accepted")
        run(env, "xdotool", "key", "Tab", "space")     # "Tilbage til kiosken"
        _back(display, app, "the staff went back to the kiosk")
        assert _keys_reach(display, app)
        run(env, "xdotool", "key", "Escape")
    assert app.alive() and not app.logged("kiosk: staff exit\n")


def _typed_into_dialog(display, app) -> bool:
    """Type the PIN if the dialog's window has the keyboard."""
    focus = run(display.env, "xdotool", "getwindowfocus").strip()
    if not focus.isdigit() or int(focus) == int(app.window, 0):
        return False
    run(display.env, "xdotool", "type", PIN)
    return True


def test_menus_that_hold_the_keyboard_are_closed(display, kiosk_factory):  # noqa: F811
    app = kiosk_factory()
    env = display.env
    run(env, "xdotool", "windowactivate", "--sync", app.window)
    before = display.viewable_windows()

    def menus() -> set[str]:
        return display.viewable_windows() - before
    run(env, "xdotool", "key", "alt+space")           # Openbox's window menu (the default)
    if display.config_name == "default":              # it opens, and the guard closes it
        poll(lambda: app.logged("covered by a menu"), BACK_WITHIN_S, "the menu closed")
    poll(lambda: not menus(), BACK_WITHIN_S, "the window menu closed", interval=0.02)
    assert app.logged("covered by a menu") == (display.config_name == "default")
    popup = subprocess.Popen([sys.executable, "-c", POPUP], cwd=ROOT, env=dict(
        env, QT_QPA_PLATFORM="xcb"), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True)
    try:
        assert popup.stdout.readline().strip() == "shown"
        started = time.monotonic()
        popup.wait(10)                                 # it ends when its menu closes
        assert time.monotonic() - started <= BACK_WITHIN_S + 1
    finally:
        if popup.poll() is None:
            popup.kill()
    poll(lambda: not menus(), BACK_WITHIN_S, "no menu left")
    _back(display, app, "the menus closed")
    assert _keys_reach(display, app) and app.alive()

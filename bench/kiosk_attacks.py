"""The kiosk's attack table: the real app under Xvfb with Openbox (its default configuration and
the one the kiosk ships), attacked as in docs/KIOSK.md, with what happened and how long it took.

    python bench/kiosk_attacks.py                 # both Openbox configurations
    python bench/kiosk_attacks.py --config shipped

Needs Xvfb, openbox, xdotool, wmctrl, x11-utils and imagemagick (as tests/test_kiosk_x11.py).
Each row: the attack, the Openbox configuration, the outcome and the seconds it took (a limit
of ``LIMIT_S``: ">LIMIT_S" means it did not happen within it).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.core.kiosk_pin import hash_pin  # noqa: E402
from tests.kiosk_x11_tools import MISSING, Display, Kiosk, poll, run  # noqa: E402

LIMIT_S = 10.0
PIN = "2468"
GOOD = f'kiosk = true\npin_hash = "{hash_pin(PIN)}"\n'.encode()


def timed(check, limit: float = LIMIT_S) -> str:
    """Seconds until ``check()`` is true, or ">limit"."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if check():
            return f"{time.monotonic() - start:.2f} s"
        time.sleep(0.02)
    return f">{limit:.0f} s"


def launch(display: Display, folder: Path, config: bytes | None, args=(),
           log_mark: int = 0) -> Kiosk:
    """The app on ``folder``/kiosk.toml (bytes, written as they are unless ``None``: kept), as
    tests/kiosk_x11_tools.Kiosk starts it; AssertionError if no window comes."""
    folder.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (folder / "kiosk.toml").write_bytes(config)
    app = Kiosk.__new__(Kiosk)
    app.display, app.folder, app.config = display, folder, folder / "kiosk.toml"
    app.env = dict(display.env)
    for name in ("CONFIG", "LOG", "CACHE"):
        app.env[f"DESKTOP_APP_{name}_DIR"] = str(folder / name.lower())
    app.env.update(DESKTOP_APP_KIOSK_CONFIG=str(app.config), QT_QPA_PLATFORM="xcb",
                   PULSE_SERVER=os.environ.get("PULSE_SERVER", "unix:/nonexistent"))
    app.env.pop("DESKTOP_APP_KIOSK", None)
    app.log = folder / "log" / "app.log"
    app.process = subprocess.Popen([sys.executable, "-m", "desktop_app", *args], cwd=ROOT,
                                   env=app.env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
    app.window = poll(app._window, 30, "a window")
    app.logged_after = lambda text: text in app.log_text()[log_mark:]
    return app


def config_cases(display: Display, folder: Path) -> list[tuple[str, str]]:
    """Attacks 1-3: a config that parses but cannot be loaded, a byte-order mark, duplicate
    keys: a locked kiosk, an ordinary window, or nothing?"""
    rows = []
    cases = [
        ("1 idle_seconds with 5000 digits", b"kiosk = true\nidle_seconds = " + b"9" * 5000, ()),
        ("1 5000-deep arrays, --kiosk", b"x = " + b"[" * 5000 + b"]" * 5000, ("--kiosk",)),
        ("2 byte-order mark + kiosk = true", b"\xef\xbb\xbfkiosk = true\n", ()),
        ("3 kiosk = false, then kiosk = true", b"kiosk = false\nkiosk = true\n", ()),
    ]
    for n, (name, raw, args) in enumerate(cases):
        try:
            app = launch(display, folder / f"config{n}", raw, args)
        except AssertionError as exc:
            rows.append((name, f"NO WINDOW: {str(exc).strip().splitlines()[-1][:60]}"))
            continue
        rows.append((name, "locked kiosk" if app.logged("kiosk: started")
                     else "UNLOCKED ordinary window"))
        app.stop()
    return rows


def staff_return(display: Display, app: Kiosk) -> tuple[str, str]:
    """Attack 5: the staff exit, the PIN, Return, "Back to the kiosk" (Tab to it, Space):
    does the keyboard reach the kiosk again?"""
    env = display.env
    before = app.log_text().count("kiosk: staff exit requested")
    run(env, "xdotool", "key", "ctrl+alt+shift+e")
    timed(lambda: app.log_text().count("kiosk: staff exit requested") > before, 5)
    time.sleep(0.5)                        # the dialog takes the keyboard (no signal to see)
    run(env, "xdotool", "type", PIN)
    run(env, "xdotool", "key", "Return")
    timed(lambda: app.logged("kiosk: staff PIN accepted"), 5)
    run(env, "xdotool", "key", "Tab", "space")            # "Tilbage til kiosken"
    focus = timed(lambda: _focused(display, app), LIMIT_S)
    count = app.log_text().count("kiosk: staff exit requested")
    sent = [0.0]

    def answers() -> bool:
        if time.monotonic() - sent[0] >= 0.5:           # the chord twice a second
            run(env, "xdotool", "key", "ctrl+alt+shift+e")
            sent[0] = time.monotonic()
        return app.log_text().count("kiosk: staff exit requested") > count
    keys = timed(answers, LIMIT_S)
    run(env, "xdotool", "key", "Escape")
    return f"X focus on the kiosk after {focus}", f"the staff chord answers after {keys}"


def _focused(display: Display, app: Kiosk) -> bool:
    focus = run(display.env, "xdotool", "getwindowfocus").strip()
    return bool(focus) and int(focus) == int(app.window, 0)


def window_menu(display: Display, app: Kiosk) -> str:
    """Attack 6a: Alt+Space, the window menu (Openbox's default binds it): seconds from the
    key until it is closed (the guard may close it before a look at the screen sees it: its
    log line counts as seen)."""
    env = display.env
    run(env, "xdotool", "windowactivate", "--sync", app.window)
    before = display.viewable_windows() - {app.frame()}
    seen = []

    def closed() -> bool:
        open_now = bool(display.viewable_windows() - before - {app.frame()})
        if open_now or app.logged("covered by a menu"):
            seen.append(True)
        return bool(seen) and not open_now
    run(env, "xdotool", "key", "alt+space")
    took = timed(closed)
    return f"menu opened, closed after {took}" if seen else "no menu opens"


def above(display: Display, app: Kiosk) -> str:
    """Attack 6b: "always on top" taken away and "below" set."""
    env = display.env
    run(env, "wmctrl", "-i", "-r", app.window, "-b", "remove,above")
    run(env, "wmctrl", "-i", "-r", app.window, "-b", "add,below")

    def back() -> bool:
        state = run(env, "xprop", "-id", app.window, "_NET_WM_STATE")
        return "_NET_WM_STATE_ABOVE" in state and "_NET_WM_STATE_BELOW" not in state
    return f"above again after {timed(back)}"


def lockout_restart(display: Display, folder: Path) -> str:
    """Attack 7: three wrong PINs, the app killed and started again: still locked?"""
    app = launch(display, folder, GOOD)
    poll(app.good, 10, "the kiosk full screen")
    env = display.env
    run(env, "xdotool", "windowactivate", "--sync", app.window)
    run(env, "xdotool", "key", "ctrl+alt+shift+e")
    poll(lambda: app.logged("kiosk: staff exit requested"), 5, "the staff dialog")
    time.sleep(0.5)                        # the dialog takes the keyboard (no signal to see)
    for n in range(1, 4):
        run(env, "xdotool", "type", "1111")
        run(env, "xdotool", "key", "Return")
        poll(lambda: app.log_text().count("wrong staff PIN") >= n, 5, "a wrong PIN")
    app.process.kill()
    app.process.wait(10)
    again = launch(display, folder, None, log_mark=len(app.log_text()))
    poll(again.good, 10, "the kiosk full screen")
    run(env, "xdotool", "windowactivate", "--sync", again.window)
    run(env, "xdotool", "key", "ctrl+alt+shift+e")
    poll(lambda: again.logged_after("kiosk: staff exit requested"), 5, "the staff dialog")
    time.sleep(0.5)
    run(env, "xdotool", "type", PIN)
    run(env, "xdotool", "key", "Return")
    accepted = timed(lambda: again.logged_after("kiosk: staff PIN accepted"), 3)
    again.stop()
    return ("3 wrong PINs, killed, started again: the right PIN at once is "
            + ("refused (still locked)" if accepted.startswith(">") else "ACCEPTED"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", choices=("default", "shipped"), action="append")
    args = parser.parse_args()
    if MISSING:
        print(f"needs {', '.join(MISSING)}", file=sys.stderr)
        return 2
    for name in args.config or ("default", "shipped"):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            display = Display(folder, name)

            def row(attack: str, measure) -> None:
                try:
                    outcome = measure()
                except AssertionError as exc:
                    outcome = f"FAILED: {str(exc).splitlines()[0][:80]}"
                print(f"{name:8} | {attack:36} | {outcome}", flush=True)
            try:
                for attack, outcome in config_cases(display, folder / "configs"):
                    row(attack, lambda outcome=outcome: outcome)
                app = launch(display, folder / "app", GOOD)
                poll(app.good, 10, "the kiosk full screen")
                row("5 staff return: focus / keys", lambda: " ; ".join(
                    staff_return(display, app)))
                row("6 Alt+Space window menu", lambda: window_menu(display, app))
                row("6 remove above, add below", lambda: above(display, app))
                row("alive and locked", lambda: str(app.alive() and app.good()))
                app.stop()
                row("7 lockout after a restart", lambda: lockout_restart(display,
                                                                         folder / "lock"))
            finally:
                display.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run the real app on a virtual screen with the AT-SPI bus, walk it, print JSON.

Run it inside its own D-Bus session, as tests/test_atspi.py does:

    dbus-run-session -- python3 tests/atspi/session.py --app-python .venv/bin/python \
        --spec '{...}' --work /tmp/somewhere

It starts Xvfb on a free display, the AT-SPI bus launcher and the app
(``python -m desktop_app --lang da``, ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``, settings, cache and
logs in --work), then runs walk.py with Debian's Python (pyatspi). Then it starts a small probe
window that announces a message and checks that the announcement reaches the bus. Everything
it started is stopped again, by process id. Output: one JSON object on stdout.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
WALKER_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
APP_NAME = "Handicappolitik Ballerup"


def wait_for(condition, timeout: float, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            return None
        time.sleep(interval)


def start_xvfb(log) -> tuple[subprocess.Popen, str]:
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24",
                             "-nolisten", "tcp"], pass_fds=(write_fd,), stdout=log, stderr=log)
    os.close(write_fd)
    number = b""
    deadline = time.monotonic() + 20
    while not number.endswith(b"\n") and time.monotonic() < deadline:
        chunk = os.read(read_fd, 16)
        if not chunk:
            break
        number += chunk
    os.close(read_fd)
    if not number.strip():
        raise RuntimeError("Xvfb did not report a display")
    return xvfb, ":" + number.decode().strip()


def a11y_bus_ready() -> bool:
    result = subprocess.run(
        ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus",
         "org.a11y.Bus.GetAddress"], capture_output=True, text=True)
    return result.returncode == 0 and "unix:" in result.stdout


def stop(process: subprocess.Popen | None) -> int | None:
    """Stop one process we started (by its id) and return its exit code."""
    if process is None:
        return None
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
    return process.returncode


def walker(command: str, *args: str, timeout: float = 120) -> dict:
    run = subprocess.run([WALKER_PYTHON, str(HERE / "walk.py"), command, *args],
                         capture_output=True, text=True, timeout=timeout)
    try:
        return json.loads([line for line in run.stdout.splitlines() if line.startswith("{")][-1])
    except (IndexError, json.JSONDecodeError):
        return {"error": f"walker failed (exit {run.returncode})",
                "stdout": run.stdout[-3000:], "stderr": run.stderr[-3000:]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--app-python", required=True)
    parser.add_argument("--work", required=True, help="a temporary folder")
    parser.add_argument("--spec", required=True, help="JSON for walk.py scenario")
    parser.add_argument("--lang", default="da")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    log = open(work / "session.log", "w")
    result: dict = {"timings": {}}
    started = time.monotonic()
    xvfb = launcher = app = probe = None
    try:
        xvfb, display = start_xvfb(log)
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb",
                   QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1",
                   DESKTOP_APP_CONFIG_DIR=str(work / "config"),
                   DESKTOP_APP_CACHE_DIR=str(work / "cache"),
                   DESKTOP_APP_LOG_DIR=str(work / "log"),
                   PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        env.pop("WAYLAND_DISPLAY", None)
        launcher = subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"], env=env,
                                    stdout=log, stderr=log)
        if not wait_for(a11y_bus_ready, 20):
            result["error"] = "the AT-SPI bus did not start"
            return 0
        result["timings"]["bus"] = round(time.monotonic() - started, 2)
        app_log = open(work / "app.log", "w")
        app = subprocess.Popen([args.app_python, "-m", "desktop_app", "--lang", args.lang],
                               cwd=REPO, env=env, stdout=app_log, stderr=subprocess.STDOUT)
        os.environ["DISPLAY"] = display
        result["scenario"] = walker("scenario", "--app", APP_NAME, "--spec", args.spec)
        result["timings"]["scenario"] = round(time.monotonic() - started, 2)
        result["app_alive_after_scenario"] = app.poll() is None
        result["app_exit"] = stop(app)
        app = None
        probe = subprocess.Popen([args.app_python, str(HERE / "announce_probe.py"),
                                  "Siden er indlæst"], cwd=REPO, env=env,
                                 stdout=log, stderr=log)
        result["probe"] = walker("announcements", "--app", "AnnounceProbe", "--timeout", "10")
        result["timings"]["probe"] = round(time.monotonic() - started, 2)
    except Exception as exc:  # report, don't hide
        result["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        stop(probe)
        if app is not None:
            result["app_exit"] = stop(app)
        stop(launcher)
        stop(xvfb)
        log.close()
        app_log_path = work / "app.log"
        if app_log_path.exists():
            result["app_log"] = app_log_path.read_text(errors="replace")[-4000:]
        json.dump(result, sys.stdout, ensure_ascii=False)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

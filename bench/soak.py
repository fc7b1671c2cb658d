"""Kiosk soak test: does the app run for days? Headless, scripted, inside the real event loop.

    QT_QPA_PLATFORM=offscreen python bench/soak.py                 # 10,000 cycles, fake speech
    QT_QPA_PLATFORM=offscreen python bench/soak.py --real --cycles 40   # real synthesis + player

Each cycle: open a topic, open a page, read it, switch language, level and text size, then the
kiosk reset (called directly, not waited for). RSS, threads and open file descriptors are printed
at the start, after the warm-up and at the end; the exit code is 1 when RSS grew by 10 % or more
after the warm-up, or threads or descriptors leaked.

Without ``--real`` the reading session is ``tests/fakes.py`` ``FakeSession`` (no sound).
"""
from __future__ import annotations

import argparse
import faulthandler
import os
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QObject, QTimer, qInstallMessageHandler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HANG_S = 60
SETTLE_S = 5.0   # at the end, the longest a finishing worker is waited for

from tests.fakes import FakeSession  # noqa: E402 - after the repository is on the path


def _quiet_offscreen(_mode, _context, message: str) -> None:
    """The offscreen platform warns on every window size-hint change; drop only that."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


# -- measuring -------------------------------------------------------------------------------
def rss_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        import threading
        return threading.active_count()


def open_fds() -> int:
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            return len(os.listdir(folder))
        except OSError:
            continue
    return -1


def snapshot(label: str, cycle: int) -> dict:
    values = {"label": label, "cycle": cycle, "rss_kb": rss_kb(), "threads": threads(),
              "fds": open_fds()}
    print(f"{label:<10} cycle {cycle:>6}  RSS {values['rss_kb'] / 1024:8.1f} MB  threads "
          f"{values['threads']:>3}  fds {values['fds']:>3}", flush=True)
    return values


# -- the run ---------------------------------------------------------------------------------
class Soak(QObject):
    """Runs the cycles as steps of the event loop (so deferred deletes happen as in the app)."""

    def __init__(self, app, window, cycles: int, warmup: int, real: bool, session_box: list):
        super().__init__()
        self.app, self.window, self.cycles, self.warmup = app, window, cycles, warmup
        self.real = real
        self.session_box = session_box
        self.cycle = 0
        self.step = 0
        self.results: list[dict] = []
        library = window.state.library
        self.topics = [t.key for t in library.topics_in_order()
                       if library.pages_in(t.key, "da", "standard")]
        self.langs = ("da", "en")
        self.scales = (100, 150, 200, 300)
        self.started = time.monotonic()
        self._wait_deadline = 0.0

    def start(self) -> None:
        self.results.append(snapshot("start", 0))
        self._watchdog()
        QTimer.singleShot(0, self.next_step)

    def next_step(self) -> None:
        try:
            self._step()
        except Exception:  # noqa: BLE001 - a failure ends the soak with a traceback
            import traceback
            traceback.print_exc()
            self.app.exit(2)

    def _step(self) -> None:
        w = self.window
        c = self.cycle
        topic = self.topics[c % len(self.topics)]
        if self.step == 0:
            w.state.open_topic(topic)
        elif self.step == 1:
            buttons = w.topic.buttons()
            if buttons:
                buttons[c % len(buttons)].click()
        elif self.step == 2:
            w.speech.read_or_pause()
            if self.real:   # wait (in the loop) until the sound really plays, or 10 s
                self._wait_deadline = time.monotonic() + 10
                self.step += 1
                QTimer.singleShot(20, self._wait_for_sound)
                return
        elif self.step == 3:
            pass
        elif self.step == 4:
            w.state.change(lang=self.langs[c % 2], level=("easy", "standard")[c % 2],
                     text_scale=self.scales[c % len(self.scales)])
        elif self.step == 5:
            w.kiosk_controller.reset()
        self.step += 1
        if self.step <= 5:
            QTimer.singleShot(0, self.next_step)
            return
        self.step = 0
        self.cycle += 1
        self._watchdog()
        if self.cycle == self.warmup:
            self.results.append(snapshot("warm-up", self.cycle))
        elif self.cycle % max(1, self.cycles // 10) == 0 and self.cycle < self.cycles:
            snapshot("progress", self.cycle)
        if self.cycle >= self.cycles:
            self._wait_deadline = time.monotonic() + SETTLE_S
            self._end()
            return
        QTimer.singleShot(0, self.next_step)

    def _end(self) -> None:
        """The last figures, once a worker that is just finishing (a thread, a file it has
        open) has finished: what leaked stays, so wait until the counts are back at the
        warm-up's, or ``SETTLE_S``."""
        warm = self.results[-1]
        if (threads() > warm["threads"] or open_fds() > warm["fds"]) \
                and time.monotonic() < self._wait_deadline:
            QTimer.singleShot(20, self._end)
            return
        self.results.append(snapshot("end", self.cycle))
        self.app.exit(0)

    def _watchdog(self) -> None:
        """A cycle that takes over HANG_S (a deadlock) ends the run with every thread's
        Python traceback on stderr and exit code 1, instead of hanging for ever."""
        faulthandler.dump_traceback_later(HANG_S, exit=True)

    def _wait_for_sound(self) -> None:
        session = self.session_box[0] if self.session_box else None
        playing = session is not None and session.state == "playing" \
            and session.player.is_playing()
        if playing or time.monotonic() > self._wait_deadline or \
                (session is not None and session.state in ("error", "idle")):
            if not playing:
                print(f"  cycle {self.cycle}: no sound within 10 s (state "
                      f"{session.state if session else None})", flush=True)
            QTimer.singleShot(0, self.next_step)
        else:
            QTimer.singleShot(20, self._wait_for_sound)


def run(cycles: int, real: bool = False, warmup: int | None = None,
        content_dir: str | None = None) -> dict:
    """Run the soak in this process; returns the figures (used by tests with few cycles)."""
    from desktop_app.app import build, ensure_app
    from desktop_app.core.settings import SettingsStore
    app = ensure_app()
    qInstallMessageHandler(_quiet_offscreen)
    warmup = warmup if warmup is not None else max(1, min(200, cycles // 10))
    session_box: list = []

    def factory():
        if real:
            from desktop_app.speech.session import ReadingSession
            session = ReadingSession(pause_scale=0.2)
        else:
            session = FakeSession(auto_finish=True, record=False)
        session_box.append(session)
        return session

    options = SimpleNamespace(lang=None, level=None, theme=None, text_scale=None, page=None,
                              kiosk=True, content_dir=content_dir, smoke=False,
                              idle_seconds=3600)
    with tempfile.TemporaryDirectory() as folder:
        _app, window, _store = build(options, SettingsStore(Path(folder)), factory)
        window.resize(1280, 800)
        window.show()
        window.speech.ensure_session()
        soak = Soak(app, window, cycles, warmup, real, session_box)
        QTimer.singleShot(0, soak.start)
        code = app.exec()
        faulthandler.cancel_dump_traceback_later()
        elapsed = time.monotonic() - soak.started
        window.kiosk_controller.shutdown()
        window.interface_speaker.remove()
        window.close()
        window.deleteLater()
    by_label = {r["label"]: r for r in soak.results}
    start, warm, end = by_label["start"], by_label.get("warm-up"), by_label["end"]
    warm = warm or start
    growth = (end["rss_kb"] - warm["rss_kb"]) / warm["rss_kb"]
    print(f"{cycles} cycles in {elapsed:.1f} s ({1000 * elapsed / max(1, cycles):.1f} ms/cycle); "
          f"RSS growth after warm-up {100 * growth:+.2f} %; threads {start['threads']} -> "
          f"{end['threads']}; fds {start['fds']} -> {end['fds']}", flush=True)
    return {"code": code, "growth": growth, "start": start, "warm": warm, "end": end,
            "cycles": soak.cycle, "elapsed": elapsed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, help="cycles (default 10000; 40 with --real)")
    parser.add_argument("--real", action="store_true",
                        help="real speech synthesis and playback (fewer cycles)")
    parser.add_argument("--warmup", type=int, help="cycles before the warm-up measurement")
    parser.add_argument("--content-dir", help="content folder (default: the bundled one)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:   # settings, logs, cache: not the user's
        for name in ("CONFIG", "LOG", "CACHE"):
            os.environ[f"DESKTOP_APP_{name}_DIR"] = str(Path(folder) / name.lower())
        os.environ.pop("DESKTOP_APP_KIOSK_CONFIG", None)
        cycles = args.cycles or (40 if args.real else 10_000)
        result = run(cycles, args.real, args.warmup, args.content_dir)
    ok = result["code"] == 0 and result["cycles"] == cycles and result["growth"] < 0.10 \
        and result["end"]["threads"] <= result["warm"]["threads"] + 2 \
        and result["end"]["fds"] <= result["warm"]["fds"] + 2
    print("soak: ok" if ok else "soak: FAILED", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

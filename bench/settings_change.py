"""What one settings change costs: wall time, and whether the page was re-rendered and the
style sheet re-applied.

    python bench/settings_change.py [--repeats N] [--page PAGE_ID] [--json FILE]

Builds the real window offscreen (settings in a temporary folder, as the tests do), shown at
1280x900 with the reading session started (as after the first paint), opens a page (default:
the longest), and changes each setting back and forth through the window's own path,
``window.state.change(**values)`` (the reader's state, ``ui/state.py``).
Each change is timed up to the end of the following ``processEvents()`` (layout and paint);
median and max over ``--repeats`` changes. Then, in a separate pass (so counting costs no
time in the timed pass), it counts per change:

- re-render: calls of ``setHtml``/``setDocument`` on the reader's QTextBrowser (wrapped here,
  on that one object; the app has no hooks);
- style sheet: calls of ``setStyleSheet`` on the window or the application (wrapped here), and
  the widgets that received a StyleChange event (an application event filter).

Also a volume drag: ten steps of 10 %, each delivered in its own turn of the event loop, as a
slider delivers them. Target (issue 23): volume or speech rate ≤ 5 ms with no re-render.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 5.0
# (setting, the value it is set to first, the value it alternates with)
SETTINGS = [
    ("speech_volume", 80, 70),
    ("speech_rate", 100, 120),
    ("text_scale", 100, 125),
    ("theme", "light", "hc-dark"),
    ("lang", "da", "en"),
    ("level", "standard", "easy"),
    ("line_height", 150, 175),
    ("paragraph_spacing", 1.0, 1.5),
    ("letter_spacing", 0.0, 0.05),
    ("word_spacing", 0.0, 0.08),
    ("font_family", "", "DejaVu Sans"),
    ("plain_styling", False, True),
    ("show_pictures", True, False),
    ("dimming", 0, 20),
    ("reading_ruler", False, True),
    ("highlight_style", "background", "underline"),
    ("stop_mode", "none", "sentence"),
    ("continue_to_next_page", False, True),
    ("speak_interface", False, True),
]
NO_RERENDER = ("speech_volume", "speech_rate")


def setup_environment(folder: Path) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    for var, sub in (("DESKTOP_APP_CONFIG_DIR", "config"), ("DESKTOP_APP_CACHE_DIR", "cache"),
                     ("DESKTOP_APP_LOG_DIR", "log")):
        os.environ[var] = str(folder / sub)


def changer(window):
    """The window's own way to change settings: its state's ``change``."""
    return "window.state.change(**values)", window.state.change


def current_settings(window):
    return window.state.settings


def reader_browser(window):
    """The QTextBrowser that shows the page."""
    from PySide6.QtWidgets import QTextBrowser
    reader = getattr(window, "reader", None)
    browser = getattr(reader, "browser", None)
    if isinstance(browser, QTextBrowser):
        return browser
    shown = [b for b in window.findChildren(QTextBrowser) if b.isVisible()]
    return max(shown, key=lambda b: b.width() * b.height())


class Counts:
    """Wraps the calls to count on the objects the bench was given, and counts StyleChange
    events while ``active``."""

    def __init__(self, app, window, browser):
        from PySide6.QtCore import QEvent, QObject

        self.calls = {"setHtml": 0, "setDocument": 0, "setStyleSheet": 0}
        self.style_events = 0
        self.active = False
        counts = self

        for obj, names in ((browser, ("setHtml", "setDocument")),
                           (window, ("setStyleSheet",)), (app, ("setStyleSheet",))):
            for name in names:
                self._wrap(obj, name)

        class Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
                if counts.active and event.type() == QEvent.Type.StyleChange:
                    counts.style_events += 1
                return False

        self.filter = Filter()
        app.installEventFilter(self.filter)

    def _wrap(self, obj, name: str) -> None:
        original = getattr(obj, name)

        def wrapper(*args, **kwargs):
            self.calls[name] += 1
            return original(*args, **kwargs)
        setattr(obj, name, wrapper)

    def reset(self) -> None:
        self.calls = dict.fromkeys(self.calls, 0)
        self.style_events = 0


def measure(repeats: int, page_id: str | None) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="bench-settings-"))
    setup_environment(folder)
    sys.path.insert(0, str(ROOT))
    from argparse import Namespace

    from desktop_app.app import build
    from desktop_app.core.settings import SettingsStore
    from desktop_app.ui.startup import warm_up

    from PySide6.QtCore import qInstallMessageHandler
    qInstallMessageHandler(lambda kind, context, text: None if "propagateSizeHints" in text
                           else print(text, file=sys.stderr))   # offscreen's own note, each show
    app, window, _store = build(Namespace(), SettingsStore(folder / "settings"))
    window.resize(1280, 900)
    window.show()
    for _ in range(5):
        app.processEvents()
    warm_up(window)
    speech = getattr(window, "speech", None)
    session = speech.ensure_session() if hasattr(speech, "ensure_session") else None
    how, change = changer(window)
    library = window.state.library
    page = (library.page(page_id, "da", "standard") if page_id else
            max((p for p in library.pages.values() if p.lang == "da" and p.level == "standard"),
                key=lambda p: len(p.body)))
    change(**{name: first for name, first, _other in SETTINGS})
    window.state.open_page(page.id)
    app.processEvents()
    browser = reader_browser(window)

    def timed(values: dict) -> float:
        t0 = time.perf_counter()
        change(**values)
        app.processEvents()
        return 1000 * (time.perf_counter() - t0)

    results = {}
    for name, first, other in SETTINGS:
        times = []
        for i in range(repeats):
            times.append(timed({name: other if i % 2 == 0 else first}))
        if repeats % 2:
            timed({name: first})
        assert getattr(current_settings(window), name) == first, name
        results[name] = {"median_ms": round(statistics.median(times), 2),
                         "max_ms": round(max(times), 2)}
    # The volume drag: 100 % down to 0 % in ten steps, each in its own event-loop turn.
    drags = []
    for _ in range(max(3, repeats // 4)):
        timed({"speech_volume": 100})
        t0 = time.perf_counter()
        for volume in range(90, -1, -10):
            change(speech_volume=volume)
            app.processEvents()
        drags.append(1000 * (time.perf_counter() - t0))
    timed({"speech_volume": 80})
    # Counting pass: what each change does.
    counts = Counts(app, window, browser)
    for name, first, other in SETTINGS:
        counts.reset()
        counts.active = True
        timed({name: other})
        counts.active = False
        calls = dict(counts.calls)
        results[name].update({
            "rerender_calls": calls["setHtml"] + calls["setDocument"],
            "stylesheet_calls": calls["setStyleSheet"],
            "style_change_events": counts.style_events})
        timed({name: first})
    assert window.state.location == ("page", page.id)
    window.close()
    return {"page": f"{page.id} da/standard", "chars": len(page.body), "how": how,
            "session": session is not None, "repeats": repeats,
            "load": os.getloadavg(), "settings": results,
            "volume_drag_10_steps_ms": {"median": round(statistics.median(drags), 1),
                                        "max": round(max(drags), 1)}}


def report(r: dict) -> str:
    lines = [f"settings changes through {r['how']} on {r['page']} ({r['chars']} characters), "
             f"window 1280x900 offscreen, reading session "
             f"{'started' if r['session'] else 'not started'}; {r['repeats']} changes each; "
             f"load average {r['load'][0]:.2f}", "",
             f"{'setting':<24} {'median':>9} {'max':>9}  {'re-render':>9}  "
             f"{'style sheet':>11}  {'StyleChange':>11}"]
    for name, s in r["settings"].items():
        lines.append(f"{name:<24} {s['median_ms']:>6.1f} ms {s['max_ms']:>6.1f} ms  "
                     f"{('yes ×' + str(s['rerender_calls'])) if s['rerender_calls'] else 'no':>9}  "
                     f"{('yes ×' + str(s['stylesheet_calls'])) if s['stylesheet_calls'] else 'no':>11}  "
                     f"{s['style_change_events']:>11}")
    drag = r["volume_drag_10_steps_ms"]
    lines.append("")
    lines.append(f"volume drag, 10 steps: median {drag['median']:.0f} ms, max {drag['max']:.0f} ms")
    for name in NO_RERENDER:
        s = r["settings"][name]
        ok = s["median_ms"] <= TARGET_MS and not s["rerender_calls"]
        lines.append(f"target {name}: ≤ {TARGET_MS:g} ms and no re-render: "
                     f"{'met' if ok else 'NOT met'} ({s['median_ms']:.1f} ms, "
                     f"{'re-render' if s['rerender_calls'] else 'no re-render'})")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=20, help="changes per setting")
    parser.add_argument("--page", help="the page to show (default: the longest Danish one)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    r = measure(args.repeats, args.page)
    print(report(r))
    if args.json:
        Path(args.json).write_text(json.dumps(r, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Listening over time: does reading aloud sound like one continuous voice?

Starts a private PulseAudio with a null sink (tests/soundserver.py), opens the real app
offscreen on real pages, starts reading the way a person does (the toolbar's Read button,
Ctrl+Space, or a tap on the kiosk's Read button, which reads at the first tap),
records what the sink plays and prints, per page, as ../shared/tools/listen.py measures it:
the pauses of 0.3 s or more (median, 90th percentile, max) and the share of time with voice;
how far each sentence highlight and each word highlight is from the moment its sound is heard;
and how soon pause, resume, stop and next are heard after the press. Each page is measured
twice: with a recorder asking the server for 5 ms of latency (a plain sound card) and for
2000 ms (a Bluetooth headset or a busy server; the sink then runs at that latency).

    python bench/listening.py [--seconds 40] [--quick] [--json FILE]

Targets (issue "Listening that flows"): pause after a sentence median <= 0.7 s and 90th
percentile <= 1.0 s, every pause <= 1.0 s; voice >= 65 % of the time on easy-read pages;
word highlight within 80 ms of the word heard; controls heard within 100 ms.
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
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.soundserver import Recorder, SoundServer, heard_at, listener_figures  # noqa: E402

PAGES = [("complaints", "da", "easy"), ("who-can-help", "da", "easy"),
         ("housing-services", "da", "easy"),
         ("complaints", "da", "standard"), ("relatives", "da", "standard"),
         ("framework", "da", "standard"),
         ("complaints", "en", "easy"), ("who-can-help", "en", "easy"),
         ("relatives", "en", "easy"),
         ("complaints", "en", "standard"), ("who-can-help", "en", "standard"),
         ("housing-services", "en", "standard")]
STARTS = ("button", "ctrl+space", "kiosk tap")


def wait(app, condition, timeout_s: float) -> bool:
    """Process events until ``condition()`` or the timeout (the benchmark's only waiting)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(0.005)
    return True


def make_window(page: str, lang: str, level: str, kiosk: bool, cache: Path, workdir: Path):
    import argparse as _argparse

    from desktop_app.app import build
    from desktop_app.speech.session import ReadingSession
    from desktop_app.speech.synth import Synthesizer
    if kiosk:
        config = workdir / "kiosk.toml"
        config.write_text("text_scale = 150\n", encoding="utf-8")
        os.environ["DESKTOP_APP_KIOSK_CONFIG"] = str(config)
    options = _argparse.Namespace(lang=lang, level=level, theme=None, text_scale=None, page=page,
                                  kiosk=kiosk, content_dir=None, smoke=False)
    session_holder = {}

    def factory():
        session_holder["s"] = ReadingSession(Synthesizer(cache_dir=cache), PLAYER[0])
        return session_holder["s"]
    app, win, _store = build(options, session_factory=factory)
    win.resize(1280, 800)
    win.show()
    win.speech.ensure_session()
    return app, win, session_holder["s"]


PLAYER: list = []


def start_reading(app, win, how: str) -> float:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    button = win.speech_bar.read_button
    if how == "button":
        t = time.monotonic()
        button.click()
    elif how == "ctrl+space":
        win.activateWindow()
        t = time.monotonic()
        QTest.keyClick(win, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    else:                                   # the kiosk's Read acts on the first tap
        t = time.monotonic()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    return t


def measure_page(server, page, lang, level, how, latency_ms, seconds, workdir) -> dict:
    cache = workdir / "cache"
    app, win, session = make_window(page, lang, level, how == "kiosk tap", cache, workdir)
    wait(app, lambda: session.is_prepared(0), 30)
    recorder = Recorder(server.env, latency_ms=latency_ms)
    recorder.wait_running(30)
    starts: dict[int, float] = {}
    words: dict[int, list[tuple[float, int]]] = {}
    session.sig_sentence_started.connect(lambda i: starts.setdefault(i, time.monotonic()))
    session.sig_word.connect(lambda i, char, _n: words.setdefault(i, []).append(
        (time.monotonic(), char)) if i >= 0 else None)
    pressed = start_reading(app, win, how)
    wait(app, lambda: session.state in ("idle", "stopped", "error")
         or time.monotonic() - pressed > seconds, seconds + 30)
    read_until = time.monotonic()
    sentence_lags, word_lags = highlight_lags(session, recorder, starts, dict(words))
    words.clear()
    controls = measure_controls(app, session, recorder) if latency_ms < 100 else {}
    session.stop()
    wait(app, lambda: recorder.quiet_for() > 0.5, 10)
    samples = recorder.samples_between(pressed, read_until + 0.3 + latency_ms / 1000)
    figures = listener_figures(samples)
    figures.pop("pauses", None)
    first_heard = recorder.first_after(pressed)
    recorder.close()
    win.speech.stop()
    win.close()
    for done in (session, win):          # the next page's session alone hears the player
        done.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return {"page": f"{page} {lang} {level}", "start": how, "latency_ms": latency_ms,
            "first_sound_ms": round((first_heard - pressed) * 1000) if first_heard else None,
            "sentences": len(starts), **figures,
            "sentence_highlight_minus_heard_ms": summary(sentence_lags),
            "word_highlight_minus_heard_ms": summary(word_lags), **controls}


def highlight_lags(session, recorder, starts, words) -> tuple[list[int], list[int]]:
    """Each sentence highlight's and each word highlight's time less the moment its sound was
    heard (ms). Each sentence's sound file is found in the recording (``heard_at``); where its
    voice starts in the file, and the engine's word timings, then say when each was heard."""
    from desktop_app.speech import timings
    from desktop_app.speech.pcm import read_pcm, to_mono16, trim_silence
    from desktop_app.speech.wordmap import shown_words
    sentence_lags, word_lags = [], []
    for index, started in sorted(starts.items()):
        path = session.sound_file(index)
        if path is None:
            continue
        pcm = read_pcm(path)
        marks = words.get(index, [])
        offset = heard_at(recorder, path, started - 0.3,
                          started + pcm.duration_ms / 1000 + 0.5)
        if offset is None:
            continue
        voice_ms = trim_silence(to_mono16(pcm))[1]
        sentence_lags.append(round((started - offset - voice_ms / 1000) * 1000))
        place = {char: ms for ms, char, _length in
                 shown_words(session.sentences[index].text, timings.load(timings.sidecar(path)))}
        word_lags += [round((when - offset - place[char] / 1000) * 1000)
                      for when, char in marks if char in place]
    return sentence_lags, word_lags


def measure_controls(app, session, recorder) -> dict:
    """Pause, resume, next and stop, each pressed while the voice is heard: how long until the
    recording goes quiet (pause, stop) or a new sound starts (resume, next)."""
    def silenced_after(action) -> int | None:
        wait(app, lambda: recorder.quiet_for() < 0.02, 5)
        t = time.monotonic()
        action()
        wait(app, lambda: recorder.quiet_for() > 0.3, 5)
        last = recorder.last_sound_between(t - 0.5, t + 5)
        return round((last - t) * 1000) if last is not None else None

    def sounding_after(action, quiet_before: bool) -> int | None:
        """Resume: the first sound after the press. Next: the first sound after the sentence
        being heard breaks off (and the session has reported the new one)."""
        if not quiet_before:
            wait(app, lambda: recorder.quiet_for() < 0.02, 5)
        marks = []

        def started(_index):
            marks.append(time.monotonic())
        session.sig_sentence_started.connect(started)
        t = time.monotonic()
        action()
        wait(app, lambda: (quiet_before or marks) and recorder.first_after(t) is not None
             and recorder.quiet_for() < 0.05, 5)
        first = recorder.sound_starts_after(t, quiet_ms=0 if quiet_before else 15)
        session.sig_sentence_started.disconnect(started)
        return round((first - t) * 1000) if first is not None else None

    session.play(0)
    if not wait(app, lambda: recorder.quiet_for() < 0.05 and session.state == "playing", 20):
        return {}
    out = {"pause_heard_stop_ms": silenced_after(session.pause),
           "resume_heard_ms": sounding_after(session.resume, quiet_before=True),
           "next_heard_ms": sounding_after(session.next, quiet_before=False),
           "stop_heard_stop_ms": silenced_after(session.stop)}
    return out


def summary(values: list[float]) -> dict:
    if not values:
        return {}
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "n": len(values)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--quick", action="store_true", help="one page a language and level")
    parser.add_argument("--latency", default="5,2000", help="recorder latencies, ms")
    parser.add_argument("--pages", help="PAGE:LANG:LEVEL,... instead of the standard set")
    parser.add_argument("--starts", default=",".join(STARTS),
                        help="how reading is started, taken in turn: " + ", ".join(STARTS))
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    pages = PAGES[::3] if args.quick else PAGES
    if args.pages:
        pages = [tuple(p.split(":")) for p in args.pages.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="listening-"))
    server = SoundServer(workdir / "pulse")
    os.environ.update(server.env)
    os.environ.setdefault("DESKTOP_APP_CONFIG_DIR", str(workdir / "config"))
    os.environ.setdefault("DESKTOP_APP_CACHE_DIR", str(workdir / "cachedir"))
    from desktop_app.app import ensure_app
    from desktop_app.speech.player import Player
    ensure_app()
    PLAYER.append(Player())
    results = []
    starts = args.starts.split(",")
    try:
        for n, (page, lang, level) in enumerate(pages):
            how = starts[n % len(starts)]
            for latency in (int(x) for x in args.latency.split(",")):
                row = measure_page(server, page, lang, level, how, latency, args.seconds,
                                   workdir)
                results.append(row)
                print(json.dumps(row), flush=True)
    finally:
        server.close()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

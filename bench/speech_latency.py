"""How soon is speech heard, and does reading ever stall the UI thread?

Starts a private PulseAudio with a null sink (tests/soundserver.py), records its monitor and
finds the first sample above a threshold after ``session.play()``. Prints, for the same sentences in the
same run: ``espeak-ng -w`` wall time, the time to the first audible sample (first playback in
the process, warm and uncached, warm and cached), the time from a click on the main window's
Read button to the first audible sample on a page just opened (its first sentence is
synthesised when the page opens; target 100 ms), how far the word highlight is from the word
being heard (median and worst, over sentences with pauses, where the sentence's sound file is
found in the recording by its onsets), and the longest lateness of a 5 ms QTimer while a long
text is read.

    python bench/speech_latency.py [--quick]

Needs espeak-ng, pulseaudio and pulseaudio-utils (parec, pactl). Timing precision is about
±10 ms (parec delivers 10 ms fragments; the arrival time of a fragment dates its samples).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.soundserver import Recorder, SoundServer, heard_at  # noqa: E402
SENTENCES_DA = [
    "Ballerup Kommune vil være et godt sted at leve for mennesker med handicap.",
    "Alle borgere skal have mulighed for at deltage i fællesskabet.",
    "Handicaprådet giver råd til byrådet om sager, der har betydning for borgerne.",
    "Du kan klage til Ankestyrelsen, hvis du er uenig i en afgørelse.",
    "Kommunen samarbejder med foreninger, pårørende og frivillige.",
    "Bl.a. STU og aktivitets- og samværstilbud efter § 104 hører med.",
    "Der er afsat penge til at fjerne kantsten ved lyskryds.",
    "En elevator på Ballerup Station gør det lettere at komme rundt.",
]


def espeak_times(sentences: list[str], workdir: Path) -> list[float]:
    times = []
    for i, text in enumerate(sentences):
        t0 = time.monotonic()
        subprocess.run(["espeak-ng", "-v", "da", "-w", str(workdir / f"e{i}.wav"), text],
                       check=True, capture_output=True)
        times.append(time.monotonic() - t0)
    return times


def fmt(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    if len(ms) == 1:
        return f"{ms[0]:7.0f} ms"
    return f"median {statistics.median(ms):6.0f} ms, max {max(ms):6.0f} ms (n={len(ms)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer sentences, shorter read")
    args = parser.parse_args()
    for tool in ("espeak-ng", "pulseaudio", "parec", "pactl"):
        if shutil.which(tool) is None:
            print(f"missing: {tool}", file=sys.stderr)
            return 2
    workdir = Path(tempfile.mkdtemp(prefix="speech-bench-"))
    server = SoundServer(workdir)
    os.environ.update(server.env)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    recorder = Recorder(server.env)
    try:
        return run(args, workdir, recorder)
    finally:
        recorder.close()
        server.close()
        shutil.rmtree(workdir, ignore_errors=True)


def run(args, workdir: Path, recorder: Recorder) -> int:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtMultimedia import QMediaDevices
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.sentences import Sentence
    from desktop_app.speech.player import Player
    from desktop_app.speech.session import ReadingSession
    from desktop_app.speech.synth import Synthesizer

    app = QApplication.instance() or QApplication([])
    if not recorder.wait_running():
        print("the recorder never delivered sound data", file=sys.stderr)
        return 1
    n = 3 if args.quick else len(SENTENCES_DA) - 1
    sentences = SENTENCES_DA[: n + 1]

    def pump_until(predicate, timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        loop = QEventLoop()
        while not predicate():
            if time.monotonic() > deadline:
                return False
            QTimer.singleShot(5, loop.quit)
            loop.exec()
        return True

    outputs = [d.description() for d in QMediaDevices.audioOutputs()]
    print(f"audio outputs seen by Qt: {outputs}")
    t0 = time.monotonic()
    player = Player()
    print(f"Player() constructed in {1000 * (time.monotonic() - t0):.0f} ms")
    synth = Synthesizer(cache_dir=workdir / "cache")
    session = ReadingSession(synth, player)
    from desktop_app.speech import engine
    engine.shared_worker().voices(timeout=10)  # engine start-up is not part of the figure
    def heard(text: str) -> float | None:
        pump_until(lambda: recorder.quiet_for() > 0.3, 10)
        session.set_sentences([Sentence(0, text, "da", 0, "paragraph")])
        start = time.monotonic()
        session.play()
        ok = pump_until(lambda: recorder.first_after(start) is not None, 10)
        session.stop()
        return recorder.first_after(start) - start if ok else None

    cold = heard(sentences[0])
    warm = [heard(s) for s in sentences[1:]]
    cached = [heard(s) for s in sentences[1:]]
    esp = espeak_times(sentences, workdir)

    print(f"espeak-ng -w (process start + synthesis): {fmt(esp)}")
    for label, values in (("first playback in the process", [cold]),
                          ("warm, not cached", warm), ("warm, cached", cached)):
        good = [v for v in values if v is not None]
        missing = len(values) - len(good)
        print(f"play() -> first audible sample, {label}: "
              f"{fmt(good) if good else 'never heard'}"
              + (f"  ({missing} never heard)" if missing else ""))

    clicks = click_to_sound(args, workdir, recorder, player, pump_until)
    good = [v for v in clicks if v is not None]
    print(f"click on Read -> first audible sample, page just opened: "
          f"{fmt(good) if good else 'never heard'} (target <= 100 ms)"
          + (f"  ({len(clicks) - len(good)} never heard)" if len(good) < len(clicks) else ""))

    lags = word_lags(args, session, recorder, pump_until)
    if lags:
        print(f"word highlight -> the word heard: {fmt([abs(v) for v in lags])} "
              f"(target <= 80 ms; signed median {statistics.median(lags) * 1000:+.0f} ms)")
    else:
        print("word highlight -> the word heard: no word timings from this engine")

    # The longest stall of the UI thread while a long text is read.
    long_text = [Sentence(i, text, "da", i // 2, "paragraph")
                 for i, text in enumerate((SENTENCES_DA * 3)[: 6 if args.quick else 24])]
    lateness: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(5)
    last = [0]

    def tick() -> None:
        now = clock.nsecsElapsed()
        lateness.append((now - last[0]) / 1e6 - 5)
        last[0] = now

    ticker.timeout.connect(tick)
    finished = []
    session.sig_page_finished.connect(lambda: finished.append(True))
    session.set_rate(200)
    session.set_sentences(long_text)
    clock.start()
    ticker.start()
    read_start = time.monotonic()
    session.play()
    pump_until(lambda: bool(finished), 300)
    ticker.stop()
    lateness = lateness[1:]
    print(f"UI thread while reading {len(long_text)} sentences "
          f"({time.monotonic() - read_start:.1f} s): 5 ms timer late by max "
          f"{max(lateness):.1f} ms, p99 {sorted(lateness)[int(0.99 * len(lateness))]:.1f} ms, "
          f"{sum(1 for v in lateness if v > 50)} ticks over 50 ms")
    del app
    return 0


WORD_SENTENCES = [
    "Kommunen vil, som udgangspunkt, give dig hjælp: bostøtte, aflastning og rådgivning.",
    "Du kan klage, hvis du er uenig; kommunen ser på sagen igen, og derefter Ankestyrelsen.",
    "Handicaprådet, Socialudvalget og kommunalbestyrelsen taler sammen om politikken.",
]


def word_lags(args, session, recorder: Recorder, pump_until) -> list[float]:
    """Seconds from each word being heard to its highlight (negative: highlighted early)."""
    from desktop_app.core.sentences import Sentence
    from desktop_app.speech import timings
    lags: list[float] = []
    for text in WORD_SENTENCES[: 1 if args.quick else len(WORD_SENTENCES)]:
        marks: list[float] = []
        files: list[str] = []
        on_word = lambda i, _c, _n: marks.append(time.monotonic()) if i >= 0 else None  # noqa: E731
        on_ready = lambda _job, path: files.append(path)  # noqa: E731
        session.sig_word.connect(on_word)
        session.synth.sig_ready.connect(on_ready)
        finished: list[bool] = []
        on_finished = lambda: finished.append(True)  # noqa: E731
        session.sig_page_finished.connect(on_finished)
        pump_until(lambda: recorder.quiet_for() > 0.3, 10)
        session.set_rate(100)
        session.set_sentences([Sentence(0, text, "da", 0, "paragraph")])
        session.play()
        pump_until(lambda: bool(finished), 30)
        for signal, slot in ((session.sig_word, on_word), (session.synth.sig_ready, on_ready),
                             (session.sig_page_finished, on_finished)):
            signal.disconnect(slot)
        words = timings.load(timings.sidecar(files[0])) if files else None
        if not words or len(words) != len(marks):
            continue
        offset = heard_at(recorder, files[0], marks[0] - 0.3, marks[-1] + 1.5)
        if offset is not None:
            lags += [t - (offset + w.start_ms / 1000) for t, w in zip(marks, words)]
    return lags


def click_to_sound(args, workdir: Path, recorder: Recorder, player, pump_until) -> list:
    """The main window as a person uses it: open a page, wait as a reader would until its
    first sentence is prepared, click Read, and time the first audible sample."""
    import argparse as _argparse
    from desktop_app.app import build
    from desktop_app.speech.session import ReadingSession
    from desktop_app.speech.synth import Synthesizer
    options = _argparse.Namespace(lang="da", level=None, theme=None, text_scale=None, page=None,
                                  kiosk=False, content_dir=None, smoke=False)
    _app, window, _store = build(options, session_factory=lambda: ReadingSession(
        Synthesizer(cache_dir=workdir / "click-cache"), player))
    window.show()
    session = window.speech.ensure_session()
    results = []
    for page_id in window.state.library.page_ids()[: 3 if args.quick else 8]:
        window.state.open_page(page_id)
        if not pump_until(lambda: session.is_prepared(0), 10):
            results.append(None)
            continue
        pump_until(lambda: recorder.quiet_for() > 0.3, 10)
        start = time.monotonic()
        window.speech_bar.read_button.click()
        ok = pump_until(lambda: recorder.first_after(start) is not None, 10)
        window.speech.stop()
        results.append(recorder.first_after(start) - start if ok else None)
    window.close()
    return results


if __name__ == "__main__":
    raise SystemExit(main())

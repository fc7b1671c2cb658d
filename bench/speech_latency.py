"""How soon is speech heard, and does reading ever stall the UI thread?

Starts a private PulseAudio with a null sink, records its monitor with ``parec`` and finds the
first sample above a threshold after ``session.play()``. Prints, for the same sentences in the
same run: ``espeak-ng -w`` wall time, the time to the first audible sample (first playback in
the process, warm and uncached, warm and cached), and the longest lateness of a 5 ms QTimer
while a long text is read.

    python bench/speech_latency.py [--quick]

Needs espeak-ng, pulseaudio and pulseaudio-utils (parec, pactl). Timing precision is about
±10 ms (parec delivers 10 ms fragments; the arrival time of a fragment dates its samples).
"""
from __future__ import annotations

import argparse
import array
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RATE = 22050
THRESHOLD = 600          # |sample| above this counts as sound (16-bit)
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


class Recorder:
    """``parec`` on the null sink's monitor, read in a thread; dates each 10 ms fragment."""

    def __init__(self, monitor: str, env: dict[str, str]):
        self.proc = subprocess.Popen(
            ["parec", "-d", monitor, "--format=s16le", f"--rate={RATE}", "--channels=1",
             "--latency-msec=10", "--raw"], stdout=subprocess.PIPE, env=env)
        self.events: list[float] = []   # times of loud fragments' first loud sample
        self.last_loud = 0.0
        self.first_data = 0.0           # parec takes ~1 s to start: measure after this
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        chunk = RATE // 100 * 2  # 10 ms
        while True:
            data = self.proc.stdout.read(chunk)
            now = time.monotonic()
            if not data:
                return
            if not self.first_data:
                self.first_data = now
            samples = array.array("h", data[: len(data) // 2 * 2])
            for k, value in enumerate(samples):
                if abs(value) > THRESHOLD:
                    when = now - (len(samples) - k) / RATE
                    with self._lock:
                        self.events.append(when)
                        self.last_loud = now
                    break

    def first_after(self, t0: float) -> float | None:
        with self._lock:
            return next((t for t in self.events if t >= t0), None)

    def quiet_for(self) -> float:
        with self._lock:
            return time.monotonic() - self.last_loud

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(5)


def start_pulse(workdir: Path) -> tuple[subprocess.Popen, dict[str, str]]:
    env = dict(os.environ)
    runtime = workdir / "xdg"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    env["HOME"] = str(workdir)  # pulse's cookie and state stay in the scratch folder
    proc = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1",
         "--load=module-native-protocol-unix", "--load=module-null-sink sink_name=kiosk"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
            subprocess.run(["pactl", "set-default-sink", "kiosk"], env=env, check=True)
            return proc, env
        time.sleep(0.1)  # bench set-up only, outside any measured Qt code
    proc.terminate()
    raise SystemExit("pulseaudio did not start")


def espeak_times(sentences: list[str], workdir: Path) -> list[float]:
    times = []
    for i, text in enumerate(sentences):
        t0 = time.monotonic()
        subprocess.run(["espeak-ng", "-v", "da", "-w", str(workdir / f"e{i}.wav"), text],
                       check=True, capture_output=True)
        times.append(time.monotonic() - t0)
    return times


def pump_until_plain(predicate, timeout_s: float) -> bool:
    """Wait for the recorder before any Qt code runs (bench set-up, not measured)."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


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
    pulse, env = start_pulse(workdir)
    os.environ.update({"XDG_RUNTIME_DIR": env["XDG_RUNTIME_DIR"],
                       "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")})
    recorder = Recorder("kiosk.monitor", env)
    try:
        return run(args, workdir, recorder)
    finally:
        recorder.close()
        pulse.terminate()
        pulse.wait(5)
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
    if not pump_until_plain(lambda: recorder.first_data and
                            time.monotonic() - recorder.first_data > 0.5, 15):
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


if __name__ == "__main__":
    raise SystemExit(main())

"""A private PulseAudio server with a null sink, and a recorder of what is played into it.

The tests and bench/speech_latency.py play real sound into it and listen to its monitor, so
nothing is heard on the machine's speakers and "was it heard?" is a measurement.

A monitor with no reader makes the null sink play in 2 s blocks (sounds end up to 2 s late);
the recorder reads with 10 ms latency, which keeps the sink running like a real device.
"""
from __future__ import annotations

import array
import math
import os
import shutil
import statistics
import subprocess
import threading
import time
import wave
from pathlib import Path

RATE = 22050
THRESHOLD = 600          # |sample| above this counts as sound (16-bit)
SINK = "testsink"


def available() -> bool:
    return all(shutil.which(tool) for tool in ("pulseaudio", "pactl", "parec"))


class SoundServer:
    """``pulseaudio`` in ``workdir``; ``env`` is what a client needs to reach it."""

    def __init__(self, workdir: Path):
        self.workdir = Path(workdir)
        runtime = self.workdir / "xdg"
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.socket = runtime / "native"
        self.env = {"PULSE_SERVER": f"unix:{self.socket}"}
        daemon_env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), HOME=str(self.workdir))
        daemon_env.pop("PULSE_SERVER", None)
        self.log = self.workdir / "pulseaudio.log"     # a file: a pipe nobody reads can fill
        with open(self.log, "wb") as log:
            self.proc = self._start(daemon_env, log)
        self._client_env = dict(os.environ, **self.env)
        if not self._wait_ready(15):
            self.close()
            raise RuntimeError("pulseaudio did not start: "
                               + self.log.read_text(errors="replace")[-500:])
        subprocess.run(["pactl", "set-default-sink", SINK], env=self._client_env, check=True,
                       capture_output=True)

    def _start(self, daemon_env: dict[str, str], log) -> subprocess.Popen:
        return subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--log-target=stderr",
             f"--load=module-native-protocol-unix socket={self.socket} auth-anonymous=1",
             f"--load=module-null-sink sink_name={SINK} rate={RATE}"],
            env=daemon_env, stdout=subprocess.DEVNULL, stderr=log)

    def _wait_ready(self, timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            if subprocess.run(["pactl", "info"], env=self._client_env,
                              capture_output=True).returncode == 0:
                return True
            time.sleep(0.05)  # a daemon starting: nothing to wait on but its socket
        return False

    def pactl(self, *args: str) -> str:
        return subprocess.run(["pactl", *args], env=self._client_env, check=True,
                              capture_output=True, text=True).stdout

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Recorder:
    """``parec`` on the sink's monitor, read in a thread; dates each sample of what is heard.

    A fragment never arrives before it was recorded, so the moment a sample was heard is at
    most its fragment's arrival time less the sound recorded after it in that fragment; the
    earliest such bound among the fragments within a second either side (``WINDOW``) dates
    each fragment to a few ms, however late a busy machine hands fragments over, and without
    drifting where the server skipped some sound. ``events`` are the times
    (``time.monotonic()``) of loud 10 ms fragments' first loud samples; ``rms_between(t0, t1)``
    measures the level of what was played in that span.
    """

    WINDOW = 100          # fragments (10 ms each) either side

    def __init__(self, env: dict[str, str], monitor: str = f"{SINK}.monitor",
                 latency_ms: int = 10):
        """``latency_ms``: the latency the recorder asks of the server. The server runs the
        sink at the smallest latency its streams ask for, so 2000 makes it behave like a
        Bluetooth headset or a busy server (then fragments come in 2 s blocks, and the
        dating window widens to match)."""
        self.window = max(self.WINDOW, latency_ms // 10 * 2)
        self.proc = subprocess.Popen(
            ["parec", "-d", monitor, "--format=s16le", f"--rate={RATE}", "--channels=1",
             f"--latency-msec={latency_ms}", "--raw"], stdout=subprocess.PIPE,
            env=dict(os.environ, **env))
        self._count = 0                                     # samples recorded
        self._bounds: list[float] = []    # per fragment: arrival less the samples so far
        self._firsts: list[int] = []      # per fragment: its first sample's number
        self._chunks: list[array.array] = []
        self._loud: list[tuple[int, int]] = []     # (fragment, sample in it)
        self._dates: list[float] = []     # per fragment: when its first sample was heard
        self._lock = threading.Lock()
        self._data = threading.Condition(self._lock)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        chunk = RATE // 100 * 2  # 10 ms
        while True:
            data = self.proc.stdout.read(chunk)
            now = time.monotonic()
            if not data:
                return
            samples = array.array("h", data[: len(data) // 2 * 2])
            with self._lock:
                self._firsts.append(self._count)
                self._count += len(samples)
                self._bounds.append(now - self._count / RATE)
                self._chunks.append(samples)
                for k, value in enumerate(samples):
                    if abs(value) > THRESHOLD:
                        self._loud.append((len(self._chunks) - 1, k))
                        break
                self._data.notify_all()

    def _date(self) -> list[float]:
        """Each fragment's date (held lock); recomputed only for fragments whose window has
        changed since the last call."""
        n = len(self._bounds)
        start = max(0, len(self._dates) - self.window)
        del self._dates[start:]
        for i in range(start, n):
            low = min(self._bounds[max(0, i - self.window):i + self.window + 1])
            self._dates.append(low + self._firsts[i] / RATE)
        return self._dates

    @property
    def events(self) -> list[float]:
        with self._lock:
            dates = self._date()
            return [dates[i] + k / RATE for i, k in self._loud]

    @property
    def last_loud(self) -> float:
        """When the last loud sample was heard (0.0 before any)."""
        with self._lock:
            if not self._loud:
                return 0.0
            i, k = self._loud[-1]
            return self._date()[i] + k / RATE

    def wait_running(self, timeout_s: float = 15) -> bool:
        """True once the recorder has delivered half a second of data."""
        with self._data:
            return self._data.wait_for(lambda: self._count > RATE // 2, timeout_s)

    def first_after(self, t0: float) -> float | None:
        return next((t for t in self.events if t >= t0), None)

    def loud_between(self, t0: float, t1: float) -> list[float]:
        return [t for t in self.events if t0 <= t <= t1]

    def quiet_for(self) -> float:
        """How long the recording has been quiet, up to what has been recorded so far."""
        with self._lock:
            if not self._loud:
                return self._count / RATE
            i, k = self._loud[-1]
            return (self._count - self._firsts[i] - k) / RATE

    def samples_between(self, t0: float, t1: float) -> array.array:
        """The samples heard between ``t0`` and ``t1``, in order."""
        return self.samples_from(t0, t1)[1]

    def samples_from(self, t0: float, t1: float) -> tuple[float, array.array]:
        """When the first sample heard from ``t0`` on was heard, and the samples heard from
        then until ``t1``."""
        out, start = array.array("h"), None
        with self._lock:
            for date, samples in zip(self._date(), self._chunks):
                if t0 <= date <= t1:
                    start = date if start is None else start
                    out.extend(samples)
        return (start if start is not None else t0), out

    def sound_starts_after(self, t0: float, level: int = 150, quiet_ms: int = 0) -> float | None:
        """When sound (any sample above ``level``, far below ``THRESHOLD``: a soft "h" counts)
        starts after ``t0``; with ``quiet_ms``, the first start after that much silence (a
        sound that was playing at ``t0`` has to break off first)."""
        quiet_needed = quiet_ms * RATE // 1000
        with self._lock:
            dates = self._date()
            run = 0
            for date, samples in zip(dates, self._chunks):
                if date + len(samples) / RATE < t0:
                    continue
                for k, value in enumerate(samples):
                    if date + k / RATE < t0:
                        continue
                    if abs(value) <= level:
                        run += 1
                    elif run >= quiet_needed:
                        return date + k / RATE
                    else:
                        run = 0
        return None

    def last_sound_between(self, t0: float, t1: float, level: int = 150) -> float | None:
        """The last moment between ``t0`` and ``t1`` with a sample above ``level``."""
        last = None
        with self._lock:
            for date, samples in zip(self._date(), self._chunks):
                if date + len(samples) / RATE < t0 or date > t1:
                    continue
                for k, value in enumerate(samples):
                    if abs(value) > level and t0 <= date + k / RATE <= t1:
                        last = date + k / RATE
        return last

    def rms_between(self, t0: float, t1: float) -> float:
        """Root mean square (0–1) of the samples heard between ``t0`` and ``t1``."""
        samples = self.samples_between(t0, t1)
        if not samples:
            return 0.0
        return math.sqrt(sum(v * v for v in samples) / len(samples)) / 32768

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def listener_figures(samples: array.array, rate: int = RATE, frame_s: float = 0.02) -> dict:
    """What a listener hears of continuous reading, measured as ../shared/tools/listen.py
    does: 20 ms frames with an RMS above 1 % of full scale are voice; between the first and the
    last voiced frame, the pauses of 0.3 s or more (median, 90th percentile, max, all of them)
    and the share of time with voice."""
    win = int(rate * frame_s)
    voiced = [math.sqrt(sum(v * v for v in samples[i:i + win]) / win) / 32768 > 0.01
              for i in range(0, len(samples) - win, win)]
    if True not in voiced:
        return {"heard": False}
    first, last = voiced.index(True), len(voiced) - 1 - voiced[::-1].index(True)
    pauses, run = [], 0
    for v in voiced[first:last + 1]:
        if v:
            if run * frame_s >= 0.3:
                pauses.append(round(run * frame_s, 2))
            run = 0
        else:
            run += 1
    span = (last - first + 1) * frame_s
    figures = {"heard": True, "span_s": round(span, 1), "pauses": pauses,
               "voiced_share": round(sum(voiced[first:last + 1]) * frame_s / span, 3)}
    if pauses:
        ordered = sorted(pauses)
        figures.update(pause_median_s=round(statistics.median(ordered), 3),
                       pause_p90_s=ordered[int(0.9 * (len(ordered) - 1))],
                       pause_max_s=ordered[-1])
    return figures


def _envelope(samples, frame: int) -> list[float]:
    """The loudness of each ``frame`` samples, in log scale (so a gain is an added constant)."""
    return [math.log10(1e-4 + math.sqrt(sum(v * v for v in samples[i:i + frame]) / frame)
                       / 32768) for i in range(0, len(samples) - frame + 1, frame)]


def heard_at(recorder: "Recorder", path: str, t0: float, t1: float) -> float | None:
    """When (``time.monotonic()``) the start of the sound file ``path`` was heard between
    ``t0`` and ``t1``: where the loudness contour of the recording matches the file's best
    (5 ms steps, Pearson correlation of log loudness, so the player's trimming, evening out
    and volume do not move it); ``None`` if nothing there matches well (r < 0.7)."""
    with wave.open(str(path), "rb") as wav:
        if wav.getframerate() != RATE or wav.getnchannels() != 1 or wav.getsampwidth() != 2:
            return None
        in_file = array.array("h", wav.readframes(wav.getnframes()))
    start, heard = recorder.samples_from(t0, t1)
    frame = RATE // 200
    shape, contour = _envelope(in_file, frame), _envelope(heard, frame)
    loud = [i for i, v in enumerate(shape) if v > -2.5]     # the voice: above 0.3 % of full scale
    if not loud:
        return None
    lead = loud[0]                                           # the file's silence is left out
    shape = shape[lead:loud[-1] + 1]
    n = len(shape)
    if n < 20 or len(contour) < n:
        return None
    mean = sum(shape) / n
    centred = [v - mean for v in shape]
    scale = math.sqrt(sum(v * v for v in centred))
    best, best_lag = -1.0, 0
    for lag in range(len(contour) - n + 1):
        window = contour[lag:lag + n]
        w_mean = sum(window) / n
        w_scale = math.sqrt(sum((v - w_mean) ** 2 for v in window))
        if not w_scale or not scale:
            continue
        r = sum(a * (b - w_mean) for a, b in zip(centred, window)) / (scale * w_scale)
        if r > best:
            best, best_lag = r, lag
    return start + (best_lag - lead) * frame / RATE if best >= 0.7 else None
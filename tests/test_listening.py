"""Listening over time: the app reads a real easy-read page aloud into a sound server of its
own, and what the sink plays is held to the figures a listener notices (bench/listening.py,
run in a process of its own: Qt Multimedia keeps the first sound server it meets, and the
2 s case needs a server whose only recorder asks for 2 s of latency)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import soundserver

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def heard():
    if not soundserver.available():
        pytest.skip("needs PulseAudio (pulseaudio, pulseaudio-utils) to hear the output")
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "listening.py"),
                          "--pages", "complaints:da:easy,who-can-help:en:easy",
                          "--seconds", "25", "--latency", "5,2000"],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    rows = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 4, run.stdout
    return rows


@pytest.mark.parametrize("row", range(4))
def test_pauses_are_the_designed_pauses_whatever_the_latency(heard, row):
    figures = heard[row]
    assert figures["heard"] and figures["sentences"] >= 5, figures
    assert figures["pause_median_s"] <= 0.7, figures
    assert figures["pause_p90_s"] <= 1.0, figures
    assert figures["pause_max_s"] <= 1.0, figures        # after a heading too
    assert figures["voiced_share"] >= 0.65, figures       # easy-read pages


@pytest.mark.parametrize("row", [0, 2])                  # the 5 ms recorder
@pytest.mark.parametrize("what", ["sentence", "word"])
def test_the_highlight_comes_with_the_sound(heard, row, what):
    lag = heard[row][f"{what}_highlight_minus_heard_ms"]
    assert lag["n"] >= 5 and -80 <= lag["min"] and lag["max"] <= 80, lag


@pytest.mark.parametrize("row", [0, 2])
def test_pause_resume_next_and_stop_are_heard_within_100_ms(heard, row):
    figures = heard[row]
    for key in ("pause_heard_stop_ms", "resume_heard_ms", "next_heard_ms",
                "stop_heard_stop_ms"):
        assert figures[key] is not None and figures[key] <= 100, (key, figures)

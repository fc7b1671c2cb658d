"""Word timings: from espeak-ng's own word events, checked against the audio it wrote."""
from __future__ import annotations

import array
import json
import wave

import pytest

from desktop_app.speech import timings
from desktop_app.speech.cli import cmd_say
from desktop_app.speech.engine import SynthJob
from desktop_app.speech.synth import Synthesizer
from desktop_app.speech.timings import WordTiming, build

DA = "Kommunen vil, som udgangspunkt, give dig hjælp: bostøtte, aflastning og rådgivning."


def speech_onsets(path, frame_ms: int = 10, quiet_ms: int = 60) -> tuple[list[int], int]:
    """Where speech starts again after at least ``quiet_ms`` of silence (ms), and the length."""
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        samples = array.array("h", wav.readframes(wav.getnframes()))
    step = rate * frame_ms // 1000
    energy = [max((abs(s) for s in samples[i:i + step]), default=0)
              for i in range(0, len(samples), step)]
    threshold = max(energy) * 0.05
    onsets, silent = [], quiet_ms // frame_ms
    for index, level in enumerate(energy):
        if level > threshold:
            if silent >= quiet_ms // frame_ms:
                onsets.append(index * frame_ms)
            silent = 0
        else:
            silent += 1
    return onsets, len(energy) * frame_ms


def test_build_orders_and_closes_the_words():
    text = "one two three"
    words = build(text, [(4, 3, 300), (0, 3, 10), (8, 5, 520), (99, 2, 600), (0, 3, 10)], 900)
    assert words == [WordTiming("one", 0, 3, 10, 300), WordTiming("two", 4, 3, 300, 520),
                     WordTiming("three", 8, 5, 520, 900)]


def test_save_and_load_round_trip_and_damage(tmp_path):
    words = [WordTiming("bostøtte", 0, 8, 0, 420)]
    path = tmp_path / "x.words.json"
    timings.save(words, path)
    assert timings.load(path) == words
    assert json.loads(path.read_text("utf-8"))[0]["word"] == "bostøtte"
    path.write_text("{not json", "utf-8")
    assert timings.load(path) is None
    assert timings.load(tmp_path / "missing.json") is None


def test_say_writes_timings_that_match_the_audio(tmp_path):
    wav_path, json_path = tmp_path / "s.wav", tmp_path / "s.json"
    assert cmd_say("da", str(wav_path), DA, timings=str(json_path)) == 0
    words = timings.load(json_path)
    spoken = [w.word for w in words]
    assert spoken[:4] == ["Kommunen", "vil", "som", "udgangspunkt"]
    assert "bostøtte" in spoken and "rådgivning" in spoken
    onsets, length = speech_onsets(wav_path)
    assert all(a.end_ms <= b.start_ms for a, b in zip(words, words[1:]))
    assert words[-1].end_ms == pytest.approx(length, abs=20)
    # The speech after each pause (the commas and the colon) begins with a word: the engine's
    # position for that word lies within 80 ms of where the sound starts again.
    assert len(onsets) >= 3, onsets
    for onset in onsets:
        nearest = min(abs(w.start_ms - onset) for w in words)
        assert nearest <= 80, (onset, [(w.word, w.start_ms) for w in words])


def test_cached_sentence_keeps_its_timings_beside_it(qtbot, tmp_path):
    synth = Synthesizer(cache_dir=tmp_path / "cache")
    with qtbot.waitSignal(synth.sig_ready, timeout=30000) as ready:
        synth.request(SynthJob(text=DA, lang="da"))
    sound = ready.args[1]
    words = timings.load(timings.sidecar(sound))
    assert words and words[0].word == "Kommunen"
    with wave.open(sound, "rb") as wav:
        assert words[-1].end_ms <= round(wav.getnframes() * 1000 / wav.getframerate()) + 1


def test_say_timings_needs_out(capsys):
    from desktop_app.__main__ import main
    with pytest.raises(SystemExit):
        main(["say", "--lang", "da", "--play", "--timings", "x.json", "Hej"])
    assert "--timings needs --out" in capsys.readouterr().err

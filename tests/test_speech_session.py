"""The reading session driven through the real player and real espeak-ng speech."""
from __future__ import annotations

import time

import pytest

from desktop_app.core.sentences import Sentence
from desktop_app.speech.player import Player
from desktop_app.speech.session import ReadingSession
from desktop_app.speech.synth import Synthesizer
from desktop_app.speech.voices import missing_voice_message
from tests.fakes import FakeEngine

TIMEOUT = 15000


def page(*texts, lang="da", blocks=None, kinds=None):
    blocks = blocks or list(range(len(texts)))
    kinds = kinds or ["paragraph"] * len(texts)
    return [Sentence(i, t, lang, b, k) for i, (t, b, k) in enumerate(zip(texts, blocks, kinds))]


PAGE = page("Overskrift.", "Første sætning.", "Anden sætning.", "Tredje sætning.",
            "Fjerde.", kinds=["heading", "paragraph", "paragraph", "item", "item"])


class Recorder:
    def __init__(self, session: ReadingSession):
        self.started: list[int] = []
        self.states: list[str] = []
        self.errors: list[str] = []
        self.progress: list[tuple[int, int]] = []
        self.page_finished = 0
        session.sig_sentence_started.connect(self.started.append)
        session.sig_state_changed.connect(self.states.append)
        session.sig_error.connect(self.errors.append)
        session.sig_progress.connect(lambda i, ms: self.progress.append((i, ms)))
        session.sig_page_finished.connect(self._finished)

    def _finished(self):
        self.page_finished += 1


@pytest.fixture(scope="module")
def player():
    """One real player for the module, as the app keeps one (first playback is slow)."""
    from PySide6.QtWidgets import QApplication
    QApplication.instance() or QApplication([])
    return Player()


@pytest.fixture
def session(qtbot, player, tmp_path):
    synth = Synthesizer(cache_dir=tmp_path / "cache")
    s = ReadingSession(synth, player, pause_scale=0.2)
    s.set_rate(200)
    s.set_sentences(PAGE)
    yield s
    s.stop()
    for signal in (player.sig_finished, player.sig_position, player.sig_error):
        signal.disconnect()


def test_reads_the_page_to_the_end(qtbot, session):
    rec = Recorder(session)
    with qtbot.waitSignal(session.sig_page_finished, timeout=TIMEOUT):
        session.play()
    assert rec.started == [0, 1, 2, 3, 4]
    assert rec.states[0] == "loading" and "playing" in rec.states
    assert session.state == "idle"
    assert rec.errors == []
    assert {i for i, _ms in rec.progress} >= {0, 1, 2, 3}


def test_pause_holds_the_place_and_resume_continues(qtbot, session):
    session.set_sentences(page("Dette er en lidt længere sætning, som bliver læst højt.",
                               "Slut."))
    rec = Recorder(session)
    session.play()
    qtbot.waitUntil(lambda: any(i == 0 and ms >= 200 for i, ms in rec.progress),
                    timeout=TIMEOUT)
    session.pause()
    assert session.state == "paused"
    with qtbot.assertNotEmitted(session.sig_progress, wait=400):
        pass
    with qtbot.waitSignal(session.sig_page_finished, timeout=TIMEOUT):
        session.resume()
    assert rec.started == [0, 1]  # sentence 0 was not read again
    assert rec.states.count("paused") == 1


def test_toggle_pauses_and_resumes(qtbot, session):
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT):
        session.toggle()
    session.toggle()
    assert session.state == "paused"
    with qtbot.waitSignal(session.sig_state_changed, timeout=TIMEOUT) as blocker:
        session.toggle()
    assert blocker.args == ["playing"]


def test_stop_is_silent_and_keeps_the_place(qtbot, session):
    rec = Recorder(session)
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT,
                          check_params_cb=lambda i: i == 1):
        session.play(1)
    session.stop()
    assert session.state == "stopped"
    with qtbot.assertNotEmitted(session.sig_sentence_started, wait=700):
        pass
    assert not session.player.is_playing()
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT) as blocker:
        session.toggle()
    assert blocker.args == [1]
    assert rec.errors == []


def test_next_and_previous(qtbot, session):
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT):
        session.play(0)
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT) as blocker:
        session.next()
    assert blocker.args == [1]
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT) as blocker:
        session.next()
    assert blocker.args == [2]
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT) as blocker:
        session.previous()
    assert blocker.args == [1]
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT) as blocker:
        session.repeat()
    assert blocker.args == [1]


def test_play_from_a_chosen_sentence(qtbot, session):
    rec = Recorder(session)
    with qtbot.waitSignal(session.sig_page_finished, timeout=TIMEOUT):
        session.play(from_index=2)
    assert rec.started == [2, 3, 4]


def test_stop_after_each_sentence(qtbot, session):
    session.set_stop_mode("sentence")
    rec = Recorder(session)
    session.play(1)
    qtbot.waitUntil(lambda: session.state == "stopped", timeout=TIMEOUT)
    assert rec.started == [1]
    assert session.index == 2
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT) as blocker:
        session.toggle()
    assert blocker.args == [2]


def test_stop_after_each_paragraph(qtbot, session):
    session.set_sentences(page("En.", "To.", "Tre.", blocks=[0, 0, 1]))
    session.set_stop_mode("paragraph")
    rec = Recorder(session)
    session.play()
    qtbot.waitUntil(lambda: session.state == "stopped", timeout=TIMEOUT)
    assert rec.started == [0, 1]


def test_pause_between_sentences_follows_the_block_kind(qtbot, session, listening):
    """The silence heard between two sentences is the designed pause for the block kind
    (600 ms after a heading), not the engine's own silence or the output's drain added to it."""
    session.pause_scale = 1.0
    session.set_rate(100)
    session.set_sentences(page("Overskriften her.", "Teksten kommer så bagefter.",
                               kinds=["heading", "paragraph"]))
    starts = {}
    session.sig_sentence_started.connect(lambda i: starts.setdefault(i, time.monotonic()))
    with qtbot.waitSignal(session.sig_page_finished, timeout=TIMEOUT):
        session.play()
    qtbot.waitUntil(lambda: listening.quiet_for() > 0.3, timeout=TIMEOUT)
    first = listening.loud_between(starts[0] - 0.2, starts[1] - 0.1)
    second = listening.first_after(starts[1] - 0.1)
    gap = second - first[-1]
    assert 0.55 <= gap <= 0.75, gap


def test_read_text_interrupts_and_returns_to_the_page(qtbot, session):
    rec = Recorder(session)
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT):
        session.play(3)
    with qtbot.waitSignal(session.sig_text_finished, timeout=TIMEOUT):
        session.read_text("Læs dette. Og dette.", "da")
    assert rec.started == [3]
    assert session.state == "stopped" and session.index == 3
    assert not session.reading_text


def test_rate_change_applies_to_the_next_sentence(qtbot, session, monkeypatch):
    given = []                               # (sentence, ms of sound) handed to the player
    real_queue = session.player.queue

    def queue(pcm, marks=(), pause_ms=0):
        given.append((marks[0][1][1], pcm.duration_ms))
        return real_queue(pcm, marks, pause_ms)
    monkeypatch.setattr(session.player, "queue", queue)
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT):
        session.play(1)
    session.set_rate(100)
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT) as blocker:
        session.repeat()
    assert blocker.args == [1]
    assert session.rate() == 100
    first = [ms for index, ms in given if index == 1]
    assert given[0][0] == 1 and len(first) == 2          # sentence 1, before and after
    assert first[1] > 1.5 * first[0]


def test_missing_voice_is_an_error_not_silence(qtbot, player, tmp_path):
    synth = Synthesizer(cache_dir=tmp_path / "c", engine_factory=FakeEngine)
    session = ReadingSession(synth, player)
    session.set_sentences(page("Hej.", "Farvel."))
    rec = Recorder(session)
    with qtbot.waitSignal(session.sig_error, timeout=TIMEOUT) as blocker:
        session.play()
    assert blocker.args == [missing_voice_message("da")]
    assert session.state == "error"
    assert rec.started == []
    assert not player.is_playing()


def test_player_error_is_reported(qtbot, tmp_path):
    synth = Synthesizer(cache_dir=tmp_path / "c")
    broken = Player(force_unavailable="no Qt Multimedia in this test")
    session = ReadingSession(synth, broken)
    session.set_sentences(page("Hej."))
    with qtbot.waitSignal(session.sig_error, timeout=TIMEOUT) as blocker:
        session.play()
    assert "The computer gives no sound" in blocker.args[0]
    assert "no Qt Multimedia" not in blocker.args[0]         # the cause is logged
    assert session.state == "error"


def test_player_reports_a_bad_file(qtbot, player, tmp_path):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF not really a wave file" * 4)
    errors = []
    player.sig_error.connect(errors.append)
    player.play(bad)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=TIMEOUT)
    assert errors[0].startswith("Reading aloud does not work right now.")
    player.sig_error.disconnect()


# -- what is heard: the output of the private sound server, recorded from its monitor -------

def test_the_page_is_heard_sentence_by_sentence(qtbot, session, listening):
    starts: dict[int, float] = {}
    session.sig_sentence_started.connect(lambda i: starts.setdefault(i, time.monotonic()))
    t0 = time.monotonic()
    with qtbot.waitSignal(session.sig_page_finished, timeout=TIMEOUT):
        session.play()
    t1 = time.monotonic()
    assert sorted(starts) == [0, 1, 2, 3, 4]
    for i, started in starts.items():
        first = listening.first_after(started)
        assert first is not None and first - started < 0.3, (i, first and first - started)
    assert listening.rms_between(t0, t1) > 0.01
    # Each sentence ends before the next starts: the player reported each end on time.
    for i in range(4):
        heard = listening.loud_between(starts[i], starts[i + 1])
        assert heard and heard[-1] < starts[i + 1]


def test_pause_silences_and_resume_is_heard_again(qtbot, session, listening):
    session.set_sentences(page("Dette er en lidt længere sætning, som bliver læst højt, "
                               "så der er tid til at holde pause midt i den."))
    session.set_rate(100)
    with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT):
        session.play()
    qtbot.waitUntil(lambda: listening.quiet_for() < 0.05, timeout=TIMEOUT)
    session.pause()
    paused_at = time.monotonic()
    qtbot.waitUntil(lambda: listening.quiet_for() > 0.5, timeout=TIMEOUT)
    # What the output had already buffered may still be heard for a moment (~10 ms here).
    assert listening.loud_between(paused_at + 0.25, time.monotonic()) == []
    resumed_at = time.monotonic()
    session.resume()
    qtbot.waitUntil(lambda: listening.first_after(resumed_at) is not None, timeout=TIMEOUT)
    assert listening.first_after(resumed_at) - resumed_at < 0.3
    session.stop()


def test_volume_is_heard(qtbot, session, listening):
    session.set_sentences(page("Lydstyrke."))
    levels = {}
    for volume in (100, 30):
        session.set_volume(volume)
        t0 = time.monotonic()
        with qtbot.waitSignal(session.sig_page_finished, timeout=TIMEOUT):
            session.play()
        levels[volume] = listening.rms_between(t0, time.monotonic())
    session.set_volume(80)
    assert levels[100] > 0.01
    assert levels[30] < 0.6 * levels[100]


def test_unplugged_output_moves_the_sound_to_the_remaining_one(qtbot, listening, tmp_path):
    """Headphones (a second output, made the default) are unplugged mid-sentence: the sound
    goes on from the remaining output and the sentence is finished, without an error."""
    from PySide6.QtMultimedia import QMediaDevices
    server = listening.server
    module = server.pactl("load-module", "module-null-sink", "sink_name=headphones").strip()
    try:
        server.pactl("set-default-sink", "headphones")
        qtbot.waitUntil(lambda: bytes(QMediaDevices.defaultAudioOutput().id()) == b"headphones",
                        timeout=TIMEOUT)
        player = Player()
        session = ReadingSession(Synthesizer(cache_dir=tmp_path / "c"), player)
        session.set_sentences(page("Denne sætning bliver læst højt i hovedtelefonerne, indtil "
                                   "de bliver taget ud, og så fortsætter den i højttaleren."))
        errors = []
        session.sig_error.connect(errors.append)
        with qtbot.waitSignal(session.sig_sentence_started, timeout=TIMEOUT):
            session.play()
        qtbot.waitUntil(lambda: player.position() > 300, timeout=TIMEOUT)
        assert _sinks_playing(server) == ["headphones"]
        unplugged = time.monotonic()
        server.pactl("unload-module", module)
        module = None
        with qtbot.waitSignal(session.sig_page_finished, timeout=TIMEOUT):
            pass
        assert errors == []
        assert listening.loud_between(unplugged, time.monotonic()), "not heard after unplugging"
        assert listening.server.pactl("get-default-sink").strip() == "testsink"
        qtbot.waitUntil(lambda: bytes(QMediaDevices.defaultAudioOutput().id()) == b"testsink",
                        timeout=TIMEOUT)
        start = time.monotonic()                     # the next sentence: the speaker
        with qtbot.waitSignal(session.sig_page_finished, timeout=TIMEOUT):
            session.play()
        assert listening.first_after(start) is not None
    finally:
        if module:
            server.pactl("unload-module", module)
        server.pactl("set-default-sink", "testsink")


def _sinks_playing(server) -> list[str]:
    """The sinks that the sound server's playback streams go to."""
    names = {line.split("\t")[0]: line.split("\t")[1]
             for line in server.pactl("list", "sinks", "short").splitlines()}
    return [names[line.split("\t")[1]]
            for line in server.pactl("list", "sink-inputs", "short").splitlines()]


def test_each_word_is_marked_as_it_is_heard(qtbot, session, listening):
    """The word highlight follows the voice. The sentence's sound file is found in the
    recording of what was heard (by its loudness contour);
    then each word's place in the file, from the engine's own timings, says when it was heard,
    and its highlight must come within 80 ms of that."""
    from desktop_app.speech import timings
    from tests.soundserver import heard_at
    text = ("Kommunen vil, som udgangspunkt, give dig hjælp: bostøtte, aflastning og "
            "rådgivning.")
    session.set_rate(100)
    session.set_sentences(page(text))
    qtbot.waitUntil(lambda: listening.quiet_for() > 0.3, timeout=TIMEOUT)  # earlier tests' sound
    marks: list[tuple[float, str]] = []
    files: list[str] = []
    session.sig_word.connect(lambda i, char, length: marks.append(
        (time.monotonic(), text[char:char + length])) if i >= 0 else None)
    session.synth.sig_ready.connect(lambda _job, path: files.append(path))
    started = []
    session.sig_sentence_started.connect(lambda _i: started.append(time.monotonic()))
    with qtbot.waitSignal(session.sig_page_finished, timeout=TIMEOUT):
        session.play()
    assert [w for _t, w in marks][:4] == ["Kommunen", "vil", "som", "udgangspunkt"]
    assert marks[-1][1] == "rådgivning"
    qtbot.waitUntil(lambda: listening.quiet_for() > 0.5, timeout=TIMEOUT)   # all recorded
    offset = heard_at(listening, files[0], started[0] - 0.15, marks[-1][0] + 1.5)
    assert offset is not None, "the sentence's sound was not found in the recording"
    words = timings.load(timings.sidecar(files[0]))
    lags = [(round(t - (offset + w.start_ms / 1000), 3), w.word)
            for (t, _shown), w in zip(marks, words)]
    assert len(lags) == len(words) == len(marks)
    assert all(abs(lag) <= 0.08 for lag, _word in lags), lags

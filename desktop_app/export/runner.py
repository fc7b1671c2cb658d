"""Export the chosen pages as a talking book (EPUB 3 with media overlays) or as MP3 files with
a playlist (no Qt). Call ``run_export`` off the UI thread: it waits for speech.

Sentences are synthesised on the app's speech worker (``speech/engine.py``) through the sound
cache the reader uses (so pages already read aloud are not synthesised again), with the voice
and speed of the app's read-aloud settings, a few sections ahead of the one being encoded.
Everything is written under a temporary name and renamed at the end: a cancelled or failed
export leaves nothing behind.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import Callable

from desktop_app import paths
from desktop_app.core.model import Library
from desktop_app.core.sentences import Sentence
from desktop_app.export import audio, epub
from desktop_app.export.book import PUBLISHER, Book, Section, level_name, plan_book
from desktop_app.export.smil import smil_document, usable_words
from desktop_app.i18n import _
from desktop_app.speech import timings
from desktop_app.speech.cache import WavCache, render_cached
from desktop_app.speech.engine import (EngineError, EngineWorker, SynthJob, clamp_rate,
                                       speech_broken_message)
from desktop_app.speech.pcm import SoundFileError, even_loudness, read_pcm
from desktop_app.speech.sequence import plan, segment
from desktop_app.speech.wordmap import shown_words

KINDS = ("epub", "mp3")
LOOKAHEAD = 2                # sections synthesised ahead of the one being encoded
SENTENCE_TIMEOUT_S = 60.0
PLAYLIST = "playlist.m3u"


class ExportError(Exception):
    """An export that could not be made; ``str()`` is a translated message for the user."""


class ExportCancelled(ExportError):
    pass


@dataclass(frozen=True)
class ExportRequest:
    kind: str                        # "epub" or "mp3"
    pages: tuple                     # page ids, or HandoutItems (a page or its sections)
    lang: str
    level: str
    out: Path                        # the .epub file, or the folder for the MP3 files
    voice_id: str | None = None      # the read-aloud voice chosen in the settings, if any
    rate: int = 100                  # the read-aloud speed, percent
    words: bool = True               # overlays down to the word where the voice gives timings


@dataclass
class ExportResult:
    path: Path
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    size: int = 0
    sections: int = 0
    sentences: int = 0
    duration_ms: int = 0
    missing: list[str] = field(default_factory=list)


Progress = Callable[[int, int, str], None]     # done, total, the section being made


def target_path(kind: str, out: Path) -> Path:
    """Where the export goes: ``out`` with ``.epub`` added for a talking book."""
    out = Path(out).expanduser()
    if kind == "epub" and out.suffix.lower() != ".epub":
        out = out.with_name(out.name + ".epub")
    return out


def _check_target(kind: str, out: Path) -> None:
    folder = out.parent if kind == "epub" else out
    if kind == "epub" and out.is_dir():
        raise ExportError(_("%s is a folder. Give a file name that ends in .epub.") % out)
    if kind == "mp3" and out.exists() and not out.is_dir():
        raise ExportError(_("%s is a file. Give a folder for the sound files.") % out)
    parent = out.parent
    if not parent.is_dir():
        raise ExportError(_("The folder %s does not exist.") % parent)
    if not os.access(parent, os.W_OK) or (folder.is_dir() and not os.access(folder, os.W_OK)):
        raise ExportError(_("This program may not write in the folder %s. Choose another "
                            "folder.") % folder)


class _Speech:
    """Sentences sent to the speech worker, a few sections ahead, and their sound files."""

    def __init__(self, worker: EngineWorker, cache: WavCache, request: ExportRequest,
                 cancel: threading.Event):
        self.worker, self.cache, self.cancel = worker, cache, cancel
        self.voice_id, self.rate, self.lang = request.voice_id, clamp_rate(request.rate), \
            request.lang
        self._futures: dict[str, Future] = {}

    def narrator(self) -> str:
        """The voice's name; raises ExportError with the missing-voice message."""
        job = SynthJob(text="Ballerup", lang=self.lang, voice_id=self.voice_id, rate=self.rate)
        return self._wait(self.worker.submit(lambda ctx: ctx.plan(job)[1].name, front=True))

    def submit(self, section: Section) -> None:
        for sentence in section.text.sentences:
            key = f"{section.stem}#{sentence.id}"
            if key not in self._futures:
                job = SynthJob(text=sentence.text, lang=self.lang, voice_id=self.voice_id,
                               rate=self.rate)
                cache = self.cache
                self._futures[key] = self.worker.submit(
                    lambda ctx, job=job: render_cached(ctx, job, cache))

    def sound(self, section: Section, sentence_id: str) -> str:
        return self._wait(self._futures.pop(f"{section.stem}#{sentence_id}"))

    def _wait(self, future: Future):
        deadline = time.monotonic() + SENTENCE_TIMEOUT_S
        while True:
            if self.cancel.is_set():
                raise ExportCancelled(_("The export was cancelled."))
            try:
                return future.result(timeout=0.1)
            except FutureTimeout:
                if time.monotonic() > deadline:
                    raise ExportError(speech_broken_message("no answer in time")) from None
            except EngineError as exc:
                raise ExportError(str(exc)) from exc

    def close(self) -> None:
        for future in self._futures.values():
            future.cancel()
        self._futures.clear()


def _section_sound(speech: _Speech, section: Section, words: bool) -> audio.Joined:
    """The section read as the app reads a page: planned as a speech sequence (what has
    nothing to say is left out; the pause after each kind of block), each sentence's sound
    trimmed of the engine's silence."""
    joined = audio.Joined()
    sentences = section.text.sentences
    readable = [Sentence(i, s.text, speech.lang, i, s.kind) for i, s in enumerate(sentences)]
    for utterance in plan(readable):
        sentence = sentences[utterance.index]
        path = speech.sound(section, sentence.id)
        try:
            pcm = read_pcm(path)
        except (OSError, SoundFileError) as exc:
            raise ExportError(speech_broken_message(f"sound file {path}: {exc}")) from exc
        heard = timings.load(timings.sidecar(path)) if words else None
        part = segment(utterance, pcm, shown_words(sentence.text, heard) if heard else ())
        marks = usable_words(list(part.words), part.speech_ms) if heard else []
        audio.append(joined, sentence.id, part.pcm, part.pause_ms, marks)
    return joined


def _mp3(book: Book, section: Section, joined: audio.Joined) -> bytes:
    album = f"{book.title} – {level_name(book.level, book.lang)}"
    tag = audio.id3_tag(section.title, album, PUBLISHER, section.number, book.lang,
                        book.today.year)
    return tag + audio.encode_mp3(even_loudness(joined.pcm), joined.rate)


def run_export(library: Library, request: ExportRequest, *, progress: Progress | None = None,
               cancel: threading.Event | None = None, worker: EngineWorker | None = None,
               cache: WavCache | None = None, today: _date | None = None) -> ExportResult:
    """Make the export; raises ``ExportError`` (``ExportCancelled``) with a message."""
    started = time.monotonic()
    if request.kind not in KINDS:
        raise ExportError(_("Unknown export format: %s") % request.kind)
    out = target_path(request.kind, request.out)
    _check_target(request.kind, out)
    book = plan_book(library, list(request.pages), request.lang, request.level, today=today,
                     pictogram_toml=paths.resources_dir() / "pictograms" / "pictograms.toml")
    if book.missing:
        raise ExportError(_("There is no page called %s.") % ", ".join(book.missing))
    if len(book.sections) < 2:
        raise ExportError(_("Choose at least one page first."))
    cancel = cancel or threading.Event()
    if worker is None:
        from desktop_app.speech.engine import shared_worker
        worker = shared_worker()
    speech = _Speech(worker, cache or WavCache(), request, cancel)
    total = book.sentence_count + len(book.sections) + 1
    done = 0

    def step(count: int, title: str) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total, title)

    scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent))
    try:
        narrator = speech.narrator()
        step(0, book.sections[0].title)
        parts, playlist = [], []
        for index, section in enumerate(book.sections):
            for ahead in book.sections[index:index + LOOKAHEAD + 1]:
                speech.submit(ahead)
            # word marks are for the talking book's overlays; sound files need none
            joined = _section_sound(speech, section, request.words and request.kind == "epub")
            step(len(section.text.sentences), section.title)
            mp3 = _mp3(book, section, joined)
            if request.kind == "mp3":
                (scratch / f"{section.stem}.mp3").write_bytes(mp3)
                playlist.append((f"{section.stem}.mp3", section.title,
                                 round(joined.duration_ms / 1000)))
            else:
                text, clips = f"../{epub.text_href(section)}", audio.heard_clips(joined)
                parts.append(epub.SectionFiles(
                    section, section.text.xhtml({c.sentence_id: [(w[1], w[2]) for w in c.words]
                                                 for c in clips}),
                    smil_document(text, f"../{epub.audio_href(section)}", clips),
                    mp3, clips[-1].end if clips else 0))
            step(1, section.title)
            if cancel.is_set():
                raise ExportCancelled(_("The export was cancelled."))
        result = ExportResult(out, sections=len(book.sections),
                              sentences=book.sentence_count)
        if request.kind == "epub":
            epub.write_epub(scratch / "book.epub", book, parts, narrator,
                            paths.resources_dir() / "pictograms")
            os.replace(scratch / "book.epub", out)
            result.files = [out]
            result.duration_ms = sum(p.duration_ms for p in parts)
        else:
            (scratch / PLAYLIST).write_text(audio.m3u(playlist), "utf-8")
            out.mkdir(exist_ok=True)
            for name in [name for name, _t, _s in playlist] + [PLAYLIST]:
                os.replace(scratch / name, out / name)
                result.files.append(out / name)
            result.duration_ms = sum(s for _n, _t, s in playlist) * 1000
        step(1, "")
    except OSError as exc:
        raise ExportError(_("The export could not be saved in %(folder)s (%(reason)s).")
                          % {"folder": out.parent, "reason": exc.strerror or exc}) from exc
    finally:
        speech.close()
        shutil.rmtree(scratch, ignore_errors=True)
    result.size = sum(f.stat().st_size for f in result.files)
    result.seconds = time.monotonic() - started
    return result

"""A bounded folder of synthesised sentences (no Qt).

Files are ``<sha256>.wav`` (``.aiff`` from macOS's engine); the oldest (by last use) are
removed when the folder grows past its limit. A folder that cannot be written, or a disk with too little free space, makes the cache
move to a private temporary folder; if that fails too, :class:`CacheUnavailable` says so.

A kiosk (``use_kiosk_cache()``) keeps its sound in a folder of its own, ``speech-kiosk``, that
``wipe_kiosk_cache()`` empties at start and at every reset: nothing a visitor had read aloud is
left for the next one, not even as a file name or a time stamp.
"""
from __future__ import annotations

import logging
import os
import shutil
import threading
import time
import uuid
import weakref
from pathlib import Path

from desktop_app.core import cache_dirs
from desktop_app.core.cache_dirs import KIOSK_SPEECH, SPEECH, speech_cache_dir
from desktop_app.i18n import _
from desktop_app.speech import timings
from desktop_app.speech.engine import EngineContext, EngineError, SynthJob, cache_key
from desktop_app.speech.timings import sidecar

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 100 * 1024 * 1024
MIN_FREE_BYTES = 16 * 1024 * 1024  # below this the disk counts as full
SOUND_EXTENSIONS = (".wav", ".aiff")


def _is_entry(name: str) -> bool:
    """A finished cache file (parts being written are hidden: they start with a dot)."""
    return name.endswith(SOUND_EXTENSIONS) and not name.startswith(".")


class CacheUnavailable(EngineError):
    def __init__(self) -> None:
        super().__init__(_("There is no room on the computer for reading aloud. Delete some "
                           "files you do not need, and try again."))


_FOLDER = {"name": SPEECH}        # KIOSK_SPEECH after use_kiosk_cache()
_caches: "weakref.WeakSet[WavCache]" = weakref.WeakSet()


def default_cache_dir() -> Path:
    return speech_cache_dir(_FOLDER["name"])


def kiosk_cache_dir() -> Path:
    return speech_cache_dir(KIOSK_SPEECH)


def fallback_dir(name: str = "") -> Path:
    """The private temporary folder used when the cache folder cannot be written."""
    return cache_dirs.fallback_dir(name or _FOLDER["name"])


def use_kiosk_cache() -> None:
    """From now on new caches use the kiosk's own folder (see ``wipe_kiosk_cache``)."""
    _FOLDER["name"] = KIOSK_SPEECH


def wipe_kiosk_cache() -> int:
    """Delete every file in the kiosk's cache folders (finished or being written); returns how
    many were removed. A sentence being synthesised at this moment fails quietly."""
    removed = 0
    for folder in (kiosk_cache_dir(), fallback_dir(KIOSK_SPEECH)):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                log.warning("speech cache: %s could not be removed", entry.path)
    for cache in list(_caches):
        cache.forget_sizes()
    return removed


def _usable(folder: Path) -> bool:
    """Can sound files be written to ``folder`` (creating it), with room to spare?"""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{uuid.uuid4().hex}"
        with open(probe, "wb") as handle:
            handle.write(b"x")
        probe.unlink()
        return shutil.disk_usage(folder).free >= MIN_FREE_BYTES
    except OSError:
        return False


class WavCache:
    """Sound files keyed by a hash, in ``folder`` (or a temporary one if that is unusable)."""

    def __init__(self, folder: str | os.PathLike | None = None, limit_bytes: int = DEFAULT_LIMIT):
        self.preferred = Path(folder) if folder is not None else default_cache_dir()
        self.limit = limit_bytes
        self._folder: Path | None = None
        self._fallback: Path | None = None
        self._total = 0
        self._lock = threading.Lock()
        _caches.add(self)

    def forget_sizes(self) -> None:
        """The folder was emptied from outside (``wipe_kiosk_cache``)."""
        with self._lock:
            self._total = 0

    @property
    def folder(self) -> Path | None:
        """The folder in use, once one was found (``None`` before the first store)."""
        return self._folder

    def lookup(self, key: str, ext: str = ".wav") -> Path | None:
        """The cached file for ``key``, marked as just used, or ``None`` (cheap: one stat)."""
        folder = self._folder
        if folder is None:
            return None
        path = folder / f"{key}{ext}"
        try:
            if path.stat().st_size <= 44:
                return None
            os.utime(path)
        except OSError:
            return None
        return path

    def ensure(self) -> Path:
        """The folder to write into; moves to the fallback when the current one stops working."""
        if self._folder is not None and _usable(self._folder):
            return self._folder
        for candidate in self._candidates():
            if _usable(candidate):
                if candidate != self._folder:
                    if self._folder is not None or candidate != self.preferred:
                        log.warning("speech cache folder %s is not usable; using %s",
                                    self.preferred, candidate)
                    self._folder = candidate
                    self._total = self._scan_total(candidate)
                return candidate
        self._folder = None
        log.warning("no usable speech cache folder (full disk?): %s", self._candidates())
        raise CacheUnavailable()

    def _candidates(self) -> list[Path]:
        if self._fallback is None:
            try:
                self._fallback = fallback_dir()
            except (OSError, FileNotFoundError):
                self._fallback = None
        return [p for p in (self.preferred, self._fallback) if p is not None]

    def part_path(self, key: str, ext: str = ".wav") -> Path:
        """A fresh hidden name in the cache folder to render ``key`` into."""
        return self.ensure() / f".{key}.{uuid.uuid4().hex[:8]}{ext}"

    def commit(self, key: str, part: Path, ext: str = ".wav") -> Path:
        """Move a finished ``part`` into place as ``key``'s file and keep the folder bounded."""
        final = part.parent / f"{key}{ext}"
        os.replace(part, final)
        with self._lock:
            self._total += final.stat().st_size
            if self._total > self.limit:
                self._evict(keep=final)
        return final

    @staticmethod
    def _scan_total(folder: Path) -> int:
        total = 0
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if _is_entry(entry.name):
                        total += entry.stat().st_size
        except OSError:
            pass
        return total

    def _evict(self, keep: Path) -> None:
        folder = keep.parent
        files = []
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(SOUND_EXTENSIONS):
                    try:
                        stat = entry.stat()
                    except OSError:
                        continue
                    entry_ok = _is_entry(entry.name)
                    if entry_ok or time.time() - stat.st_mtime > 600:  # or a stale part
                        files.append((stat.st_mtime, entry.path, stat.st_size, entry_ok))
        files.sort()
        total = sum(f[2] for f in files if f[3])
        for _mtime, path, size, entry_ok in files:
            if total <= self.limit:
                break
            if path == str(keep):
                continue
            try:
                os.unlink(path)
                if entry_ok:
                    total -= size
            except OSError:
                continue
            try:
                os.unlink(sidecar(path))  # the sentence's word timings, if any
            except OSError:
                pass
        self._total = total


def render_cached(ctx: EngineContext, job: SynthJob, cache: WavCache) -> str:
    """On the speech worker: the sound file of ``job`` from ``cache``, synthesised into it
    (with its word timings beside it) if it is not there yet. Raises ``EngineError``."""
    text, voice, wpm = ctx.plan(job)
    key = cache_key(ctx.driver, voice.id, wpm, text)
    cache.ensure()  # CacheUnavailable if there is nowhere to keep sound
    hit = cache.lookup(key, ctx.ext)
    if hit is not None:
        return str(hit)
    for attempt in (1, 2):
        part = cache.part_path(key, ctx.ext)
        try:
            ctx.render(job, part)
            if ctx.last_words:
                timings.save(ctx.last_words, sidecar(part.with_name(key + ctx.ext)))
            return str(cache.commit(key, part, ctx.ext))
        except OSError:
            unlink_quietly(part)
            if attempt == 2:
                raise
        except BaseException:
            unlink_quietly(part)
            raise
    raise AssertionError("unreachable")


def unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass

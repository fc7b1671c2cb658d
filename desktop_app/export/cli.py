"""``python -m desktop_app export epub|mp3``: the chosen pages as a talking book or as MP3 files,
with the voice and speed of the app's read-aloud settings."""
from __future__ import annotations

import sys
from pathlib import Path

from desktop_app.i18n import _


def cmd_export(kind: str, lang: str, level: str, pages: str | None, out: str,
               words: bool = True, content_dir: str | None = None) -> int:
    """0 with a summary on stdout, or 1 with a message on stderr."""
    from desktop_app import paths
    from desktop_app.core.loader import load
    from desktop_app.core.settings import SettingsStore
    from desktop_app.export.runner import ExportError, ExportRequest, run_export
    folder = Path(content_dir) if content_dir else paths.content_dir()
    library = load(folder, paths.pictogram_names())
    known = [page_id for page_id in library.page_ids() if library.page(page_id, lang, level)]
    chosen = [p.strip() for p in pages.split(",") if p.strip()] if pages else known
    if not chosen:
        print(_("Choose at least one page first."), file=sys.stderr)
        return 1
    settings = SettingsStore().load()
    voice = settings.voice_da if lang == "da" else settings.voice_en
    request = ExportRequest(kind, tuple(chosen), lang, level, Path(out), voice or None,
                            settings.speech_rate, words)
    try:
        result = run_export(library, request)
    except ExportError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("The export was cancelled."), file=sys.stderr)
        return 130
    minutes, seconds = divmod(round(result.duration_ms / 1000), 60)
    print(_("Saved %(path)s: %(sections)d parts, %(sentences)d sentences, %(minutes)d min "
            "%(seconds)02d s of speech, %(size).1f MB, made in %(made).1f s.")
          % {"path": result.path, "sections": result.sections, "sentences": result.sentences,
             "minutes": minutes, "seconds": seconds, "size": result.size / 1e6,
             "made": result.seconds})
    return 0

"""Export benchmark: the whole policy (every page) in Danish easy-read as a talking book and as
MP3 files, from an empty sound cache (everything synthesised) and again from a warm one.

    python bench/export.py [--lang da] [--level easy] [--keep DIR]

Prints, per run, the seconds it took, the size, the parts, the sentences and the length of the
speech. The target is 60 s for the EPUB from an empty cache on a 2-core machine.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="da")
    parser.add_argument("--level", default="easy")
    parser.add_argument("--keep", metavar="DIR", help="write the exports here and keep them")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-export-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["DESKTOP_APP_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-export-cache-")
    from desktop_app import paths
    from desktop_app.core.loader import load
    from desktop_app.export.runner import ExportRequest, run_export
    library = load(paths.content_dir(), paths.pictogram_names())
    pages = tuple(p for p in library.page_ids() if library.page(p, args.lang, args.level))
    print(f"{len(pages)} pages, {args.lang} {args.level}, cpus {os.cpu_count()}")
    for label, kind, out in (("epub, empty cache", "epub", work / "policy.epub"),
                             ("epub, warm cache", "epub", work / "policy-again.epub"),
                             ("mp3, warm cache", "mp3", work / "policy-mp3")):
        started = time.monotonic()
        result = run_export(library, ExportRequest(kind, pages, args.lang, args.level, out))
        seconds = time.monotonic() - started
        minutes = result.duration_ms / 60000
        print(f"{label:<18} {seconds:6.1f} s  {result.size / 1e6:6.1f} MB  "
              f"{result.sections} parts  {result.sentences} sentences  {minutes:.1f} min speech"
              f"  -> {result.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How long the document models of every page variant and the word list take to build.

Run: python -m bench.document (from the project root). Prints the time for all variants
once as search uses them (no sources line) and once as the reader shows them (sources line),
from an empty cache, and again from the cache."""
from __future__ import annotations

import time

from desktop_app import paths
from desktop_app.core import document
from desktop_app.core.loader import load
from desktop_app.core.render import glossary_page, page_document


def main() -> None:
    library = load(paths.content_dir(), paths.pictogram_names())
    pages = list(library.variants()) + [glossary_page(library, lang, level, "Words")
                                        for lang in ("da", "en") for level in ("standard", "easy")]
    document.page_document(pages[0])          # python-markdown imported, not measured
    document.clear_cache()
    for label in ("empty cache", "cached"):
        started = time.perf_counter()
        sentences = sum(len(document.page_document(p).sentences) for p in pages)
        searched = time.perf_counter() - started
        started = time.perf_counter()
        for page in pages:
            page_document(library, page, sources_label="Source")
        shown = time.perf_counter() - started
        print(f"{label}: {len(pages)} variants, {sentences} sentences: "
              f"search's models {searched * 1000:.0f} ms, the reader's {shown * 1000:.0f} ms")


if __name__ == "__main__":
    main()

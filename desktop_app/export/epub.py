"""The EPUB 3 package: XHTML pages, navigation, media overlays, sound, pictograms and the
accessibility metadata of EPUB Accessibility 1.1 (no Qt).

``write_epub(path, book, parts, ...)`` writes the zip in one go; the caller gives a temporary
path and renames it when everything is written.
"""
from __future__ import annotations

import html
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from desktop_app.core.render import ATKINSON, PLAIN_ZERO, font_files
from desktop_app.export.book import PUBLISHER, Book, Section, level_name
from desktop_app.export.smil import ACTIVE_CLASS, clock
from desktop_app.i18n import N_, translate_for

CONTENTS = N_("Contents")
SUMMARY = N_("A talking book: every sentence is read aloud by a synthetic voice and "
             "highlighted while it is heard, and each word where the voice gives word timings. "
             "The text can be read without the sound and the sound heard without the text. "
             "Pictures have a text alternative. Headings, a table of contents and the reading "
             "order follow the text.")
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

# The fonts the book carries, as the app and the handout use them: Atkinson Hyperlegible after
# its digits with a zero that has no slash (a slashed zero reads as Ø in Danish).
FONT_FACES = {"Regular": ("normal", "normal"), "Bold": ("bold", "normal"),
              "Italic": ("normal", "italic"), "BoldItalic": ("bold", "italic")}


def book_fonts() -> list[Path]:
    """The font files the book carries (none if Atkinson Hyperlegible is not installed)."""
    return [p for p in font_files() if p.suffix == ".ttf" and p.stem.split("-")[-1] in FONT_FACES]


def _family_of(path: Path) -> str:
    return PLAIN_ZERO if path.stem.startswith("BallerupZero") else ATKINSON


def font_href(path: Path) -> str:
    return f"fonts/{path.name}"


def book_css(fonts: list[Path]) -> str:
    """The book's stylesheet: the carried fonts first, then the reading system's sans-serif."""
    faces = []
    for path in fonts:
        weight, style = FONT_FACES[path.stem.split("-")[-1]]
        family = _family_of(path)
        digits = " unicode-range: U+0030-0039;" if family == PLAIN_ZERO else ""
        faces.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                     f'font-style: {style}; src: url("../{font_href(path)}");{digits} }}\n')
    families = sorted({_family_of(p) for p in fonts}, key=lambda f: f != PLAIN_ZERO)
    stack = "".join(f'"{family}", ' for family in families)
    return ("".join(faces) + f"body {{ font-family: {stack}sans-serif; line-height: 1.5; "
            "margin: 0 5%; }\n" + CSS)


CSS = f"""h1, h2, h3 {{ line-height: 1.25; }}
p, li {{ text-align: left; }}
img.pictogram {{ width: 6em; height: 6em; }}
p.sources {{ font-size: 0.9em; border-top: 1px solid currentColor; padding-top: 0.5em; }}
.{ACTIVE_CLASS} {{ background-color: #ffe066; color: #000000; }}
"""

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""


@dataclass
class SectionFiles:
    """What was made for one section: its body XHTML, its overlay, its MP3 and its length."""

    section: Section
    body: str
    smil: str
    mp3: bytes
    duration_ms: int


def text_href(section: Section) -> str:
    return f"text/{section.stem}.xhtml"


def audio_href(section: Section) -> str:
    return f"audio/{section.stem}.mp3"


def smil_href(section: Section) -> str:
    return f"smil/{section.stem}.smil"


def _xhtml(lang: str, title: str, body: str, kind: str = "",
           css: str = "../css/book.css") -> str:
    """An XHTML document; ``kind`` (chapter, glossary, titlepage) puts the body in a section."""
    lang = html.escape(lang, True)
    role = {"chapter": ' role="doc-chapter"', "glossary": ' role="doc-glossary"'}.get(kind, "")
    if kind:
        body = f'<section epub:type="{kind}"{role}>\n{body}\n</section>'
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
            f' lang="{lang}" xml:lang="{lang}">\n<head>\n<meta charset="utf-8"/>\n'
            f"<title>{html.escape(title)}</title>\n"
            f'<link rel="stylesheet" type="text/css" href="{css}"/>\n</head>\n<body>\n'
            f"{body}\n</body>\n</html>\n")


def section_xhtml(book: Book, part: SectionFiles) -> str:
    return _xhtml(book.lang, part.section.title, part.body, part.section.kind)


def nav_xhtml(book: Book) -> str:
    """The navigation document: each section with the headings under its title."""
    items = []
    for section in book.sections:
        href = text_href(section)
        subs = "".join(f'<li><a href="{href}#{h.id}">{html.escape(h.text)}</a></li>'
                       for h in section.text.headings if h.level == 2)
        subs = f"<ol>{subs}</ol>" if subs else ""
        items.append(f'<li><a href="{href}">{html.escape(section.title)}</a>{subs}</li>')
    contents = html.escape(translate_for(book.lang, CONTENTS))
    first = next((s for s in book.sections if s.kind == "chapter"), book.sections[0])
    body = (f'<nav epub:type="toc" id="toc" role="doc-toc"><h1>{contents}</h1>'
            f'<ol>{"".join(items)}</ol></nav>\n'
            f'<nav epub:type="landmarks" hidden="hidden"><ol>'
            f'<li><a epub:type="bodymatter" href="{text_href(first)}">'
            f"{html.escape(first.title)}</a></li></ol></nav>")
    return _xhtml(book.lang, contents, body, css="css/book.css")


def package_opf(book: Book, parts: list[SectionFiles], narrator: str, identifier: str,
                modified: str, fonts: list[Path] | None = None) -> str:
    lang = html.escape(book.lang)
    total = sum(p.duration_ms for p in parts)
    summary = html.escape(translate_for(book.lang, SUMMARY))
    title = f"{book.title} – {level_name(book.level, book.lang)}"
    meta = [f'<dc:identifier id="uid">{identifier}</dc:identifier>',
            f"<dc:title>{html.escape(title)}</dc:title>",
            f"<dc:language>{lang}</dc:language>",
            f"<dc:creator>{PUBLISHER}</dc:creator>",
            f"<dc:publisher>{PUBLISHER}</dc:publisher>",
            f"<dc:date>{book.today.isoformat()}</dc:date>",
            f'<meta property="dcterms:modified">{modified}</meta>']
    meta += [f'<meta property="schema:accessMode">{m}</meta>'
             for m in ("textual", "auditory", "visual")]
    meta += [f'<meta property="schema:accessModeSufficient">{m}</meta>'
             for m in ("textual", "auditory", "textual,visual", "auditory,visual")]
    meta += [f'<meta property="schema:accessibilityFeature">{f}</meta>'
             for f in ("synchronizedAudioText", "alternativeText", "tableOfContents",
                       "readingOrder", "structuralNavigation", "displayTransformability")]
    meta += ['<meta property="schema:accessibilityHazard">none</meta>',
             f'<meta property="schema:accessibilitySummary">{summary}</meta>',
             f'<meta property="dcterms:conformsTo">{CONFORMANCE}</meta>',
             f'<meta property="a11y:certifiedBy">{PUBLISHER}</meta>',
             f'<meta property="media:active-class">{ACTIVE_CLASS}</meta>',
             f'<meta property="media:narrator">{html.escape(narrator)}</meta>',
             f'<meta property="media:duration">{clock(total)}</meta>']
    meta += [f'<meta property="media:duration" refines="#mo-{p.section.stem}">'
             f"{clock(p.duration_ms)}</meta>" for p in parts]
    manifest = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
                'properties="nav"/>',
                '<item id="css" href="css/book.css" media-type="text/css"/>']
    spine = []
    for p in parts:
        stem = p.section.stem
        manifest += [f'<item id="x-{stem}" href="{text_href(p.section)}" '
                     f'media-type="application/xhtml+xml" media-overlay="mo-{stem}"/>',
                     f'<item id="mo-{stem}" href="{smil_href(p.section)}" '
                     f'media-type="application/smil+xml"/>',
                     f'<item id="a-{stem}" href="{audio_href(p.section)}" '
                     f'media-type="audio/mpeg"/>']
        spine.append(f'<itemref idref="x-{stem}"/>')
    manifest += [f'<item id="img-{name}" href="images/{name}.svg" media-type="image/svg+xml"/>'
                 for name in book.pictograms]
    manifest += [f'<item id="font-{n}" href="{font_href(p)}" media-type="font/ttf"/>'
                 for n, p in enumerate(fonts or (), 1)]
    nl = "\n"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" xml:lang="{lang}" '
            'unique-identifier="uid">\n'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
            f"{nl.join(meta)}\n</metadata>\n<manifest>\n{nl.join(manifest)}\n</manifest>\n"
            f"<spine>\n{nl.join(spine)}\n</spine>\n</package>\n")


def write_epub(path: Path, book: Book, parts: list[SectionFiles], narrator: str,
               pictogram_dir: Path) -> None:
    """Write the EPUB to ``path`` (replacing it)."""
    identifier = f"urn:uuid:{uuid.uuid4()}"
    modified = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip",
                         compress_type=zipfile.ZIP_STORED)

        def text(name: str, content: str) -> None:
            archive.writestr(name, content.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)

        text("META-INF/container.xml", CONTAINER)
        fonts = book_fonts()
        text("EPUB/package.opf", package_opf(book, parts, narrator, identifier, modified, fonts))
        text("EPUB/nav.xhtml", nav_xhtml(book))
        text("EPUB/css/book.css", book_css(fonts))
        for font in fonts:
            archive.write(font, f"EPUB/{font_href(font)}", compress_type=zipfile.ZIP_DEFLATED)
        for part in parts:
            text(f"EPUB/{text_href(part.section)}", section_xhtml(book, part))
            text(f"EPUB/{smil_href(part.section)}", part.smil)
            archive.writestr(f"EPUB/{audio_href(part.section)}", part.mp3,
                             compress_type=zipfile.ZIP_STORED)
        for name in book.pictograms:
            archive.write(pictogram_dir / f"{name}.svg", f"EPUB/images/{name}.svg",
                          compress_type=zipfile.ZIP_DEFLATED)

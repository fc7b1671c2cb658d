"""Page Markdown to HTML for the reader, styled from a theme and the text settings (no Qt)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path


from desktop_app.core import document
from desktop_app.core.document import Document
from desktop_app.core.model import Library, Page
from desktop_app.core.themes import Theme

_LOCALES = {"da": "da_DK", "en": "en_GB"}


ATKINSON = "Atkinson Hyperlegible"
# Atkinson's digits with a zero that has no slash (a slashed zero reads as Ø in Danish):
# resources/fonts/BallerupZero-*.ttf, made by packaging/make_zero_font.py.
PLAIN_ZERO = "Ballerup Zero"


def font_families(family: str) -> list[str]:
    """The families to ask for when the reader chose ``family`` ('' is the computer's own
    font): Atkinson Hyperlegible comes after the font that gives it a zero without a slash."""
    if not family:
        return []
    return [PLAIN_ZERO, family] if family == ATKINSON else [family]


def font_files() -> list[Path]:
    """The Atkinson Hyperlegible TTF files: from resources/fonts (a frozen bundle, or fonts
    copied there), else from the fontpkg-atkinson-hyperlegible package; then its digits with
    the plain zero (resources/fonts/BallerupZero-*.ttf)."""
    from desktop_app import paths
    folder = paths.resources_dir() / "fonts"
    zero = sorted(folder.glob("BallerupZero-*.ttf"))
    bundled = sorted(folder.glob("AtkinsonHyperlegible*.ttf"))
    if bundled:
        return bundled + zero
    try:
        import fontpkg_atkinson_hyperlegible as package
    except ImportError:
        return []
    return sorted((Path(package.ROOT) / "files").glob("*.ttf")) + zero


def css_font_family(family: str) -> str:
    """``font-family: …;`` for ``family`` in a Qt document stylesheet ('' if none)."""
    names = font_families(family)
    return f"font-family: {', '.join(repr(name) for name in names)};" if names else ""


@dataclass(frozen=True)
class TextStyle:
    """How the reading text looks: size and spacing (WCAG 1.4.8 / 1.4.12)."""

    scale: int = 100                 # percent, 100–400
    base_px: int = 18                # body text at 100 %
    line_height: int = 150           # percent of the font size
    paragraph_spacing: float = 1.0   # em after a paragraph (WCAG asks for >= 2x font size)
    letter_spacing: float = 0.0      # em
    word_spacing: float = 0.0        # em
    font_family: str = ""            # empty: the OS default
    plain: bool = False              # no bold/italic (links stay underlined)
    show_pictures: bool = True

    @property
    def body_px(self) -> int:
        return round(self.base_px * self.scale / 100)

    def heading_px(self, factor: float) -> int:
        """A heading ``factor`` times the body text at 100 %, growing less than the body text
        at large sizes (at 400 % a main heading is 1.2 times the body text, not 1.6), so
        a long word in a heading still fits on a line."""
        damping = min(1.0, 150 / max(self.scale, 150))
        return round(self.body_px * (1 + (factor - 1) * damping))


def stylesheet(theme: Theme, style: TextStyle) -> str:
    """The default stylesheet of the reader's document.

    Qt's document CSS does not pass font-family, letter-spacing or word-spacing down from
    ``body``, and takes word-spacing only in px: they go on ``*`` (every element), with the
    headings' word spacing scaled to their size. Paragraph spacing is in px too (Qt's em for
    margins is not the body text size)."""
    family = css_font_family(style.font_family)
    weight = "font-weight: normal; font-style: normal; text-decoration: none;" \
        if style.plain else ""
    heading_weight = "font-weight: normal;" if style.plain else ""

    def words(scale: float = 1.0) -> str:
        return f"word-spacing: {round(style.word_spacing * style.body_px * scale, 1)}px;"
    return f"""
body {{ color: {theme.text}; background-color: {theme.background}; font-size: {style.body_px}px;
        line-height: {style.line_height}%; }}
* {{ letter-spacing: {style.letter_spacing}em; {words()} {family} }}
p, li {{ margin-top: 0; margin-bottom: {round(style.paragraph_spacing * style.body_px)}px; line-height: {style.line_height}%; }}
h1 {{ font-size: {style.heading_px(1.6)}px; margin-bottom: 0.6em; line-height: 130%; color: {theme.heading}; {words(1.6)} {heading_weight} }}
h2 {{ font-size: {style.heading_px(1.35)}px; margin-top: 1.2em; margin-bottom: 0.5em; line-height: 130%; color: {theme.heading}; {words(1.35)} {heading_weight} }}
h3 {{ font-size: {style.heading_px(1.15)}px; margin-top: 1.0em; margin-bottom: 0.4em; line-height: 130%; color: {theme.heading}; {words(1.15)} {heading_weight} }}
b, strong, em, i, u {{ {weight} }}
a {{ color: {theme.link}; text-decoration: underline; }}
a.picture {{ text-decoration: none; }}
a.term {{ color: {theme.text}; text-decoration: underline; text-decoration-style: dotted; }}
p.sources {{ font-size: 0.85em; color: {theme.text}; border-top: 1px solid {theme.text}; }}
"""


def format_source_date(date: str, lang: str) -> str:
    """An ISO date ('2023-10-04') in the reader's language with Babel; a bare year as it is."""
    try:
        from datetime import date as _date
        from babel.dates import format_date
        if len(date) == 10:
            return format_date(_date.fromisoformat(date), format="long",
                               locale=_LOCALES.get(lang, lang))
        if len(date) == 7:
            return format_date(_date.fromisoformat(date + "-01"), format="MMMM y",
                               locale=_LOCALES.get(lang, lang))
    except ValueError:
        pass
    return date


def sources_line(library: Library, page: Page, label: str) -> str:
    """'Source: document, section (date)' for the foot of a page."""
    parts = []
    for ref in page.sources:
        doc = library.sources.get(ref.document)
        title = doc.title.get(page.lang, ref.document) if doc else ref.document
        text = title + (f", {ref.section}" if ref.section else "")
        shown = format_source_date(ref.date, page.lang)
        if shown and shown not in title and ref.date not in title:
            text += f" ({shown})"
        parts.append(text)
    return f"{label}: " + "; ".join(parts) + "."


def page_document(library: Library, page: Page, *, sources_label: str = "",
                  show_pictures: bool = True, plain: bool = False) -> Document:
    """The page's document model as the reader shows it: its title, its body and (with a
    ``sources_label``) its sources line. ``plain`` shows words written in capitals in normal
    case (abbreviations and the glossary's own words in capitals stay). Easy-read starts each
    sentence of a paragraph on a new line."""
    keep = frozenset(word for term in library.glossary.values() for word in
                     " ".join(term.term.values()).split() if word.isupper()) if plain \
        else frozenset()
    sources = sources_line(library, page, sources_label) if sources_label else ""
    return document.page_document(page, document.Options(show_pictures, plain, keep, sources))


def page_html(library: Library, page: Page, *, sources_label: str,
              show_pictures: bool = True, plain: bool = False) -> str:
    """The page as HTML: its title, its body and its sources (``page_document``)."""
    return page_document(library, page, sources_label=sources_label,
                         show_pictures=show_pictures, plain=plain).html


# -- plain styling: words in capitals shown in normal case ----------------------------------
# Abbreviations are written in capitals and must stay so (they are read letter by letter).
ABBREVIATIONS = frozenset("""
    ABA ADHD ADL AI BPA CPR CV DK DKK DR EU FN FOA GDPR HR ID IT KL LGBT LGBTQ LGBTQI MB NATO
    NGO OCD OK PC PDF PPR PTSD SFO SMS SSP STU SU TV UN UNESCO UNICEF USA USB UU UUC VISO WHO
    WHO's
""".split())
_CAPS_WORD = re.compile(r"\b[A-ZÆØÅÄÖÜÉ][A-ZÆØÅÄÖÜÉ'’\-]*[A-ZÆØÅÄÖÜÉ]\b")
_VOWELS = set("AEIOUYÆØÅÄÖÜÉ")
_BLOCK_TAG = re.compile(r"<(/?)(p|h[1-6]|li|ul|ol|br|td|th|tr|div|blockquote)\b", re.I)


def _shouted(word: str, keep: frozenset | set) -> bool:
    """A word in capitals that is not an abbreviation: 4+ letters with a vowel, not known."""
    letters = [c for c in word if c.isalpha()]
    return (word not in keep and word not in ABBREVIATIONS and len(letters) >= 4
            and any(c in _VOWELS for c in letters))


def normal_case(text: str, keep: frozenset | set = frozenset(), sentence_start: bool = True,
                names: dict[str, str] | None = None) -> str:
    """``text`` with words written in capitals in normal case, abbreviations kept.

    A word in capitals of 4+ letters that has a vowel and is not a known abbreviation is
    lower-cased (its first letter stays capital at the start of a sentence); short words in
    capitals next to one are lower-cased too ("DU SKAL HUSKE" -> "Du skal huske"), unless they
    are known abbreviations. ``names`` maps lower-cased names to how they are written
    ('ballerup' -> 'Ballerup').
    """
    names = names or {}
    matches = list(_CAPS_WORD.finditer(text))
    if not matches:
        return text
    # Runs of capital words separated only by spaces/punctuation count as one shout.
    runs: list[list[re.Match]] = []
    for match in matches:
        if runs and not re.search(r"[a-zæøåäöüé0-9]", text[runs[-1][-1].end():match.start()]):
            runs[-1].append(match)
        else:
            runs.append([match])
    change = set()
    for run in runs:
        if any(_shouted(m.group(0), keep) for m in run):
            change.update(m.start() for m in run
                          if m.group(0) not in ABBREVIATIONS and m.group(0) not in keep)
    out, last = [], 0
    for match in matches:
        if match.start() not in change:
            continue
        word = match.group(0).lower()
        word = names.get(word, word)
        before = text[:match.start()].rstrip(" \t\n\"'“”‘’«»(")
        if (not before and sentence_start) or before.endswith((".", "!", "?")):
            word = word[0].upper() + word[1:]
        out.append(text[last:match.start()])
        out.append(word)
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def normal_case_html(markup: str, keep: frozenset | set = frozenset()) -> str:
    """``normal_case`` on the text of ``markup`` (never in tags or attributes); each block
    (paragraph, heading, list item) starts a sentence."""
    parts = re.split(r"(<[^>]*>)", markup)
    text = " ".join(p for p in parts if not p.startswith("<"))
    # Names are the words written with a capital in the middle of a sentence.
    names = {w.lower(): w for w in re.findall(r"(?<=[a-zæøå,] )([A-ZÆØÅ][a-zæøåäöüé]+)", text)}
    start = True
    for i, part in enumerate(parts):
        if part.startswith("<"):
            if _BLOCK_TAG.match(part):
                start = True
            continue
        if not part.strip():
            continue
        parts[i] = normal_case(part, keep, sentence_start=start, names=names)
        start = part.rstrip().endswith((".", "!", "?"))
    return "".join(parts)


def normal_case_tree(root, keep, restarts, shown) -> None:
    """``normal_case`` on every text of an element tree; each element in ``restarts`` (a
    block, a line break) starts a sentence; ``shown(text)``: a text as shown."""
    whole = " ".join(shown(t) for t in root.itertext())
    names = {w.lower(): w for w in re.findall(r"(?<=[a-zæøå,] )([A-ZÆØÅ][a-zæøåäöüé]+)", whole)}
    start = [True]

    def fix(text: str) -> str:
        if not text.strip():
            return text
        fixed = normal_case(text, keep, sentence_start=start[0], names=names)
        start[0] = text.rstrip().endswith((".", "!", "?"))
        return fixed

    def walk(node) -> None:
        if node.tag in restarts:
            start[0] = True
        if node.text:
            node.text = fix(node.text)
        for child in node:
            walk(child)
            if child.tail:
                child.tail = fix(child.tail)
        if node.tag in restarts:
            start[0] = True
    for child in root:
        walk(child)
        if child.tail:
            child.tail = fix(child.tail)


# -- pictures ------------------------------------------------------------------------------
def picture_alt(page: Page | None, name: str, lang: str, alts: dict | None = None) -> str:
    """The alternative text of pictogram ``name``: as the page writes it, else from
    resources/pictograms/pictograms.toml (``alts``: that file's tables)."""
    found = document.page_document(page).picture_alt(name) if page is not None else ""
    if found:
        return found
    entry = (alts or {}).get(name, {})
    return entry.get(f"alt_{lang}") or entry.get("alt_en") or ""


def pictogram_alts(path) -> dict:
    """The tables of pictograms.toml (``{}`` when it is missing or broken)."""
    from desktop_app.core.toml import tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, ValueError):
        return {}


GLOSSARY_ID = "glossary"


def glossary_page(library: Library, lang: str, level: str, title: str) -> Page:
    """Every glossary term with its explanation, as a page the reader can show and read aloud.

    Easy-read pages get the easy explanations."""
    from desktop_app.core.model import SourceRef
    terms = sorted(library.glossary.values(), key=lambda t: t.term[lang].lower())
    body = "\n\n".join(f"## {t.term[lang][:1].upper()}{t.term[lang][1:]}\n\n{t.explain(lang, level)}"
                       for t in terms if t.term.get(lang))
    cited = sorted({t.source for t in terms if t.source in library.sources})
    return Page(id=GLOSSARY_ID, lang=lang, level=level, title=title, topic="", order=0,
                icon="glossary", sources=tuple(SourceRef(key, "", library.sources[key].date)
                                               for key in cited), body=body)

"""Large-print handouts: chosen pages (or sections of them) as HTML to print or save (no Qt).

``build_handout(library, items, lang, level)`` makes the HTML of a handout in the chosen
language and level, independent of the interface language:

- a title and the date it was made (Babel, da_DK / en_GB);
- each page's title and text, or only the chosen sections (a heading and everything until the
  next heading of the same or a higher level); several sections of one page are merged in the
  page's order, without repeating text;
- each page's sources with their dates;
- for each web address in the text (``<https://…>`` or ``[text](https://…)``) a QR code made
  locally with segno, as an inline PNG (``data:`` URI, which QTextDocument loads), next to the
  address printed in full;
- glossary terms and links to other pages as plain text, and the terms used explained in a
  list "Ord" / "Words" at the end.

Large print: body 16 pt, headings larger, black on white, left-aligned, line spacing 1.5 (see
``handout_stylesheet``). The page margins belong to whoever paints the document
(desktop_app/ui/handout_view.py).
"""
from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from datetime import date as _date
from typing import Iterable, Sequence

from desktop_app.core.document import Options, page_document, qr_marker
from desktop_app.core.document_layout import web_addresses  # noqa: F401 - the handout's API
from desktop_app.core.model import Library, Page
from desktop_app.core.render import css_font_family
from desktop_app.i18n import N_, translate_for

BODY_PT = 16
HEADING_PT = {1: 26, 2: 22, 3: 19, 4: 17}
QR_PX = 130              # shown size of a QR code (screen px: about 3.4 cm on paper)
LOCALES = {"da": "da_DK", "en": "en_GB"}

# Texts of the handout, in the handout's language (translate_for), not the interface's.
TITLE = N_("Disability policy in Ballerup")
MADE_ON = N_("Made on %(date)s")
SOURCE = N_("Source")
SOURCES = N_("Sources")
WORDS = N_("Words")
SCAN = N_("Scan the code with the camera of a phone to open the web address:")
QR_ALT = N_("QR code for %(address)s")
ALSO_SPOKEN = N_("This text can also be heard: as a talking book, which reads the text aloud and "
                 "works with screen readers and reading apps, and as sound files (MP3). Both can "
                 "be saved in the program \u201c%(app)s\u201d: open the page and choose "
                 "\u201c%(take_home)s\u201d.")
APP_NAME = "Handicappolitik Ballerup"
PUBLISHER = "Ballerup Kommune"
# The labels ALSO_SPOKEN names, as the app's buttons show them: the button beside every
# page's title (the citizen's way; the handout view is the counsellor's).
LABELS = {"take_home": N_("Take it home")}



@dataclass(frozen=True)
class HandoutItem:
    """A page, whole (``sections`` empty) or only the sections with these headings."""

    page_id: str
    sections: tuple[str, ...] = ()


@dataclass
class Handout:
    html: str
    title: str
    lang: str
    level: str
    made: str                                   # the date line, e.g. "Lavet den 5. maj 2025"
    day: _date | None = None                    # the date it was made
    page_ids: list[str] = field(default_factory=list)       # the pages shown, in order
    missing: list[str] = field(default_factory=list)        # asked for but not loaded
    web_addresses: list[str] = field(default_factory=list)  # each one with a QR code
    terms: list[str] = field(default_factory=list)          # glossary keys explained

    @property
    def empty(self) -> bool:
        return not self.page_ids


# -- sections ---------------------------------------------------------------------------------
def page_sections(page: Page) -> list[tuple[int, str]]:
    """The page's headings as (level, text), level 2 for ``##``: the sections one can choose."""
    return page_document(page).headings[1:]


def qr_png(text: str, scale: int = 10) -> bytes:
    """A QR code for ``text`` as PNG: black on white, error correction M, a quiet zone of 4."""
    import segno
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4,
                                                  dark="#000000", light="#ffffff")
    return buffer.getvalue()


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of the QR code ``qr_png`` draws for ``text`` (True = dark), without the
    quiet zone: what a reader of the printed code must find."""
    import segno
    return [[bool(cell) for cell in row] for row in segno.make(text, error="m",
                                                                micro=False).matrix]


def _qr_block(address: str, lang: str) -> str:
    data = base64.b64encode(qr_png(address)).decode("ascii")
    shown = html.escape(address)
    alt = html.escape(translate_for(lang, QR_ALT) % {"address": address}, quote=True)
    return (f'<table class="qr" cellspacing="0" cellpadding="0"><tr>'
            f'<td class="qr-code" width="{QR_PX + 24}">'
            f'<img src="data:image/png;base64,{data}" width="{QR_PX}" height="{QR_PX}" '
            f'alt="{alt}" title="{alt}"></td>'
            f'<td class="qr-text" valign="middle"><p class="qr">'
            f'{html.escape(translate_for(lang, SCAN))}<br>'
            f'<a href="{shown}"><b>{shown}</b></a></p></td></tr></table>')


# -- one page ---------------------------------------------------------------------------------
def _page_html(page: Page, sections: tuple, lang: str) -> tuple[str, list[str], list[str]]:
    """The page's title (as ``<h2>``) and text, or only the chosen sections, with glossary
    terms and page links as plain text, a web link's address after its label and a QR code
    after each paragraph or list that names a web address first; its web addresses and the
    glossary terms it uses."""
    model = page_document(page, Options(links="text", sections=sections, shift=1, qr=True))
    converted = model.html
    for number, address in enumerate(model.web_addresses):
        converted = converted.replace(qr_marker(number), _qr_block(address, lang))
    terms = [link.target for link in model.links if link.scheme == "term"]
    return converted, list(model.web_addresses), terms


def explanation_html(text: str, lang: str, level: str) -> str:
    """A glossary explanation as HTML; easy-read one sentence a line, as on the pages."""
    if level != "easy":
        return html.escape(text)
    from desktop_app.core.sentences import split_sentences
    return "<br/>\n".join(html.escape(s) for s in split_sentences(text, lang))


def _sources_html(library: Library, page: Page, lang: str) -> str:
    from desktop_app.core.render import format_source_date
    items = []
    for ref in page.sources:
        doc = library.sources.get(ref.document)
        title = doc.title.get(lang, ref.document) if doc else ref.document
        text = title + (f", {ref.section}" if ref.section else "")
        shown = format_source_date(ref.date, lang)
        if shown and shown not in title and ref.date not in title:
            text += f" ({shown})"
        items.append(html.escape(text))
    if not items:
        return ""
    label = translate_for(lang, SOURCE if len(items) == 1 else SOURCES)
    if len(items) == 1:
        return f'<p class="sources"><b>{html.escape(label)}:</b> {items[0]}.</p>'
    rows = "".join(f"<li>{item}.</li>" for item in items)
    return (f'<p class="sources"><b>{html.escape(label)}:</b></p>'
            f'<ul class="sources">{rows}</ul>')


def also_spoken(lang: str) -> str:
    """Where the spoken and screen-reader-friendly versions are, in the handout's language."""
    labels = {key: translate_for(lang, label) for key, label in LABELS.items()}
    return translate_for(lang, ALSO_SPOKEN) % dict(labels, app=APP_NAME)


def made_on(lang: str, today: _date | None = None) -> str:
    """'Made on 5 May 2025' in the handout's language."""
    from babel.dates import format_date
    day = format_date(today or _date.today(), format="long", locale=LOCALES.get(lang, lang))
    return translate_for(lang, MADE_ON) % {"date": day}


def handout_stylesheet(font_family: str = "") -> str:
    """Large print: black on white, left-aligned, 16 pt body, line spacing 1.5. Font sizes are
    in points, so the printed size does not depend on the screen; Qt takes margins only in px
    (of a 96 dpi screen, scaled to the printer), so they are points converted."""
    family = css_font_family(font_family)
    h = HEADING_PT

    def px(points: float) -> str:
        return f"{round(points * 96 / 72)}px"
    return f"""
body {{ color: #000000; background-color: #ffffff; font-size: {BODY_PT}pt; line-height: 150%; }}
* {{ {family} }}
p {{ margin-top: 0; margin-bottom: {px(12)}; line-height: 150%; text-align: left; }}
li {{ margin-top: 0; margin-bottom: {px(4)}; line-height: 150%; text-align: left; }}
ul, ol {{ margin-top: 0; margin-bottom: {px(12)}; }}
h1 {{ font-size: {h[1]}pt; font-weight: bold; margin-top: 0; margin-bottom: {px(4)}; line-height: 125%; }}
h2 {{ font-size: {h[2]}pt; font-weight: bold; margin-top: {px(28)}; margin-bottom: {px(10)}; line-height: 125%; }}
h3 {{ font-size: {h[3]}pt; font-weight: bold; margin-top: {px(20)}; margin-bottom: {px(6)}; line-height: 125%; }}
h4, h5, h6 {{ font-size: {h[4]}pt; font-weight: bold; margin-top: {px(16)}; margin-bottom: {px(4)}; line-height: 125%; }}
a {{ color: #000000; text-decoration: underline; }}
p.made {{ margin-bottom: {px(8)}; }}
p.spoken {{ margin-bottom: {px(16)}; }}
p.sources {{ margin-top: {px(6)}; margin-bottom: {px(6)}; }}
p.qr {{ margin-top: 0; margin-bottom: 0; }}
table.qr {{ margin-top: {px(2)}; margin-bottom: {px(14)}; }}
td.qr-text {{ padding-left: {px(10)}; }}
"""


def normalise(items: Iterable) -> list[HandoutItem]:
    """Items as ``HandoutItem``s, or (page_id, None | heading | headings) pairs; one entry per
    page (in the order first named), sections merged; a whole page wins over sections."""
    merged: dict[str, set[str] | None] = {}
    order: list[str] = []
    for item in items:
        if isinstance(item, HandoutItem):
            page_id, sections = item.page_id, tuple(item.sections)
        elif isinstance(item, str):
            page_id, sections = item, ()
        else:
            page_id, chosen = item
            sections = () if not chosen else ((chosen,) if isinstance(chosen, str)
                                               else tuple(chosen))
        if page_id not in merged:
            order.append(page_id)
            merged[page_id] = set(sections) if sections else None
        elif merged[page_id] is not None:
            merged[page_id] = merged[page_id] | set(sections) if sections else None
    return [HandoutItem(i, tuple(sorted(merged[i])) if merged[i] else ()) for i in order]


def build_handout(library: Library, items: Sequence, lang: str, level: str, *,
                  today: _date | None = None, words: bool = True,
                  font_family: str = "") -> Handout:
    """The handout of ``items`` (``HandoutItem``s or (page_id, section heading(s) or None))
    in ``lang`` and ``level``. A page id that is not loaded is left out (listed in
    ``missing``); sections not found in the page are left out, and a page none of whose
    chosen sections is found is shown whole."""
    title = translate_for(lang, TITLE)
    made = made_on(lang, today)
    result = Handout(html="", title=title, lang=lang, level=level, made=made,
                     day=today or _date.today())
    terms: list[str] = []
    parts = [f"<h1>{html.escape(title)}</h1>", f'<p class="made">{html.escape(made)}</p>',
             f'<p class="spoken">{html.escape(also_spoken(lang))}</p>']
    for item in normalise(items):
        page = library.page(item.page_id, lang, level)
        if page is None:
            result.missing.append(item.page_id)
            continue
        converted, shown, used = _page_html(page, tuple(item.sections), lang)
        terms.extend(t for t in used if t in library.glossary and t not in terms)
        parts.append(converted)
        parts.append(_sources_html(library, page, lang))
        result.page_ids.append(page.id)
        result.web_addresses.extend(a for a in shown if a not in result.web_addresses)
    if words and terms and result.page_ids:
        rows = []
        for key in terms:
            term = library.glossary[key]
            name = term.term.get(lang, key)
            rows.append(f"<li><b>{html.escape(name[:1].upper() + name[1:])}:</b> "
                        f"{explanation_html(term.explain(lang, level), lang, level)}</li>")
        parts.append(f"<h2>{html.escape(translate_for(lang, WORDS))}</h2><ul>{''.join(rows)}</ul>")
    result.terms = terms
    result.html = "\n".join(parts)
    return result


def file_name(lang: str, today: _date | None = None) -> str:
    """A suggested file name, e.g. 'handicappolitik-2025-05-05.pdf'."""
    stem = "handicappolitik" if lang == "da" else "disability-policy"
    return f"{stem}-{(today or _date.today()).isoformat()}.pdf"

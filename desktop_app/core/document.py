"""The document model of a page variant, made once from python-markdown's own parse (no Qt).

A page body is Markdown with links of the form ``[label](scheme:target)``: ``page:`` (another
page), ``term:`` (a glossary term), ``![alt](pictogram:name)`` (a pictogram) and web
addresses (``<https://…>`` or ``[label](https://…)``). This module is the one place that reads
that syntax. python-markdown parses the body; a tree processor on its element tree then

* records the **blocks** (heading with its level, paragraph, list item, picture), each with
  its text as shown (white space folded, pictures left out) and a stable index;
* splits each block into **sentences** with the one sentence splitter
  (``core/sentences.py``), numbered in reading order: these are what is highlighted, read
  aloud, searched and exported;
* records the **links** (label, scheme, target, block) and the pictures' alternative texts;
* lays the page out for reading: the title as ``<h1>`` first and the sources line last,
  glossary terms and pictures as the reader shows them (``Options.show_pictures``), every
  sentence of an easy-read paragraph on a line of its own, and, with ``Options.plain``, words
  written in capitals in normal case.

``page_document(page, options)`` gives the model, cached per page variant and options.
``body_blocks(markdown)`` gives the blocks of a body that is not a page (readability).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from xml.etree import ElementTree as etree

from desktop_app.core import document_layout as layout
from desktop_app.core.document_layout import element_text
from desktop_app.core.sentences import Sentence, split_sentences

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "li", "dt", "dd", "td", "th", "caption"}
CONTAINERS = {"ul", "ol", "dl", "blockquote", "div", "table", "thead", "tbody", "tr"}
# Elements after which a word in capitals starts a sentence again (plain styling).
_RESTARTS = BLOCKS | CONTAINERS | {"br"}


def qr_marker(number: int) -> str:
    """The paragraph that stands where the QR code of ``web_addresses[number]`` goes."""
    return f"<p>QRCODEMARKER{number}X</p>"


@dataclass(frozen=True)
class Block:
    """One block of the page: ``kind`` is ``heading`` (with its ``level``), ``paragraph``,
    ``item`` (of a list) or ``picture`` (pictures only, no text); ``text`` is its text as
    shown, white space folded."""

    index: int
    kind: str
    text: str
    level: int = 0

    @property
    def id(self) -> str:
        return f"b{self.index + 1}"


@dataclass(frozen=True)
class Link:
    """A link or picture in the body: ``[label](scheme:target)``; for a picture the label is
    its alternative text and the scheme ``pictogram``."""

    label: str
    scheme: str
    target: str
    block: int
    image: bool = False

    @property
    def href(self) -> str:
        return f"{self.scheme}:{self.target}" if self.scheme else self.target

    @property
    def picture(self) -> bool:
        return self.image and self.scheme == "pictogram"


@dataclass(frozen=True)
class Options:
    """What changes the laid-out page: pictures shown, plain styling (``keep``: words in
    capitals that stay so), the sources line at its foot ('' for none); for a handout or a
    talking book (``core/document_layout.py``): how links are shown (``links``: ``reader``,
    ``text`` or ``book``), the chosen sections (their headings; none: the whole page),
    headings moved ``shift`` levels down, the book's files of the pages (``files``: (page id,
    file) pairs) and pictograms' alternative texts where the page gives none (``alts``), and
    a marker after each block that names a web address for the first time (``qr``)."""

    show_pictures: bool = True
    plain: bool = False
    keep: frozenset = frozenset()
    sources: str = ""
    links: str = "reader"
    sections: tuple = ()
    shift: int = 0
    files: tuple = ()
    alts: tuple = ()
    qr: bool = False


@dataclass(frozen=True)
class Document:
    """A page variant as blocks, sentences and links, and its HTML for the reader.

    ``sentences`` are everything read aloud, in order: the title's first, then the body's
    (``body_sentences``), then the sources line's. A search hit's sentence number is a number
    in ``body_sentences``; ``reader_index`` turns it into a number in ``sentences``."""

    title: str
    lang: str
    level: str
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    links: tuple[Link, ...]
    html: str
    body_start: int          # the first body sentence (after the title's)
    body_end: int            # the first sentence after the body (the sources line's)
    web_addresses: tuple = ()   # with ``Options.qr``: the address of each ``qr_marker(n)``

    @property
    def body_sentences(self) -> tuple[Sentence, ...]:
        return self.sentences[self.body_start:self.body_end]

    def reader_index(self, body_index: int) -> int:
        return self.body_start + body_index

    @property
    def headings(self) -> list[tuple[int, str]]:
        """(level, text) of each heading, the title first: the table of contents."""
        return [(b.level, b.text) for b in self.blocks if b.kind == "heading" and b.text]

    def pictures(self) -> list[tuple[str, str]]:
        """(pictogram name, alternative text) of each picture, in order."""
        return [(link.target, link.label) for link in self.links if link.picture]

    def picture_alt(self, name: str) -> str:
        return next((alt.strip() for found, alt in self.pictures()
                     if found == name and alt.strip()), "")

    def sentence_under(self, heading: str, number: int) -> int | None:
        """The index of the ``number``-th sentence (from 0) after the heading ``heading``
        (any case), not counting the heading's own; None if there is none."""
        for block in self.blocks:
            if block.kind == "heading" and block.text.lower() == heading.lower():
                after = [s.index for s in self.sentences if s.block > block.index]
                return after[number] if number < len(after) else None
        return None

    def block_of(self, sentence: Sentence) -> Block:
        return self.blocks[sentence.block]


def page_document(page, options: Options = Options()) -> Document:
    """The model of ``page`` (a ``core.model.Page``) laid out with ``options``; made once."""
    return _document(page.title, page.body, page.lang, page.level, options)


@lru_cache(maxsize=512)
def _document(title: str, body: str, lang: str, level: str, options: Options) -> Document:
    builder = _Builder(lang, level, options, title)
    builder.html = _convert(body, builder)
    return builder.document()


def text_document(lang: str, level: str, parts: tuple, options: Options = Options()) -> Document:
    """A model of text that is not Markdown: ``parts`` are ``(tag, text)`` pairs (``h1``,
    ``h2``, ``p`` ...), each a block of plain text."""
    return _text_document(lang, level, tuple(parts), options)


@lru_cache(maxsize=64)
def _text_document(lang: str, level: str, parts: tuple, options: Options) -> Document:
    from markdown.serializers import to_html_string
    root = etree.Element("div")
    for tag, text in parts:
        etree.SubElement(root, tag).text = text
    builder = _Builder(lang, level, options, "")
    builder.run(root)
    builder.html = "\n".join(to_html_string(child) for child in root)
    return builder.document()


def body_document(markdown: str) -> Document:
    """The model of a Markdown body that is not a page: no title, no layout."""
    return _document("", markdown, "", "standard", Options())


def body_blocks(markdown: str) -> list[Block]:
    """The blocks of a Markdown body (for text figures such as LIX)."""
    return list(body_document(markdown).blocks)


def _convert(body: str, builder: "_Builder") -> str:
    """python-markdown with sane lists and the model's tree processor. Imported on the first
    page made, not at start-up; extensions are passed as objects, because naming them makes
    markdown search the installed packages' entry points (~20 ms)."""
    import markdown
    from markdown.extensions import Extension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.treeprocessors import Treeprocessor

    class _Model(Treeprocessor):
        def run(self, root):
            builder.run(root)

    class _ModelExtension(Extension):
        def extendMarkdown(self, md):
            md.treeprocessors.register(_Model(md), "document_model", -10)   # after unescape

    return markdown.markdown(body, extensions=[SaneListExtension(), _ModelExtension()],
                             output_format="html")


# -- the element tree --------------------------------------------------------------------------
def _unplace(text: str) -> str:
    """Text of the tree as shown: python-markdown's placeholders for ``&`` and escaped
    characters turned back into characters."""
    from markdown import util
    return html.unescape(text.replace(util.AMP_SUBSTITUTE, "&"))


def _pieces(element) -> list[tuple]:
    """The text of ``element``'s inline content as pieces ``(text, holder, attr)`` in order
    (``attr`` is ``text`` or ``tail`` of ``holder``); a line break counts as a space, a
    picture as nothing. Nested blocks are left out (they are blocks of their own)."""
    pieces: list[tuple] = []

    def walk(node) -> None:
        if node.text:
            pieces.append((node.text, node, "text"))
        for child in node:
            if child.tag == "br":
                pieces.append((" ", None, None))
            elif child.tag not in BLOCKS and child.tag not in CONTAINERS and child.tag != "img":
                walk(child)
            if child.tail:
                pieces.append((child.tail, child, "tail"))
    walk(element)
    return [(_unplace(text), holder, attr) for text, holder, attr in pieces]


def _fold(pieces) -> tuple[str, list[tuple]]:
    """The pieces' text with white space folded, and for each character of it where it is in
    the tree ``(holder, attr, index in the holder's string)``."""
    chars, where = [], []
    for text, holder, attr in pieces:
        raw = getattr(holder, attr) if holder is not None else text
        for i, char in enumerate(text):
            if char.isspace():
                if not chars or chars[-1] == " ":
                    continue
                char = " "
            chars.append(char)
            where.append((holder, attr, i if text == raw else None))
    while chars and chars[-1] == " ":
        chars.pop()
        where.pop()
    return "".join(chars), where


class _Builder:
    def __init__(self, lang: str, level: str, options: Options, title: str):
        self.lang, self.level, self.options, self.title = lang, level, options, title
        self.blocks: list[Block] = []
        self.sentences: list[Sentence] = []
        self.links: list[Link] = []
        self.body_start = self.body_end = 0
        self.html = ""
        self.web_addresses: list[str] = []
        self._elements: list[tuple[int, object]] = []       # block index, its element
        self._spans: list[tuple[int, int]] = []              # each sentence in its block


    def run(self, root) -> None:
        layout.keep_sections(root, self.options.sections)
        if self.title:
            title = etree.Element("h1")
            title.text, title.tail = self.title, "\n"
            root.insert(0, title)
            self._add_block(title, False)
        self.body_start = len(self.sentences)
        if self.options.sources:
            sources = etree.SubElement(root, "p", {"class": "sources"})
            sources.text = self.options.sources
        parents = {child: parent for parent in root.iter() for child in parent}
        self._collect(root, in_item=False, skip=1 if self.title else 0)
        if self.level == "easy":
            for index, element in self._elements:
                if element.tag in ("p", "li") and element.get("class") != "sources" \
                        and self.blocks[index].kind != "heading":
                    self._one_sentence_a_line(element, parents)
        layout.show_links(root, parents, self.options)
        if self.options.qr:
            self.web_addresses = layout.mark_web_addresses(root, self.title)
        layout.shift_headings(root, self.options.shift)
        if self.options.plain:
            from desktop_app.core.render import normal_case_tree
            normal_case_tree(root, self.options.keep, _RESTARTS, _unplace)
            self._reread()

    def _reread(self) -> None:
        """The sentences' text as shown after plain styling (same length: the same places)."""
        for index, element in self._elements:
            old, new = self.blocks[index].text, _fold(_pieces(element))[0]
            if len(old) != len(new) or old == new:
                continue
            self.blocks[index] = Block(index, self.blocks[index].kind, new,
                                       self.blocks[index].level)
            for number, sentence in enumerate(self.sentences):
                if sentence.block == index:
                    start, end = self._spans[number]
                    self.sentences[number] = Sentence(number, new[start:end], sentence.lang,
                                                      index, sentence.kind)

    def _collect(self, element, in_item: bool, skip: int = 0) -> None:
        for child in list(element)[skip:]:
            if child.tag in BLOCKS:
                self._add_block(child, in_item or child.tag == "li")
            if child.tag in BLOCKS or child.tag in CONTAINERS:
                self._collect(child, in_item or child.tag == "li")

    def _add_block(self, element, in_item: bool) -> None:
        for node in element.iter():
            if node.tag == "a" and ":" in node.get("href", ""):
                scheme, _, target = node.get("href").partition(":")
                self.links.append(Link(element_text(node), scheme, target, len(self.blocks)))
            elif node.tag == "img":
                src = node.get("src", "")
                scheme, _, target = src.partition(":") if ":" in src else ("", "", src)
                self.links.append(Link(node.get("alt", ""), scheme, target, len(self.blocks),
                                       image=True))
        text, _where = _fold(_pieces(element))
        heading = element.tag in HEADINGS
        kind = ("heading" if heading else "item" if in_item else
                "paragraph" if text or element.find(".//img") is None else "picture")
        if not text and kind != "picture":
            return
        index = len(self.blocks)
        self.blocks.append(Block(index, kind, text, int(element.tag[1]) if heading else 0))
        self._elements.append((index, element))
        if element.get("class") == "sources":
            self.body_end = len(self.sentences)
        position = 0
        for sentence in split_sentences(text, self.lang):
            start = text.find(sentence, position)
            position = start + len(sentence)
            self._spans.append((start, position))
            self.sentences.append(Sentence(len(self.sentences), sentence, self.lang, index,
                                           kind))

    def _one_sentence_a_line(self, element, parents) -> None:
        """A line break after every sentence of the block but its last (easy-read)."""
        text, where = _fold(_pieces(element))
        ends, position = [], 0
        for sentence in split_sentences(text, self.lang):
            start = text.find(sentence, position)
            position = start + len(sentence)
            if position < len(text):
                ends.append(position)      # the space after the sentence
        for start in reversed(ends):
            holder, attr, i = where[start]
            if holder is None or i is None:
                continue
            br = etree.Element("br")
            if attr == "text" and i == 0 and holder is not element:
                parent = parents[holder]       # before the link or emphasis it starts
                parent.insert(list(parent).index(holder), br)
                continue
            value = getattr(holder, attr)
            setattr(holder, attr, value[:i])
            br.tail = value[i:]
            if attr == "text":
                holder.insert(0, br)
            else:
                parent = parents[holder]
                parent.insert(list(parent).index(holder) + 1, br)
            parents[br] = holder if attr == "text" else parents[holder]

    def document(self) -> Document:
        end = self.body_end if self.options.sources else len(self.sentences)
        return Document(self.title, self.lang, self.level, tuple(self.blocks),
                        tuple(self.sentences), tuple(self.links), self.html, self.body_start,
                        end, tuple(self.web_addresses))


def clear_cache() -> None:
    """Forget the models made (content reloaded; measurements from an empty cache)."""
    _document.cache_clear()
    _text_document.cache_clear()

"""A page's HTML cut into sentences and words, written out as XHTML (no Qt).

``segment(model)`` parses the HTML of a document model (``core/document.py``) and puts the
model's sentences on its blocks (heading, paragraph, list item): the same sentences the
reader highlights and reads aloud. ``Segmented.xhtml(words)`` then writes the page as XHTML, each
sentence in ``<span class="s" id="sN">`` and, where the speech engine gave word timings, each
word in ``<span class="w" id="sNwK">``, so a media overlay can point at them. Spans and inline
markup (links, bold) nest by what holds what: a link inside a sentence stays one link with its
words' spans inside it (a screen reader announces one link, not one per word). Only markup
that a sentence or word boundary cuts through is closed and opened again on either side, so
the XHTML stays well-formed.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

from desktop_app.core.document import Document

BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "td", "th", "caption"}
CONTAINERS = {"ul", "ol", "dl", "blockquote", "div", "section", "table", "thead", "tbody", "tr"}
VOID = {"img", "br", "hr"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str]] = field(default_factory=list)
    children: list = field(default_factory=list)    # Element | str


@dataclass(frozen=True)
class SentenceText:
    """One sentence as shown: its id in the page, its text and the kind of its block."""

    id: str
    text: str
    kind: str          # heading, paragraph, item (the pause after it: speech/normalize.py)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root")
        self._stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, [(k, v if v is not None else k) for k, v in attrs])
        self._stack[-1].children.append(element)
        if tag not in VOID:
            self._stack.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data):
        self._stack[-1].children.append(data)


def _attrs(attrs: list[tuple[str, str]]) -> str:
    return "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in attrs)


def _open(tag: str, attrs) -> str:
    return f"<{tag}{_attrs(attrs)}/>" if tag in VOID else f"<{tag}{_attrs(attrs)}>"


class _Block:
    """A block's inline content as runs of text (or one void element) with the inline elements
    around them, and its text with white space collapsed, as the sentences are found in."""

    def __init__(self, element: Element, kind: str):
        self.element = element
        self.kind = kind
        self.runs: list[tuple[tuple[Element, ...], str | Element]] = []
        self._flatten(element.children, ())
        chars, owners = [], []
        self.inserts: dict[int, list[int]] = {}   # void elements, before the character at
        for number, (_chain, item) in enumerate(self.runs):
            if not isinstance(item, str):
                self.inserts.setdefault(len(chars), []).append(number)
                if item.tag != "img" and chars and chars[-1] != " ":
                    chars.append(" ")          # a line break separates words
                    owners.append(number)
                continue
            for char in item:
                if char.isspace():
                    if not chars or chars[-1] == " ":
                        continue
                    char = " "
                chars.append(char)
                owners.append(number)
        while chars and chars[-1] == " ":
            chars.pop()
            owners.pop()
        self.text = "".join(chars)
        self.owners = owners
        self.sentences: list[tuple[int, int, str]] = []   # start, end, id

    def _flatten(self, children, chain) -> None:
        for child in children:
            if isinstance(child, str) or child.tag in VOID:
                self.runs.append((chain, child))
            else:
                self._flatten(child.children, chain + (child,))

    def _items(self) -> list[tuple[int, int | None, tuple]]:
        """The block in order as (position, character index or None for a void element, the
        inline elements around it, its run number); a void element comes before the character
        at its position."""
        items: list = []
        for position in range(len(self.text) + 1):
            items += [(position, None, number) for number in self.inserts.get(position, ())]
            if position < len(self.text):
                items.append((position, position, self.owners[position]))
        return [(p, char, self.runs[owner][0], owner) for p, char, owner in items]

    def write(self, words: dict[str, list[tuple[int, int]]]) -> str:
        """The block's inner XHTML with sentence and word spans.

        Sentences, words and inline elements (links, bold) are ranges of the block: a range
        that holds another is written around it, so a link inside one sentence stays one
        link with its words' spans inside it. Only ranges that cross are cut, and a span cut
        in two keeps its id on its first part."""
        ranges: list[tuple[int, int, str]] = []      # first, last character, key
        for start, end, sid in self.sentences:
            ranges.append((start, end - 1, sid))
            for number, (char, length) in enumerate(words.get(sid, ()), 1):
                last = min(end, start + char + length) - 1
                if start + char <= last:
                    ranges.append((start + char, last, f"{sid}w{number}"))
        items = self._items()
        bounds: dict[int, list[int]] = {}            # id(element): first, last item
        for index, (_p, _c, chain, _o) in enumerate(items):
            for element in chain:
                bounds.setdefault(id(element), [index, index])[1] = index
        # The spans' characters as item indices, so void elements inside them are inside.
        first_item = {char: index for index, (_p, char, _ch, _o) in enumerate(items)
                      if char is not None}
        spans = [(first_item[a], first_item[b], key) for a, b, key in ranges]
        out: list[str] = []
        open_keys: list = []
        opened: set = set()
        closers: list[str] = []
        for index, (_position, char, chain, owner) in enumerate(items):
            active = [(a, -b, 0 if "w" not in key else 2, key, None)
                      for a, b, key in spans if a <= index <= b]
            active += [(bounds[id(e)][0], -bounds[id(e)][1], 1, id(e), e) for e in chain]
            active.sort(key=lambda r: r[:3])
            keys = [r[3] for r in active]
            same = 0
            while same < min(len(keys), len(open_keys)) and keys[same] == open_keys[same]:
                same += 1
            while len(open_keys) > same:
                open_keys.pop()
                out.append(closers.pop())
            for _a, _b, _rank, key, element in active[same:]:
                if element is not None:
                    out.append(_open(element.tag, element.attrs))
                    closers.append(f"</{element.tag}>")
                else:
                    kind = "w" if "w" in key else "s"
                    ident = "" if key in opened else f' id="{key}"'
                    out.append(f'<span class="{kind}"{ident}>')
                    closers.append("</span>")
                    opened.add(key)
                open_keys.append(key)
            if char is None:
                item = self.runs[owner][1]
                out.append(_open(item.tag, item.attrs))
            elif isinstance(self.runs[owner][1], str):
                out.append(html.escape(self.text[char], quote=False))
            else:
                out.append(self.text[char])      # the space standing for a line break
        out.extend(reversed(closers))
        return "".join(out)


class Segmented:
    """A page's HTML with its sentences found: ``sentences`` (in reading order), ``headings``
    (with the ids given to them) and ``xhtml(words)``."""

    def __init__(self, root: Element, model: Document):
        self.root = root
        self.lang = model.lang
        self.sentences: list[SentenceText] = []
        self.headings: list[Heading] = []
        self._blocks: dict[int, _Block] = {}
        self._model = [[s.text for s in model.sentences if s.block == block.index]
                       for block in model.blocks if block.text]
        self._walk(root, in_item=False)

    def _walk(self, element: Element, in_item: bool) -> None:
        for child in element.children:
            if not isinstance(child, Element) or child.tag in VOID:
                continue
            has_blocks = any(isinstance(c, Element) and (c.tag in BLOCKS or c.tag in CONTAINERS)
                             for c in child.children)
            if child.tag in BLOCKS and not has_blocks:
                self._add_block(child, in_item)
            elif child.tag in BLOCKS or child.tag in CONTAINERS:
                self._walk(child, in_item or child.tag == "li")

    def _add_block(self, element: Element, in_item: bool) -> None:
        kind = ("heading" if element.tag in HEADINGS else
                "item" if element.tag == "li" or in_item else "paragraph")
        block = _Block(element, kind)
        self._blocks[id(element)] = block
        if kind == "heading" and block.text:
            hid = f"h{len(self.headings) + 1}"
            element.attrs = [(k, v) for k, v in element.attrs if k != "id"] + [("id", hid)]
            self.headings.append(Heading(int(element.tag[1]), block.text, hid))
        if not block.text:
            return
        position = 0
        for sentence in (self._model.pop(0) if self._model else []):
            start = block.text.find(sentence, position)
            if start < 0 or not any(c.isalnum() for c in sentence):
                continue
            sid = f"s{len(self.sentences) + 1}"
            position = start + len(sentence)
            block.sentences.append((start, position, sid))
            self.sentences.append(SentenceText(sid, sentence, kind))

    def xhtml(self, words: dict[str, list[tuple[int, int]]] | None = None) -> str:
        """The body as XHTML; ``words[sentence id]`` = the (char, length) of each word to mark,
        in order, as positions in the sentence's text."""
        return "".join(self._write(child, words or {}) for child in self.root.children)

    def _write(self, node, words) -> str:
        if isinstance(node, str):
            return html.escape(node, quote=False)
        if node.tag in VOID:
            return _open(node.tag, node.attrs)
        block = self._blocks.get(id(node))
        inner = block.write(words) if block is not None else \
            "".join(self._write(child, words) for child in node.children)
        return f"{_open(node.tag, node.attrs)}{inner}</{node.tag}>"


def segment(model: Document) -> Segmented:
    """The HTML of ``model`` with its sentences put on its blocks."""
    parser = _Parser()
    parser.feed(model.html)
    parser.close()
    return Segmented(parser.root, model)

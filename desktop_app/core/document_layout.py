"""How the document model lays a page out for each medium (no Qt): its links and pictures
as the reader, a printed handout or a talking book shows them, the chosen sections of a page,
its headings moved down a level, and where a handout's QR codes go. Works on python-markdown's
element tree, inside the document model's tree processor (``core/document.py``)."""
from __future__ import annotations

import re
from xml.etree import ElementTree as etree

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
PICTURE_PX = 96
_WEB = re.compile(r"https?://[^\s<>()\[\]\"']+")


def web_addresses(text: str) -> list[str]:
    """Every http(s) address in ``text``, once each, in order (trailing punctuation left out)."""
    result: list[str] = []
    for match in _WEB.finditer(text):
        address = match.group(0).rstrip(".,;:!?")
        if address not in result:
            result.append(address)
    return result


def element_text(element) -> str:
    """The text of an element and all it holds, white space folded."""
    return " ".join("".join(element.itertext()).split())


def keep_sections(root, wanted: tuple) -> None:
    """Only the sections under the ``wanted`` headings, each from its heading until the next
    heading of the same or a higher level; all of it when none of them is found."""
    if not wanted:
        return
    wanted = {w.strip() for w in wanted}
    children = list(root)
    headings = [(i, int(c.tag[1]), element_text(c)) for i, c in enumerate(children)
                if c.tag in HEADINGS]
    keep: set[int] = set()
    for number, (start, level, text) in enumerate(headings):
        if text in wanted:
            end = next((i for i, other, _t in headings[number + 1:] if other <= level),
                       len(children))
            keep.update(range(start, end))
    if keep:
        for i, child in enumerate(children):
            if i not in keep:
                root.remove(child)


def shift_headings(root, shift: int) -> None:
    """Every heading ``shift`` levels down (at most ``h6``)."""
    if shift:
        for node in root.iter():
            if node.tag in HEADINGS:
                node.tag = f"h{min(6, int(node.tag[1]) + shift)}"


def _remove(parent, node, keep_text: bool = False) -> None:
    """``node`` out of ``parent``, its tail kept (and with ``keep_text`` its text and
    children in its place)."""
    children = list(parent)
    at = children.index(node)
    before = (node.text or "") if keep_text else ""
    inner = list(node) if keep_text else []
    if at:
        children[at - 1].tail = (children[at - 1].tail or "") + before
    else:
        parent.text = (parent.text or "") + before
    for offset, child in enumerate(inner):
        parent.insert(at + offset, child)
    last = inner[-1] if inner else (children[at - 1] if at else None)
    if node.tail:
        if last is not None:
            last.tail = (last.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def show_links(root, parents: dict, options) -> None:
    """Links and pictures as ``options.links`` shows them:

    * ``reader``: glossary terms marked for the reader's style; pictograms as links that open
      them large (Tab reaches them, Enter or a tap opens them), or left out without
      ``show_pictures``;
    * ``text`` (a handout): terms and page links as plain text, pictures left out, a web link
      with a label as the label followed by the address;
    * ``book``: terms as plain text, page links to the book's files (plain text when the page
      is not in it), pictograms as pictures in the book's ``images`` folder.

    Pictures other than pictograms are left out."""
    files, alts = dict(options.files), dict(options.alts)
    for node in list(root.iter()):
        parent = parents.get(node)
        href = node.get("href", "") if node.tag == "a" else ""
        scheme, _, target = href.partition(":")
        if node.tag == "img":
            _picture(node, parent, options, alts)
        elif scheme == "term":
            if options.links == "reader":
                node.set("class", "term")
            else:
                _remove(parent, node, keep_text=True)
        elif scheme == "page" and options.links != "reader":
            if options.links == "book" and target in files:
                node.set("href", files[target])
            else:
                _remove(parent, node, keep_text=True)
        elif scheme in ("http", "https") and options.links == "text":
            label = element_text(node)
            if label not in ("", href):
                node.tail = ")" + (node.tail or "")
                previous = _previouselement_text(parent, node)
                previous(label + " (")
                for child in list(node):
                    node.remove(child)
                node.text = href


def _previouselement_text(parent, node):
    children = list(parent)
    at = children.index(node)

    def add(text: str) -> None:
        if at:
            children[at - 1].tail = (children[at - 1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text
    return add


def _picture(node, parent, options, alts: dict) -> None:
    scheme, _, name = node.get("src", "").partition(":")
    shown = options.show_pictures and options.links != "text"
    if scheme != "pictogram" or not shown:
        _remove(parent, node)
        return
    alt = node.get("alt", "").strip() or alts.get(name, "")
    if options.links == "book":
        node.attrib.clear()
        node.attrib.update({"class": "pictogram", "src": f"../images/{name}.svg", "alt": alt,
                            "width": str(PICTURE_PX), "height": str(PICTURE_PX)})
        return
    link = etree.Element("a", {"class": "picture", "href": f"picture:{name}", "title": alt})
    link.tail, node.tail = node.tail, None
    parent.insert(list(parent).index(node), link)
    parent.remove(node)
    node.attrib.update({"title": alt, "width": str(PICTURE_PX), "height": str(PICTURE_PX)})
    link.append(node)


def mark_web_addresses(root, title: str) -> list[str]:
    """After each block of the body that names a web address not named before, a paragraph
    ``QRCODEMARKER<n>X`` for each such address; the addresses in the markers' order."""
    shown: list[str] = []
    for child in list(root)[1 if title else 0:]:
        text = " ".join([element_text(child)] + [a.get("href", "") for a in child.iter("a")])
        at = list(root).index(child)
        for address in web_addresses(text):
            if address in shown:
                continue
            marker = etree.Element("p")
            marker.text = f"QRCODEMARKER{len(shown)}X"
            shown.append(address)
            at += 1
            root.insert(at, marker)
    return shown

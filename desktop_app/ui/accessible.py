"""What a screen reader sees of the reader.

A plain ``QTextBrowser`` reaches a screen reader as one flat text: no headings to jump between.
:func:`install` adds an accessibility factory that gives the reader's ``PageBrowser`` a
*document* with one child per text block, in reading order: headings (with their level),
paragraphs and list items. Each child carries its text as its name, implements the text
interface (so a screen reader can read it by character, word or line) and knows where it is on
screen. The document itself also implements the text interface over the whole page, so caret
navigation keeps working as with the plain widget.

The factory is installed by the first ``PageBrowser`` or :func:`mark_document`: nothing else
needs it, so it does not load before the first paint. Spoken announcements of state changes are
``ui/announce.py``.

Ownership, as PySide6 6.11 and 6.12 behave: the document interface is made by the factory and deleted by
Qt when the widget goes. The block interfaces are made here; once a screen reader has seen one,
Qt's accessibility cache holds a pointer to it, so they are never simply dropped: they are deleted
through ``QAccessible.deleteAccessibleInterface`` (which also invalidates the Python object)
when the page changes or the widget is destroyed.
"""
from __future__ import annotations

import logging
import weakref

from PySide6.QtCore import QObject, QPoint, QRect, QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QTextEdit
from shiboken6 import Shiboken

from desktop_app.ui.accessible_text import TextAttributes, TextRange

log = logging.getLogger(__name__)

DOCUMENT_CLASSES = ("PageBrowser",)   # QTextEdit subclasses shown as a structured document
_MARK = "accessibleDocument"          # or any QTextEdit with this dynamic property set to True
_OBJECT = "\ufffc"                    # QTextDocument's placeholder for an image
_NULL = Shiboken.VoidPtr(0)
_installed = False


# -- public ----------------------------------------------------------------------------------
def install() -> None:
    """Install the accessibility factory (once; safe to call again)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def mark_document(widget: QTextEdit) -> None:
    """Show another text widget (e.g. the help text) as a structured document too. Call it
    before the widget is shown: a screen reader keeps the first accessible it was given."""
    install()
    widget.setProperty(_MARK, True)


def refresh(browser: QTextEdit) -> None:
    """Rebuild the block children of ``browser`` now (they are also rebuilt on their own when
    the text changes or the document is replaced)."""
    document = _DOCUMENTS.get(_address(browser))
    if document is not None:
        document.invalidate()


# -- the factory -----------------------------------------------------------------------------
_DOCUMENTS: dict[int, "DocumentAccessible"] = {}


def _factory(key: str, obj: QObject):
    try:
        if isinstance(obj, QTextEdit) and (key in DOCUMENT_CLASSES or obj.property(_MARK)):
            return DocumentAccessible(obj)
    except Exception:
        log.exception("accessible for %s could not be made", key)
    return None


def _kind(block) -> tuple[QAccessible.Role, int]:
    level = block.blockFormat().headingLevel()
    if level > 0:
        return QAccessible.Role.Heading, level
    if block.textList() is not None:
        return QAccessible.Role.ListItem, 0
    return QAccessible.Role.Paragraph, 0


def _address(obj) -> int:
    return Shiboken.getCppPointer(obj)[0]


def _pointer(interface) -> Shiboken.VoidPtr:
    return Shiboken.VoidPtr(Shiboken.getCppPointer(interface)[0])


class BlockAccessible(QAccessibleInterface):
    """One text block of the page: a heading, a paragraph or a list item."""

    def __init__(self, document: "DocumentAccessible", generation: int, block):
        super().__init__()
        self._document = document
        self._generation = generation
        self.position = block.position()
        self.number = block.blockNumber()
        raw = block.text().replace(_OBJECT, " ")
        self.raw = raw
        self.name = " ".join(raw.split())
        self._role, level = _kind(block)
        self._text = TextRange(self)
        self._attributes = TextAttributes(level)

    # helpers
    def _alive(self) -> bool:
        return self._document.generation_alive(self._generation)

    def text_range(self):
        browser = self._document.browser() if self._alive() else None
        return browser, self.position, (self.raw if browser is not None else "")

    def block(self):
        browser = self._document.browser() if self._alive() else None
        if browser is None:
            return None, None
        block = browser.document().findBlockByNumber(self.number)
        return (browser, block) if block.isValid() else (None, None)

    # QAccessibleInterface
    def interface_cast(self, kind):
        if kind == QAccessible.InterfaceType.TextInterface:
            return _pointer(self._text)
        if kind == QAccessible.InterfaceType.AttributesInterface:
            return _pointer(self._attributes)
        return _NULL

    def isValid(self) -> bool:
        return self._alive()

    def object(self):
        return None

    def window(self):
        browser = self._document.browser()
        return browser.window().windowHandle() if browser is not None else None

    def _box(self) -> tuple[QTextEdit | None, QRect]:
        """The block's rectangle in the viewport (scrolled), or (None, empty) if not shown."""
        browser, block = self.block()
        if browser is None or not browser.isVisible():
            return None, QRect()
        box = browser.document().documentLayout().blockBoundingRect(block).toAlignedRect()
        box.translate(-browser.horizontalScrollBar().value(),
                      -browser.verticalScrollBar().value())
        return browser, box

    def rect(self) -> QRect:
        browser, box = self._box()
        if browser is None:
            return QRect()
        return QRect(browser.viewport().mapToGlobal(box.topLeft()), box.size())

    def role(self):
        return self._role

    def text(self, kind) -> str:
        if kind == QAccessible.Text.Name:
            return self.name
        return ""

    def setText(self, kind, text: str) -> None:
        pass

    def parent(self):
        return self._document if self._alive() else None

    def child(self, index: int):
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, child) -> int:
        return -1

    def childAt(self, x: int, y: int):
        return None

    def state(self):
        state = QAccessible.State()
        state.readOnly = True
        state.selectableText = True
        browser, box = self._box()
        if browser is None:
            state.invisible = True
        elif not browser.viewport().rect().intersects(box):
            state.offscreen = True          # scrolled out of view
        return state

    def relations(self, match=None):
        return []

    def focusChild(self):
        return None


class DocumentAccessible(QAccessibleWidget):
    """The page as a document: name = the widget's accessible name (the page title),
    description = its accessible description; children = the blocks with text."""

    def __init__(self, widget: QTextEdit):
        super().__init__(widget, QAccessible.Role.Document)
        self._browser = weakref.ref(widget)
        self._key = _address(widget)
        self._text = TextRange(self)
        self._attributes = TextAttributes()
        self._generation = 0
        self._built_for = None          # (document, generation) the children belong to
        self._children: list[BlockAccessible] = []
        self._index: dict[int, int] = {}
        self._plain: str | None = None
        self._notify_pending = False
        _DOCUMENTS[self._key] = self
        widget.textChanged.connect(self._changed)
        key = self._key
        widget.destroyed.connect(lambda *_: _forget(key))

    # bookkeeping
    def browser(self) -> QTextEdit | None:
        browser = self._browser()
        if browser is None or not Shiboken.isValid(browser):
            return None
        return browser

    def generation_alive(self, generation: int) -> bool:
        browser = self.browser()
        return (browser is not None and generation == self._generation
                and self._built_for == (_address(browser.document()), generation))

    def _changed(self) -> None:
        self.invalidate()

    def forget(self) -> None:
        """The widget is gone: its children and text are dropped."""
        self._drop_children()
        self._plain = None

    def invalidate(self) -> None:
        """Drop the children (the page changed) and tell the screen reader, once, soon."""
        self._generation += 1
        self._plain = None
        self._drop_children()
        if not self._notify_pending and QAccessible.isActive():
            self._notify_pending = True
            QTimer.singleShot(0, self._notify)

    def _notify(self) -> None:
        self._notify_pending = False
        browser = self.browser()
        if browser is not None and QAccessible.isActive():
            QAccessible.updateAccessibility(
                QAccessibleEvent(browser, QAccessible.Event.ObjectReorder))

    def _drop_children(self) -> None:
        children, self._children, self._index = self._children, [], {}
        self._built_for = None
        for child in children:
            _delete(child)

    def _blocks(self) -> list[BlockAccessible]:
        browser = self.browser()
        if browser is None:
            return []
        key = (_address(browser.document()), self._generation)
        if self._built_for != key:
            if self._built_for is not None and self._built_for[0] != key[0]:
                # the document was replaced without a text change: a new generation
                self._generation += 1
                self._plain = None
                key = (key[0], self._generation)
            self._drop_children()
            self._built_for = key
            block = browser.document().begin()
            while block.isValid():
                if block.text().replace(_OBJECT, "").strip():
                    self._index[block.blockNumber()] = len(self._children)
                    self._children.append(BlockAccessible(self, self._generation, block))
                block = block.next()
        return self._children

    def text_range(self):
        browser = self.browser()
        if browser is None:
            return None, 0, ""
        if self._plain is None \
                or self._built_for != (_address(browser.document()), self._generation):
            self._blocks()
            raw = browser.document().toRawText()
            self._plain = (raw.replace("\u2029", "\n").replace("\u2028", "\n")
                           .replace(_OBJECT, " ").replace("\u00a0", " "))
        return browser, 0, self._plain

    # QAccessibleInterface
    def interface_cast(self, kind):
        if kind == QAccessible.InterfaceType.TextInterface:
            return _pointer(self._text)
        if kind == QAccessible.InterfaceType.AttributesInterface:
            return _pointer(self._attributes)
        result = super().interface_cast(kind)
        return result if result is not None else _NULL

    def state(self):
        state = super().state()
        state.readOnly = True
        state.multiLine = True
        state.selectableText = True
        return state

    def childCount(self) -> int:
        return len(self._blocks())

    def child(self, index: int):
        children = self._blocks()
        return children[index] if 0 <= index < len(children) else None

    def indexOfChild(self, child) -> int:
        for index, candidate in enumerate(self._blocks()):
            if candidate is child:
                return index
        return -1

    def childAt(self, x: int, y: int):
        browser = self.browser()
        if browser is None:
            return None
        local = browser.viewport().mapFromGlobal(QPoint(x, y))
        if not browser.viewport().rect().contains(local):
            return None
        children = self._blocks()
        number = browser.cursorForPosition(local).block().blockNumber()
        index = self._index.get(number)
        if index is not None and children[index].rect().contains(x, y):
            return children[index]
        return None


def _delete(interface: QAccessibleInterface) -> None:
    """Delete a block interface through Qt's cache (which may hold a pointer to it)."""
    try:
        if Shiboken.isValid(interface):
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(interface))
    except Exception:
        log.exception("accessible block could not be deleted")


def _forget(key: int) -> None:
    document = _DOCUMENTS.pop(key, None)
    if document is not None:
        document.forget()

"""The stack of views, the home screen (topic tiles) and a topic's list of pages."""
from __future__ import annotations

from typing import Callable, TypeVar

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtWidgets import (QLabel, QPushButton, QScrollArea, QSizePolicy,
                               QStackedWidget, QVBoxLayout, QWidget)

from desktop_app.core.kiosk_policy import KioskPolicy
from desktop_app.ui.lazy import Lazy
from desktop_app.ui.view_context import ViewContext
from desktop_app.i18n import _, ngettext
from desktop_app.ui import icons
from desktop_app.ui.flow import FlowLayout

V = TypeVar("V", bound=QWidget)


def scrolling(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    # A viewport made here: when PySide6 first meets a widget that Qt made of a class of its
    # own (as the viewport it would make), it cannot name its type and loads every class of
    # QtWidgets to look for it (~20 ms, once; not before the first paint).
    area.setViewport(QWidget())
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(inner)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # Tab goes to what is inside, scrolled to
    return area


class ViewStack(QStackedWidget):
    """The views, one shown at a time. Only the view showing decides the stack's size: a large
    view elsewhere in the stack never makes the window taller or wider than the screen.
    ``sig_view_made(QWidget)``: a view of ``later`` was made (and added)."""

    sig_view_made = Signal(QWidget)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.currentChanged.connect(self._size_by_current_view)


    def _size_by_current_view(self, _index: int = -1) -> None:
        current = self.currentWidget()
        for i in range(self.count()):
            view = self.widget(i)
            policy = QSizePolicy.Policy.Preferred if view is current \
                else QSizePolicy.Policy.Ignored
            view.setSizePolicy(policy, policy)
        self.updateGeometry()

    def later(self, make: Callable[[], V]) -> Lazy[V]:
        """A view made (and added here) the first time it is asked for."""
        def made() -> V:
            view = make()
            self.addWidget(view)
            self._size_by_current_view()   # not shown yet: it does not size the stack
            self.sig_view_made.emit(view)
            return view
        return Lazy(made)

    def show_view(self, view: QWidget) -> None:
        """Show ``view`` (or the scroll area it lies in)."""
        while view.parentWidget() is not None and view.parentWidget() is not self:
            view = view.parentWidget()
        self.setCurrentWidget(view)


def _remove(widgets: list[QWidget], layout) -> int | None:
    """Take ``widgets`` out of ``layout`` and delete them; the index of the one that had the
    focus, if any. Its focus is dropped first: hiding a focused widget passes the focus on to
    the next one, then the next, down the whole view, which scrolls the view to its end."""
    focused = None
    for index, widget in enumerate(widgets):
        if widget.hasFocus():
            focused = index
            widget.clearFocus()
        layout.removeWidget(widget)
        widget.hide()
        widget.deleteLater()
    return focused


class Tile(QPushButton):
    """A large button with a pictogram above a title that wraps onto several lines."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("tile")
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label = QLabel()
        self.label.setObjectName("tileTitle")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for child in (self.picture, self.label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.picture)
        layout.addWidget(self.label)

    def set_content(self, title: str, description: str, pixmap, width: int) -> None:
        self.label.setText(title)
        self.picture.setPixmap(pixmap)
        self.setFixedWidth(width)
        self.setAccessibleName(title)
        self.setAccessibleDescription(description)
        self.setToolTip(description)

    def text(self) -> str:  # the title, as a plain button's text would be
        return self.label.text()

    def sizeHint(self) -> QSize:
        self.ensurePolished()
        self.label.ensurePolished()  # the stylesheet's font decides how many lines the title takes
        margins = self.layout().contentsMargins()
        inner = self.width() - margins.left() - margins.right()
        height = (self.picture.sizeHint().height() + self.layout().spacing()
                  + self.label.heightForWidth(inner) + margins.top() + margins.bottom())
        return QSize(self.width(), max(height, self.minimumHeight()))


class HomeView(QWidget):
    """Topic tiles. ``sig_open_topic(str topic_key)``; ``sig_speak_hint()`` when the speech
    hint is pressed."""

    sig_open_topic = Signal(str)
    sig_speak_hint = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setObjectName("h1")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.speak_hint = QPushButton()
        self.speak_hint.setObjectName("speakHint")
        self.speak_hint.clicked.connect(self.sig_speak_hint)
        self.speak_hint.hide()   # the kiosk shows it (``set_policy``); Read aloud is above
        self.tiles_box = QWidget()
        self.tiles = FlowLayout(self.tiles_box, spacing=16)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.speak_hint, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.tiles_box)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.area = scrolling(inner)
        self.area.viewport().installEventFilter(self)   # the tiles follow its width
        outer.addWidget(self.area)
        self._tiles: list[Tile] = []
        self.min_tile_width = 250
        self.fill_height = False   # the kiosk: the tiles fill the screen's height as well

    def set_policy(self, policy: KioskPolicy) -> None:
        """The kiosk: tiles filling the screen; a button that reads the screen aloud."""
        self.fill_height = policy.tiles_fill_screen
        self.speak_hint.setVisible(policy.offers_screen_reading)


    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_tiles()
        return False

    def _fit_tiles(self) -> None:
        """As many columns as fit tiles of ``min_tile_width``; the tiles share the width (and
        on the kiosk the height left under the heading)."""
        if not self._tiles:
            return
        spacing = self.tiles.spacing()
        margins = self.tiles_box.parentWidget().layout().contentsMargins()
        width = self.area.viewport().width() - margins.left() - margins.right()
        most = max(1, min(len(self._tiles), (width + spacing) // (self.min_tile_width
                                                                + spacing)))
        rows = -(-len(self._tiles) // most)
        columns = -(-len(self._tiles) // rows)     # rows as even as they can be
        tile_width = max(self.min_tile_width if width >= self.min_tile_width else width,
                         (width - spacing * (columns - 1)) // columns)
        for tile in self._tiles:
            tile.setFixedWidth(tile_width)
            tile.setMinimumHeight(0)
            tile.setMaximumHeight(16777215)
        height = max(tile.sizeHint().height() for tile in self._tiles)
        if self.fill_height:
            top = self.tiles_box.mapTo(self.area.widget(), QPoint(0, 0)).y()
            free = self.area.viewport().height() - top - margins.bottom() - spacing * (rows - 1)
            height = max(height, min(free // rows, height * 3))
        for tile in self._tiles:
            tile.setFixedHeight(height)

    def populate(self, ctx: ViewContext) -> None:
        library, lang, level, theme, px = ctx.library, ctx.lang, ctx.level, ctx.theme, ctx.px
        self.heading.setText(_("Disability policy in Ballerup"))
        self.intro.setText(_("Choose a topic. You can have every page read aloud and shown "
                             "in easy read."))
        self.speak_hint.setText(_("Press here to have the text read aloud"))
        self.speak_hint.setIcon(icons.icon("speaker", theme.control_text))
        self.speak_hint.setIconSize(QSize(px * 2, px * 2))
        self.speak_hint.setAccessibleName(self.speak_hint.text())
        focused = _remove(self._tiles, self.tiles)
        self._tiles = []
        width = max(250, px * 15)
        self.min_tile_width = 400 if self.fill_height else width
        for topic in library.topics_in_order():
            count = len(library.pages_in(topic.key, lang, level))
            tile = Tile(topic.key)
            tile.set_content(topic.title[lang],
                             ngettext("%d page", "%d pages", count) % count,
                             icons.pictogram(topic.icon, theme.control_text, max(64, px * 5)),
                             width)
            tile.clicked.connect(lambda _=False, k=topic.key: self.sig_open_topic.emit(k))
            self.tiles.addWidget(tile)
            self._tiles.append(tile)
        self._fit_tiles()
        self.area.verticalScrollBar().setValue(0)   # the heading in view (also after a new size)
        if focused is not None and focused < len(self._tiles):
            self._tiles[focused].setFocus(Qt.FocusReason.OtherFocusReason)   # the keyboard's place

    def tiles_list(self) -> list[Tile]:
        return list(self._tiles)

    def first_stop(self) -> QWidget | None:
        """The first Tab stop: the speech hint where it is shown (a kiosk), else the first
        tile. (The window's focus chain gives the same, but walking it meets Qt's own widgets
        inside the scroll area, which costs ~20 ms the first time: see ``scrolling``.)"""
        return next((w for w in [self.speak_hint, *self._tiles]
                     if w.isVisibleTo(self) and w.isEnabled()), None)


class TopicView(QWidget):
    """The pages of one topic as large buttons. ``sig_open_page(str page_id)``."""

    sig_open_page = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        inner = QWidget()
        self._layout = QVBoxLayout(inner)
        self.heading = QLabel()
        self.heading.setObjectName("h1")
        self.heading.setWordWrap(True)
        self._layout.addWidget(self.heading)
        self._buttons: list[QPushButton] = []
        self._layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(inner))
        self.topic = ""

    def populate(self, ctx: ViewContext, topic: str) -> None:
        library, lang, level, theme, px = ctx.library, ctx.lang, ctx.level, ctx.theme, ctx.px
        same, self.topic = topic == self.topic, topic
        info = library.topics.get(topic)
        self.heading.setText(info.title[lang] if info else topic)
        focused = _remove(self._buttons, self._layout)
        focused = focused if same else None   # the same topic again: a new size or colours
        self._buttons = []
        pages = library.pages_in(topic, lang, level)
        for number, page in enumerate(pages, 1):
            button = QPushButton(page.title)
            button.setObjectName("tile")
            button.setIcon(icons.pictogram(page.icon, theme.control_text, 96))
            button.setIconSize(QSize(px * 3, px * 3))
            button.setAccessibleName(page.title)
            description = _("Page %(n)d of %(total)d") % {"n": number, "total": len(pages)}
            if page.summary:
                description += ". " + page.summary
            button.setAccessibleDescription(description)
            button.setToolTip(page.summary)
            button.clicked.connect(lambda _=False, i=page.id: self.sig_open_page.emit(i))
            self._layout.insertWidget(self._layout.count() - 1, button)
            self._buttons.append(button)
        if focused is not None and focused < len(self._buttons):
            self._buttons[focused].setFocus(Qt.FocusReason.OtherFocusReason)   # (a new size)

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

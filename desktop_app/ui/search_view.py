"""The search screen: a large search field, a results count and a large list of results."""
from __future__ import annotations

import html
import math
import time

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import (QAbstractTextDocumentLayout, QAccessible, QPalette, QTextDocument)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QHBoxLayout, QLabel,
                               QLineEdit, QListView, QListWidget, QListWidgetItem, QPushButton,
                               QStyle, QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout,
                               QWidget)

from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.core.search import Hit, SearchIndex, match_spans
from desktop_app.core.themes import Theme
from desktop_app.i18n import _, ngettext
from desktop_app.ui.style import target_px
from desktop_app.ui.view_context import ViewContext

try:  # Qt 6.8+: lets screen readers announce the results count as it changes
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:  # pragma: no cover - older Qt
    QAccessibleAnnouncementEvent = None

DEBOUNCE_MS = 150
SYNC_LIMIT_MS = 20.0        # slower searches move to a worker thread
PER_PAGE = 2                # sentences shown per page: one list row per page would hide where,
                            # three repeat the same title too often to scan quickly
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole


def _marked(text: str, words) -> str:
    """``text`` as HTML with the matching words in bold."""
    parts, last = [], 0
    for start, end in match_spans(text, words):
        parts.append(html.escape(text[last:start]))
        parts.append(f"<b>{html.escape(text[start:end])}</b>")
        last = end
    parts.append(html.escape(text[last:]))
    return "".join(parts)


class _ResultDelegate(QStyledItemDelegate):
    """Draws a result as rich text: the title in bold on the first line, the sentence below,
    wrapped to the list's width and never lower than the minimum touch target."""

    def __init__(self, view: QListWidget):
        super().__init__(view)
        self.view = view
        self.theme: Theme | None = None
        self.policy = NOT_A_KIOSK   # a kiosk's touch screen: larger rows

    def set_policy(self, policy: KioskPolicy) -> None:
        self.policy = policy

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme

    def _document(self, option: QStyleOptionViewItem, index) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(8)
        document.setHtml(index.data(HTML_ROLE) or html.escape(index.data() or ""))
        document.setTextWidth(max(120, self.view.viewport().width() - 12))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        document = self._document(opt, index)
        return QSize(int(document.textWidth()),
                     max(target_px(100, self.policy), math.ceil(document.size().height()) + 4))

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        if self.theme is not None:
            colour = self.theme.selected_text if selected else self.theme.text
            context.palette.setColor(QPalette.ColorRole.Text, colour)
        else:
            context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        document = self._document(opt, index)
        painter.save()
        painter.translate(opt.rect.left() + 2, opt.rect.top() + 2)
        painter.setClipRect(0, 0, opt.rect.width() - 4, opt.rect.height() - 4)
        document.documentLayout().draw(painter, context)
        painter.restore()


class SearchView(QWidget):
    """Search as you type over a ``SearchIndex``.

    Signals: ``sig_open(str page_id, int sentence_index)`` on Enter, click or tap on a page
    result (``sentence_index`` indexes ``core.search.page_sentences`` of the hit's variant; the
    hit itself, with its ``level``, is in ``opened`` while the signal is handled: with "both
    levels" on it may be the other level than the one in ``set_context``);
    ``sig_open_term(str term_id)`` for a glossary result; ``sig_read_aloud(str text, str lang)``
    from the "Read aloud" button, for the selected result.
    """

    sig_open = Signal(str, int)
    sig_open_term = Signal(str)
    sig_read_aloud = Signal(str, str)
    _sig_worker_done = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.both_levels = QCheckBox()
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.delegate = _ResultDelegate(self.results)
        self.results.setItemDelegate(self.delegate)
        self.read_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.read_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.both_levels)
        layout.addWidget(self.count_label)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)
        self.keyboard = None   # the kiosk's on-screen keyboard (``add_touch_keyboard``)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.itemClicked.connect(lambda item: self.open_row(self.results.row(item)))
        self.results.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.both_levels.toggled.connect(lambda _on: self.search_now())
        self.read_button.clicked.connect(self.read_selected)
        self._sig_worker_done.connect(self._worker_done)

        self._index: SearchIndex | None = None
        self._lang = "da"
        self._level = "standard"
        self._hits: list[Hit] = []
        self._shown_query = ""
        self._generation = 0
        self._pending: dict[int, tuple[str, list[Hit]]] = {}
        self.last_ms = 0.0
        self.sync_limit_ms = SYNC_LIMIT_MS
        self.opened: Hit | None = None
        self.retranslate()

    def add_touch_keyboard(self) -> None:
        """Letters to tap, under the field (the kiosk has no keyboard)."""
        from desktop_app.ui.touch_keyboard import TouchKeyboard
        self.keyboard = TouchKeyboard(self.field)
        self.layout().insertWidget(1, self.keyboard)

    # -- context -------------------------------------------------------------------------
    def set_context(self, ctx: ViewContext) -> None:
        """The index to search (``ctx.search_index``), the language and level the app shows,
        and the colours."""
        self._index, self._lang, self._level = ctx.search_index, ctx.lang, ctx.level
        self.delegate.set_policy(ctx.policy)
        if ctx.policy.touch_keyboard and self.keyboard is None:
            self.add_touch_keyboard()
        self.apply_theme(ctx.theme)
        # the count's line is as tall empty as with a count in it: the list below stays put
        # (an empty label is a pixel lower than a line of text, and keeps the taller height
        # once it has had text: the next visitor would find the list moved)
        label = self.count_label
        label.ensurePolished()
        label.setMinimumHeight(label.fontMetrics().boundingRect(
            0, 0, 4096, 4096, Qt.TextFlag.TextWordWrap, "0").height())
        if self.field.text().strip():
            self.search_now()

    def apply_theme(self, theme: Theme) -> None:
        """Colours for the result text (the list's background comes from the stylesheet)."""
        self.delegate.set_theme(theme)
        self.results.viewport().update()

    def clear(self) -> None:
        """Empty the field (and its undo history: clear() could be undone), untick "both
        levels" and empty the results (kiosk reset)."""
        self._timer.stop()
        self._generation += 1
        self._pending.clear()
        for widget in (self.field, self.both_levels):
            widget.blockSignals(True)
        self.field.setText("")
        self.both_levels.setChecked(False)
        for widget in (self.field, self.both_levels):
            widget.blockSignals(False)
        self._show("", [])

    def hits(self) -> list[Hit]:
        return list(self._hits)

    # -- searching -----------------------------------------------------------------------
    def level_filter(self) -> str | None:
        return None if self.both_levels.isChecked() else self._level

    def search_now(self) -> None:
        """Search at once for what is in the field (the debounce timer ends here)."""
        self._timer.stop()
        query = self.field.text()
        self._generation += 1
        if not query.strip() or self._index is None:
            self._show("", [])
            return
        index, lang, level = self._index, self._lang, self.level_filter()
        if self.last_ms <= self.sync_limit_ms:
            started = time.perf_counter()
            hits = index.search(query, lang, level, per_page=PER_PAGE)
            self.last_ms = (time.perf_counter() - started) * 1000
            self._show(query, hits)
            return
        generation = self._generation

        def work() -> None:
            started = time.perf_counter()
            hits = index.search(query, lang, level, per_page=PER_PAGE)
            self._pending[generation] = (query, hits)
            self.last_ms = (time.perf_counter() - started) * 1000
            try:
                self._sig_worker_done.emit(generation)
            except RuntimeError:  # the view was deleted meanwhile
                pass

        QThreadPool.globalInstance().start(work)

    def _worker_done(self, generation: int) -> None:
        query, hits = self._pending.pop(generation, ("", []))
        if generation == self._generation:
            self._show(query, hits)

    def _show(self, query: str, hits: list[Hit]) -> None:
        self._shown_query = query
        self._hits = hits
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.title}\n{hit.sentence}")
            item.setData(HTML_ROLE, self._item_html(hit))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, self._item_speech(hit))
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        self._update_count()
        self._update_buttons()

    def _tag(self, hit: Hit) -> str:
        if hit.kind == "term":
            return _("Word explanation")
        if self.both_levels.isChecked():
            return _("Easy read") if hit.level == "easy" else _("Standard text")
        return ""

    def _item_html(self, hit: Hit) -> str:
        tag = self._tag(hit)
        title = f"<b>{_marked(hit.title, hit.words)}</b>"
        if tag:
            title += f" &nbsp;({html.escape(tag)})"
        return f"{title}<br>{_marked(hit.sentence, hit.words)}"

    def _item_speech(self, hit: Hit) -> str:
        tag = self._tag(hit)
        return f"{hit.title}{f' ({tag})' if tag else ''}: {hit.sentence}"

    def _update_count(self) -> None:
        if not self._shown_query.strip():
            text = ""
        elif not self._hits:
            text = _("No results. Try another word.")
        else:
            n = len(self._hits)
            text = ngettext("%d result", "%d results", n) % n
        changed = text != self.count_label.text()
        self.count_label.setText(text)
        self.count_label.setAccessibleName(text)
        if changed and text and QAccessibleAnnouncementEvent is not None \
                and QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.count_label, text))

    def _update_buttons(self) -> None:
        self.read_button.setEnabled(0 <= self.results.currentRow() < len(self._hits))

    # -- actions -------------------------------------------------------------------------
    def current_hit(self) -> Hit | None:
        row = self.results.currentRow()
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def open_row(self, row: int) -> None:
        if not 0 <= row < len(self._hits):
            return
        hit = self._hits[row]
        self.opened = hit
        if hit.kind == "term":
            self.sig_open_term.emit(hit.page_id)
        else:
            self.sig_open.emit(hit.page_id, hit.sentence_index)

    def open_current(self) -> None:
        if self._timer.isActive() or self._shown_query != self.field.text():
            self.search_now()
        row = self.results.currentRow()
        self.open_row(row if row >= 0 else 0)

    def read_selected(self) -> None:
        hit = self.current_hit()
        if hit is None:
            return
        title = hit.title if hit.title.rstrip()[-1:] in ".!?:" else f"{hit.title}."
        self.sig_read_aloud.emit(f"{title} {hit.sentence}", hit.lang)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and watched is self.field \
                and event.key() == Qt.Key.Key_Escape and self.field.text():
            event.accept()   # Esc empties the field first (not the window's Esc)
            return True
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if watched is self.field:
                if key == Qt.Key.Key_Down and self.results.count():
                    self.results.setFocus(Qt.FocusReason.TabFocusReason)
                    if self.results.currentRow() < 0:
                        self.results.setCurrentRow(0)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.open_current()
                    return True
                if key == Qt.Key.Key_Escape and self.field.text():
                    self.clear()
                    return True
            elif watched is self.results:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.open_row(self.results.currentRow())
                    return True
                if key == Qt.Key.Key_Up and self.results.currentRow() <= 0:
                    self.field.setFocus(Qt.FocusReason.BacktabFocusReason)
                    return True
        return super().eventFilter(watched, event)

    # -- texts ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        if self.keyboard is not None:
            self.keyboard.retranslate()
        self.field.setPlaceholderText(_("Type a word, for example housing"))
        self.field.setAccessibleName(_("Search the pages"))
        self.field.setAccessibleDescription(_("Results appear below while you type. Press Down "
                                              "to go to the results, Enter to open."))
        self.both_levels.setText(_("Search both standard text and easy read"))
        self.both_levels.setAccessibleName(self.both_levels.text())
        self.results.setAccessibleName(_("Search results"))
        self.results.setAccessibleDescription(_("Press Enter to open the page at the "
                                                "sentence."))
        self.read_button.setText(_("Read aloud"))
        self.read_button.setAccessibleName(_("Read the selected result aloud"))
        self.read_button.setToolTip(_("Read the selected result aloud"))
        row = self.results.currentRow()
        self._show(self._shown_query, self._hits)
        if 0 <= row < self.results.count():
            self.results.setCurrentRow(row)

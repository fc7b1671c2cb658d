"""The reader: one page as reflowing text, its table of contents and the sentence highlight."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import (QColor, QFontMetricsF, QTextCharFormat, QTextCursor,
                           QTextDocument, QTextFormat, QTextOption)
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListView, QListWidget, QListWidgetItem,
                               QPushButton, QTextBrowser, QTextEdit, QVBoxLayout, QWidget)

from desktop_app.core.model import Library, Page
from desktop_app.core.document import Document
from desktop_app.core.render import TextStyle, page_document, stylesheet
from desktop_app.core.sentences import Sentence
from desktop_app.core.themes import Theme
from desktop_app.i18n import _
from desktop_app.ui import accessible, fonts, icons
from desktop_app.ui.textspan import OBJECT as _OBJECT
from desktop_app.ui.textspan import advance, locate, selection, solid_count

COLUMN_CHARS = 70


@dataclass(frozen=True)
class SentenceSpan:
    sentence: Sentence
    start: int
    end: int


def styled_document(parent, theme: Theme, style: TextStyle) -> QTextDocument:
    """An empty document with the reading text's stylesheet, font and margin."""
    document = QTextDocument(parent)
    document.setDefaultStyleSheet(stylesheet(theme, style))
    font = fonts.qfont(style.font_family)
    font.setPixelSize(style.body_px)
    document.setDefaultFont(font)
    document.setDocumentMargin(max(8, style.body_px // 2))
    return document


def sizes_from_stylesheet(document: QTextDocument) -> None:
    """Qt gives <h1>-<h3> a size adjustment (x2, x1.5, x1.2) that wins over the stylesheet's
    size; drop it where a size is set, so the headings are the sizes asked for."""
    sized = (QTextFormat.Property.FontPointSize, QTextFormat.Property.FontPixelSize)
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.hasProperty(QTextFormat.Property.FontSizeAdjustment) \
                        and any(fmt.hasProperty(p) for p in sized):
                    fmt.clearProperty(QTextFormat.Property.FontSizeAdjustment)
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(),
                                       QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(fmt)
                it += 1
        block = block.next()


class PageBrowser(QTextBrowser):
    """A QTextBrowser that draws pictograms tinted for the theme and never opens links itself.

    ``sig_tapped(int position)``: a click or tap on the text (not a link, not a selection)."""

    sig_tapped = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        accessible.install()   # a screen reader sees the page as a document (ui/accessible.py)
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)   # never inside a word
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.picture_colour = "#000000"
        self.picture_px = 96

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        position = event.position().toPoint()
        if not self.textCursor().hasSelection() and not self.anchorAt(position):
            self.sig_tapped.emit(self.cursorForPosition(position).position())

    def set_picture_look(self, colour: str, px: int) -> None:
        """Pictograms drawn in ``colour``, ``px`` pixels square."""
        self.picture_colour, self.picture_px = colour, px

    def loadResource(self, kind: int, url: QUrl):
        if url.scheme() == "pictogram":
            return icons.pictogram(url.path(), self.picture_colour, self.picture_px).toImage()
        return super().loadResource(kind, url)


class ReaderView(QWidget):
    """One page. Signals: ``sig_link(str url)`` for a followed link (page:, term:, https:);
    ``sig_tapped(int position)`` for a click or tap on the text; ``sig_read_aloud(str text)``
    to have an explanation read aloud; ``sig_page_shown(str page_id)`` after a page (or the
    same page with a new look) has been laid out."""

    sig_page_shown = Signal(str)
    sig_link = Signal(str)
    sig_tapped = Signal(int)
    sig_read_aloud = Signal(str)
    sig_highlighted = Signal(int)  # the sentence now highlighted (for the reading ruler)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.toc = QListWidget()
        # Long headings wrap onto more lines: never cut off, never scrolled sideways.
        self.toc.setWordWrap(True)
        self.toc.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.toc.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.toc.setResizeMode(QListView.ResizeMode.Adjust)
        self.toc.setUniformItemSizes(False)
        self.toc.itemActivated.connect(self._go_to_heading)
        self.toc.itemClicked.connect(self._go_to_heading)
        self.browser = PageBrowser()
        self.browser.setObjectName("pageText")   # its font size: ui/style.py
        self.browser.anchorClicked.connect(lambda url: self.sig_link.emit(url.toString()))
        self.browser.sig_tapped.connect(self.sig_tapped)
        self.explanation = QLabel()
        self.explanation.setObjectName("notice")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                 | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation_close = QPushButton()
        self.explanation_close.clicked.connect(self.hide_explanation)
        self.explanation_read = QPushButton()
        self.explanation_read.clicked.connect(
            lambda: self.sig_read_aloud.emit(self.explanation.text()))
        self.explanation_box = QWidget()
        box = QHBoxLayout(self.explanation_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.explanation, 1)
        box.addWidget(self.explanation_read, 0, Qt.AlignmentFlag.AlignTop)
        box.addWidget(self.explanation_close, 0, Qt.AlignmentFlag.AlignTop)
        self.explanation_box.hide()
        self.column = QWidget()
        column = QVBoxLayout(self.column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.browser, 1)
        column.addWidget(self.explanation_box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toc, 0)
        layout.addStretch(1)      # the reading column in the middle of what is left
        layout.addWidget(self.column, 100)
        layout.addStretch(1)
        self.page: Page | None = None
        self.document_model: Document | None = None
        self.spans: list[SentenceSpan] = []
        self.heading_positions: list[int] = []
        self._headings: list[tuple[int, str]] = []
        self._theme: Theme | None = None
        self._style = TextStyle()
        self._highlight_style = "background"
        self._current = -1
        self._word: tuple[int, int] | None = None   # (char, length) in the current sentence
        self.retranslate()

    # -- content ---------------------------------------------------------------------------
    def show_page(self, library: Library, page: Page, theme: Theme, style: TextStyle) -> None:
        self.page = page
        self._theme = theme
        self._style = style
        self.browser.set_picture_look(theme.text, max(64, style.body_px * 4))
        previous = self.browser.document()
        ours = previous.parent() is self.browser   # Qt deletes only the first, its own
        document = styled_document(self.browser, theme, style)
        self.browser.setDocument(document)
        if ours:
            previous.deleteLater()
        model = page_document(library, page, sources_label=_("Source"),
                              show_pictures=style.show_pictures, plain=style.plain)
        self.document_model = model
        self.browser.setHtml(model.html)
        sizes_from_stylesheet(self.browser.document())
        self.browser.setAccessibleName(page.title)
        self.browser.setAccessibleDescription(_("Page text"))
        self._index_document(model)
        self._fill_toc()
        self._current = -1
        self.hide_explanation()
        self._fit_column()
        self.sig_page_shown.emit(page.id)

    def _index_document(self, model: Document) -> None:
        """Where each of the model's sentences is in the browser's document (``locate``; a
        sentence not found gets an empty span, so the numbers stay the model's)."""
        self.spans, self.heading_positions, self._headings = [], [], []
        document, seen = self.browser.document(), set()
        places = locate(document, [sentence.text for sentence in model.sentences])
        for sentence, (start, end) in zip(model.sentences, places):
            self.spans.append(SentenceSpan(sentence, start, end))
            block = model.block_of(sentence)
            if block.kind == "heading" and block.index not in seen and end > start:
                seen.add(block.index)
                self.heading_positions.append(document.findBlock(start).position())
                self._headings.append((block.level, block.text))

    def _fill_toc(self) -> None:
        self.toc.clear()
        for position, (level, text) in zip(self.heading_positions, self._headings):
            item = QListWidgetItem(("  " * max(0, level - 2)) + text)
            item.setData(Qt.ItemDataRole.UserRole, position)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            self.toc.addItem(item)

    def go_to_heading_text(self, text: str) -> None:
        for row in range(self.toc.count()):
            item = self.toc.item(row)
            if item.data(Qt.ItemDataRole.AccessibleTextRole).lower() == text.lower():
                self.toc.setCurrentItem(item)
                self._go_to_heading(item)
                return

    def _go_to_heading(self, item: QListWidgetItem) -> None:
        position = int(item.data(Qt.ItemDataRole.UserRole))
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(position)
        self.browser.setTextCursor(cursor)
        bar = self.browser.verticalScrollBar()
        bar.setValue(int(self.browser.document().documentLayout()
                         .blockBoundingRect(cursor.block()).top()))
        self.browser.setFocus()

    def sentences(self) -> list[Sentence]:
        return [span.sentence for span in self.spans]

    def sentence_at(self, position: int) -> int:
        """The index of the sentence at a document position (or the next one after it)."""
        for span in self.spans:
            if position < span.end:
                return span.sentence.index
        return max(0, len(self.spans) - 1)

    def cursor_sentence(self) -> int:
        return self.sentence_at(self.browser.textCursor().position())

    # -- highlight -------------------------------------------------------------------------
    def set_highlight_style(self, style: str) -> None:
        self._highlight_style = style
        self.highlight(self._current)

    def highlight(self, index: int) -> None:
        self._current = index
        self._word = None
        span = self._paint()
        if span is not None:
            self._keep_in_view(span)
            self.sig_highlighted.emit(index)

    def highlight_word(self, index: int, char: int, length: int) -> None:
        """The word at ``char`` (``length`` characters) of sentence ``index``'s text is being
        heard; ``index`` -1: none is. Shown with the "words" highlight style."""
        word = (char, length) if index >= 0 and index == self._current else None
        if word != self._word:
            self._word = word
            if self._highlight_style == "words":
                self._paint()

    def highlighted_word(self) -> str:
        """The text of the word highlighted now ("" if none)."""
        if self._word is None or self._highlight_style != "words" or not (
                0 <= self._current < len(self.spans)):
            return ""
        cursor = self._word_cursor(self.spans[self._current], *self._word)
        return cursor.selectedText()

    def _paint(self) -> SentenceSpan | None:
        """Show the sentence (and word) highlight; the sentence's span, if one is shown."""
        index = self._current
        if index < 0 or index >= len(self.spans) or self._theme is None \
                or self._highlight_style == "off":
            self.browser.setExtraSelections([])
            return None
        span = self.spans[index]
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(span.start)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        if self._highlight_style == "underline":
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(self._theme.focus))
        else:
            fmt.setBackground(QColor(self._theme.highlight_background))
            fmt.setForeground(QColor(self._theme.highlight_text))
        selections = [selection(cursor, fmt)]
        if self._word is not None and self._highlight_style == "words":
            word = QTextCharFormat()
            word.setBackground(QColor(self._theme.word_background))
            word.setForeground(QColor(self._theme.word_text))
            word.setFontUnderline(True)
            selections.append(selection(self._word_cursor(span, *self._word), word))
        self.browser.setExtraSelections(selections)
        return span

    def _word_cursor(self, span: SentenceSpan, char: int, length: int) -> QTextCursor:
        """A cursor over characters ``[char, char + length)`` of ``span``'s sentence text,
        which is the block's text with its white space folded."""
        block = self.browser.document().findBlock(span.start)
        text, local = block.text(), span.start - block.position()
        sentence = span.sentence.text
        start = advance(text, local, solid_count(sentence[:char]))
        while start < len(text) and (text[start].isspace() or text[start] == _OBJECT):
            start += 1
        end = advance(text, start, solid_count(sentence[char:char + length]))
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(block.position() + min(start, span.end - block.position()))
        cursor.setPosition(block.position() + min(end, span.end - block.position()),
                           QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _keep_in_view(self, span: SentenceSpan) -> None:
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(span.start)
        top = self.browser.cursorRect(cursor).top()
        cursor.setPosition(span.end)
        bottom = self.browser.cursorRect(cursor).bottom()
        view = self.browser.viewport().height()
        bar = self.browser.verticalScrollBar()
        if top < view * 0.1 or bottom > view * 0.9:
            bar.setValue(bar.value() + top - int(view * 0.3))

    # -- position and layout ---------------------------------------------------------------
    def scroll_permille(self) -> int:
        bar = self.browser.verticalScrollBar()
        return round(1000 * bar.value() / bar.maximum()) if bar.maximum() > 0 else 0

    def set_scroll_permille(self, permille: int) -> None:
        bar = self.browser.verticalScrollBar()
        bar.setValue(round(bar.maximum() * permille / 1000))

    def column_width(self) -> int:
        font = fonts.qfont(self._style.font_family)
        font.setPixelSize(self._style.body_px)
        metrics = QFontMetricsF(font)
        chars = metrics.horizontalAdvance("abcdefghijklmnopqrstuvwxyzæøå " * 3) / 90
        return round(chars * COLUMN_CHARS * (1 + self._style.letter_spacing)
                     + 2 * self.browser.document().documentMargin() + 40)

    def toc_width(self) -> int:
        """About 20 characters of the list's font, or its longest word, at most a quarter
        of the view; 0 where its longest word does not fit in that (the list folds away)."""
        metrics = QFontMetricsF(self.toc.font())
        words = [word for row in range(self.toc.count())
                 for word in self.toc.item(row).text().split()]
        longest = max((metrics.horizontalAdvance(word) for word in words), default=0)
        bar = self.toc.verticalScrollBar().sizeHint().width()   # when the list scrolls
        padding = 70 + max(bar, 44)
        if longest + padding > self.width() / 4:
            return 0                     # its longest word would stick out: it folds away
        return round(min(max(metrics.averageCharWidth() * 20, longest) + padding,
                         self.width() / 4))

    def _fit_column(self) -> None:
        """The column at a comfortable measure; the contents beside it only where both fit
        (it folds away at large text sizes and in narrow windows)."""
        width = self.column_width()
        self.column.setMaximumWidth(width)
        toc = self.toc_width()
        self.toc.setFixedWidth(max(1, toc))
        narrowest = round(width * 45 / COLUMN_CHARS)   # never under ~45 characters a line
        self.toc.setVisible(self.toc.count() > 0 and toc >= 200
                            and self.width() >= toc + min(width, narrowest))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_column()

    # -- glossary --------------------------------------------------------------------------
    def show_explanation(self, text: str) -> None:
        self.explanation.setText(text)
        self.explanation.setAccessibleName(text)
        self.explanation_box.show()

    def hide_explanation(self) -> None:
        self.explanation_box.hide()

    def retranslate(self) -> None:
        self.toc.setAccessibleName(_("Contents of the page"))
        self.toc.setAccessibleDescription(_("Headings of the page. Press Enter to go to one."))
        self.explanation_read.setText(_("Read aloud"))
        self.explanation_read.setAccessibleName(_("Read the explanation aloud"))
        self.explanation_close.setText(_("Close"))
        self.explanation_close.setAccessibleName(_("Close the explanation"))


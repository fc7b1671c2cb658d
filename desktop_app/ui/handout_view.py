"""The handout screen: staff choose pages (or sections) for a large-print handout, see it, and
save it as PDF or print it.

``HandoutView`` signals: ``sig_message(str)`` for "Saved to …" and for errors (a sentence,
never a traceback). Methods: ``set_context(library, ui_lang, theme)``, ``preselect(page_id)``,
``clear()``, ``retranslate()``, ``set_kiosk(bool)``, ``save_pdf(path)``, ``print_to(printer)``.

``render_handout(device, handout)`` paints a handout on a QPdfWriter or QPrinter: A4 with wide
margins, the text laid out in points for that device (so 16 pt on paper is 16 pt), page
numbers at the foot.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, \
    QStandardPaths, QTimer, Signal
from PySide6.QtGui import (QFont, QFontDatabase, QPageLayout, QPageSize, QPagedPaintDevice,
                           QPainter, QPdfWriter, QTextCursor, QTextDocument,
                           QTextFormat)
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from desktop_app.core.handout import (BODY_PT, Handout, HandoutItem, build_handout, file_name,
                                      handout_stylesheet, page_sections)
from desktop_app.core.model import Library
from desktop_app.core.themes import THEMES, Theme
from desktop_app.i18n import N_, _, translate_for
from desktop_app.ui.buttons import setup_button
from desktop_app.ui.style import control_px, target_px

log = logging.getLogger(__name__)

DPI = 300
MARGINS_MM = QMarginsF(25, 20, 25, 15)    # left, top, right, bottom; the page number is inside
PAGE_OF = N_("Page %(n)d of %(total)d")    # in the handout's language
PAGE_ROLE = Qt.ItemDataRole.UserRole
SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
LANG_NAMES = {"da": "Dansk", "en": "English"}   # each language in its own name


def handout_font_family() -> str:
    """Atkinson Hyperlegible (shipped with the app, made for low vision) when it can be
    loaded, else the default font."""
    try:
        from desktop_app.ui import fonts
        loaded = fonts.load_fonts()
        if fonts.ATKINSON in loaded or QFontDatabase.hasFamily(fonts.ATKINSON):
            return fonts.ATKINSON
    except Exception:  # noqa: BLE001 - a missing font never stops a handout
        log.exception("handout font")
    return ""


def handout_document(handout: Handout, font_family: str = "", device=None) -> QTextDocument:
    """The handout as a QTextDocument, laid out for ``device`` (a printer or PDF writer) when
    given; its default font is the body size in points."""
    document = QTextDocument()
    if device is not None:
        document.documentLayout().setPaintDevice(device)
    document.setDefaultStyleSheet(handout_stylesheet(font_family))
    font = QFont(font_family) if font_family else QFont()
    font.setPointSizeF(BODY_PT)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, handout.title)
    document.setHtml(handout.html)
    _sizes_from_stylesheet(document)
    return document


def _sizes_from_stylesheet(document: QTextDocument) -> None:
    """Qt gives <h1>-<h3> a size adjustment (x2, x1.5, x1.2) that wins over the stylesheet's
    point size; drop it where a point size is set, so the headings are the sizes asked for."""
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.hasProperty(QTextFormat.Property.FontSizeAdjustment) \
                        and fmt.hasProperty(QTextFormat.Property.FontPointSize):
                    fmt.clearProperty(QTextFormat.Property.FontSizeAdjustment)
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(),
                                       QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(fmt)
                it += 1
        block = block.next()


def _keeps_with_next(block) -> bool:
    """Headings, a line that introduces what follows ('Sources:', '… two things:'), and the
    paragraph with a web address just before its QR code."""
    if block.blockFormat().headingLevel():
        return True
    text = block.text().strip()
    following = block.next()
    if "://" in text and following.isValid() and QTextCursor(following).currentTable() \
            is not None and QTextCursor(block).currentTable() is None:
        return True
    return bool(text) and text.endswith(":") and block.layout().lineCount() <= 2 \
        and block.textList() is None


KEEP_LINES = 4   # a paragraph or list item of up to this many lines is never split


def _break_before(document: QTextDocument, block=None, frame=None) -> None:
    """Start a new page before ``block`` or ``frame`` or, if headings or a line ending in ':'
    lead up to it, before the first of those."""
    previous = (document.findBlock(frame.firstPosition() - 1) if frame is not None
                else block.previous())
    while previous.isValid() and previous.blockNumber() > 0 and _keeps_with_next(previous) \
            and QTextCursor(previous).currentTable() is None:
        block, frame = previous, None
        previous = previous.previous()
    layout, page = document.documentLayout(), document.pageSize().height()
    top = (layout.frameBoundingRect(frame) if frame is not None
           else layout.blockBoundingRect(block)).top()
    if top % page < 1:   # already at the top of a page: a break would leave a blank page
        return
    if frame is not None:
        fmt = frame.frameFormat()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        frame.setFrameFormat(fmt)
    else:
        fmt = block.blockFormat()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(block).setBlockFormat(fmt)
    document.pageCount()   # lays the rest out again (the layout is lazy)


def _keep_with_text(document: QTextDocument) -> None:
    """Simple widow and orphan control, in reading order: a heading (or a run of headings,
    or a line ending in ':') whose text starts on the next page moves there too; a short
    paragraph or list item (up to ``KEEP_LINES`` lines) and a QR code block are never cut by
    the foot of a page."""
    layout = document.documentLayout()
    page = document.pageSize().height()
    document.pageCount()

    def page_of(y: float) -> int:
        return int(y // page)

    def lines(block) -> tuple[float, float]:
        """The top of the first line and the bottom of the last line of ``block``."""
        top = layout.blockBoundingRect(block).top()
        first, last = block.layout().lineAt(0), block.layout().lineAt(block.layout().lineCount() - 1)
        return top + first.y(), top + last.y() + last.height()

    done_tables: set[int] = set()
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            key = table.firstPosition()
            if key not in done_tables:
                done_tables.add(key)
                rect = layout.frameBoundingRect(table)
                if page_of(rect.top()) != page_of(rect.bottom() - 1) and rect.height() < page:
                    _break_before(document, frame=table)
            block = block.next()
            continue
        if block.blockNumber() == 0 or not block.layout().lineCount() or \
                block.blockFormat().pageBreakPolicy() != QTextFormat.PageBreakFlag.PageBreak_Auto:
            block = block.next()
            continue
        if _keeps_with_next(block):
            following = block.next()
            while following.isValid() and _keeps_with_next(following):
                following = following.next()
            if following.isValid() and following.layout().lineCount() \
                    and QTextCursor(following).currentTable() is None:
                first_line_bottom = (layout.blockBoundingRect(following).top()
                                     + following.layout().lineAt(0).y()
                                     + following.layout().lineAt(0).height())
                if page_of(first_line_bottom) > page_of(layout.blockBoundingRect(block).top()):
                    _break_before(document, block=block)
            block = block.next()
            continue
        if block.layout().lineCount() <= KEEP_LINES:
            top, bottom = lines(block)
            if page_of(top) != page_of(bottom - 1):
                _break_before(document, block=block)
        block = block.next()


def render_handout(device: QPagedPaintDevice, handout: Handout, font_family: str = "") -> int:
    """Paint ``handout`` on ``device`` page by page; returns the number of pages (0 if the
    device could not be opened). The page size and margins are the device's."""
    document = handout_document(handout, font_family, device)
    width, height = device.width(), device.height()
    dpi = device.logicalDpiY()
    footer_font = QFont(font_family) if font_family else QFont()
    footer_font.setPointSizeF(BODY_PT)
    footer = round(BODY_PT / 72 * dpi * 2.2)
    document.setPageSize(QSizeF(width, height - footer))
    _keep_with_text(document)
    pages = document.pageCount()
    page_height = height - footer
    painter = QPainter()
    if not painter.begin(device):
        return 0
    try:
        for index in range(pages):
            if index:
                device.newPage()
            painter.save()
            painter.translate(0, -index * page_height)
            document.drawContents(painter, QRectF(0, index * page_height, width, page_height))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.black)
            label = translate_for(handout.lang, PAGE_OF) % {"n": index + 1, "total": pages}
            painter.drawText(QRectF(0, height - footer, width, footer),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                             label)
    finally:
        painter.end()
    return pages


def a4_pdf_writer(target, title: str) -> QPdfWriter:
    writer = QPdfWriter(target)
    writer.setResolution(DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, MARGINS_MM,
                                     QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator("Ballerup Kommune")
    return writer


def printers_available() -> bool:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
        return bool(QPrinterInfo.availablePrinters())
    except ImportError:  # pragma: no cover - QtPrintSupport is part of PySide6-Essentials
        return False


def _check(page_item: QTreeWidgetItem, sections) -> None:
    """Check the page's sections with these headings, or the whole page when none are given."""
    if not sections:
        page_item.setCheckState(0, Qt.CheckState.Checked)
        return
    for i in range(page_item.childCount()):
        child = page_item.child(i)
        if child.data(0, SECTION_ROLE) in sections:
            child.setCheckState(0, Qt.CheckState.Checked)


class HandoutView(QWidget):
    """Choose pages and sections, language and level; preview; save as PDF or print."""

    sig_message = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.library: Library | None = None
        self.ui_lang = "da"
        self.theme: Theme = THEMES["light"]
        self.scale = 100
        self.kiosk = False
        self._chosen = False
        self._font_family: str | None = None
        self._handout: Handout | None = None
        self._file_dialog: QFileDialog | None = None
        self._print_dialog = None
        self._filling = False
        self._printers = False
        self.today = None           # the date printed; None: today (tests set a fixed one)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.lang_label = QLabel()
        self.lang_box = QComboBox()
        for code in ("da", "en"):
            self.lang_box.addItem(LANG_NAMES[code], code)
        self.lang_label.setBuddy(self.lang_box)
        self.level_label = QLabel()
        self.level_box = QComboBox()
        self.level_box.addItem("", "standard")
        self.level_box.addItem("", "easy")
        self.level_label.setBuddy(self.level_box)
        self.lang_box.activated.connect(self._language_chosen)
        self.level_box.activated.connect(self._language_chosen)
        choices = QHBoxLayout()
        for widget in (self.lang_label, self.lang_box, self.level_label, self.level_box):
            choices.addWidget(widget)
        choices.addStretch(1)

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.itemChanged.connect(self._item_changed)
        self.preview = QTextBrowser()
        self.preview.setObjectName("handoutPreview")
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        self.preview.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.pages_label = QLabel()
        self.pages_label.setBuddy(self.tree)
        self.preview_label = QLabel()
        self.preview_label.setBuddy(self.preview)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.pages_label)
        left_box.addWidget(self.tree, 1)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.preview_label)
        right_box.addWidget(self.preview, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.choose_file)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_handout)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_choices)
        self.book_button = QPushButton()        # export: desktop_app/ui/export_dialog.py
        self.book_button.clicked.connect(lambda: self.export("epub"))
        self.mp3_button = QPushButton()
        self.mp3_button.clicked.connect(lambda: self.export("mp3"))
        self.speak = None                       # set by the window: speaks "done"
        self.settings = None                    # set by the window: voice and speed
        buttons = QHBoxLayout()
        for button in (self.save_button, self.book_button, self.mp3_button, self.print_button,
                       self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(choices)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(60)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.retranslate()

    # -- context ------------------------------------------------------------------------------
    def set_context(self, library: Library, ui_lang: str, theme: Theme, level: str = "",
                    scale: int = 100) -> None:
        """The content, the interface language (the handout's language until staff choose
        one), the theme and text size of the controls; ``level`` the level being read (the
        handout's level until staff choose one)."""
        changed = library is not self.library
        self.library = library
        self.ui_lang = ui_lang
        self.theme = theme
        self.scale = scale
        if not self._chosen:
            self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(ui_lang)))
        if level and not self._chosen:
            self.level_box.setCurrentIndex(max(0, self.level_box.findData(level)))
        if changed or self.tree.topLevelItemCount() == 0:
            self._rebuild_tree()
        else:
            self._rebuild_tree(keep=True)
        self._update_print_button()
        self.retranslate()

    @property
    def lang(self) -> str:
        return self.lang_box.currentData() or "da"

    @property
    def level(self) -> str:
        return self.level_box.currentData() or "standard"

    def set_language(self, lang: str) -> None:
        """The handout's language ('da' or 'en'), independent of the interface."""
        self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(lang)))
        self._language_chosen()

    def set_level(self, level: str) -> None:
        """The handout's level ('standard' or 'easy')."""
        self.level_box.setCurrentIndex(max(0, self.level_box.findData(level)))
        self._chosen = True
        self._rebuild_tree()

    def _language_chosen(self, *_args) -> None:
        """Staff chose the language or level: it no longer follows the interface."""
        self._chosen = True
        self._rebuild_tree()

    def set_kiosk(self, kiosk: bool) -> None:
        """Kiosk mode: no file or print dialogs, so the save and print buttons are hidden
        (``save_pdf(path)`` still works)."""
        self.kiosk = kiosk
        self.save_button.setVisible(not kiosk)
        from desktop_app.ui.export_dialog import export_allowed
        for button in (self.book_button, self.mp3_button):
            button.setVisible(export_allowed(kiosk))
        self._update_print_button()

    def _update_print_button(self) -> None:
        """Print is shown outside kiosk mode, and enabled when the computer has a printer."""
        self._printers = printers_available()
        self.print_button.setVisible(not self.kiosk)
        self._update_buttons()

    def _update_buttons(self) -> None:
        # Save and Clear stay enabled (pressed with nothing chosen they say so): a disabled
        # button is skipped by Tab and gives no reason.
        self.print_button.setEnabled(not self.kiosk and self._printers)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._update_print_button()

    # -- the tree of pages --------------------------------------------------------------------
    def _rebuild_tree(self, keep: bool = True) -> None:
        if self.library is None:
            return
        chosen = {item.page_id: item.sections for item in self.selected_items()} if keep else {}
        expanded = {self.tree.topLevelItem(i).data(0, PAGE_ROLE)
                    for i in range(self.tree.topLevelItemCount())
                    if self.tree.topLevelItem(i).isExpanded()}
        lang, level = self.lang, self.level
        self._filling = True
        self.tree.clear()
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable \
            | Qt.ItemFlag.ItemIsUserCheckable
        for topic in self.library.topics_in_order():
            pages = self.library.pages_in(topic.key, lang, level)
            if not pages:
                continue
            topic_item = QTreeWidgetItem([topic.title.get(lang, topic.key)])
            topic_item.setData(0, PAGE_ROLE, f"topic:{topic.key}")
            topic_item.setFlags(flags | Qt.ItemFlag.ItemIsAutoTristate)
            topic_item.setCheckState(0, Qt.CheckState.Unchecked)
            self.tree.addTopLevelItem(topic_item)
            for page in pages:
                page_item = QTreeWidgetItem([page.title])
                page_item.setData(0, PAGE_ROLE, page.id)
                sections = page_sections(page)
                page_item.setFlags(flags | (Qt.ItemFlag.ItemIsAutoTristate if sections
                                            else Qt.ItemFlag.NoItemFlags))
                page_item.setCheckState(0, Qt.CheckState.Unchecked)
                topic_item.addChild(page_item)
                wanted = chosen.get(page.id)
                known = {text for _level, text in sections}
                for heading_level, text in sections:
                    section = QTreeWidgetItem(["   " * (heading_level - 2) + text])
                    section.setData(0, PAGE_ROLE, page.id)
                    section.setData(0, SECTION_ROLE, text)
                    section.setFlags(flags)
                    section.setCheckState(0, Qt.CheckState.Unchecked)
                    page_item.addChild(section)
                if wanted is not None:   # sections gone from the page: the whole page
                    _check(page_item, wanted if known & set(wanted) else ())
            topic_item.setExpanded(not expanded or f"topic:{topic.key}" in expanded)
        self._filling = False
        self._accessible_states()
        self._schedule_preview()

    def _page_items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(t).child(p) for t in range(self.tree.topLevelItemCount())
                for p in range(self.tree.topLevelItem(t).childCount())]

    def page_item(self, page_id: str) -> QTreeWidgetItem | None:
        return next((i for i in self._page_items() if i.data(0, PAGE_ROLE) == page_id), None)

    def selected_items(self) -> list[HandoutItem]:
        """The chosen pages in reading order: a page checked whole, or only its checked
        sections."""
        result = []
        for item in self._page_items():
            state = item.checkState(0)
            if state == Qt.CheckState.Checked:
                result.append(HandoutItem(item.data(0, PAGE_ROLE)))
            elif state == Qt.CheckState.PartiallyChecked:
                sections = tuple(item.child(i).data(0, SECTION_ROLE)
                                 for i in range(item.childCount())
                                 if item.child(i).checkState(0) == Qt.CheckState.Checked)
                if sections:
                    result.append(HandoutItem(item.data(0, PAGE_ROLE), sections))
        return result

    def choose(self, page_id: str, sections: tuple[str, ...] | list[str] = ()) -> bool:
        """Check a page whole, or only the sections with these headings (for tests and
        ``preselect``). False if the page is not in the list."""
        item = self.page_item(page_id)
        if item is None:
            return False
        _check(item, sections)
        return True

    def preselect(self, page_id: str) -> None:
        """Check the page being read (whole) and show it in the list."""
        if self.choose(page_id):
            item = self.page_item(page_id)
            item.parent().setExpanded(True)
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def clear_choices(self) -> None:
        self._filling = True
        for t in range(self.tree.topLevelItemCount()):
            self.tree.topLevelItem(t).setCheckState(0, Qt.CheckState.Unchecked)
        self._filling = False
        self._accessible_states()
        self._schedule_preview()

    def clear(self) -> None:
        """Forget everything chosen (a new citizen; the kiosk reset): no pages, the language
        and level follow the interface again, no preview."""
        self._chosen = False
        self.clear_choices()
        self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(self.ui_lang)))
        self.level_box.setCurrentIndex(0)
        self._rebuild_tree(keep=False)
        self.refresh_preview()

    def _item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._filling:
            return
        self._accessible_states()
        self._schedule_preview()

    def _accessible_states(self) -> None:
        """Tell screen readers what a page's check mark means (whole page or some parts)."""
        for item in self._page_items():
            state = item.checkState(0)
            item.setToolTip(0, "" if state == Qt.CheckState.Unchecked else
                            _("The whole page is in the handout") if state == Qt.CheckState.Checked
                            else _("Only the chosen parts are in the handout"))

    # -- preview --------------------------------------------------------------------------------
    def _schedule_preview(self) -> None:
        self._update_buttons()
        self._preview_timer.start()

    def font_family(self) -> str:
        if self._font_family is None:
            self._font_family = handout_font_family()
        return self._font_family

    def handout(self) -> Handout | None:
        """The handout as chosen now (None without content)."""
        if self.library is None:
            return None
        return build_handout(self.library, self.selected_items(), self.lang, self.level,
                             today=self.today, font_family=self.font_family())

    def refresh_preview(self) -> None:
        self._preview_timer.stop()
        self._handout = self.handout()
        if self._handout is None or self._handout.empty:
            self.preview.clear()
            self.preview.setPlaceholderText(_("Choose pages on the left. The handout is shown "
                                              "here as it will be printed."))
            self._update_buttons()
            return
        document = handout_document(self._handout, self.font_family())
        document.setDocumentMargin(24)
        document.setParent(self.preview)   # the old one, a child too, is deleted by Qt
        self.preview.setDocument(document)
        self._update_buttons()

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    # -- saving and printing --------------------------------------------------------------------
    def _current(self) -> Handout | None:
        handout = self.handout()
        if handout is None or handout.empty:
            self.sig_message.emit(_("Choose at least one page for the handout first."))
            return None
        return handout

    def pdf_bytes(self, handout: Handout | None = None) -> bytes:
        """The handout as a PDF, in memory (empty if nothing is chosen)."""
        handout = handout or self.handout()
        if handout is None or handout.empty:
            return b""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = a4_pdf_writer(buffer, handout.title)
        pages = render_handout(writer, handout, self.font_family())
        del writer   # finishes the file
        buffer.close()
        return bytes(data) if pages else b""

    def save_pdf(self, path: str | Path) -> bool:
        """Save the handout as a PDF at ``path``; tells ``sig_message`` either way."""
        handout = self._current()
        if handout is None:
            return False
        path = Path(path).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf") if path.name else path / "handout.pdf"
        data = self.pdf_bytes(handout)
        if not data:
            self.sig_message.emit(_("The handout could not be made."))
            return False
        tmp = path.with_name(path.name + ".part")
        try:
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError as exc:
            log.warning("handout not saved: %s", exc)
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
            reason = exc.strerror or str(exc)
            self.sig_message.emit(
                _("The handout could not be saved in %(folder)s (%(reason)s). Choose another "
                  "folder.") % {"folder": str(path.parent), "reason": reason})
            return False
        self.sig_message.emit(_("Saved to %s") % str(path))
        return True

    def choose_file(self) -> None:
        """Ask where to save (Qt's own file dialog, which screen readers can use)."""
        if self.kiosk or self._current() is None:
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        dialog = QFileDialog(self, _("Save the handout as PDF"))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter(_("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(folder)
        dialog.selectFile(file_name(self.lang, self.today))
        dialog.setAccessibleName(_("Save the handout as PDF"))
        dialog.fileSelected.connect(self.save_pdf)
        dialog.finished.connect(dialog.deleteLater)
        self._file_dialog = dialog
        dialog.open()

    def export(self, kind: str) -> None:
        """Save the chosen pages (or sections) as a talking book ('epub') or MP3 files."""
        handout = self._current()
        if handout is not None:
            from desktop_app.ui.export_dialog import start_export
            self._export_dialog = start_export(
                self, kind, self.library, self.selected_items(), self.lang, self.level,
                kiosk=self.kiosk, settings=self.settings() if self.settings else None,
                speak=self.speak)

    def print_to(self, printer) -> bool:
        """Print the handout on ``printer`` (a QPrinter already set up)."""
        handout = self._current()
        if handout is None:
            return False
        pages = render_handout(printer, handout, self.font_family())
        if not pages:
            self.sig_message.emit(_("The handout could not be printed."))
            return False
        name = printer.printerName() or printer.outputFileName()
        self.sig_message.emit(_("The handout was sent to the printer %s.") % name)
        return True

    def print_handout(self) -> None:
        """Choose a printer in Qt's print dialog, then print."""
        if self.kiosk or self._current() is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                          QPageLayout.Orientation.Portrait, MARGINS_MM,
                                          QPageLayout.Unit.Millimeter))
        printer.setDocName(_("Handout"))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the handout"))
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.finished.connect(dialog.deleteLater)
        self._print_dialog = (dialog, printer)
        dialog.open()

    # -- texts and look ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        theme, px = self.theme, control_px(self.scale)
        self.heading.setText(_("Handout for the citizen"))
        self.heading.setStyleSheet(f"font-size: {round(px * 1.6)}px; font-weight: bold;")
        self.heading.setAccessibleName(self.heading.text())
        self.intro.setText(_("Choose the pages the citizen takes home, in the language and "
                             "text the citizen wants. Open a page to choose only some parts of "
                             "it. The handout is printed in large letters."))
        self.lang_label.setText(_("Language of the handout:"))
        self.lang_box.setAccessibleName(_("Language of the handout"))
        self.level_label.setText(_("Text:"))
        self.level_box.setItemText(0, _("Standard text"))
        self.level_box.setItemText(1, _("Easy-read"))
        self.level_box.setAccessibleName(_("Standard text or easy-read in the handout"))
        self.pages_label.setText(_("Pages and parts of pages:"))
        self.tree.setAccessibleName(_("Pages for the handout"))
        self.tree.setAccessibleDescription(_("Check a page to take all of it, or open it and "
                                             "check only some parts. Space checks and unchecks."))
        self.preview_label.setText(_("Preview:"))
        self.preview.setAccessibleName(_("Preview of the handout"))
        setup_button(self.save_button, _("Save as PDF"), _("Save as PDF"), "pdf", theme, px,
                     _("Save the handout as a PDF file"))
        setup_button(self.print_button, _("Print"), _("Print"), "print", theme, px,
                     _("Print the handout") if self._printers or self.kiosk
                     else _("No printer is set up on this computer"))
        setup_button(self.clear_button, _("Clear the choices"), _("Clear the choices"), "close",
                     theme, px, _("Uncheck all pages"))
        setup_button(self.book_button, _("Talking book"), _("Save as a talking book"),
                     "speaker", theme, px, _("The text with the sound, for a reading app on "
                                             "a phone or tablet (EPUB)"))
        setup_button(self.mp3_button, _("Sound files"), _("Save as sound files"), "volume-up",
                     theme, px, _("One sound file (MP3) for each page, for a phone or a "
                                  "DAISY player"))
        self._apply_look()
        if self.library is not None and not self._preview_timer.isActive():
            self._schedule_preview()

    def _apply_look(self) -> None:
        t, target = self.theme, target_px(self.scale, self.kiosk)
        box = control_px(self.scale) + 8
        tick = lambda colour: _mark("tick", colour)   # noqa: E731
        dash = lambda colour: _mark("dash", colour)   # noqa: E731
        # A tick and a dash, not only a colour, tell checked and partly checked apart (also on
        # the selected row, whose colours are swapped).
        self.tree.setStyleSheet(f"""
QTreeView {{ border: 2px solid {t.control_border}; padding: 4px; }}
QTreeView::item {{ min-height: {target}px; padding: 2px; }}
QTreeView::item:selected {{ color: {t.selected_text}; background-color: {t.selected_background}; }}
QTreeView::indicator {{ width: {box}px; height: {box}px; border: 3px solid {t.control_border};
    background-color: {t.control_background}; }}
QTreeView::indicator:checked {{ background-color: {t.selected_background};
    image: url({tick(t.selected_text)}); }}
QTreeView::indicator:indeterminate {{ background-color: {t.control_background};
    image: url({dash(t.control_text)}); }}
QTreeView::indicator:unchecked:selected {{ border-color: {t.selected_text};
    background-color: {t.selected_background}; }}
QTreeView::indicator:checked:selected {{ border-color: {t.selected_text};
    background-color: {t.selected_text}; image: url({tick(t.selected_background)}); }}
QTreeView::indicator:indeterminate:selected {{ border-color: {t.selected_text};
    background-color: {t.selected_background}; image: url({dash(t.selected_text)}); }}
""")
        # The preview is the paper: black on white whatever the theme.
        self.preview.setStyleSheet("QTextBrowser#handoutPreview { color: #000000; "
                                   "background-color: #ffffff; }")


_MARKS = {"tick": "M5 12.5 L10 17.5 L19.5 6.5", "dash": "M5.5 12 H18.5"}
_mark_folder: Path | None = None


def _mark(kind: str, colour: str) -> str:
    """An SVG file with a tick or a dash in ``colour``, for the check boxes' stylesheet (Qt
    style sheets take images from files only)."""
    global _mark_folder
    if _mark_folder is None:
        import tempfile
        _mark_folder = Path(tempfile.mkdtemp(prefix="ballerup-marks-"))
    path = _mark_folder / f"{kind}-{colour.lstrip('#')}.svg"
    if not path.exists():
        path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" '
                        f'viewBox="0 0 24 24"><path d="{_MARKS[kind]}" fill="none" '
                        f'stroke="{colour}" stroke-width="3.5" stroke-linecap="round" '
                        f'stroke-linejoin="round"/></svg>', encoding="utf-8")
    return path.as_posix()

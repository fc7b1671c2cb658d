"""The handout on paper: the document in points, page breaks that keep headings with their
text, painting it on a QPdfWriter or QPrinter (A4, wide margins, page numbers at the foot),
and the handout view's saving and printing (``HandoutOutput``, mixed into ``HandoutView``).

``render_handout(device, handout)`` lays the text out in points for ``device`` (so 16 pt on
paper is 16 pt).
"""
from __future__ import annotations

import logging
from datetime import date, datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, \
    QStandardPaths
from PySide6.QtGui import (QFontDatabase, QPageLayout, QPageSize, QPagedPaintDevice,
                           QPainter, QPdfWriter, QTextCursor, QTextDocument, QTextFormat)
from PySide6.QtWidgets import QFileDialog

from desktop_app.core.handout import (APP_NAME, BODY_PT, PUBLISHER, Handout, file_name,
                                     handout_stylesheet)
from desktop_app.core.files import write_atomic
from desktop_app.i18n import N_, _, translate_for
from desktop_app.ui import fonts
from desktop_app.ui.reader import sizes_from_stylesheet

log = logging.getLogger(__name__)

DPI = 300
MARGINS_MM = QMarginsF(25, 20, 25, 15)    # left, top, right, bottom; the page number is inside
PAGE_OF = N_("Page %(n)d of %(total)d")    # in the handout's language


def handout_font_family() -> str:
    """Atkinson Hyperlegible (shipped with the app, made for low vision) when it can be
    loaded, else the default font."""
    try:
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
    font = fonts.qfont(font_family)
    font.setPointSizeF(BODY_PT)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, handout.title)
    document.setHtml(handout.html)
    sizes_from_stylesheet(document)
    return document


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
    footer_font = fonts.qfont(font_family)
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


def a4_pdf_writer(target, title: str, lang: str = "", day: date | None = None) -> QPdfWriter:
    """A PDF writer for an A4 handout, its title, author (the municipality), language and date
    in the document information and in its XMP metadata (Dublin Core)."""
    writer = QPdfWriter(target)
    writer.setResolution(DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, MARGINS_MM,
                                     QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setAuthor(PUBLISHER)
    writer.setCreator(APP_NAME)
    writer.setDocumentXmpMetadata(xmp_metadata(title, lang, day or date.today()))
    return writer


def xmp_metadata(title: str, lang: str, day: date) -> QByteArray:
    """XMP with the Dublin Core title, creator, publisher, language and date."""
    made = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    language = f"<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>" \
        if lang else ""
    xml = ("<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>"
           '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
           f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li>'
           "</rdf:Alt></dc:title>"
           f"<dc:creator><rdf:Seq><rdf:li>{PUBLISHER}</rdf:li></rdf:Seq></dc:creator>"
           f"<dc:publisher><rdf:Bag><rdf:li>{PUBLISHER}</rdf:li></rdf:Bag></dc:publisher>"
           f"{language}<dc:date><rdf:Seq><rdf:li>{day.isoformat()}</rdf:li></rdf:Seq></dc:date>"
           "<dc:format>application/pdf</dc:format>"
           f"<xmp:CreateDate>{made}</xmp:CreateDate><xmp:ModifyDate>{made}</xmp:ModifyDate>"
           f"<xmp:CreatorTool>{APP_NAME}</xmp:CreatorTool>"
           "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>")
    return QByteArray(xml.encode("utf-8"))


def with_language(pdf: bytes, lang: str) -> bytes:
    """``pdf`` (as QPdfWriter writes it: one classic cross-reference table) with ``/Lang``
    in its catalog, which Qt does not write; screen readers take the language from there.
    Returned unchanged if the file does not have that shape."""
    catalog = b"/Type /Catalog\n"
    at = pdf.find(catalog)
    start = pdf.rfind(b"startxref\n")
    if not lang or at < 0 or start < 0 or b"/Lang" in pdf[at:at + 200]:
        return pdf
    at += len(catalog)
    insert = b"/Lang (" + lang.encode("ascii", "ignore") + b")\n"
    try:
        xref = int(pdf[start + len(b"startxref\n"):].split()[0])
    except (IndexError, ValueError):
        return pdf
    if not pdf.startswith(b"xref\n", xref) or xref < at:
        return pdf
    lines = pdf[xref:start].split(b"\n")
    for number, line in enumerate(lines):
        parts = line.split()
        if len(parts) == 3 and parts[2] == b"n" and int(parts[0]) >= at:
            lines[number] = b"%010d %s n " % (int(parts[0]) + len(insert), parts[1])
    return (pdf[:at] + insert + pdf[at:xref] + b"\n".join(lines)
            + b"startxref\n%d \n%%%%EOF\n" % (xref + len(insert)))


def printers_available() -> bool:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
        return bool(QPrinterInfo.availablePrinters())
    except ImportError:  # pragma: no cover - QtPrintSupport is part of PySide6-Essentials
        return False


class HandoutOutput:
    """Saving, printing and exporting for ``HandoutView`` (needs ``handout()``, ``_current()``,
    ``font_family()``, ``sig_message``, ``policy``, ``lang``, ``level``, ``today``, and for the
    export ``library``, ``selected_items()``, ``settings`` and ``speak``)."""

    def pdf_bytes(self, handout: Handout | None = None) -> bytes:
        """The handout as a PDF, in memory (empty if nothing is chosen)."""
        handout = handout or self.handout()
        if handout is None or handout.empty:
            return b""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = a4_pdf_writer(buffer, handout.title, handout.lang, handout.day)
        pages = render_handout(writer, handout, self.font_family())
        del writer   # finishes the file
        buffer.close()
        return with_language(bytes(data), handout.lang) if pages else b""

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
        try:
            write_atomic(path, data, 0o666)   # a document to share: as any new file
        except OSError as exc:
            log.warning("handout not saved: %s", exc)
            reason = exc.strerror or str(exc)
            self.sig_message.emit(
                _("The handout could not be saved in %(folder)s (%(reason)s). Choose another "
                  "folder.") % {"folder": str(path.parent), "reason": reason})
            return False
        self.sig_message.emit(_("Saved to %s") % str(path))
        return True

    def choose_file(self) -> None:
        """Ask where to save (Qt's own file dialog, which screen readers can use)."""
        if not self.policy.may_choose_folder or self._current() is None:
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
        if self._current() is not None:
            from desktop_app.ui.export_dialog import start_export
            self._export_dialog = start_export(
                self, kind, self.library, self.selected_items(), self.lang, self.level,
                policy=self.policy, settings=self.settings() if self.settings else None,
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
        if not self.policy.may_print or self._current() is None:
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

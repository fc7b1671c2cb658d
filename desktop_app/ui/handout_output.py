"""The chosen pages out of the app: a large-print PDF (saved where the person chooses, in the
shared save dialog of ``save_place.py``), printed (Qt's print dialog), or exported as a
talking book or sound files (``export_dialog.start_export``). The handout view and "Take it
home" each own a ``HandoutOutput`` and tell it, through ``chosen()``, what is chosen.

The handout is laid out and painted by ``handout_print.py``.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtWidgets import QWidget

from desktop_app.core.files import write_atomic
from desktop_app.core.handout import Handout, HandoutItem, build_handout, file_name
from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.core.model import Library
from desktop_app.core.settings import Settings
from desktop_app.i18n import _
from desktop_app.ui.handout_print import (MARGINS_MM, a4_pdf_writer, handout_font_family,
                                          render_handout, with_language)
from desktop_app.ui.save_place import folder_store, save_dialog

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Chosen:
    """What is to go out: ``items`` (``HandoutItem``s: a page, or some of its sections) of
    ``library`` in ``lang`` and ``level``, dated ``today`` (None: the day it is made)."""

    library: Library | None
    items: list[HandoutItem]
    lang: str
    level: str
    today: date | None = None


class HandoutOutput(QObject):
    """Saving, printing and exporting what ``chosen()`` gives. ``owner`` (the view) is the
    parent of the dialogs; ``pdf_title`` (marked with ``N_``) is the save dialog's title;
    ``settings()`` gives the voice and speed of an export, ``speak(text)`` says when it is done.

    Signals: ``sig_message(str)``: saved, sent to the printer, or what went wrong (a sentence,
    never a traceback); ``sig_saved(str path)`` after a PDF is saved."""

    sig_message = Signal(str)
    sig_saved = Signal(str)

    def __init__(self, owner: QWidget, chosen: Callable[[], Chosen], pdf_title: str,
                 settings: Callable[[], Settings] | None = None,
                 speak: Callable[[str], object] | None = None):
        super().__init__(owner)
        self._owner = owner
        self._chosen = chosen
        self.pdf_title = pdf_title
        self.settings = settings
        self.speak = speak
        self.policy: KioskPolicy = NOT_A_KIOSK
        self._font_family: str | None = None
        self.file_dialog = self.print_dialog = self.export_dialog = None   # the last opened

    def set_policy(self, policy: KioskPolicy) -> None:
        """File and print dialogs and the export as ``policy`` allows (``save_pdf(path)``
        always works)."""
        self.policy = policy

    def font_family(self) -> str:
        if self._font_family is None:
            self._font_family = handout_font_family()
        return self._font_family

    def handout(self) -> Handout | None:
        """The handout as chosen now (None without content)."""
        chosen = self._chosen()
        if chosen.library is None:
            return None
        return build_handout(chosen.library, chosen.items, chosen.lang, chosen.level,
                             today=chosen.today, font_family=self.font_family())

    def _current(self) -> Handout | None:
        """The handout to save or print, or None (and a message) when no page is chosen."""
        handout = self.handout()
        if handout is None or handout.empty:
            self.sig_message.emit(_("Choose at least one page for the handout first."))
            return None
        return handout

    # -- the PDF ------------------------------------------------------------------------------
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

    def choose_file(self) -> None:
        """Ask where to save the PDF (where the policy allows it), then save it."""
        if not self.policy.may_save_pdf or self._current() is None:
            return
        chosen = self._chosen()
        self.file_dialog = save_dialog(self._owner, _(self.pdf_title),
                                       file_name(chosen.lang, chosen.today),
                                       _("PDF files (*.pdf)"), self.save_pdf,
                                       store=folder_store(self.policy), suffix="pdf")

    def save_pdf(self, path: str | Path) -> bool:
        """Save the handout as a PDF at ``path``; tells ``sig_message`` either way, and
        ``sig_saved`` when it is saved."""
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
        self.sig_saved.emit(str(path))
        return True

    # -- a talking book, sound files ------------------------------------------------------------
    def export(self, kind: str) -> None:
        """Save the chosen pages (or sections) as a talking book ('epub') or MP3 files."""
        if self._current() is not None:
            from desktop_app.ui.export_dialog import start_export
            chosen = self._chosen()
            self.export_dialog = start_export(
                self._owner, kind, chosen.library, chosen.items, chosen.lang, chosen.level,
                policy=self.policy, settings=self.settings() if self.settings else None, speak=self.speak)

    # -- paper ----------------------------------------------------------------------------------
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
        """Choose a printer in Qt's print dialog (where the policy allows it), then print."""
        if not self.policy.may_print or self._current() is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                          QPageLayout.Orientation.Portrait, MARGINS_MM,
                                          QPageLayout.Unit.Millimeter))
        printer.setDocName(_("Handout"))
        dialog = QPrintDialog(printer, self._owner)
        dialog.setWindowTitle(_("Print the handout"))
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.finished.connect(dialog.deleteLater)
        self.print_dialog = (dialog, printer)
        dialog.open()

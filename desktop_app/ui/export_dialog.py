"""Take it home: the handout's pages saved as a talking book (EPUB) or as MP3 files, with a
progress bar, Cancel, and a "done" that is shown, announced to the screen reader and spoken.

``start_export(parent, kind, library, items, lang, level, ...)`` asks where to save (the save
dialog of ``save_place.py``, shared by every export; in kiosk mode, where the kiosk config
allows export, no dialog: the Documents folder) and opens an ``ExportDialog``. When done it
shows the whole path, offers to open the folder (not on a kiosk) and says it aloud. The export runs on a Python thread (synthesis on the
speech worker); it talks to the dialog only through signals.
"""
from __future__ import annotations

import threading
from datetime import date as _date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.core.model import Library
from desktop_app.core.settings import Settings
from desktop_app.export.runner import (ExportCancelled, ExportError, ExportRequest,
                                       ExportResult, run_export)
from desktop_app.i18n import _
from desktop_app.ui.announce import announce
from desktop_app.ui.fitting import fit_to_window
from desktop_app.ui.save_place import default_folder, folder_store, save_dialog
from desktop_app.ui.saved_folder import SavedFolder, breakable

def default_name(kind: str, lang: str, level: str, today: _date | None = None) -> str:
    """E.g. 'handicappolitik-letlaest-2025-05-05.epub' (a folder name for MP3 files)."""
    stem = "handicappolitik" if lang == "da" else "disability-policy"
    if level == "easy":
        stem += "-letlaest" if lang == "da" else "-easy-read"
    name = f"{stem}-{(today or _date.today()).isoformat()}"
    return name + ".epub" if kind == "epub" else name


class _Relay(QObject):
    """Carries the worker thread's news to the dialog (queued: it lives on the UI thread)."""

    sig_progress = Signal(int, int, str)
    sig_done = Signal(object)           # ExportResult
    sig_failed = Signal(str, bool)      # message, cancelled


class ExportDialog(QDialog):
    """Shows one export running: what is being made, a progress bar, Cancel, then the result.

    Signals: ``sig_finished(bool ok, str message)`` once the export has ended."""

    sig_finished = Signal(bool, str)

    def __init__(self, library: Library, request: ExportRequest,
                 parent: QWidget | None = None, speak: Callable[[str], None] | None = None,
                 policy: KioskPolicy = NOT_A_KIOSK):
        super().__init__(parent)
        self.library, self.request, self._speak, self.policy = library, request, speak, policy
        self.result: ExportResult | None = None
        self.running = False
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._session = None
        self.setWindowTitle(_("Take it home") if request.kind == "epub" else _("Sound files"))
        self.setModal(True)
        what = (_("Making a talking book: the text with the sound, for a reading app.")
                if request.kind == "epub" else _("Making sound files (MP3), one for each page."))
        self.heading = QLabel(what)
        self.heading.setWordWrap(True)
        self.status = QLabel(_("Preparing…"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.bar.setAccessibleName(_("How far the saving has come"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel the saving"))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()
        self.saved = SavedFolder()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.saved.button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.bar, self.status):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self._relay = _Relay(self)
        self._relay.sig_progress.connect(self._progress)
        self._relay.sig_done.connect(self._done)
        self._relay.sig_failed.connect(self._failed)
        fit_to_window(self)

    def start(self) -> None:
        """Start the export on a worker thread (returns at once)."""
        relay, cancel, library, request = self._relay, self._cancel, self.library, self.request

        def work() -> None:
            try:
                result = run_export(library, request, cancel=cancel,
                                    progress=lambda d, t, s: relay.sig_progress.emit(d, t, s))
            except ExportCancelled as exc:
                relay.sig_failed.emit(str(exc), True)
            except ExportError as exc:
                relay.sig_failed.emit(str(exc), False)
            except Exception as exc:  # noqa: BLE001 - never a traceback for the user
                relay.sig_failed.emit(_("The export failed: %s") % (exc or type(exc).__name__),
                                      False)
            else:
                relay.sig_done.emit(result)

        self.running = True
        self._thread = threading.Thread(target=work, name="export", daemon=True)
        self._thread.start()
        self.cancel_button.setFocus()

    def cancel(self) -> None:
        if self.running:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(_("Stopping…"))

    def reject(self) -> None:
        """Escape or the window's close button: cancel first; close once it has stopped."""
        if self.running:
            self.cancel()
        else:
            super().reject()

    def _progress(self, done: int, total: int, section: str) -> None:
        self.bar.setValue(round(100 * done / total) if total else 0)
        if section:
            self.status.setText(_("Reading: %s") % section)

    def _finish(self, ok: bool, message: str) -> None:
        self.running = False
        self.status.setText(breakable(message))   # the whole path, wrapped
        self.status.setAccessibleName(message)
        self.saved.show_for(self.result.path if ok and self.result else None, self.policy)
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        fit_to_window(self)
        announce(self.status, message, assertive=True)
        self._say(message)
        self.sig_finished.emit(ok, message)

    def _done(self, result: ExportResult) -> None:
        self.result = result
        self.bar.setValue(100)
        self._finish(True, _("Done. Saved in %s.") % result.path)

    def _failed(self, message: str, cancelled: bool) -> None:
        self._finish(False, _("Cancelled. Nothing was saved.") if cancelled else message)

    def _say(self, message: str) -> None:
        from desktop_app.i18n import language
        if self._speak is not None:
            self._speak(message)
            return
        from desktop_app.speech.session import ReadingSession
        if self._session is None:
            self._session = ReadingSession(parent=self)
        self._session.read_text(message, language())


def start_export(parent: QWidget, kind: str, library: Library, pages: list, lang: str,
                 level: str, *, policy: KioskPolicy = NOT_A_KIOSK,
                 settings: Settings | None = None,
                 speak: Callable[[str], None] | None = None) -> QDialog | None:
    """Ask where to save (no dialog where the policy says so: a kiosk), then export ``pages``
    (page ids, or ``HandoutItem``s: a page or its chosen sections) with a progress dialog.
    Returns the file dialog or the export dialog that was opened (None if not allowed)."""
    if not pages or kind not in policy.export_formats:
        return None
    if settings is None:
        from desktop_app.core.settings import SettingsStore
        settings = SettingsStore().load()
    voice = (settings.voice_da if lang == "da" else settings.voice_en) or None

    def run(target: str) -> QDialog:
        request = ExportRequest(kind, tuple(pages), lang, level, Path(target), voice,
                                settings.speech_rate)
        dialog = ExportDialog(library, request, parent, speak, policy)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.start()
        return dialog

    name = default_name(kind, lang, level)
    if not policy.may_choose_folder:
        return run(str(default_folder() / name))
    title = _("Save as a talking book") if kind == "epub" else _("Save as sound files")
    if kind == "epub":
        return save_dialog(parent, title, name, _("Talking books (*.epub)"), run,
                           store=folder_store(policy), suffix="epub")
    return save_dialog(parent, title, name, _("A new folder for the sound files (*)"), run,
                       store=folder_store(policy))

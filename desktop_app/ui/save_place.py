"""Where a person's files are saved, and the one save dialog every kind of export uses (the
large-print PDF, the talking book, the sound files).

The dialog is Qt's own (screen readers can use it), in the app's language, sized to the window,
with one column of names that are never cut and its buttons' pictures large, in the theme's
text colour. It starts in the folder last saved in (kept in
``window.json``, not on a kiosk), else in Documents, else Downloads, else the home folder:
never the program's own folder. Opening the folder of a saved file, and a path that wraps in a
message, are in ``ui/saved_folder.py``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSize, QStandardPaths, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QFileDialog, QListView, QToolButton, QTreeView, QWidget

from desktop_app.core.kiosk_policy import KioskPolicy
from desktop_app.core.place import PlaceStore
from desktop_app.i18n import _


def default_folder() -> Path:
    """Documents, else Downloads, else the home folder (each only if it exists)."""
    for location in (QStandardPaths.StandardLocation.DocumentsLocation,
                     QStandardPaths.StandardLocation.DownloadLocation):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def folder_store(policy: KioskPolicy) -> PlaceStore | None:
    """Where the last folder is remembered; None where the policy says it is not (a kiosk:
    the next person starts afresh)."""
    if not policy.remembers_folder:
        return None
    from desktop_app.core.settings import config_dir
    return PlaceStore(config_dir())


def start_folder(store: PlaceStore | None) -> Path:
    """The folder last saved in, if it still exists, else ``default_folder()``."""
    remembered = store.load_folder() if store is not None else ""
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return default_folder()


def remember(store: PlaceStore | None, chosen: str | Path) -> None:
    """Remember the folder that ``chosen`` (a file, or a new folder for sound files) lies in."""
    if store is not None:
        store.save_folder(str(Path(chosen).expanduser().parent))


def save_dialog(parent: QWidget, title: str, name: str, name_filter: str,
                on_chosen: Callable[[str], None], *, store: PlaceStore | None,
                suffix: str = "") -> QFileDialog:
    """Open Qt's save dialog for a file (or a new folder) called ``name``; ``on_chosen(path)``
    once the person has chosen, after the folder is remembered in ``store``."""
    chooser = QFileDialog(parent, title)
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    chooser.setFileMode(QFileDialog.FileMode.AnyFile)
    chooser.setNameFilter(name_filter)
    if suffix:
        chooser.setDefaultSuffix(suffix)
    chooser.setDirectory(str(start_folder(store)))
    chooser.selectFile(name)
    chooser.setAccessibleName(title)
    # qtbase_da.qm has no words for these two labels (Qt added '&' to them); the rest is Qt's.
    chooser.setLabelText(QFileDialog.DialogLabel.LookIn, _("&Look in:"))
    chooser.setLabelText(QFileDialog.DialogLabel.FileType, _("Files of &type:"))

    def chosen(path: str) -> None:
        remember(store, path)
        on_chosen(path)
    chooser.fileSelected.connect(chosen)
    chooser.finished.connect(chooser.deleteLater)
    if parent is not None:
        area = parent.window().geometry()
        chooser.resize(max(1, area.width() - 32), max(1, area.height() - 32))
    chooser.open()
    _names_only(chooser)   # after open(): opening restores Qt's own column and splitter sizes
    _visible_tools(chooser)
    return chooser


def _in_colour(icon: QIcon, size: int, colour: QColor) -> QPixmap:
    """``icon``'s shape at ``size`` px, filled with ``colour``."""
    pixmap = icon.pixmap(QSize(size, size))
    painter = QPainter(pixmap)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(pixmap.rect(), colour)
    painter.end()
    return pixmap


def _visible_tools(chooser: QFileDialog) -> None:
    """Back, Forward, the parent folder and a new folder are buttons with a picture only: Qt
    draws them 16 px and dark grey, which is lost on a dark theme and tiny at large text. They
    get the theme's text colour (dimmed when they cannot be used), and the size of a line of
    text where the button has room for it. The two buttons that switch between a list and a
    table go: there is one list of names either way (``_names_only``)."""
    for button in chooser.findChildren(QToolButton):
        if button.objectName() in ("listModeButton", "detailModeButton"):
            button.hide()
            continue
        if button.icon().isNull():
            continue
        # a line of text high, as far as the button (Qt keeps its size) has room for it
        room = button.maximumSize().boundedTo(QSize(9999, 9999)) + QSize(1, 1)
        side = chooser.fontMetrics().height()
        button.setIconSize(QSize(side, side))
        while side > 16 and (button.sizeHint().width() > room.width()
                             or button.sizeHint().height() > room.height()):
            side -= 1
            button.setIconSize(QSize(side, side))
        palette = button.palette()
        icon = QIcon()
        for mode, group in ((QIcon.Mode.Normal, QPalette.ColorGroup.Active),
                            (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled)):
            icon.addPixmap(_in_colour(button.icon(), side,
                                      palette.color(group, QPalette.ColorRole.ButtonText)), mode)
        button.setIcon(icon)
        button.setMinimumSize(button.sizeHint())     # the row gives it the room it needs


def _names_only(chooser: QFileDialog) -> None:
    """One column of whole names that wrap (at large text the size, type and date columns
    left the names as '7…4'), using the whole width."""
    for view in chooser.findChildren(QTreeView):
        header = view.header()
        for column in range(1, header.count()):
            header.hideSection(column)
        header.setStretchLastSection(True)
        view.setWordWrap(True)
        view.setUniformRowHeights(False)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
    for view in chooser.findChildren(QListView):
        if view.objectName() == "sidebar":
            # Its short list of places does not fit beside the names at large text; the
            # "Look in" box and the parent-folder button still go everywhere.
            view.hide()
        else:
            view.setWordWrap(True)
            view.setTextElideMode(Qt.TextElideMode.ElideNone)

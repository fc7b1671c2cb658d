"""A picture from the page, shown large inside the window: zoom, pan, its text and read aloud.

Opened by a click, tap or Enter on a picture in the reader. It covers the window (so the
dimming still lies over it and nothing opens outside the app); Escape or Close goes back.
Zoom: the + and − buttons or keys, Ctrl+wheel, a pinch. Pan: drag, arrow keys, scrollbars.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (QLabel, QPinchGesture, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from desktop_app import paths
from desktop_app.core.render import picture_alt, pictogram_alts
from desktop_app.core.themes import Theme
from desktop_app.i18n import _
from desktop_app.ui.buttons import setup_button
from desktop_app.ui.flow import FlowLayout
from desktop_app.ui.style import control_px

ZOOMS = (0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0)   # times the size that fits the window
MAX_PX = 3200
ORIGINAL = ("#000000", "#ffffff")              # the pictograms are drawn black on white


def render_picture(name: str, size: int, foreground: str, background: str) -> QImage:
    """Pictogram ``name`` drawn in ``foreground`` on ``background``, ``size`` pixels square."""
    path = paths.pictogram(name)
    if not path.exists():
        path = paths.pictogram("policy")
    layer = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    layer.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(str(path))
    painter = QPainter(layer)
    if renderer.isValid():
        margin = size * 0.04
        renderer.render(painter, QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(layer.rect(), QColor(foreground))
    painter.end()
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(background))
    painter = QPainter(image)
    painter.drawImage(0, 0, layer)
    painter.end()
    return image


class PictureViewer(QWidget):
    """Signals: ``sig_closed()``; ``sig_original_changed(bool)`` when the reader switches the
    original colours (the window remembers it)."""

    sig_closed = Signal()
    sig_original_changed = Signal(bool)

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("pictureViewer")
        # Opaque: the window's style sheet paints a plain QWidget only with this attribute.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self._window = window
        self.name = ""
        self.alt = ""
        self.lang = "da"
        self.theme: Theme | None = None
        self.original = False
        self.zoom = 1.0
        self.px = 18
        self._drag: QPoint | None = None
        self._return_focus: QWidget | None = None
        self._pinch_start = 1.0
        self._alts: dict | None = None

        self.bar = QWidget()
        bar = FlowLayout(self.bar, spacing=8)
        self.close_button = QPushButton()
        self.zoom_out_button = QPushButton()
        self.zoom_label = QLabel()
        self.zoom_in_button = QPushButton()
        self.fit_button = QPushButton()
        self.original_button = QPushButton()
        self.original_button.setCheckable(True)
        self.read_button = QPushButton()
        for widget in (self.close_button, self.zoom_out_button, self.zoom_label,
                       self.zoom_in_button, self.fit_button, self.original_button,
                       self.read_button):
            bar.addWidget(widget)
        self.close_button.clicked.connect(self.close_viewer)
        self.zoom_out_button.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in_button.clicked.connect(lambda: self.step_zoom(1))
        self.fit_button.clicked.connect(lambda: self.set_zoom(1.0))
        self.original_button.toggled.connect(self._original_toggled)
        self.read_button.clicked.connect(self.read_aloud)
        self.caption = QLabel()
        self.caption.setObjectName("pictureCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area = QScrollArea()
        self.area.setObjectName("pictureArea")
        self.area.setWidget(self.picture)
        self.area.setWidgetResizable(True)
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.area.viewport().installEventFilter(self)
        self.area.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.picture.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.caption)
        layout.addWidget(self.area, 1)
        window.installEventFilter(self)
        self.hide()

    # -- opening and closing ---------------------------------------------------------------
    def open_from_page(self, name: str) -> None:
        """Open pictogram ``name`` of the window's current page, with the page's alt text."""
        window = self._window
        page = window.reader.page
        lang = page.lang if page is not None else window.settings.lang
        if self._alts is None:
            self._alts = pictogram_alts(paths.resources_dir() / "pictograms" / "pictograms.toml")
        self.open_picture(name, picture_alt(page, name, lang, self._alts), lang, window.theme,
                          control_px(window.settings.text_scale),
                          window.settings.pictures_original)

    def open_picture(self, name: str, alt: str, lang: str, theme: Theme, px: int,
                     original: bool = False) -> None:
        self.name, self.alt, self.lang, self.px = name, alt, lang, px
        self._return_focus = self._window.focusWidget()
        self.zoom = 1.0
        self.original_button.blockSignals(True)
        self.original_button.setChecked(original)
        self.original_button.blockSignals(False)
        central = self._window.centralWidget()
        if central is not None:
            central.setEnabled(False)   # Tab and clicks stay in the viewer while it is open
        self.setGeometry(self._window.rect())
        self.show()
        self.raise_()
        for dimmer in self._window.findChildren(QWidget, "dimmer"):
            dimmer.raise_()
        self.layout().activate()     # the fitting size needs the final size of the area
        self.apply_theme(theme, px)
        self.area.setFocus(Qt.FocusReason.OtherFocusReason)

    def apply_theme(self, theme: Theme, px: int) -> None:
        self.theme, self.px = theme, px
        self.caption.setStyleSheet(f"font-size: {round(px * 1.6)}px;")
        bar = max(16, px)
        self.area.setStyleSheet(
            f"QScrollBar:horizontal {{ height: {bar}px; background: {theme.control_background}; }}"
            f"QScrollBar::handle:horizontal {{ background: {theme.control_border}; "
            f"min-width: 40px; }}"
            f"QScrollArea#pictureArea {{ border: 4px solid {theme.control_background}; }}"
            f"QScrollArea#pictureArea:focus {{ border: 4px solid {theme.focus}; }}")
        self.retranslate()
        self._render()

    def is_open(self) -> bool:
        return self.isVisible()

    def close_viewer(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        central = self._window.centralWidget() if hasattr(self._window, "centralWidget") \
            else None
        if central is not None:
            central.setEnabled(True)
        if self._return_focus is not None:
            self._return_focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.sig_closed.emit()

    def read_aloud(self) -> None:
        speech = self._window.speech
        session = speech.ensure_session() if speech is not None else None
        if session is not None and self.alt:
            session.read_text(self.alt, self.lang)

    # -- zoom ------------------------------------------------------------------------------
    def fit_px(self) -> int:
        viewport = self.area.viewport().size()
        return max(64, min(viewport.width(), viewport.height()) - 16)

    def picture_px(self) -> int:
        return min(MAX_PX, round(self.fit_px() * self.zoom))

    def set_zoom(self, zoom: float, anchor: QPoint | None = None) -> None:
        zoom = max(ZOOMS[0], min(ZOOMS[-1], zoom))
        if zoom == self.zoom:
            return
        h, v = self.area.horizontalScrollBar(), self.area.verticalScrollBar()
        point = anchor or QPoint(self.area.viewport().width() // 2,
                                 self.area.viewport().height() // 2)
        before = self.picture_px()
        fx = (h.value() + point.x()) / max(1, before)
        fy = (v.value() + point.y()) / max(1, before)
        self.zoom = zoom
        self._render()
        after = self.picture_px()
        self.picture.adjustSize()
        h.setValue(round(fx * after - point.x()))
        v.setValue(round(fy * after - point.y()))

    def step_zoom(self, step: int, anchor: QPoint | None = None) -> None:
        if step > 0:
            bigger = [z for z in ZOOMS if z > self.zoom + 1e-6]
            self.set_zoom(bigger[0] if bigger else ZOOMS[-1], anchor)
        else:
            smaller = [z for z in ZOOMS if z < self.zoom - 1e-6]
            self.set_zoom(smaller[-1] if smaller else ZOOMS[0], anchor)

    def _original_toggled(self, on: bool) -> None:
        self._render()
        self.retranslate()
        self.sig_original_changed.emit(on)

    def _render(self) -> None:
        if not self.name or self.theme is None:
            return
        foreground, background = ORIGINAL if self.original_button.isChecked() else \
            (self.theme.text, self.theme.background)
        size = self.picture_px()
        self.picture.setPixmap(QPixmap.fromImage(render_picture(self.name, size, foreground,
                                                                background)))
        self.picture.setMinimumSize(size, size)
        self.picture.setAccessibleName(self.alt)
        self.zoom_in_button.setEnabled(self.zoom < ZOOMS[-1])
        self.zoom_out_button.setEnabled(self.zoom > ZOOMS[0])
        self.zoom_label.setText(_("Size %d %%") % round(self.zoom * 100))
        self.zoom_label.setAccessibleName(_("Picture size %d percent") % round(self.zoom * 100))

    # -- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        theme, px = self.theme, self.px
        setup_button(self.close_button, _("Close"), _("Close the picture"), "close", theme, px,
                     _("Goes back to the page (Escape)"))
        setup_button(self.zoom_out_button, _("Smaller"), _("Make the picture smaller"),
                     "zoom-out", theme, px, _("You can also use the minus key, or Ctrl and the mouse wheel"))
        setup_button(self.zoom_in_button, _("Larger"), _("Make the picture larger"), "zoom-in",
                     theme, px, _("You can also use the plus key, or Ctrl and the mouse wheel"))
        setup_button(self.fit_button, _("Fit"), _("Fit the picture to the window"), "image",
                     theme, px)
        setup_button(self.original_button, _("Black on white"),
                     _("Show the picture in its original colours, black on white"), "contrast",
                     theme, px, _("Helps when the picture is hard to see in your colours"))
        setup_button(self.read_button, _("Read aloud"), _("Read the picture's text aloud"),
                     "speaker", theme, px)
        self.zoom_label.setMinimumHeight(self.close_button.sizeHint().height())
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        self.caption.setText(self.alt)
        self.caption.setAccessibleName(self.alt)
        self.setAccessibleName(_("Picture: %s") % self.alt)
        self.area.setAccessibleName(_("The picture"))
        self.area.setAccessibleDescription(_(
            "Use the arrow keys to move the picture, and plus and minus to make it larger or "
            "smaller."))
        background = ORIGINAL[1] if self.original_button.isChecked() else (
            self.theme.background if self.theme else "#ffffff")
        self.area.viewport().setStyleSheet(f"background-color: {background};")
        self.picture.setStyleSheet(f"background-color: {background};")

    # -- input -----------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close_viewer()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.step_zoom(1)
        elif key == Qt.Key.Key_Minus:
            self.step_zoom(-1)
        elif key == Qt.Key.Key_0:
            self.set_zoom(1.0)
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._window:
            if kind == QEvent.Type.Resize and self.isVisible():
                self.setGeometry(self._window.rect())
            return False
        if watched is self.area.viewport() and kind == QEvent.Type.Resize and \
                self.isVisible() and self.zoom == 1.0:
            self._render()   # "fit" follows the size of the window
            return False
        if kind == QEvent.Type.Wheel and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.step_zoom(1 if delta > 0 else -1, event.position().toPoint())
            return True
        if kind == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                if pinch.state() == Qt.GestureState.GestureStarted:
                    self._pinch_start = self.zoom
                self.set_zoom(self._pinch_start * pinch.totalScaleFactor())
                return True
        if kind == QEvent.Type.NativeGesture and \
                event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self.set_zoom(self.zoom * (1 + event.value()))
            return True
        if watched is self.picture:
            if kind == QEvent.Type.MouseButtonPress:
                self._drag = event.globalPosition().toPoint()
                self.picture.setCursor(Qt.CursorShape.ClosedHandCursor)
            elif kind == QEvent.Type.MouseMove and self._drag is not None:
                now = event.globalPosition().toPoint()
                delta = now - self._drag
                self._drag = now
                h, v = self.area.horizontalScrollBar(), self.area.verticalScrollBar()
                h.setValue(h.value() - delta.x())
                v.setValue(v.value() - delta.y())
            elif kind == QEvent.Type.MouseButtonRelease:
                self._drag = None
                self.picture.unsetCursor()
        return False

    def sizeHint(self) -> QSize:
        return self._window.size()

"""Icons and pictograms: monochrome SVGs tinted with the theme's colours.

A button's icon is a ``TintedIcon``: drawn when Qt first paints it, at the size and in the
state it is shown in. A hidden button's icon, and the states a button is not in (pressed,
disabled), are not drawn until they are seen."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop_app import paths


@lru_cache(maxsize=256)
def _shape(path: str, size: int) -> QImage | None:
    """The SVG drawn once at ``size`` (None if it cannot be read); each colour is a copy."""
    renderer = QSvgRenderer(path)
    if not renderer.isValid():
        return None
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


@lru_cache(maxsize=512)
def _image(path: str, size: int, colour: str) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    shape = _shape(path, size)
    if shape is None:
        image.fill(Qt.GlobalColor.transparent)
        return image
    # The colour where the shape is, as opaque as the shape: filled with the colour, then
    # kept where the shape is (QImage.fill and drawImage: fillRect would also load QGradient).
    image.fill(QColor(colour))
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
    painter.drawImage(0, 0, shape)
    painter.end()
    return image


def tinted(path: str, size: int, colour: str) -> QPixmap:
    return QPixmap.fromImage(_image(path, size, colour))


@lru_cache(maxsize=512)
def _icon_pixmap(path: str, side: int, colour: str, ratio: float) -> QPixmap:
    """A ``TintedIcon``'s pixmap, kept: Qt asks for it at every paint of its button."""
    pixmap = tinted(path, side, colour)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class TintedIcon(QIconEngine):
    """``path`` drawn in ``normal`` (``on`` when a checkable button is on, ``disabled`` when
    it cannot be used), at the size Qt asks for, when it asks."""

    def __init__(self, path: str, normal: str, on: str, disabled: str):
        super().__init__()
        self._path = path
        self._colours = (normal, on, disabled)

    def _colour(self, mode: QIcon.Mode, state: QIcon.State) -> str:
        if mode == QIcon.Mode.Disabled:
            return self._colours[2]
        return self._colours[1] if state == QIcon.State.On else self._colours[0]

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,  # noqa: N802
                     scale: float) -> QPixmap:
        ratio = max(scale, 1.0)
        side = max(1, round(min(size.width(), size.height()) * ratio))
        return _icon_pixmap(self._path, side, self._colour(mode, state), ratio)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        scale = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def clone(self) -> QIconEngine:
        return TintedIcon(self._path, *self._colours)

    def key(self) -> str:
        return "TintedIcon"


def tinted_icon(path: str, normal: str, on: str | None = None,
                disabled: str | None = None) -> QIcon:
    """A ``TintedIcon`` (``on`` and ``disabled`` default to ``normal``)."""
    return QIcon(TintedIcon(path, normal, on or normal, disabled or normal))


def icon(name: str, colour: str) -> QIcon:
    path = paths.icon(name)
    if not path.exists():
        return QIcon()
    return tinted_icon(str(path), colour)


def pictogram(name: str, colour: str, size: int = 128) -> QPixmap:
    path = paths.pictogram(name)
    if not path.exists():
        path = paths.pictogram("policy")
    return tinted(str(path), size, colour)

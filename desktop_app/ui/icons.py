"""Icons and pictograms: monochrome SVGs tinted with the theme's colours."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
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
    shape = _shape(path, size)
    if shape is None:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        return image
    image = shape.copy()
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), QColor(colour))
    painter.end()
    return image


def tinted(path: str, size: int, colour: str) -> QPixmap:
    return QPixmap.fromImage(_image(path, size, colour))


def icon(name: str, colour: str, size: int = 64) -> QIcon:
    path = paths.icon(name)
    if not path.exists():
        return QIcon()
    return QIcon(tinted(str(path), size, colour))


def pictogram(name: str, colour: str, size: int = 128) -> QPixmap:
    path = paths.pictogram(name)
    if not path.exists():
        path = paths.pictogram("policy")
    return tinted(str(path), size, colour)

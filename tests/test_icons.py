"""Tinted icons: the SVG drawn once per size and tinted per colour gives the same pixels as
drawing it in each colour."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from desktop_app import paths
from desktop_app.app import ensure_app
from desktop_app.ui import icons

COLOURS = ("#000000", "#ffff00", "#1a5fb4")


def drawn_in(path: str, size: int, colour: str) -> QImage:
    """The SVG drawn straight in ``colour``."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(path)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), QColor(colour))
    painter.end()
    return image


@pytest.mark.parametrize("folder", ["icons", "pictograms"])
def test_each_colour_is_the_svg_drawn_in_it(folder):
    ensure_app()
    svgs = sorted((paths.resources_dir() / folder).glob("*.svg"))
    assert svgs
    for svg in svgs:
        for colour in COLOURS:
            for size in (64, 96):
                tinted = icons.tinted(str(svg), size, colour).toImage().convertToFormat(
                    QImage.Format.Format_ARGB32_Premultiplied)
                assert tinted == drawn_in(str(svg), size, colour), (svg.name, colour, size)


def test_an_unreadable_svg_gives_a_transparent_image(tmp_path):
    ensure_app()
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg")
    image = icons.tinted(str(broken), 32, "#000000").toImage()
    assert image.size().width() == 32
    assert all(image.pixelColor(x, y).alpha() == 0 for x in range(32) for y in range(32))

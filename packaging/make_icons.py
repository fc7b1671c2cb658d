"""Render the app icon, resources/icons/app/app.svg, into the sizes each platform wants:

    python packaging/make_icons.py

- app-N.png for N in 16 ... 512 (Linux hicolor theme, the window icon, AppStream),
- app.ico (Windows: 16-256 px, PNG-compressed entries; the .exe and the installer),
- app.icns (macOS: 16-1024 px, the .app bundle).

It uses Qt's SVG renderer (PySide6, already a dependency). Run it after changing app.svg and
commit the outputs.
"""
from __future__ import annotations

import struct
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "icons" / "app"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types with PNG data, and the pixel size each holds.
ICNS_TYPES = (("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256),
              ("ic09", 512), ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256),
              ("ic14", 512))


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (Windows Vista and later)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size      # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        blobs += data
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b""
    for kind, size in ICNS_TYPES:
        body += kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    from PySide6.QtGui import QGuiApplication
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = FOLDER / "app.svg"
    sizes = set(PNG_SIZES) | set(ICO_SIZES) | {size for _kind, size in ICNS_TYPES}
    pngs = {size: render_png(svg, size) for size in sorted(sizes)}
    for size in PNG_SIZES:
        (FOLDER / f"app-{size}.png").write_bytes(pngs[size])
    (FOLDER / "app.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (FOLDER / "app.icns").write_bytes(icns(pngs))
    print(f"make_icons: {len(PNG_SIZES)} PNG sizes, app.ico and app.icns in {FOLDER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

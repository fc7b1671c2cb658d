"""The app icon's renderings (packaging/make_icons.py) exist in every size and match app.svg."""
from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "icons" / "app"
_spec = importlib.util.spec_from_file_location("make_icons", ROOT / "packaging" / "make_icons.py")
make_icons = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_icons)


def test_png_sizes_exist_and_match_the_svg(qapp):
    for size in make_icons.PNG_SIZES:
        committed = QImage(str(FOLDER / f"app-{size}.png"))
        assert (committed.width(), committed.height()) == (size, size)
    # a stale rendering (app.svg changed, make_icons.py not run) differs clearly
    fresh = QImage.fromData(make_icons.render_png(FOLDER / "app.svg", 64))
    committed = QImage(str(FOLDER / "app-64.png")).convertToFormat(fresh.format())
    differing = sum(1 for x in range(64) for y in range(64)
                    if _distance(fresh.pixelColor(x, y), committed.pixelColor(x, y)) > 24)
    assert differing < 64 * 64 // 50, f"{differing} pixels differ: run packaging/make_icons.py"


def _distance(a, b) -> int:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()),
               abs(a.alpha() - b.alpha()))


def test_ico_holds_the_windows_sizes():
    data = (FOLDER / "app.ico").read_bytes()
    _reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert kind == 1 and count == len(make_icons.ICO_SIZES)
    sizes = sorted(data[6 + 16 * i] or 256 for i in range(count))
    assert sizes == sorted(make_icons.ICO_SIZES)


def test_icns_holds_the_macos_sizes():
    data = (FOLDER / "app.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    kinds, offset = [], 8
    while offset < len(data):
        kind, length = data[offset:offset + 4].decode(), struct.unpack_from(">I", data,
                                                                            offset + 4)[0]
        assert data[offset + 8:offset + 12] == b"\x89PNG"
        kinds.append(kind)
        offset += length
    assert kinds == [kind for kind, _size in make_icons.ICNS_TYPES]

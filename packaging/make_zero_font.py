"""Make the digits font that goes before Atkinson Hyperlegible, resources/fonts/BallerupZero-*.ttf:

    pip install fonttools && python packaging/make_zero_font.py

Atkinson Hyperlegible's only zero is slashed, and in Danish a slashed zero reads as Ø
("2Ø26"). These files hold Atkinson's digits 0-9 for each of its four styles, with the slash
taken out of the zero: its two half counters are replaced by one oval counter of the same size
(the outer outline shrunk to it, upright for the italics). Everything else is Atkinson's
(metrics, spacing, the other digits), so the app asks for the families "Ballerup Zero",
"Atkinson Hyperlegible" and Qt takes the digits from the first and all other letters from
Atkinson.

Licence: Atkinson Hyperlegible is under the SIL Open Font License 1.1, which allows modified
versions under the same licence and under another name; the files are named "Ballerup Zero"
and carry the licence (resources/fonts/OFL.txt). fontTools is needed only here; run it after
updating the fontpkg-atkinson-hyperlegible package and commit the outputs.
"""
from __future__ import annotations

import math
import shutil
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FAMILY = "Ballerup Zero"
DIGITS = range(0x30, 0x3A)


def _bbox(points):
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def plain_zero(font) -> None:
    """Replace the zero's counters (split in two by the slash) by one oval counter."""
    from fontTools.ttLib.tables import ttProgram
    from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates
    glyf = font["glyf"]
    glyph = glyf["zero"]
    coords, ends, flags = glyph.getCoordinates(glyf)
    contours, start = [], 0
    for end in ends:
        contours.append((list(coords[start:end + 1]), list(flags[start:end + 1])))
        start = end + 1
    slant = math.tan(math.radians(-font["post"].italicAngle))

    def upright(point):
        return point[0] - point[1] * slant, point[1]

    def area(points):
        x0, y0, x1, y1 = _bbox(points)
        return (x1 - x0) * (y1 - y0)
    contours.sort(key=lambda c: -area(c[0]))
    outer, outer_flags = contours[0]
    counters = [upright(p) for points, _f in contours[1:] for p in points]
    ox0, oy0, ox1, oy1 = _bbox([upright(p) for p in outer])
    ix0, iy0, ix1, iy1 = _bbox(counters)
    sx, sy = (ix1 - ix0) / (ox1 - ox0), (iy1 - iy0) / (oy1 - oy0)
    inner = []
    for point in reversed(outer):           # the other direction: a hole
        x, y = upright(point)
        x = (ix0 + ix1) / 2 + (x - (ox0 + ox1) / 2) * sx
        y = (iy0 + iy1) / 2 + (y - (oy0 + oy1) / 2) * sy
        inner.append((round(x + y * slant), round(y)))
    glyph.coordinates = GlyphCoordinates(outer + inner)
    glyph.flags = bytearray(outer_flags + list(reversed(outer_flags)))
    glyph.endPtsOfContours = [len(outer) - 1, 2 * len(outer) - 1]
    glyph.numberOfContours = 2
    glyph.program = ttProgram.Program()
    glyph.program.fromBytecode(b"")
    glyph.recalcBounds(glyf)


def rename(font, style: str) -> None:
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (16, 17, 21, 22):
            names.removeNames(nameID=record.nameID)
    postscript = FAMILY.replace(" ", "") + "-" + style.replace(" ", "")
    subfamily = style if style in ("Regular", "Bold", "Italic", "Bold Italic") else "Regular"
    for name_id, text in ((1, FAMILY), (2, subfamily), (3, postscript),
                          (4, f"{FAMILY} {style}".replace(" Regular", "")), (6, postscript),
                          (13, "This Font Software is licensed under the SIL Open Font "
                               "License, Version 1.1. Digits of Atkinson Hyperlegible, the "
                               "zero without its slash."),
                          (14, "https://openfontlicense.org")):
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)


def make(source: Path, target: Path, style: str) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    options = subset.Options()
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = ["kern"]
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=list(DIGITS))
    subsetter.subset(font)
    plain_zero(font)
    rename(font, style)
    font.save(target)


def main() -> int:
    try:
        import fontpkg_atkinson_hyperlegible as package
        import fontTools  # noqa: F401 - needed by make()
    except ImportError as exc:
        print(f"needs fonttools and fontpkg-atkinson-hyperlegible: {exc}", file=sys.stderr)
        return 1
    FOLDER.mkdir(parents=True, exist_ok=True)
    files = Path(package.ROOT) / "files"
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        target = FOLDER / f"BallerupZero-{style}.ttf"
        make(files / f"AtkinsonHyperlegible-{style}.ttf", target,
             "Bold Italic" if style == "BoldItalic" else style)
        print(target)
    shutil.copyfile(Path(package.ROOT) / "LICENSE", FOLDER / "OFL.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())

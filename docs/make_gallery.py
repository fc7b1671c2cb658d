"""Render the main views in every theme x text size x language x level into a folder.

    python docs/make_gallery.py [OUT_DIR] [--quick]

Each PNG is named VIEW-THEME-SIZE-LANG-LEVEL.png; the window is 1280x800 (1280x720 at 400 %).
--quick renders only the light and high-contrast themes at 100 and 400 %.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.app import build  # noqa: E402
from desktop_app.core.settings import SettingsStore  # noqa: E402
from desktop_app.core.themes import THEMES  # noqa: E402

VIEWS = {"home": lambda w: w.state.go_home(), "topic": lambda w: w.state.open_topic("areas"),
         "page": lambda w: w.state.open_page("area-housing")}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="gallery")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    themes = ["light", "hc-dark"] if args.quick else list(THEMES)
    sizes = [100, 400] if args.quick else [100, 200, 400]
    options = argparse.Namespace(lang=None, level=None, theme=None, text_scale=None, page=None,
                                 kiosk=False, content_dir=None, smoke=False)
    with tempfile.TemporaryDirectory() as folder:
        app, window, _ = build(options, SettingsStore(Path(folder)),
                               session_factory=lambda: None)
        window.show()
        count = 0
        for theme in themes:
            for size in sizes:
                window.resize(1280, 720 if size == 400 else 800)
                for lang in ("da", "en"):
                    for level in ("standard", "easy"):
                        window.state.change(theme=theme, text_scale=size, lang=lang,
                                            level=level)
                        for name, show in VIEWS.items():
                            show(window)
                            app.processEvents()
                            window.grab().save(str(out / f"{name}-{theme}-{size}-{lang}-{level}.png"))
                            count += 1
        window.close()
    print(f"{count} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

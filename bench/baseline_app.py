"""The start-up baseline: a bare PySide6 window with one QTextBrowser showing a little HTML.

    python bench/baseline_app.py
"""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QTextBrowser

HTML = ("<h1>Handicappolitik</h1>" + "<p>Ballerup Kommune vil være et godt sted at leve for "
        "mennesker med handicap. Alle borgere skal have mulighed for at deltage.</p>" * 20)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    browser = QTextBrowser()
    browser.setWindowTitle("baseline")
    browser.setHtml(HTML)
    browser.resize(1280, 900)
    browser.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

"""A tiny window that keeps announcing a message through desktop_app.ui.announce.announce,
so the AT-SPI test can check that announcements reach the accessibility bus."""
from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from desktop_app.ui.announce import announce


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("AnnounceProbe")
    label = QLabel("probe")
    label.setAccessibleName("probe")
    label.show()
    message = sys.argv[1] if len(sys.argv) > 1 else "Siden er indlæst"
    timer = QTimer()
    timer.timeout.connect(lambda: announce(label, message))
    timer.start(200)
    QTimer.singleShot(30000, app.quit)      # never outlive a broken test
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

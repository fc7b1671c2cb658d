"""Bench launcher: run the app or the baseline and print when its first frame has been painted.

    python bench/first_paint.py app [APP ARGS...]
    python bench/first_paint.py baseline

Installs an event filter on the QApplication before the app builds its window; after the first
Paint event of a top-level window has been handled (and the frame flushed) it prints
``first-paint <CLOCK_MONOTONIC seconds> cpu <CPU seconds of the process>`` on stdout and, with
BENCH_QUIT_AFTER_PAINT=1, quits. The CPU time (user + system, from the interpreter's start)
moves less than the wall time when the machine is busy with other work.
The app itself has no benchmark hooks: everything here lives in bench/.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    target, args = sys.argv[1], sys.argv[2:]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    class FirstPaint(QObject):
        def __init__(self):
            super().__init__()
            self.seen = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if (not self.seen and event.type() == QEvent.Type.Paint
                    and isinstance(obj, QWidget) and obj.isWindow()):
                self.seen = True
                # Runs once the current paint pass (children included) is done and flushed.
                QTimer.singleShot(0, self.done)
            return False

        def done(self):
            print(f"first-paint {time.clock_gettime(time.CLOCK_MONOTONIC):.6f} "
                  f"cpu {time.process_time():.6f}", flush=True)
            if os.environ.get("BENCH_QUIT_AFTER_PAINT") == "1":
                QApplication.instance().quit()

    if target == "app":
        sys.path.insert(0, str(ROOT))
        from desktop_app.app import ensure_app  # the app's own way of creating QApplication
        app = ensure_app([sys.argv[0]])
    else:
        sys.path.insert(0, str(ROOT / "bench"))
        app = QApplication([sys.argv[0]])
    watcher = FirstPaint()
    app.installEventFilter(watcher)
    if target == "app":
        from desktop_app.__main__ import main as app_main
        return app_main(args)
    import baseline_app
    return baseline_app.main()


if __name__ == "__main__":
    sys.exit(main())

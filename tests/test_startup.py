"""Start-up discipline: what can wait is not loaded before the home screen is on the screen."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import json, sys, argparse
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
from desktop_app.app import build
from desktop_app.ui.startup import after_first_paint, warm_up
app, window, _ = build(argparse.Namespace())
window.show()
after_first_paint(window, window.speech.ensure_session, warm_up)
before = sorted(sys.modules)
def done():
    print(json.dumps({"before": before, "after": sorted(sys.modules),
                      "session": window.speech.session is not None}))
    app.quit()
after_first_paint(window, lambda: QTimer.singleShot(0, done))
app.exec()
"""

LATER = ("PySide6.QtMultimedia", "PySide6.QtPrintSupport", "PySide6.QtPdf", "markdown",
         "snowballstemmer", "desktop_app.core.search", "desktop_app.speech.session",
         "desktop_app.speech.engine", "pyttsx3", "desktop_app.ui.handout_view",
         "desktop_app.ui.settings_view", "desktop_app.ui.search_view", "logging.handlers",
         # the handout model (for a PDF's file name), the About box's Python version, and
         # importlib.resources (the package's data folder is found without it)
         "desktop_app.core.handout", "platform", "importlib.resources")


def test_heavy_modules_wait_for_the_first_paint(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               DESKTOP_APP_CONFIG_DIR=str(tmp_path / "config"),
               DESKTOP_APP_CACHE_DIR=str(tmp_path / "cache"),
               DESKTOP_APP_LOG_DIR=str(tmp_path / "log"))
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    loaded_early = [m for m in LATER if m in data["before"]]
    assert loaded_early == [], f"loaded before the window was painted: {loaded_early}"
    # ... and what the first page and Read need is there once the home screen is painted.
    assert {"markdown", "desktop_app.speech.session"} <= set(data["after"])
    assert data["session"]

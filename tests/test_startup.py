"""Start-up discipline: what can wait is not loaded before the home screen is on the screen."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import gc, sys, argparse
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from desktop_app.app import build
from desktop_app.ui.startup import after_first_paint, defer_until_painted
gc.disable()   # as run_app does
app, window, _ = build(argparse.Namespace())
window.show()
defer_until_painted(window)
seen = {}

class AtFirstPaint(QObject):   # installed last, so it sees the Paint before the deferring one
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen["modules"] = sorted(sys.modules)
            seen["classes"] = sorted({type(w).__name__ for w in window.findChildren(QWidget)})
            seen["panel"] = len(window.toolbar.more_panel.findChildren(QWidget))
            seen["icon"] = sorted({s.width() for s in app.windowIcon().availableSizes()})
        return False

at_first_paint = AtFirstPaint()
window.installEventFilter(at_first_paint)
def done():
    import json
    print(json.dumps({"before": seen["modules"], "after": sorted(sys.modules),
                      "classes": seen["classes"], "panel": seen["panel"],
                      "icon_before": seen["icon"],
                      "icon_after": sorted({s.width() for s in app.windowIcon().availableSizes()}),
                      "session": window.speech.session is not None,
                      "collector": gc.isenabled()}))
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
         "desktop_app.core.handout", "platform", "importlib.resources",
         # the reader (and the page renderer and document model it uses), the reading ruler and
         # the picture viewer: made when a page is first opened
         "desktop_app.ui.reader", "desktop_app.ui.ruler", "desktop_app.ui.picture_viewer",
         "desktop_app.core.render", "desktop_app.core.document", "xml.etree.ElementTree",
         # the save dialog, Help's text and About, the screen reader's document structure, the
         # kiosk's config and PIN (not a kiosk), JSON (a first start: no settings file to read
         # yet), and platformdirs (Linux: the XDG folders are read by core/user_dirs.py)
         "desktop_app.ui.save_place", "html", "desktop_app.ui.about_view",
         "desktop_app.ui.accessible", "desktop_app.core.kiosk", "desktop_app.core.kiosk_pin",
         "json", *(("platformdirs",) if sys.platform == "linux" else ()))


def test_heavy_modules_wait_for_the_first_paint(tmp_path):
    # the user's folders as a first start finds them (not the app's overrides for tests)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESKTOP_APP_")}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_STATE_HOME=str(tmp_path / "state"))
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    loaded_early = [m for m in LATER if m in data["before"]]
    assert loaded_early == [], f"loaded before the window was painted: {loaded_early}"
    # Only the home screen is built: no reader, topic list or Help, an empty More panel.
    assert not {"ReaderView", "PageBrowser", "TopicView", "QTextBrowser"} & set(data["classes"])
    assert "HomeView" in data["classes"] and data["panel"] == 0
    # ... and what the first page and Read need is there once the home screen is painted,
    # with the app icon's largest rendering.
    made = {"markdown", "desktop_app.speech.session", "desktop_app.ui.reader"}
    assert made <= set(data["after"])
    assert data["session"] and data["collector"]
    assert {16, 24, 32, 48} == set(data["icon_before"])
    assert {16, 24, 32, 48, 128, 256, 512} <= set(data["icon_after"])


def _pyside_answer(module) -> bool:
    """PySide6's own look at a module (shibokensupport/feature.py, ``_mod_uses_pyside``)."""
    import inspect
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_pyside_looks_at_each_new_module_quickly_and_answers_the_same():
    import PySide6.QtCore  # noqa: F401 - its import hook is what is made quick
    import shibokensupport.feature as feature
    from desktop_app import app, qtenv
    assert qtenv.quick_import_scan() and qtenv.quick_import_scan()   # once, then kept
    quick = feature._mod_uses_pyside
    modules = list(sys.modules.values())
    assert len([m for m in modules if str(getattr(m, "__file__", "")).endswith(".py")]) > 100
    # ... and a module as the frozen build has them: a .pyc file, the source from its loader
    import importlib.util
    cases = [(suffix, source) for suffix in (".pyc", ".py")
             for source in ("import PySide6.QtCore\n", "x = 1\n", None)]
    for number, (suffix, source) in enumerate(cases):
        loader = type("Loader", (), {"get_source": lambda self, name, s=source: s,
                                     "exec_module": lambda self, module: None,
                                     "create_module": lambda self, spec: None})()
        name = f"frozen_like_{number}"   # (inspect's line cache keeps a source by file name)
        module = importlib.util.module_from_spec(
            importlib.util.spec_from_loader(name, loader, origin=f"{name}{suffix}"))
        module.__file__ = f"/nowhere/{name}{suffix}"   # (PyInstaller 6: a .py not there)
        modules.append(module)
    assert [m.__name__ for m in modules if quick(m) != _pyside_answer(m)] == []
    assert quick(app) and not quick(json)


def test_work_after_the_first_paint_runs_in_the_order_given(qtbot):
    """One watch per widget: what ``app.build`` leaves for later (the glossary) runs before what
    ``run_app`` adds after it, so "start-up: ready" is logged last."""
    from PySide6.QtWidgets import QWidget
    from desktop_app.ui.startup import after_first_paint
    widget = QWidget()
    qtbot.addWidget(widget)
    ran = []
    after_first_paint(widget, lambda: ran.append(1), lambda: ran.append(2))
    after_first_paint(widget, lambda: ran.append(3))
    widget.show()
    qtbot.waitUntil(lambda: len(ran) == 3)
    assert ran == [1, 2, 3]
    after_first_paint(widget, lambda: ran.append(4))    # a later wish waits for the next paint
    widget.update()
    qtbot.waitUntil(lambda: len(ran) == 4)

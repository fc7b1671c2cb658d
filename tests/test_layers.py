"""The Qt-free core stays Qt-free and below speech and the UI: no module in desktop_app/core
imports PySide6, desktop_app.speech or desktop_app.ui, at the top or inside a function, and
importing all of core loads none of them."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "desktop_app" / "core"
FORBIDDEN = ("PySide6", "desktop_app.speech", "desktop_app.ui")


def _imported(tree: ast.AST, module: str) -> list[tuple[int, str]]:
    """(line, module) of every import in ``tree`` (relative imports made absolute)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = module.rsplit(".", node.level)[0]
                base = f"{parent}.{base}" if base else parent
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def _forbidden(name: str) -> bool:
    return any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)


def test_no_core_module_imports_qt_speech_or_ui():
    wrong = []
    for path in sorted(CORE.glob("*.py")):
        module = f"desktop_app.core.{path.stem}"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrong += [f"{path.name}:{line} imports {name}"
                  for line, name in _imported(tree, module) if _forbidden(name)]
    assert wrong == []


def test_the_check_sees_an_import_inside_a_function():
    tree = ast.parse("def f():\n    from desktop_app.speech.cache import x\n"
                     "from ..ui import style\n")
    names = [name for _line, name in _imported(tree, "desktop_app.core.m")]
    assert any(_forbidden(name) for name in names if "speech" in name)
    assert "desktop_app.ui.style" in names and _forbidden("desktop_app.ui.style")


def test_importing_all_of_core_loads_no_qt_speech_or_ui():
    modules = [f"desktop_app.core.{path.stem}" for path in sorted(CORE.glob("*.py"))
               if path.stem != "__init__"]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n    importlib.import_module(name)\n"
            f"print('\\n'.join(m for m in sys.modules if m.split('.')[0] == 'PySide6' or "
            f"m.startswith(('desktop_app.speech', 'desktop_app.ui'))))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=CORE.parent.parent, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""

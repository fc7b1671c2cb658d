"""The structure rules of the developers' guide, checked by bench/structure.py: no module over
400 lines, and none kept under it by splitting one class across files.

Both rule tests fail on the code as it is at the time they were written (ui/reader.py has 428
lines; MainWindow is spread over navigation.py and window_settings.py, SettingsView over
settings_colours.py and settings_speech.py). That is intended: they state the rule that the
restructuring of the main window and the settings view (issue 23) is to meet, and they turn
green when it lands. The other checks of the report (getattr/setattr probes, private names,
attributes attached from outside) are printed by the report, not held here.
"""
from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _structure():
    spec = importlib.util.spec_from_file_location("bench_structure", ROOT / "bench" / "structure.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module    # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


structure = _structure()


def _lines(findings) -> list[str]:
    return [f"{f.module}:{f.line} {f.text}" for f in findings]


def test_no_module_over_400_lines():
    # Fails today on desktop_app/ui/reader.py (428 lines) until it is restructured.
    report = structure.analyse(ROOT / "desktop_app")
    assert _lines(report.long_modules) == []


def test_no_class_split_across_files():
    # Fails today on Navigation + WindowSettings (parts of MainWindow only) and
    # SettingsColours + SettingsSpeech (parts of SettingsView only) until they are undone.
    report = structure.analyse(ROOT / "desktop_app")
    assert _lines(report.split_classes) == []


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "pkg"
    package.mkdir()
    for name, text in files.items():
        (package / name).write_text(textwrap.dedent(text))
    return package


def test_the_checks_find_each_kind(tmp_path):
    """Each check finds its kind in a small package, and leaves the allowed forms alone."""
    package = _package(tmp_path, {
        "__init__.py": "",
        "parts.py": """
            class OnlyPart:             # a base of one class, in another module: split
                def a(self): pass
            class Shared:               # a base of two classes: shared, allowed
                pass
            class LocalBase:            # a base of one class in its own module: allowed
                pass
            class Local(LocalBase):
                pass
            class AppError(Exception):
                pass
        """,
        "whole.py": """
            from pkg.parts import OnlyPart, Shared, AppError, _hidden
            from pkg.i18n import _
            class Whole(OnlyPart, Shared):
                def b(self, other):
                    self.x = 1                      # own attribute: allowed
                    other.y = 2                     # attached from outside
                    setattr(other, "z", 3)          # probe
                    getattr(self, "x")              # own: allowed
                    return other._secret, self._own, super()._base
                def c(self):
                    made = Whole()
                    made.field = 1                  # filled in where made: listed apart
            class Second(Shared):
                pass
            class OnlyError(AppError):              # exceptions: not a split class
                pass
        """ + "\n" * 400,
    })
    report = structure.analyse(package)
    assert [f.module for f in report.long_modules] == ["pkg.whole"]
    assert [f.text.split()[0] for f in report.split_classes] == ["OnlyPart"]
    assert [f.text.split()[0] for f in report.shared_bases] == ["Shared"]
    assert [f.text for f in report.attr_probes] == ["setattr(other, 'z', 3)"]
    assert sorted(f.text for f in report.private_names) == [
        "from pkg.parts import _hidden", "other._secret"]
    assert [f.text for f in report.outside_attributes] == ["other.y = ..."]
    assert [f.text for f in report.filled_where_made] == ["made.field = ..."]
    combined = {c["class"]: c for c in report.combined}
    assert combined["Whole"]["methods"] == 3 and combined["Whole"]["files"] == 2

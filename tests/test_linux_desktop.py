"""Linux desktop integration (packaging/linux/): the desktop entry, the AppStream metainfo and
the icons in the hicolor theme, checked with the freedesktop tools a distribution uses."""
from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop_app import DESKTOP_ID

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{DESKTOP_ID}.desktop"
METAINFO = LINUX / f"{DESKTOP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons" / "app"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt install desktop-file-utils appstream)")
    return path


def desktop_entry(path: Path = DESKTOP) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def test_desktop_entry_validates():
    result = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_desktop_entry_names_the_command_and_icon_the_app_registers():
    entry = desktop_entry()
    assert entry["Exec"].split()[0] == "ballerup-handicap"
    assert entry["Icon"] == DESKTOP_ID
    assert "Comment[da]" in entry and "Name" in entry
    # X11 task bars match a window to its entry by WM_CLASS, which Qt takes from the app name
    app_source = (ROOT / "desktop_app" / "app.py").read_text(encoding="utf-8")
    assert f'setApplicationName("{entry["StartupWMClass"]}")' in app_source
    from desktop_app.core.toml import tomllib
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert entry["Exec"].split()[0] in scripts


def _installed_metainfo(tmp_path: Path, screenshots: str | None) -> tuple[Path, str]:
    env = {k: v for k, v in os.environ.items() if k != "SCREENSHOT_BASE_URL"}
    if screenshots is not None:
        env["SCREENSHOT_BASE_URL"] = screenshots
    result = subprocess.run(["sh", str(LINUX / "install-desktop-files.sh"), str(tmp_path), "/usr"],
                            env=env, capture_output=True, text=True, check=True)
    return tmp_path / "usr" / "share" / "metainfo" / METAINFO.name, result.stderr


@pytest.mark.parametrize("screenshots", [None, "https://example.org/gallery/"])
def test_installed_metainfo_validates(tmp_path, screenshots):
    """Valid for the AppStream of Debian 12 (0.16; tag names it does not know are reported
    as infos), with the publisher's screenshot address or without one."""
    installed, said = _installed_metainfo(tmp_path, screenshots)
    result = subprocess.run([_tool("appstreamcli"), "validate", "--pedantic", "--no-net",
                             str(installed)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not re.search(r"^[EWIP]:", result.stdout, re.MULTILINE), result.stdout
    root = ET.parse(installed).getroot()
    images = [i.text for i in root.iterfind("screenshots/screenshot/image")]
    assert "@SCREENSHOT_BASE_URL@" not in installed.read_text(encoding="utf-8")
    if screenshots is None:
        assert not images and "SCREENSHOT_BASE_URL is not set" in said
    else:
        assert images and all(i.startswith("https://example.org/gallery/") and "//" not in
                              i.removeprefix("https://") for i in images), images


def test_screenshot_address_must_be_https(tmp_path):
    result = subprocess.run(["sh", str(LINUX / "install-desktop-files.sh"), str(tmp_path), "/usr"],
                            env=dict(os.environ, SCREENSHOT_BASE_URL="ftp://x"),
                            capture_output=True, text=True)
    assert result.returncode == 1 and "https://" in result.stderr


def _png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_metainfo_matches_the_app_and_the_gallery():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == DESKTOP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.find("content_rating").get("type").startswith("oars-")
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    paragraphs = root.find("description").findall("p")
    assert {p.get(lang) for p in paragraphs} == {None, "da"}
    from desktop_app import __version__
    assert root.find("releases/release").get("version") == __version__
    images = root.findall("screenshots/screenshot/image")
    assert images
    for image in images:
        picture = ROOT / "docs" / "gallery" / image.text.rsplit("/", 1)[-1]
        assert picture.is_file(), f"{picture} (a screenshot the metainfo names) is missing"
        assert _png_size(picture) == (int(image.get("width")), int(image.get("height")))


def test_icons_install_into_the_hicolor_theme(tmp_path):
    subprocess.run(["sh", str(LINUX / "install-desktop-files.sh"), str(tmp_path), "/usr"],
                   check=True)
    share = tmp_path / "usr" / "share"
    for png in ICONS.glob("app-*.png"):
        size = int(png.stem.split("-")[1])
        installed = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"
        assert _png_size(installed) == (size, size)
    assert {int(p.stem.split("-")[1]) for p in ICONS.glob("app-*.png")} >= {
        16, 24, 32, 48, 64, 128, 256, 512}
    assert (share / "icons/hicolor/scalable/apps" / f"{DESKTOP_ID}.svg").is_file()
    assert (share / "applications" / DESKTOP.name).read_bytes() == DESKTOP.read_bytes()
    assert (share / "metainfo" / METAINFO.name).is_file()

"""The kiosk as the Debian package installs it: packaging/debian/build-deb.sh run on a stand-in
bundle (a launcher that only answers --version: the kiosk files do not depend on the frozen
app, and building that takes minutes; tests/test_deb.py checks the real one), then the .deb's
owners and modes as dpkg-deb lists them, the system unit, and the session script run with
stand-ins for openbox and the app: Openbox gets the shipped configuration, the app starts
locked and again after it ends."""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__

ROOT = Path(__file__).resolve().parent.parent
NAME = "ballerup-handicap"
TOOLS = ("dpkg-deb", "dpkg", "strip", "readelf", "patchelf")
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or any(shutil.which(t) is None for t in TOOLS),
    reason=f"build-deb.sh needs {', '.join(TOOLS)} (Debian: dpkg-dev binutils patchelf)")
UNIT = f"usr/lib/systemd/system/{NAME}-kiosk.service"
SESSION = f"usr/lib/{NAME}/kiosk-session"
KIOSK_FILES = {f"usr/share/{NAME}/kiosk/openbox/rc.xml": "resources/kiosk/openbox/rc.xml",
               f"usr/share/{NAME}/kiosk/openbox/menu.xml": "resources/kiosk/openbox/menu.xml",
               f"usr/share/{NAME}/kiosk/xorg/10-kiosk.conf": "resources/kiosk/xorg/10-kiosk.conf"}


from tests.test_deb import TEST_MAINTAINER  # noqa: E402 - the build's stand-in maintainer


@pytest.fixture(scope="module")
def deb(tmp_path_factory) -> Path:
    bundle = tmp_path_factory.mktemp("bundle")
    launcher = bundle / NAME
    launcher.write_text(f"#!/bin/sh\necho {__version__}\n", encoding="utf-8")
    launcher.chmod(0o755)
    (bundle / "_internal").mkdir()
    out = tmp_path_factory.mktemp("deb")
    result = subprocess.run([str(ROOT / "packaging" / "debian" / "build-deb.sh"), str(bundle)],
                            env=dict(os.environ, OUT_DIR=str(out),
                                     DEB_MAINTAINER=TEST_MAINTAINER),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return Path(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def listing(deb) -> dict[str, tuple[str, str]]:
    """path -> (mode string, owner/group), as ``dpkg-deb -c`` shows what dpkg installs."""
    out = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                         check=True).stdout
    entries = {}
    for line in out.splitlines():
        mode, owner, _size, _date, _time, path = line.split(None, 5)
        entries[path.split(" -> ")[0].lstrip("./").rstrip("/")] = (mode, owner)
    return entries


@pytest.fixture(scope="module")
def unpacked(deb, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def test_every_kiosk_file_is_roots_and_no_one_elses_to_change(listing):
    assert all(owner == "root/root" for _mode, owner in listing.values())
    assert listing[UNIT][0] == "-rw-r--r--"
    assert listing[SESSION][0] == "-rwxr-xr-x"
    for path in KIOSK_FILES:
        assert listing[path][0] == "-rw-r--r--", path
    for path, (mode, _owner) in listing.items():
        if mode.startswith("d"):
            assert mode == "drwxr-xr-x", path
        else:
            assert mode.startswith("l") or "w" not in mode[4:], path   # group, others: no write
    # no config shipped where the kiosk user could be given it, no user unit, nothing enabled
    assert not any(p.startswith("etc/") or "/systemd/user" in p or p.endswith(".wants")
                   for p in listing)


def test_the_shipped_openbox_and_x_configuration_are_the_repositorys(unpacked):
    for installed, source in KIOSK_FILES.items():
        assert (unpacked / installed).read_bytes() == (ROOT / source).read_bytes(), installed


def test_the_unit_is_a_system_unit_for_the_kiosk_users_x_session(unpacked):
    text = (unpacked / UNIT).read_text(encoding="utf-8")
    values: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values.setdefault(key, []).append(value)
    assert values["User"] == ["kiosk"] and values["PAMName"] == ["login"]
    assert values["TTYPath"] == ["/dev/tty7"] and values["Restart"] == ["always"]
    assert set(values["Environment"]) == {
        "DESKTOP_APP_KIOSK=1", "DESKTOP_APP_KIOSK_CONFIG=/etc/ballerup-handicap/kiosk.toml"}
    assert values["WantedBy"] == ["graphical.target"]
    # xinit with the session and the server named in full: no ~/.xinitrc or ~/.xserverrc
    command = values["ExecStart"][0].split()
    assert command[:2] == ["/usr/bin/xinit", f"/{SESSION}"]
    assert command[2:5] == ["--", "/usr/bin/Xorg", ":0"] and "vt7" in command


def test_the_session_starts_openbox_with_the_shipped_configuration_and_the_app_locked(
        unpacked, tmp_path):
    """The installed session script, run with stand-ins that note how they were started:
    openbox, the app (ends at once; the second time it ends the session) and sleep."""
    stubs, notes = tmp_path / "bin", tmp_path / "notes"
    stubs.mkdir()
    notes.mkdir()
    scripts = {
        "openbox": 'echo "$@" > "$NOTES/openbox"\n',
        NAME: 'echo "$DESKTOP_APP_KIOSK $*" >> "$NOTES/app"\n'
              '[ "$(wc -l < "$NOTES/app")" -ge 2 ] && kill "$PPID"\nexit 1\n',
        "sleep": "exit 0\n",
    }
    for name, body in scripts.items():
        path = stubs / name
        path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
        path.chmod(0o755)
    session = unpacked / SESSION
    assert session.stat().st_mode & stat.S_IXOTH
    env = {"PATH": f"{stubs}:/usr/bin:/bin", "NOTES": str(notes), "HOME": str(tmp_path)}
    subprocess.run(["/bin/sh", str(session)], env=env, timeout=60)
    openbox = (notes / "openbox").read_text(encoding="utf-8").split()
    rc = next(path for path in KIOSK_FILES if path.endswith("rc.xml"))
    assert openbox == ["--sm-disable", "--config-file", f"/{rc}"]
    assert (unpacked / rc).parent.joinpath("menu.xml").is_file()   # beside it, as rc.xml says
    assert re.search(r"<file>menu\.xml</file>", (unpacked / rc).read_text(encoding="utf-8"))
    # started locked, and again after it ended
    assert (notes / "app").read_text(encoding="utf-8").splitlines() == ["1 --kiosk"] * 2

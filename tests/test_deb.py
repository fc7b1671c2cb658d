"""The Debian package: built by packaging/debian/build-deb.sh from the frozen bundle that
tests/test_frozen.py builds (reused, not built twice), unpacked with ``dpkg-deb -x`` into a
scratch root, and run from there: ``--smoke`` and ``say --out``. Also checked: what it installs
where, its dependencies, the disabled kiosk service, and lintian (no errors)."""
from __future__ import annotations

import array
import math
import os
import re
import shutil
import subprocess
import sys
import tomllib
import wave
from pathlib import Path

import pytest

from desktop_app import DESKTOP_ID
from tests.test_frozen import NAME, ROOT, WORK, bundle  # noqa: F401 - the bundle fixture

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux")
                                or shutil.which("dpkg-deb") is None,
                                reason="Debian packages are built on Debian/Ubuntu")


@pytest.fixture(scope="module")
def deb(bundle, tmp_path_factory) -> Path:  # noqa: F811 - the imported fixture
    missing = [t for t in ("patchelf", "strip", "readelf") if shutil.which(t) is None]
    if missing:
        pytest.fail(f"build-deb.sh needs {', '.join(missing)} (apt install patchelf binutils)")
    out = tmp_path_factory.mktemp("deb")
    result = subprocess.run([str(ROOT / "packaging" / "debian" / "build-deb.sh"), str(bundle)],
                            env=dict(os.environ, OUT_DIR=str(out)), capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    path = Path(result.stdout.strip().splitlines()[-1])
    assert path.is_file() and path.parent == out
    return path


@pytest.fixture(scope="module")
def unpacked(deb, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def _field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True,
                          check=True).stdout.strip()


def _run(command: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    home = WORK / "deb-home"
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_STATE_HOME", "state"), ("XDG_DATA_HOME", "data")):
        env[var] = str(home / sub)
    return subprocess.run([str(command), *args], env=env, capture_output=True, text=True,
                          timeout=180, cwd=home.parent)


@pytest.fixture(scope="module")
def command(unpacked, tmp_path_factory) -> Path:
    """The unpacked program, called through a link as /usr/bin/ballerup-handicap calls it."""
    link = os.readlink(unpacked / "usr" / "bin" / NAME)
    assert link == f"/opt/{NAME}/{NAME}"
    scratch_link = tmp_path_factory.mktemp("bin") / NAME
    scratch_link.symlink_to(unpacked / link.lstrip("/"))
    return scratch_link


def test_package_layout(deb, unpacked):
    assert _field(deb, "Package") == NAME
    from desktop_app import __version__
    assert _field(deb, "Version") == f"{__version__}-1"
    assert (unpacked / "opt" / NAME / "_internal" / "content").is_dir()
    share = unpacked / "usr" / "share"
    entry = share / "applications" / f"{DESKTOP_ID}.desktop"
    assert re.search(rf"^Exec={NAME}$", entry.read_text(), re.MULTILINE)
    assert (share / "metainfo" / f"{DESKTOP_ID}.metainfo.xml").is_file()
    for size in (16, 32, 48, 128, 256, 512):
        assert (share / f"icons/hicolor/{size}x{size}/apps/{DESKTOP_ID}.png").is_file()
    doc = share / "doc" / NAME
    for name in ("copyright", "changelog.Debian.gz", "KIOSK.md"):
        assert (doc / name).is_file(), name
    assert (share / "man" / "man1" / f"{NAME}.1.gz").is_file()
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert listing and all(" root/root " in line for line in listing)


def test_kiosk_is_shipped_disabled(unpacked):
    # (its layout, owners, modes and session: tests/test_kiosk_package.py)
    unit = unpacked / "usr" / "lib" / "systemd" / "system" / f"{NAME}-kiosk.service"
    text = unit.read_text()
    assert "Environment=DESKTOP_APP_KIOSK=1" in text
    assert re.search(rf"^ExecStart=/usr/bin/xinit /usr/lib/{NAME}/kiosk-session ", text,
                     re.MULTILINE)
    assert "Restart=always" in text
    assert not list(unpacked.rglob("*.wants")), "the kiosk service must not be enabled"
    assert not (unpacked / "etc" / "xdg" / "autostart").exists()
    example = unpacked / "usr" / "share" / "doc" / NAME / "examples" / "kiosk.toml"
    from desktop_app.core.kiosk import parse_config
    config = parse_config(tomllib.loads(example.read_text(encoding="utf-8")), example)
    assert config.problems == () and config.kiosk


def test_dependencies_cover_the_libraries_the_bundle_links(deb, unpacked):
    """Every library the bundle loads from the system belongs to a package in Depends."""
    depends = _field(deb, "Depends")
    names = {re.split(r"[ (]", alt.strip())[0] for part in depends.split(",")
             for alt in part.split("|")}
    assert {"libpulse0", "libxcb1", "libgl1", "libwayland-client0"} <= names
    bundled_espeak = (unpacked / "opt" / NAME / "_internal" / "libespeak-ng.so.1").exists()
    assert ("libespeak-ng1" in names) != bundled_espeak
    internal = unpacked / "opt" / NAME / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal}/PySide6/Qt/lib")
    system_libs = set()
    for path in [unpacked / "opt" / NAME / NAME, *internal.rglob("*.so*")]:
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], env=env, capture_output=True,
                             text=True).stdout
        for lib in re.findall(r"=> (/\S+)", out):
            if not lib.startswith(str(unpacked)):
                system_libs.add(os.path.realpath(lib))
    assert system_libs
    owners = set()
    for lib in sorted(system_libs):
        found = subprocess.run(["dpkg", "-S", lib], capture_output=True, text=True)
        if found.returncode != 0:           # /lib vs /usr/lib (merged /usr)
            found = subprocess.run(["dpkg", "-S", lib.replace("/usr/lib/", "/lib/", 1)],
                                   capture_output=True, text=True)
        assert found.returncode == 0, f"{lib}: no package owns it"
        owners |= {o.split(":")[0].strip() for o in found.stdout.split(": ")[0].split(",")}
    # libgl1 and libegl1 bring libglvnd0 and libglx0 with them
    assert owners - {"libc6", "libglvnd0", "libglx0"} <= names, (
        f"not in Depends: {sorted(owners - names)}")


def test_unpacked_package_smoke(command):
    result = _run(command, "--smoke")
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    match = re.search(r"smoke: ok: home with (\d+) topics and (\d+) page variants",
                      result.stdout)
    assert match, result.stdout
    from desktop_app import paths
    from desktop_app.core.loader import load
    library = load(paths.content_dir(), paths.pictogram_names())
    assert int(match.group(2)) == 4 * len(library.page_ids()) > 0


def test_unpacked_package_reads_aloud(command, tmp_path):
    out = tmp_path / "page.wav"
    result = _run(command, "say", "--lang", "da", "--out", str(out),
                  "Ballerup Kommune vil gøre det lettere at leve et godt liv med handicap.")
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    with wave.open(str(out)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
        samples = array.array("h", wav.readframes(wav.getnframes()))
    rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))
    assert 2 <= seconds <= 12 and rms > 300, (seconds, rms)


def test_lintian_finds_no_errors(deb):
    lintian = shutil.which("lintian")
    if lintian is None:
        pytest.skip("lintian is not installed (apt install lintian)")
    result = subprocess.run([lintian, "--fail-on", "error", str(deb)], capture_output=True,
                            text=True, timeout=600)
    errors = [line for line in result.stdout.splitlines() if line.startswith("E:")]
    assert result.returncode == 0 and not errors, result.stdout[-4000:] + result.stderr[-2000:]

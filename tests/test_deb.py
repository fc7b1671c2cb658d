"""The Debian package: built by packaging/debian/build-deb.sh from the frozen bundle that
tests/test_frozen.py builds (reused, not built twice), unpacked with ``dpkg-deb -x`` into a
scratch root, and run from there: ``--smoke`` and ``say --out``. Also checked: what it installs
where, its dependencies (Debian's libraries, not copies), the disabled kiosk service, the
maintainer the publisher gives, and lintian (no errors, each override used)."""
from __future__ import annotations

import array
import math
import os
import re
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from desktop_app import DESKTOP_ID
from desktop_app.core.toml import tomllib
from tests.test_frozen import NAME, ROOT, WORK, bundle  # noqa: F401 - the bundle fixture

# A clearly-marked non-address (RFC 2606's .invalid): the publisher gives the real one.
TEST_MAINTAINER = "Test Build <test-build@example.invalid>"
BUILD_DEB = ROOT / "packaging" / "debian" / "build-deb.sh"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux")
                                or shutil.which("dpkg-deb") is None,
                                reason="Debian packages are built on Debian/Ubuntu")


@pytest.fixture(scope="module")
def deb(bundle, tmp_path_factory) -> Path:  # noqa: F811 - the imported fixture
    missing = [t for t in ("patchelf", "strip", "readelf") if shutil.which(t) is None]
    if missing:
        pytest.fail(f"build-deb.sh needs {', '.join(missing)} (apt install patchelf binutils)")
    out = tmp_path_factory.mktemp("deb")
    result = subprocess.run([str(BUILD_DEB), str(bundle)],
                            env=dict(os.environ, OUT_DIR=str(out), DEB_MAINTAINER=TEST_MAINTAINER),
                            capture_output=True, text=True, timeout=600)
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


def test_maintainer_is_what_the_publisher_gives(deb, bundle, tmp_path):  # noqa: F811
    assert _field(deb, "Maintainer") == TEST_MAINTAINER
    for value in (None, "", "Ballerup Kommune", "nobody@example.invalid"):
        env = dict(os.environ, OUT_DIR=str(tmp_path))
        env.pop("DEB_MAINTAINER", None)
        if value is not None:
            env["DEB_MAINTAINER"] = value
        result = subprocess.run([str(BUILD_DEB), str(bundle)], env=env, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 1, (value, result.stdout)
        assert "set DEB_MAINTAINER" in result.stderr and "Traceback" not in result.stderr
        assert not list(tmp_path.glob("*.deb"))


# What the bundle may carry of its own: Python, Qt and PySide6 (from the wheels), the Python
# extension modules, and espeak-ng only when built with BUNDLE_ESPEAK=1.
OWN_LIBRARIES = re.compile(r"^(libQt6|libicu|libpyside6|libshiboken6|libpython3|"
                           r"libespeak-ng)|\.cpython-|\.abi3\.so")


def test_system_libraries_are_dependencies_not_copies(unpacked):
    internal = unpacked / "opt" / NAME / "_internal"
    libraries = {p.name for p in internal.rglob("*.so*")
                 if "/plugins/" not in p.as_posix() and not p.is_symlink()}
    assert libraries
    foreign = sorted(name for name in libraries if not OWN_LIBRARIES.search(name))
    assert not foreign, f"system libraries bundled instead of depended on: {foreign}"


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
    """Every system library a bundled program or library links to directly (ELF NEEDED) belongs
    to a package in Depends; that package brings what it needs itself."""
    depends = _field(deb, "Depends")
    names = {re.split(r"[ (]", alt.strip())[0] for part in depends.split(",")
             for alt in part.split("|")}
    assert {"libxcb1", "libgl1", "libwayland-client0", "libstdc++6", "zlib1g"} <= names
    assert re.search(r"libc6 \(>= 2\.\d+\)", depends), depends
    internal = unpacked / "opt" / NAME / "_internal"
    bundled_espeak = (internal / "libespeak-ng.so.1").exists()
    assert ("libespeak-ng1" in names) != bundled_espeak
    files = [unpacked / "opt" / NAME / NAME, *internal.rglob("*.so*")]
    in_bundle = {p.name for p in files}
    needed = set()
    for path in files:
        if path.is_symlink() or not path.is_file():
            continue
        dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True,
                                 text=True).stdout
        needed |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic))
    system = sorted(needed - in_bundle)
    assert system
    cache = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    owners = set()
    for soname in system:
        match = re.search(rf"^\s+{re.escape(soname)} \(libc6,x86-64[^)]*\) => (\S+)$", cache,
                          re.MULTILINE)
        assert match, f"{soname}: not installed on this system"
        lib = os.path.realpath(match.group(1))
        found = subprocess.run(["dpkg", "-S", lib], capture_output=True, text=True)
        if found.returncode != 0:           # /lib vs /usr/lib (merged /usr)
            found = subprocess.run(["dpkg", "-S", lib.replace("/usr/lib/", "/lib/", 1)],
                                   capture_output=True, text=True)
        assert found.returncode == 0, f"{lib}: no package owns it"
        owners |= {o.split(":")[0].strip() for o in found.stdout.split(": ")[0].split(",")}
    # libgl1 and libegl1 are the names Debian gives libGL/libEGL's users (via libglvnd)
    assert owners - {"libglvnd0", "libglx0"} <= names, f"not in Depends: {sorted(owners - names)}"


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


def test_lintian_finds_no_errors_or_warnings(deb):
    lintian = shutil.which("lintian")
    if lintian is None:
        pytest.skip("lintian is not installed (apt install lintian)")
    result = subprocess.run([lintian, "--fail-on", "error,warning", "--display-info", str(deb)],
                            capture_output=True, text=True, timeout=600)
    # the expat override is for a Python built from source; with Debian's python3 it is unused
    problems = [line for line in result.stdout.splitlines()
                if line.startswith(("E:", "W:")) or "mismatched-override" in line
                or ("unused-override" in line and "embedded-library expat" not in line)]
    assert result.returncode == 0 and not problems, "\n".join(problems) or result.stderr[-2000:]


def test_each_lintian_override_has_its_own_reason():
    """One comment (the reason) right above each override; no override of a whole tag."""
    lines = (ROOT / "packaging" / "debian" / "lintian-overrides").read_text().splitlines()
    overrides = [i for i, line in enumerate(lines) if line and not line.startswith("#")]
    assert overrides
    for i in overrides:
        assert lines[i - 1].startswith("# "), f"no reason above: {lines[i]}"
        assert re.fullmatch(rf"{NAME}: [a-z0-9-]+( \S+)? \[[^*\]][^\]]*\]", lines[i]), (
            f"an override names one tag and the files it is for: {lines[i]}")


def test_copyright_names_every_bundled_component(unpacked):
    """Each file under /opt falls under a Files paragraph of its own component (not just the
    catch-all of the app's own licence), with a licence that says what it is."""
    import fnmatch
    text = (unpacked / "usr" / "share" / "doc" / NAME / "copyright").read_text()
    paragraphs = [p for p in text.split("\n\n") if p.startswith("Files:")]
    rules = []
    for paragraph in paragraphs:
        files = re.match(r"Files:((?:.*\n?)(?:^ .*\n?)*)", paragraph, re.MULTILINE).group(1)
        licence = re.search(r"^License: (.+)$", paragraph, re.MULTILINE).group(1)
        rules += [(pattern, licence) for pattern in files.split() if pattern != "*"]
    assert all(licence != "EUPL-1.2" or pattern.endswith("content/*")
               for pattern, licence in rules), "a third-party component under the app's licence"
    internal = unpacked / "opt" / NAME / "_internal"
    own = {"resources", "i18n", "content"}        # the app's own data: EUPL-1.2 (Files: *)
    unnamed = []
    for path in sorted((unpacked / "opt" / NAME).rglob("*")):
        relative = path.relative_to(unpacked).as_posix()
        if path.is_dir() or (internal in path.parents
                             and path.relative_to(internal).parts[0] in own):
            continue
        if not any(fnmatch.fnmatchcase(relative, pattern) for pattern, _l in rules):
            unnamed.append(relative)
    assert not unnamed, f"not named in debian/copyright: {unnamed[:10]}"

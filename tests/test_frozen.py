"""The frozen app: build it with PyInstaller (build.spec), then run what a user of the bundle
would: ``--smoke`` offscreen, ``say`` into a WAV file, and check the bundle's size.

The build goes to build/frozen-test/ (not dist/) and is reused while a stamp of the sources,
the spec and the tool versions still matches; otherwise it is rebuilt (about a minute).
"""
from __future__ import annotations

import array
import hashlib
import math
import os
import shutil
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NAME = "ballerup-handicap"
WORK = ROOT / "build" / "frozen-test"
MAX_BUNDLE_MB = 80    # Linux one-folder bundle, system libraries and espeak-ng left to Debian
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


def _tool_versions() -> str:
    from importlib.metadata import PackageNotFoundError, version
    parts = [sys.version, sys.platform]
    for dist in ("pyinstaller", "pyinstaller-hooks-contrib", "PySide6-Essentials",
                 "PySide6-Addons", "pyttsx3", "markdown", "babel", "platformdirs"):
        try:
            parts.append(f"{dist}={version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist}=-")
    return "\n".join(parts)


def source_stamp() -> str:
    """A hash of everything the bundle is built from."""
    digest = hashlib.sha256(_tool_versions().encode())
    files = [ROOT / "build.spec", ROOT / "pyproject.toml"]
    files += sorted((ROOT / "desktop_app").rglob("*.py"))
    files += sorted(p for p in (ROOT / "content").rglob("*") if p.is_file())
    files += sorted((ROOT / "i18n").glob("*/LC_MESSAGES/*.mo"))
    files += sorted(p for p in (ROOT / "resources").rglob("*") if p.is_file())
    for path in files:
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def bundle_mb(folder: Path) -> float:
    """Disk usage like ``du -sm`` (allocated blocks, links not followed)."""
    total = 0
    for path in folder.rglob("*"):
        st = path.lstat()
        blocks = getattr(st, "st_blocks", None)
        total += blocks * 512 if blocks is not None else st.st_size
    return total / 2**20


@pytest.fixture(scope="module")
def bundle() -> Path:
    """The one-folder bundle, built from the current sources (one build at a time, also
    across concurrent test runs)."""
    WORK.mkdir(parents=True, exist_ok=True)
    with open(WORK / ".lock", "w") as lock:
        try:
            import fcntl
            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:  # Windows: no concurrent runs expected
            pass
        return _build_or_reuse()


def _build_or_reuse() -> Path:
    dist = WORK / "dist" / NAME
    stamp_file = WORK / "stamp"
    stamp = source_stamp()
    exe = dist / (NAME + EXE_SUFFIX)
    if exe.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return dist
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is not installed: pip install .[build]")
    if not list((ROOT / "i18n").glob("*/LC_MESSAGES/*.mo")):
        pytest.fail("no compiled catalogs: run 'python i18n/catalogs.py compile'")
    stamp_file.unlink(missing_ok=True)
    shutil.rmtree(WORK / "dist", ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(WORK / "dist"), "--workpath", str(WORK / "work"),
         str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0 or not exe.exists():
        pytest.fail(f"PyInstaller failed ({result.returncode}):\n{result.stdout[-4000:]}\n"
                    f"{result.stderr[-6000:]}")
    stamp_file.write_text(stamp)
    return dist


def run_frozen(bundle: Path, *args: str, timeout: float = 120,
               extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(extra_env or {}))
    # Settings, cache and logs of the test run stay out of the user's folders.
    home = WORK / "home"
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_STATE_HOME", "state"), ("XDG_DATA_HOME", "data")):
        env[var] = str(home / sub)
    return subprocess.run([str(bundle / (NAME + EXE_SUFFIX)), *args], env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_bundle_has_the_data_the_app_looks_for(bundle):
    internal = bundle / "_internal"
    assert (internal / "content").is_dir()
    assert list((internal / "content").rglob("*.md")), "no pages in the bundle"
    for lang in ("da", "en"):
        assert (internal / "i18n" / lang / "LC_MESSAGES" / "messages.mo").is_file()
    assert list((internal / "resources" / "pictograms").glob("*.svg"))
    assert list((internal / "resources" / "icons").glob("*.svg"))
    assert list((internal / "fontpkg_atkinson_hyperlegible" / "files").glob("*.ttf"))
    translations = internal / "PySide6" / "Qt" / "translations"
    if sys.platform.startswith("linux"):
        assert (translations / "qtbase_da.qm").is_file()
        assert sorted(p.name for p in translations.iterdir()) == ["qtbase_da.qm",
                                                                  "qtbase_en.qm"]
    locales = {p.name for p in (internal / "babel" / "locale-data").iterdir()}
    assert {"root.dat", "da.dat", "da_DK.dat", "en.dat", "en_GB.dat"} <= locales
    assert "de.dat" not in locales


def test_bundle_leaves_out_what_the_app_does_not_use(bundle):
    names = {p.name for p in bundle.rglob("*")}
    for unwanted in ("QtWebEngineCore", "libQt6Pdf.so.6", "libQt6VirtualKeyboard.so.6",
                     "_tkinter", "numpy", "libqpdf.so", "libQt6Quick3D", "libQt6Charts"):
        assert not any(unwanted in name for name in names), unwanted


def _archive(bundle: Path):
    """The executable's embedded archive (bootstrap scripts, runtime hooks, the PYZ)."""
    from PyInstaller.archive.readers import CArchiveReader
    return CArchiveReader(str(bundle / (NAME + EXE_SUFFIX)))


def _bundled_python_modules(bundle: Path) -> set[str]:
    """The modules in the executable's PYZ archive."""
    import tempfile

    from PyInstaller.archive.readers import ZlibArchiveReader
    archive = _archive(bundle)
    pyz = next(name for name in archive.toc if name.endswith(".pyz"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "PYZ.pyz"
        path.write_bytes(archive.extract(pyz))
        return set(ZlibArchiveReader(str(path)).toc)


def test_bundle_leaves_out_test_and_packaging_tools(bundle):
    """Nothing of pytest or setuptools: pkg_resources' runtime hook would run at every start."""
    modules = _bundled_python_modules(bundle)
    assert "desktop_app.app" in modules
    unwanted = {m for m in modules if m.split(".")[0] in (
        "pytest", "_pytest", "pluggy", "pkg_resources", "setuptools", "pytestqt", "tkinter")}
    assert not unwanted, sorted(unwanted)[:10]
    assert "pyi_rth_pkgres" not in _archive(bundle).toc


_DLOPEN_ALL = """
import ctypes, os, sys
failed = []
for folder, _dirs, files in os.walk(sys.argv[1]):
    for name in sorted(files):
        path = os.path.join(folder, name)
        if (".so" in name or name.endswith((".dll", ".dylib", ".pyd"))) \\
                and not os.path.islink(path):
            try:
                ctypes.CDLL(path, mode=getattr(os, "RTLD_LAZY", 0) | getattr(os, "RTLD_LOCAL", 0))
            except OSError as exc:
                failed.append(f"{os.path.relpath(path, sys.argv[1])}: {exc}")
print("\\n".join(failed))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries (Linux)")
def test_every_bundled_library_loads(bundle):
    """A broken library (e.g. one damaged by 'strip') only fails when Qt loads it, which
    --smoke may never do (Qt Multimedia's backend loads on first playback)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", _DLOPEN_ALL, str(bundle / "_internal")],
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "", f"libraries that do not load:\n{result.stdout}"


def test_frozen_qt_plugins_load(bundle):
    result = run_frozen(bundle, "--smoke", extra_env={"QT_DEBUG_PLUGINS": "1"})
    failures = [line for line in result.stderr.splitlines()
                if "cannot load" in line or "loadPlugin failed" in line]
    failures = [line for line in failures if "pipewire" not in line]  # optional, dlopened
    assert not failures, "\n".join(failures)
    assert "No QtMultimedia backends found" not in result.stderr or \
        not list(bundle.rglob("*ffmpegmediaplugin*")), "the bundled FFmpeg backend did not load"


def test_bundle_size(bundle):
    size = bundle_mb(bundle)
    backend = list(bundle.rglob("*ffmpegmediaplugin*"))
    hint = ("; Qt Multimedia's FFmpeg backend is bundled because the app's code uses a class "
            "that needs it (it brings libavcodec, QtQuick and QtQml, ~34 MB)") if backend else ""
    assert size <= MAX_BUNDLE_MB, f"bundle is {size:.0f} MB, more than {MAX_BUNDLE_MB} MB{hint}"


def test_frozen_smoke(bundle):
    result = run_frozen(bundle, "--smoke")
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert "smoke: ok" in result.stdout, result.stdout


def test_frozen_version(bundle):
    from desktop_app import __version__
    result = run_frozen(bundle, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == __version__


@pytest.mark.parametrize("lang, text", [("da", "Hej med dig. Velkommen til Ballerup."),
                                        ("en", "Hello. Welcome to Ballerup.")])
def test_frozen_say_writes_speech(bundle, tmp_path, lang, text):
    if not (ROOT / "desktop_app" / "speech" / "cli.py").exists():
        pytest.fail("desktop_app/speech/ (the 'say' command) does not exist yet")
    out = tmp_path / f"say-{lang}.wav"
    result = run_frozen(bundle, "say", "--lang", lang, "--out", str(out), text)
    assert result.returncode == 0, (
        f"frozen 'say' failed with exit {result.returncode}:\n{result.stdout}\n{result.stderr}")
    assert out.is_file() and out.stat().st_size > 44, "no WAV file written"
    with wave.open(str(out)) as wav:
        rate, width, frames = wav.getframerate(), wav.getsampwidth(), wav.getnframes()
        channels = wav.getnchannels()
        data = wav.readframes(frames)
    assert width == 2, f"expected 16-bit samples, got {8 * width}-bit"
    samples = array.array("h", data)
    if sys.byteorder == "big":
        samples.byteswap()
    seconds = frames / rate
    rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))
    # Two short sentences: about 1.5-3 s at the default speed (espeak-ng: ~2 s).
    assert 0.8 <= seconds <= 8, f"{seconds:.2f} s of audio for {text!r}"
    assert rms > 300, f"RMS {rms:.0f}: the WAV is (nearly) silent ({channels} ch, {rate} Hz)"


def test_frozen_app_is_heard(bundle, listening):
    """The frozen player plays through the sound server the tests record from."""
    start = time.monotonic()
    result = run_frozen(bundle, "say", "--lang", "da", "--play", "Hej med dig. Velkommen.")
    end = time.monotonic()
    assert result.returncode == 0, result.stderr[-2000:]
    heard = listening.loud_between(start, end)
    assert heard, "nothing was heard while the frozen app played"
    assert listening.rms_between(start, end) > 0.005
    assert heard[-1] < end                       # it returned after the sound, not before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland (Linux)")
def test_frozen_without_a_display_says_so(bundle):
    """A plain message and exit status 2, not Qt's abort (a core dump)."""
    from desktop_app.qtenv import EXIT_NO_DISPLAY, NO_DISPLAY
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([str(bundle / NAME)], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == EXIT_NO_DISPLAY, (result.returncode, result.stderr[-2000:])
    assert result.stderr.strip() == NO_DISPLAY

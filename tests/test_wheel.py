"""The wheel, as a user installs it: built from the checkout, installed into a fresh virtual
environment outside the checkout, then ``ballerup-handicap --smoke`` and ``content lint`` run
from there.

The fresh environment gets the app's dependencies (PySide6 & co.) from the test run's own
site-packages through a ``.pth`` file, so nothing is downloaded again; the app itself comes only
from the wheel (``pip install --no-deps``).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                             "-w", str(out), str(ROOT)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    wheels = list(out.glob("ballerup_handicap-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def _dependencies_site_packages() -> Path:
    import PySide6
    return Path(PySide6.__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its folder."""
    env_dir = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    deps = _dependencies_site_packages()
    # The dependencies' folder may sit inside the checkout (./test.sh keeps .venv there), but
    # it must not be the checkout, nor hold the app: the app comes only from the wheel.
    assert deps != ROOT and not (deps / "desktop_app").exists()
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "dependencies.pth").write_text(str(deps) + "\n")
    result = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                             "-q", "--no-deps", "--no-index",
                             # the dependencies' folder may list an editable install of the
                             # app: install beside it, never touch it
                             "--ignore-installed", str(wheel)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return env_dir


def _run(env_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    scripts = env_dir / ("Scripts" if os.name == "nt" else "bin")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(QT_QPA_PLATFORM="offscreen", PATH=str(scripts) + os.pathsep + env["PATH"])
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        env[var] = str(cwd / var.lower())
    return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def _checkout_library():
    from desktop_app import paths
    from desktop_app.core.loader import load
    return load(paths.content_dir(), paths.pictogram_names())


def test_wheel_carries_the_data_the_app_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = "desktop_app/data/"
    pages = {p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.md")}
    assert pages and {data + p for p in pages} <= names
    for lang in ("da", "en"):
        assert f"{data}i18n/{lang}/LC_MESSAGES/messages.mo" in names
    pictograms = {p.relative_to(ROOT).as_posix()
                  for p in (ROOT / "resources").rglob("*") if p.is_file()}
    assert {data + p for p in pictograms} <= names
    assert f"{data}resources/icons/app/app.svg" in names
    assert not any(n.startswith(("tests/", "content/", "build/")) for n in names)
    assert not any(n.endswith(".po") for n in names)


def test_installed_wheel_finds_its_data_and_renders_pages(installed, tmp_path):
    python = installed / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    where = _run(installed, tmp_path, str(python), "-c",
                 "import desktop_app, desktop_app.paths as p; "
                 "print(desktop_app.__file__); print(p.root())")
    assert where.returncode == 0, where.stderr
    module, root = (Path(line) for line in where.stdout.split())
    purelib = Path(sysconfig.get_paths(vars={"base": str(installed),
                                             "platbase": str(installed)})["purelib"])
    assert installed in module.parents, module
    assert root.resolve() == (purelib / "desktop_app" / "data").resolve(), root

    smoke = _run(installed, tmp_path, "ballerup-handicap", "--smoke")
    assert smoke.returncode == 0, f"{smoke.stdout}\n{smoke.stderr[-3000:]}"
    match = re.search(r"smoke: ok: home with (\d+) topics and (\d+) page variants",
                      smoke.stdout)
    assert match, smoke.stdout
    library = _checkout_library()
    assert int(match.group(1)) == len(library.topics_in_order()) > 0
    assert int(match.group(2)) == 4 * len(library.page_ids()) > 0

    lint = _run(installed, tmp_path, "ballerup-handicap", "content", "lint")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert f"ok: {len(library.pages)} pages" in lint.stdout

    version = _run(installed, tmp_path, "ballerup-handicap", "--version")
    from desktop_app import __version__
    assert version.stdout.strip() == __version__

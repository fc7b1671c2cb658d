"""Every Python the project claims (``requires-python`` up to 3.13) installs and runs the app, as
a user would: the wheel with its dependencies from the package index into a fresh virtual
environment, and the checkout (``python -m desktop_app``) with that environment's Python. Each
claimed version that this machine has is tried (pyenv, uv or ``python3.X`` on PATH); the release
workflow tries all of them on GitHub's runners.

The environments are kept in build/python-matrix/ and reused while the dependencies in
pyproject.toml are unchanged; the app itself is reinstalled from a fresh wheel every run.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.toml import tomllib
from tests.test_wheel import wheel  # noqa: F401 - the session's wheel fixture

ROOT = Path(__file__).resolve().parent.parent
MATRIX = ROOT / "build" / "python-matrix"
NEWEST = (3, 13)            # the newest Python the project is tested on (release.yml as well)
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def claimed_floor() -> tuple[int, int]:
    match = re.fullmatch(r">=\s*3\.(\d+)", PYPROJECT["project"]["requires-python"])
    assert match, PYPROJECT["project"]["requires-python"]
    return 3, int(match.group(1))


CLAIMED = [(3, minor) for minor in range(claimed_floor()[1], NEWEST[1] + 1)]


def find_interpreter(version: tuple[int, int]) -> str | None:
    """A working python3.X on this machine, or None."""
    name = f"python{version[0]}.{version[1]}"
    candidates = [shutil.which(name)]
    for base in (Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions",
                 Path.home() / ".local" / "share" / "uv" / "python"):
        candidates += sorted(str(p) for p in base.glob(f"*{version[0]}.{version[1]}.*/bin/{name}"))
    for candidate in filter(None, candidates):
        probe = subprocess.run([candidate, "-c", "import sys, venv; print(sys.version_info[:2])"],
                               capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == str(version):
            return candidate
    return None


def _environment(interpreter: str, version: tuple[int, int], wheel_path: Path) -> Path:
    """build/python-matrix/3.X with the app's dependencies and the current wheel installed."""
    folder = MATRIX / f"{version[0]}.{version[1]}"
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    wanted = hashlib.sha256("\n".join(PYPROJECT["project"]["dependencies"]).encode()
                            + interpreter.encode()).hexdigest()
    stamp = folder / "dependencies.stamp"
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    if not (python.exists() and stamp.exists() and stamp.read_text() == wanted):
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([interpreter, "-m", "venv", str(folder)], check=True)
        result = subprocess.run([*pip, str(wheel_path)], capture_output=True, text=True,
                                timeout=1800)
        assert result.returncode == 0, f"pip install on {version}:\n{result.stderr[-4000:]}"
        stamp.write_text(wanted)
    result = subprocess.run([*pip, "--no-deps", "--force-reinstall", str(wheel_path)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return python


def _run(python: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        env[var] = str(MATRIX / "home" / var.lower())
    return subprocess.run([str(python), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_no_module_imports_tomllib_but_the_shim():
    """tomllib is not in Python 3.10: every reader goes through desktop_app/core/toml.py."""
    shim = ROOT / "desktop_app" / "core" / "toml.py"
    direct = re.compile(r"^\s*(import tomllib|from tomllib import|import tomli\b|from tomli\b)",
                        re.MULTILINE)
    files = [*(ROOT / "desktop_app").rglob("*.py"), *(ROOT / "tests").rglob("*.py"),
             *(ROOT / "bench").rglob("*.py"), *(ROOT / "docs").rglob("*.py"),
             *(ROOT / "i18n").rglob("*.py"), ROOT / "setup.py", ROOT / "build.spec"]
    offenders = [str(f.relative_to(ROOT)) for f in files
                 if f != shim and direct.search(f.read_text(encoding="utf-8"))]
    assert not offenders, offenders
    deps = PYPROJECT["project"]["dependencies"]
    if claimed_floor() < (3, 11):
        assert any(re.match(r"tomli\b.*python_version\s*<\s*'3\.11'", d) for d in deps), deps


def test_the_claimed_versions_are_stated_and_built_alike():
    """README, pyproject.toml and the release workflow's matrix name the same versions."""
    floor = "%d.%d" % claimed_floor()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = set(re.findall(r"Python (3\.\d+)(?: or newer|\+| to 3\.\d+)", readme))
    assert stated == {floor}, stated
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    match = re.search(r"python-version: \[([^\]]+)\]", workflow)
    assert match, "release.yml has no python-version matrix"
    listed = [v.strip().strip("\"'") for v in match.group(1).split(",")]
    assert listed == ["%d.%d" % v for v in CLAIMED]


@pytest.mark.parametrize("version", CLAIMED, ids=lambda v: "%d.%d" % v)
def test_app_installs_and_runs_on(version, wheel, tmp_path):  # noqa: F811 - the fixture
    interpreter = find_interpreter(version)
    if interpreter is None:
        if version == sys.version_info[:2]:
            interpreter = sys.executable
        else:
            pytest.skip(f"no Python {version[0]}.{version[1]} on this machine")
    python = _environment(interpreter, version, wheel)

    from_wheel = _run(python, tmp_path, "-m", "desktop_app", "--smoke")
    assert from_wheel.returncode == 0, from_wheel.stdout + from_wheel.stderr[-3000:]
    assert "smoke: ok" in from_wheel.stdout
    where = _run(python, tmp_path, "-c", "import desktop_app; print(desktop_app.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(python.parent.parent), where.stdout

    lint = _run(python, tmp_path, "-m", "desktop_app", "content", "lint")
    assert lint.returncode == 0 and "ok:" in lint.stdout, lint.stdout + lint.stderr[-2000:]

    from_checkout = _run(python, ROOT, "-m", "desktop_app", "--smoke")
    assert from_checkout.returncode == 0, from_checkout.stdout + from_checkout.stderr[-3000:]
    where = _run(python, ROOT, "-c", "import desktop_app; print(desktop_app.__file__)")
    assert Path(where.stdout.strip()).parent == ROOT / "desktop_app", where.stdout

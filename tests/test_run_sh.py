"""./run.sh on first use, as a new user meets it: one line saying what it does, a progress
line, nothing from setuptools or pip's own chatter, then the app; later starts say nothing.
Run in a copy of the checkout (the files git tracks), with a fresh .venv."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout")
    copy = tmp_path_factory.mktemp("checkout")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    return copy


def _run_sh(checkout: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    # the interpreter the tests run with, without the tests' own environment
    env["PYTHON"] = getattr(sys, "_base_executable", sys.executable)
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run([str(checkout / "run.sh"), *args], cwd=checkout, env=env,
                            capture_output=True, timeout=1200)
    # decoded by hand: text mode would turn the progress line's "\r" into line breaks
    return subprocess.CompletedProcess(result.args, result.returncode,
                                       result.stdout.decode(), result.stderr.decode())


def test_first_run_says_what_it_does_and_nothing_else(checkout):
    from desktop_app import __version__
    first = _run_sh(checkout, "--version")
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-3000:]
    lines = (first.stdout + first.stderr).rstrip("\n").split("\n")   # "\r" redraws a line
    assert lines[0].startswith("First start: installing"), lines[0]
    progress = [line for line in lines[1:] if "\r" in line]
    assert progress and "PySide6" in progress[0]
    assert lines[-1] == __version__
    shown = first.stdout + first.stderr
    for noise in ("Editable", "setuptools", "running ", "WARNING", "DEPRECATION",
                  "Successfully installed", "notice"):
        assert noise not in shown, f"{noise!r} shown on the first run:\n{shown[-2000:]}"
    assert "Successfully installed" in (checkout / ".venv" / "install.log").read_text()

    again = _run_sh(checkout, "--version")
    assert again.returncode == 0 and again.stdout == f"{__version__}\n" and again.stderr == ""


def test_a_failed_install_says_so_with_the_end_of_pips_log(checkout):
    broken = checkout.parent / "broken"
    shutil.copytree(checkout, broken, ignore=shutil.ignore_patterns(".venv"))
    pyproject = broken / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"markdown>=3.5"',
                                                       '"markdown>=9999"'))
    result = _run_sh(broken, "--version")
    assert result.returncode == 1
    assert "The installation failed" in result.stderr and "markdown" in result.stderr
    assert "Traceback" not in result.stderr

"""Shared test set-up: Qt offscreen, and settings, logs and cache in temporary folders."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _private_folders(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("DESKTOP_APP_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("DESKTOP_APP_LOG_DIR", str(base / "log"))
    monkeypatch.setenv("DESKTOP_APP_CACHE_DIR", str(base / "cache"))
    # Each test starts with the interface in English (the message ids); a window built in a
    # test switches to its own language.
    from desktop_app import i18n
    i18n.set_language("en")
    yield


@pytest.fixture
def good_content(tmp_path) -> Path:
    """A copy of the small valid content fixture, safe to modify."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "good", target)
    return target

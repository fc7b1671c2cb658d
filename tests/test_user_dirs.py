"""The app's folders for settings, cache and logs: on Linux the XDG rules read by the app are
the folders platformdirs gives (it is not loaded before the window shows)."""
from __future__ import annotations

import sys

import platformdirs
import pytest

from desktop_app import APP_ID
from desktop_app.core import user_dirs

CASES = [{}, {"XDG_CONFIG_HOME": "/x/conf", "XDG_CACHE_HOME": "/x/cache",
              "XDG_STATE_HOME": "/x/state"},
         {"XDG_CONFIG_HOME": "relative/conf", "XDG_CACHE_HOME": "", "XDG_STATE_HOME": "~/st"}]


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rules are read on Linux only")
@pytest.mark.parametrize("env", CASES)
def test_the_folders_are_those_platformdirs_gives(monkeypatch, tmp_path, env):
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert str(user_dirs.config_dir()) == platformdirs.user_config_dir(APP_ID, appauthor=False)
    assert str(user_dirs.cache_dir()) == platformdirs.user_cache_dir(APP_ID, appauthor=False)
    assert str(user_dirs.log_dir()) == platformdirs.user_log_dir(APP_ID, appauthor=False)

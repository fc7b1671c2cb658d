"""kiosk.toml's ``content_dir``: a fleet's shared pages, shown only when they pass lint."""
from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app import paths
from desktop_app.core.kiosk import parse_config
from desktop_app.core.shared_content import load_checked


def test_content_dir_is_read_relative_to_the_config_file(tmp_path):
    config = parse_config({"content_dir": "shared/content"}, tmp_path / "kiosk.toml")
    assert config.problems == ()
    assert config.content_dir == tmp_path / "shared" / "content"
    assert parse_config({"content_dir": "/srv/pages"}).content_dir == Path("/srv/pages")


def test_a_content_dir_that_is_not_a_name_is_reported(tmp_path):
    for value in (42, "", ["a"]):
        config = parse_config({"content_dir": value}, tmp_path / "kiosk.toml")
        assert config.content_dir is None
        assert len(config.problems) == 1 and "content_dir" in config.problems[0]


def test_shared_pages_that_pass_lint_are_used(good_content, tmp_path):
    library, why = load_checked(good_content, tmp_path / "bundled", paths.pictogram_names())
    assert why == ""
    assert len(library.pages) == 8 and ("housing", "da", "standard") in library.pages


def test_shared_pages_that_fail_lint_are_not_used(good_content):
    page = good_content / "da" / "standard" / "housing.md"
    page.write_text(page.read_text(encoding="utf-8").replace("topic: areas\n", ""),
                    encoding="utf-8")
    library, why = load_checked(good_content, paths.content_dir(), paths.pictogram_names())
    assert "is not used" in why and "housing.md" in why, why
    from desktop_app.core.loader import load
    bundled = load(paths.content_dir(), paths.pictogram_names())
    assert set(library.pages) == set(bundled.pages) != set()


def test_an_unreachable_shared_folder_falls_back(tmp_path):
    library, why = load_checked(tmp_path / "offline", paths.content_dir(),
                                paths.pictogram_names())
    assert "does not exist or cannot be reached" in why
    assert len(library.pages) > 8


def test_the_staff_screen_says_why_shared_pages_are_not_used(qtbot, tmp_path, monkeypatch):
    from desktop_app.app import build
    from desktop_app.core.settings import SettingsStore
    config = tmp_path / "kiosk.toml"
    config.write_text('content_dir = "missing-share"\n', encoding="utf-8")
    monkeypatch.setenv("DESKTOP_APP_KIOSK_CONFIG", str(config))
    options = argparse.Namespace(lang=None, level=None, theme=None, text_scale=None, page=None,
                                 kiosk=True, content_dir=None, smoke=False, idle_seconds=None)

    from tests.fakes import FakeSession
    _app, window, _store = build(options, SettingsStore(tmp_path / "user"), FakeSession)
    qtbot.addWidget(window, before_close_func=lambda w: w.kiosk_controller.shutdown())
    assert window.state.library.pages                      # the bundled pages are shown
    staff = window.kiosk_controller.staff
    staff.retranslate()
    assert str(tmp_path / "missing-share") in staff.logs.text()
    assert "not used" in staff.logs.text()

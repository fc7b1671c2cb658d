"""The app's log file stays bounded: it rotates at start and while the app runs."""
from __future__ import annotations

import logging

from desktop_app import logs


def test_log_rotates_while_running_and_keeps_a_bounded_history(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    handler = logs.AppLogHandler(tmp_path / "app.log")
    logger = logging.getLogger("test-rotation")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for i in range(400):
            logger.warning("line %04d %s", i, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["app.log", "app.log.1", "app.log.2", "app.log.3"]
    for path in tmp_path.iterdir():
        assert path.stat().st_size <= 2000 + 100
    assert "line 0399" in (tmp_path / "app.log").read_text()   # the newest is kept


def test_a_large_log_from_an_earlier_run_is_rotated_at_start(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 1000)
    (tmp_path / "app.log").write_text("old\n" * 500)
    handler = logs.AppLogHandler(tmp_path / "app.log")
    handler.close()
    assert (tmp_path / "app.log.1").read_text().startswith("old")
    assert (tmp_path / "app.log").stat().st_size == 0

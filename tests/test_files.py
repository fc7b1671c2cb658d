"""Every file the app keeps is written one way (``core/files.py``): the old file or the new one,
never half of one, and nothing left behind when writing fails."""
from __future__ import annotations

import ast
import errno
import os
from pathlib import Path

import pytest

from desktop_app.core import files
from desktop_app.core.files import write_atomic, write_json
from desktop_app.core.settings import Settings, SettingsStore

APP = Path(__file__).resolve().parent.parent / "desktop_app"


def test_text_bytes_and_json_replace_the_file_and_leave_no_temporary(tmp_path):
    path = tmp_path / "deep" / "file.json"
    write_atomic(path, "første")
    assert path.read_text(encoding="utf-8") == "første"
    write_atomic(path, b"\x00\x01", durable=False)
    assert path.read_bytes() == b"\x00\x01"
    write_json(path, {"side": "forside"}, indent=2)
    assert path.read_text(encoding="utf-8") == '{\n  "side": "forside"\n}\n'
    assert os.listdir(path.parent) == ["file.json"]


def test_a_new_file_is_private_unless_asked_and_an_old_one_keeps_its_mode(tmp_path):
    path = tmp_path / "a.json"
    write_atomic(path, "1")
    assert path.stat().st_mode & 0o777 == 0o600
    path.chmod(0o640)
    write_atomic(path, "2")
    assert path.stat().st_mode & 0o777 == 0o640
    shared = tmp_path / "b.pdf"
    umask = os.umask(0o022)
    try:
        write_atomic(shared, b"%PDF", 0o666)
    finally:
        os.umask(umask)
    assert shared.stat().st_mode & 0o777 == 0o644


def _disk_full(monkeypatch):
    def fsync(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(files.os, "fsync", fsync)


def test_a_full_disk_raises_and_keeps_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    path.write_text("old", encoding="utf-8")
    _disk_full(monkeypatch)
    with pytest.raises(OSError):
        write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "old" and os.listdir(tmp_path) == [path.name]


def test_a_folder_that_is_a_file_raises(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(OSError):
        write_atomic(blocker / "settings.json", "new")


def test_a_failed_write_removes_its_temporary_file(tmp_path):
    path = tmp_path / "a.json"
    with pytest.raises(TypeError):
        write_atomic(path, object())   # not text or bytes: fails half-way
    assert os.listdir(tmp_path) == []


def test_settings_that_cannot_be_saved_say_so_and_keep_the_old_file(tmp_path, monkeypatch):
    store = SettingsStore(tmp_path / "settings.json")
    assert store.save(Settings(text_scale=200))
    _disk_full(monkeypatch)
    assert not store.save(Settings(text_scale=300))
    assert str(tmp_path) in store.notice and "space" in store.notice.lower()
    monkeypatch.undo()
    assert SettingsStore(tmp_path / "settings.json").load().text_scale == 200
    assert os.listdir(tmp_path) == ["settings.json"]


def test_no_module_renames_a_file_over_another_itself():
    """``os.replace``/``Path.replace``/``rename`` only in core/files.py, and where a file is
    moved aside or into place rather than written (listed here with why)."""
    moves = {
        "core/settings.py": 1,       # a broken settings.json is kept as settings.json.broken
        "core/bookmarks.py": 1,      # a broken bookmarks.json is kept beside it
        "export/runner.py": 2,       # finished export files moved out of their scratch folder
        "speech/cache.py": 1,        # a rendered sound file moved into the cache
        "logs.py": 2,                # log rotation
    }
    found: dict[str, int] = {}
    for path in sorted(APP.rglob("*.py")):
        name = path.relative_to(APP).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("replace", "rename") and (
                        isinstance(node.func.value, ast.Name) and node.func.value.id == "os"
                        or len(node.args) == 1 and not node.keywords
                        and not isinstance(node.args[0], ast.Constant)):
                found[name] = found.get(name, 0) + 1
    found.pop("core/files.py")
    assert {name: count for name, count in found.items() if count > moves.get(name, 0)} == {}

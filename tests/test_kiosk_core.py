"""Kiosk deployment without Qt: the config file, the salted PIN hash, set-pin and the lockout."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop_app.core import kiosk, kiosk_cli
from desktop_app.core.kiosk import load_config, parse_config
from desktop_app.core.kiosk_pin import Lockout, hash_pin, lockout_delay, verify_pin, write_pin_hash
from desktop_app.core.toml import tomllib

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_without_a_file(tmp_path):
    config = load_config(tmp_path / "kiosk.toml")
    assert (config.kiosk, config.idle_seconds, config.warning_seconds, config.pin_hash) == \
        (False, 120, 30, "")
    assert config.problems == ()
    assert config.settings().lang == "da"


def test_all_keys_and_the_defaults_table(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('kiosk = true\nidle_seconds = 90\nwarning_seconds = 25\n'
                    'touch_to_hear = false\nlang = "en"\n[defaults]\nlevel = "easy"\n'
                    'theme = "hc-dark"\ntext_scale = 150\nvolume = 60\n', encoding="utf-8")
    config = load_config(path)
    assert config.problems == ()
    assert (config.kiosk, config.idle_seconds, config.warning_seconds, config.touch_to_hear) \
        == (True, 90, 25, False)
    s = config.settings()
    assert (s.lang, s.level, s.theme, s.text_scale, s.speech_volume) == \
        ("en", "easy", "hc-dark", 150, 60)


def test_warning_never_below_20_seconds_and_bad_values_fall_back():
    config = parse_config({"warning_seconds": 5, "idle_seconds": 0, "volume": 300,
                           "theme": "pink", "colour": 1})
    assert config.warning_seconds == 20
    assert config.idle_seconds == 120
    assert config.settings().speech_volume == 80 and config.settings().theme == "light"
    assert len(config.problems) == 5


def test_broken_file_gives_defaults_and_a_problem(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text("idle_seconds = = 60", encoding="utf-8")
    config = load_config(path)
    assert config.kiosk and config.problems and config.idle_seconds == 120   # fail closed
    path.write_text("kiosk = = true", encoding="utf-8")
    config = load_config(path)
    assert config.kiosk and config.idle_seconds == 120


def test_env_path_and_command_line_overrides(tmp_path, monkeypatch):
    path = tmp_path / "elsewhere.toml"
    path.write_text("kiosk = true\nidle_seconds = 300\n", encoding="utf-8")
    monkeypatch.setenv("DESKTOP_APP_KIOSK_CONFIG", str(path))
    config = kiosk.for_options(SimpleNamespace(kiosk=False, lang="en", idle_seconds=7))
    assert config is not None and config.path == path
    assert config.idle_seconds == 7 and config.settings().lang == "en"
    monkeypatch.setenv("DESKTOP_APP_KIOSK_CONFIG", str(tmp_path / "none.toml"))
    assert kiosk.for_options(SimpleNamespace(kiosk=False)) is None
    assert kiosk.for_options(SimpleNamespace(kiosk=True)).kiosk


@pytest.mark.parametrize("method", ["scrypt", "pbkdf2_sha256"])
def test_pin_hash_is_salted_and_verifies(method):
    first, second = hash_pin("2468", method), hash_pin("2468", method)
    assert first != second                          # a fresh salt every time
    assert first.startswith(method + "$") and "2468" not in first
    assert verify_pin("2468", first) and verify_pin("2468", second)
    assert not verify_pin("2469", first) and not verify_pin("2468", "")
    if method == "pbkdf2_sha256":
        assert int(first.split("$")[1]) >= 200_000


def test_write_pin_hash_keeps_the_other_lines(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text("# library kiosk\nkiosk = true\n\n[defaults]\nlang = \"da\"\n",
                    encoding="utf-8")
    path.chmod(0o644)
    write_pin_hash(path, hash_pin("1357"))
    write_pin_hash(path, hash_pin("2468"))          # replaced, not added twice
    text = path.read_text(encoding="utf-8")
    assert text.count("pin_hash") == 1 and text.startswith("# library kiosk\nkiosk = true\n")
    data = tomllib.loads(text)
    assert data["defaults"] == {"lang": "da"} and verify_pin("2468", data["pin_hash"])
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640   # the group kept, nobody else


def test_set_pin_keeps_an_administrators_file_readable_by_the_kiosk_group(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text("kiosk = true\n", encoding="utf-8")
    path.chmod(0o640)
    write_pin_hash(path, hash_pin("2468"))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert list(tmp_path.iterdir()) == [path]            # no temporary file left
    new = tmp_path / "new" / "kiosk.toml"
    write_pin_hash(new, hash_pin("2468"))
    assert stat.S_IMODE(os.stat(new).st_mode) == 0o600


def test_set_pin_from_stdin_writes_a_salted_hash(tmp_path):
    path = tmp_path / "conf" / "kiosk.toml"
    env = dict(os.environ, DESKTOP_APP_KIOSK_CONFIG=str(path))
    result = subprocess.run([sys.executable, "-m", "desktop_app", "kiosk", "set-pin",
                             "--pin-stdin"], input="482913\n", capture_output=True, text=True,
                            cwd=ROOT, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    stored = tomllib.loads(path.read_text(encoding="utf-8"))["pin_hash"]
    assert "482913" not in path.read_text(encoding="utf-8")
    assert stored.startswith("scrypt$") and verify_pin("482913", stored)
    bad = subprocess.run([sys.executable, "-m", "desktop_app", "kiosk", "set-pin",
                          "--pin-stdin"], input="12\n", capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=60)
    assert bad.returncode == 1 and "4-12 digits" in bad.stderr
    assert tomllib.loads(path.read_text(encoding="utf-8"))["pin_hash"] == stored


def test_set_pin_asks_twice(tmp_path, monkeypatch, capsys):
    path = tmp_path / "kiosk.toml"
    answers = iter(["5555", "5556", "7777", "7777"])
    import getpass
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    assert kiosk_cli.kiosk_command(["set-pin", "--config", str(path)]) == 1   # they differ
    assert not path.exists()
    assert kiosk_cli.kiosk_command(["set-pin", "--config", str(path)]) == 0
    assert verify_pin("7777", load_config(path).pin_hash)
    assert kiosk_cli.kiosk_command(["info", "--config", str(path)]) == 0
    assert "PIN set" in capsys.readouterr().out


def test_lockout_grows_after_three_wrong_pins():
    assert [lockout_delay(n) for n in range(1, 8)] == [0, 0, 8, 16, 32, 64, 128]
    assert lockout_delay(40) == 900
    now = [1000.0]
    lock = Lockout(clock=lambda: now[0])
    stored = hash_pin("2468")
    assert [lock.check("0000", stored) for _ in range(3)] == ["wrong"] * 3
    assert lock.remaining() == 8
    assert lock.check("2468", stored) == "locked"  # not even tried while locked
    now[0] += 8
    assert lock.check("1111", stored) == "wrong" and lock.remaining() == 16
    now[0] += 16
    assert lock.check("2468", stored) == "ok"
    assert lock.failures == 0 and lock.remaining() == 0
    assert Lockout().check("2468", "") == "no_pin"


def test_the_lockout_survives_a_restart(tmp_path):
    store = tmp_path / "state" / "kiosk-lockout.json"
    now, wall = [1000.0], [1_700_000_000.0]
    clocks = {"clock": lambda: now[0], "wall": lambda: wall[0]}
    stored = hash_pin("2468")
    lock = Lockout(store=store, **clocks)
    assert [lock.check("0000", stored) for _ in range(3)] == ["wrong"] * 3
    assert lock.remaining() == 8 and list(store.parent.iterdir()) == [store]
    now[0] = 5.0                                   # the machine restarted: a new monotonic clock
    wall[0] += 3
    again = Lockout(store=store, **clocks)
    assert again.failures == 3 and again.remaining() == 5
    assert again.check("2468", stored) == "locked"
    wall[0] += 5
    assert Lockout(store=store, **clocks).remaining() == 0
    third = Lockout(store=store, **clocks)
    assert third.check("1111", stored) == "wrong" and third.remaining() == 16   # the 4th
    now[0] += 16
    assert third.check("2468", stored) == "ok"
    assert Lockout(store=store, **clocks).failures == 0


@pytest.mark.parametrize("text", ["{", "[]", '{"failures": -1, "locked_until": 0}',
                                  '{"failures": 3, "locked_until": "soon"}', "\x00" * 10])
def test_a_lockout_file_that_cannot_be_read_locks(tmp_path, text):
    store = tmp_path / "kiosk-lockout.json"
    store.write_text(text, encoding="utf-8")
    lock = Lockout(store=store)
    assert lock.failures == 3 and lock.remaining() == 8


def test_a_lockout_file_from_the_future_locks_no_longer_than_the_delay(tmp_path):
    store = tmp_path / "kiosk-lockout.json"
    store.write_text('{"failures": 4, "locked_until": 1e15}', encoding="utf-8")
    assert Lockout(store=store).remaining() == 16


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root can give a file to another group")
def test_set_pin_as_root_keeps_the_files_group(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text("kiosk = true\n", encoding="utf-8")
    os.chown(path, 0, 4242)                              # root:kiosk, as the guide sets it up
    path.chmod(0o640)
    write_pin_hash(path, hash_pin("2468"))
    info = os.stat(path)
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (0, 4242, 0o640)

"""The kiosk config fails closed and holds every value to its real limit (no Qt)."""
from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from desktop_app.core import kiosk, kiosk_cli
from desktop_app.core.kiosk import load_config, parse_config
from desktop_app.core.kiosk_pin import check_hash, hash_pin, verify_pin

GOOD = hash_pin("2468")


@pytest.fixture
def config_file(tmp_path, monkeypatch):
    path = tmp_path / "kiosk.toml"
    monkeypatch.setenv("DESKTOP_APP_KIOSK_CONFIG", str(path))
    monkeypatch.delenv("DESKTOP_APP_KIOSK", raising=False)
    return path


@pytest.mark.parametrize("text", [
    'kiosk = "yes"\n', "kiosk = 1\n", 'kiosk = "true"\n', "kiosk = [true]\n",
    "kiosk = true\nidle_seconds = = 5\n",          # a syntax error elsewhere in the file
    "kiosk = tru\n", "kiosk=true\n[defaults\n", "  'kiosk' = yes\n",
    "kiosk = true\n" + "x" * (2 * 1024 * 1024),    # too large to parse
    # not naming kiosk, but not a valid file either: locked too
    'kiosk = "no"\n', "idle_seconds = = 5\n", "kiosk = false\nx = = 1\n",
    "kiosk = false\nkiosk = true\n", "kiosk = false\n[defaults]\nlang = 'xx'\n",
    "kiosk = false\nidle_seconds = 1e3\n", "kiosk = false\ncolour = 1\n",
    "idle_seconds = " + "9" * 5000 + "\n", "x = " + "[" * 5000 + "]" * 5000 + "\n",
    "x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n",
])
def test_a_file_that_asks_for_a_kiosk_in_any_way_starts_locked(config_file, text):
    config_file.write_text(text, encoding="utf-8")
    config = kiosk.for_options(SimpleNamespace(kiosk=False))
    assert config is not None and config.kiosk, text[:40]
    assert config.problems and all(len(p) < 400 for p in config.problems)
    assert (config.idle_seconds, config.warning_seconds) == (120, 30)


@pytest.mark.parametrize("text", ["kiosk = false\n", "lang = \"en\"\n", "",
                                  "kiosk = false\nidle_seconds = 60\n[defaults]\nlevel = 'easy'\n"])
def test_a_file_that_does_not_ask_for_one_starts_the_ordinary_window(config_file, text):
    config_file.write_text(text, encoding="utf-8")
    assert kiosk.for_options(SimpleNamespace(kiosk=False)) is None


def test_binary_and_unreadable_files(config_file):
    config_file.write_bytes(b"kiosk = true\n\xff\xfe\x00garbage")
    assert kiosk.for_options(SimpleNamespace(kiosk=False)).kiosk
    config_file.write_bytes(b"kiosk = false\n# \xff\n")
    assert kiosk.for_options(SimpleNamespace(kiosk=False)).kiosk
    config_file.unlink()
    config_file.mkdir()                              # cannot be read at all
    config = kiosk.for_options(SimpleNamespace(kiosk=False))
    assert config.kiosk and "cannot be read" in config.problems[0]


@pytest.mark.parametrize("env, flag", [({}, True), ({"DESKTOP_APP_KIOSK": "1"}, False)])
@pytest.mark.parametrize("raw", [
    b"idle_seconds = " + b"9" * 5000 + b"\n",           # ValueError in the parser
    b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n",          # RecursionError
    b"[a]\n" + b"x = " + b"{b = " * 5000 + b"1" + b"}" * 5000 + b"\n",
    b"\xef\xbb\xbfkiosk = false\n",
])
def test_a_file_the_parser_cannot_take_starts_locked_with_kiosk_or_the_environment(
        config_file, monkeypatch, env, flag, raw):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config_file.write_bytes(raw)
    config = kiosk.for_options(SimpleNamespace(kiosk=flag))
    assert config.kiosk and config.problems and config.idle_seconds == 120
    assert all(len(p) < 400 for p in config.problems)


def test_a_byte_order_mark_keeps_the_settings_but_starts_locked(config_file):
    config_file.write_bytes(b"\xef\xbb\xbfkiosk = false\nidle_seconds = 60\n")
    config = kiosk.for_options(SimpleNamespace(kiosk=False))
    assert config.kiosk and config.idle_seconds == 60
    assert "byte-order mark" in config.problems[0]


def test_info_reports_a_file_the_parser_cannot_take(config_file, capsys):
    config_file.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert kiosk_cli.kiosk_command(["info"]) == 0
    out = capsys.readouterr().out
    assert "kiosk: True" in out and "problem: " in out and "RecursionError" in out


def test_a_kiosk_machine_starts_locked_whatever_the_file(config_file, monkeypatch):
    monkeypatch.setenv("DESKTOP_APP_KIOSK", "1")
    config_file.mkdir()                              # cannot be read at all
    config = kiosk.for_options(SimpleNamespace(kiosk=False))
    assert config.kiosk and "cannot be read" in config.problems[0]
    config_file.rmdir()
    config_file.write_text("kiosk = false\n", encoding="utf-8")
    config = kiosk.for_options(SimpleNamespace(kiosk=False))
    assert config.kiosk and any("DESKTOP_APP_KIOSK" in p for p in config.problems)
    monkeypatch.setenv("DESKTOP_APP_KIOSK", "0")
    assert kiosk.for_options(SimpleNamespace(kiosk=False)) is None


def test_a_broken_file_keeps_its_pin_line(config_file):
    config_file.write_text(f'kiosk = true\npin_hash = "{GOOD}"\nwarning_seconds = ?\n',
                           encoding="utf-8")
    config = load_config()
    assert config.kiosk and config.pin_hash == GOOD


@pytest.mark.parametrize("key, value, used", [
    ("idle_seconds", 2_147_484, 3600), ("idle_seconds", 10 ** 30, 3600),
    ("idle_seconds", 0, 120), ("idle_seconds", -5, 120), ("idle_seconds", 1.5, 120),
    ("warning_seconds", 10 ** 9, 120), ("warning_seconds", 121, 120),
    ("warning_seconds", 19, 20), ("warning_seconds", "30", 30),
    ("read_on_pages", 10 ** 6, 20), ("read_on_pages", -1, 0),
])
def test_times_are_held_within_their_limits(key, value, used):
    config = parse_config({key: value})
    assert getattr(config, key) == used
    assert len(config.problems) == 1 and key in config.problems[0]


def test_the_command_line_idle_time_is_limited_too(config_file):
    config = kiosk.for_options(SimpleNamespace(kiosk=True, idle_seconds=10 ** 12))
    assert config.idle_seconds == 3600 and "--idle-seconds" in config.problems[-1]


def _scrypt(n=2 ** 14, r=8, p=1, salt=None, digest=None):
    parts = GOOD.split("$") if GOOD.startswith("scrypt") else hash_pin("1", "scrypt").split("$")
    return "$".join(["scrypt", str(n), str(r), str(p), salt or parts[4], digest or parts[5]])


@pytest.mark.parametrize("stored, reason", [
    (_scrypt(n=2 ** 30), "scrypt n"), (_scrypt(n=2 ** 14 + 1), "power of two"),
    (_scrypt(r=10 ** 6), "scrypt r"), (_scrypt(p=10 ** 6), "scrypt p"),
    (_scrypt(n=2 ** 4), "scrypt n"),
    ("pbkdf2_sha256$999999999$c2FsdHNhbHRzYWx0c2FsdA==$" + "A" * 44, "iterations"),
    ("pbkdf2_sha256$1$c2FsdHNhbHRzYWx0c2FsdA==$" + "A" * 44, "iterations"),
    ("pbkdf2_sha256$600000$c2FsdA==$" + "A" * 44, "salt"),
    ("pbkdf2_sha256$600000$c2FsdHNhbHRzYWx0c2FsdA==$" + "A" * 4000, "longer"),
    ("md5$abc", "form"), (_scrypt(salt="%%%"), "base64"), (_scrypt(n="1e9"), "whole number"),
])
def test_pin_hashes_outside_what_set_pin_writes_are_refused_at_once(stored, reason):
    with pytest.raises(ValueError, match=reason):
        check_hash(stored)
    config = parse_config({"pin_hash": stored, "kiosk": True})
    assert config.pin_hash == "" and reason in config.pin_problem
    assert "set-pin" in config.pin_problem and len(config.pin_problem) < 300
    started = time.monotonic()
    assert not verify_pin("2468", stored)
    assert time.monotonic() - started < 0.5          # refused, never tried


def test_the_hashes_set_pin_writes_pass(config_file):
    for method in ("scrypt", "pbkdf2_sha256"):
        stored = hash_pin("2468", method)
        check_hash(stored)
        assert parse_config({"pin_hash": stored}).pin_problem == ""


def test_huge_values_are_cut_short_in_problems():
    config = parse_config({"theme": "x" * 20_000_000, "y" * 5000: 1, "kiosk": "z" * 10 ** 6})
    assert config.kiosk
    assert all(len(problem) < 200 for problem in config.problems)
    assert len(config.problems) == 3


def test_info_names_every_folder_the_app_writes_to(config_file, capsys, monkeypatch, tmp_path):
    for name in ("CONFIG", "LOG", "CACHE"):
        monkeypatch.setenv(f"DESKTOP_APP_{name}_DIR", str(tmp_path / name.lower()))
    config_file.write_text('kiosk = "yes"\n', encoding="utf-8")
    assert kiosk_cli.kiosk_command(["info"]) == 0
    out = capsys.readouterr().out
    for folder in ("config", "log", "cache"):
        assert str(tmp_path / folder) in out
    assert "speech-kiosk" in out and "problem: kiosk" in out


@pytest.mark.parametrize("asked, machine, file", [
    (False, "", None), (True, "", None), (False, "1", None), (False, "0", None),
    (False, "", "kiosk = false\n"), (False, "", "kiosk = true\n"), (False, "", "x = = 1\n"),
    (False, "", "dir"), (False, "", "link"), (True, "0", "kiosk = false\n"),
])
def test_only_a_start_that_cannot_be_a_kiosk_skips_reading_the_config(config_file, monkeypatch,
                                                                       asked, machine, file):
    """``may_be_kiosk`` (which lets an ordinary start leave ``core.kiosk`` unloaded) is False
    only where ``for_options`` says: no kiosk."""
    from desktop_app.core.kiosk_where import may_be_kiosk
    monkeypatch.setenv("DESKTOP_APP_KIOSK", machine)
    if file == "dir":
        config_file.mkdir()
    elif file == "link":
        config_file.symlink_to(config_file.parent / "missing.toml")   # dangling: unreadable
    elif file is not None:
        config_file.write_text(file, encoding="utf-8")
    decided = kiosk.for_options(SimpleNamespace(kiosk=asked))
    if not may_be_kiosk(asked):
        assert decided is None
    assert may_be_kiosk(asked) == (asked or machine == "1" or file is not None)

"""The kiosk config loader against thousands of bad files (seeded, so every run tries the same
ones): it never raises, and never starts the ordinary window for a file that is not valid in
every line (see the rule in ``core.kiosk``). No Qt."""
from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from desktop_app.core import kiosk, kiosk_cli
from desktop_app.core.kiosk import MAX_FILE_BYTES, load_config, parse_config
from desktop_app.core.kiosk_pin import hash_pin
from desktop_app.core.toml import tomllib

VALID = (f'kiosk = false\nidle_seconds = 120\nwarning_seconds = 30\ntouch_to_hear = true\n'
         f'read_on_pages = 3\nallow_export = false\npin_hash = "{hash_pin("2468")}"\n'
         '[defaults]\nlang = "da"\nlevel = "standard"\ntheme = "light"\ntext_scale = 100\n'
         'volume = 80\n').encode()
ODD_VALUES = [
    b"9" * 4301, b"-" + b"9" * 6000, b"0x" + b"f" * 5000, b"1e999", b"inf", b"nan", b"-0",
    b"1979-05-27T07:32:00Z", b"07:32:00", b"1979-05-27", b"[]", b"{}", b"[1, 'a', true]",
    b'"\\u0000"', b'"\\uD800"', b"'''\nx\n'''", b'""', b'"' + b"x" * 5000 + b'"', b"true",
    b"false", b"1.5", b"+120", b"0o17", b"0b1", b"{ a = { b = 1 } }", b'"../../etc"',
    b"9223372036854775808", b"-9223372036854775809",
]


def _deep(rng: random.Random) -> bytes:
    depth = rng.choice((200, 999, 1001, 3000, 5000))
    if rng.random() < 0.5:
        return b"[" * depth + b"1" + b"]" * depth
    return b"{a = " * depth + b"1" + b"}" * depth


def _mutate(rng: random.Random, kind: str) -> bytes:
    lines = VALID.split(b"\n")
    i = rng.randrange(len(lines) - 1)
    if kind == "bom":
        return b"\xef\xbb\xbf" + VALID
    if kind == "duplicate key":
        top = [n for n, line in enumerate(lines) if b"=" in line and n < 7]
        n = rng.choice(top)
        key = lines[n].split(b"=")[0]
        lines.insert(rng.randrange(n + 1, 8), key + b"= " + rng.choice(ODD_VALUES[-12:]))
        return b"\n".join(lines)
    if kind == "odd value":
        key = lines[i].split(b"=")[0] if b"=" in lines[i] else b"idle_seconds "
        lines[i] = key + b"= " + rng.choice(ODD_VALUES + [_deep(rng)])
        return b"\n".join(lines)
    if kind == "deep nesting":
        lines.insert(i, rng.choice((b"x = ", b"kiosk = ", b"idle_seconds = ")) + _deep(rng))
        return b"\n".join(lines)
    if kind == "unknown key or table":
        lines.insert(i, rng.choice((b"kiosk_mode = true", b"[kiosk]", b"[[defaults]]",
                                    b"[defaults.x]", b"'kiosk' = false", b"a.b.c = 1",
                                    b"Kiosk = false", b"\"kiosk\" = \"false\"")))
        return b"\n".join(lines)
    if kind == "not utf-8":
        at = rng.randrange(len(VALID))
        return VALID[:at] + rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xfe\xff",
                                        b"\x80\x80")) + VALID[at:]
    if kind == "control characters":
        at = rng.randrange(len(VALID))
        return VALID[:at] + bytes([rng.choice((0, 1, 8, 11, 12, 27, 127))]) + VALID[at:]
    raise AssertionError(kind)


def _random(rng: random.Random) -> bytes:
    """Random bytes, a cut or flipped valid file, or random TOML-ish tokens."""
    how = rng.randrange(4)
    if how == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300)))
    if how == 1:
        return VALID[:rng.randrange(1, len(VALID))]
    if how == 2:
        data = bytearray(VALID)
        for _ in range(rng.randrange(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    tokens = [b"kiosk", b"=", b"true", b"false", b"[", b"]", b"{", b"}", b'"', b"'", b"\n",
              b"#", b",", b".", b"idle_seconds", b"1", b"defaults", b" ", b"\\", b"\xef\xbb\xbf"]
    return b"".join(rng.choice(tokens) for _ in range(rng.randrange(1, 60)))


def _valid_and_not_a_kiosk(raw: bytes) -> bool:
    """What alone may start the ordinary window: strict UTF-8 TOML, no problem in any value,
    and ``kiosk`` false or absent (``parse_config`` is tested on its own elsewhere)."""
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except Exception:  # noqa: BLE001 - anything the parser cannot take is not valid
        return False
    if raw.startswith(b"\xef\xbb\xbf") or data.get("kiosk", False) is not False:
        return False
    return parse_config(data).problems == ()


KINDS = ("bom", "duplicate key", "odd value", "deep nesting", "unknown key or table",
         "not utf-8", "control characters")


def test_thousands_of_bad_files_never_raise_and_never_start_unlocked(tmp_path):
    rng = random.Random(20241)
    path = tmp_path / "kiosk.toml"
    counts = {"structured": 0, "random": 0, "unlocked": 0}
    for n in range(3600):
        structured = n % 3 != 0
        raw = _mutate(rng, KINDS[n % len(KINDS)]) if structured else _random(rng)
        path.write_bytes(raw)
        config = load_config(path)                  # never raises
        assert all(len(p) < 400 for p in config.problems), raw[:200]
        if config.kiosk:
            assert config.problems or b"kiosk" in raw, raw[:200]
        else:
            assert _valid_and_not_a_kiosk(raw), raw[:200]
            counts["unlocked"] += 1
        counts["structured" if structured else "random"] += 1
    assert counts["structured"] >= 2400 and counts["random"] >= 1200
    # a mutation may leave a valid file (a flipped byte in a comment, a cut at a line end)
    assert counts["unlocked"] < 200, counts


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_structured_damage_starts_locked_with_a_message(tmp_path, monkeypatch,
                                                                       kind):
    rng = random.Random(kind)
    path = tmp_path / "kiosk.toml"
    monkeypatch.setenv("DESKTOP_APP_KIOSK_CONFIG", str(path))
    monkeypatch.delenv("DESKTOP_APP_KIOSK", raising=False)
    for _ in range(40):
        raw = _mutate(rng, kind)
        if _valid_and_not_a_kiosk(raw):
            continue                                # e.g. a control character in a comment
        path.write_bytes(raw)
        for flag in (False, True):
            config = kiosk.for_options(SimpleNamespace(kiosk=flag))
            assert config is not None and config.kiosk and config.problems, raw[:200]


def test_huge_files_and_info_never_crash(tmp_path, capsys):
    rng = random.Random(7)
    path = tmp_path / "kiosk.toml"
    for raw in (VALID + b"#" * MAX_FILE_BYTES, b"x = " + b"[" * (MAX_FILE_BYTES // 2),
                bytes(rng.randrange(256) for _ in range(MAX_FILE_BYTES + 10))):
        path.write_bytes(raw)
        config = load_config(path)
        assert config.kiosk and config.problems
        assert kiosk_cli.kiosk_command(["info", "--config", str(path)]) == 0
        out = capsys.readouterr().out
        assert "kiosk: True" in out and "problem: " in out

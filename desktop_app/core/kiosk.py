"""Library-kiosk deployment, without Qt: the config file, how the app decides it is a kiosk,
and ``python -m desktop_app kiosk set-pin|info``. The PIN itself is in ``core.kiosk_pin``.

The config file is TOML, ``kiosk.toml`` in the app's config folder (``config_dir()``), or the
path in ``DESKTOP_APP_KIOSK_CONFIG``; it lives outside the install folder. Keys (all optional)::

    kiosk = true              # start in kiosk mode even without --kiosk
    idle_seconds = 120        # no input for this long: the idle warning (1-3600)
    warning_seconds = 30      # time to answer the warning (20-120)
    touch_to_hear = true      # first tap on a button speaks it, the second uses it
    read_on_pages = 3         # "go on to the next page" reads at most this many more (0-20)
    allow_export = false      # the handout may be saved as a talking book or MP3 files
    pin_hash = "scrypt$..."   # written by `python -m desktop_app kiosk set-pin`
    content_dir = "/srv/kiosk/content"  # a fleet's shared pages (used only if they pass lint;
                              # relative to this file's folder)
    lang = "da"               # what every new person starts with (also under [defaults])
    level = "standard"
    theme = "light"
    text_scale = 150          # 100-400; without it a kiosk starts at 150 (the app at 100)
    volume = 80

It fails closed: ``kiosk`` set to anything but ``false`` (``"yes"``, ``1`` ...), a file that
cannot be parsed but has a ``kiosk =`` line, and ``DESKTOP_APP_KIOSK=1`` in the environment (the
Debian package's kiosk autostart sets it) all start the kiosk, locked, with the defaults for
what could not be used; every such decision is in ``problems`` (logged, and shown to staff).
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from desktop_app.core.kiosk_pin import (PIN_MAX, PIN_MIN, check_hash, hash_pin, valid_pin,
                                        write_pin_hash)
from desktop_app.core.toml import tomllib
# The PIN's lockout and checks, for the kiosk's UI and tests, from this module as before.
from desktop_app.core.kiosk_pin import Lockout, lockout_delay, verify_pin  # noqa: F401
from desktop_app.core.settings import Settings, config_dir
from desktop_app.core.themes import THEMES

CONFIG_NAME = "kiosk.toml"
ENV_CONFIG = "DESKTOP_APP_KIOSK_CONFIG"
ENV_KIOSK = "DESKTOP_APP_KIOSK"     # "1": this machine is a kiosk, whatever the file says
DEFAULT_IDLE_S = 120
DEFAULT_WARNING_S = 30
IDLE_RANGE = (1, 3600)       # a QTimer holds at most 2**31-1 ms (~24.8 days); an hour is plenty
WARNING_RANGE = (20, 120)    # WCAG 2.2.1: at least 20 s to extend; past 2 min nobody is there
MIN_WARNING_S = WARNING_RANGE[0]
DEFAULT_READ_ON = 3
KIOSK_TEXT_SCALE = 150       # body text 27 px: read at arm's length on a 1920 x 1080 screen
READ_ON_RANGE = (0, 20)
MAX_FILE_BYTES = 1024 * 1024
SHORT = 80                   # characters of a value quoted in the log or on the staff screen
DEFAULT_KEYS = ("lang", "level", "theme", "text_scale", "volume")
TOP_KEYS = ("kiosk", "idle_seconds", "warning_seconds", "touch_to_hear", "read_on_pages",
            "pin_hash", "content_dir", "allow_export")
_KIOSK_LINE = re.compile(r"^\s*[\"']?kiosk[\"']?\s*=\s*(.*)$", re.MULTILINE)
_PIN_LINE = re.compile(r"^\s*pin_hash\s*=\s*[\"']([^\"'\n]{1,400})[\"']\s*$", re.MULTILINE)
_OFF = ("false", "no", "off", "0")


def short(value, limit: int = SHORT) -> str:
    """``value`` (a text, else its ``str``) for a log line or a dialog: on one line, cut to
    ``limit`` characters. Config values are quoted first: ``short(repr(value))``."""
    text = str(value)
    text = text.replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def config_path() -> Path:
    override = os.environ.get(ENV_CONFIG)
    return Path(override) if override else config_dir() / CONFIG_NAME


def kiosk_machine() -> bool:
    """The deployment says this machine is a kiosk (``DESKTOP_APP_KIOSK=1``)."""
    return os.environ.get(ENV_KIOSK, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class KioskConfig:
    """The deployment's kiosk settings; ``problems`` says what in the file was not used (each
    line short: safe for the log and the staff screen); ``pin_problem`` why a ``pin_hash`` in
    the file cannot be used."""

    kiosk: bool = False
    idle_seconds: int = DEFAULT_IDLE_S
    warning_seconds: int = DEFAULT_WARNING_S
    touch_to_hear: bool = True
    read_on_pages: int = DEFAULT_READ_ON
    allow_export: bool = False
    pin_hash: str = ""
    defaults: dict = field(default_factory=dict)   # lang, level, theme, text_scale, volume
    path: Path | None = None
    problems: tuple[str, ...] = ()
    pin_problem: str = ""
    content_dir: Path | None = None                # shared pages (core/shared_content.py)

    def settings(self) -> Settings:
        """The settings every person starts with: the app's defaults and the kiosk's (text at
        ``KIOSK_TEXT_SCALE`` unless ``text_scale`` says otherwise)."""
        d = self.defaults
        values = {key: d[key] for key in ("lang", "level", "theme", "text_scale") if key in d}
        values.setdefault("text_scale", KIOSK_TEXT_SCALE)
        if "volume" in d:
            values["speech_volume"] = d["volume"]
        return replace(Settings(), **values).validated()

    def with_overrides(self, options) -> "KioskConfig":
        """The command line (``--lang``, ``--idle-seconds`` ...) wins over the file."""
        defaults = dict(self.defaults)
        for key in ("lang", "level", "theme", "text_scale"):
            value = getattr(options, key, None)
            if value is not None:
                defaults[key] = value
        idle, problems = self.idle_seconds, list(self.problems)
        wanted = getattr(options, "idle_seconds", None)
        if wanted:
            idle = _in_range(problems, "--idle-seconds", int(wanted), IDLE_RANGE)
        return replace(self, kiosk=True, defaults=defaults, idle_seconds=idle,
                       problems=tuple(problems))


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check(problems: list, key: str, value, ok: bool, default):
    if ok:
        return value
    problems.append(f"{key} = {short(repr(value))} is not valid; using {default!r}")
    return default


def _in_range(problems: list, key: str, value: int, bounds: tuple[int, int],
              below: int | None = None) -> int:
    """``value`` within ``bounds``, else the nearest bound (or ``below`` for a value under
    the lower one)."""
    low, high = bounds
    if low <= value <= high:
        return value
    used = (low if below is None else below) if value < low else high
    problems.append(f"{key} = {short(repr(value))} is outside {low}–{high}; using {used}")
    return used


def _kiosk_value(problems: list, value) -> bool:
    """``kiosk``: only ``false`` (or "no", "off", 0) means no; anything else is a kiosk."""
    if isinstance(value, bool):
        return value
    if str(value).strip().strip("\"'").lower() in _OFF:
        problems.append(f"kiosk = {short(repr(value))} is not true or false; taken as false")
        return False
    problems.append(f"kiosk = {short(repr(value))} is not true or false; starting locked to be safe")
    return True


def _number(problems: list, data: dict, key: str, default: int, bounds: tuple[int, int],
            below: int | None = None) -> int:
    value = data.get(key, default)
    if not _is_int(value):
        return _check(problems, key, value, False, default)
    return _in_range(problems, key, value, bounds, below)


def parse_config(data: dict, path: Path | None = None) -> KioskConfig:
    problems: list[str] = []
    table = data.get("defaults", {})
    if not isinstance(table, dict):
        problems.append("[defaults] must be a table")
        table = {}
    for key in data:
        if key not in TOP_KEYS + DEFAULT_KEYS + ("defaults",):
            problems.append(f"unknown key {short(repr(key), 40)}")
    for key in table:
        if key not in DEFAULT_KEYS:
            problems.append(f"unknown key defaults.{short(repr(key), 40)}")
    kiosk = _kiosk_value(problems, data["kiosk"]) if "kiosk" in data else False
    touch = _check(problems, "touch_to_hear", data.get("touch_to_hear", True),
                   isinstance(data.get("touch_to_hear", True), bool), True)
    allow_export = _check(problems, "allow_export", data.get("allow_export", False),
                          isinstance(data.get("allow_export", False), bool), False)
    idle = _number(problems, data, "idle_seconds", DEFAULT_IDLE_S, IDLE_RANGE, DEFAULT_IDLE_S)
    warning = _number(problems, data, "warning_seconds", DEFAULT_WARNING_S, WARNING_RANGE)
    read_on = _number(problems, data, "read_on_pages", DEFAULT_READ_ON, READ_ON_RANGE)
    pin_hash, pin_problem = _pin(data.get("pin_hash", ""))
    if pin_problem:
        problems.append(pin_problem)
    content_dir = data.get("content_dir")
    if content_dir is not None:
        if isinstance(content_dir, str) and content_dir.strip():
            content_dir = Path(content_dir).expanduser()
            if not content_dir.is_absolute() and path is not None:
                content_dir = path.parent / content_dir
        else:
            problems.append(f"content_dir = {short(repr(content_dir))} is not a folder name; "
                            "using the pages shipped with the app")
            content_dir = None
    checks: dict[str, Callable[[object], bool]] = {
        "lang": lambda v: v in ("da", "en"),
        "level": lambda v: v in ("standard", "easy"),
        "theme": lambda v: isinstance(v, str) and v in THEMES,
        "text_scale": lambda v: isinstance(v, int) and 100 <= v <= 400,
        "volume": lambda v: isinstance(v, int) and 0 <= v <= 100,
    }
    defaults = {}
    for key in DEFAULT_KEYS:
        value = table.get(key, data.get(key))
        if value is None:
            continue
        if checks[key](value) and not isinstance(value, bool):
            defaults[key] = value
        else:
            problems.append(f"{key} = {short(repr(value))} is not valid; using the app's default")
    return KioskConfig(kiosk=kiosk, idle_seconds=idle, warning_seconds=warning,
                       touch_to_hear=touch, read_on_pages=read_on, pin_hash=pin_hash,
                       defaults=defaults, path=path, problems=tuple(problems),
                       pin_problem=pin_problem, content_dir=content_dir,
                       allow_export=allow_export)


def _pin(value) -> tuple[str, str]:
    """``(pin_hash, problem)``: a hash outside what ``set-pin`` writes is not used."""
    if value == "":
        return "", ""
    if not isinstance(value, str):
        return "", f"pin_hash = {short(repr(value))} is not a text; the staff exit is locked"
    try:
        check_hash(value)
    except ValueError as exc:
        return "", (f"pin_hash cannot be used: {short(str(exc))}; the staff exit is locked "
                    f"until a PIN is set again with `kiosk set-pin`")
    return value, ""


def _unparsable(path: Path, text: str, reason: str) -> KioskConfig:
    """A file that is not valid TOML: the defaults, but locked if it names ``kiosk`` (not
    ``kiosk = false``), and the PIN if its line can still be read."""
    problems = [f"{short(path, 120)} cannot be read: {short(reason, 160)}; using the defaults"]
    match = _KIOSK_LINE.search(text)
    kiosk = False
    if match:
        value = match.group(1).split("#")[0].strip().strip("\"'").lower()
        kiosk = value not in _OFF
        if kiosk:
            problems.append("the file names kiosk: starting locked")
    pin_hash, pin_problem = "", ""
    pin = _PIN_LINE.search(text)
    if pin:
        pin_hash, pin_problem = _pin(pin.group(1))
        problems.append(pin_problem or "pin_hash read from its own line: the staff PIN works")
    return KioskConfig(kiosk=kiosk, path=path, problems=tuple(problems),
                       pin_hash=pin_hash, pin_problem=pin_problem)



def load_config(path: Path | None = None) -> KioskConfig:
    """The config at ``path`` (default ``config_path()``); a missing file gives the defaults,
    an unreadable one the defaults and a problem (locked if it names ``kiosk``)."""
    path = path or config_path()
    try:
        if not path.exists():
            return KioskConfig(path=path)
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return KioskConfig(path=path, problems=(f"{short(path, 120)} cannot be read: "
                                                f"{short(exc.strerror or exc, 120)}",))
    text = raw[:MAX_FILE_BYTES].decode("utf-8", errors="replace")
    if len(raw) > MAX_FILE_BYTES:
        return _unparsable(path, text, f"larger than {MAX_FILE_BYTES // 1024} KB")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return _unparsable(path, text, "not UTF-8 text")
    except tomllib.TOMLDecodeError as exc:
        return _unparsable(path, text, str(exc))
    return parse_config(data, path)


def for_options(options) -> KioskConfig | None:
    """The kiosk config when the app runs as a kiosk: ``--kiosk``, ``kiosk`` in the file (even
    a file that cannot be parsed) or ``DESKTOP_APP_KIOSK=1``."""
    config = load_config()
    machine = kiosk_machine()
    if not (getattr(options, "kiosk", False) or config.kiosk or machine):
        return None
    if machine and not config.kiosk and not getattr(options, "kiosk", False):
        config = replace(config, problems=config.problems + (
            f"{ENV_KIOSK}=1: this machine is a kiosk, starting locked",))
    return config.with_overrides(options)


def written_folders() -> list[tuple[str, str]]:
    """Every folder the app writes to, with what it keeps there (for ``kiosk info``)."""
    import tempfile
    from desktop_app.logs import log_dir
    from desktop_app.speech.cache import default_cache_dir, fallback_dir, kiosk_cache_dir
    temp = Path(tempfile.gettempdir())
    return [
        ("config (kiosk.toml; settings.json and bookmarks.json outside kiosk mode only)",
         str(config_dir())),
        ("log files (app.log, at most ~4 MB)", str(log_dir())),
        ("speech cache outside kiosk mode", str(default_cache_dir())),
        ("speech cache in kiosk mode (emptied at start and at every reset)",
         str(kiosk_cache_dir())),
        ("speech cache when those cannot be written (kiosk: emptied too)",
         f"{fallback_dir('speech')} / {fallback_dir('speech-kiosk')}"),
        ("check-box pictures (nothing personal)", str(temp / "ballerup-marks-*")),
    ]


# -- python -m desktop_app kiosk ... ---------------------------------------------------------
def kiosk_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desktop_app kiosk",
        description="Library kiosk: 'set-pin' stores the staff PIN (as a salted hash) in the "
                    "kiosk config file; 'info' shows where the config and the logs are.")
    parser.add_argument("action", choices=("set-pin", "info"))
    parser.add_argument("--pin-stdin", action="store_true",
                        help="read the PIN from the first line of standard input (scripts)")
    parser.add_argument("--config", metavar="FILE", help=f"the config file (default: "
                        f"${ENV_CONFIG} or {CONFIG_NAME} in the config folder)")
    args = parser.parse_args(argv)
    path = Path(args.config) if args.config else config_path()
    if args.action == "info":
        config = load_config(path)
        print(f"config file: {path}{'' if path.exists() else ' (not there yet)'}")
        print(f"kiosk: {config.kiosk}{' (DESKTOP_APP_KIOSK=1)' if kiosk_machine() else ''}, "
              f"idle {config.idle_seconds} s, warning {config.warning_seconds} s, "
              f"PIN {'set' if config.pin_hash else 'NOT set'}")
        for problem in config.problems:
            print(f"problem: {problem}")
        if config.content_dir is not None:
            from desktop_app import paths
            from desktop_app.core.shared_content import load_checked
            _library, why = load_checked(config.content_dir, paths.content_dir(),
                                         paths.pictogram_names())
            print(f"problem: {why}" if why else f"pages from: {config.content_dir}")
        print("folders the app writes to:")
        for name, folder in written_folders():
            print(f"  {name}: {folder}")
        return 0
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        import getpass
        pin = getpass.getpass("New staff PIN (digits): ")
        if getpass.getpass("The same PIN again: ") != pin:
            print("The two PINs differ; nothing was changed.", file=sys.stderr)
            return 1
    if not valid_pin(pin):
        print(f"A PIN is {PIN_MIN}-{PIN_MAX} digits; nothing was changed.", file=sys.stderr)
        return 1
    try:
        write_pin_hash(path, hash_pin(pin))
    except (OSError, ValueError, tomllib.TOMLDecodeError) as exc:
        print(f"The PIN could not be saved: {exc}", file=sys.stderr)
        return 1
    print(f"The staff PIN is saved (as a salted hash) in {path}")
    return 0

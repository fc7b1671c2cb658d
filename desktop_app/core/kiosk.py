"""Library-kiosk deployment, without Qt: the config file, how the app decides it is a kiosk,
(``python -m desktop_app kiosk set-pin|info`` is ``core.kiosk_cli``, the PIN ``core.kiosk_pin``).

The config file is TOML, ``kiosk.toml`` in the app's config folder (``config_dir()``), or the
path in ``DESKTOP_APP_KIOSK_CONFIG``; it lives outside the install folder. Its keys are in
docs/KIOSK.md and ``resources/kiosk/kiosk.toml.example``.

It fails closed, by one rule: a file that asks for a kiosk in any way (``kiosk`` set to
anything but ``false``), or that cannot be read, parsed or validated in full (a syntax error,
a byte-order mark, a duplicate key, a value of the wrong type or out of range, an unknown key,
a number too long or a nesting too deep for the parser, not UTF-8, larger than 1 MB), starts the
kiosk locked with the defaults for what could not be used; so does ``DESKTOP_APP_KIOSK=1`` in
the environment (the Debian package's kiosk session sets it). Every such decision is in
``problems`` (logged, and shown to staff). Only a missing file, or one that is valid in every
line and says ``kiosk = false`` or nothing about it, starts the ordinary window.

A kiosk starts at 150 % text unless ``text_scale`` says otherwise: body text that reads at
arm's length on a 1920×1080 touch screen (``kiosk_default`` in the settings table).

The kiosk's own keys are declared in the table ``KEYS`` (a new one is one line there and a field
of ``KioskConfig``); what every person starts with (``lang``, ``level``, ``theme``,
``text_scale``, ``volume``) is declared in the settings table (``core.settings``: a setting
with a ``kiosk_key``), with its range or choices.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop_app.core.kiosk_where import DEFAULT_IDLE_S, ENV_KIOSK, config_path, kiosk_machine
from desktop_app.core.settings import KIOSK_SETTINGS, Settings, from_options
from desktop_app.core.toml import tomllib
DEFAULT_WARNING_S = 30
IDLE_RANGE = (1, 3600)       # a QTimer holds at most 2**31-1 ms (~24.8 days); an hour is plenty
WARNING_RANGE = (20, 120)    # WCAG 2.2.1: at least 20 s to extend; past 2 min nobody is there
MIN_WARNING_S = WARNING_RANGE[0]
DEFAULT_READ_ON = 3
READ_ON_RANGE = (0, 20)
MAX_FILE_BYTES = 1024 * 1024
SHORT = 80                   # characters of a value quoted in the log or on the staff screen
BOM = b"\xef\xbb\xbf"
_PIN_LINE = re.compile(r"^\s*pin_hash\s*=\s*[\"']([^\"'\n]{1,400})[\"']\s*$", re.MULTILINE)


def short(value, limit: int = SHORT) -> str:
    """``value`` (a text, else its ``str``) for a log line or a dialog: on one line, cut to
    ``limit`` characters. Config values are quoted first: ``short(repr(value))``."""
    text = str(value)
    text = text.replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass(frozen=True)
class Number:
    """A whole number held to ``bounds``: outside them the nearest bound (``below`` for a
    value under the lower one), not a whole number the default."""

    default: int
    bounds: tuple[int, int]
    below: int | None = None

    def read(self, problems: list, key: str, value):
        if not _is_int(value):
            return _check(problems, key, value, False, self.default)
        return _in_range(problems, key, value, self.bounds, self.below)


@dataclass(frozen=True)
class Flag:
    """``true`` or ``false``; anything else the default."""

    default: bool

    def read(self, problems: list, key: str, value):
        return _check(problems, key, value, isinstance(value, bool), self.default)


# The top-level keys with a plain value (``kiosk``, ``pin_hash`` and ``content_dir`` are read
# by their own functions below). What every new person starts with is in the settings table
# (``core.settings``): the settings with a ``kiosk_key``, top-level keys or in ``[defaults]``.
KEYS = {
    "idle_seconds": Number(DEFAULT_IDLE_S, IDLE_RANGE, below=DEFAULT_IDLE_S),
    "warning_seconds": Number(DEFAULT_WARNING_S, WARNING_RANGE),
    "read_on_pages": Number(DEFAULT_READ_ON, READ_ON_RANGE),
    "touch_to_hear": Flag(True),
    "allow_export": Flag(False),
}
DEFAULT_KEYS = tuple(KIOSK_SETTINGS)
TOP_KEYS = ("kiosk", "pin_hash", "content_dir", *KEYS)


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
    defaults: dict = field(default_factory=dict)   # by setting name (``KIOSK_SETTINGS``)
    path: Path | None = None
    problems: tuple[str, ...] = ()
    pin_problem: str = ""
    content_dir: Path | None = None                # shared pages (core/shared_content.py)

    def settings(self) -> Settings:
        """The settings every person starts with: the app's defaults, a kiosk's own defaults
        (``kiosk_default`` in the settings table: text at 150 %) and the file's."""
        values = {spec.name: spec.kiosk_default for spec in KIOSK_SETTINGS.values()
                  if spec.kiosk_default is not None}
        return replace(Settings(), **{**values, **self.defaults}).validated()

    def with_overrides(self, options) -> "KioskConfig":
        """The command line (``--lang``, ``--idle-seconds`` ...) wins over the file."""
        defaults = {**self.defaults, **from_options(options)}
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
    problems.append(f"{key} = {_quoted(value)} is not valid; using {default!r}")
    return default


def _quoted(value) -> str:
    """``repr(value)`` cut short; never fails (a value nested too deep for ``repr``)."""
    try:
        return short(repr(value))
    except (RecursionError, ValueError, MemoryError):
        return f"<a {type(value).__name__} nested too deep>"


def _in_range(problems: list, key: str, value: int, bounds: tuple[int, int],
              below: int | None = None) -> int:
    """``value`` within ``bounds``, else the nearest bound (or ``below`` for a value under
    the lower one)."""
    low, high = bounds
    if low <= value <= high:
        return value
    used = (low if below is None else below) if value < low else high
    shown = _quoted(value) if value.bit_length() < 1000 else "a number of more than 300 digits"
    problems.append(f"{key} = {shown} is outside {low}–{high}; using {used}")
    return used


def _kiosk_value(problems: list, value) -> bool:
    """``kiosk``: only ``false`` means no; anything else is a kiosk."""
    if isinstance(value, bool):
        return value
    problems.append(f"kiosk = {_quoted(value)} is not true or false; starting locked to be safe")
    return True


def _content_dir(problems: list, value, path: Path | None) -> Path | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip() and "\0" not in value:
        folder = Path(value).expanduser()
        return path.parent / folder if not folder.is_absolute() and path is not None else folder
    problems.append(f"content_dir = {_quoted(value)} is not a folder name; using the pages "
                    "shipped with the app")
    return None


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
    values = {key: rule.read(problems, key, data.get(key, rule.default))
              for key, rule in KEYS.items()}
    pin_hash, pin_problem = _pin(data.get("pin_hash", ""))
    if pin_problem:
        problems.append(pin_problem)
    content_dir = _content_dir(problems, data.get("content_dir"), path)
    defaults = {}
    for key, spec in KIOSK_SETTINGS.items():
        value = table.get(key, data.get(key))
        if value is None:
            continue
        if spec.allows(value):
            defaults[spec.name] = value
        else:
            problems.append(f"{key} = {_quoted(value)} is not valid; using the app's default")
    return KioskConfig(kiosk=kiosk, pin_hash=pin_hash, defaults=defaults, path=path,
                       problems=tuple(problems), pin_problem=pin_problem,
                       content_dir=content_dir, **values)


def _pin(value) -> tuple[str, str]:
    """``(pin_hash, problem)``: a hash outside what ``set-pin`` writes is not used."""
    if value == "":
        return "", ""
    if not isinstance(value, str):
        return "", f"pin_hash = {_quoted(value)} is not a text; the staff exit is locked"
    from desktop_app.core.kiosk_pin import check_hash   # only a kiosk with a PIN needs it
    try:
        check_hash(value)
    except ValueError as exc:
        return "", (f"pin_hash cannot be used: {short(str(exc))}; the staff exit is locked "
                    f"until a PIN is set again with `kiosk set-pin`")
    return value, ""


def _unparsable(path: Path, text: str, reason: str) -> KioskConfig:
    """A file that cannot be read as a whole: locked, with the defaults, and the PIN if its
    line can still be read (so the staff exit keeps working)."""
    problems = [f"{short(path, 120)} cannot be read: {short(reason, 160)}; using the defaults"]
    pin_hash, pin_problem = "", ""
    pin = _PIN_LINE.search(text)
    if pin:
        pin_hash, pin_problem = _pin(pin.group(1))
        problems.append(pin_problem or "pin_hash read from its own line: the staff PIN works")
    return KioskConfig(kiosk=True, path=path, problems=tuple(problems),
                       pin_hash=pin_hash, pin_problem=pin_problem)


def _read(path: Path) -> KioskConfig:
    try:
        if not path.exists():
            return KioskConfig(path=path)
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return _unparsable(path, "", exc.strerror or str(exc))
    text = raw[:MAX_FILE_BYTES].decode("utf-8", errors="replace")
    if len(raw) > MAX_FILE_BYTES:
        return _unparsable(path, text, f"larger than {MAX_FILE_BYTES // 1024} KB")
    bom = raw.startswith(BOM)
    try:
        data = tomllib.loads(raw[len(BOM) if bom else 0:].decode("utf-8"))
        config = parse_config(data, path)
    except UnicodeDecodeError:
        return _unparsable(path, text, "not UTF-8 text")
    except tomllib.TOMLDecodeError as exc:
        return _unparsable(path, text, str(exc))
    except (ValueError, RecursionError, MemoryError, TypeError) as exc:
        # a number too long for int() (ValueError), nesting too deep for the parser
        return _unparsable(path, text, f"{type(exc).__name__}: {exc}")
    if bom:   # read anyway, but the file is not as the guide says: staff should know
        config = replace(config, problems=("the file starts with a byte-order mark",)
                         + config.problems)
    return config


def load_config(path: Path | None = None) -> KioskConfig:
    """The config at ``path`` (default ``config_path()``). Never raises. A missing file gives
    the defaults; any problem in a file (see the module's rule) a locked kiosk with the
    defaults for what could not be used."""
    path = path or config_path()
    try:
        config = _read(path)
    except Exception as exc:  # noqa: BLE001 - whatever a file does, the kiosk starts locked
        config = _unparsable(path, "", f"{type(exc).__name__}")
    if config.problems and not config.kiosk:
        config = replace(config, kiosk=True, problems=config.problems + (
            "the kiosk settings have problems: starting locked to be safe",))
    return config


def for_options(options) -> KioskConfig | None:
    """The kiosk config when the app runs as a kiosk: ``--kiosk``, ``kiosk`` in the file, a
    file with any problem, or ``DESKTOP_APP_KIOSK=1``."""
    config = load_config()
    machine = kiosk_machine()
    if not (getattr(options, "kiosk", False) or config.kiosk or machine):
        return None
    if machine and not config.kiosk and not getattr(options, "kiosk", False):
        config = replace(config, problems=config.problems + (
            f"{ENV_KIOSK}=1: this machine is a kiosk, starting locked",))
    return config.with_overrides(options)


"""Library-kiosk deployment, without Qt: the config file, the staff PIN and its lockout.

The config file is TOML, ``kiosk.toml`` in the app's config folder (``config_dir()``), or the
path in ``DESKTOP_APP_KIOSK_CONFIG``; it lives outside the install folder. Keys (all optional)::

    kiosk = true              # start in kiosk mode even without --kiosk
    idle_seconds = 120        # no input for this long: the idle warning
    warning_seconds = 30      # time to answer the warning (never below 20)
    touch_to_hear = true      # first tap on a button speaks it, the second uses it
    allow_export = false      # the handout may be saved as a talking book or MP3 files
    pin_hash = "scrypt$..."   # written by `python -m desktop_app kiosk set-pin`
    lang = "da"               # what every new person starts with (also under [defaults])
    level = "standard"
    theme = "light"
    text_scale = 100
    volume = 80

The PIN is kept only as a salted scrypt hash (PBKDF2-HMAC-SHA256 with 600,000 iterations where
this Python's OpenSSL has no scrypt). Wrong PINs lock the staff exit for 2**n seconds after the
n-th wrong PIN from the third on (8 s, 16 s, 32 s, ... up to 15 minutes).
"""
from __future__ import annotations

import argparse
import base64
import math
import os
import re
import sys
import time
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from desktop_app.core.settings import Settings, config_dir
from desktop_app.core.themes import THEMES

CONFIG_NAME = "kiosk.toml"
ENV_CONFIG = "DESKTOP_APP_KIOSK_CONFIG"
DEFAULT_IDLE_S = 120
DEFAULT_WARNING_S = 30
MIN_WARNING_S = 20           # WCAG 2.2.1: at least 20 s to extend with one simple action
PIN_MIN, PIN_MAX = 4, 12
LOCKOUT_AFTER = 3            # wrong PINs before the exit locks
LOCKOUT_MAX_S = 900
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
PBKDF2_ITERATIONS = 600_000
DEFAULT_KEYS = ("lang", "level", "theme", "text_scale", "volume")
TOP_KEYS = ("kiosk", "idle_seconds", "warning_seconds", "touch_to_hear", "pin_hash",
            "allow_export")


def config_path() -> Path:
    override = os.environ.get(ENV_CONFIG)
    return Path(override) if override else config_dir() / CONFIG_NAME


@dataclass(frozen=True)
class KioskConfig:
    """The deployment's kiosk settings; ``problems`` says what in the file was not used."""

    kiosk: bool = False
    idle_seconds: int = DEFAULT_IDLE_S
    warning_seconds: int = DEFAULT_WARNING_S
    touch_to_hear: bool = True
    allow_export: bool = False
    pin_hash: str = ""
    defaults: dict = field(default_factory=dict)   # lang, level, theme, text_scale, volume
    path: Path | None = None
    problems: tuple[str, ...] = ()

    def settings(self) -> Settings:
        """The settings every person starts with: the app's defaults and the kiosk's."""
        d = self.defaults
        values = {key: d[key] for key in ("lang", "level", "theme", "text_scale") if key in d}
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
        idle = getattr(options, "idle_seconds", None)
        return replace(self, kiosk=True, defaults=defaults,
                       idle_seconds=int(idle) if idle else self.idle_seconds)


def _check(problems: list, key: str, value, ok: bool, default):
    if ok:
        return value
    problems.append(f"{key} = {value!r} is not valid; using {default!r}")
    return default


def parse_config(data: dict, path: Path | None = None) -> KioskConfig:
    problems: list[str] = []
    base = KioskConfig()
    table = data.get("defaults", {})
    if not isinstance(table, dict):
        problems.append("[defaults] must be a table")
        table = {}
    for key in data:
        if key not in TOP_KEYS + DEFAULT_KEYS + ("defaults",):
            problems.append(f"unknown key {key!r}")
    for key in table:
        if key not in DEFAULT_KEYS:
            problems.append(f"unknown key defaults.{key}")
    kiosk = _check(problems, "kiosk", data.get("kiosk", False),
                   isinstance(data.get("kiosk", False), bool), False)
    touch = _check(problems, "touch_to_hear", data.get("touch_to_hear", True),
                   isinstance(data.get("touch_to_hear", True), bool), True)
    allow_export = _check(problems, "allow_export", data.get("allow_export", False),
                          isinstance(data.get("allow_export", False), bool), False)
    idle = data.get("idle_seconds", DEFAULT_IDLE_S)
    idle = _check(problems, "idle_seconds", idle,
                  isinstance(idle, int) and not isinstance(idle, bool) and idle >= 1,
                  DEFAULT_IDLE_S)
    warning = data.get("warning_seconds", DEFAULT_WARNING_S)
    warning = _check(problems, "warning_seconds", warning,
                     isinstance(warning, int) and not isinstance(warning, bool),
                     DEFAULT_WARNING_S)
    if warning < MIN_WARNING_S:
        problems.append(f"warning_seconds = {warning} is below {MIN_WARNING_S}; using "
                        f"{MIN_WARNING_S}")
        warning = MIN_WARNING_S
    pin_hash = data.get("pin_hash", "")
    pin_hash = _check(problems, "pin_hash", pin_hash,
                      isinstance(pin_hash, str) and (not pin_hash or _parse_hash(pin_hash)), "")
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
            problems.append(f"{key} = {value!r} is not valid; using the app's default")
    return replace(base, kiosk=kiosk, idle_seconds=idle, warning_seconds=warning,
                   touch_to_hear=touch, allow_export=allow_export, pin_hash=pin_hash, defaults=defaults, path=path,
                   problems=tuple(problems))


def load_config(path: Path | None = None) -> KioskConfig:
    """The config at ``path`` (default ``config_path()``); a missing file gives the defaults,
    an unreadable one the defaults and a problem."""
    path = path or config_path()
    if not path.exists():
        return KioskConfig(path=path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return KioskConfig(path=path, problems=(f"{path}: {exc}",))
    return parse_config(data, path)


def for_options(options) -> KioskConfig | None:
    """The kiosk config when the app runs as a kiosk (``--kiosk`` or ``kiosk = true``)."""
    config = load_config()
    if not (getattr(options, "kiosk", False) or config.kiosk):
        return None
    return config.with_overrides(options)


# -- the PIN ---------------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, method: str = "") -> str:
    """A salted hash of ``pin`` in the form ``scrypt$n$r$p$salt$hash`` or
    ``pbkdf2_sha256$iterations$salt$hash`` (base64)."""
    import hashlib  # the PIN functions' modules load when a PIN is set or checked
    import secrets
    salt = secrets.token_bytes(16)
    method = method or ("scrypt" if hasattr(hashlib, "scrypt") else "pbkdf2_sha256")
    if method == "scrypt":
        digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                                dklen=32)
        return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PBKDF2_ITERATIONS)
    return f"pbkdf2_sha256${PBKDF2_ITERATIONS}${_b64(salt)}${_b64(digest)}"


def _parse_hash(stored: str):
    parts = stored.split("$")
    try:
        if parts[0] == "scrypt" and len(parts) == 6:
            n, r, p = (int(x) for x in parts[1:4])
            return ("scrypt", (n, r, p), base64.b64decode(parts[4], validate=True),
                    base64.b64decode(parts[5], validate=True))
        if parts[0] == "pbkdf2_sha256" and len(parts) == 4 and int(parts[1]) >= 200_000:
            return ("pbkdf2_sha256", (int(parts[1]),), base64.b64decode(parts[2], validate=True),
                    base64.b64decode(parts[3], validate=True))
    except ValueError:
        return None
    return None


def verify_pin(pin: str, stored: str) -> bool:
    parsed = _parse_hash(stored) if stored else None
    if parsed is None:
        return False
    method, params, salt, expected = parsed
    import hashlib
    import hmac
    if method == "scrypt":
        n, r, p = params
        digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=len(expected),
                                maxmem=256 * 1024 * 1024)
    else:
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, params[0], len(expected))
    return hmac.compare_digest(digest, expected)


def valid_pin(pin: str) -> bool:
    return pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX


def write_pin_hash(path: Path, pin_hash: str) -> None:
    """Set ``pin_hash`` in the config file, keeping every other line; readable by its owner
    only."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    first_table = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")),
                       len(lines))
    entry = f'pin_hash = "{pin_hash}"'
    for i in range(first_table):
        if re.match(r"\s*pin_hash\s*=", lines[i]):
            lines[i] = entry
            break
    else:
        lines.insert(first_table, entry)
    text = "\n".join(lines) + "\n"
    if tomllib.loads(text).get("pin_hash") != pin_hash:
        raise ValueError(f"{path}: the PIN could not be written")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


# -- wrong PINs ------------------------------------------------------------------------------
def lockout_delay(failures: int) -> int:
    """Seconds the exit stays locked after ``failures`` wrong PINs in a row."""
    return 0 if failures < LOCKOUT_AFTER else min(2 ** failures, LOCKOUT_MAX_S)


class Lockout:
    """Counts wrong PINs and locks for ``lockout_delay``; ``clock`` can be replaced in tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.failures = 0
        self._until = 0.0

    def remaining(self) -> int:
        """Whole seconds until a PIN may be tried again (0: now)."""
        return max(0, math.ceil(self._until - self.clock()))

    def check(self, pin: str, stored: str) -> str:
        """``ok``, ``wrong``, ``locked`` (not tried) or ``no_pin`` (no PIN is set)."""
        if not stored:
            return "no_pin"
        if self.remaining() > 0:
            return "locked"
        if verify_pin(pin, stored):
            self.failures = 0
            self._until = 0.0
            return "ok"
        self.failures += 1
        self._until = self.clock() + lockout_delay(self.failures)
        return "wrong"


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
        from desktop_app.logs import log_dir
        config = load_config(path)
        print(f"config file: {path}{'' if path.exists() else ' (not there yet)'}")
        print(f"kiosk: {config.kiosk}, idle {config.idle_seconds} s, warning "
              f"{config.warning_seconds} s, PIN {'set' if config.pin_hash else 'NOT set'}")
        for problem in config.problems:
            print(f"problem: {problem}")
        print(f"log files: {log_dir()}")
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

"""The kiosk's staff PIN, without Qt: the salted hash, its checks, writing it, and the lockout.

The PIN is kept only as a salted scrypt hash (PBKDF2-HMAC-SHA256 with 600,000 iterations where
this Python's OpenSSL has no scrypt). A stored hash is used only when its parameters are within
what ``hash_pin`` writes (``PIN_HASH_LIMITS``): anything else could freeze the app for minutes
or make every PIN fail, so it is refused with a message for staff. Wrong PINs lock the staff
exit for 2**n seconds after the n-th wrong PIN from the third on (8 s, 16 s, 32 s, ... up to
15 minutes); the count and the lock are kept in a small file (``LOCKOUT_FILE``, in the log
folder beside app.log), so a restart does not undo them.
"""
from __future__ import annotations

import base64
import binascii
import json
import logging
import math
import re
import stat
import time
from pathlib import Path
from typing import Callable

from desktop_app.core.files import write_atomic
from desktop_app.core.toml import tomllib

log = logging.getLogger(__name__)

PIN_MIN, PIN_MAX = 4, 12
LOCKOUT_AFTER = 3            # wrong PINs before the exit locks
LOCKOUT_MAX_S = 900
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
PBKDF2_ITERATIONS = 600_000
# What hash_pin writes, with a little room for a stronger default; the slowest check measured
# 0.11 s (scrypt) and 0.32 s (PBKDF2) on the UI thread of a busy 2-core machine
PIN_HASH_LIMITS = {"scrypt_n": (2 ** 14, 2 ** 15), "scrypt_r": (8, 8), "scrypt_p": (1, 1),
                   "pbkdf2_iterations": (PBKDF2_ITERATIONS, 1_000_000),
                   "salt_bytes": (16, 64), "digest_bytes": (32, 32)}
SCRYPT_MAXMEM = 256 * 1024 * 1024
LOCKOUT_FILE = "kiosk-lockout.json"


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


def _within(name: str, value: int) -> None:
    low, high = PIN_HASH_LIMITS[name]
    if not low <= value <= high:
        raise ValueError(f"{name.replace('_', ' ')} {value} is outside {low}–{high}")


def _int(text: str) -> int:
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        raise ValueError(f"{text[:20]!r} is not a whole number in range")
    return int(text)


def _b64decode(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError("its salt or hash is not base64") from None


def check_hash(stored: str) -> tuple[str, tuple, bytes, bytes]:
    """``(method, params, salt, digest)`` of a stored hash, or ``ValueError`` saying (in
    English, for staff and the log) why it cannot be used."""
    if len(stored) > 400:
        raise ValueError("it is far longer than a PIN hash")
    parts = stored.split("$")
    if parts[0] == "scrypt" and len(parts) == 6:
        n, r, p = (_int(x) for x in parts[1:4])
        _within("scrypt_n", n)
        if n & (n - 1):
            raise ValueError(f"scrypt n {n} is not a power of two")
        _within("scrypt_r", r)
        _within("scrypt_p", p)
        params, salt, digest = (n, r, p), parts[4], parts[5]
    elif parts[0] == "pbkdf2_sha256" and len(parts) == 4:
        iterations = _int(parts[1])
        _within("pbkdf2_iterations", iterations)
        params, salt, digest = (iterations,), parts[2], parts[3]
    else:
        raise ValueError("it is not in the form written by `kiosk set-pin`")
    salt_bytes, digest_bytes = _b64decode(salt), _b64decode(digest)
    _within("salt_bytes", len(salt_bytes))
    _within("digest_bytes", len(digest_bytes))
    return parts[0], params, salt_bytes, digest_bytes


def _parse_hash(stored: str):
    try:
        return check_hash(stored)
    except ValueError:
        return None


def verify_pin(pin: str, stored: str) -> bool:
    """Only hashes that pass ``check_hash`` are tried: a check takes well under a second."""
    parsed = _parse_hash(stored) if stored else None
    if parsed is None:
        return False
    method, params, salt, expected = parsed
    import hashlib
    import hmac
    if method == "scrypt":
        n, r, p = params
        digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=len(expected),
                                maxmem=SCRYPT_MAXMEM)
    else:
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, params[0], len(expected))
    return hmac.compare_digest(digest, expected)


def valid_pin(pin: str) -> bool:
    return pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX


def write_pin_hash(path: Path, pin_hash: str) -> None:
    """Set ``pin_hash`` in the config file, keeping every other line, and the file's owner,
    group and mode (an administrator's file the kiosk user's group may read) but not a read
    right for everyone; a new file is readable by its owner only."""
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
    write_atomic(path, text)
    path.chmod(stat.S_IMODE(path.stat().st_mode) & 0o770)


# -- wrong PINs ------------------------------------------------------------------------------
def lockout_delay(failures: int) -> int:
    """Seconds the exit stays locked after ``failures`` wrong PINs in a row."""
    return 0 if failures < LOCKOUT_AFTER else min(2 ** failures, LOCKOUT_MAX_S)


class Lockout:
    """Counts wrong PINs and locks for ``lockout_delay``. With ``store`` (a file path) the count
    and the time the lock ends survive a restart; a store that cannot be read counts as a lock
    (fail closed). ``clock`` (monotonic) and ``wall`` (the time of day, for the store) can be
    replaced in tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, store: Path | None = None,
                 wall: Callable[[], float] = time.time):
        self.clock, self.store, self.wall = clock, store, wall
        self.failures = 0
        self._until = 0.0
        if store is not None:
            self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.store.read_text(encoding="utf-8"))
            failures, until = int(data["failures"]), float(data["locked_until"])
            if failures < 0 or not math.isfinite(until):
                raise ValueError("out of range")
        except FileNotFoundError:
            return
        except (OSError, ValueError, TypeError, KeyError, RecursionError) as exc:
            log.warning("kiosk: the PIN lockout file %s cannot be read (%s); locking the "
                        "staff exit as after %d wrong PINs", self.store, exc, LOCKOUT_AFTER)
            failures, until = LOCKOUT_AFTER, self.wall() + lockout_delay(LOCKOUT_AFTER)
        self.failures = min(failures, 64)
        # never longer than the delay itself, whatever the clock did since
        left = min(until - self.wall(), lockout_delay(self.failures))
        self._until = self.clock() + max(0.0, left)

    def _save(self) -> None:
        if self.store is None:
            return
        data = {"failures": self.failures, "locked_until": self.wall() + self.remaining()}
        try:
            write_atomic(self.store, json.dumps(data) + "\n")
        except OSError as exc:
            log.warning("kiosk: the PIN lockout cannot be kept in %s: %s", self.store, exc)

    def remaining(self) -> int:
        """Whole seconds until a PIN may be tried again (0: now)."""
        return max(0, math.ceil(self._until - self.clock()))

    def ready(self, stored: str) -> str:
        """``""`` when a PIN may be tried now, else ``no_pin`` or ``locked``."""
        if not stored:
            return "no_pin"
        return "locked" if self.remaining() > 0 else ""

    def record(self, right: bool) -> str:
        """Count one tried PIN: ``ok`` or ``wrong`` (and lock after too many)."""
        if right:
            self.failures = 0
            self._until = 0.0
        else:
            self.failures += 1
            self._until = self.clock() + lockout_delay(self.failures)
        self._save()
        return "ok" if right else "wrong"

    def check(self, pin: str, stored: str) -> str:
        """``ok``, ``wrong``, ``locked`` (not tried) or ``no_pin`` (no PIN is set). The hash
        takes up to half a second: the kiosk's dialog calls ``ready``, ``verify_pin`` in a
        thread and ``record`` instead."""
        return self.ready(stored) or self.record(verify_pin(pin, stored))

"""``python -m desktop_app kiosk set-pin|info``: the staff PIN into the kiosk config, and what
the app makes of the config (every problem, never a traceback) and where it writes."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.core.cache_dirs import KIOSK_SPEECH, SPEECH, fallback_dir, speech_cache_dir
from desktop_app.core.kiosk import load_config
from desktop_app.core.kiosk_where import CONFIG_NAME, ENV_CONFIG, config_path, kiosk_machine
from desktop_app.core.kiosk_pin import PIN_MAX, PIN_MIN, hash_pin, valid_pin, write_pin_hash
from desktop_app.core.settings import config_dir
from desktop_app.core.toml import tomllib


def written_folders() -> list[tuple[str, str]]:
    """Every folder the app writes to, with what it keeps there (for ``kiosk info``)."""
    import tempfile
    from desktop_app.logs import log_dir
    temp = Path(tempfile.gettempdir())
    return [
        ("config (kiosk.toml; settings.json and bookmarks.json outside kiosk mode only)",
         str(config_dir())),
        ("log files (app.log, at most ~4 MB) and the PIN lockout (kiosk-lockout.json)",
         str(log_dir())),
        ("speech cache outside kiosk mode", str(speech_cache_dir(SPEECH))),
        ("speech cache in kiosk mode (emptied at start and at every reset)",
         str(speech_cache_dir(KIOSK_SPEECH))),
        ("speech cache when those cannot be written (kiosk: emptied too)",
         f"{fallback_dir(SPEECH)} / {fallback_dir(KIOSK_SPEECH)}"),
        ("check-box pictures (nothing personal)", str(temp / "ballerup-marks-*")),
    ]


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
        config = load_config(path)     # never raises: every problem is in config.problems
        try:
            there = "" if path.exists() else " (not there yet)"
        except OSError as exc:
            there = f" ({exc.strerror or exc})"
        print(f"config file: {path}{there}")
        print(f"kiosk: {config.kiosk}{' (DESKTOP_APP_KIOSK=1)' if kiosk_machine() else ''}, "
              f"idle {config.idle_seconds} s, warning {config.warning_seconds} s, "
              f"PIN {'set' if config.pin_hash else 'NOT set'}")
        for problem in config.problems:
            print(f"problem: {problem}")
        if config.content_dir is not None:
            from desktop_app import paths
            from desktop_app.core.shared_content import load_checked
            try:
                _library, why = load_checked(config.content_dir, paths.content_dir(),
                                             paths.pictogram_names())
            except (OSError, ValueError) as exc:
                why = f"{config.content_dir} cannot be used: {exc}"

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
    except (OSError, ValueError, RecursionError, tomllib.TOMLDecodeError) as exc:
        print(f"The PIN could not be saved: {exc}", file=sys.stderr)
        return 1
    print(f"The staff PIN is saved (as a salted hash) in {path}")
    return 0

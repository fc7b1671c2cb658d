"""Whether the app may be a kiosk, decided without reading the kiosk's config: a kiosk is asked
for (``--kiosk``), the machine is one (``DESKTOP_APP_KIOSK=1``), or a kiosk config file is
there. Only then is ``core/kiosk.py`` loaded to read the file and decide (an ordinary start
does not load it before the first paint)."""
from __future__ import annotations

import os
from pathlib import Path

from desktop_app.core.settings import config_dir

CONFIG_NAME = "kiosk.toml"
ENV_CONFIG = "DESKTOP_APP_KIOSK_CONFIG"
ENV_KIOSK = "DESKTOP_APP_KIOSK"     # "1": this machine is a kiosk, whatever the file says
DEFAULT_IDLE_S = 120


def config_path() -> Path:
    override = os.environ.get(ENV_CONFIG)
    return Path(override) if override else config_dir() / CONFIG_NAME


def kiosk_machine() -> bool:
    """The deployment says this machine is a kiosk (``DESKTOP_APP_KIOSK=1``)."""
    return os.environ.get(ENV_KIOSK, "").strip().lower() in ("1", "true", "yes", "on")


def may_be_kiosk(asked: bool) -> bool:
    """False only when nothing can make this start a kiosk: not ``asked`` (``--kiosk``), not a
    kiosk machine, and no config file (a missing file is an ordinary start; any file, even
    one that cannot be read, is read by ``core.kiosk.for_options``, which decides)."""
    if asked or kiosk_machine():
        return True
    try:
        return os.path.lexists(config_path())
    except (OSError, ValueError):   # a path the system cannot look at: let the file rule decide
        return True

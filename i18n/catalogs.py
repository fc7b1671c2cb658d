"""Extract, update and compile the interface catalogs.

    python i18n/catalogs.py update    # messages.pot from the code, then da/en .po updated
    python i18n/catalogs.py compile   # .po -> .mo (fuzzy entries are skipped by Babel)

The source strings are English, so the English catalog's translations are filled from the
message ids; Danish ones are written by hand in i18n/da/LC_MESSAGES/messages.po.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
POT = HERE / "messages.pot"
sys.path.insert(0, str(ROOT))
from desktop_app.core.model import LANGS  # noqa: E402 - the app's languages, declared once
# gettext's own keywords (_, ngettext, pgettext, npgettext ...) are Babel's defaults; N_ marks a
# label for later translation. Listed in full so the extraction does not depend on defaults.
KEYWORDS = ("-k", "N_", "-k", "NP_:1c,2", "-k", "ngettext:1,2", "-k", "pgettext:1c,2", "-k",
            "npgettext:1c,2,3")


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=ROOT,
                   check=True)


def update() -> None:
    pybabel("extract", "-F", "pyproject.toml", *KEYWORDS,
            "--no-location", "--sort-output", "--project=ballerup-handicap",
            "--copyright-holder=Ballerup Kommune", "-o", str(POT), ".")
    for lang in LANGS:
        po = HERE / lang / "LC_MESSAGES" / "messages.po"
        if po.exists():
            pybabel("update", "-i", str(POT), "-d", str(HERE), "-l", lang, "--no-fuzzy-matching",
                    "--ignore-obsolete")
        else:
            pybabel("init", "-i", str(POT), "-d", str(HERE), "-l", lang)
    fill_english()


def fill_english() -> None:
    po = HERE / "en" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(message.id) + (message.id[1],) * 0
        else:
            message.string = message.id
        message.flags.discard("fuzzy")
    with po.open("wb") as handle:
        write_po(handle, catalog, width=100)


def compile_all() -> None:
    pybabel("compile", "-d", str(HERE), "-D", "messages", "--statistics")


if __name__ == "__main__":
    {"update": update, "compile": compile_all}[sys.argv[1] if len(sys.argv) > 1 else "update"]()

"""No invented addresses in what ships: every e-mail address and web address in the packaging,
the metadata, the resources and the interface catalogs is either from a source the project
cites (content/sources.toml, ../shared/facts/) or the identifier of a standard or licence text,
each listed here with what it is. Contact, homepage and screenshot addresses that no source
gives are values the publisher supplies when building (DEB_MAINTAINER, SCREENSHOT_BASE_URL),
and the build says so when they are missing (tests/test_deb.py, tests/test_linux_desktop.py).
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT.parent / "shared" / "facts"

SCANNED = [ROOT / "packaging", ROOT / "resources", ROOT / "i18n", ROOT / "pyproject.toml",
           ROOT / "setup.py", ROOT / "build.spec", ROOT / ".github"]
BINARY = {".png", ".ico", ".icns", ".mo", ".ttf", ".pyc"}

URL = re.compile(r"\bhttps?://[^\s\"'<>()\[\]{}`]+")
EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b")

# Not contact or web pages of the project: names of standards (XML namespaces, the Debian
# copyright format) and the texts of licences, at their publishers.
REFERENCES = {
    "http://www.w3.org/2000/svg": "the SVG namespace",
    "http://openbox.org/3.4/rc": "Openbox's configuration namespace",
    "http://openbox.org/3.4/menu": "Openbox's menu namespace",
    "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/":
        "the Debian copyright format (DEP-5) that debian/copyright's Format field names",
    "https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12": "the EUPL-1.2 text",
    "https://www.unicode.org/license.txt": "the Unicode licence text (ICU)",
    "https://docs.python.org/3/license.html": "the Python licence text",
    "https://openfontlicense.org/": "the SIL Open Font Licence text",
    "https://openfontlicense.org": "the SIL Open Font Licence text (the font's licence URL)",
    "http://scripts.sil.org/OFL": "the SIL Open Font Licence's own address, in its text",
    "getty@tty7.service": "a systemd unit's name (the login prompt on tty7), not an e-mail "
                          "address",
    "LL@li.org": "gettext's placeholder in the template's header (messages.pot), which the "
                 "catalogs do not carry",
}
# Placeholders in scripts and documentation of build-time values, not addresses.
PLACEHOLDERS = re.compile(r"^https://(\*|\.\.\.)$")


def _normalise(address: str) -> str:
    address = re.sub(r"^https?://(www\.)?", "", address.rstrip(".,;:")).rstrip("/")
    return address.lower()


def _source_text() -> str:
    texts = [(ROOT / "content" / "sources.toml").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted(FACTS.rglob("*")) if p.is_file()]
    return "\n".join(texts).lower()


def _files(scanned: list[Path]):
    for item in scanned:
        paths = [item] if item.is_file() else sorted(p for p in item.rglob("*") if p.is_file())
        for path in paths:
            if path.suffix not in BINARY and "__pycache__" not in path.parts:
                yield path


def addresses(scanned: list[Path] = SCANNED) -> list[tuple[str, str]]:
    """(file, address) for every e-mail address and URL in the scanned files."""
    found = []
    for path in _files(scanned):
        text = path.read_text(encoding="utf-8", errors="replace")
        for address in URL.findall(text) + EMAIL.findall(text):
            found.append((path.name, address.rstrip(".,;:")))
    return found


def unsourced(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    sources = _source_text()
    return sorted({(f, a) for f, a in found if a not in REFERENCES
                   and not PLACEHOLDERS.match(a) and _normalise(a) not in sources})


def test_every_address_is_sourced_or_a_reference():
    assert FACTS.is_dir(), f"{FACTS}: the project's facts folder is missing"
    found = addresses()
    assert ("control.in", "https://ballerup.dk/") in found       # the scan sees the homepage
    assert ("ballerup-handicap.iss", "https://ballerup.dk/") in found
    missing = unsourced(found)
    assert not missing, "addresses that no source gives:\n" + "\n".join(
        f"  {f}: {a}" for f, a in missing)


def test_references_are_only_where_they_belong():
    """The gettext placeholder is not in a catalog that ships (compiled into the app)."""
    for path in (ROOT / "i18n").glob("*/LC_MESSAGES/messages.po"):
        assert "LL@li.org" not in path.read_text(encoding="utf-8"), path


def test_the_scan_reports_an_invented_address(tmp_path):
    """The check itself: an address no source gives is reported; a sourced one is not."""
    control = tmp_path / "control"
    control.write_text("Maintainer: Someone <someone@kommune.example.dk>\n"
                       "Homepage: https://invented.example.dk/app\n"
                       "Vcs-Browser: https://www.dukh.dk/\n")
    assert unsourced(addresses([tmp_path])) == [
        ("control", "https://invented.example.dk/app"), ("control", "someone@kommune.example.dk")]

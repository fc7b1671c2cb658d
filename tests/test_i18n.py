"""The interface catalogs: complete, not fuzzy, compiled, and covering the code."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"


def catalog(lang: str):
    with (I18N / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_untranslated_or_fuzzy_entries(lang):
    bad = []
    for message in catalog(lang):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            bad.append(message.id)
    assert bad == []


def test_catalogs_cover_every_string_in_the_code(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    "pyproject.toml", *catalogs_module().KEYWORDS, "-o", str(pot), "."],
                   cwd=ROOT, check=True)
    with pot.open("rb") as handle:
        wanted = {_entry(m) for m in read_po(handle) if m.id}
    for lang in ("da", "en"):
        have = {_entry(m) for m in catalog(lang) if m.id}
        assert wanted - have == set(), lang


def catalogs_module():
    spec = importlib.util.spec_from_file_location("catalogs", I18N / "catalogs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _entry(message):
    """A message's context and id (the singular for plural messages)."""
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_compiled_catalog_matches_po(lang):
    with (I18N / lang / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
        compiled = {(m.context, _key(m.id)): _key(m.string) for m in read_mo(handle) if m.id}
    for message in catalog(lang):
        if message.id:
            assert compiled.get((message.context, _key(message.id))) == \
                _key(message.string), message.id


def _key(value):
    return tuple(value) if isinstance(value, (list, tuple)) else value


def test_danish_texts_are_danish():
    from desktop_app import i18n
    i18n.set_language("da")
    try:
        assert i18n._("Press here to have the text read aloud") == \
            "Tryk her for at få teksten læst op"
        assert i18n.ngettext("%d page", "%d pages", 3) % 3 == "3 sider"
    finally:
        i18n.set_language("da")

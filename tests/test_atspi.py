"""What a screen reader sees and can do, checked through AT-SPI against the real app.

The app runs on a virtual screen (Xvfb) in its own D-Bus session with the AT-SPI bus, with
``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``; tests/atspi/walk.py (Debian's Python with pyatspi)
walks the tree and presses buttons through their AT-SPI actions only, as Orca would:
home -> a topic tile -> a page -> read aloud -> switch language to English -> home.
See tests/atspi/session.py. Takes about 10 s.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.core.loader import load
from desktop_app.core.render import page_html
from desktop_app.core.settings import Settings
from desktop_app.i18n import translate_for

HERE = Path(__file__).resolve().parent
SESSION = HERE / "atspi" / "session.py"
WALKER_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
PREFERRED_PAGE = "area-leisure"     # has a "Mål" heading and a list


def _missing() -> str:
    if not sys.platform.startswith("linux"):
        return "AT-SPI exists only on Linux"
    if not Path(WALKER_PYTHON).exists() or subprocess.run(
            [WALKER_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode != 0:
        return f"{WALKER_PYTHON} with pyatspi is missing (Debian: python3-pyatspi)"
    for tool, package in (("Xvfb", "xvfb"), ("dbus-run-session", "dbus"),
                          ("dbus-send", "dbus")):
        if shutil.which(tool) is None:
            return f"{tool} is missing (Debian: {package})"
    if not os.access(BUS_LAUNCHER, os.X_OK):
        return f"{BUS_LAUNCHER} is missing (Debian: at-spi2-core)"
    return ""


atspi = pytest.mark.skipif(bool(_missing()), reason=_missing() or "ok")


def _headings(markup: str) -> list[tuple[str, int]]:
    found = []
    for level, inner in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", markup, flags=re.S):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inner)).split())
        if text:
            found.append((text, int(level)))
    return found


def _texts(lang: str) -> dict:
    return {key: translate_for(lang, message) for key, message in (
        ("home", "Home"), ("read", "Read the page aloud"), ("stop", "Stop reading"),
        ("language", "Change language to English" if lang == "da"
         else "Change language to Danish"), ("page_text", "Page text"))}


@pytest.fixture(scope="module")
def expected() -> dict:
    library = load(paths.content_dir(), paths.pictogram_names())
    level = Settings().level
    page = library.page(PREFERRED_PAGE, "da", level)
    if page is None:
        page = next(p for p in library.variants() if p.lang == "da" and p.level == level
                    and "\n## " in p.body)
    english = library.page(page.id, "en", level)
    topic = library.topics[page.topic]
    return {
        "page_id": page.id,
        "topic_title": topic.title["da"], "topic_title_en": topic.title["en"],
        "page_title": page.title, "page_title_en": english.title if english else None,
        "headings": _headings(page_html(library, page, sources_label="Kilde")),
        "headings_en": (_headings(page_html(library, english, sources_label="Source"))
                        if english else []),
        "texts": {"da": _texts("da"), "en": _texts("en")},
    }


@pytest.fixture(scope="module")
def seen(expected, tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("atspi")
    spec = {key: expected[key] for key in ("topic_title", "topic_title_en", "page_title",
                                           "page_title_en", "texts")}
    run = subprocess.run(
        ["dbus-run-session", "--", WALKER_PYTHON, str(SESSION), "--app-python", sys.executable,
         "--work", str(work), "--spec", json.dumps(spec), "--lang", "da"],
        capture_output=True, text=True, timeout=180)
    # (the AT-SPI registry daemon may print a line of its own first)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    assert lines, f"session printed nothing (exit {run.returncode}): {run.stderr[-3000:]}"
    result = json.loads(lines[-1])
    assert not result.get("error"), (result.get("error"), result.get("app_log"))
    return result


def _snapshot(seen: dict, view: str) -> dict:
    snapshot = seen["scenario"].get(view)
    assert snapshot, f"the scenario stopped before {view}: {seen['scenario'].get('error')}"
    return snapshot


def _brief(nodes: list[dict]) -> list[str]:
    return [f"{n['role']} (description {n.get('description')!r})" for n in nodes]


@atspi
def test_the_app_can_be_driven_through_atspi(seen):
    scenario = seen["scenario"]
    assert not scenario.get("error"), (scenario.get("error"), seen.get("app_log"))
    assert scenario["steps"] == ["home shown", "topic shown", "page shown", "read aloud",
                                 "english page", "english home"]
    assert scenario["tile_pressed"] and scenario["page_pressed"]
    assert seen["app_alive_after_scenario"], seen.get("app_log")


@atspi
@pytest.mark.parametrize("view", ["da_home", "da_topic", "da_page", "en_page", "en_home"])
def test_every_showing_control_has_a_name(seen, view):
    snapshot = _snapshot(seen, view)
    assert snapshot["nodes"] > 20
    assert snapshot["unnamed"] == [], f"{view}: controls without a name: " \
                                      f"{_brief(snapshot['unnamed'])}"


@atspi
def test_names_are_in_the_ui_language(seen, expected):
    scenario = {view: _snapshot(seen, view) for view in ("da_home", "da_topic", "en_page",
                                                          "en_home")}
    da, en = expected["texts"]["da"], expected["texts"]["en"]
    assert da["home"] == "Forside" and da["read"] == "Læs siden op"
    assert "Forside" in scenario["da_home"]["buttons"]
    assert da["language"] in scenario["da_home"]["buttons"]
    assert expected["topic_title"] in scenario["da_home"]["buttons"]
    assert expected["page_title"] in scenario["da_topic"]["buttons"]
    for view in ("en_page", "en_home"):
        buttons = scenario[view]["buttons"]
        assert "Home" in buttons and "Forside" not in buttons, (view, buttons)
        assert en["language"] in buttons, (view, buttons)
    assert expected["topic_title_en"] in scenario["en_home"]["buttons"]


@atspi
def test_the_page_is_a_document_of_headings_and_paragraphs(seen, expected):
    document = seen["scenario"].get("document")
    assert document, f"no page document: {seen['scenario'].get('error')}"
    assert document["role"] == "document frame"
    assert document["name"] == expected["page_title"]
    assert document["description"] == expected["texts"]["da"]["page_text"]
    assert "showing" in document["states"] and "focusable" in document["states"]
    children = document["children"]
    headings = [(c["name"], int(c.get("attributes", {}).get("level", 0)))
                for c in children if c["role"] == "heading"]
    assert headings == expected["headings"]
    if expected["page_id"] == PREFERRED_PAGE:
        assert ("Mål", 2) in headings
    paragraphs = [c for c in children if c["role"] == "paragraph"]
    assert len(paragraphs) >= 2
    assert {c["role"] for c in children} <= {"heading", "paragraph", "list item"}
    for child in children:
        assert child["name"].strip(), child
        # the text interface, as Orca reads it
        assert child["text_count"] == len(child["text"]) > 0
        assert " ".join(child["text"].split()) == child["name"]
        assert child["first_word"].strip() and child["name"].startswith(child["first_word"].strip())
        assert child["first_line"].strip() == child["text"].strip()
        assert child.get("locale", "da_DK").startswith("da")
    # where the blocks are: the first is on screen, in reading order top to bottom
    first = children[0]
    assert "showing" in first["states"] and first["extents"][2] > 0 and first["extents"][3] > 0
    tops = [c["extents"][1] for c in children]
    assert tops == sorted(tops)
    for child in children:
        if "showing" not in child["states"]:   # scrolled out of view
            assert child["extents"][1] > first["extents"][1]
    # the document's own text interface covers the whole page (caret navigation)
    assert document["text_count"] >= sum(len(c["text"]) for c in children)
    assert document["text_start"].startswith(expected["page_title"])


@atspi
def test_the_english_page_has_english_headings(seen, expected):
    if not expected["page_title_en"]:
        pytest.skip("the page has no English version")
    document = seen["scenario"].get("document_en")
    assert document, "no document frame after switching to English"
    assert document["name"] == expected["page_title_en"]
    assert document["description"] == expected["texts"]["en"]["page_text"]
    headings = [(c["name"], int(c.get("attributes", {}).get("level", 0)))
                for c in document["children"] if c["role"] == "heading"]
    assert headings == expected["headings_en"]
    assert all(c.get("locale", "en").startswith("en") for c in document["children"])


@atspi
def test_read_aloud_through_its_action(seen, expected):
    read = seen["scenario"].get("read")
    assert read is not None, f"the scenario stopped early: {seen['scenario'].get('error')}"
    if not read.get("present"):
        pytest.skip("the read-aloud bar is not in the window yet (no button named "
                    f"{expected['texts']['da']['read']!r})")
    assert read["pressed"]
    assert read["started"], f"reading did not start; buttons: {read['buttons_after']}"
    assert translate_for("da", "Pause reading") in read["buttons_after"]
    if "stopped" in read:
        assert read["idle_again"], "after Stop the read button did not come back"


@atspi
def test_announcements_reach_the_screen_reader(seen):
    probe = seen["probe"]
    assert not probe.get("error"), probe
    events = probe["announcements"]
    assert events, "no object:announcement event arrived"
    assert events[0]["message"] == "Siden er indlæst"
    assert events[0]["politeness"] == 1          # ATSPI_LIVE_POLITE
    for event in seen["scenario"].get("announcements", []):   # from the app itself
        assert event["message"].strip(), event


# -- the same accessibles in-process (offscreen, every OS) ------------------------------------
LONG_PAGE = ("<h1>Kultur og fritid</h1><p>Et afsnit med tekst. To sætninger.</p>"
             "<p><img src='x.png' width='10' height='10'></p>"
             "<h2>Mål</h2><ul><li>Punkt et</li><li>Punkt to</li></ul>"
             + "".join(f"<p>Fyld {n}</p>" for n in range(60)) + "<h3>Sidst</h3>")


@pytest.fixture
def browser(qtbot):
    from desktop_app.ui import accessible
    from desktop_app.ui.reader import PageBrowser
    accessible.install()
    widget = PageBrowser()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.setAccessibleName("Kultur og fritid")
    widget.setAccessibleDescription("Sidens tekst")
    widget.setHtml(LONG_PAGE)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _iface(widget):
    from PySide6.QtGui import QAccessible
    return QAccessible.queryAccessibleInterface(widget)


def test_page_browser_is_a_document_of_blocks(browser):
    from PySide6.QtGui import QAccessible
    Role, Text = QAccessible.Role, QAccessible.Text
    document = _iface(browser)
    assert document.role() == Role.Document
    assert document.text(Text.Name) == "Kultur og fritid"
    assert document.text(Text.Description) == "Sidens tekst"
    children = [document.child(i) for i in range(document.childCount())]
    assert len(children) == 2 + 1 + 2 + 60 + 1          # the picture-only block is left out
    assert [(c.role(), c.text(Text.Name)) for c in children[:5]] == [
        (Role.Heading, "Kultur og fritid"), (Role.Paragraph, "Et afsnit med tekst. To sætninger."),
        (Role.Heading, "Mål"), (Role.ListItem, "Punkt et"), (Role.ListItem, "Punkt to")]
    levels = [c.attributesInterface().attributeValue(QAccessible.Attribute.Level)
              for c in children if c.role() == Role.Heading]
    assert levels == [1, 2, 3]
    for index, child in enumerate(children):
        assert document.indexOfChild(child) == index
        assert child.parent() is document
        text = child.textInterface()
        assert text.text(0, text.characterCount()) == child.text(Text.Name)
    whole = document.textInterface()
    assert whole.text(0, whole.characterCount()).startswith("Kultur og fritid\nEt afsnit")


def test_blocks_know_where_they_are_and_whether_they_are_scrolled_away(browser, qtbot):
    from PySide6.QtCore import QRect
    document = _iface(browser)
    first, last = document.child(0), document.child(document.childCount() - 1)
    area = QRect(browser.viewport().mapToGlobal(browser.viewport().rect().topLeft()),
                 browser.viewport().size())
    assert area.contains(first.rect().center())
    assert not first.state().offscreen and last.state().offscreen
    assert document.childAt(first.rect().center().x(), first.rect().center().y()) is first
    bar = browser.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert first.state().offscreen and not last.state().offscreen
    assert area.contains(last.rect().center())


def test_children_follow_the_page_and_old_ones_are_deleted(browser):
    from PySide6.QtGui import QAccessible, QTextDocument
    document = _iface(browser)
    old = [QAccessible.uniqueId(document.child(i)) for i in range(document.childCount())]
    browser.setHtml("<h1>Ny side</h1><p>Andet</p>")
    assert document.childCount() == 2
    assert document.child(0).text(QAccessible.Text.Name) == "Ny side"
    assert all(QAccessible.accessibleInterface(i) is None for i in old)
    replacement = QTextDocument(browser)
    replacement.setHtml("<h2>Udskiftet</h2>")
    browser.setDocument(replacement)          # as the reader does for every page
    assert document.childCount() == 1
    assert document.child(0).text(QAccessible.Text.Name) == "Udskiftet"
    for _round in range(50):                  # no growth, no crash
        browser.setHtml("<p>igen</p>")
        QAccessible.uniqueId(document.child(0))
    assert document.childCount() == 1


def test_announce_is_harmless_without_a_screen_reader(browser):
    from desktop_app.ui.announce import announce
    announce(browser, "Siden er indlæst")
    announce(browser, "")
    announce(None, "x")

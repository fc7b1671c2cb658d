"""Large-print handouts: the HTML (no Qt), and the PDF read back with QtPdf and poppler-utils:
text, page size and count, font size, the QR code of a web address, and the pages as images."""
from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop_app import i18n, paths
from desktop_app.core import handout as core
from desktop_app.core.document import Options, page_document
from desktop_app.core.model import Page
from desktop_app.core.handout import (HandoutItem, build_handout, page_sections, qr_matrix,
                                      web_addresses)
from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.core.loader import load
from desktop_app.core.themes import THEMES
from desktop_app.ui.view_context import ViewContext

DAY = date(2025, 5, 5)
STOKHOLTBUEN = "https://stokholtbuen.ballerup.dk/"
POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdfimages", "pdftoppm",
                                              "pdftohtml"))


@pytest.fixture(scope="module")
def library():
    return load(paths.content_dir())


# -- the HTML (no Qt) ----------------------------------------------------------------------------
def test_sections_are_the_headings_and_what_follows(library):
    page = library.page("stokholtbuen", "en", "easy")
    headings = [text for _level, text in page_sections(page)]
    assert "Where the place is" in headings and "A check of the place" in headings
    part = page_document(page, Options(sections=("Where the place is",)))
    assert part.headings[1] == (2, "Where the place is")
    assert STOKHOLTBUEN in part.html
    assert "The people who work there" not in part.html and "neuropedagogy" not in part.html
    # Two sections of one page: in the page's order, each once.
    both = page_document(page, Options(sections=("A check of the place", "Where the place is",
                                                 "Where the place is")))
    texts = [text for _level, text in both.headings]
    assert texts.index("Where the place is") < texts.index("A check of the place")
    assert texts.count("Where the place is") == 1
    small = Page(id="x", lang="en", level="standard", title="T", topic="", order=0, icon="",
                 sources=(), body="Intro\n\n## A\n\ntext a\n\n### A1\n\ntext a1\n\n## B\n\ntext b")

    def shown(*wanted):
        return [b.text for b in page_document(small, Options(sections=wanted)).blocks[1:]]
    assert shown("A") == ["A", "text a", "A1", "text a1"]
    assert shown("A1") == ["A1", "text a1"]
    assert shown("nothing") == shown() == ["Intro", "A", "text a", "A1", "text a1", "B", "text b"]


def test_web_addresses_are_found_once_without_punctuation():
    text = "See <https://ballerup.dk>. Or [the site](https://x.dk/a?b=1), https://ballerup.dk."
    assert web_addresses(text) == ["https://ballerup.dk", "https://x.dk/a?b=1"]


def test_handout_html_in_danish_independent_of_the_interface(library):
    i18n.set_language("en")
    result = build_handout(library, [("stokholtbuen", None), ("no-such-page", None)], "da",
                           "standard", today=DAY)
    assert result.title == "Handicappolitik i Ballerup"
    assert result.made == "Lavet den 5. maj 2025"
    assert result.missing == ["no-such-page"]
    assert result.page_ids == ["stokholtbuen"]
    assert result.web_addresses == [STOKHOLTBUEN]
    assert "<h1>Handicappolitik i Ballerup</h1>" in result.html
    assert "<h2>Helhedstilbuddet Stokholtbuen</h2>" in result.html
    assert "Kilder:" in result.html
    assert "Budgetaftale 2024–2027 (Vision 2029), Ballerup Kommune, 4. oktober 2023" \
        in result.html
    # Glossary terms are plain text, explained at the end under "Ord".
    assert "term:" not in result.html and "page:" not in result.html
    assert "<h2>Ord</h2>" in result.html and "autisme" in result.terms
    # The QR code is an inline PNG next to the address in full.
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+"', result.html)
    assert f"<b>{STOKHOLTBUEN}</b>" in result.html
    assert "pictogram:" not in result.html


def test_whole_page_wins_over_its_sections(library):
    items = [HandoutItem("stokholtbuen", ("Where the place is",)), ("stokholtbuen", None)]
    result = build_handout(library, items, "en", "easy", today=DAY)
    assert result.page_ids == ["stokholtbuen"]
    assert "Plans to make the place bigger" in result.html


def test_easy_read_keeps_one_sentence_per_line(library):
    result = build_handout(library, [("stokholtbuen", "A place to live and spend the day")],
                           "en", "easy", today=DAY)
    assert "for a long time.<br>\nA residential service is a place" in result.html


# -- the view and the PDF ---------------------------------------------------------------------------
@pytest.fixture
def view(qtbot, library):
    from desktop_app.ui.handout_view import HandoutView
    widget = HandoutView()
    qtbot.addWidget(widget)
    widget.today = DAY
    widget.set_context(ViewContext(library, "da", theme=THEMES["light"]))
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def choose_pages(view, qtbot):
    view.set_language("en")
    view.set_level("easy")
    assert view.choose("stokholtbuen")
    assert view.choose("disability-council")
    assert view.choose("complaint-figures", ["Figures from 2021"])
    qtbot.waitUntil(lambda: "Figures from 2021" in view.preview_text())


def test_tree_groups_pages_by_topic_with_sections(view, qtbot, library):
    tree = view.tree
    titles = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert titles == [t.title["da"] for t in library.topics_in_order()]
    item = view.tree.page_item("stokholtbuen")
    assert item.text(0) == "Helhedstilbuddet Stokholtbuen"
    assert [item.child(i).text(0).strip() for i in range(item.childCount())] == \
        [text for _l, text in page_sections(library.page("stokholtbuen", "da", "standard"))]
    item.child(1).setCheckState(0, Qt.CheckState.Checked)
    assert item.checkState(0) == Qt.CheckState.PartiallyChecked
    assert view.selected_items() == [HandoutItem("stokholtbuen", (item.child(1).text(0),))]
    qtbot.waitUntil(lambda: item.child(1).text(0) in view.preview_text())
    assert item.child(0).text(0) not in view.preview_text()
    item.setCheckState(0, Qt.CheckState.Checked)
    assert view.selected_items() == [HandoutItem("stokholtbuen")]


def test_language_and_level_are_chosen_apart_from_the_interface(view, qtbot):
    i18n.set_language("en")
    view.preselect("stokholtbuen")
    qtbot.waitUntil(lambda: "Lavet den 5. maj 2025" in view.preview_text())
    assert "Helhedstilbuddet Stokholtbuen" in view.preview_text()
    view.set_level("easy")
    view.set_language("en")
    qtbot.waitUntil(lambda: "Made on 5 May 2025" in view.preview_text())
    assert "Stokholtbuen – a place for people with autism" in view.preview_text()
    assert view.selected_items() == [HandoutItem("stokholtbuen")]   # kept across languages
    view.clear()
    assert view.selected_items() == []
    assert view.lang == "da" and view.level == "standard"
    assert view.preview_text() == ""


def test_saved_pdf_reads_back(view, qtbot, tmp_path):
    choose_pages(view, qtbot)
    target = tmp_path / "handout.pdf"
    with qtbot.waitSignal(view.sig_message) as message:
        assert view.save_pdf(target)
    assert message.args == [f"Saved to {target}"]
    assert target.read_bytes().startswith(b"%PDF")

    # Read back with QtPdf: page count, A4, the text.
    from PySide6.QtPdf import QPdfDocument
    pdf = QPdfDocument()
    assert pdf.load(str(target)) == QPdfDocument.Error.None_
    assert 3 <= pdf.pageCount() <= 20
    for number in range(pdf.pageCount()):
        size = pdf.pagePointSize(number)
        assert abs(size.width() - 595.3) < 1.5 and abs(size.height() - 841.9) < 1.5
    text = "\n".join(pdf.getAllText(n).text() for n in range(pdf.pageCount()))
    flat = " ".join(text.split())
    assert "Disability policy in Ballerup" in flat
    assert "Made on 5 May 2025" in flat
    assert "Stokholtbuen – a place for people with autism" in flat
    assert "The Disability Council" in flat
    assert "The council said that it was worried about how medicine is handled." in flat
    assert "Figures from 2021" in flat
    # Only the chosen section of the page with the complaint figures.
    assert "Was a plan needed?" not in flat
    assert "Budget agreement 2024–2027 (Vision 2029), Ballerup Municipality, 4 October 2023" \
        in flat
    assert STOKHOLTBUEN in flat
    assert f"Page 1 of {pdf.pageCount()}" in flat
    pdf.close()

    # The document that was printed: 16 pt body.
    from desktop_app.ui.handout_view import handout_document
    document = handout_document(view.handout(), view.output.font_family())
    assert document.defaultFont().pointSizeF() >= 16


@pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed")
def test_pdf_print_size_qr_code_and_page_images(view, qtbot, tmp_path):
    from PySide6.QtGui import QImage
    choose_pages(view, qtbot)
    target = tmp_path / "handout.pdf"
    assert view.save_pdf(target)

    # Every piece of text is at least 16 pt, the body text exactly 16 pt.
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", str(target)],
                         check=True, capture_output=True, text=True).stdout
    sizes = {m.group(1): float(m.group(2))
             for m in re.finditer(r'<fontspec id="(\d+)" size="([\d.]+)"', xml)}
    assert sizes and min(sizes.values()) >= 16
    sentence = re.search(r'font="(\d+)"[^>]*>(?:<[^>]+>)*The Social Committee is a group', xml)
    assert sentence and sizes[sentence.group(1)] == 16
    title = re.search(r'font="(\d+)"[^>]*>(?:<[^>]+>)*Disability policy in Ballerup', xml)
    assert title and sizes[title.group(1)] > 20

    # The QR code is in the PDF and has exactly the modules of the address's code.
    listing = subprocess.run(["pdfimages", "-list", str(target)], check=True,
                             capture_output=True, text=True).stdout
    assert len(listing.strip().splitlines()) == 3       # header, rule, one image
    subprocess.run(["pdfimages", "-png", str(target), str(tmp_path / "image")], check=True)
    image = QImage(str(sorted(tmp_path.glob("image-*.png"))[0]))
    assert not image.isNull()
    wanted = qr_matrix(STOKHOLTBUEN)
    modules = len(wanted)
    step = image.width() / (modules + 8)                 # a quiet zone of 4 on each side
    found = [[image.pixelColor(int((4 + c + 0.5) * step), int((4 + r + 0.5) * step)).lightness()
              < 128 for c in range(modules)] for r in range(modules)]
    assert found == wanted
    assert image.pixelColor(2, 2).lightness() > 200      # the quiet zone is white

    # The pages as pictures (pdftoppm -r 50): A4 at 50 dpi, black text on white.
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(target), str(tmp_path / "page")],
                   check=True)
    pictures = sorted(tmp_path.glob("page-*.png"))
    assert len(pictures) >= 3
    first = QImage(str(pictures[0]))
    assert abs(first.width() - 413) <= 2 and abs(first.height() - 585) <= 2
    grey = first.convertToFormat(QImage.Format.Format_Grayscale8)
    values = [grey.pixelColor(x, y).lightness() for y in range(0, grey.height(), 3)
              for x in range(0, grey.width(), 3)]
    assert sum(v > 240 for v in values) / len(values) > 0.8   # mostly white paper
    assert min(values) < 60                                   # with black print
    # The left margin (about 25 mm = 49 px at 50 dpi) is empty.
    assert all(grey.pixelColor(x, y).lightness() > 240 for x in range(0, 40, 2)
               for y in range(0, grey.height(), 4))


def test_unwritable_folder_gives_a_clear_message(view, qtbot, tmp_path):
    view.preselect("stokholtbuen")
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    with qtbot.waitSignal(view.sig_message) as message:
        assert not view.save_pdf(not_a_folder / "handout.pdf")
    text = message.args[0]
    assert text.startswith("The handout could not be saved in ")
    assert str(not_a_folder) in text and "Traceback" not in text
    assert [p.name for p in tmp_path.rglob("*")] == ["file.txt"]   # nothing half-written


def test_saved_names_the_file_written(view, qtbot, tmp_path):
    """A name typed without '.pdf' gets it; ``sig_saved`` gives that file (its folder is the
    one "Open the folder" opens), also when a folder has the name as typed."""
    view.preselect("stokholtbuen")
    (tmp_path / "handout").mkdir()
    with qtbot.waitSignal(view.sig_saved) as saved:
        assert view.save_pdf(tmp_path / "handout")
    assert saved.args == [str(tmp_path / "handout.pdf")]
    assert (tmp_path / "handout.pdf").read_bytes().startswith(b"%PDF")


def test_nothing_chosen_says_so(view, qtbot, tmp_path):
    with qtbot.waitSignal(view.sig_message) as message:
        assert not view.save_pdf(tmp_path / "empty.pdf")
    assert message.args == ["Choose at least one page for the handout first."]
    assert not (tmp_path / "empty.pdf").exists()


def test_file_dialog_is_qt_s_own_and_saves(view, qtbot, tmp_path):
    from PySide6.QtWidgets import QFileDialog
    view.preselect("stokholtbuen")
    view.output.choose_file()
    dialog = view.output.file_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    target = tmp_path / "chosen.pdf"
    with qtbot.waitSignal(view.sig_message) as message:
        dialog.selectFile(str(target))
        dialog.accept()
    assert message.args == [f"Saved to {target}"]
    assert target.exists()


def test_kiosk_hides_save_and_print_but_save_pdf_works(view, qtbot, tmp_path):
    view.set_policy(KioskPolicy(locked=True))
    assert view.save_button.isHidden() and view.print_button.isHidden()
    view.preselect("stokholtbuen")
    assert view.save_pdf(tmp_path / "kiosk.pdf")
    view.output.choose_file()
    assert view.output.file_dialog is None
    view.set_policy(NOT_A_KIOSK)
    assert not view.save_button.isHidden()


def test_print_only_with_a_printer(view, qtbot, monkeypatch, tmp_path):
    from desktop_app.ui import handout_view
    monkeypatch.setattr(handout_view, "printers_available", lambda: False)
    view.set_context(ViewContext(view.library, "da", theme=THEMES["light"]))
    assert not view.print_button.isEnabled()
    assert view.print_button.toolTip() == "No printer is set up on this computer"
    monkeypatch.setattr(handout_view, "printers_available", lambda: True)
    view.set_context(ViewContext(view.library, "da", theme=THEMES["light"]))
    assert view.print_button.isEnabled()
    # Printing goes through the same painting as the PDF (a PDF printer here).
    from PySide6.QtPrintSupport import QPrinter
    view.preselect("stokholtbuen")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(view.sig_message):
        assert view.print_to(printer)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


def test_accessible_names_and_large_buttons(view):
    view.retranslate()
    for button in (view.save_button, view.print_button, view.clear_button):
        assert button.accessibleName()
    assert view.tree.accessibleName() == "Pages for the handout"
    assert view.preview.accessibleName() == "Preview of the handout"
    assert view.lang_box.accessibleName() and view.level_box.accessibleName()
    assert core.BODY_PT >= 16


@pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed")
@pytest.mark.parametrize("lang", ["en", "da"])
def test_pdf_metadata_and_where_the_spoken_version_is(view, qtbot, tmp_path, lang):
    from desktop_app.i18n import translate_for
    view.set_language(lang)
    view.set_level("easy")
    assert view.choose("complaints")
    qtbot.waitUntil(lambda: view.handout() is not None and not view.handout().empty)
    target = tmp_path / "handout.pdf"
    assert view.save_pdf(target)
    info = subprocess.run(["pdfinfo", "-isodates", str(target)], capture_output=True,
                          text=True, check=True)
    assert info.stderr == ""          # the cross-reference table is intact
    fields = dict(re.findall(r"^([A-Za-z ]+):\s+(.*)$", info.stdout, flags=re.M))
    assert fields["Title"] == translate_for(lang, core.TITLE)
    assert fields["Author"] == "Ballerup Kommune"
    assert fields["CreationDate"].startswith(str(date.today().year))
    meta = subprocess.run(["pdfinfo", "-meta", str(target)], capture_output=True, text=True,
                          check=True).stdout
    assert f"<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>" in meta
    assert "<dc:creator><rdf:Seq><rdf:li>Ballerup Kommune</rdf:li></rdf:Seq></dc:creator>" \
        in meta
    assert f"<rdf:li>{DAY.isoformat()}</rdf:li>" in meta
    assert re.search(rb"/Type /Catalog\n/Lang \(" + lang.encode() + rb"\)", target.read_bytes())
    first = subprocess.run(["pdftotext", "-l", "1", str(target), "-"], capture_output=True,
                           text=True, check=True).stdout
    flat = " ".join(first.split())
    assert core.also_spoken(lang) in flat
    for label in core.LABELS.values():
        assert f"“{translate_for(lang, label)}”" in flat
    assert ("talking book" if lang == "en" else "lydbog") in flat
    from PySide6.QtPdf import QPdfDocument
    pdf = QPdfDocument()
    assert pdf.load(str(target)) == QPdfDocument.Error.None_
    assert " ".join(pdf.getAllText(0).text().split()).find(core.also_spoken(lang)[:40]) >= 0
    pdf.close()

"""The export as staff and citizens meet it: from the handout view, with progress, Cancel and a
"done" that is shown, spoken and announced; not in kiosk mode unless the kiosk config allows."""
from __future__ import annotations

import zipfile

import pytest

from desktop_app import paths
from desktop_app.core.kiosk import parse_config
from desktop_app.core.loader import load
from desktop_app.export.runner import ExportRequest
from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.ui.export_dialog import ExportDialog, start_export
from desktop_app.ui.saved_folder import BREAK
from tests.conftest import FIXTURES


@pytest.fixture
def library():
    return load(FIXTURES / "good", paths.pictogram_names())


def test_the_dialog_shows_progress_and_says_done(qtbot, library, tmp_path):
    said = []
    request = ExportRequest("epub", ("housing",), "da", "easy", tmp_path / "home.epub")
    dialog = ExportDialog(library, request, speak=said.append)
    qtbot.addWidget(dialog)
    dialog.show()
    values = []
    dialog.bar.valueChanged.connect(values.append)
    with qtbot.waitSignal(dialog.sig_finished, timeout=60000) as finished:
        dialog.start()
    ok, message = finished.args
    assert ok, message
    assert values and values[-1] == 100 and values == sorted(values)
    # the whole path is shown, with places where it may wrap
    assert dialog.status.text().replace(BREAK, "") == message
    assert str(tmp_path / "home.epub") in message and dialog.status.accessibleName() == message
    assert said == [message]
    assert dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()
    assert zipfile.ZipFile(tmp_path / "home.epub").testzip() is None
    assert not dialog.running


def test_cancel_stops_and_leaves_nothing(qtbot, library, tmp_path):
    said = []
    request = ExportRequest("mp3", ("housing", "values"), "da", "easy", tmp_path / "tracks")
    dialog = ExportDialog(library, request, speak=said.append)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.sig_finished, timeout=60000) as finished:
        dialog.start()
        dialog.reject()                  # Escape while it runs: cancels, the dialog stays
        assert dialog.isVisible()
    assert finished.args[0] is False
    assert "Nothing was saved" in finished.args[1] and said == [finished.args[1]]
    assert list(tmp_path.iterdir()) == []
    dialog.reject()                      # now it closes
    assert not dialog.isVisible()


def test_handout_view_exports_the_chosen_pages_after_the_file_dialog(qtbot, library, tmp_path):
    from desktop_app.ui.handout_view import HandoutView
    from desktop_app.ui.view_context import ViewContext
    said = []
    view = HandoutView(speak=said.append)
    qtbot.addWidget(view)
    view.set_context(ViewContext(library, "da", "easy"))
    messages = []
    view.sig_message.connect(messages.append)
    view.export("epub")                  # nothing chosen: it says so, nothing opens
    assert messages and view.findChild(ExportDialog) is None
    assert view.choose("housing")
    view.export("epub")
    chooser = view.output.export_dialog
    assert chooser is not None and chooser.windowTitle() == "Save as a talking book"
    chooser.fileSelected.emit(str(tmp_path / "chosen"))
    dialog = view.findChild(ExportDialog)
    with qtbot.waitSignal(dialog.sig_finished, timeout=60000) as finished:
        pass
    assert finished.args[0], finished.args[1]
    assert (tmp_path / "chosen.epub").exists() and said == [finished.args[1]]


def test_not_in_kiosk_mode_unless_the_kiosk_config_allows(qtbot):
    assert NOT_A_KIOSK.may_export
    kiosk = KioskPolicy.for_config(parse_config({}))
    exporting = KioskPolicy.for_config(parse_config({"allow_export": True}))
    assert not kiosk.may_export and exporting.may_export
    wrong = parse_config({"allow_export": "yes"})
    assert not wrong.allow_export and any("allow_export" in p for p in wrong.problems)
    from desktop_app.ui.handout_view import HandoutView
    view = HandoutView()
    qtbot.addWidget(view)
    view.set_policy(kiosk)
    assert view.book_button.isHidden() and view.mp3_button.isHidden()
    assert start_export(view, "epub", None, ["housing"], "da", "easy", policy=kiosk) is None
    view.set_policy(exporting)
    assert not view.book_button.isHidden() and not view.mp3_button.isHidden()

"""The staff PIN in the real kiosk window (offscreen): the hash is checked off the UI thread
while the window keeps answering, and the lockout survives a restart of the app."""
from __future__ import annotations

import threading

from PySide6.QtCore import QTimer

from desktop_app.core.kiosk_pin import LOCKOUT_FILE
from desktop_app.logs import log_dir
from desktop_app.ui import kiosk_staff
from tests.test_kiosk import PIN, _enter, make_kiosk  # noqa: F401 - the fixture


def _held_check(monkeypatch):
    """The real check, held until ``release`` is set; notes the thread it ran on."""
    release, ran_on = threading.Event(), []
    real = kiosk_staff.verify_pin

    def held(pin: str, stored: str) -> bool:
        ran_on.append(threading.current_thread())
        release.wait(10)
        return real(pin, stored)
    monkeypatch.setattr(kiosk_staff, "verify_pin", held)
    return release, ran_on


def test_the_window_keeps_answering_while_a_pin_is_checked(make_kiosk, qtbot, monkeypatch):
    win, kiosk, _session, _store = make_kiosk()
    release, ran_on = _held_check(monkeypatch)
    staff = kiosk.staff
    kiosk.request_staff_exit()
    staff.field.setText(PIN)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    staff.submit()
    assert staff.checking and not staff.keys["1"].isEnabled()   # one check at a time
    assert staff.status.text() == "Pinkoden kontrolleres …"
    # the check is under way and the event loop goes on: timers fire, the window repaints
    qtbot.waitUntil(lambda: len(ticks) >= 10 and bool(ran_on), timeout=5000)
    assert staff.checking and ran_on[0] is not threading.main_thread()
    win.repaint()
    staff.field.setText("1")
    staff.submit()                                # a second OK while checking: ignored
    with qtbot.waitSignal(staff.sig_checked, timeout=5000) as answer:
        release.set()
    timer.stop()
    assert answer.args == ["ok"] and len(ran_on) == 1
    assert staff.pages.currentIndex() == 1 and staff.keys["1"].isEnabled()


def test_an_answer_after_the_reset_counts_but_opens_nothing(make_kiosk, qtbot, monkeypatch):
    win, kiosk, _session, _store = make_kiosk()
    release, _ran_on = _held_check(monkeypatch)
    staff = kiosk.staff
    for pin, result, failures in (("1111", "wrong", 1), (PIN, "ok", 0)):
        kiosk.request_staff_exit()
        staff.field.setText(pin)
        staff.submit()
        kiosk.reset()                             # the visitor walked away meanwhile
        with qtbot.waitSignal(staff.sig_checked, timeout=5000) as answer:
            release.set()
        release.clear()
        assert answer.args == [result] and kiosk.lockout.failures == failures
        assert not staff.isVisible() and staff.pages.currentIndex() == 0


def test_the_lockout_survives_a_restart_of_the_app(make_kiosk, qtbot):
    win, kiosk, _session, _store = make_kiosk()
    kiosk.request_staff_exit()
    for _ in range(3):
        _enter(qtbot, kiosk.staff, "1111")
    assert kiosk.lockout.remaining() > 0
    assert (log_dir() / LOCKOUT_FILE).is_file()
    kiosk.shutdown()
    win.close()
    _win2, kiosk2, _session2, _store2 = make_kiosk()          # the app started again
    assert kiosk2 is not kiosk and kiosk2.lockout.failures == 3
    assert 0 < kiosk2.lockout.remaining() <= 8
    kiosk2.request_staff_exit()
    assert not kiosk2.staff.keys["1"].isEnabled()
    assert "Prøv igen om" in kiosk2.staff.status.text()

"""The states of reading aloud are one type (``speech/state.py``): no module spells one as a
string of its own, and a state that came through a Qt signal (a plain ``str``) is still
its member."""
from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop_app.speech.session import STATES
from desktop_app.speech.state import ENDED, SOUNDING, UNDER_WAY, ReadingState

APP = Path(__file__).resolve().parent.parent / "desktop_app"
VALUES = {state.value for state in ReadingState}


def test_no_state_is_spelled_as_a_string_outside_its_module():
    found = []
    for path in sorted(APP.rglob("*.py")):
        if path == APP / "speech" / "state.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in VALUES:
                found.append(f"{path.relative_to(APP)}:{node.lineno} {node.value!r}")
    assert found == []


class _Emitter(QObject):
    sig = Signal(str)


def test_a_state_through_a_signal_is_its_member(qtbot):
    emitter, got = _Emitter(), []
    emitter.sig.connect(got.append)
    for state in ReadingState:
        emitter.sig.emit(state)
    assert got == [state.value for state in ReadingState]
    assert all(type(value) is str and ReadingState(value) == value for value in got)
    assert got[2] in SOUNDING and got[3] in UNDER_WAY and got[0] in ENDED
    assert {ReadingState.PAUSED: "x"}["paused"] == "x" and f"{ReadingState.PAUSED}" == "paused"


def test_the_groups_and_the_session_use_the_same_states():
    assert STATES == tuple(ReadingState)
    assert set(UNDER_WAY) - set(SOUNDING) == {ReadingState.PAUSED}
    assert not set(UNDER_WAY) & set(ENDED)

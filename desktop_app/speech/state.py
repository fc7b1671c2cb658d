"""The states of reading aloud, in one place (no Qt). ``ReadingSession.state`` is one of them,
and ``sig_state_changed(str)`` carries its value: the members are strings, so a state that
came through a signal compares equal to its member."""
from __future__ import annotations

from enum import Enum


class ReadingState(str, Enum):
    IDLE = "idle"          # nothing read yet on this page
    LOADING = "loading"    # reading, the next sentence is still being made
    PLAYING = "playing"    # a sentence is being heard
    PAUSED = "paused"      # a reading that goes on where it was when resumed
    STOPPED = "stopped"    # a reading of the page that was stopped (Read starts there again)
    ERROR = "error"        # speech failed; the message says why

    __hash__ = str.__hash__   # "playing" and PLAYING are the same key in a set or a dict

    def __str__(self) -> str:
        return self.value

    __format__ = str.__format__


SOUNDING = (ReadingState.LOADING, ReadingState.PLAYING)    # being heard, or about to be
UNDER_WAY = SOUNDING + (ReadingState.PAUSED,)               # reading, or paused in a reading
ENDED = (ReadingState.IDLE, ReadingState.STOPPED, ReadingState.ERROR)

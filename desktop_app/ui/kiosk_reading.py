"""Reading aloud ends on a kiosk: "go on to the next page" stays within the topic and reads at
most ``read_on_pages`` more pages since the visitor last touched the screen, and a visitor who
has not touched it for ``idle_seconds`` is asked "Are you still listening?" (the idle warning)
instead of being read to for most of an hour.

``ReadingLimit.may_read_on(page_id)`` is ``SpeechController.may_read_on``; the controller
calls ``activity()`` on every input and ``resume()`` when the visitor answers the warning.
"""
from __future__ import annotations

import logging
import time
from typing import Callable

log = logging.getLogger(__name__)

LISTEN_CHECKS = 3     # idle periods of one page read aloud without a touch before asking


class ReadingLimit:
    def __init__(self, state, speech, read_on_pages: int, idle_seconds: int,
                 ask: Callable[[], None], clock: Callable[[], float] = time.monotonic):
        self.state, self.speech = state, speech
        self.read_on_pages, self.idle_seconds = read_on_pages, idle_seconds
        self.ask, self.clock = ask, clock
        self.pages = 0                   # pages read on since the last input
        self.busy_idles = 0              # idle periods while a page was being read
        self.last_input = clock()
        self.waiting: tuple[str, int] | None = None   # (page, sentence) to go on with

    def activity(self) -> None:
        self.pages = 0
        self.busy_idles = 0
        self.last_input = self.clock()

    def forget(self) -> None:
        self.activity()
        self.waiting = None

    def _topic(self, page_id: str) -> str:
        for page in self.state.library.pages.values():
            if page.id == page_id:
                return page.topic
        return ""

    def may_read_on(self, following: str) -> bool:
        current = self.state.location[1] if self.state.location[0] == "page" else ""
        if self._topic(following) != self._topic(current):
            log.info("kiosk: reading stopped at the end of the topic")
            return False
        if self.pages >= self.read_on_pages:
            log.info("kiosk: reading stopped after %d more pages", self.pages)
            return False
        if self.clock() - self.last_input >= self.idle_seconds:
            self.waiting = (following, 0)
            self.ask()
            return False
        self.pages += 1
        return True

    def idle_while_reading(self) -> bool:
        """The idle timer ran out while a page is read aloud: True when it is time to ask."""
        self.busy_idles += 1
        if self.busy_idles < LISTEN_CHECKS:
            return False
        session = self.speech.session
        if self.state.location[0] == "page" and session is not None:
            self.waiting = (self.state.location[1], max(0, session.index))
        return True

    def resume(self) -> None:
        """The visitor answered "Are you still listening?": go on where the reading was."""
        waiting, self.waiting = self.waiting, None
        self.activity()
        session = self.speech.session
        if waiting is None or session is None:
            return
        page, index = waiting
        if self.state.location != ("page", page):
            self.state.open_page(page)
        session.play(index)

"""A part of the window made the first time it is asked for (so start-up does not wait for
it), and what needs it when it exists: ``when_made(callback)``."""
from __future__ import annotations

from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class Lazy(Generic[T]):
    """``get()`` makes the object (once) and returns it; ``made()`` returns it or None, never
    making it; ``when_made(callback)`` calls ``callback(obj)`` once it is made (at once if it
    is)."""

    def __init__(self, make: Callable[[], T]):
        self._make = make
        self._obj: T | None = None
        self._waiting: list[Callable[[T], object]] = []

    def get(self) -> T:
        if self._obj is None:
            self._obj = self._make()
            waiting, self._waiting = self._waiting, []
            for callback in waiting:
                callback(self._obj)
        return self._obj

    def made(self) -> T | None:
        return self._obj

    def when_made(self, callback: Callable[[T], object]) -> None:
        if self._obj is not None:
            callback(self._obj)
        else:
            self._waiting.append(callback)

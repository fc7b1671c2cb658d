"""Where the reader is and has been: a location, Back and Forward (no Qt).

A location is ``(kind, key)``: ``("home", "")``, ``("topic", "areas")``, ``("page", "housing")``,
``("search", "")`` … ``go`` records the place left in the history (at most ``LIMIT``) and
forgets the way forward; ``back`` and ``forward`` return the location to show, or None."""
from __future__ import annotations

Location = tuple[str, str]
HOME: Location = ("home", "")
LIMIT = 50


class Navigator:
    def __init__(self) -> None:
        self.location: Location = HOME
        self.history: list[Location] = []
        self.future: list[Location] = []     # where Forward goes, after Back

    def go(self, location: Location, record: bool = True) -> None:
        if record and location != self.location:
            self.history.append(self.location)
            del self.history[:-LIMIT]
            self.future.clear()
        self.location = location

    def settle(self, location: Location) -> None:
        """Be at ``location`` instead (the place asked for could not be shown)."""
        self.location = location

    def back(self) -> Location | None:
        return self._step(self.history, self.future)

    def forward(self) -> Location | None:
        return self._step(self.future, self.history)

    def _step(self, source: list[Location], other: list[Location]) -> Location | None:
        if not source:
            return None
        other.append(self.location)
        self.location = source.pop()
        return self.location

    def forget(self) -> None:
        """A new person (kiosk reset): home, with no way back or forward."""
        self.history.clear()
        self.future.clear()
        self.location = HOME

    def next_in(self, ids: list[str]) -> str:
        """The page after the current one in ``ids``, or '' at the end or away from a page."""
        kind, key = self.location
        if kind != "page":
            return ""
        position = ids.index(key) if key in ids else len(ids)
        return ids[position + 1] if position + 1 < len(ids) else ""

"""Where the reader is and has been, without Qt."""
from __future__ import annotations

from desktop_app.core.navigator import HOME, LIMIT, Navigator


def test_back_and_forward_retrace_the_way():
    nav = Navigator()
    assert nav.back() is None and nav.forward() is None and nav.location == HOME
    for location in (("topic", "areas"), ("page", "housing"), ("page", "values")):
        nav.go(location)
    assert nav.back() == ("page", "housing")
    assert nav.back() == ("topic", "areas")
    assert nav.forward() == ("page", "housing")
    nav.go(("search", ""))                   # a new way: nothing to go forward to
    assert nav.future == [] and nav.forward() is None
    nav.go(("search", ""))                   # the same place again is not recorded
    assert nav.history[-1] == ("page", "housing")


def test_unrecorded_moves_history_limit_and_forgetting():
    nav = Navigator()
    nav.go(("page", "a"), record=False)
    assert nav.history == []
    for i in range(LIMIT + 10):
        nav.go(("page", str(i)))
    assert len(nav.history) == LIMIT
    assert nav.next_in(["x", str(LIMIT + 9), "y"]) == "y"
    assert nav.next_in([str(LIMIT + 9)]) == ""
    nav.forget()
    assert (nav.location, nav.history, nav.future) == (HOME, [], [])
    assert nav.next_in(["x"]) == ""

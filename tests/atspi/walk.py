"""Drive the app as a screen reader would, through AT-SPI, and print what was seen as JSON.

Run with Debian's Python and its pyatspi (``/usr/bin/python3``), inside the D-Bus session the
app runs in (see session.py):

    python3 walk.py tree --app NAME                 the whole tree
    python3 walk.py scenario --app NAME --spec JSON  home -> topic -> page -> read aloud ->
                                                     switch language, pressing buttons through
                                                     their AT-SPI actions only
    python3 walk.py announcements --app NAME         the object:announcement events for a while

Every wait polls for a condition until a deadline; nothing sleeps for a fixed time.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

import pyatspi
from gi.repository import GLib

INTERACTIVE = {"push button", "toggle button", "check box", "combo box", "list item",
               "menu item", "link", "slider", "spin button", "entry", "radio button",
               "page tab"}
MAX_NODES = 3000


def pump() -> None:
    """Let libatspi deliver events (it needs its GLib main context to run)."""
    context = GLib.MainContext.default()
    while context.pending():
        context.iteration(False)


def wait_for(condition, timeout: float, interval: float = 0.1):
    """Poll ``condition()`` until it returns something true, or None at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        pump()
        try:
            value = condition()
        except Exception:  # the tree is changing under us: try again
            value = None
        if value:
            return value
        if time.monotonic() >= deadline:
            return None
        time.sleep(interval)


def find_app(name: str):
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and name in (app.name or ""):
            try:
                app.setCacheMask(pyatspi.cache.NONE)
            except Exception:
                pass
            return app
    return None


def states(node) -> set[str]:
    return {pyatspi.state.STATE_VALUE_TO_NAME.get(int(state), str(state))
            for state in node.getState().getStates()}


def describe(node, depth: int = 0) -> dict:
    info = {"role": node.getRoleName(), "name": node.name or "",
            "description": node.description or "", "states": sorted(states(node)),
            "depth": depth}
    try:
        text = node.queryText()
        info["text"] = text.getText(0, min(text.characterCount, 200))
    except NotImplementedError:
        pass
    except Exception:
        pass
    try:
        attributes = node.getAttributes()
        if attributes:
            info["attributes"] = dict(a.split(":", 1) for a in attributes if ":" in a)
    except Exception:
        pass
    try:
        action = node.queryAction()
        info["actions"] = [action.getName(i) for i in range(action.nActions)]
    except NotImplementedError:
        pass
    except Exception:
        pass
    return info


def walk(root) -> list[dict]:
    """The tree as a flat list in depth-first order, each node with its depth."""
    out: list[dict] = []

    def visit(node, depth):
        if node is None or len(out) >= MAX_NODES:
            return
        try:
            info = describe(node, depth)
            count = node.childCount
        except Exception as exc:
            out.append({"role": "ERROR", "name": str(exc), "depth": depth, "states": []})
            return
        out.append(info)
        for index in range(count):
            try:
                child = node.getChildAtIndex(index)
            except Exception:
                continue
            visit(child, depth + 1)

    visit(root, 0)
    return out


def iter_nodes(root):
    stack = [root]
    seen = 0
    while stack and seen < MAX_NODES:
        node = stack.pop()
        if node is None:
            continue
        seen += 1
        yield node
        try:
            count = node.childCount
        except Exception:
            continue
        for index in range(count - 1, -1, -1):
            try:
                stack.append(node.getChildAtIndex(index))
            except Exception:
                pass


def find(root, role: str, name: str | None = None, showing: bool = True, exact: bool = True):
    for node in iter_nodes(root):
        try:
            if node.getRoleName() != role:
                continue
            node_name = node.name or ""
            if name is not None and (node_name != name if exact else name not in node_name):
                continue
            if showing and "showing" not in states(node):
                continue
            return node
        except Exception:
            continue
    return None


def press(node) -> bool:
    action = node.queryAction()
    names = [action.getName(i).lower() for i in range(action.nActions)]
    for wanted in ("press", "click", "activate", "jump"):
        if wanted in names:
            return bool(action.doAction(names.index(wanted)))
    return bool(action.doAction(0)) if names else False


def unnamed_interactive(nodes: list[dict]) -> list[dict]:
    return [n for n in nodes if n["role"] in INTERACTIVE and "showing" in n["states"]
            and not n["name"].strip()]


def showing_names(nodes: list[dict], role: str) -> list[str]:
    return [n["name"] for n in nodes if n["role"] == role and "showing" in n["states"]]


class Announcements:
    def __init__(self):
        self.events: list[dict] = []
        pyatspi.Registry.registerEventListener(self._on_event, "object:announcement")

    def _on_event(self, event) -> None:
        try:
            source = event.source.name if event.source is not None else ""
        except Exception:
            source = ""
        self.events.append({"type": event.type, "message": str(event.any_data),
                            "politeness": event.detail1, "source": source})


def snapshot(app, label: str) -> dict:
    nodes = walk(app)
    return {"label": label, "nodes": len(nodes), "unnamed": unnamed_interactive(nodes),
            "buttons": showing_names(nodes, "push button"),
            "toggle_buttons": showing_names(nodes, "toggle button"),
            "combo_boxes": showing_names(nodes, "combo box"),
            "tree": nodes}


def document_info(document) -> dict:
    info = describe(document)
    children = []
    for index in range(document.childCount):
        child = document.getChildAtIndex(index)
        entry = describe(child)
        try:
            text = child.queryText()
            entry["text_count"] = text.characterCount
            entry["text"] = text.getText(0, -1)
            # Orca reads by line, word and sentence with these calls
            entry["first_word"] = text.getTextAtOffset(0, pyatspi.TEXT_BOUNDARY_WORD_START)[0]
            entry["first_line"] = text.getTextAtOffset(0, pyatspi.TEXT_BOUNDARY_LINE_START)[0]
        except NotImplementedError:
            entry["text_count"] = None
        try:
            box = child.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            entry["extents"] = [box.x, box.y, box.width, box.height]
        except Exception:
            entry["extents"] = None
        try:
            entry["locale"] = child.get_object_locale()
        except Exception:
            pass
        children.append(entry)
    info["children"] = children
    try:
        text = document.queryText()
        info["text_count"] = text.characterCount
        info["text_start"] = text.getText(0, 200)
    except NotImplementedError:
        info["text_count"] = None
    return info


def scenario(app_name: str, spec: dict) -> dict:
    result: dict = {"steps": [], "times": {}}
    started = time.monotonic()

    def step(name: str) -> None:
        result["steps"].append(name)
        result["times"][name] = round(time.monotonic() - started, 2)
    app = wait_for(lambda: find_app(app_name), 20)
    if app is None:
        result["error"] = f"application {app_name!r} did not appear on the AT-SPI bus"
        return result
    announcements = Announcements()
    texts = spec["texts"]

    # 1. home, in Danish
    home = wait_for(lambda: find(app, "push button", texts["da"]["home"]), 20)
    if home is None:
        result["error"] = "no showing button named %r" % texts["da"]["home"]
        result["da_home"] = snapshot(app, "da home")
        return result
    result["da_home"] = snapshot(app, "da home")
    step("home shown")

    # 2. a topic tile, pressed through its action
    tile = find(app, "push button", spec["topic_title"])
    if tile is None:
        result["error"] = "no tile button named %r" % spec["topic_title"]
        return result
    result["tile_pressed"] = press(tile)
    page_button = wait_for(lambda: find(app, "push button", spec["page_title"]), 10)
    if page_button is None:
        result["error"] = "pressing the tile did not show a page button %r" % spec["page_title"]
        result["da_topic"] = snapshot(app, "da topic")
        return result
    result["da_topic"] = snapshot(app, "da topic")
    step("topic shown")

    # 3. the page, pressed through its button's action
    result["page_pressed"] = press(page_button)

    def page_document():
        document = find(app, "document frame", spec["page_title"])
        return document if document is not None and document.childCount > 0 else None

    document = wait_for(page_document, 20)
    if document is None:
        frames = [n for n in walk(app) if n["role"] == "document frame"]
        result["error"] = "no showing document frame named %r with children; frames: %r" % (
            spec["page_title"], [(f["name"], f["states"]) for f in frames])
        result["da_page"] = snapshot(app, "da page")
        return result
    result["document"] = document_info(document)
    result["da_page"] = snapshot(app, "da page")
    step("page shown")

    # 4. read aloud, through the button's action
    read_name = texts["da"]["read"]
    read_button = find(app, "push button", read_name)
    if read_button is None:
        result["read"] = {"present": False}
    else:
        pressed = press(read_button)

        def reading_started():
            if find(app, "push button", read_name) is None:     # it became "Pause"
                return "button changed"
            return None

        how = wait_for(reading_started, 15)
        after = showing_names(walk(app), "push button")
        result["read"] = {"present": True, "pressed": pressed, "started": how,
                          "buttons_after": after}
        stop = find(app, "push button", texts["da"]["stop"])
        if stop is not None and "enabled" in states(stop):
            result["read"]["stopped"] = press(stop)
            result["read"]["idle_again"] = bool(
                wait_for(lambda: find(app, "push button", read_name), 10))
    step("read aloud")

    # 5. switch to English through the language button's action
    language = find(app, "push button", texts["da"]["language"])
    if language is None:
        result["error"] = "no language button %r" % texts["da"]["language"]
        return result
    result["language_pressed"] = press(language)
    english = wait_for(lambda: find(app, "push button", texts["en"]["home"]), 10)
    if english is None:
        result["error"] = "after switching language there is no button %r" % texts["en"]["home"]
        result["en_page"] = snapshot(app, "en page")
        return result
    english_document = wait_for(
        lambda: find(app, "document frame", spec.get("page_title_en") or None), 10)
    if english_document is not None:
        result["document_en"] = document_info(english_document)
    result["en_page"] = snapshot(app, "en page")
    step("english page")
    home_en = find(app, "push button", texts["en"]["home"])
    press(home_en)
    wait_for(lambda: find(app, "push button", spec["topic_title_en"]), 10)
    result["en_home"] = snapshot(app, "en home")
    step("english home")

    pump()
    result["announcements"] = announcements.events
    return result


def listen_for_announcements(app_name: str, timeout: float) -> dict:
    app = wait_for(lambda: find_app(app_name), 20)
    if app is None:
        return {"error": f"application {app_name!r} did not appear"}
    announcements = Announcements()
    wait_for(lambda: announcements.events, timeout)
    return {"announcements": announcements.events}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=("tree", "scenario", "announcements"))
    parser.add_argument("--app", required=True, help="(part of) the application's name")
    parser.add_argument("--spec", default="{}", help="JSON: what the scenario looks for")
    parser.add_argument("--timeout", type=float, default=10)
    args = parser.parse_args()
    if args.command == "tree":
        app = wait_for(lambda: find_app(args.app), 20)
        result = {"tree": walk(app)} if app is not None else {"error": "no application"}
    elif args.command == "scenario":
        result = scenario(args.app, json.loads(args.spec))
    else:
        result = listen_for_announcements(args.app, args.timeout)
    json.dump(result, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

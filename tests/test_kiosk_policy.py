"""The kiosk as one policy that the views ask (``core/kiosk_policy.py``): every answer for an
ordinary install, a default kiosk and a kiosk that allows export; and no module of the UI
deciding by a kiosk flag of its own."""
from __future__ import annotations

import ast
from pathlib import Path

from desktop_app.core.kiosk import KioskConfig, parse_config
from desktop_app.core.kiosk_policy import KIOSK_TARGET_PX, NOT_A_KIOSK, TARGET_PX, KioskPolicy

UI = Path(__file__).resolve().parent.parent / "desktop_app" / "ui"

ANSWERS = ("may_save_bookmarks", "remembers_settings", "remembers_folder", "may_export",
           "export_formats", "may_save_pdf", "may_print", "may_choose_folder",
           "may_open_folder", "names_save_folder", "may_pick_colours", "may_quit",
           "touch_keyboard", "speaks_every_control", "first_tap_speaks", "target_px",
           "tiles_fill_screen", "offers_screen_reading", "fills_screen")
HOME = dict(may_save_bookmarks=True, remembers_settings=True, remembers_folder=True,
            may_export=True, export_formats=("mp3", "epub"), may_save_pdf=True,
            may_print=True, may_choose_folder=True, may_open_folder=True,
            names_save_folder=True, may_pick_colours=True, may_quit=True,
            touch_keyboard=False, speaks_every_control=False, first_tap_speaks=False,
            target_px=TARGET_PX, tiles_fill_screen=False, offers_screen_reading=False,
            fills_screen=False)
KIOSK = dict(may_save_bookmarks=False, remembers_settings=False, remembers_folder=False,
             may_export=False, export_formats=(), may_save_pdf=False, may_print=False,
             may_choose_folder=False, may_open_folder=False, names_save_folder=False,
             may_pick_colours=False, may_quit=False, touch_keyboard=True,
             speaks_every_control=True, first_tap_speaks=True, target_px=KIOSK_TARGET_PX,
             tiles_fill_screen=True, offers_screen_reading=True, fills_screen=True)
COMMANDS = ("home", "back", "search", "settings", "help", "read", "handout", "bookmarks",
            "quit")


def answers(policy: KioskPolicy) -> dict:
    return {name: getattr(policy, name) for name in ANSWERS}


def test_the_answers_cover_every_question_the_policy_has():
    asked = {name for name, value in vars(KioskPolicy).items()
             if isinstance(value, property)}
    assert asked == set(ANSWERS)


def test_not_a_kiosk_allows_everything_and_keeps_the_desktop_size():
    assert answers(NOT_A_KIOSK) == HOME
    assert all(NOT_A_KIOSK.allows_command(name) for name in COMMANDS)
    assert KioskPolicy.for_config(None) is NOT_A_KIOSK


def test_a_default_kiosk_keeps_nothing_and_takes_nothing_home():
    policy = KioskPolicy.for_config(parse_config({"kiosk": True}))
    assert answers(policy) == KIOSK
    assert [name for name in COMMANDS if not policy.allows_command(name)] == \
        ["handout", "bookmarks", "quit"]
    assert KioskPolicy.for_config(KioskConfig(kiosk=True)) == policy   # the config's defaults


def test_a_kiosk_that_allows_export_offers_sound_and_the_talking_book_only():
    policy = KioskPolicy.for_config(parse_config({"kiosk": True, "allow_export": True}))
    assert answers(policy) == dict(KIOSK, may_export=True, export_formats=("mp3", "epub"))
    assert not policy.may_save_pdf and not policy.allows_command("handout")


def test_a_kiosk_without_touch_to_hear_still_speaks_every_control():
    policy = KioskPolicy.for_config(parse_config({"kiosk": True, "touch_to_hear": False}))
    assert answers(policy) == dict(KIOSK, first_tap_speaks=False)


# -- no kiosk branches outside the policy ----------------------------------------------------
# Names that carry "is this a kiosk" (or its config) instead of a question the policy answers.
KIOSK_NAMES = {"kiosk", "kiosk_config", "kiosk_enabled", "is_kiosk", "locked",
               "export_allowed", "KIOSK_OFF", "KIOSK_COMMANDS_OFF", "allow_export",
               "touch_to_hear"}
# ui/kiosk*.py are the kiosk itself (they run only on one).


def kiosk_reads(source: str) -> list[int]:
    """Lines that read a kiosk flag or config; any assignment to such a name counts too."""
    tree = ast.parse(source)
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            name = node.id
        elif isinstance(node, ast.Attribute):
            name = node.attr
        elif isinstance(node, ast.alias):     # imported
            name = node.name.rsplit(".", 1)[-1]
        else:
            continue
        if name in KIOSK_NAMES:
            lines.add(node.lineno)
    return sorted(lines)


def test_the_scan_finds_a_branch_and_lets_a_conversion_through():
    assert kiosk_reads("if self.kiosk:\n    pass\n") == [1]
    assert kiosk_reads("button.setVisible(not window.kiosk)\n") == [1]
    assert kiosk_reads("x = policy.locked\n") == [1]
    assert kiosk_reads("from desktop_app.core.kiosk import export_allowed\n") == [1]
    assert kiosk_reads("self.kiosk = kiosk\n") == [1]
    assert kiosk_reads("if policy.may_print:\n    pass\n") == []


def test_no_ui_module_decides_by_a_kiosk_flag():
    found = {}
    for path in sorted(UI.glob("*.py")):
        if path.name.startswith("kiosk"):
            continue
        lines = kiosk_reads(path.read_text(encoding="utf-8"))
        if lines:
            found[path.name] = lines
    assert found == {}, "ask the KioskPolicy (core/kiosk_policy.py) instead"

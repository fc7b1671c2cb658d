"""What a library kiosk allows and how it differs, as answers the views ask for (no Qt).

The app runs either as an ordinary program (``NOT_A_KIOSK``) or as a kiosk built from the
deployment's ``kiosk.toml`` (``KioskPolicy.for_config``). A view never asks "is this a
kiosk?": it asks what it wants to know, named by what it means (may the reader save
bookmarks? may they export, and in which formats? how large is a touch target?), and the
answers are decided here, once.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from desktop_app.core.kiosk import KioskConfig

TARGET_PX = 44          # the smallest touch target at 100 % (WCAG 2.5.5)
KIOSK_TARGET_PX = 64    # on a kiosk's touch screen, used at arm's length
EXPORT_FORMATS = ("mp3", "epub")   # sound files and the talking book
# commands a kiosk switches off (and leaves off its Help page): it neither prints a
# handout, keeps saved pages, nor quits
KIOSK_COMMANDS_OFF = ("handout", "bookmarks", "quit")


class KioskPolicy(NamedTuple):  # (see core/model.py)
    """``locked``: a shared, locked library kiosk; ``allow_export`` and ``touch_to_hear`` as
    ``kiosk.toml`` says (they matter only on a kiosk). Ask the properties, not these."""

    locked: bool = False
    allow_export: bool = False
    touch_to_hear: bool = False

    @classmethod
    def for_config(cls, config: "KioskConfig | None") -> "KioskPolicy":
        """The kiosk that ``config`` describes; ``None``: not a kiosk."""
        if config is None:
            return NOT_A_KIOSK
        return cls(locked=True, allow_export=config.allow_export,
                   touch_to_hear=config.touch_to_hear)

    # -- what a person may keep: nothing of one visitor is left for the next -----------------
    @property
    def may_save_bookmarks(self) -> bool:
        """Saved pages (``bookmarks.json``) are read, shown and written."""
        return not self.locked

    @property
    def remembers_settings(self) -> bool:
        """A person's choices are saved for the next start (on a kiosk they last until the
        reset for the next person)."""
        return not self.locked

    @property
    def remembers_folder(self) -> bool:
        """The folder last saved in is remembered and offered again."""
        return not self.locked

    # -- taking pages home -------------------------------------------------------------------
    @property
    def may_export(self) -> bool:
        """Sound files and the talking book are offered (on a kiosk only with
        ``allow_export = true``)."""
        return not self.locked or self.allow_export

    @property
    def export_formats(self) -> tuple[str, ...]:
        return EXPORT_FORMATS if self.may_export else ()

    @property
    def may_save_pdf(self) -> bool:
        """Large print as a PDF (a file dialog: not on a kiosk)."""
        return not self.locked

    @property
    def may_print(self) -> bool:
        return not self.locked

    @property
    def may_choose_folder(self) -> bool:
        """A file dialog may ask where to save (a kiosk saves to its default folder)."""
        return not self.locked

    @property
    def may_open_folder(self) -> bool:
        """A saved file's folder may be opened (the file manager would leave a kiosk)."""
        return not self.locked

    @property
    def names_save_folder(self) -> bool:
        """The folder a file is saved in is named to the reader (on a kiosk a folder on the
        library's computer means nothing to a visitor: staff help them take it)."""
        return not self.locked

    @property
    def may_pick_colours(self) -> bool:
        """Custom colours are chosen in Qt's colour dialog (a kiosk refuses dialogs)."""
        return not self.locked

    # -- commands ----------------------------------------------------------------------------
    def allows_command(self, name: str) -> bool:
        """The command ``name`` (``ui/actions.py``) works and is on the Help page."""
        return not (self.locked and name in KIOSK_COMMANDS_OFF)

    @property
    def may_quit(self) -> bool:
        return self.allows_command("quit")

    @property
    def fills_screen(self) -> bool:
        """The window takes the whole screen, without a frame to move or close it."""
        return self.locked

    # -- a touch screen without a keyboard ---------------------------------------------------
    @property
    def touch_keyboard(self) -> bool:
        """The search offers letters to tap."""
        return self.locked

    @property
    def speaks_every_control(self) -> bool:
        """Interface speech is on whatever the settings say (EN 301 549 5.1.3)."""
        return self.locked

    @property
    def first_tap_speaks(self) -> bool:
        """Touch-to-hear: the first tap on a control says what it is, the second uses it."""
        return self.locked and self.touch_to_hear

    @property
    def target_px(self) -> int:
        """The smallest touch target (and the chrome's row, the scroll bars) at 100 %."""
        return KIOSK_TARGET_PX if self.locked else TARGET_PX

    @property
    def tiles_fill_screen(self) -> bool:
        """The home screen's tiles are wide and fill the screen's height."""
        return self.locked

    @property
    def offers_screen_reading(self) -> bool:
        """The home screen has its own "read this screen aloud" button."""
        return self.locked


NOT_A_KIOSK = KioskPolicy()


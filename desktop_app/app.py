"""The only wiring point: builds the services and the main window and connects them."""
from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app import qtenv

qtenv.quick_import_scan()   # before the other modules load: see there

import logging  # noqa: E402
import sys  # noqa: E402
from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

from desktop_app import DESKTOP_ID, paths  # noqa: E402
from desktop_app.core.loader import load  # noqa: E402
from desktop_app.core.place import PlaceStore, ReadingPlace  # noqa: E402
from desktop_app.core.settings import SettingsStore, from_options  # noqa: E402
from desktop_app.i18n import ngettext  # noqa: E402

log = logging.getLogger(__name__)


class QtTranslations:
    """Qt's own dialog strings (qtbase_LANG.qm) in the UI language."""

    def __init__(self, app: QApplication):
        self.app = app
        self.translator: QTranslator | None = None

    def switch(self, lang: str) -> None:
        if self.translator is not None:
            self.app.removeTranslator(self.translator)
            self.translator.deleteLater()   # (kiosk soak) else every switch keeps a 180 KB .qm
            self.translator = None
        if lang == "en":
            return
        translator = QTranslator(self.app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(QLocale(lang), "qtbase", "_", folder):
            self.app.installTranslator(translator)
            self.translator = translator
        else:
            translator.deleteLater()


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or sys.argv[:1])
        app.setApplicationName("Handicappolitik Ballerup")
        app.setDesktopFileName(DESKTOP_ID)
    if app.windowIcon().isNull():
        app.setWindowIcon(app_icon(FIRST_ICON_PX))
    return app


# The window icon's small renderings (title bar, task bar) come with the window; the larger
# ones (a task switcher's, 128-512 px) after the first paint (ui/startup.py): sending them to
# the window system with the window made its first frame later (X11: ~1.4 MB at 512 px).
FIRST_ICON_PX = 48


def app_icon(largest: int | None = None):
    """The app's icon in every rendered size (window, task bar, Alt+Tab), or in those up to
    ``largest`` pixels."""
    from PySide6.QtGui import QIcon
    icon = QIcon()
    for png in sorted(paths.app_icon_dir().glob("app-*.png")):
        if largest is None or int(png.stem.rpartition("-")[2]) <= largest:
            icon.addFile(str(png))
    return icon


def apply_motion_preference(app: QApplication) -> bool:
    """No animation when the system asks for reduced motion (menus, lists, tooltips); True
    when it does (the kiosk's momentum scrolling asks the window's ``reduced_motion``)."""
    from PySide6.QtCore import Qt
    from desktop_app.ui import os_prefs
    reduced = os_prefs.reduced_motion(app)
    if reduced:
        for effect in (Qt.UIEffect.UI_AnimateMenu, Qt.UIEffect.UI_FadeMenu,
                       Qt.UIEffect.UI_AnimateCombo, Qt.UIEffect.UI_AnimateTooltip,
                       Qt.UIEffect.UI_FadeTooltip, Qt.UIEffect.UI_AnimateToolBox):
            app.setEffectEnabled(effect, False)
    return reduced


def show_window(window, place) -> None:
    """The kiosk full screen; otherwise where the reader left the window, or maximised at the
    first start (the text gets the whole screen). The place is saved when the window closes."""
    if window.policy.fills_screen:
        window.showFullScreen()
        return
    from PySide6.QtCore import QByteArray
    geometry = place.load_geometry()
    restored = bool(geometry) and window.restoreGeometry(QByteArray(geometry))
    if restored:
        window.show()
    else:
        window.showMaximized()
    window.sig_closing.connect(lambda: place.save_geometry(bytes(window.saveGeometry().data())))


def _default_session():
    from desktop_app.speech.session import ReadingSession
    return ReadingSession()


def _read_glossary(library) -> None:
    """Read the glossary now (if it was left for later) and log its problems."""
    known = len(library.problems)
    for problem in library.all_problems()[known:]:
        log.warning("content: %s", problem)


def build(options, store: SettingsStore | None = None, session_factory=None):
    """Create the application objects for ``options`` (parsed command line). Returns
    (app, window, store)."""
    from desktop_app import i18n
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.speech_controller import SpeechController
    from desktop_app.ui.state import ReaderState

    app = ensure_app()
    store = store or SettingsStore()
    # -- kiosk: starts from the deployment's defaults and never reads or saves user settings
    from desktop_app.core.kiosk_where import may_be_kiosk
    kiosk_config = None
    if may_be_kiosk(bool(getattr(options, "kiosk", False))):
        from desktop_app.core import kiosk as kiosk_core
        kiosk_config = kiosk_core.for_options(options)
    if kiosk_config is not None:
        settings = kiosk_config.settings()
    else:
        settings = store.load()
    if kiosk_config is None and store.first_start:
        from desktop_app.ui.os_prefs import text_scale_for_os, theme_for_os
        settings = replace(settings, theme=theme_for_os(app), text_scale=text_scale_for_os(app))
    settings = replace(settings, **from_options(options)).validated()
    # -- where the reader left off (not on a kiosk), apart from the settings
    places = PlaceStore(store.path.parent) if kiosk_config is None else None
    place = places.load_place() if places is not None else ReadingPlace()
    if getattr(options, "page", None):
        place = ReadingPlace(options.page, 0)
    content_dir = Path(options.content_dir) if getattr(options, "content_dir", None) \
        else paths.content_dir()
    if kiosk_config is not None and kiosk_config.content_dir is not None \
            and not getattr(options, "content_dir", None):
        from desktop_app.core.shared_content import load_checked
        library, why = load_checked(kiosk_config.content_dir, content_dir,
                                    paths.pictogram_names())
        if why:   # shown on the staff screen with the config's other problems
            kiosk_config = replace(kiosk_config, problems=kiosk_config.problems + (why,))
    else:
        # Links are checked by `content lint`, not at start-up (that parses every page); the
        # glossary is read once the window is painted (below).
        library = load(content_dir, paths.pictogram_names(), links=False, glossary_later=True)
    qt_translations = QtTranslations(app)
    i18n.on_language_change(qt_translations.switch)
    state = ReaderState(library, settings)
    from desktop_app.core.kiosk_policy import KioskPolicy
    policy = KioskPolicy.for_config(kiosk_config)
    window = MainWindow(state, policy, place=place, reduced_motion=apply_motion_preference(app))
    state.setParent(window)
    if policy.remembers_settings:   # a kiosk never saves one person's settings for the next
        state.sig_settings_changed.connect(lambda _names: store.save(state.settings))
        window.sig_closing.connect(lambda: places.save_place(window.reading_place()))
    # -- speech first and the kiosk (ui/speak_interface.py, ui/kiosk.py), given to the window
    from desktop_app.ui.speak_interface import InterfaceSpeaker
    speech = SpeechController(state, window.lazy_reader, window.speech_bar, window.home,
                              window.where.text, window.notices.show_notice,
                              session_factory or _default_session, parent=window)
    speaker = InterfaceSpeaker(app, window, state, speech, policy)
    window.use_services(speech, speaker)
    if kiosk_config is not None:   # the kiosk controller works with the two above
        from desktop_app.ui.kiosk import KioskController
        window.use_kiosk(KioskController(app, window, kiosk_config, state, speech, speaker))
    # -- end of kiosk
    if store.notice:
        log.warning("settings could not be read: %s", store.notice)
        window.notices.add_startup_notice(lambda: i18n._(
            "Your saved settings could not be read, so the standard settings are used."))
    for problem in library.problems:   # a broken page or topic list
        log.warning("content: %s", problem)
    from desktop_app.ui.startup import after_first_paint
    after_first_paint(window, lambda: _read_glossary(library))
    broken = sorted(library.broken_page_ids())
    if broken:
        window.notices.add_startup_notice(lambda: ngettext(
            "%d page cannot be shown right now. The other pages work as usual.",
            "%d pages cannot be shown right now. The other pages work as usual.",
            len(broken)) % len(broken))
    if not library.pages:
        window.notices.add_startup_notice(lambda: i18n._(
            "The pages cannot be shown right now. Start the program again, or ask someone for "
            "help."))
    return app, window, store


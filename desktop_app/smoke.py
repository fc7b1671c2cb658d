"""``--smoke``: build the real main window and render home and every page in every variant."""
from __future__ import annotations



def smoke(options) -> int:
    from desktop_app.app import build
    from desktop_app.core.model import LANGS, LEVELS
    from desktop_app.core.settings import SettingsStore
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        app, window, _store = build(options, SettingsStore(Path(folder)))
        failures: list[str] = []
        rendered = 0
        state = window.state
        library = state.library
        for lang in LANGS:
            for level in LEVELS:
                state.change(lang=lang, level=level)
                state.go_home()
                app.processEvents()
                if not window.home.tiles_list():
                    failures.append(f"home {lang}/{level}: no topic tiles")
                for page_id in library.page_ids():
                    if (page_id, lang, level) not in library.pages:
                        failures.append(f"{page_id} {lang}/{level}: missing")
                        continue
                    state.open_page(page_id)
                    app.processEvents()
                    text = window.reader.browser.toPlainText()
                    if state.location != ("page", page_id) or len(text.strip()) < 20:
                        failures.append(f"{page_id} {lang}/{level}: not rendered")
                    elif not window.reader.sentences():
                        failures.append(f"{page_id} {lang}/{level}: no sentences")
                    else:
                        rendered += 1
        problems = [str(p) for p in library.problems if p.page_id]
        window.close()
    topics = len(library.topics_in_order())
    if failures or problems:
        print(f"smoke: FAILED: {len(failures) + len(problems)} problem(s); rendered {rendered} "
              "page variants")
        for line in failures + problems:
            print(f"  {line}")
        return 1
    print(f"smoke: ok: home with {topics} topics and {rendered} page variants "
          f"({len(library.page_ids())} pages x da/en x standard/easy) rendered")
    return 0

"""A kiosk fleet's shared pages (``content_dir`` in kiosk.toml), used only when they pass lint.

Pages in a shared folder are edited by staff for many kiosks at once. A kiosk shows them only
when ``content lint`` finds nothing wrong there; otherwise it shows the pages shipped with the
app and says why on the staff screen (and in the log).
"""
from __future__ import annotations

from pathlib import Path

from desktop_app.core.lint import lint
from desktop_app.core.loader import load
from desktop_app.core.model import Library


def load_checked(shared: Path, bundled: Path, pictograms: set[str]) -> tuple[Library, str]:
    """(the library to show, "" or why the shared folder was not used)."""
    reason = ""
    if not shared.is_dir():
        reason = "the folder does not exist or cannot be reached"
    else:
        try:
            library = load(shared, pictograms)
            problems = library.problems + lint(library, shared, pictograms)
        except (OSError, UnicodeDecodeError) as exc:
            reason = f"it could not be read ({exc})"
        else:
            if problems:
                reason = (f"'content lint' finds {len(problems)} problem(s) there, the first: "
                          f"{problems[0]}")
            elif not library.pages:
                reason = "it has no pages"
            else:
                return library, ""
    return (load(bundled, pictograms),
            f"content_dir {shared} is not used, so the pages shipped with the app are shown: "
            f"{reason}")

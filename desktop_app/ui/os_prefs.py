"""What the operating system asks for (EN 301 549 11.7): colour scheme, high contrast, text
scaling and reduced motion. Used for the settings at first start."""
from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.core.settings import SCALES

_REFERENCE_PT = {"win32": 9.0, "darwin": 13.0}


def theme_for_os(app: QGuiApplication) -> str:
    hints = app.styleHints()
    dark = hints.colorScheme() == Qt.ColorScheme.Dark
    accessibility = hints.accessibility()
    high = accessibility.contrastPreference() == Qt.ContrastPreference.HighContrast
    if high:
        return "hc-dark" if dark else "hc-light"
    return "dark" if dark else "light"


def text_scale_for_os(app: QGuiApplication) -> int:
    """The system font size as a step of the app's text scale (100 % for the platform default)."""
    font = app.font()
    points = font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 0.75
    screen = app.primaryScreen()
    dpi_factor = (screen.logicalDotsPerInch() / 96.0) if screen is not None else 1.0
    wanted = 100 * points / _REFERENCE_PT.get(sys.platform, 10.0) * max(1.0, dpi_factor)
    return min(SCALES, key=lambda step: abs(step - wanted))


def reduced_motion(app: QGuiApplication) -> bool:
    hints = app.styleHints()
    accessibility = hints.accessibility()
    preference = getattr(accessibility, "motionPreference", None)  # Qt 6.12 and newer
    return preference is not None and \
        preference() == Qt.MotionPreference.ReducedMotion

"""The application stylesheet, made from a theme and the text size."""
from __future__ import annotations

from desktop_app.core.kiosk_policy import NOT_A_KIOSK, KioskPolicy
from desktop_app.core.themes import Theme

BASE_PX = 18
CONTROL_SCALE_LIMIT = 200
CHROME_PX = 18        # the toolbar and "More" panel: the same size at every text size


def control_px(scale: int) -> int:
    """Font size of controls: they grow with the text up to 200 %, so the reading text keeps
    most of the window at 400 %."""
    return round(BASE_PX * min(scale, CONTROL_SCALE_LIMIT) / 100)


def target_px(scale: int, policy: KioskPolicy = NOT_A_KIOSK) -> int:
    """The smallest touch target at text size ``scale`` (``policy.target_px`` at 100 %)."""
    return round(policy.target_px * max(1.0, min(scale, CONTROL_SCALE_LIMIT) / 100 * 0.8))


def application_qss(theme: Theme, scale: int, policy: KioskPolicy = NOT_A_KIOSK) -> str:
    """The window's style sheet; ``policy`` sets the touch targets' size."""
    px = control_px(scale)
    target = target_px(scale, policy)
    bar = target_px(100, policy)    # scroll bars and the chrome: 44 px, on a kiosk 64
    # a check box is clicked or tapped on its box and its words only: the box makes it a target
    box = max(px + 6, bar - 6)
    t = theme
    return f"""
QWidget {{ color: {t.text}; background-color: {t.background}; font-size: {px}px; }}
QLabel {{ background: transparent; }}
QLabel#notice {{ color: {t.highlight_text}; background-color: {t.highlight_background};
                 border: 2px solid {t.control_border}; padding: 8px; }}
QLabel#whereami {{ font-weight: bold; }}
QLabel#h1 {{ font-size: {round(px * 1.6)}px; font-weight: bold; }}
QLabel#tileTitle {{ font-weight: bold; }}
QPushButton, QToolButton, QComboBox, QSpinBox {{
    color: {t.control_text}; background-color: {t.control_background};
    border: 3px solid {t.control_border}; border-radius: 8px;
    padding: 6px 14px; min-height: {target - 18}px; min-width: {target - 34}px; }}
QPushButton:checked, QToolButton:checked {{
    color: {t.selected_text}; background-color: {t.selected_background}; }}
QPushButton:disabled, QToolButton:disabled, QComboBox:disabled {{
    color: {t.disabled_text}; border-style: dashed; }}
QPushButton:focus, QToolButton:focus, QComboBox:focus, QSpinBox:focus, QListWidget:focus,
QTextBrowser:focus, QLineEdit:focus, QCheckBox:focus, QSlider:focus, QTreeView:focus {{
    border: 4px solid {t.focus}; }}
QPushButton:focus, QToolButton:focus {{ padding: 5px 13px; }}
QPushButton#tile {{ text-align: left; padding: 12px; font-weight: bold; }}
QPushButton#speakHint {{ font-weight: bold; }}
QComboBox QAbstractItemView {{ color: {t.control_text}; background-color: {t.control_background};
    selection-color: {t.selected_text}; selection-background-color: {t.selected_background}; }}
QComboBox QAbstractItemView::item {{ min-height: {target - 8}px; padding: 4px; }}
QListWidget {{ border: 2px solid {t.control_border}; padding: 4px; }}
QListWidget::item {{ min-height: {target}px; padding: 4px; border: 3px solid transparent; }}
QListWidget::item:focus {{ border: 3px solid {t.focus}; }}
QListWidget::item:selected {{ color: {t.selected_text}; background-color: {t.selected_background}; }}
QTextBrowser {{ border: 2px solid {t.control_border}; padding: 8px; }}
QLineEdit {{ color: {t.control_text}; background-color: {t.control_background};
    border: 3px solid {t.control_border}; min-height: {target - 12}px; padding: 4px; }}
QCheckBox {{ min-height: {target}px; spacing: 12px; }}
QCheckBox::indicator {{ width: {box}px; height: {box}px; border: 3px solid {t.control_border};
    background-color: {t.control_background}; }}
QCheckBox::indicator:checked {{ background-color: {t.selected_background}; }}
QSlider {{ min-height: {target}px; }}
QScrollBar:vertical {{ width: {bar}px; background: {t.control_background};
    border-left: 1px solid {t.control_border}; }}
QScrollBar::handle:vertical {{ background: {t.control_border}; min-height: {bar}px;
    margin: 4px; border-radius: 6px; }}
QScrollBar:horizontal {{ height: {bar}px; background: {t.control_background}; }}
QScrollBar::handle:horizontal {{ background: {t.control_border}; min-width: {bar}px; }}
QWidget#topbar QPushButton, QWidget#morepanel QPushButton, QWidget#morepanel QComboBox,
QWidget#morepanel QLabel, QWidget#speechbar QLabel, QWidget#whererow QPushButton,
QLabel#whereami, QLabel#textSize {{
    font-size: {CHROME_PX}px; }}
QWidget#topbar QPushButton, QWidget#morepanel QPushButton, QWidget#morepanel QComboBox,
QWidget#whererow QPushButton {{ min-height: {bar - 18}px; padding: 6px 7px; }}
QWidget#topbar QPushButton:focus, QWidget#morepanel QPushButton:focus,
QWidget#whererow QPushButton:focus {{ padding: 5px 6px; }}
QTextBrowser#pageText {{ font-size: {round(BASE_PX * scale / 100)}px; }}
QProgressBar {{ selection-color: {t.selected_text};
    selection-background-color: {t.selected_background}; }}
QToolTip {{ color: {t.control_text}; background-color: {t.control_background};
    border: 2px solid {t.control_border}; }}
"""

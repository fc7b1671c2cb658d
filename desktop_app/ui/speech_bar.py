"""The read-aloud controls: large buttons for a ReadingSession, speed and volume.

The bar makes the buttons; the window places them: Read aloud and Stop in the toolbar, the
rest in the "More" panel (``groups()``). The bar itself shows only the
reading's status message, under the text."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.core.settings import RANGES, Settings
from desktop_app.core.themes import Theme
from desktop_app.i18n import _
from desktop_app.ui.actions import setup_command_button, state_labels
from desktop_app.speech.state import UNDER_WAY, ReadingState
from desktop_app.ui.buttons import setup_button, steady_width

RATE_STEPS = RANGES["speech_rate"].steps
VOLUME = RANGES["speech_volume"]
VOLUME_STEP = VOLUME.steps[1] - VOLUME.steps[0]   # Quieter and Louder change it by this much


class SpeechBar(QWidget):
    """Buttons that drive the reading. Signals carry the user's intent; the window decides.

    ``sig_read()`` read or pause/resume; ``sig_stop()``; ``sig_previous()``; ``sig_next()``;
    ``sig_repeat()``; ``sig_read_from_cursor()``; ``sig_rate(int percent)``;
    ``sig_volume(int percent)``.
    """

    sig_read = Signal()
    sig_stop = Signal()
    sig_previous = Signal()
    sig_next = Signal()
    sig_repeat = Signal()
    sig_read_from_cursor = Signal()
    sig_rate = Signal(int)
    sig_volume = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("speechbar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.read_button = QPushButton()
        self.stop_button = QPushButton()
        self.previous_button = QPushButton()
        self.repeat_button = QPushButton()
        self.next_button = QPushButton()
        self.from_here_button = QPushButton()
        self.slower_button = QPushButton()
        self.rate_label = QLabel()
        self.faster_button = QPushButton()
        self.quieter_button = QPushButton()
        self.volume_label = QLabel()
        self.louder_button = QPushButton()
        self.more_button = QPushButton()
        self.more_button.setCheckable(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.hide()   # shown while there is a message
        self.slower_button.clicked.connect(lambda: self._step_rate(-1))
        self.faster_button.clicked.connect(lambda: self._step_rate(1))
        self.quieter_button.clicked.connect(lambda: self._step_volume(-VOLUME_STEP))
        self.louder_button.clicked.connect(lambda: self._step_volume(VOLUME_STEP))
        self.rate = Settings().speech_rate
        self.volume = Settings().speech_volume
        self.state = ReadingState.IDLE
        # Read aloud is as wide as its widest words in the font it is drawn with: measured
        # again when its style or font changes (the window's style sheet reaches it after
        # the texts are set), so the buttons after it never move once shown.
        self._measuring = False
        self.read_button.installEventFilter(self)
        self._theme: Theme | None = None
        self._px = 18

    def _step_rate(self, step: int) -> None:
        steps = [s for s in RATE_STEPS if (s > self.rate if step > 0 else s < self.rate)]
        if steps:
            self.rate = steps[0] if step > 0 else steps[-1]
            self.sig_rate.emit(self.rate)
            self.retranslate()

    def _step_volume(self, delta: int) -> None:
        volume = int(max(VOLUME.low, min(VOLUME.high, self.volume + delta)))
        if volume != self.volume:
            self.volume = volume
            self.sig_volume.emit(volume)
            self.retranslate()

    def buttons_by_action(self) -> dict[str, QPushButton]:
        """The buttons of the read-aloud commands (``ui/actions.py``), by the command's id: the
        window makes each trigger its command, which emits the signal here."""
        return {"read": self.read_button, "stop": self.stop_button,
                "previous": self.previous_button, "next": self.next_button,
                "repeat": self.repeat_button, "from_here": self.from_here_button}

    def groups(self) -> list[list[QWidget]]:
        """The rest, in groups for the window's "More" panel: sentence by sentence, speed,
        volume."""
        return [[self.previous_button, self.repeat_button, self.next_button,
                 self.from_here_button], [self.slower_button, self.rate_label, self.faster_button],
                [self.quieter_button, self.volume_label, self.louder_button]]

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.read_button and not self._measuring and event.type() in (
                QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._measuring = True
            steady_width(self.read_button, state_labels("read"))
            self._measuring = False
        return False

    def set_values(self, rate: int, volume: int) -> None:
        self.rate, self.volume = rate, volume
        self.retranslate()

    def set_state(self, state: str) -> None:
        self.state = state
        self.retranslate()

    def set_message(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.setVisible(bool(text))

    def apply_theme(self, theme: Theme, px: int) -> None:
        self._theme, self._px = theme, px
        self.retranslate()

    def retranslate(self) -> None:
        theme = self._theme

        def setup(button: QPushButton, text: str, name: str, icon_name: str,
                  description: str = "") -> None:
            setup_button(button, text, name, icon_name, theme, self._px, description)

        for command_id, button in self.buttons_by_action().items():
            setup_command_button(button, command_id, theme, self._px,
                                 state=self.state if command_id == "read" else "")
        setup(self.slower_button, _("Slower"), _("Read slower"), "previous")
        setup(self.faster_button, _("Faster"), _("Read faster"), "next")
        setup(self.quieter_button, _("Quieter"), _("Lower volume"), "volume-down")
        setup(self.louder_button, _("Louder"), _("Higher volume"), "volume-up")
        steady_width(self.read_button, state_labels("read"))
        # Stop shows while there is something to stop (last in the row: nothing moves).
        active = self.state in UNDER_WAY
        self.stop_button.setEnabled(active)
        self.stop_button.setVisible(active)
        self.rate_label.setText(_("Speed %d %%") % self.rate)
        self.rate_label.setAccessibleName(_("Speed %d percent") % self.rate)
        self.volume_label.setText(_("Volume %d %%") % self.volume)
        self.volume_label.setAccessibleName(_("Volume %d percent") % self.volume)
        for label, widest in ((self.rate_label, _("Speed %d %%") % RANGES["speech_rate"].high),
                              (self.volume_label, _("Volume %d %%") % VOLUME.high)):
            # A fixed width, so Slower/Faster and Quieter/Louder never move when pressed.
            label.ensurePolished()
            label.setFixedWidth(QFontMetrics(label.font()).horizontalAdvance(widest) + 12)
        self.slower_button.setEnabled(self.rate > RATE_STEPS[0])
        self.faster_button.setEnabled(self.rate < RATE_STEPS[-1])
        self.quieter_button.setEnabled(self.volume > VOLUME.low)
        self.louder_button.setEnabled(self.volume < VOLUME.high)

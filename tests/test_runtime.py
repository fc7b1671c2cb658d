"""The Qt binding survives the long runs a kiosk makes: many calls, then a clean exit."""
import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
app = QApplication([])
button, label = QPushButton(), QLabel()
for i in range(20000):
    button.setText(str(i % 7))
    button.setEnabled(i % 2 == 0)
    label.setText("x")
print("done")
"""


def test_many_void_calls_then_a_clean_exit():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "done"

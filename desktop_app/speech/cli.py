"""Command-line speech: ``voices`` (JSON list) and ``say`` (text -> WAV and/or the sound output,
through the app's own pipeline)."""
from __future__ import annotations

import json
import os
import sys
import tempfile

from desktop_app.i18n import _


def cmd_voices() -> int:
    """Print the engine's voices as JSON: ``[{"id", "name", "languages"}, ...]``."""
    from desktop_app.speech import engine
    try:
        voices = engine.shared_worker().voices(timeout=20)
    except engine.EngineError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a timeout or a driver failure
        print(_("The list of voices could not be read: %s") % (exc or type(exc).__name__),
              file=sys.stderr)
        return 1
    json.dump([{"id": v.id, "name": v.name, "languages": list(v.languages)} for v in voices],
              sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def cmd_say(lang: str, out: str | None, text: str, voice: str | None = None, rate: int = 100,
            play: bool = False, timings: str | None = None) -> int:
    """Say ``text`` in ``lang`` into the WAV file ``out`` and/or (``play``) on the sound output,
    with the word timings in ``timings`` (JSON); 0 on success, 1 with a message on stderr
    otherwise."""
    from desktop_app.speech.engine import RATE_MAX, RATE_MIN, EngineError
    from desktop_app.speech.synth import synthesize_to_file
    if not text.strip():
        print(_("There is nothing to read here."), file=sys.stderr)
        return 1
    if not RATE_MIN <= rate <= RATE_MAX:
        print(_("The speed must be between %(low)d and %(high)d percent.")
              % {"low": RATE_MIN, "high": RATE_MAX}, file=sys.stderr)
        return 1
    if voice:
        from desktop_app.speech.voices import list_voices, voice_for
        chosen = voice_for(lang, list_voices(), voice)
        if chosen is not None and chosen.id.lower() != voice.lower():
            print(_("The voice %(asked)s does not speak this language; using %(used)s.")
                  % {"asked": voice, "used": chosen.id}, file=sys.stderr)
    scratch = None
    if not out:
        handle, scratch = tempfile.mkstemp(suffix=".wav", prefix="say-")
        os.close(handle)
        out = scratch
    try:
        synthesize_to_file(text, lang, out, voice_id=voice, rate=rate, timings_out=timings)
        return play_file(out) if play else 0
    except EngineError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        if scratch:
            os.unlink(scratch)


def play_file(path: str) -> int:
    """Play a sound file with the app's player; returns when it has been heard (0) or failed
    (1, with the reason on stderr)."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from desktop_app.speech.player import Player
    app = QCoreApplication.instance() or QCoreApplication([])
    player = Player()
    outcome = {"code": 1}

    def finished() -> None:
        outcome["code"] = 0
        app.quit()

    def failed(message: str) -> None:
        print(message, file=sys.stderr)
        app.quit()

    player.sig_finished.connect(finished)
    player.sig_error.connect(failed)
    QTimer.singleShot(0, lambda: player.play(path))
    # A sound output that takes it but never plays it must not hang the command.
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: failed(_("The sound was not played.")))
    QTimer.singleShot(0, lambda: watchdog.start(3 * player.duration() + 5000))
    app.exec()
    player.stop()
    return outcome["code"]

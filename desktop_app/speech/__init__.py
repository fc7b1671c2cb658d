"""Text-to-speech: normalisation, voices, word timings, the speech sequence planner and the
sound handling (``pcm``), all without Qt; the engine worker and sound cache; the Qt
synthesizer, the continuous player and the reading session; and the ``voices``/``say``
commands.

Import the modules directly (``desktop_app.speech.session`` etc.); this package imports nothing,
so the Qt-free parts stay usable without Qt.
"""

"""Text-to-speech: normalisation and voices (no Qt), the engine worker and sound cache, the
Qt synthesizer, player and reading session, and the ``voices``/``say`` commands.

Import the modules directly (``desktop_app.speech.session`` etc.); this package imports nothing,
so the Qt-free parts stay usable without Qt.
"""

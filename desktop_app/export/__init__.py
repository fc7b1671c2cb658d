"""Take it home: chosen pages as an EPUB 3 talking book or as MP3 files (no Qt).

``book`` plans the sections, ``markup`` cuts them into sentences and words, ``audio`` joins and
encodes the sound, ``smil`` and ``epub`` write the package, ``runner`` does it all off the UI
thread, ``cli`` is the ``export`` command. The dialog is ``desktop_app/ui/export_dialog.py``.
"""

"""Word timings of the spoken text placed on the sentence as it is shown (no Qt).

What the engine speaks is the sentence after ``speakable()``: "§ 104" is said as "paragraf 104",
"bl.a." as "blandt andet". The engine's word positions point into that spoken text, so they are
matched word by word against the shown sentence; a spoken phrase that stands for other shown
words ("paragraf 104" for "§ 104") highlights those words while it is heard.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from desktop_app.speech.timings import WordTiming

_TOKEN = re.compile(r"[\w§%]+(?:[-'’.,][\w]+)*")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0).lower()) for m in _TOKEN.finditer(text)]


def shown_words(shown: str, words: list[WordTiming]) -> list[tuple[int, int, int]]:
    """``(start_ms, char, length)`` for the shown sentence, in time order: one entry per
    moment the highlighted word changes."""
    seen = _tokens(shown)
    heard = [w.word.lower() for w in words]
    matcher = SequenceMatcher(a=heard, b=[t[2] for t in seen], autojunk=False)
    marks: list[tuple[int, int, int]] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(a2 - a1):
                start, end, _word = seen[b1 + k]
                marks.append((words[a1 + k].start_ms, start, end - start))
        elif tag == "replace":
            start, end = seen[b1][0], seen[b2 - 1][1]
            marks.append((words[a1].start_ms, start, end - start))
        # "delete": spoken words with nothing shown for them; "insert": shown, not spoken.
    return sorted(marks)

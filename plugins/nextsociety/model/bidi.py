"""Latin runs inside right-to-left text, so a template can isolate them (`<bdi>`).

Without isolation, a Latin name followed by punctuation in Arabic text ("THE NEXT SOCIETY،")
can be reordered by the bidirectional algorithm; isolating each run keeps the reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A run of Latin words, with the joiners names use inside them ("R&D", "Euro-méditerranéen").
_LATIN_RUN = re.compile(
    r"[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f]*"
    r"(?:[ \-–.'’&@/]+[A-Za-z0-9\u00c0-\u024f]+)*"
)


@dataclass(frozen=True)
class Segment:
    text: str
    isolate: bool  # True for a left-to-right run to wrap in <bdi> inside right-to-left text


def segments(text: str, direction: str) -> tuple[Segment, ...]:
    """Split `text` into plain parts and Latin runs; in left-to-right text nothing is isolated."""
    if direction != "rtl":
        return (Segment(text, False),) if text else ()
    parts: list[Segment] = []
    position = 0
    for match in _LATIN_RUN.finditer(text):
        if match.start() > position:
            parts.append(Segment(text[position : match.start()], False))
        parts.append(Segment(match.group(), True))
        position = match.end()
    if position < len(text):
        parts.append(Segment(text[position:], False))
    return tuple(parts)

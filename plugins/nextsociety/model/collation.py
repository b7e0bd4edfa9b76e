"""Sorting text the way readers of a language expect, with the Unicode Collation Algorithm.

pyuca implements the UCA with the default table (DUCET), which orders French accents
("Égypte" among the E) and Arabic letters correctly; Python's `sorted` orders by code
point and would put every accented or lowercase initial after "Z".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import pyuca

SortKey = Callable[[str], tuple[tuple[int, ...], str]]

# pyuca's sort key costs more than linear time in the text's length; names differ within their
# first words, so the key is taken on a prefix and ties fall back to the whole text.
COLLATION_PREFIX = 80


@lru_cache(maxsize=1)
def _collator() -> pyuca.Collator:
    return pyuca.Collator()  # loads the ~2 MB table once per process


def collation_key(lang: str) -> SortKey:
    """A sort key for text in `lang`; the DUCET has no per-language tailoring that our
    languages need, so every language shares one table (ICU would be the next step)."""
    del lang  # kept in the signature so a tailored collator can replace this one
    collator = _collator()
    return lambda text: (tuple(collator.sort_key(text[:COLLATION_PREFIX])), text)

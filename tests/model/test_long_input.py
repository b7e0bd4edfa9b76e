"""A very long field costs linear time: a 200 KB registry name once took minutes to sort
(pyuca's key is superlinear in the text's length). Bounds are generous: a hang, not a speed."""

from __future__ import annotations

import time

from nextsociety.model.bidi import segments
from nextsociety.model.collation import collation_key


def test_collation_of_a_very_long_name_is_fast_and_still_ordered():
    key = collation_key("fr")
    long_name = "Agence " * 30_000
    started = time.perf_counter()
    ordered = sorted(["Tunisie", long_name, "Égypte", long_name + "b", "Agence"], key=key)
    assert time.perf_counter() - started < 1.0
    assert ordered == ["Agence", long_name, long_name + "b", "Égypte", "Tunisie"]


def test_bidi_segments_of_a_very_long_text_are_fast():
    started = time.perf_counter()
    parts = segments("ACCIÓ، " * 40_000 + "a-" * 40_000, "rtl")
    assert time.perf_counter() - started < 1.0
    assert parts[0].text == "ACCIÓ" and parts[0].isolate

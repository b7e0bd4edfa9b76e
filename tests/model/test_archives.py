"""Unit tests for listings: pagination, related items, neighbours, localized dates."""

from __future__ import annotations

import datetime as dt

import pytest
from babel import Locale
from nextsociety.render.archives import neighbours, paginate, related_map
from nextsociety.render.dates import date_range, long_date


def test_paginate_sizes():
    assert [len(p.items) for p in paginate(list(range(25)), 10)] == [10, 10, 5]
    assert [(p.number, p.count) for p in paginate([], 10)] == [(1, 1)]
    pages = paginate(list(range(11)), 10)
    assert (
        pages[0].has_next
        and not pages[0].has_previous
        and pages[1].has_previous
        and not pages[1].has_next
    )


def test_related_prefers_most_shared_then_nearest():
    refs = {"a": {"x", "y"}, "b": {"x"}, "c": {"x", "y"}, "d": {"z"}, "e": {"y"}}
    items = list(refs)
    related = related_map(items, lambda i: i, lambda i: refs[i], limit=3)
    assert related["a"] == ["c", "b", "e"]
    assert related["d"] == []


def test_related_is_bounded_by_the_window():
    items = list(range(200))
    related = related_map(items, lambda i: i, lambda i: {"same"}, limit=3, window=5)
    assert related[100] == [99, 101, 98]


def test_neighbours_in_newest_first_order():
    assert neighbours(0, ["new", "mid", "old"]) == (None, "mid")
    assert neighbours(2, ["new", "mid", "old"]) == ("mid", None)


LOCALES = {code: Locale.parse(code) for code in ("en_GB", "fr", "ar")}
NOV_19, NOV_23, NOV_30 = dt.date(2018, 11, 19), dt.date(2018, 11, 23), dt.date(2018, 11, 30)
DEC_2, DEC_30, JAN_2 = dt.date(2018, 12, 2), dt.date(2018, 12, 30), dt.date(2019, 1, 2)


# The site's date shapes, written out: "\u2013" is the en dash, "\u2009" a thin space. They are a
# product decision (render/dates.py) and must not move when a new CLDR release changes its
# interval patterns; only the month names come from CLDR.
@pytest.mark.parametrize(
    ("code", "start", "end", "shown"),
    [
        ("en_GB", NOV_19, None, "19 November 2018"),
        ("fr", NOV_19, NOV_19, "19 novembre 2018"),
        ("ar", NOV_19, None, "19 \u0646\u0648\u0641\u0645\u0628\u0631 2018"),
        ("en_GB", NOV_19, NOV_23, "19\u201323 November 2018"),
        ("fr", NOV_19, NOV_23, "19\u201323 novembre 2018"),
        ("ar", NOV_19, NOV_23, "19\u201323 \u0646\u0648\u0641\u0645\u0628\u0631 2018"),
        ("en_GB", NOV_30, DEC_2, "30 November\u2009\u2013\u20092 December 2018"),
        ("fr", NOV_30, DEC_2, "30 novembre\u2009\u2013\u20092 d\u00e9cembre 2018"),
        (
            "ar",
            NOV_30,
            DEC_2,
            (
                "30 \u0646\u0648\u0641\u0645\u0628\u0631\u2009\u2013\u20092 "
                "\u062f\u064a\u0633\u0645\u0628\u0631 2018"
            ),
        ),
        ("en_GB", DEC_30, JAN_2, "30 December 2018\u2009\u2013\u20092 January 2019"),
        ("fr", DEC_30, JAN_2, "30 d\u00e9cembre 2018\u2009\u2013\u20092 janvier 2019"),
        (
            "ar",
            DEC_30,
            JAN_2,
            (
                "30 \u062f\u064a\u0633\u0645\u0628\u0631 2018\u2009\u2013\u20092 "
                "\u064a\u0646\u0627\u064a\u0631 2019"
            ),
        ),
    ],
)
def test_localized_dates_and_ranges(code, start, end, shown):
    assert date_range(start, end, LOCALES[code]) == shown
    if end is None:
        assert long_date(start, LOCALES[code]) == shown


def test_arabic_dates_keep_western_digits():
    # Babel's `ar` numbers with Latin digits (the programme's usage); a CLDR change to Arabic-Indic
    # digits would change every Arabic date on the site and must be a decision, not an upgrade.
    assert long_date(dt.date(2018, 11, 19), LOCALES["ar"]).startswith("19 ")

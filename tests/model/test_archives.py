"""Unit tests for listings: pagination, related items, neighbours, localized dates."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from nextsociety.render.archives import neighbours, paginate, related_map
from nextsociety.render.dates import date_range, long_date


def test_paginate_sizes():
    assert [len(p.items) for p in paginate(list(range(25)), 10)] == [10, 10, 5]
    assert [(p.number, p.count) for p in paginate([], 10)] == [(1, 1)]
    pages = paginate(list(range(11)), 10)
    assert pages[0].has_next and not pages[0].has_previous and pages[1].has_previous and not pages[1].has_next


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


def test_localized_dates_and_ranges():
    en, fr, ar = (Locale.parse(code) for code in ("en_GB", "fr", "ar"))
    assert long_date(dt.date(2018, 11, 19), fr) == "19 novembre 2018"
    assert date_range(dt.date(2018, 11, 19), dt.date(2018, 11, 23), en) == "19–23 November 2018"
    assert date_range(dt.date(2018, 11, 19), dt.date(2018, 11, 23), fr) == "19–23 novembre 2018"
    assert date_range(dt.date(2018, 11, 19), dt.date(2018, 11, 23), ar) == "19–23 نوفمبر 2018"
    assert date_range(dt.date(2018, 11, 30), dt.date(2018, 12, 2), fr) == "30 novembre\u2009–\u20092 décembre 2018"
    assert date_range(dt.date(2018, 11, 19), None, en) == "19 November 2018"

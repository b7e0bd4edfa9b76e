"""Localized dates and date ranges through Babel (CLDR), never hand-translated."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date


@lru_cache(maxsize=4096)  # listings show the same dates over and over
def long_date(value: dt.date, locale: Locale) -> str:
    """'19 November 2018' (en_GB), '19 novembre 2018', '19 نوفمبر 2018'."""
    return format_date(value, format="long", locale=locale)


def date_range(start: dt.date, end: dt.date | None, locale: Locale) -> str:
    """'19–23 November 2018', '19–23 novembre 2018', '19–23 نوفمبر 2018'.

    CLDR's interval patterns (the ones Babel's format_interval uses) exist for abbreviated
    months only; we take the locale's `yMMMd` interval pattern and spell the month out.
    """
    if end is None or end == start:
        return long_date(start, locale)
    greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    first, second = (half.replace("MMM", "MMMM") for half in locale.interval_formats["yMMMd"][greatest])
    return format_date(start, first, locale=locale) + format_date(end, second, locale=locale)


@lru_cache(maxsize=1024)
def month_year(value: dt.date, locale: Locale) -> str:
    """'November 2018', 'novembre 2018', 'نوفمبر 2018': a date known to the month only."""
    return format_date(value, "MMMM y", locale=locale)


def date_or_month(day: dt.date, precision: str, locale: Locale) -> str:
    """`long_date`, or `month_year` when `precision` is "month": never more precise than the source."""
    return month_year(day, locale) if precision == "month" else long_date(day, locale)

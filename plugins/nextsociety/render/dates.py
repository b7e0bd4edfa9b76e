"""Localized dates and date ranges: month names from Babel (CLDR), the shape is ours.

How a date reads is a product decision, the same in English, French and Arabic, and it does not
change when a new CLDR release changes its interval patterns:

- one day:                 "19 November 2018", "19 novembre 2018", "19 نوفمبر 2018"
- days of one month:       "19–23 November 2018" (en dash, unspaced between the two days)
- across months or years:  "30 November – 2 December 2018", "30 December 2018 – 2 January 2019"
  (en dash between thin spaces, U+2009, because each side has a space of its own)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

DAY = "d"
DAY_MONTH = "d MMMM"
DAY_MONTH_YEAR = "d MMMM y"
EN_DASH = "\u2013"
SPACED_EN_DASH = "\u2009\u2013\u2009"


@lru_cache(maxsize=4096)  # listings show the same dates over and over
def long_date(value: dt.date, locale: Locale) -> str:
    """'19 November 2018' (en_GB), '19 novembre 2018', '19 نوفمبر 2018'."""
    return format_date(value, DAY_MONTH_YEAR, locale=locale)


def date_range(start: dt.date, end: dt.date | None, locale: Locale) -> str:
    """'19–23 November 2018', '30 novembre – 2 décembre 2018', '19–23 نوفمبر 2018'."""
    if end is None or end == start:
        return long_date(start, locale)
    if (start.year, start.month) == (end.year, end.month):
        return format_date(start, DAY, locale=locale) + EN_DASH + long_date(end, locale)
    first = DAY_MONTH if start.year == end.year else DAY_MONTH_YEAR
    return format_date(start, first, locale=locale) + SPACED_EN_DASH + long_date(end, locale)


@lru_cache(maxsize=1024)
def month_year(value: dt.date, locale: Locale) -> str:
    """'November 2018', 'novembre 2018', 'نوفمبر 2018': a date known to the month only."""
    return format_date(value, "MMMM y", locale=locale)


def date_or_month(day: dt.date, precision: str, locale: Locale) -> str:
    """`long_date`, or `month_year` when `precision` is "month": never more precise than
    the source."""
    return month_year(day, locale) if precision == "month" else long_date(day, locale)

"""The build's "now": what is embargoed, what is upcoming, what was announced long ago.

Time is an input: NEXTSOCIETY_BUILD_DATE (tests and previews) wins, else SOURCE_DATE_EPOCH
(the reproducible-builds convention), else the clock. "Today" is the UTC day of that instant.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

BUILD_DATE_ENV = "NEXTSOCIETY_BUILD_DATE"
SOURCE_DATE_EPOCH_ENV = "SOURCE_DATE_EPOCH"


def build_instant(environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """The build's instant, time-zone aware (UTC unless the test variable gives a zone).

    NEXTSOCIETY_BUILD_DATE is a day (YYYY-MM-DD: 00:00 UTC that day) or an instant with its
    zone (2026-12-10T09:59:00+01:00); SOURCE_DATE_EPOCH is seconds since 1970.
    """
    value = environ.get(BUILD_DATE_ENV)
    if value:
        return _test_instant(value)
    epoch = environ.get(SOURCE_DATE_EPOCH_ENV)
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise ValueError(
                f"{SOURCE_DATE_EPOCH_ENV}='{epoch}' is not a number of seconds since 1970"
            ) from None
    return dt.datetime.now(dt.UTC)


def build_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    """The build's "today": the UTC day of `build_instant()`."""
    return utc_day(build_instant(environ))


def utc_day(instant: dt.datetime) -> dt.date:
    return instant.astimezone(dt.UTC).date()


def _test_instant(value: str) -> dt.datetime:
    hint = "write YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS+01:00 with its time zone"
    try:
        if len(value) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), dt.UTC)
        instant = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{BUILD_DATE_ENV}='{value}' is not a date ({hint})") from None
    if instant.tzinfo is None:
        raise ValueError(f"{BUILD_DATE_ENV}='{value}' has no time zone ({hint})")
    return instant

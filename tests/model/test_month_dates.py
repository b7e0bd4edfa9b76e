"""Dates as precise as the source: `date: 2018-11` (month only) and `announced:` on planned events."""

from __future__ import annotations

import datetime as dt

import pytest
from babel import Locale
from nextsociety.model.errors import DataError
from nextsociety.model.events import load_events
from nextsociety.model.languages import parse_languages
from nextsociety.model.news import load_news
from nextsociety.model.references import KnownIds
from nextsociety.render.dates import date_or_month

LANGS = parse_languages(
    "en",
    {"en": {"name": "English", "site_name": "S"}, "fr": {"name": "Français", "site_name": "S"}},
)


def news(date: str, translation_date: str | None = None) -> list[tuple[str, str]]:
    sources = [
        (
            "news/2018/visit.md",
            f"---\ntitle: T\ndate: {date}\ntype: press-release\nsummary: S\n---\nx\n",
        )
    ]
    if translation_date:
        sources.append(
            (
                "news/2018/visit.fr.md",
                f"---\ntitle: T\nsummary: S\ndate: {translation_date}\n---\nx\n",
            )
        )
    return sources


def test_a_month_only_date_sorts_and_publishes_at_the_end_of_its_month() -> None:
    (item,) = load_news(news("2018-11", translation_date="2018-11"), LANGS, KnownIds())
    assert (item.date, item.date_precision, item.published.iso) == (
        dt.date(2018, 11, 30),
        "month",
        "2018-11",
    )
    last_evening = dt.datetime(2018, 11, 29, 23, 59, tzinfo=dt.UTC)
    assert not item.is_public(last_evening)
    assert item.is_public(last_evening + dt.timedelta(minutes=1))
    (day,) = load_news(news("2018-11-26"), LANGS, KnownIds())
    assert (day.date_precision, day.published.iso) == ("day", "2018-11-26")


@pytest.mark.parametrize(
    ("date", "translation", "message"),
    [
        ("2018-13", None, "content/news/2018/visit.md:3: 'date': '2018-13' is not a month"),
        (
            "2018-11",
            "2018-11-30",
            "content/news/2018/visit.fr.md:4: date 2018-11-30 differs from the original's 2018-11",
        ),
    ],
)
def test_month_dates_are_validated(date: str, translation: str | None, message: str) -> None:
    with pytest.raises(DataError) as caught:
        load_news(news(date, translation), LANGS, KnownIds())
    assert message in caught.value.report()


@pytest.mark.parametrize(
    ("locale", "shown"),
    [("en_GB", "November 2018"), ("fr", "novembre 2018"), ("ar", "نوفمبر 2018")],
)
def test_a_month_only_date_is_shown_without_a_day(locale: str, shown: str) -> None:
    assert date_or_month(dt.date(2018, 11, 30), "month", Locale.parse(locale)) == shown


def planned(announced: str) -> str:
    return f"---\ntitle: T\nsummary: S\nstatus: planned\nannounced: {announced}\nlocation:\n  country: BE\n---\nx\n"


def test_a_planned_event_announced_over_a_year_ago_is_no_longer_upcoming() -> None:
    (event,) = load_events([("events/planned/wallonia.md", planned("2018-11"))], LANGS, KnownIds())
    assert event.announced is not None and event.announced.iso == "2018-11"
    assert event.is_upcoming(dt.date(2018, 11, 26)) and not event.is_stale_announcement(
        dt.date(2018, 11, 26)
    )
    assert event.is_upcoming(dt.date(2019, 11, 30))  # a year after the month's last day: still
    assert not event.is_upcoming(dt.date(2019, 12, 1)) and event.is_stale_announcement(
        dt.date(2026, 12, 3)
    )
    (unknown,) = load_events(
        [("events/planned/x.md", planned("2018-11").replace("announced: 2018-11\n", ""))],
        LANGS,
        KnownIds(),
    )
    assert unknown.is_upcoming(dt.date(2026, 12, 3))  # no announcement date: nothing to judge by


def test_an_announcement_date_is_validated() -> None:
    with pytest.raises(DataError) as caught:
        load_events([("events/planned/wallonia.md", planned("2018-13"))], LANGS, KnownIds())
    assert (
        "content/events/planned/wallonia.md:5: 'announced': '2018-13' is not a month"
        in caught.value.report()
    )

"""Events: pages, archives, upcoming versus past, validation, and calendars parsed back."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from tests.conftest import REPO, tiny_mkdocs_yml
from tests.news.conftest import BASE_PAGES, news_file

PLUGINS = f"""- nextsociety/events: {{}}
- nextsociety/news:
    press_texts: {REPO / "data" / "press.yml"}
"""


def event_file(
    title: str,
    status: str = "confirmed",
    start: str | None = "2018-11-19",
    end: str | None = "2018-11-23",
    extra: str = "",
) -> str:
    dates = (f"start: {start}\n" if start else "") + (f"end: {end}\n" if end else "")
    return f'---\ntitle: "{title}"\nsummary: "About {title}."\nstatus: {status}\n{dates}location:\n  city: Barcelona\n  country: ES\n{extra}---\nBody.\n'


@pytest.fixture
def events_site(make_site):
    def build(files, today="2026-11-25"):
        return make_site(
            {**BASE_PAGES, **files},
            mkdocs_yml=tiny_mkdocs_yml(extra_plugins=PLUGINS),
            env={"NEXTSOCIETY_BUILD_DATE": today},
        )

    return build


@pytest.fixture
def events_check(check_site):
    """The problems of a tiny site with events and news, validated in-process."""

    def check(files):
        return check_site(
            {**BASE_PAGES, **files}, mkdocs_yml=tiny_mkdocs_yml(extra_plugins=PLUGINS)
        )

    return check


def titles(result, url, selector=".ns-entries .ns-entry__title a"):
    return [a.get_text(strip=True) for a in result.soup(url).select(selector)]


def test_date_ranges_in_three_languages(events_site):
    result = events_site(
        {
            "content/events/2018/visit.md": event_file("Visit"),
            "content/events/2018/visit.fr.md": "---\ntitle: Visite\nsummary: s\ncity: Barcelone\n---\nx\n",
        }
    )
    assert result.returncode == 0, result.log
    assert (
        result.soup("events/2018/visit/").select_one(".ns-facts time").get_text()
        == "19–23 November 2018"
    )
    assert (
        result.soup("fr/events/2018/visit/").select_one(".ns-facts time").get_text()
        == "19–23 novembre 2018"
    )
    assert (
        result.soup("ar/events/2018/visit/").select_one(".ns-facts time").get_text()
        == "19–23 نوفمبر 2018"
    )
    assert (
        "Barcelone, Espagne"
        in result.soup("fr/events/2018/visit/").select_one(".ns-facts").get_text()
    )
    assert "إسبانيا" in result.soup("ar/events/2018/visit/").select_one(".ns-facts").get_text()


def test_event_crossing_a_year_boundary_is_in_its_start_year(events_site):
    result = events_site(
        {
            "content/events/2018/new-year.md": event_file(
                "New year", start="2018-12-30", end="2019-01-02"
            )
        }
    )
    assert result.returncode == 0, result.log
    assert titles(result, "events/2018/") == ["New year"]
    assert not (result.site / "events" / "2019").exists()
    assert (
        result.soup("events/2018/new-year/").select_one(".ns-facts time").get_text()
        == "30 December 2018\u2009–\u20092 January 2019"
    )


@pytest.mark.parametrize(
    ("today", "upcoming", "past"),
    [("2026-11-25", ["Soon", "Undated"], ["Old"]), ("2026-12-05", ["Undated"], ["Soon", "Old"])],
)
def test_upcoming_versus_past_depends_on_the_build_date(events_site, today, upcoming, past):
    result = events_site(
        {
            "content/events/2026/soon.md": event_file("Soon", start="2026-12-01", end="2026-12-02"),
            "content/events/2018/old.md": event_file("Old", status="held"),
            "content/events/planned/undated.md": event_file(
                "Undated", status="planned", start=None, end=None
            ),
        },
        today=today,
    )
    assert result.returncode == 0, result.log
    soup = result.soup("events/")
    assert [
        a.get_text(strip=True)
        for a in soup.select('section[aria-labelledby="ns-upcoming"] .ns-entry__title a')
    ] == upcoming
    assert [
        a.get_text(strip=True)
        for a in soup.select('section[aria-labelledby="ns-past"] .ns-entry__title a')
    ] == past
    assert "Dates to be announced" in result.html("events/planned/undated/")
    assert "Dates à préciser" in result.html("fr/events/planned/undated/")


def test_calendar_files_parse_back(events_site):
    result = events_site(
        {
            "content/events/2018/visit.md": event_file(
                "Visit; with ACCIÓ, and partners", status="held"
            ),
            "content/events/2018/visit.fr.md": "---\ntitle: Visite\nsummary: Résumé, en français\n---\nx\n",
            "content/events/planned/undated.md": event_file(
                "Undated", status="planned", start=None, end=None
            ),
        }
    )
    assert result.returncode == 0, result.log
    raw = (result.site / "events" / "calendar.ics").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    assert len(events) == 1  # the planned event has no date: not in the calendar
    event = events[0]
    assert str(event["SUMMARY"]) == "Visit; with ACCIÓ, and partners"
    assert b"Visit\\; with ACCI" in raw  # escaped in the file
    assert event.decoded("DTSTART") == dt.date(2018, 11, 19)
    assert event.decoded("DTEND") == dt.date(2018, 11, 24)  # exclusive
    assert str(event["UID"]) == "visit@thenextsociety.co"
    assert event.decoded("DTSTAMP") == dt.datetime(2018, 11, 19, tzinfo=dt.UTC)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == "https://example.org/events/2018/visit/"
    assert str(event["LOCATION"]) == "Barcelona, Spain"
    fr = icalendar.Calendar.from_ical(
        (result.site / "fr" / "events" / "visit.ics").read_bytes()
    ).walk("VEVENT")[0]
    assert str(fr["SUMMARY"]) == "Visite" and str(fr["LOCATION"]) == "Barcelona, Espagne"
    assert str(fr["UID"]) == "visit@thenextsociety.co"
    assert not (result.site / "events" / "undated.ics").exists()
    links = [a["href"] for a in result.soup("events/2018/visit/").select(".ns-calendar-links a")]
    assert links == ["../../visit.ics", "../../calendar.ics"]


def test_timed_event_with_a_time_zone(events_site):
    result = events_site(
        {
            "content/events/2019/talk.md": event_file(
                "Talk",
                start="2019-03-01 09:30",
                end="2019-03-01 17:00",
                extra="timezone: Europe/Brussels\n",
            )
        }
    )
    assert result.returncode == 0, result.log
    event = icalendar.Calendar.from_ical((result.site / "events" / "talk.ics").read_bytes()).walk(
        "VEVENT"
    )[0]
    start = event.decoded("DTSTART")
    assert (
        start.isoformat() == "2019-03-01T09:30:00+01:00" and str(start.tzinfo) == "Europe/Brussels"
    )


def test_news_and_event_link_each_other(events_site):
    result = events_site(
        {
            "content/events/2018/visit.md": event_file("Visit", status="held"),
            "content/news/2018/release.md": news_file(
                "Release", "2018-11-30", "press-release", extra="events: [visit]\n"
            ),
        }
    )
    assert result.returncode == 0, result.log
    assert titles(result, "events/2018/visit/") == ["Release"]
    assert [
        a.get_text() for a in result.soup("fr/news/2018/release/").select(".ns-item__mentions a")
    ] == ["Visit"]


def test_validation_errors_with_lines(events_check):
    result = events_check(
        {
            "content/events/2018/a.md": "---\ntitle: A\nsummary: s\nstart: 2018-11-19\nlocation: {country: ES}\n---\n",
            "content/events/2018/b.md": event_file("B", status="done"),
            "content/events/2018/c.md": event_file("C", start="2018-11-23", end="2018-11-19"),
            "content/events/2018/d.md": event_file("D", start=None, end=None),
            "content/events/2018/e.md": event_file("E", extra="hosts: [acio]\n"),
            "content/events/2019/f.md": event_file(
                "F",
                start="2019-03-01 09:00",
                end="2019-03-01 10:00",
                extra="timezone: Europe/Brusels\n",
            ),
            "content/events/2018/g.md": event_file("G", extra="location2: x\n").replace(
                "country: ES", "country: XX"
            ),
            "content/news/2018/n.md": news_file("N", "2018-11-30", extra="events: [vist]\n"),
            "content/events/2018/vist-typo.md": event_file("Typo"),
        }
    )
    assert result.returncode != 0
    log = result.log
    for line in [
        "content/events/2018/a.md:2: an event's front matter is missing the required key 'status'",
        "content/events/2018/b.md:4: unknown status 'done' (use planned, confirmed, held, cancelled)",
        "content/events/2018/c.md:6: the event ends (2018-11-19) before it starts (2018-11-23)",
        "content/events/2018/d.md:2: a confirmed event needs a 'start' date",
        "content/events/2018/e.md:10: unknown partner id 'acio'",
        "content/events/2019/f.md:10: unknown time zone 'Europe/Brusels' (did you mean 'Europe/Brussels'?)",
        "content/events/2018/g.md:9: unknown country code 'XX'",
        "content/events/2018/g.md:10: unknown key 'location2' in an event's front matter",
    ]:
        assert line in log, f"missing: {line}\n{log}"


def test_news_reference_to_an_unknown_event_suggests_the_closest(events_check):
    result = events_check(
        {
            "content/events/2018/visit.md": event_file("Visit"),
            "content/news/2018/n.md": news_file("N", "2018-11-30", extra="events: [vist]\n"),
        }
    )
    assert result.returncode != 0
    assert "content/news/2018/n.md:6: unknown event id 'vist' (did you mean 'visit'?)" in result.log


def test_a_dated_event_in_the_planned_folder_or_the_wrong_year(events_check):
    result = events_check({"content/events/2019/visit.md": event_file("Visit")})
    assert result.returncode != 0
    assert (
        "content/events/2019/visit.md:5: starts in 2018 but is filed under events/2019/ (move it to events/2018/)"
        in result.log
    )


def test_event_countries_and_addresses_follow_the_registries_rules(events_check):
    result = events_check(
        {
            "content/events/2018/eu.md": event_file("EU").replace("country: ES", "country: EU"),
            "content/events/2018/uk.md": event_file("UK").replace("country: ES", "country: UK"),
            "content/events/2018/reg.md": event_file(
                "Reg", extra="registration: http://example.org/\n"
            ),
        }
    )
    assert "content/events/2018/eu.md:9: unknown country code 'EU'" in result.log
    assert (
        "content/events/2018/uk.md:9: unknown country code 'UK' (did you mean 'GB' (United Kingdom)?)"
        in result.problems
    )
    assert (
        "content/events/2018/reg.md:10: 'registration': 'http://example.org/' is not an https:// "
        "web address such as https://www.thenextsociety.co/" in result.problems
    )

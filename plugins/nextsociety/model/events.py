"""Events: front matter validated into records, one per event, with its translations.

A dated event is `content/events/<year>/<slug>.md` (the year of its start); an event whose
dates are not fixed yet is `planned` and lives in `content/events/planned/<slug>.md`, so no
date is ever invented. The slug is the event's id, referenced by news items (`events:`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from nextsociety.model.countries import country_hint, is_country
from nextsociety.model.errors import ProblemCollector, did_you_mean
from nextsociety.model.languages import Language, LanguageSet
from nextsociety.model.records import check_https_url
from nextsociety.model.references import (
    DateOrMonth,
    KnownIds,
    check_refs,
    parse_date,
    parse_date_or_month,
)
from nextsociety.model.schema import (
    Field,
    check_date_range,
    check_plain_text,
    check_record,
    check_slug,
)
from nextsociety.model.sources import SourceGroup, group_sources
from nextsociety.model.yamlio import LineDict

EVENT_STATUSES = ("planned", "confirmed", "held", "cancelled")
PLANNED_DIR = "planned"
_PATH_RE = re.compile(r"^events/(?P<folder>\d{4}|planned)/(?P<slug>[^/]+)\.md$")

ORIGINAL_FIELDS: dict[str, Field] = {
    "title": Field(str, required=True, check=check_plain_text),
    "summary": Field(str, required=True, check=check_plain_text),
    "status": Field(str, required=True),
    "start": Field((dt.date, str)),
    "end": Field((dt.date, str)),
    "timezone": Field(str),
    "location": Field(dict, required=True),
    "hosts": Field(list),
    "clusters": Field(list),
    "visits": Field(list),
    "programme": Field(str, check=check_slug),
    "registration": Field(str, check=check_https_url),
    "updated": Field((dt.date, str)),
    "announced": Field((dt.date, str)),  # when the source announced it: YYYY-MM-DD or YYYY-MM
}
TRANSLATION_FIELDS: dict[str, Field] = {
    "title": Field(str, required=True, check=check_plain_text),
    "summary": Field(str, required=True, check=check_plain_text),
    "city": Field(str, check=check_plain_text),  # the city's name in this language
    "region": Field(str, check=check_plain_text),
    "venue": Field(str, check=check_plain_text),
    "translated_from": Field(str),
}
LOCATION_FIELDS: dict[str, Field] = {
    "city": Field(str, check=check_plain_text),
    "region": Field(str, check=check_plain_text),
    "country": Field(str, required=True),
    "venue": Field(str, check=check_plain_text),
}


@dataclass(frozen=True)
class EventText:
    lang: Language
    src_uri: str
    title: str
    summary: str
    city: str | None = None
    region: str | None = None
    venue: str | None = None
    translated_from: str | None = None


@dataclass(frozen=True)
class Location:
    country: str  # ISO 3166-1 alpha-2
    city: str | None = None
    region: str | None = None
    venue: str | None = None


@dataclass(frozen=True)
class Event:
    id: str  # the slug: stable, ASCII, referenced by news items and used for the calendar UID
    key: str  # the original's path: events/2018/<slug>.md
    status: str
    location: Location
    start: dt.date | dt.datetime | None = None  # a datetime is always time-zone aware
    end: dt.date | dt.datetime | None = None  # inclusive last day (dates) or end time
    hosts: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()
    visits: tuple[str, ...] = ()
    programme: str | None = None
    registration: str | None = None
    updated: dt.date | None = None
    texts: Mapping[str, EventText] = field(default_factory=dict)
    announced: DateOrMonth | None = None  # when a source announced it (planned events)

    @property
    def is_dated(self) -> bool:
        return self.start is not None

    @property
    def start_day(self) -> dt.date | None:
        return _day(self.start)

    @property
    def end_day(self) -> dt.date | None:
        return _day(self.end) or self.start_day

    @property
    def year(self) -> int | None:
        day = self.start_day
        return day.year if day else None

    def is_upcoming(self, today: dt.date) -> bool:
        """Events not yet over on `today`, and planned ones without dates announced recently."""
        last = self.end_day
        if last is None:
            return not self.is_stale_announcement(today)
        return last >= today

    def is_stale_announcement(self, today: dt.date) -> bool:
        """No dates, and announced more than a year before `today`: no longer "upcoming"."""
        if self.start is not None or self.announced is None:
            return False
        day = self.announced.day  # a month-only date counts from the month's last day
        a_year_later = (
            day.replace(year=day.year + 1, day=28)
            if (day.month, day.day) == (2, 29)
            else day.replace(year=day.year + 1)
        )
        return today > a_year_later

    @property
    def original(self) -> EventText:
        return next(iter(self.texts.values()))

    def text(self, lang: Language) -> EventText:
        return self.texts.get(lang.code) or self.original

    def references(self) -> set[tuple[str, str]]:
        return {("partner", p) for p in self.hosts} | {
            ("cluster", c) for c in (*self.clusters, *self.visits)
        }


def _day(value: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def is_event_source(src_uri: str) -> bool:
    return src_uri.startswith("events/") and src_uri.endswith(".md")


def load_events(
    sources: Iterable[tuple[str, str]],
    languages: LanguageSet,
    known: KnownIds,
    content_dir: str = "content",
) -> list[Event]:
    """Validate every event source (src_uri, text); all problems of the run are raised together."""
    problems = ProblemCollector()
    misplaced = (
        (
            "an event must be at events/<year>/<slug>.md, or events/planned/<slug>.md while it "
            "has no "
            "date"
        ),
        None,
    )
    groups = group_sources(sources, languages, content_dir, _PATH_RE, misplaced, problems)
    events: list[Event] = []
    seen_ids: dict[str, str] = {}
    for group in groups:
        event = _load_event(group, languages, known, problems)
        if event is None:
            continue
        if event.id in seen_ids:
            problems.add(
                group.original.shown,
                None,
                f"another event already has the id '{event.id}' ({seen_ids[event.id]})",
                "event slugs must be unique across years",
            )
            continue
        seen_ids[event.id] = group.original.shown
        events.append(event)
    problems.raise_if_any()
    return sort_events(events)


def sort_events(events: list[Event]) -> list[Event]:
    """Dated events by start (newest last), then planned ones by id."""
    return sorted(events, key=lambda e: (e.start_day is None, e.start_day or dt.date.min, e.id))


def _load_event(
    group: SourceGroup, languages: LanguageSet, known: KnownIds, problems: ProblemCollector
) -> Event | None:
    key, shown, meta = group.key, group.original.shown, group.original.meta
    before = len(problems.problems)
    values = (
        check_record(meta, ORIGINAL_FIELDS, shown, meta.line, problems, "an event's front matter")
        or {}
    )
    match = _PATH_RE.match(key)
    assert match is not None
    slug = match["slug"]
    if check_slug(slug):
        problems.add(
            shown,
            None,
            f"the file name '{slug}' is not a slug",
            "use lowercase ASCII letters, digits and hyphens",
        )
    status = values.get("status")
    if status is not None and status not in EVENT_STATUSES:
        problems.add(
            shown,
            meta.line_of("status"),
            f"unknown status '{status}'",
            did_you_mean(status, EVENT_STATUSES) or "use " + ", ".join(EVENT_STATUSES),
        )
    start, end = _dates(values, meta, shown, status, problems)
    folder = match["folder"]
    start_day = _day(start)
    if start_day is not None and folder != str(start_day.year):
        problems.add(
            shown,
            meta.line_of("start"),
            f"starts in {start_day.year} but is filed under events/{folder}/",
            f"move it to events/{start_day.year}/",
        )
    if start is None and "start" not in values and folder != PLANNED_DIR and status == "planned":
        problems.add(
            shown,
            None,
            "a planned event without a date belongs in events/planned/",
            f"move it to events/planned/{slug}.md",
        )
    location = _location(values.get("location"), meta, shown, problems)
    registration = values.get("registration")
    hosts = check_refs(meta, values, "hosts", "partner", known, shown, problems)
    clusters = check_refs(meta, values, "clusters", "cluster", known, shown, problems)
    visits = check_refs(meta, values, "visits", "cluster", known, shown, problems)
    updated = parse_date(values.get("updated"), shown, meta.line_of("updated"), "updated", problems)
    announced = parse_date_or_month(
        values.get("announced"), shown, meta.line_of("announced"), "announced", problems
    )
    texts = _texts(group, languages, values, problems)
    if len(problems.problems) > before or status is None or location is None:
        return None
    return Event(
        id=slug,
        key=key,
        status=status,
        location=location,
        start=start,
        end=end,
        hosts=hosts,
        clusters=clusters,
        visits=visits,
        programme=values.get("programme"),
        registration=registration,
        updated=updated,
        texts=texts,
        announced=announced,
    )


Moment = dt.date | dt.datetime


def _dates(
    values: Mapping[str, Any], meta: LineDict, shown: str, status: Any, problems: ProblemCollector
) -> tuple[Moment | None, Moment | None]:
    """`start` and `end` in the event's time zone; an event that is not planned has a start."""
    tz = _timezone(values.get("timezone"), shown, meta.line_of("timezone"), problems)
    start = _moment(values.get("start"), tz, shown, meta.line_of("start"), "start", problems)
    end = _moment(values.get("end"), tz, shown, meta.line_of("end"), "end", problems)
    if start is None and "start" not in values and status in ("confirmed", "held", "cancelled"):
        problems.add(
            shown,
            meta.line,
            f"a {status} event needs a 'start' date",
            "add start: YYYY-MM-DD, or set status: planned while no date is fixed",
        )
    if end is not None and start is None and "start" not in values:
        problems.add(shown, meta.line_of("end"), "'end' without 'start'", "add the start date")
    if start is not None and end is not None:
        if type(start) is not type(end):
            message = "'start' and 'end' must both be dates or both be date-times"
            problems.add(shown, meta.line_of("end"), message)
        elif end < start:
            message = f"the event ends ({values['end']}) before it starts ({values['start']})"
            problems.add(shown, meta.line_of("end"), message)
    return start, end


def _texts(
    group: SourceGroup,
    languages: LanguageSet,
    values: Mapping[str, Any],
    problems: ProblemCollector,
) -> dict[str, EventText]:
    """The original's title and summary, and each translation's texts."""
    default = languages.default
    title, summary = str(values.get("title", "")), str(values.get("summary", ""))
    texts = {default.code: EventText(default, group.key, title, summary)}
    for source in group.translations:
        what = "an event translation's front matter"
        meta = source.meta
        t_values = check_record(meta, TRANSLATION_FIELDS, source.shown, meta.line, problems, what)
        t_values = t_values or {}
        texts[source.lang.code] = EventText(
            source.lang,
            source.src_uri,
            str(t_values.get("title", "")),
            str(t_values.get("summary", "")),
            city=t_values.get("city"),
            region=t_values.get("region"),
            venue=t_values.get("venue"),
            translated_from=t_values.get("translated_from"),
        )
    return texts


def _timezone(name: Any, path: str, line: int, problems: ProblemCollector) -> ZoneInfo | None:
    if name is None:
        return None
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        problems.add(
            path,
            line,
            f"unknown time zone '{name}'",
            did_you_mean(name, available_timezones()) or "use an IANA name such as Europe/Madrid",
        )
        return None


def _moment(
    value: Any, tz: ZoneInfo | None, path: str, line: int, name: str, problems: ProblemCollector
) -> dt.date | dt.datetime | None:
    """A date or zoned date-time within the documented range (`check_date_range`), else None
    with the problem recorded, as `references.parse_date` does for news dates."""
    moment = _zoned_moment(value, tz, path, line, name, problems)
    out_of_range = check_date_range(moment) if moment is not None else None
    if out_of_range:
        problems.add(path, line, f"'{name}': {out_of_range}")
        return None
    return moment


def _zoned_moment(
    value: Any, tz: ZoneInfo | None, path: str, line: int, name: str, problems: ProblemCollector
) -> dt.date | dt.datetime | None:
    """A date, or a date-time that gets its zone from `timezone:` (or carries an offset)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        return value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except ValueError:
            problems.add(
                path,
                line,
                f"'{name}': '{value}' is not a date or date-time",
                "write YYYY-MM-DD, or YYYY-MM-DD HH:MM with a 'timezone:'",
            )
            return None
        if len(str(value)) == 10:
            return moment.date()
    if moment.tzinfo is None:
        if tz is None:
            problems.add(
                path,
                line,
                f"'{name}' has a time but no time zone",
                "add e.g. timezone: Europe/Madrid",
            )
            return None
        moment = moment.replace(tzinfo=tz)
    return moment


def _location(raw: Any, meta: LineDict, path: str, problems: ProblemCollector) -> Location | None:
    if raw is None:
        return None
    values = check_record(
        raw, LOCATION_FIELDS, path, meta.line_of("location"), problems, "the location"
    )
    if not values or "country" not in values:
        return None
    country = values["country"]
    if not is_country(country):  # the registries' rule: ISO codes only, UK -> GB hinted
        problems.add(
            path, raw.line_of("country"), f"unknown country code '{country}'", country_hint(country)
        )
        return None
    return Location(
        country=country,
        city=values.get("city"),
        region=values.get("region"),
        venue=values.get("venue"),
    )

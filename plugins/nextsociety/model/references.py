"""Field checks shared by news items and events: dates and references to registry ids."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nextsociety.model.errors import ProblemCollector, did_you_mean
from nextsociety.model.schema import check_date_range
from nextsociety.model.yamlio import LineDict, LineList

if TYPE_CHECKING:
    from nextsociety.model.registries.base import Registries
    from nextsociety.model.strings import StringTable

TAG_PREFIX = "tag."  # a tag exists when data/site.yml translates `tag.<id>`


@dataclass(frozen=True)
class KnownIds:
    """The ids a news item may reference, from the registries and events."""

    partners: Collection[str] = ()
    clusters: Collection[str] = ()
    events: Collection[str] = ()
    contacts: Collection[str] = ()
    tags: Collection[str] = ()
    media: Collection[str] = ()

    def of(self, kind: str) -> Collection[str]:
        return {
            "partner": self.partners,
            "cluster": self.clusters,
            "event": self.events,
            "media": self.media,
        }[kind]


def tag_ids(string_keys: Iterable[str]) -> set[str]:
    """The tags news items may use: one per `tag.<id>` key of the string table."""
    return {key[len(TAG_PREFIX) :] for key in string_keys if key.startswith(TAG_PREFIX)}


def known_ids(
    registries: Registries | None = None,
    event_ids: Collection[str] = (),
    strings: StringTable | None = None,
) -> KnownIds:
    """What references may name, as the build assembles it (shared by the plugins and the CLI)."""
    return KnownIds(
        partners=set(registries.partners) if registries else set(),
        clusters=set(registries.clusters) if registries else set(),
        contacts=set(registries.contacts) if registries else set(),
        events=set(event_ids),
        tags=tag_ids(strings.strings) if strings else set(),
        media=set(registries.get("media")) if registries else set(),
    )


def parse_date(
    value: Any, path: str, line: int, name: str, problems: ProblemCollector
) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            problems.add(
                path,
                line,
                f"'{name}': '{value}' is not a date",
                "write it as YYYY-MM-DD, e.g. 2018-11-26",
            )
            return None
    out_of_range = check_date_range(day)
    if out_of_range:
        problems.add(path, line, f"'{name}': {out_of_range}")
        return None
    return day


_MONTH_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")


@dataclass(frozen=True)
class DateOrMonth:
    """A day, or only a month when the source gives no day (`date: 2018-11`)."""

    day: dt.date  # where it sorts and when it is public: the day, or the month's last day
    precision: str = "day"  # "day" or "month"

    @property
    def iso(self) -> str:
        """ISO 8601 with the precision the source gives: 2018-11-30 or 2018-11."""
        return self.day.isoformat() if self.precision == "day" else self.day.strftime("%Y-%m")

    @property
    def first_day(self) -> dt.date:
        return self.day if self.precision == "day" else self.day.replace(day=1)


def parse_date_or_month(
    value: Any, path: str, line: int, name: str, problems: ProblemCollector
) -> DateOrMonth | None:
    """YYYY-MM-DD, or YYYY-MM when only the month is known (never a guessed day)."""
    match = _MONTH_RE.match(str(value)) if isinstance(value, str) else None
    if match is None:
        day = parse_date(value, path, line, name, problems)
        return DateOrMonth(day) if day is not None else None
    year, month = int(match["year"]), int(match["month"])
    if not 1 <= month <= 12:
        problems.add(
            path, line, f"'{name}': '{value}' is not a month", "write it as YYYY-MM, e.g. 2018-11"
        )
        return None
    last = calendar.monthrange(year, month)[1]
    return DateOrMonth(dt.date(year, month, last), "month")


def check_refs(
    meta: LineDict,
    values: Mapping[str, Any],
    field_name: str,
    kind: str,
    known: KnownIds,
    path: str,
    problems: ProblemCollector,
) -> tuple[str, ...]:
    raw = values.get(field_name) or []
    ids: list[str] = []
    for index, ref in enumerate(raw):
        line = raw.line_of(index) if isinstance(raw, LineList) else meta.line_of(field_name)
        if not isinstance(ref, str):
            problems.add(path, line, f"'{field_name}' must list {kind} ids, not {ref!r}")
        elif ref not in known.of(kind):
            problems.add(
                path,
                line,
                f"unknown {kind} id '{ref}'",
                did_you_mean(ref, known.of(kind)) or f"see the {kind} registry",
            )
        elif ref in ids:
            problems.add(path, line, f"{kind} '{ref}' is listed twice")
        else:
            ids.append(ref)
    return tuple(ids)

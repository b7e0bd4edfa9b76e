"""iCalendar (RFC 5545) documents for events, through the `icalendar` package.

Builds stay byte-identical: DTSTAMP comes from the event's content (`updated`, else its
start), never from the clock; UIDs come from the event id, so a re-import updates in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import icalendar

STATUS = {
    "planned": "TENTATIVE",
    "confirmed": "CONFIRMED",
    "held": "CONFIRMED",
    "cancelled": "CANCELLED",
}


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    description: str
    location: str
    url: str
    status: str  # our status: planned, confirmed, held, cancelled
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None  # inclusive last day for all-day events
    stamp: dt.date


def calendar(name: str, lang: str, events: Sequence[CalendarEvent]) -> bytes:
    # Imported here: a tenth of a second that every build would pay before its first page,
    # while calendars are written after the pages.
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//THE NEXT SOCIETY//Events//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(_vevent(event, lang))
    cal.add_missing_timezones()
    return cal.to_ical()


def _vevent(event: CalendarEvent, lang: str) -> icalendar.Event:
    import icalendar

    item = icalendar.Event()
    item.add("uid", event.uid)
    item.add("dtstamp", dt.datetime.combine(event.stamp, dt.time(0, 0), tzinfo=dt.UTC))
    item.add("summary", event.title, parameters={"LANGUAGE": lang})
    item.add("description", event.description, parameters={"LANGUAGE": lang})
    if event.location:
        item.add("location", event.location, parameters={"LANGUAGE": lang})
    item.add("url", event.url)
    item.add("status", STATUS[event.status])
    item.add("dtstart", event.start)
    if isinstance(event.start, dt.datetime):
        if event.end is not None:
            item.add("dtend", event.end)
    else:
        # All-day events end on the day after their last day (DTEND is exclusive).
        last = event.end if isinstance(event.end, dt.date) else event.start
        item.add("dtend", last + dt.timedelta(days=1))
    return item

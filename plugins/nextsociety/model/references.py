"""Field checks shared by news items and events: dates and references to registry ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from nextsociety.model.errors import ProblemCollector, did_you_mean
from nextsociety.model.yamlio import LineDict, LineList


@dataclass(frozen=True)
class KnownIds:
    """The ids a news item may reference, from the registries and events."""

    partners: Collection[str] = ()
    clusters: Collection[str] = ()
    events: Collection[str] = ()
    contacts: Collection[str] = ()
    tags: Collection[str] = ()

    def of(self, kind: str) -> Collection[str]:
        return {"partner": self.partners, "cluster": self.clusters, "event": self.events}[kind]


def parse_date(value: Any, path: str, line: int, name: str, problems: ProblemCollector) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.add(path, line, f"'{name}': '{value}' is not a date", "write it as YYYY-MM-DD, e.g. 2018-11-26")
        return None


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
            problems.add(path, line, f"unknown {kind} id '{ref}'", did_you_mean(ref, known.of(kind)) or f"see the {kind} registry")
        elif ref in ids:
            problems.add(path, line, f"{kind} '{ref}' is listed twice")
        else:
            ids.append(ref)
    return tuple(ids)

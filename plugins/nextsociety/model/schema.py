"""Strict field checks for YAML records: unknown keys, missing fields and wrong types are errors."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from nextsociety.model.errors import ProblemCollector, did_you_mean
from nextsociety.model.yamlio import LineDict

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Ids and slugs become file and folder names ("<slug>.fr.md", "<id>/index.html"): well under
# the 255 bytes a file name may have on every file system.
MAX_SLUG_LENGTH = 100
# Dates a programme's news and events can have; a later one is a typo (and 9999-12-31 + 1 day
# overflows every date library).
EARLIEST_DATE = dt.date(1990, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
# Titles, names and summaries are read on one screen; longer is a paste accident.
MAX_TEXT_LENGTH = 2000
_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
# `<bdi>…</bdi>`, which writers of Arabic put around Latin names: accepted in plain text and
# removed at load, since every template isolates Latin runs in right-to-left text itself.
_ISOLATE_RE = re.compile(r"<\s*/?\s*bdi\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class Field:
    """One allowed key of a record: its expected Python type(s) and whether it must be there."""

    types: type | tuple[type, ...]
    required: bool = False
    check: Callable[[Any], str | None] | None = None  # returns a problem text, or None if fine


def type_name(types: type | tuple[type, ...]) -> str:
    names = {
        str: "text",
        int: "a whole number",
        list: "a list",
        dict: "a mapping",
        bool: "true or false",
    }
    if isinstance(types, tuple):
        return " or ".join(names.get(t, t.__name__) for t in types)
    return names.get(types, types.__name__)


def check_record(
    record: Any,
    fields: Mapping[str, Field],
    path: str,
    line: int,
    problems: ProblemCollector,
    what: str,
    required_hint: str | None = None,
) -> dict[str, Any] | None:
    """Validate one mapping against `fields`; returns the valid values, or None if not a mapping.

    `required_hint` replaces the hint of a required text that is missing or empty (a
    translation's: delete the file or write it)."""
    if not isinstance(record, LineDict):
        problems.add(path, line, f"each {what} must be a mapping of keys to values", None)
        return None
    values: dict[str, Any] = {}
    for key, value in record.items():
        key_line = record.line_of(str(key))
        field = fields.get(str(key))
        if field is None:
            problems.add(
                path,
                key_line,
                f"unknown key '{key}' in {what}",
                did_you_mean(key, fields) or "allowed keys: " + ", ".join(sorted(fields)),
            )
            continue
        if value is None and not field.required:
            continue
        if not isinstance(value, field.types) or (
            isinstance(value, bool) and bool not in _as_tuple(field.types)
        ):
            problems.add(
                path,
                key_line,
                f"'{key}' must be {type_name(field.types)}, not {_describe(value)}",
            )
            continue
        if field.check is not None:
            message = field.check(value)
            blank = isinstance(value, str) and not plain_text(value).strip()
            if message and required_hint and field.required and blank:
                problems.add(path, key_line, f"'{key}' is empty", required_hint)
                continue
            if message:
                problems.add(path, key_line, f"'{key}': {message}")
                continue
        if field.check is check_plain_text and isinstance(value, str):
            value = plain_text(value)
        values[str(key)] = value
    for key, field in fields.items():
        if field.required and record.get(key) is None:
            message = f"{what} is missing the required key '{key}'"
            problems.add(path, record.line, message, required_hint)
    return values


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"'{value}'"


def check_slug(value: Any) -> str | None:
    if len(str(value)) > MAX_SLUG_LENGTH:
        return f"longer than {MAX_SLUG_LENGTH} characters; use a shorter one"
    if not SLUG_RE.match(str(value)):
        return f"'{value}' is not a slug (lowercase ASCII letters, digits and single hyphens)"
    return None


def plain_text(value: str) -> str:
    """`value` without `<bdi>` tags (accepted in plain text: see `_ISOLATE_RE`)."""
    return _ISOLATE_RE.sub("", value)


def check_plain_text(value: Any) -> str | None:
    """Values are shown as text; markup in a registry is almost always a paste accident."""
    if isinstance(value, str):
        value = plain_text(value)
    if isinstance(value, str) and not value.strip():
        return "is empty; write the text, or remove the key"
    if isinstance(value, str) and len(value) > MAX_TEXT_LENGTH:
        return f"longer than {MAX_TEXT_LENGTH} characters; shorten it"
    if isinstance(value, str) and _TAG_RE.search(value):
        return "contains HTML markup; write plain text (it is shown as text, never as HTML)"
    return None


def check_date_range(value: dt.date) -> str | None:
    """A problem text when `value` is outside EARLIEST_DATE..LATEST_DATE."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if EARLIEST_DATE <= day <= LATEST_DATE:
        return None
    return f"{day.isoformat()} is outside {EARLIEST_DATE.year}–{LATEST_DATE.year}; check the year"

"""What every registry file shares: a list of records with unique ids, translated texts,
and the checks for countries, web addresses, e-mail addresses and phone numbers."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from babel import Locale

from nextsociety.model.countries import country_hint, is_country
from nextsociety.model.errors import ProblemCollector, did_you_mean
from nextsociety.model.schema import Field, check_plain_text, check_record, check_slug
from nextsociety.model.yamlio import LineDict, LineList

T = TypeVar("T")

_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
_PHONE_RE = re.compile(r"^\+[1-9][0-9]*(?: [0-9]+)+$|^\+[1-9][0-9]{6,14}$")
_HOST_RE = re.compile(r"^[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")


@dataclass(frozen=True)
class LocalizedValue:
    """A translated text in one language: the page's, or the default language as a fallback."""

    text: str
    lang: str
    is_fallback: bool

    @property
    def direction(self) -> str:
        return _direction(self.lang)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """Paragraphs (split on blank lines, lines joined); templates isolate their Latin runs
        in right-to-left text with the shared `bidi` filter."""
        blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", self.text)]
        return tuple(block for block in blocks if block)


@dataclass(frozen=True)
class LocalizedText:
    """A text given per language (`{en: …, fr: …, ar: …}`); the default language is always there."""

    texts: tuple[tuple[str, str], ...]
    default: str

    def in_language(self, lang: str) -> LocalizedValue:
        """The text in `lang`, or in the default language marked as a fallback."""
        texts = dict(self.texts)
        if lang in texts:
            return LocalizedValue(texts[lang], lang, is_fallback=False)
        return LocalizedValue(texts[self.default], self.default, is_fallback=True)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.texts)


@cache
def _direction(lang: str) -> str:
    return "rtl" if Locale.parse(lang).character_order == "right-to-left" else "ltr"


def organisation_fields() -> dict[str, Field]:
    """The keys partners and clusters share: who they are, where, and what they say of
    themselves.
    """
    return {
        "id": Field(str, required=True, check=check_slug),
        "name": Field(str, required=True, check=check_name),
        "country": Field(str, required=True),
        "website": Field(str, check=check_https_url),
        "description": Field(dict),
    }


def has_required(values: Mapping[str, Any], fields: Mapping[str, Field]) -> bool:
    """Whether every required key passed its checks, so the record can be built."""
    return all(key in values for key, field in fields.items() if field.required)


@dataclass
class RecordFile:
    """One registry file being validated: its display path, the site's languages, the problems."""

    path: str
    languages: tuple[str, ...]  # the default language first
    problems: ProblemCollector
    folder: Path | None = None  # the registries' folder, for records that name files in it

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def add(self, line: int | None, message: str, hint: str | None = None) -> None:
        self.problems.add(self.path, line, message, hint)


def parse_records(
    data: Any,
    file: RecordFile,
    fields: Mapping[str, Field],
    what: str,
    build: Callable[[dict[str, Any], LineDict], T | None],
) -> tuple[tuple[T, ...], dict[str, int] | None]:
    """Check a YAML list of records; returns the valid records and the line of every id written.

    A record is built only when it has no problem; ids of invalid records still count as
    declared, so references to them are not reported a second time as unknown. The ids are
    None when the file is not a list at all: nothing can be said about references then.
    """
    if data is None:
        return (), {}
    if not isinstance(data, LineList):
        file.add(
            getattr(data, "line", 1), f"expected a list of {what}s, each starting with '- id:'"
        )
        return (), None
    records: list[T] = []
    first_lines: dict[str, int] = {}
    for index, raw in enumerate(data):
        before = len(file.problems.problems)
        values = check_record(raw, fields, file.path, data.line_of(index), file.problems, what)
        if values is None:
            continue
        record_id = values.get("id")
        if isinstance(record_id, str):
            id_line = raw.line_of("id")
            if record_id in first_lines:
                file.add(
                    id_line,
                    f"the id '{record_id}' is used twice",
                    f"first used on line {first_lines[record_id]}; each {what} needs its own id",
                )
            else:
                first_lines[record_id] = id_line
        record = build(values, raw)
        if record is not None and len(file.problems.problems) == before:
            records.append(record)
    return tuple(records), first_lines


def check_country(values: dict[str, Any], raw: LineDict, file: RecordFile) -> None:
    code = values.get("country")
    if isinstance(code, str) and not is_country(code):
        file.add(raw.line_of("country"), f"unknown country code '{code}'", country_hint(code))


def check_vocabulary(
    values: dict[str, Any], key: str, allowed: Collection[str], raw: LineDict, file: RecordFile
) -> None:
    """A closed list of values (kinds, sectors): anything else is a typo or needs a translation."""
    value = values.get(key)
    if isinstance(value, str) and value not in allowed:
        file.add(
            raw.line_of(key),
            f"unknown {key} '{value}'",
            did_you_mean(value, allowed) or "use one of: " + ", ".join(sorted(allowed)),
        )


def parse_localized(
    values: dict[str, Any], key: str, raw: LineDict, file: RecordFile
) -> LocalizedText | None:
    """`key: {en: …, fr: …, ar: …}`: known languages, plain text, the default language present."""
    mapping = values.get(key)
    if not isinstance(mapping, LineDict):
        return None
    texts: list[tuple[str, str]] = []
    for code, text in mapping.items():
        line = mapping.line_of(str(code))
        if code not in file.languages:
            file.add(
                line,
                f"'{key}': unknown language '{code}'",
                did_you_mean(code, file.languages)
                or "the site's languages are " + ", ".join(file.languages),
            )
            continue
        if text is None or (isinstance(text, str) and not text.strip()):
            file.add(
                line,
                f"'{key}': the '{code}' text is empty",
                f"remove the line to show the '{file.default_language}' text instead",
            )
            continue
        if not isinstance(text, str):
            file.add(line, f"'{key}': the '{code}' text must be text, not {_kind_of(text)}")
            continue
        message = check_plain_text(text)
        if message:
            file.add(line, f"'{key}': the '{code}' text {message}")
            continue
        texts.append((str(code), text.strip()))
    if file.default_language not in mapping:
        file.add(
            mapping.line,
            f"'{key}' has no '{file.default_language}' text",
            f"the '{file.default_language}' text is shown where a translation is missing",
        )
    order = {code: index for index, code in enumerate(file.languages)}
    return LocalizedText(
        tuple(sorted(texts, key=lambda item: order[item[0]])), file.default_language
    )


def _kind_of(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return f"the value {value}"


def check_name(value: Any) -> str | None:
    if isinstance(value, str) and not value.strip():
        return "must not be empty"
    return check_plain_text(value)


def check_https_url(value: Any) -> str | None:
    parts = urlsplit(str(value))
    if parts.scheme != "https" or not _HOST_RE.match(parts.hostname or "") or " " in str(value):
        return f"'{value}' is not an https:// web address such as https://www.thenextsociety.co/"
    return None


def check_email(value: Any) -> str | None:
    if not _EMAIL_RE.match(str(value)):
        return f"'{value}' is not an e-mail address such as welcome@thenextsociety.co"
    return None


def check_phone(value: Any) -> str | None:
    if not _PHONE_RE.match(str(value)):
        return f"'{value}' is not an international phone number such as +33 4 96 11 67 69"
    return None

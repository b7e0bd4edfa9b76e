"""Registry listings in one language: grouped by country or sector, sorted by that
language's rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from nextsociety.model.collation import collation_key
from nextsociety.model.countries import country_name


class Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def country(self) -> str: ...


R = TypeVar("R", bound=Named)


@dataclass(frozen=True)
class Group(Generic[R]):
    """A heading (a country, a sector) and its records, in reading order."""

    key: str  # the country code or sector key, stable across languages (for anchors)
    label: str  # the heading in the page's language
    items: tuple[R, ...]


def sort_by_name(records: Iterable[R], lang: str) -> tuple[R, ...]:
    """Records by name as a reader of `lang` expects; the id breaks ties so output is stable."""
    key = collation_key(lang)
    return tuple(sorted(records, key=lambda record: (key(record.name), record.id)))


def group_records(
    records: Iterable[R], lang: str, key_of: Callable[[R], str], label_of: Callable[[str], str]
) -> tuple[Group[R], ...]:
    """Group records by `key_of`, groups sorted by their label and records by name, in `lang`."""
    groups: dict[str, list[R]] = {}
    for record in records:
        groups.setdefault(key_of(record), []).append(record)
    collate = collation_key(lang)
    labelled = [(label_of(key), key) for key in groups]
    return tuple(
        Group(key, label, sort_by_name(groups[key], lang))
        for label, key in sorted(labelled, key=lambda item: (collate(item[0]), item[1]))
    )


def by_country(records: Iterable[R], lang: str) -> tuple[Group[R], ...]:
    """Groups headed by the country's CLDR name in `lang`."""
    return group_records(
        records, lang, lambda record: record.country, lambda code: country_name(code, lang)
    )

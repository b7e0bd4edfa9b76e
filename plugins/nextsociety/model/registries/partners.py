"""The partners of THE NEXT SOCIETY (data/partners.yml)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from nextsociety.model.directory import by_country
from nextsociety.model.records import (
    LocalizedText,
    RecordFile,
    check_country,
    check_vocabulary,
    has_required,
    organisation_fields,
    parse_localized,
    parse_records,
)
from nextsociety.model.registries.base import RegistryKind
from nextsociety.model.schema import Field
from nextsociety.model.yamlio import LineDict

# What kind of organisation a partner is; each has a label `registry.kind.<key>` in data/site.yml.
# "organisation" is for partners whose kind the sources do not state.
KINDS = (
    "agency",
    "association",
    "business-school",
    "centre",
    "confederation",
    "council",
    "forum",
    "foundation",
    "institute",
    "network",
    "organisation",
    "scientific-society",
)

PARTNER_FIELDS = {**organisation_fields(), "kind": Field(str, required=True)}


@dataclass(frozen=True)
class Partner:
    id: str
    name: str  # as the organisation writes it, in every language
    country: str  # ISO 3166-1 alpha-2
    kind: str  # one of KINDS
    website: str | None = None
    description: LocalizedText | None = None


def parse_partners(
    data: Any, file: RecordFile
) -> tuple[tuple[Partner, ...], dict[str, int] | None]:
    """Validate the partners list; returns the partners and the line of every id written."""

    def build(values: dict[str, Any], raw: LineDict) -> Partner | None:
        check_country(values, raw, file)
        check_vocabulary(values, "kind", KINDS, raw, file)
        description = parse_localized(values, "description", raw, file)
        if not has_required(values, PARTNER_FIELDS):
            return None
        return Partner(
            id=values["id"],
            name=values["name"].strip(),
            country=values["country"],
            kind=values["kind"],
            website=values.get("website"),
            description=description,
        )

    return parse_records(data, file, PARTNER_FIELDS, "partner", build)


def _index_values(
    partners: Sequence[Partner], lang: str, t: Callable[[str], str]
) -> dict[str, Any]:
    return {"groups": by_country(partners, lang), "partner_count": len(partners)}


REGISTRY = RegistryKind(
    name="partners",
    record="partner",
    parse=parse_partners,
    order=10,
    index_template="partners.html",
    index_values=_index_values,
    vocabulary=tuple(f"registry.kind.{kind}" for kind in KINDS),
)

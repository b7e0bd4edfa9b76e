"""The clusters of the Cluster Booster Track and the clusters they visited (data/clusters.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
from nextsociety.model.schema import Field
from nextsociety.model.yamlio import LineDict

# A cluster's sector; each has a label `registry.sector.<key>` in data/site.yml.
SECTORS = (
    "beauty",
    "dates-and-palms",
    "furniture",
    "leather-and-shoes",
    "light-technologies",
    "olive-oil",
    "solar-energy",
    "stone-and-marble",
    "tourism-and-creative-arts",
    "water",
)

CLUSTER_FIELDS = {
    **organisation_fields(),
    "cluster_booster_track": Field(bool, required=True),
    "region": Field(dict),
    "sector": Field(str),
    "partner": Field(str),
}


@dataclass(frozen=True)
class Cluster:
    id: str
    name: str
    country: str
    cluster_booster_track: bool  # takes part in THE NEXT SOCIETY Cluster Booster Track
    sector: str | None = None  # one of SECTORS
    region: LocalizedText | None = None
    partner: str | None = None  # the id of a partner in data/partners.yml
    website: str | None = None
    description: LocalizedText | None = None


@dataclass(frozen=True)
class PartnerReference:
    """A cluster's `partner:`, kept with its line until the partner ids are known."""

    cluster: str
    partner: str
    line: int


def parse_clusters(
    data: Any, file: RecordFile
) -> tuple[tuple[Cluster, ...], dict[str, int] | None, tuple[PartnerReference, ...]]:
    """Validate the clusters list; partner references are returned to be checked against partners."""
    references: list[PartnerReference] = []

    def build(values: dict[str, Any], raw: LineDict) -> Cluster | None:
        check_country(values, raw, file)
        check_vocabulary(values, "sector", SECTORS, raw, file)
        region = parse_localized(values, "region", raw, file)
        description = parse_localized(values, "description", raw, file)
        if isinstance(values.get("partner"), str):
            references.append(
                PartnerReference(str(values.get("id")), values["partner"], raw.line_of("partner"))
            )
        if not has_required(values, CLUSTER_FIELDS):
            return None
        return Cluster(
            id=values["id"],
            name=values["name"].strip(),
            country=values["country"],
            cluster_booster_track=values["cluster_booster_track"],
            sector=values.get("sector"),
            region=region,
            partner=values.get("partner"),
            website=values.get("website"),
            description=description,
        )

    clusters, ids = parse_records(data, file, CLUSTER_FIELDS, "cluster", build)
    return clusters, ids, tuple(references)

"""The clusters of the Cluster Booster Track and the clusters they visited (data/clusters.yml)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from nextsociety.model.directory import Group, by_country, group_records, sort_by_name
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
from nextsociety.model.registries.base import ExtraPage, RegistryKind
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


def parse_clusters(
    data: Any, file: RecordFile
) -> tuple[tuple[Cluster, ...], dict[str, int] | None]:
    """Validate the clusters list (`partner:` is checked against the partners by the loader)."""

    def build(values: dict[str, Any], raw: LineDict) -> Cluster | None:
        check_country(values, raw, file)
        check_vocabulary(values, "sector", SECTORS, raw, file)
        region = parse_localized(values, "region", raw, file)
        description = parse_localized(values, "description", raw, file)
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

    return parse_records(data, file, CLUSTER_FIELDS, "cluster", build)


def by_sector(
    clusters: Iterable[Cluster], lang: str, label_of: Callable[[str], str], unknown: str = ""
) -> tuple[Group[Cluster], ...]:
    """Clusters per sector, labels from the string table; clusters without one come last."""
    clusters = tuple(clusters)
    known = group_records(
        (cluster for cluster in clusters if cluster.sector),
        lang,
        lambda cluster: cluster.sector or "",
        label_of,
    )
    rest = tuple(cluster for cluster in clusters if not cluster.sector)
    if not rest:
        return known
    return (*known, Group("", unknown, sort_by_name(rest, lang)))


def _index_values(
    clusters: Sequence[Cluster], lang: str, t: Callable[[str], str]
) -> dict[str, Any]:
    return {"groups": by_country(clusters, lang), "cluster_count": len(clusters)}


def _sector_values(
    clusters: Sequence[Cluster], lang: str, t: Callable[[str], str]
) -> dict[str, Any]:
    def label(sector: str) -> str:
        return t(f"registry.sector.{sector}")

    return {"groups": by_sector(clusters, lang, label, t("registry.sector.none"))}


REGISTRY = RegistryKind(
    name="clusters",
    record="cluster",
    parse=parse_clusters,
    order=20,
    index_template="clusters.html",
    index_values=_index_values,
    extra_pages=(ExtraPage("sectors", "sectors.html", "registry.sectors.title", _sector_values),),
    references={"partner": "partners"},  # checked, and the partner's page lists the cluster
    vocabulary=tuple(f"registry.sector.{sector}" for sector in SECTORS),
)

"""All registries of the site, loaded and cross-checked in one go: `load_registries()`."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from nextsociety.model.clusters import SECTORS, Cluster, parse_clusters
from nextsociety.model.contacts import Contact, parse_contacts
from nextsociety.model.errors import DataError, ProblemCollector, did_you_mean
from nextsociety.model.languages import LanguageSet
from nextsociety.model.partners import KINDS, Partner, parse_partners
from nextsociety.model.records import RecordFile
from nextsociety.model.yamlio import load_yaml

PARTNERS_FILE = "partners.yml"
CLUSTERS_FILE = "clusters.yml"
CONTACTS_FILE = "contacts.yml"

T = TypeVar("T")


@dataclass(frozen=True)
class Registries:
    """Every partner, cluster and contact, by id, in the order the files list them."""

    partners: Mapping[str, Partner]
    clusters: Mapping[str, Cluster]
    contacts: Mapping[str, Contact]


def vocabulary_keys() -> list[str]:
    """The string-table keys that label partner kinds and cluster sectors (data/site.yml)."""
    return [f"registry.kind.{kind}" for kind in KINDS] + [f"registry.sector.{sector}" for sector in SECTORS]


def load_registries(
    data_dir: Path, languages: LanguageSet, display_dir: str = "data"
) -> Registries:
    """Load data/partners.yml, clusters.yml and contacts.yml; raise DataError with every problem.

    `display_dir` is how messages name the folder (relative to mkdocs.yml, as editors see it).
    """
    problems = ProblemCollector()
    codes = languages.codes

    def load(name: str, parse: Callable[[Any, RecordFile], T]) -> T | None:
        file = RecordFile(posixpath.join(display_dir, name), codes, problems)
        try:
            data = load_yaml(data_dir / name, file.path)
        except DataError as exc:
            problems.extend(exc.problems)
            return None
        return parse(data, file)

    partners = load(PARTNERS_FILE, parse_partners)
    clusters = load(CLUSTERS_FILE, parse_clusters)
    contacts = load(CONTACTS_FILE, parse_contacts)
    partner_ids = partners[1] if partners is not None else None
    if partner_ids is not None and clusters is not None:
        for reference in clusters[2]:
            if reference.partner not in partner_ids:
                problems.add(
                    posixpath.join(display_dir, CLUSTERS_FILE),
                    reference.line,
                    f"cluster '{reference.cluster}' refers to the unknown partner '{reference.partner}'",
                    did_you_mean(reference.partner, partner_ids)
                    or f"use the id of a partner in {posixpath.join(display_dir, PARTNERS_FILE)}",
                )
    if partner_ids is not None and contacts is not None:
        for contact in contacts[0]:
            if contact.organisation is not None and contact.organisation not in partner_ids:
                problems.add(
                    posixpath.join(display_dir, CONTACTS_FILE),
                    (contacts[1] or {}).get(contact.id),
                    f"contact '{contact.id}' refers to the unknown partner '{contact.organisation}'",
                    did_you_mean(contact.organisation, partner_ids)
                    or f"use the id of a partner in {posixpath.join(display_dir, PARTNERS_FILE)}",
                )
    problems.raise_if_any()
    assert partners is not None and clusters is not None and contacts is not None
    return Registries(
        partners=_by_id(partners[0]),
        clusters=_by_id(clusters[0]),
        contacts=_by_id(contacts[0]),
    )


def _by_id(records: tuple[Any, ...]) -> Mapping[str, Any]:
    return MappingProxyType({record.id: record for record in records})

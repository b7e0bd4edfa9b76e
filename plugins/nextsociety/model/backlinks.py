"""What links to a registry page: clusters now, news items and events later.

Any plugin adds links for a target page (its i18n key, e.g. `partners/accio.md`) in one
language, under a section heading that is a key of the string table; the page template shows
each non-empty section. Nothing here knows which plugin added what.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Backlink:
    title: str  # plain text; templates escape it
    url: str  # site-relative, as MkDocs' File.url ("fr/clusters/solartys/")
    lang: str | None = None  # the title's language, when it is not the page's (a fallback)


@dataclass(frozen=True)
class BacklinkSection:
    heading: str  # a key of the string table, e.g. "registry.backlinks.clusters"
    links: tuple[Backlink, ...]


class Backlinks:
    """Links per (target page, language), grouped by section in the order they were added."""

    def __init__(self) -> None:
        # dicts as ordered sets: a partner named by thousands of items must not cost a list
        # scan each
        self._links: dict[tuple[str, str], dict[str, dict[Backlink, None]]] = {}

    def add(self, target: str, lang: str, heading: str, link: Backlink) -> None:
        self._links.setdefault((target, lang), {}).setdefault(heading, {})[link] = None

    def sections(self, target: str, lang: str) -> tuple[BacklinkSection, ...]:
        sections = self._links.get((target, lang), {})
        return tuple(BacklinkSection(heading, tuple(links)) for heading, links in sections.items())

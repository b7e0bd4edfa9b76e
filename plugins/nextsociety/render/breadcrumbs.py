"""Breadcrumbs of a page below a section (a news item under News or Press, an event under
Events, a partner under Partners), shown above the page and as schema.org BreadcrumbList."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Crumb:
    name: str  # plain text
    url: str | None  # site-relative; None for the page itself


def breadcrumb_jsonld(crumbs: Sequence[Crumb], absolute: Any) -> dict[str, Any]:
    """schema.org BreadcrumbList; `absolute(url)` makes a site-relative URL absolute."""
    items = []
    for position, crumb in enumerate(crumbs, start=1):
        element: dict[str, Any] = {"@type": "ListItem", "position": position, "name": crumb.name}
        if crumb.url is not None:
            element["item"] = absolute(crumb.url)
        items.append(element)
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}

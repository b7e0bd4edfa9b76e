"""What news pages show, computed from the model: entries of listings, listings, item views."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from nextsociety.model.contacts import Contact
from nextsociety.model.languages import Language
from nextsociety.model.news import NewsItem, NewsText
from nextsociety.render.archives import Pagination
from nextsociety.render.dates import date_or_month

_LINK_ATTR = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"#][^"]*|#[^"]*)"')


@dataclass(frozen=True)
class Entry:
    """One item as a listing, a related link or a previous/next link shows it."""

    title: str
    url: str  # site-relative
    lang: str  # the language the title is in (an untranslated item shows its original)
    dir: str  # that language's direction
    date: str  # localized
    date_iso: str
    type: str
    type_label: str
    summary: str


@dataclass(frozen=True)
class Listing:
    """What a listing page (all news, a year, a tag) shows."""

    kind: str  # "all", "year", "tag"
    title: str
    entries: Sequence[Entry]
    page: Pagination[Entry] | None = None
    previous_url: str | None = None
    next_url: str | None = None
    years: Sequence[tuple[int, str, int]] = ()  # (year, url, count)
    tags: Sequence[tuple[str, str, int]] = ()  # (label, url, count)


@dataclass(frozen=True)
class ItemView:
    """Everything a news item page shows besides its body."""

    item: NewsItem
    text: NewsText  # the text in the page's language (or the original, if untranslated)
    date: str
    updated: str | None
    type_label: str
    partners: Sequence[tuple[str, str]]  # (name, url)
    organisers: Sequence[tuple[str, str]]
    contact_organisation: Sequence[tuple[str, str]]  # the partner the press contact belongs to
    clusters: Sequence[tuple[str, str]]
    events: Sequence[tuple[str, str]]
    tags: Sequence[tuple[str, str]]  # (label, url)
    contact: Contact | None
    related: Sequence[Entry]
    newer: Entry | None
    older: Entry | None
    jsonld: dict[str, Any]
    meta: dict[str, str]  # Open Graph / Twitter card properties
    status: str | None = None  # "draft" or "scheduled" (only under mkdocs serve)


def news_entry(item: NewsItem, lang: Language, t: Callable[[str], str], url: str) -> Entry:
    """`item` as listings show it in `lang` (its original's text where it is untranslated)."""
    text = item.texts.get(lang.code) or item.original
    return Entry(
        title=text.title,
        url=url,
        lang=text.lang.code,
        dir=text.lang.direction,
        date=date_or_month(item.date, item.date_precision, lang.locale),
        date_iso=item.published.iso,
        type=item.type,
        type_label=t(f"news.type.{item.type}"),
        summary=text.summary,
    )


def absolute_links(html: str, base: str) -> str:
    """Feed readers show content away from the site: make every link and image absolute."""

    def fix(match: re.Match[str]) -> str:
        url = match["url"]
        if urlsplit(url).scheme or url.startswith("//"):
            return match.group(0)
        return f'{match["attr"]}="{urljoin(base, url)}"'

    return _LINK_ATTR.sub(fix, html)

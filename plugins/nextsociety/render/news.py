"""What news pages show, computed from the model: entries of listings, listings, item views."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape, unescape
from typing import Any
from urllib.parse import urljoin, urlsplit

from babel.dates import format_datetime

from nextsociety.model.languages import Language
from nextsociety.model.news import NewsItem, NewsText
from nextsociety.model.registries.contacts import Contact
from nextsociety.render.archives import Pagination
from nextsociety.render.dates import date_or_month, long_date
from nextsociety.render.jsonld import news_article
from nextsociety.render.media import Figure

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
    status: str | None = None  # "draft" or "scheduled": a badge in the preview's listings


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
    status: str | None = None  # "draft" or "scheduled" (only under mkdocs serve)
    embargo: str = ""  # when a scheduled item goes online, localized
    all_releases_url: str | None = None  # a press release links to every other one
    correction: Correction | None = None  # "Updated on … — correction: …"
    outdated: Outdated | None = None  # a translation older than the original's correction
    lead: Figure | None = None  # the lead image, with its caption and credit
    gallery: Sequence[Figure] = ()
    print_links: Sequence[str] = ()  # where the body's links go, as a printed page lists them


@dataclass(frozen=True)
class Correction:
    """What an item's page and feed entry say about its last update."""

    date: str  # localized
    date_iso: str
    note: str | None  # what was corrected, in `lang`
    lang: str  # the language of the note (a translation without its own shows the original's)
    dir: str


@dataclass(frozen=True)
class Outdated:
    """A translation older than the original's last update: a notice links to the original."""

    date: str  # the original's `updated`, localized
    language: str  # the original's language, named in the page's language
    url: str  # the original's page


@dataclass(frozen=True)
class WithdrawnView:
    """A withdrawn item's page: its title and a notice, nothing else."""

    title: str
    lang: str
    dir: str
    reason: str
    reason_lang: str  # the reason's language (a translation without its own shows the original's)
    reason_dir: str
    type_label: str


def withdrawn_view(item: NewsItem, lang: Language, t: Callable[[str], str]) -> WithdrawnView:
    text = item.texts.get(lang.code) or item.original
    reason_text = text if text.withdrawn else item.original
    return WithdrawnView(
        title=text.title,
        lang=text.lang.code,
        dir=text.lang.direction,
        reason=str(reason_text.withdrawn or item.withdrawn),
        reason_lang=reason_text.lang.code,
        reason_dir=reason_text.lang.direction,
        type_label=t(f"news.type.{item.type}"),
    )


def correction(item: NewsItem, lang: Language) -> Correction | None:
    """The last update of `lang`'s text: its own `updated:` (the original's for the original)."""
    text = item.texts.get(lang.code) or item.original
    if text.updated is None:
        return None
    return Correction(
        date=long_date(text.updated, lang.locale),
        date_iso=text.updated.isoformat(),
        note=text.correction,
        lang=text.lang.code,
        dir=text.lang.direction,
    )


def news_entry(
    item: NewsItem, lang: Language, t: Callable[[str], str], url: str, status: str | None = None
) -> Entry:
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
        status=status,
    )


@dataclass(frozen=True)
class Publisher:
    """Who publishes the items, for JSON-LD and Open Graph."""

    name: str
    home_url: str  # absolute, in the page's language
    logo_url: str | None = None


def article_metadata(
    item: NewsItem,
    text: NewsText,
    url: str,
    image: str | None,
    about: Sequence[str],
    publisher: Publisher,
) -> dict[str, Any]:
    """schema.org NewsArticle (JSON-LD) of an item at `url` (absolute); `about` names its
    partners. (Its Open Graph properties: the social plugin.)"""
    # ISO 8601 with the source's precision: "2018-11" when only the month is known
    modified = item.updated.isoformat() if item.updated else item.published_iso
    jsonld = news_article(
        url=url,
        headline=text.title,
        description=text.summary,
        lang=text.lang.code,
        published=item.published_iso,
        modified=modified,
        publisher_name=publisher.name,
        publisher_url=publisher.home_url,
        logo_url=publisher.logo_url,
        image_url=image,
        about=[{"@type": "Organization", "name": name} for name in about],
    )
    return jsonld


def publication_status(item: NewsItem, now: dt.datetime) -> str | None:
    """ "draft" or "scheduled" for an item only the preview shows, else None."""
    if item.draft:
        return "draft"
    return None if item.is_released(now) else "scheduled"


def embargo_text(item: NewsItem, lang: Language) -> str:
    """When a scheduled item goes online, in `lang`: its day, or its instant with the zone."""
    if item.publish_at is None:
        return date_or_month(item.date, item.date_precision, lang.locale)
    return instant_text(item.publish_at, lang)


def instant_text(instant: dt.datetime, lang: Language) -> str:
    """'10 December 2026, 10:00 (UTC+01:00)': the time where the editor wrote it."""
    zone = instant.tzinfo
    local = format_datetime(instant, "d MMMM y, HH:mm", tzinfo=zone, locale=lang.locale)
    offset = instant.strftime("%z")
    shown = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{local} ({shown})"


def correction_html(note: Correction, text: str) -> str:
    """The correction line at the top of a feed entry's content (`text` is the string)."""
    return f'<p lang="{note.lang}"><em>{escape(text)}</em></p>'


_BODY_LINK = re.compile(r'<a\b[^>]*?\shref="(?P<url>[^"#][^"]*)"')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


def feed_html(html: str, base: str) -> str:
    """A page's body for a feed: no heading permalinks ("¶" is page chrome), links absolute."""
    return absolute_links(_HEADERLINK.sub("", html), base)


def print_links(html: str, base: str) -> list[str]:
    """The absolute address of each link of a body, in order, anchors within the page left out:
    the print stylesheet numbers the same links ([1], [2]…) and prints this list under the text."""
    return [urljoin(base, unescape(match["url"])) for match in _BODY_LINK.finditer(html)]


def absolute_links(html: str, base: str) -> str:
    """Feed readers show content away from the site: make every link and image absolute."""

    def fix(match: re.Match[str]) -> str:
        url = match["url"]
        if urlsplit(url).scheme or url.startswith("//"):
            return match.group(0)
        return f'{match["attr"]}="{urljoin(base, url)}"'

    return _LINK_ATTR.sub(fix, html)

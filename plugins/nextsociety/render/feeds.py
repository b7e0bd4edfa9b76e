"""Atom and JSON Feed documents from plain entries (no MkDocs); byte-stable for equal input."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class FeedEntry:
    id: str  # stable: never derived from the title
    url: str  # absolute
    title: str
    summary: str
    content_html: str
    published: dt.date | None  # None when only the month is known (RFC 3339 needs a day)
    updated: dt.date
    categories: Sequence[str] = ()
    image: str | None = None  # absolute URL


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    subtitle: str
    lang: str
    home_url: str  # absolute
    atom_url: str  # absolute
    json_url: str  # absolute
    author: str
    entries: Sequence[FeedEntry]
    icon: str | None = None

    @property
    def updated(self) -> dt.date:
        # From content, never the build clock, so two builds are byte-identical.
        return max((e.updated for e in self.entries), default=dt.date(2017, 1, 1))


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(feed: Feed) -> bytes:
    ET.register_namespace("", ATOM_NS)
    root = ET.Element(f"{{{ATOM_NS}}}feed", {XML_LANG: feed.lang})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    sub(root, "id", feed.id)
    sub(root, "title", feed.title)
    sub(root, "subtitle", feed.subtitle)
    sub(root, "updated", _timestamp(feed.updated))
    sub(root, "link", rel="alternate", type="text/html", href=feed.home_url, hreflang=feed.lang)
    sub(root, "link", rel="self", type="application/atom+xml", href=feed.atom_url)
    author = sub(root, "author")
    sub(author, "name", feed.author)
    if feed.icon:
        sub(root, "icon", feed.icon)
    for entry in feed.entries:
        node = sub(root, "entry")
        sub(node, "id", entry.id)
        sub(node, "title", entry.title)
        sub(node, "link", rel="alternate", type="text/html", href=entry.url, hreflang=feed.lang)
        if entry.published is not None:
            sub(node, "published", _timestamp(entry.published))
        sub(node, "updated", _timestamp(entry.updated))
        sub(node, "summary", entry.summary)
        sub(node, "content", entry.content_html, type="html")
        for category in entry.categories:
            sub(node, "category", term=category)
    ET.indent(root)
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        + ET.tostring(root, encoding="utf-8", xml_declaration=False)
        + b"\n"
    )


def json_feed(feed: Feed) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "description": feed.subtitle,
        "home_page_url": feed.home_url,
        "feed_url": feed.json_url,
        "language": feed.lang,
        "authors": [{"name": feed.author}],
        "items": [
            {
                "id": entry.id,
                "url": entry.url,
                "title": entry.title,
                "summary": entry.summary,
                "content_html": entry.content_html,
                **({"date_published": _timestamp(entry.published)} if entry.published else {}),
                **({"date_modified": _timestamp(entry.updated)} if entry.published else {}),
                "language": feed.lang,
                **({"tags": list(entry.categories)} if entry.categories else {}),
                **({"image": entry.image} if entry.image else {}),
            }
            for entry in feed.entries
        ],
    }
    if feed.icon:
        document["icon"] = feed.icon
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"

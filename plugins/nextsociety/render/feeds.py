"""Atom and JSON Feed documents from plain entries (no MkDocs); byte-stable for equal input."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class FeedImage:
    """An entry's lead image: Atom's enclosure, JSON Feed's `image`."""

    url: str  # absolute
    mime: str
    length: int  # bytes, 0 when unknown


@dataclass(frozen=True)
class FeedEntry:
    id: str  # stable: never derived from the title
    url: str  # absolute
    title: str
    summary: str
    content_html: str
    # a day, or an instant (aware) for an item embargoed to a time; None when only the month
    # is known (RFC 3339 needs a day)
    published: dt.date | None
    updated: dt.date
    categories: Sequence[str] = ()
    image: FeedImage | None = None


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
    stylesheet: str | None = None  # the XSLT a browser shows the feed with (`feed_stylesheet`)

    @property
    def updated(self) -> dt.datetime:
        # From content, never the build clock, so two builds are byte-identical.
        return max(
            (_instant(e.updated) for e in self.entries), default=_instant(dt.date(2017, 1, 1))
        )


def _instant(value: dt.date) -> dt.datetime:
    """A day is its 00:00 UTC; an instant is itself, in UTC."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC)
    return dt.datetime.combine(value, dt.time(), dt.UTC)


def _timestamp(value: dt.date) -> str:
    return _instant(value).strftime("%Y-%m-%dT%H:%M:%SZ")


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
        if entry.image is not None:  # RFC 4287 4.2.7.2: a related resource, possibly large
            image = entry.image
            length = {"length": str(image.length)} if image.length else {}
            sub(node, "link", rel="enclosure", type=image.mime, href=image.url, **length)
        if entry.published is not None:
            sub(node, "published", _timestamp(entry.published))
        sub(node, "updated", _timestamp(entry.updated))
        sub(node, "summary", entry.summary)
        sub(node, "content", entry.content_html, type="html")
        for category in entry.categories:
            sub(node, "category", term=category)
    ET.indent(root)
    style = ""
    if feed.stylesheet:
        href = escape(feed.stylesheet, {'"': "&quot;"})
        style = f'<?xml-stylesheet type="text/xsl" href="{href}"?>\n'
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{style}'.encode()
        + ET.tostring(root, encoding="utf-8", xml_declaration=False)
        + b"\n"
    )


@dataclass(frozen=True)
class FeedPageText:
    """What a reader who opens a feed in a browser reads, in the feed's language."""

    lang: str
    direction: str  # "ltr" or "rtl"
    explanation: str  # what a feed is and how to subscribe
    address: str  # the label of the feed's address
    entries: str  # the heading of the entry list
    website: str  # the link back to the site


def feed_stylesheet(text: FeedPageText) -> bytes:
    """An XSLT 1.0 stylesheet that shows an Atom feed as a page: what it is, its address to
    copy into a feed reader, and its entries. The same file serves every feed of a language."""
    values = {
        key: escape(value) for key, value in vars(text).items() if key not in ("lang", "direction")
    }
    return _STYLESHEET.format(
        lang=escape(text.lang, {'"': "&quot;"}),
        direction=escape(text.direction, {'"': "&quot;"}),
        **values,
    ).encode("utf-8")


_STYLESHEET = """<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="{lang}" dir="{direction}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/></title>
        <style>
          body {{ font: 1rem/1.5 system-ui, "Noto Sans", "Noto Sans Arabic", sans-serif;
                 max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }}
          .ns-feed-about {{ background: #eef3f8; border-radius: .4rem; padding: .8rem 1rem; }}
          code {{ display: block; overflow-wrap: anywhere; background: #fff; padding: .4rem;
                 border: 1px solid #c6d3e0; border-radius: .3rem; user-select: all; }}
          li {{ margin-block-end: 1rem; }}
          a {{ color: #0b5394; }}
        </style>
      </head>
      <body>
        <header>
          <h1><xsl:value-of select="atom:title"/></h1>
          <p><xsl:value-of select="atom:subtitle"/></p>
        </header>
        <section class="ns-feed-about">
          <p>{explanation}</p>
          <p><strong>{address}</strong></p>
          <code dir="ltr"><xsl:value-of select="atom:link[@rel='self']/@href"/></code>
          <p><a href="{{atom:link[@rel='alternate']/@href}}">{website}</a></p>
        </section>
        <h2>{entries}</h2>
        <ul>
          <xsl:for-each select="atom:entry">
            <li>
              <a href="{{atom:link[@rel='alternate']/@href}}"><xsl:value-of select="atom:title"/></a>
              <xsl:if test="atom:published">
                <xsl:text> </xsl:text>
                <time datetime="{{substring(atom:published, 1, 10)}}">
                  <xsl:value-of select="substring(atom:published, 1, 10)"/>
                </time>
              </xsl:if>
              <p><xsl:value-of select="atom:summary"/></p>
            </li>
          </xsl:for-each>
        </ul>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
"""


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
                **({"image": entry.image.url} if entry.image else {}),
            }
            for entry in feed.entries
        ],
    }
    if feed.icon:
        document["icon"] = feed.icon
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"

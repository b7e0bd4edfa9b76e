"""Feeds people can read: both feeds of each language linked from every page, Atom and JSON;
no heading permalink ("¶") in their content; each subtitle says what the feed holds."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.conftest import BuildResult
from tests.quality.conftest import SITE_URL

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("prefix", ["", "fr/", "ar/"])
def test_every_feed_is_linked_and_clean(real_site: BuildResult, prefix: str):
    head = real_site.soup(prefix + "about/").select('link[rel="alternate"][type]')
    kinds = {link["type"] for link in head}
    assert {"application/atom+xml", "application/feed+json"} <= kinds
    hrefs = [link["href"] for link in head if "feed" in link["href"]]
    assert sum(h.endswith("press/feed.json") for h in hrefs) == 1, hrefs
    assert sum(h.endswith("press/feed.xml") for h in hrefs) == 1
    for name in ("feed", "press/feed"):
        atom = feedparser.parse((real_site.site / prefix / f"{name}.xml").read_bytes())
        assert not atom.bozo
        for entry in atom.entries:
            assert "headerlink" not in entry.content[0].value and "¶" not in entry.content[0].value
        data = json.loads((real_site.site / prefix / f"{name}.json").read_text(encoding="utf-8"))
        assert all("¶" not in item["content_html"] for item in data["items"])
    news = feedparser.parse((real_site.site / prefix / "feed.xml").read_bytes()).feed.subtitle
    press = feedparser.parse(
        (real_site.site / prefix / "press/feed.xml").read_bytes()
    ).feed.subtitle
    assert news != press


FEED_PAGE = {
    "en": "copy its address below into your feed reader",
    "fr": "copiez son adresse ci-dessous dans votre lecteur de flux",
    "ar": "انسخ عنوانه أدناه في قارئ الموجزات",
}


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_an_atom_feed_opened_in_a_browser_is_a_page_that_explains_it(
    real_site: BuildResult, lang: str
):
    """Each Atom feed names its language's XSLT; applied, it gives a translated page with the
    feed's address to copy and every entry linked."""
    from lxml import etree

    prefix = "" if lang == "en" else f"{lang}/"
    base = urlsplit(SITE_URL).path.rstrip("/")
    for name in ("feed", "press/feed"):
        raw = (real_site.site / prefix / f"{name}.xml").read_bytes()
        feed = etree.fromstring(raw)
        instruction = feed.getprevious()
        assert instruction is not None and instruction.target == "xml-stylesheet"
        assert instruction.get("type") == "text/xsl"
        assert instruction.get("href") == f"{base}/{prefix}feed.xsl"
        assert not feedparser.parse(raw).bozo

        xslt = etree.XSLT(etree.parse(str(real_site.site / prefix / "feed.xsl")))
        page = BeautifulSoup(str(xslt(etree.ElementTree(feed))), "html.parser")
        parsed = feedparser.parse(raw)
        assert page.html["lang"] == lang
        assert page.html["dir"] == ("rtl" if lang == "ar" else "ltr")
        assert page.h1.get_text() == parsed.feed.title
        assert FEED_PAGE[lang] in page.get_text()
        assert page.code.get_text() == parsed.feed.links[1].href  # rel=self, to copy
        links = {a["href"]: a.get_text() for a in page.select("li a")}
        assert links == {entry.link: entry.title for entry in parsed.entries}

"""Feeds people can read: both feeds of each language linked from every page, Atom and JSON;
no heading permalink ("¶") in their content; each subtitle says what the feed holds."""

from __future__ import annotations

import json

import feedparser
import pytest

from tests.conftest import BuildResult

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

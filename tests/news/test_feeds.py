"""Feeds parsed back: Atom with feedparser, JSON Feed with json, per language."""

from __future__ import annotations

import json

import feedparser

from tests.news.conftest import news_file

FILES = {
    "content/news/2018/visit.md": news_file(
        "The visit",
        "2018-11-30",
        "press-release",
        summary="What happened.",
        body="See [home](../../index.md).\n",
    ),
    "content/news/2018/visit.fr.md": "---\ntitle: La visite\nsummary: Ce qui s’est passé.\n---\nVoir l’[accueil](../../index.md).\n",
    "content/news/2018/story.md": news_file("A story", "2018-11-01"),
}


def test_atom_feeds_per_language(news_site):
    result = news_site(FILES)
    assert result.returncode == 0, result.log
    en = feedparser.parse((result.site / "feed.xml").read_bytes())
    assert not en.bozo, en.bozo_exception
    assert en.feed.language == "en"
    assert [e.title for e in en.entries] == ["The visit", "A story"]
    assert en.entries[0].link == "https://example.org/news/2018/visit/"
    assert en.entries[0].id == "tag:thenextsociety.co,2018-11-30:news/2018/visit/en"
    assert 'href="https://example.org/"' in en.entries[0].content[0].value  # links made absolute
    fr = feedparser.parse((result.site / "fr" / "feed.xml").read_bytes())
    assert fr.feed.language == "fr"
    assert [e.title for e in fr.entries] == ["La visite"]  # only real translations
    assert fr.entries[0].link == "https://example.org/fr/news/2018/visit/"
    assert 'href="https://example.org/fr/"' in fr.entries[0].content[0].value
    press = feedparser.parse((result.site / "press" / "feed.xml").read_bytes())
    assert [e.title for e in press.entries] == ["The visit"]
    ar = feedparser.parse((result.site / "ar" / "feed.xml").read_bytes())
    assert not ar.bozo and ar.feed.language == "ar" and ar.entries == []


def test_entry_ids_do_not_change_with_the_title(news_site):
    first = news_site(FILES)
    renamed = news_site(
        {
            **FILES,
            "content/news/2018/visit.md": FILES["content/news/2018/visit.md"].replace(
                "The visit", "A new title"
            ),
        }
    )
    ids = [
        feedparser.parse((r.site / "feed.xml").read_bytes()).entries[0].id for r in (first, renamed)
    ]
    assert ids[0] == ids[1]


def test_json_feed(news_site):
    result = news_site(FILES)
    data = json.loads((result.site / "fr" / "feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["language"] == "fr"
    assert data["feed_url"] == "https://example.org/fr/feed.json"
    item = data["items"][0]
    assert item["title"] == "La visite" and item["url"] == "https://example.org/fr/news/2018/visit/"
    assert item["date_published"] == "2018-11-30T00:00:00Z"
    assert "<p>" in item["content_html"]


def test_every_page_links_its_language_feeds(news_site):
    result = news_site(FILES)
    for url, expected in (("about/", "../feed.xml"), ("fr/news/2018/visit/", "../../../feed.xml")):
        links = result.soup(url).select('link[rel="alternate"][type="application/atom+xml"]')
        assert links[0]["href"] == expected
    resolved = result.soup("fr/").select_one('link[rel="alternate"][type="application/feed+json"]')[
        "href"
    ]
    assert resolved == "feed.json"

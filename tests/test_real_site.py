"""The real site, built once from content/ and data/ with --strict: what the issues promise."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import icalendar

RELEASE = "news/2018/barcelona-benchmarking-visit/"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def target(site: Path, page: Path, href: str) -> Path:
    """The file a relative (or site-absolute) link of `page` points to."""
    path = urlsplit(href).path
    base = page.parent.relative_to(site).as_posix()
    joined = (
        posixpath.normpath(posixpath.join(base, path))
        if not path.startswith("/")
        else path.lstrip("/")
    )
    candidate = site / joined
    return (
        candidate / "index.html"
        if href.split("#")[0].endswith("/") or candidate.is_dir()
        else candidate
    )


def test_builds_strict_without_warnings(real_site):
    assert "WARNING" not in real_site.log
    for home in ("index.html", "fr/index.html", "ar/index.html"):
        assert (real_site.site / home).is_file()


def test_every_switcher_link_and_hreflang_exists(real_site):
    site = real_site.site
    prefix = "https://www.thenextsociety.co/"
    checked = 0
    for page in pages(site):
        soup = real_site.soup(page.relative_to(site).as_posix())
        for link in soup.select("a.md-select__link[data-ns-switch]"):
            href = link["href"]
            if page.name == "404.html":
                assert href.startswith("/")
            assert target(site, page, href).is_file(), (page, href)
            checked += 1
        for alt in soup.select('link[rel="alternate"][hreflang]'):
            href = alt["href"]
            assert href.startswith(prefix), (page, href)
            assert target(site, site / "index.html", href[len(prefix) :] or "./").is_file(), (
                page,
                href,
            )
            checked += 1
    assert checked > 500


def test_arabic_pages_are_right_to_left(real_site):
    for page in sorted((real_site.site / "ar").rglob("*.html")):
        soup = real_site.soup(page.relative_to(real_site.site).as_posix())
        assert soup.html["lang"] == "ar" and soup.body["dir"] == "rtl", page


def test_the_press_release_in_three_languages(real_site):
    titles = {}
    for lang in ("", "fr/", "ar/"):
        soup = real_site.soup(lang + RELEASE)
        assert soup.select_one(".ns-untranslated") is None, lang  # a real translation
        titles[lang] = soup.select_one("h1").get_text(strip=True)
        contact = soup.select_one(".ns-item__contact")
        assert "Inmaculada Ruiz" in contact.get_text()
        assert contact.select_one('a[href="mailto:inmaculada.ruiz@anima.coop"]')
        assert contact.select_one('a[href="tel:+33496116769"]')
        assert soup.select_one(".ns-boilerplate")
        mentions = [a["href"] for a in soup.select(".ns-item__mentions a")]
        assert any(h.endswith("partners/accio/") for h in mentions)
        assert any(h.endswith("partners/france-clusters/") for h in mentions)
        assert any(h.endswith("clusters/oasis500/") for h in mentions)
        assert any(h.endswith("events/2018/barcelona-benchmarking-visit/") for h in mentions)
        blocks = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
        (data,) = [block for block in blocks if block["@type"] == "NewsArticle"]
        assert data["@type"] == "NewsArticle" and data["inLanguage"] == (lang.rstrip("/") or "en")
        switch = {
            a["hreflang"]: a["data-ns-switch"]
            for a in soup.select("a.md-select__link[data-ns-switch]")
        }
        assert set(switch.values()) <= {"current", "translation"}
    assert titles[""].startswith("THE NEXT SOCIETY Cluster Booster Track off to a great start")
    assert len(set(titles.values())) == 3
    # the source gives the month, not the day: the release is dated "novembre 2018"
    french = real_site.soup("fr/" + RELEASE).select_one(".ns-item__meta time")
    assert (french.get_text(), french["datetime"]) == ("novembre 2018", "2018-11")


def test_feeds_and_calendar_of_the_real_site(real_site):
    for lang in ("", "fr/", "ar/"):
        feed = feedparser.parse((real_site.site / lang / "press" / "feed.xml").read_bytes())
        assert not feed.bozo
        assert feed.entries[0].link == f"https://www.thenextsociety.co/{lang}{RELEASE}"
        cal = icalendar.Calendar.from_ical(
            (real_site.site / lang / "events" / "calendar.ics").read_bytes()
        )
        (event,) = cal.walk("VEVENT")  # the three planned sessions have no dates yet
        assert str(event["DTSTART"].to_ical().decode()) == "20181119"
        assert str(event["DTEND"].to_ical().decode()) == "20181124"


def test_partners_clusters_and_events_link_back(real_site):
    for lang in ("", "fr/", "ar/"):
        accio = real_site.soup(f"{lang}partners/accio/")
        hrefs = [a["href"] for a in accio.select("a[href]")]
        assert any(h.endswith(RELEASE) for h in hrefs), lang
        assert any(h.endswith("events/2018/barcelona-benchmarking-visit/") for h in hrefs), lang
        # the source names no host for the planned sessions: no partner links to them as host
        awex = real_site.soup(f"{lang}partners/agence-wallonne-exportation-investissements/")
        assert not any("events/planned/" in a["href"] for a in awex.select("a[href]")), lang
        wallonia = real_site.soup(f"{lang}events/planned/benchmarking-visit-wallonia/")
        country_partners = [a["href"] for a in wallonia.select(".ns-country-partners a[href]")]
        assert any(
            "partners/agence-wallonne-exportation-investissements/" in h for h in country_partners
        ), lang

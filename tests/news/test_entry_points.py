"""Entry points a journalist uses: Press right after Home in every language, the latest items on
the home page, and every release leading to the others (issue: press room, part 2)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import BuildResult
from tests.news.conftest import news_file

RELEASE_A = news_file("Release A", "2018-01-10", "press-release")
NEWS_B = news_file("News B", "2018-02-10")
RELEASE_C = news_file("Release C", "2018-03-10", "press-release")
NEWS_D = news_file("News D", "2018-04-10")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("prefix", "home", "press"),
    [("", "Home", "Press"), ("fr/", "Accueil", "Presse"), ("ar/", "الرئيسية", "الصحافة")],
)
def test_press_is_the_tab_after_home(real_site: BuildResult, prefix, home, press):
    tabs = [a.get_text(strip=True) for a in real_site.soup(prefix).select(".md-tabs__link")]
    assert tabs[:2] == [home, press]


@pytest.mark.slow
@pytest.mark.parametrize("prefix", ["", "fr/", "ar/"])
def test_the_home_page_shows_the_latest_release_and_event(real_site: BuildResult, prefix):
    soup = real_site.soup(prefix)
    latest = soup.select(".ns-home__news .ns-entry__title a")
    assert [a["href"] for a in latest] == ["news/2018/barcelona-benchmarking-visit/"]
    more = [a["href"] for a in soup.select(".ns-home__news .ns-home__more a")]
    assert more == ["press/", "news/"]
    event = soup.select_one(".ns-home__event .ns-entry__title a")
    assert event["href"] == "events/2018/barcelona-benchmarking-visit/"


def test_home_lists_the_three_latest_items(news_site):
    result = news_site(
        {
            f"content/news/2018/{n}.md": t
            for n, t in (("a", RELEASE_A), ("b", NEWS_B), ("c", RELEASE_C), ("d", NEWS_D))
        }
    )
    assert result.returncode == 0, result.log
    titles = [
        a.get_text(strip=True) for a in result.soup("").select(".ns-home__news .ns-entry__title a")
    ]
    assert titles == ["News D", "Release C", "News B"]
    assert result.soup("").select_one(".ns-home__news h3.ns-entry__title")  # under the section's h2


def test_a_release_leads_to_the_other_releases(news_site):
    result = news_site(
        {
            f"content/news/2018/{n}.md": t
            for n, t in (("a", RELEASE_A), ("b", NEWS_B), ("c", RELEASE_C), ("d", NEWS_D))
        }
    )
    assert result.returncode == 0, result.log
    release = result.soup("news/2018/c/")
    assert release.select_one('.ns-item__neighbours a[rel="prev"]')["href"] == "../a/"  # not news b
    assert release.select_one('.ns-item__neighbours a[rel="next"]') is None  # news d is no release
    assert release.select_one(".ns-item__all")["href"] == "../../../press/"
    assert "Previous release" in release.select_one('.ns-item__neighbours a[rel="prev"]').get_text()
    news = result.soup("news/2018/b/")
    assert news.select_one('.ns-item__neighbours a[rel="next"]')["href"] == "../c/"
    assert news.select_one(".ns-item__all") is None


@pytest.mark.slow
@pytest.mark.parametrize("prefix", ["", "fr/", "ar/"])
@pytest.mark.parametrize(
    ("url", "section"),
    [
        ("news/2018/barcelona-benchmarking-visit/", "press/"),
        ("events/2018/barcelona-benchmarking-visit/", "events/"),
        ("partners/accio/", "partners/"),
        ("clusters/menara/", "clusters/"),
    ],
)
def test_breadcrumbs_above_and_in_json_ld(real_site: BuildResult, prefix, url, section):
    soup = real_site.soup(prefix + url)
    crumbs = soup.select(".ns-breadcrumbs li")
    assert len(crumbs) == 3
    assert crumbs[-1].select_one('[aria-current="page"]').get_text() == soup.h1.get_text()
    site = "https://www.thenextsociety.co/"
    data = [
        json.loads(s.string)
        for s in soup.select('script[type="application/ld+json"]')
        if '"BreadcrumbList"' in s.string
    ]
    assert len(data) == 1
    items = data[0]["itemListElement"]
    assert [i["position"] for i in items] == [1, 2, 3]
    assert [i.get("item") for i in items] == [site + prefix, site + prefix + section, None]
    assert items[2]["name"] == soup.h1.get_text()


@pytest.mark.slow
@pytest.mark.parametrize("prefix", ["", "fr/", "ar/"])
def test_the_about_page_links_every_partner(real_site: BuildResult, prefix):
    soup = real_site.soup(prefix + "about/")
    links = {a["href"] for a in soup.select('.md-content a[href^="../partners/"]')}
    partner_pages = {
        p.parent.name for p in (real_site.site / prefix / "partners").glob("*/index.html")
    }
    assert {f"../partners/{name}/" for name in partner_pages} == links
    assert len(links) == 31

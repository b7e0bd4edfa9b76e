"""Build tests for news items, listings, the press room and embargo."""

from __future__ import annotations

import json

import pytest

from tests.news.conftest import NEWS_PLUGIN, many_items, news_file


def entry_titles(result, url: str) -> list[str]:
    return [
        a.get_text(strip=True) for a in result.soup(url).select(".ns-entries .ns-entry__title a")
    ]


@pytest.mark.parametrize(
    ("count", "pages"),
    [(0, [0]), (1, [1]), (10, [10]), (11, [10, 1]), (25, [10, 10, 5])],
)
def test_pagination(news_site, count, pages):
    result = news_site(many_items(count))
    assert result.returncode == 0, result.log
    for lang in ("", "fr/", "ar/"):
        for number, expected in enumerate(pages, start=1):
            url = f"{lang}news/" if number == 1 else f"{lang}news/page/{number}/"
            assert len(entry_titles(result, url)) == expected, url
        assert not (result.site / lang / "news" / "page" / str(len(pages) + 1)).exists()
    if count:
        # newest first, across pages
        first = entry_titles(result, "news/")
        assert first[0] == f"Item {count - 1:02d}"
    else:
        assert "Nothing has been published here yet." in result.html("news/")


def test_year_archives_across_a_year_boundary(news_site):
    result = news_site(
        {
            "content/news/2018/last.md": news_file("Last of 2018", "2018-12-31"),
            "content/news/2019/first.md": news_file("First of 2019", "2019-01-01"),
        }
    )
    assert result.returncode == 0, result.log
    assert entry_titles(result, "news/2018/") == ["Last of 2018"]
    assert entry_titles(result, "news/2019/") == ["First of 2019"]
    assert entry_titles(result, "fr/news/2019/") == ["First of 2019"]
    assert result.soup("fr/news/2019/").select_one("h1").get_text() == "Actualités de 2019"


def test_item_page_localized_date_type_and_neighbours(news_site):
    result = news_site(
        {
            "content/news/2018/visit.md": news_file(
                "The visit", "2018-11-30", "press-release", extra="dateline: Barcelona\n"
            ),
            "content/news/2018/visit.fr.md": "---\ntitle: La visite\nsummary: Résumé.\ndateline: Barcelone\n---\nTexte.\n",
            "content/news/2018/older.md": news_file("Older", "2018-10-01"),
            "content/news/2018/oldest.md": news_file(
                "Oldest release", "2018-09-01", "press-release"
            ),
        }
    )
    assert result.returncode == 0, result.log
    en = result.soup("news/2018/visit/")
    assert en.select_one(".ns-item__meta time").get_text() == "30 November 2018"
    assert en.select_one(".ns-badge").get_text() == "Press release"
    fr = result.soup("fr/news/2018/visit/")
    assert fr.select_one("h1").get_text() == "La visite"
    assert fr.select_one(".ns-item__meta time").get_text() == "30 novembre 2018"
    assert fr.select_one(".ns-dateline").get_text() == "Barcelone"
    assert fr.select_one(".ns-badge").get_text() == "Communiqué de presse"
    assert fr.select_one(".ns-boilerplate h2").get_text() == "À propos de THE NEXT SOCIETY"
    ar = result.soup("ar/news/2018/visit/")
    assert ar.select_one(".ns-item__meta time").get_text() == "30 نوفمبر 2018"
    assert ar.select_one(".ns-untranslated") is not None  # no Arabic text: the English one, marked
    prev = fr.select_one('.ns-item__neighbours a[rel="prev"]')  # a release: the previous release
    assert prev["href"].endswith("oldest/") and prev.select_one("span")["lang"] == "en"
    older = result.soup("fr/news/2018/older/").select_one('.ns-item__neighbours a[rel="next"]')
    assert older["href"].endswith("visit/")  # news: the next item, whatever its type
    assert en.select_one(".ns-boilerplate") is not None
    assert (
        result.soup("news/2018/older/").select_one(".ns-boilerplate") is None
    )  # news, not a release


def test_item_head_metadata_and_json_ld(news_site, tmp_path):
    social = f"- nextsociety/social:\n    cache_dir: {tmp_path / 'cache'}\n"
    result = news_site(
        {
            "content/news/2018/visit.md": news_file(
                "The visit",
                "2018-11-30",
                "press-release",
                summary="What happened.",
                extra="updated: 2018-12-02\n",
            )
        },
        plugin=NEWS_PLUGIN + social,
    )
    assert result.returncode == 0, result.log
    soup = result.soup("news/2018/visit/")
    assert (
        soup.select_one('link[rel="canonical"]')["href"] == "https://example.org/news/2018/visit/"
    )
    assert soup.select_one('meta[name="description"]')["content"] == "What happened."
    assert soup.select_one('meta[property="og:title"]')["content"] == "The visit"
    assert (
        soup.select_one('meta[property="og:url"]')["content"]
        == "https://example.org/news/2018/visit/"
    )
    assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    assert soup.select_one('meta[property="og:type"]')["content"] == "article"
    assert soup.select_one('meta[property="article:published_time"]')["content"] == "2018-11-30"
    card = soup.select_one('meta[property="og:image"]')["content"]
    assert (
        card.startswith("https://example.org/assets/cards/")
        and (result.site / card[len("https://example.org/") :]).is_file()
    )
    scripts = soup.select('script[type="application/ld+json"]')
    (data,) = [json.loads(s.string) for s in scripts if '"NewsArticle"' in s.string]
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "The visit"
    assert data["datePublished"] == "2018-11-30" and data["dateModified"] == "2018-12-02"
    assert data["inLanguage"] == "en"
    assert data["mainEntityOfPage"]["@id"] == "https://example.org/news/2018/visit/"
    assert data["publisher"]["name"] == "THE NEXT SOCIETY"


def test_embargoed_and_draft_items_appear_nowhere(news_site):
    result = news_site(
        {
            "content/news/2026/future.md": news_file(
                "Embargoed release", "2026-11-26", "press-release"
            ),
            "content/news/2026/future.fr.md": "---\ntitle: Sous embargo\nsummary: s\n---\nx\n",
            "content/news/2026/draft.md": news_file(
                "Secret draft", "2026-01-01", extra="draft: true\n"
            ),
            "content/news/2026/today.md": news_file("Out today", "2026-11-25"),
        }
    )
    assert result.returncode == 0, result.log
    everything = b"".join(p.read_bytes() for p in result.site.rglob("*") if p.is_file())
    for secret in (b"Embargoed release", b"Sous embargo", b"Secret draft", b"/future/", b"/draft/"):
        assert secret not in everything, secret
    assert entry_titles(result, "news/") == ["Out today"]


def test_embargo_lifts_on_its_day(news_site):
    files = {"content/news/2026/future.md": news_file("Embargoed release", "2026-11-26")}
    result = news_site(files, env={"NEXTSOCIETY_BUILD_DATE": "2026-11-26"})
    assert result.returncode == 0, result.log
    assert entry_titles(result, "news/") == ["Embargoed release"]


def test_press_room_lists_press_releases_only(news_site):
    result = news_site(
        {
            "content/news/2018/release.md": news_file("A release", "2018-11-30", "press-release"),
            "content/news/2018/story.md": news_file("A story", "2018-11-01"),
        }
    )
    assert result.returncode == 0, result.log
    assert entry_titles(result, "press/") == ["A release"]
    assert entry_titles(result, "fr/press/") == ["A release"]
    feeds = [a["href"] for a in result.soup("fr/press/").select(".ns-feeds a")]
    assert feeds == ["../feed.xml", "../feed.json", "feed.xml"]


def test_tags_pages(news_site, tmp_path):
    result = news_site(
        {
            "content/news/2018/visit.md": news_file(
                "The visit", "2018-11-30", extra="tags: [benchmarking-visit]\n"
            )
        }
    )
    assert result.returncode == 0, result.log
    assert entry_titles(result, "fr/news/tags/benchmarking-visit/") == ["The visit"]
    assert (
        "Visites de benchmarking"
        in result.soup("fr/news/tags/benchmarking-visit/").select_one("h1").get_text()
    )


def test_a_bad_build_date_variable_is_an_error(news_site):
    result = news_site({}, env={"NEXTSOCIETY_BUILD_DATE": "25/11/2026"})
    assert result.returncode != 0
    assert "NEXTSOCIETY_BUILD_DATE='25/11/2026' is not a date" in result.log


def test_press_room_media_kit_lists_files_under_press_media(news_site):
    without = news_site({})
    assert without.returncode == 0, without.log
    assert without.soup("press/").select_one("#ns-media") is None  # no files: no section
    result = news_site({"content/press/media/factsheet.txt": "THE NEXT SOCIETY fact sheet\n"})
    assert result.returncode == 0, result.log
    for lang in ("", "fr/", "ar/"):
        links = result.soup(f"{lang}press/").select(
            'section[aria-labelledby="ns-media"] a[download]'
        )
        assert [a.get_text(strip=True) for a in links] == ["factsheet.txt"], lang
        href = links[0]["href"]
        assert (result.site / lang / "press" / href).resolve() == (
            result.site / "press" / "media" / "factsheet.txt"
        ).resolve()

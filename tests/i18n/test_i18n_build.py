"""Build tests for the i18n plugin: tiny sites in tmp_path, assertions on parsed HTML."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import tiny_mkdocs_yml

BASIC = {
    "content/index.md": "# Home\n\nWelcome.\n",
    "content/index.fr.md": "# Accueil\n\nBienvenue.\n",
    "content/index.ar.md": "# الرئيسية\n\nأهلا.\n",
    "content/about.md": "# About\n\nSee [home](index.md).\n",
    "content/about.fr.md": "---\nslug: a-propos\n---\n# À propos\n\nVoir [l’accueil](index.md).\n",
    # about has no Arabic translation: /ar/about/ is a fallback copy of the English page
}


def switcher(soup) -> dict[str, tuple[str, str]]:
    """lang -> (href, kind) of the language switcher links."""
    return {
        a["hreflang"]: (a["href"], a["data-ns-switch"])
        for a in soup.select("a.md-select__link[data-ns-switch]")
    }


def resolve(page_url: str, href: str) -> str:
    """A relative href from a page URL ('fr/a-propos/') to a site path ('about/')."""
    joined = posixpath.normpath(posixpath.join(page_url, href))
    return "" if joined == "." else joined.rstrip("/") + "/"


@pytest.fixture
def basic(make_site):
    result = make_site(BASIC)
    assert result.returncode == 0, result.log
    return result


def test_languages_at_their_urls_with_lang_and_direction(basic):
    for url, lang, direction in [("", "en", "ltr"), ("fr/", "fr", "ltr"), ("ar/", "ar", "rtl")]:
        soup = basic.soup(url)
        assert soup.html["lang"] == lang
        assert soup.body["dir"] == direction


def test_material_interface_strings_in_the_page_language(basic):
    skip = {
        url: basic.soup(url).select_one("a.md-skip").get_text(strip=True)
        for url in ("", "fr/", "ar/")
    }
    assert skip[""] == "Skip to content"
    assert skip["fr/"] == "Aller au contenu"
    assert skip["ar/"] == "انتقل إلى المحتوى"


def test_switcher_same_slug_other_slug_and_fallback(basic):
    links = switcher(basic.soup("about/"))
    assert resolve("about/", links["fr"][0]) == "fr/a-propos/"
    assert links["fr"][1] == "translation"
    assert resolve("about/", links["ar"][0]) == "ar/about/"
    assert links["ar"][1] == "fallback"
    back = switcher(basic.soup("fr/a-propos/"))
    assert resolve("fr/a-propos/", back["en"][0]) == "about/"
    home = switcher(basic.soup("ar/"))
    assert resolve("ar/", home["fr"][0]) == "fr/"
    assert resolve("ar/", home["en"][0]) == ""


def test_switcher_goes_home_when_a_page_has_no_source_in_that_language(make_site):
    result = make_site({**BASIC, "content/only-french.fr.md": "# Seulement en français\n"})
    assert result.returncode == 0, result.log
    links = switcher(result.soup("fr/only-french/"))
    assert resolve("fr/only-french/", links["en"][0]) == ""
    assert links["en"][1] == "home"
    assert resolve("fr/only-french/", links["ar"][0]) == "ar/"
    assert not (result.site / "only-french").exists()


def test_fallback_copy_says_so_in_the_page_language(basic):
    soup = basic.soup("ar/about/")
    assert soup.html["lang"] == "ar"
    notice = soup.select_one(".ns-untranslated")
    assert notice is not None and notice["data-ns-untranslated"] == "en"
    assert "لم تُترجم" in notice.get_text()
    assert "الإنجليزية" in notice.get_text()  # the source language's name, from CLDR
    body = soup.select_one('div[lang="en"][dir="ltr"]')
    assert body is not None and "See" in body.get_text()
    assert soup.select_one('link[rel="canonical"]')["href"] == "https://example.org/about/"
    assert basic.soup("about/").select_one(".ns-untranslated") is None


def test_relative_links_stay_in_the_page_language(basic):
    soup = basic.soup("fr/a-propos/")
    link = soup.select_one("article a[href]:-soup-contains('accueil')")
    assert resolve("fr/a-propos/", link["href"]) == "fr/"


def test_hreflang_alternates_are_absolute_with_x_default(basic):
    for url in ("about/", "fr/a-propos/", "ar/about/"):
        alternates = {
            link["hreflang"]: link["href"]
            for link in basic.soup(url).select('link[rel="alternate"][hreflang]')
        }
        assert alternates == {
            "en": "https://example.org/about/",
            "fr": "https://example.org/fr/a-propos/",
            "x-default": "https://example.org/about/",
        }, url  # no 'ar': the Arabic copy is not a translation


def test_navigation_lists_only_its_own_language(basic):
    for url in ("", "fr/", "ar/"):
        hrefs = [
            resolve(url, a["href"])
            for a in basic.soup(url).select("nav.md-nav--primary a.md-nav__link[href]")
        ]
        expected_prefix = url
        assert hrefs, url
        for target in hrefs:
            assert target.startswith(expected_prefix), (url, target)
            if not expected_prefix:
                assert not target.startswith(("fr/", "ar/")), target


def test_site_name_and_footer_per_language(basic):
    fr = basic.soup("fr/")
    ar = basic.soup("ar/")
    assert "Union européenne" in fr.select_one(".md-copyright").get_text()
    assert "الاتحاد الأوروبي" in ar.select_one(".md-copyright").get_text()


def test_sitemap_has_hreflang_alternates(basic):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring((basic.site / "sitemap.xml").read_bytes())
    urls = {u.findtext("s:loc", namespaces=ns): u for u in root.findall("s:url", ns)}
    assert set(urls) == {
        "https://example.org/",
        "https://example.org/fr/",
        "https://example.org/ar/",
        "https://example.org/about/",
        "https://example.org/fr/a-propos/",
    }
    about = {
        link.get("hreflang"): link.get("href")
        for link in urls["https://example.org/fr/a-propos/"].findall("x:link", ns)
    }
    assert about == {
        "en": "https://example.org/about/",
        "fr": "https://example.org/fr/a-propos/",
        "x-default": "https://example.org/about/",
    }


def test_not_found_page_per_language(basic):
    for path, lang, text in [
        ("404.html", "en", "Page not found"),
        ("fr/404.html", "fr", "Page introuvable"),
        ("ar/404.html", "ar", "الصفحة غير موجودة"),
    ]:
        soup = basic.soup(path)
        assert soup.html["lang"] == lang
        assert soup.select_one("article h1").get_text(strip=True) == text
        # served for any missing URL, so every link is absolute from the site root
        for tag in soup.select("link[href], script[src], a[href]"):
            ref = tag.get("href") or tag.get("src")
            assert ref.startswith(("/", "https:", "#", "mailto:")), (path, ref)


def test_sub_path_site_url(make_site):
    result = make_site(BASIC, mkdocs_yml=tiny_mkdocs_yml(site_url="https://example.org/tns/"))
    assert result.returncode == 0, result.log
    alternates = {
        l["hreflang"]: l["href"]
        for l in result.soup("fr/a-propos/").select('link[rel="alternate"][hreflang]')
    }
    assert alternates["fr"] == "https://example.org/tns/fr/a-propos/"
    assert alternates["x-default"] == "https://example.org/tns/about/"
    home = result.soup("fr/404.html").select_one("article a[href]")
    assert home["href"] == "/tns/fr/"
    assert "https://example.org/tns/ar/" in (result.site / "sitemap.xml").read_text()


def test_two_builds_are_identical(make_site, tmp_path):
    first = make_site(BASIC)
    snapshot = {
        p.relative_to(first.site): p.read_bytes() for p in first.site.rglob("*") if p.is_file()
    }
    second = make_site(BASIC)
    again = {
        p.relative_to(second.site): p.read_bytes() for p in second.site.rglob("*") if p.is_file()
    }
    assert snapshot.keys() == again.keys()
    assert [p for p in snapshot if snapshot[p] != again[p]] == []


def test_pages_outside_the_navigation_have_no_cross_language_neighbours(make_site):
    result = make_site(
        {**BASIC, "content/extra.md": "# Extra\n", "content/extra.fr.md": "# En plus\n"}
    )
    assert result.returncode == 0, result.log
    for url in ("extra/", "fr/extra/", "ar/extra/"):
        soup = result.soup(url)
        assert soup.select(".md-footer__link") == [], url
        assert soup.select('link[rel="prev"], link[rel="next"]') == [], url
    # pages in the navigation link their neighbours in their own language only
    nxt = result.soup("fr/").select_one('link[rel="next"]')
    assert resolve("fr/", nxt["href"]) == "fr/a-propos/"
    assert result.soup("ar/about/").select_one('link[rel="prev"]')["href"] == "../"

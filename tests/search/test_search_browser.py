"""The header search in headless Chromium, on the real site served by a plain static server."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.quality.browser import MOBILE, serve
from tests.search.conftest import PREFIX, SITE_URL, t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RELEASE = "news/2018/barcelona-benchmarking-visit/"
ABOUT = "about/"
BASE = urlsplit(SITE_URL).path or "/"


def language_of(url_path: str) -> str:
    """'/fr/news/…' -> 'fr' (under the site's base path)."""
    first = url_path.removeprefix(BASE).split("/")[0]
    return first if first in ("fr", "ar") else "en"


@pytest.fixture
def site(browse, served_site):
    """browse() on the real site: site(viewport=..., javascript=...)."""
    return lambda **options: browse(served_site, site_url=SITE_URL, **options)


@pytest.mark.parametrize(
    ("lang", "query"), [("en", "Barcelona"), ("fr", "Barcelone"), ("ar", "برشلونة")]
)
def test_the_press_release_comes_first(site, lang: str, query: str) -> None:
    browsing = site()
    browsing.open(PREFIX[lang] + ABOUT)
    browsing.open_search()

    results = browsing.search(query)

    assert results, f"no result for {query!r}"
    assert results[0]["url"].endswith("/" + PREFIX[lang] + RELEASE), results[:3]
    assert results[0]["meta"].startswith(t("news.type.press-release", lang)), results[
        0
    ]  # type · date
    assert {language_of(r["url"]) for r in results} == {lang}  # the page's language only
    assert browsing.foreign == []


@pytest.mark.parametrize("query", ["وبرشلونة", "فبرشلونة", "برشلونه"])
def test_arabic_word_forms_find_the_release(site, query: str) -> None:
    """Pagefind's Arabic stemmer drops the prefixes و ("and") and ف ("so") and reads ة as ه.

    It keeps بـ ("in") on this word: "ببرشلونة" finds nothing in Pagefind 1.5.2.
    """
    browsing = site()
    browsing.open("ar/" + ABOUT)
    browsing.open_search()

    results = browsing.search(query)

    assert results and results[0]["url"].endswith("/ar/" + RELEASE), results[:3]


def test_the_press_release_filter_narrows_the_results(site) -> None:
    browsing = site()
    browsing.open(ABOUT)
    browsing.open_search()
    browsing.search("Barcelona")
    everything = browsing.page.evaluate("() => window.__nsSearches.count")  # all, not the shown

    releases = browsing.check_filter(
        t("search.filter.type", "en"), t("news.type.press-release", "en")
    )

    assert everything > len(releases) == 1
    assert releases[0]["url"].endswith("/" + RELEASE)


def test_the_country_filter_narrows_the_results_in_french(site) -> None:
    browsing = site()
    browsing.open("fr/" + ABOUT)
    browsing.open_search()
    browsing.search("Barcelone")
    everything = browsing.page.evaluate("() => window.__nsSearches.count")  # all, not the shown

    in_tunisia = browsing.check_filter(t("search.filter.country", "fr"), "Tunisie")

    assert 0 < browsing.page.evaluate("() => window.__nsSearches.count") < everything
    assert any(
        r["url"].endswith("/fr/" + RELEASE) for r in in_tunisia
    )  # Tunisian clusters took part


@pytest.mark.parametrize("key", ["/", "s"])
def test_a_key_opens_the_search_with_the_focus_in_the_box(site, key: str) -> None:
    browsing = site()
    browsing.open(RELEASE)

    browsing.page.keyboard.press(key)
    browsing.page.wait_for_selector("pagefind-modal dialog[open]")
    browsing.page.wait_for_function(
        "() => document.activeElement && document.activeElement.matches('pagefind-input input')"
    )

    assert (
        browsing.page.input_value("pagefind-input input") == ""
    )  # the key opened, it typed nothing
    browsing.page.keyboard.press("Escape")
    browsing.page.wait_for_selector("pagefind-modal dialog[open]", state="detached", timeout=5000)


def test_the_ui_and_index_load_only_when_the_reader_searches(site) -> None:
    browsing = site()
    browsing.open(RELEASE)
    browsing.page.wait_for_timeout(300)
    assert not [url for url in browsing.requests if "/pagefind/" in url]

    browsing.open_search()
    browsing.search("Barcelona")

    fetched = [url for url in browsing.requests if "/pagefind/" in url]
    assert any(url.endswith("pagefind-component-ui.js") for url in fetched)
    assert any(".pf_fragment" in url for url in fetched)
    other_languages = [url for url in fetched if re.search(r"[/.](fr|ar)_|wasm\.(fr|ar)", url)]
    assert other_languages == []  # only the English index
    assert browsing.foreign == []


def test_the_search_is_labelled_in_the_page_language_and_right_to_left_in_arabic(site) -> None:
    browsing = site(viewport=MOBILE)
    browsing.open("ar/" + RELEASE)
    button = browsing.page.locator(".ns-search__button")

    assert button.is_visible()
    assert button.get_attribute("title") == t("search.shortcut", "ar")
    assert browsing.page.locator(".ns-search__label").text_content() == t("search.label", "ar")

    browsing.open_search()
    browsing.search("برشلونة")
    layout = browsing.page.evaluate(
        """() => {
            const dialog = document.querySelector('pagefind-modal dialog').getBoundingClientRect();
            const input = document.querySelector('pagefind-input input');
            return {direction: getComputedStyle(input).direction, left: dialog.left, right: dialog.right,
                    width: document.documentElement.clientWidth,
                    placeholder: input.placeholder, modalDir: document.querySelector('pagefind-modal').dir};
        }"""
    )
    assert layout["direction"] == "rtl" and layout["modalDir"] == "rtl"
    assert layout["left"] >= 0 and layout["right"] <= layout["width"]  # fits a 375 px phone
    assert not layout["placeholder"].isascii()  # Pagefind's own strings, in Arabic


@pytest.mark.parametrize(("lang", "viewport"), [("en", None), ("fr", None), ("ar", MOBILE)])
def test_no_axe_violation_with_the_search_open(site, lang: str, viewport) -> None:
    browsing = site(viewport=viewport)
    browsing.open(PREFIX[lang] + RELEASE)
    browsing.open_search()
    browsing.search({"en": "Barcelona", "fr": "Barcelone", "ar": "برشلونة"}[lang])
    browsing.page.locator("pagefind-filter-pane summary").first.click()  # a filter group open too

    assert browsing.axe(f"{lang} {RELEASE} with the search open") == []
    assert browsing.foreign == []


def test_without_javascript_the_header_links_to_the_news_archive(site) -> None:
    browsing = site(javascript=False)
    browsing.open("fr/" + RELEASE)

    fallback = browsing.page.locator(".ns-search__fallback")
    assert fallback.is_visible()
    assert fallback.get_attribute("aria-label") == t("search.fallback", "fr")
    assert browsing.page.evaluate(
        "() => new URL(document.querySelector('.ns-search__fallback').href).pathname"
    ).endswith("/fr/news/")
    assert not browsing.page.locator(".ns-search__button").is_visible()


def test_the_search_works_under_a_sub_path(search_site, browse) -> None:
    """site_url with a path: the bundle and the result links are under it."""
    result = search_site(site_url="https://example.org/nextsociety/")
    assert result.returncode == 0, result.log
    with serve(result.site, "/nextsociety/") as home:
        browsing = browse(home, site_url="https://example.org/nextsociety/")
        browsing.open("fr/")
        browsing.open_search()

        results = browsing.search("Barcelone")

    assert [r["url"] for r in results] == ["/nextsociety/fr/"]
    assert browsing.foreign == []

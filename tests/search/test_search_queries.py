"""What journalists type, in each language: the page they want comes first (headless Chromium).

A fixed list of queries against the real site's index, through the header search as a reader
uses it: a person's name finds the press room, a partner's name or acronym (with or without its
accent) its page, a country in the page's language the partner directory grouped by country,
and a word the site does not contain gives Pagefind's "no results" in the page's language
(not the pages that contain its first letter: Pagefind's prefix fallback is undone).
"""

from __future__ import annotations

import pytest

from tests.search.conftest import PREFIX
from tests.search.test_search_browser import RELEASE, site  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# query -> the pages any of which may come first (relative to the language's home)
FIRST = {
    "en": {
        "Ruiz": ("press/",),
        "Inmaculada Ruiz": ("press/",),
        "ACCIÓ": ("partners/accio/",),
        "ACCIO": ("partners/accio/",),
        "France Clusters": ("partners/france-clusters/",),
        "Oasis500": ("clusters/oasis500/",),
        "Tunisia": ("partners/",),
        "Barcelona": (RELEASE,),
    },
    "fr": {
        "Ruiz": ("press/",),
        "ACCIO": ("partners/accio/",),
        # the directory, or the partner named "… de Tunisie"
        "Tunisie": ("partners/", "partners/conect/"),
        "Barcelone": (RELEASE,),
    },
    "ar": {
        "Ruiz": ("press/",),
        "ACCIÓ": ("partners/accio/",),
        "تونس": ("partners/",),
        "برشلونة": (RELEASE,),
    },
}
NO_RESULTS = {"en": "No results for", "fr": "Pas de résultat pour", "ar": "لا توجد نتائج"}
# Words of no page: "AWEX" shares only "a" with the index, "Inqwz" only "in". (A typo near a
# real word, "Inmaculadx", still finds "Inmaculada": Pagefind's fallback is kept for that.)
UNKNOWN = ("AWEX", "Inqwz", "zzqxw")


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_expected_page_comes_first(site, lang: str) -> None:  # noqa: F811
    browsing = site()
    browsing.open(PREFIX[lang] + "about/")
    browsing.open_search()
    wrong = {}
    for query, wanted in FIRST[lang].items():
        results = browsing.search(query)
        first = results[0]["url"] if results else None
        if first is None or not any(first.endswith("/" + PREFIX[lang] + u) for u in wanted):
            wrong[query] = [r["url"] for r in results[:3]]
    assert wrong == {}


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_word_of_no_page_gives_no_results_in_the_page_language(site, lang: str) -> None:  # noqa: F811
    browsing = site()
    browsing.open(PREFIX[lang] + "about/")
    browsing.open_search()
    for query in UNKNOWN:
        assert browsing.search(query) == [], query
        summary = browsing.page.text_content("pagefind-summary") or ""
        assert NO_RESULTS[lang] in summary and query in summary, summary
    # and a word that is there still finds its pages once typed in full after the unknown ones
    assert browsing.search("Ruiz")


def test_the_year_filter_keeps_only_that_year(site) -> None:  # noqa: F811
    browsing = site()
    browsing.open("about/")
    browsing.open_search()
    browsing.search("Barcelona")
    everything = browsing.page.evaluate("() => window.__nsSearches.count")

    in_2018 = browsing.check_filter("Year", "2018")

    assert 0 < browsing.page.evaluate("() => window.__nsSearches.count") < everything
    assert any(r["url"].endswith("/" + RELEASE) for r in in_2018)
    assert all(r["meta"] == "" or "2018" in r["meta"] for r in in_2018), in_2018

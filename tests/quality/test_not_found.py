"""A missing page shows the not-found page of its language, on a host that answers every
missing path with the root 404.html (GitHub Pages): French under /fr/, Arabic right to left
under /ar/, at the address asked for, with no redirect loop."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml

from tests.conftest import REPO, BuildResult
from tests.quality import browser as chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STRINGS = yaml.safe_load((REPO / "data" / "site.yml").read_text(encoding="utf-8"))["strings"]


@pytest.fixture(scope="module")
def github_pages(real_site: BuildResult) -> Iterator[str]:
    with chromium.serve(real_site.site, "/", not_found_page=True) as home:
        yield home


@pytest.mark.parametrize(
    ("path", "lang", "direction"),
    [
        ("no-such-page/", "en", "ltr"),
        ("fr/no-such-page/", "fr", "ltr"),
        ("fr/news/2031/nothing/", "fr", "ltr"),
        ("ar/no-such-page/", "ar", "rtl"),
    ],
)
def test_a_missing_page_speaks_its_language(browser, github_pages: str, path, lang, direction):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        response = page.goto(github_pages + path)
        assert response is not None and response.status == 404
        heading = page.locator("article h1, .md-content h1").first
        heading.wait_for()
        page.wait_for_function(
            "title => document.querySelector('.md-content h1').textContent.trim() === title",
            arg=STRINGS["notfound.title"][lang],
        )
        assert page.url == github_pages + path  # the address the reader asked for
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.evaluate("getComputedStyle(document.body).direction") == direction
        home = STRINGS["notfound.home"][lang]
        assert page.get_by_role("link", name=home).count() == 1
        assert sum(url.endswith("404.html") for url in requested) <= 1  # no loop
    finally:
        page.close()

"""Search tests: tiny sites with the search plugin, and the header search in headless Chromium.

The browser helpers and fixtures of the quality gates are reused (tests/quality): one Chromium
per session, the real site served under site_url's path, skipped on a machine without Chromium
or axe-core and failing in CI (CI=true).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, BuildResult, tiny_mkdocs_yml
from tests.quality.browser import DESKTOP, axe_problems, origin_of
from tests.quality.conftest import SITE_URL  # noqa: F401 (the test modules import it from here)

LANGUAGES = ("en", "fr", "ar")
PREFIX = {"en": "", "fr": "fr/", "ar": "ar/"}
STRINGS = yaml.safe_load((REPO / "data" / "site.yml").read_text(encoding="utf-8"))["strings"]

SEARCH_PLUGIN = "- nextsociety/search\n"
TINY_PAGES = {
    "content/index.md": "# Home\n\nThe programme visits Barcelona.\n",
    "content/index.fr.md": "# Accueil\n\nLe programme visite Barcelone.\n",
    "content/index.ar.md": "# الرئيسية\n\nيزور البرنامج برشلونة.\n",
    # about.md has no translation: /fr/about/ and /ar/about/ are untranslated copies
    "content/about.md": "# About\n\nAn untranslated page about Barcelona.\n",
}


def t(key: str, lang: str) -> str:
    """A string of data/site.yml."""
    return STRINGS[key][lang]


def fragments(site: Path, lang: str) -> dict[str, dict]:
    """What Pagefind stored about each indexed page of a language, by URL."""
    found = {}
    for path in sorted((site / "pagefind" / "fragment").glob(f"{lang}_*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        fragment = json.loads(raw[raw.index(b"{") :])
        found[fragment["url"]] = fragment
    return found


@pytest.fixture
def search_site(make_site) -> Callable[..., BuildResult]:
    """Build a tiny site with the i18n and search plugins."""

    def build(
        files: dict[str, str] | None = None, site_url: str = "https://example.org/", **kwargs
    ) -> BuildResult:
        mkdocs_yml = tiny_mkdocs_yml(site_url=site_url, extra_plugins=SEARCH_PLUGIN)
        return make_site({**TINY_PAGES, **(files or {})}, mkdocs_yml, **kwargs)

    return build


# -- browsing ----------------------------------------------------------------------------------


@dataclass
class Browsing:
    """A browser page on a local site: every request it makes is recorded, foreign ones blocked."""

    page: object  # playwright.sync_api.Page
    home: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def open(self, url_path: str) -> None:
        response = self.page.goto(self.home + url_path, wait_until="load")
        assert response is not None and response.status == 200, url_path

    def open_search(self) -> None:
        """Open the header search with its button, as a reader does."""
        self.page.click(".ns-search__button")
        self.page.wait_for_selector("pagefind-modal dialog[open] pagefind-input input")
        self.page.evaluate(
            """() => {
                const instance = window.PagefindComponents.getInstanceManager().getInstance('default');
                window.__nsSearches = {done: 0};
                instance.on('results', (result) => {
                    window.__nsSearches = {done: window.__nsSearches.done + 1, term: instance.searchTerm,
                                           count: result.results.length};
                });
            }"""
        )

    def search(self, query: str) -> list[dict[str, str]]:
        """Type a query in the open dialog; returns the results shown."""
        done = self.page.evaluate("() => window.__nsSearches.done")
        self.page.fill("pagefind-modal pagefind-input input", query)
        self.page.wait_for_function(
            "([term, done]) => window.__nsSearches.done > done && window.__nsSearches.term === term",
            arg=[query, done],
        )
        return self.results()

    def results(self) -> list[dict[str, str]]:
        """The results of the last search once they are rendered (the first ones are in view)."""
        self.page.wait_for_function(
            """() => {
                const count = window.__nsSearches.count;
                const items = document.querySelectorAll('pagefind-results li');
                return items.length === count
                    && (count === 0 || items[0].querySelector('a.pf-result-link') !== null);
            }"""
        )
        return self.page.eval_on_selector_all(
            "pagefind-results li:has(a.pf-result-link)",
            """items => items.map(li => ({
                url: new URL(li.querySelector('a.pf-result-link').href).pathname,
                title: li.querySelector('a.pf-result-link').textContent.trim(),
                meta: (li.querySelector('.ns-search-result__meta') || {textContent: ''}).textContent.trim(),
            }))""",
        )

    def check_filter(self, group: str, value: str) -> list[dict[str, str]]:
        """Tick a value in the filter pane (opening its group); returns the narrowed results."""
        done = self.page.evaluate("() => window.__nsSearches.done")
        details = self.page.locator("pagefind-filter-pane details.pf-filter-group", has_text=group)
        if not details.evaluate("d => d.open"):
            details.locator("summary").click()
        details.locator(f'input.pf-checkbox-input[value="{value}"]').check()
        self.page.wait_for_function("(done) => window.__nsSearches.done > done", arg=done)
        return self.results()

    def axe(self, label: str) -> list[str]:
        """axe-core's WCAG 2.x A/AA violations on the page as it is now, one line per rule."""
        return axe_problems(self.page, label)


@pytest.fixture
def browse(browser) -> Iterator[Callable[..., Browsing]]:
    """Open a local site in a fresh browser context: browse(home, site_url=..., viewport=..., javascript=...)."""
    contexts = []

    def open_site(
        home: str,
        site_url: str | None = None,
        viewport: dict | None = None,
        javascript: bool = True,
    ) -> Browsing:
        context = browser.new_context(viewport=viewport or DESKTOP, java_script_enabled=javascript)
        contexts.append(context)
        browsing = Browsing(context.new_page(), home)
        origin = origin_of(home)

        def route(request_route) -> None:
            url = request_route.request.url
            browsing.requests.append(url)
            if url.startswith(("data:", "blob:")) or origin_of(url) == origin:
                request_route.continue_()
            elif site_url and url.startswith(site_url):
                # The pages' absolute URLs (hreflang alternates) are this same site, published.
                request_route.fulfill(response=request_route.fetch(url=home + url[len(site_url) :]))
            else:
                browsing.foreign.append(url)
                request_route.abort()

        context.route("**/*", route)
        return browsing

    yield open_site
    for context in contexts:
        # A request may still be in flight (Material's sitemap fetches): let it fail quietly.
        context.unroute_all(behavior="ignoreErrors")
        context.close()

"""Gate 4: what only a real browser shows, in headless Chromium: the language switcher lands on the
translation, Arabic reads right-to-left with its navigation on the right, print hides header and
navigation, and no page logs a console error or makes a request to a third-party host."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BuildResult
from tests.quality import browser as chromium
from tests.quality.checks import url_paths
from tests.quality.conftest import LANGUAGES, SITE_URL

pytestmark = [pytest.mark.browser, pytest.mark.slow]
RTL_LANGUAGES = {"ar"}


@pytest.fixture(scope="module")
def page(browser, served_site: str, real_site: BuildResult) -> Iterator[object]:
    """One desktop page for this module's checks (third-party requests blocked)."""
    with chromium.recording_page(browser, served_site, (SITE_URL, real_site.site)) as recording:
        yield recording.page


def home_of(served_site: str, language: str) -> str:
    return served_site if language == LANGUAGES[0] else f"{served_site}{language}/"


def test_no_console_error_and_no_third_party_request_on_any_page(
    real_site: BuildResult, served_site: str, browser
) -> None:
    paths = url_paths(real_site.site)
    problems = chromium.visit_problems(browser, served_site, paths, (SITE_URL, real_site.site))
    print(f"{len(paths)} pages visited")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_language_switcher_lands_on_the_translation(
    real_site: BuildResult, served_site: str, page
) -> None:
    """Every switcher entry of every language's home page, and of a translated inner page."""
    urls = [home_of(served_site, language) for language in LANGUAGES]
    translated = real_site.soup("").select_one('a.md-select__link[data-ns-switch="translation"]')
    assert translated is not None, "the English home page has no translation to switch to"
    inner = [
        path
        for path in url_paths(real_site.site)
        if path.count("/") > 1 and not path.endswith(".html")
    ]
    for path in inner:
        if real_site.soup(path).select_one('a.md-select__link[data-ns-switch="translation"]'):
            urls.append(served_site + path.lstrip("/"))
            break
    problems = [problem for url in urls for problem in chromium.switcher_problems(page, url)]
    assert not problems, "\n".join(problems)


def page_with_navigation(real_site: BuildResult, language: str) -> str:
    """The URL path of the first page of a language that shows the navigation sidebar (home first)."""
    prefix = "/" if language == LANGUAGES[0] else f"/{language}/"
    others = {f"/{code}/" for code in LANGUAGES[1:]}
    for path in [prefix, *url_paths(real_site.site)]:
        in_language = path.startswith(prefix) and not any(
            path.startswith(o) for o in others - {prefix}
        )
        if in_language and not path.endswith(".html"):
            sidebar = real_site.soup(path).select_one(".md-sidebar--primary")
            if sidebar is not None and not sidebar.has_attr("hidden"):
                return path
    raise AssertionError(f"no page in {language} shows the navigation sidebar")


@pytest.mark.parametrize("language", LANGUAGES)
def test_reading_direction_and_navigation_side(
    real_site: BuildResult, served_site: str, page, language: str
) -> None:
    direction = "rtl" if language in RTL_LANGUAGES else "ltr"
    url = served_site + page_with_navigation(real_site, language).lstrip("/")
    problems = chromium.direction_problems(page, url, direction)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_hides_header_and_navigation(served_site: str, page, language: str) -> None:
    problems = chromium.print_problems(page, home_of(served_site, language))
    assert not problems, "\n".join(problems)


# --- the gate can fail ---


@pytest.fixture
def broken_copy(real_site: BuildResult, tmp_path: Path):
    """A copy of the real site, and a function that inserts markup into one of its pages."""
    site = tmp_path / "site"
    shutil.copytree(real_site.site, site)

    def insert(page: str, markup: str, before: str = "</body>") -> None:
        path = site / page
        html = path.read_text(encoding="utf-8")
        assert before in html
        path.write_text(html.replace(before, markup + before, 1), encoding="utf-8")

    return site, insert


def test_browser_gate_reports_console_errors_and_third_party_requests(browser, broken_copy) -> None:
    site, insert = broken_copy
    insert("fr/index.html", '<script>console.error("boom")</script>')
    insert("ar/index.html", '<img src="https://fonts.example.com/font.png" alt="">')
    insert("index.html", "<script>undefinedFunction()</script>")
    insert("about/index.html", '<img src="../missing.png" alt="">')
    insert(
        "fr/about/index.html",
        "<script>for (const i of [1, 2]) fetch('../../feed.json', {cache: 'no-store'})</script>",
    )

    with chromium.serve(site) as home:
        problems = chromium.visit_problems(
            browser, home, ["/", "/fr/", "/ar/", "/no-such-page/", "/about/", "/fr/about/"]
        )

    text = "\n".join(problems)
    assert "/fr/: console.error: boom" in text, text
    assert "/ar/: request to a third-party host: https://fonts.example.com/font.png" in text, text
    assert any(p.startswith("/: uncaught: ") and "undefinedFunction" in p for p in problems), text
    assert "/no-such-page/: HTTP 404" in text, text
    assert f"/about/: answered 404 {home}missing.png" in text, text
    assert f"/fr/about/: fetched 2 times: {home}feed.json" in text, text


def test_browser_gate_reports_a_wrong_direction_print_and_switcher(browser, broken_copy) -> None:
    site, insert = broken_copy
    insert(
        "ar/index.html",
        "<style>body { direction: ltr } @media print { .md-header { display: block !important } }</style>",
    )
    insert(
        "fr/index.html",
        '<script>document.querySelectorAll(".md-select__link").forEach(a => a.href = "/")</script>',
    )

    with chromium.serve(site) as home, chromium.recording_page(browser, home) as recording:
        page = recording.page
        direction = chromium.direction_problems(page, home + "ar/", "rtl")
        printed = chromium.print_problems(page, home + "ar/")
        switched = chromium.switcher_problems(page, home + "fr/")

    assert direction[0].endswith("/ar/: computed direction is ltr, not rtl"), direction
    assert any(p.endswith("/ar/: the header (.md-header) is printed") for p in printed), printed
    assert any("/fr/: switcher entry ar" in p and "lang='en'" in p for p in switched), switched


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_feed_opened_in_the_browser_reads_as_a_page(served_site: str, page, language) -> None:
    """Chromium applies the feed's XSLT: a titled page in the feed's language, not raw XML."""
    prefix = "" if language == LANGUAGES[0] else f"{language}/"
    page.goto(f"{served_site}{prefix}press/feed.xml", wait_until="load")
    assert page.evaluate("() => document.documentElement.lang") == language
    assert page.evaluate("() => document.documentElement.dir") == (
        "rtl" if language in RTL_LANGUAGES else "ltr"
    )
    assert page.locator("h1").inner_text().startswith("THE NEXT SOCIETY")
    assert page.locator("code").inner_text().endswith(f"/{prefix}press/feed.xml")
    assert page.locator("li a").count() >= 1

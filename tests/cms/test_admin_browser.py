"""The web editor on the built site, in headless Chromium: the pinned CMS boots with our generated
configuration and shows its sign-in screen, loading everything from the site itself."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import REPO, BuildResult
from tests.quality import browser as chromium
from tests.quality.conftest import LANGUAGES, SITE_URL

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PREFIX = {"en": ""} | {code: f"{code}/" for code in LANGUAGES if code != "en"}
# Before sign-in the CMS asks GitHub, the Git host, whether it is up (docs/web-editing.md);
# nothing else may leave the site.
GIT_HOST_STATUS = "https://www.githubstatus.com/api/v2/status.json"
STRINGS = yaml.safe_load((REPO / "data" / "site.yml").read_text(encoding="utf-8"))["strings"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_editor_boots_to_its_sign_in_screen(
    browser, served_site: str, real_site: BuildResult, lang: str
) -> None:
    with chromium.recording_page(browser, served_site, (SITE_URL, real_site.site)) as recording:
        requests: list[str] = []
        recording.page.on("request", lambda request: requests.append(request.url))
        visit = chromium.visit(recording, f"{served_site}{PREFIX[lang]}admin/")
        page = recording.page
        sign_in = page.get_by_role("button", name="Sign In Using Access Token")
        sign_in.wait_for(timeout=15000)
        assert page.get_by_role("button", name=re.compile(r"Sign In with\W*GitHub")).is_visible()
        assert STRINGS["cms.title"][lang] in page.inner_text("body")  # our config.yml was read
        fetched = {url.split("?")[0] for url in requests}  # the CMS adds a cache-busting query
        assert f"{served_site}{PREFIX[lang]}admin/config.yml" in fetched
        assert f"{served_site}admin/sveltia-cms.js" in fetched
        assert set(visit.third_party) <= {GIT_HOST_STATUS}, visit.third_party
        errors = [error for error in visit.console_errors if error[1] != GIT_HOST_STATUS]
        assert not errors, errors


def test_the_editor_speaks_the_editors_language_from_the_site(
    browser, served_site: str, real_site: BuildResult
) -> None:
    """A French browser gets the CMS's French strings, from the site's copy of the package."""
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        outside: list[str] = []
        context.route(
            lambda url: not url.startswith(served_site),
            lambda route: (outside.append(route.request.url), route.abort()),
        )
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{served_site}fr/admin/")
        page.get_by_role("button", name=re.compile(r"Se connecter avec\W*GitHub")).wait_for(
            timeout=15000
        )
        assert any(
            url.endswith("/locales/fr.json") and url.startswith(served_site) for url in requests
        )
        assert set(outside) <= {GIT_HOST_STATUS}, outside
    finally:
        context.close()

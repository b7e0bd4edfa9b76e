"""Fixtures of the quality gates: the real site served over HTTP, one headless Chromium, the checkers.

A missing tool (Chromium, Java, the npm checkers) skips its gate on a developer machine and fails
it in CI, where tests/install-deps.sh must have installed it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.conftest import IN_CI, REAL_CONFIG, BuildResult
from tests.quality import browser as chromium
from tests.quality.checks import AXE_JS, VNU_JAR

# The languages of the real site, the default one at the site root.
LANGUAGES = list(REAL_CONFIG["plugins"][0]["nextsociety/i18n"]["languages"])
# mkdocs.yml reads it as `!ENV [SITE_URL, default]`, which the build resolves the same way.
_SITE_URL = REAL_CONFIG["site_url"]
SITE_URL = os.environ.get(_SITE_URL[0], _SITE_URL[-1]) if isinstance(_SITE_URL, list) else _SITE_URL


def require(available: bool, what: str) -> None:
    """Skip on a developer machine, fail in CI: CI must never pass a gate by skipping it."""
    if available:
        return
    message = f"{what} is missing: run `bash tests/install-deps.sh`"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def vnu() -> None:
    require(shutil.which("java") is not None, "java (Debian default-jre-headless)")
    require(VNU_JAR.is_file(), f"the Nu HTML Checker ({VNU_JAR})")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for every browser test of the session."""
    require(chromium.CHROMIUM.is_file(), f"Chromium ({chromium.CHROMIUM}, Debian package chromium)")
    require(AXE_JS.is_file(), f"axe-core ({AXE_JS})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = chromium.launch(playwright)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def served_site(real_site: BuildResult) -> Iterator[str]:
    """The real site over HTTP on 127.0.0.1:<free port>, under site_url's path ('/' for the real site).

    Yields the URL of the site's home page, ending in '/'.
    """
    with chromium.serve(real_site.site, urlsplit(SITE_URL).path) as home:
        yield home

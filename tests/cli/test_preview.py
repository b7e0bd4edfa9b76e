"""The preview (`mkdocs serve`): drafts and embargoed items shown with a banner; reloads on content, data and overrides."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from tests.cli.conftest import BUILD_DATE, Project, free_port

STRINGS = yaml.safe_load(
    Path(__file__).resolve().parents[2].joinpath("data", "site.yml").read_text(encoding="utf-8")
)["strings"]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@pytest.fixture
def preview(
    project: Project, tmp_path: Path
) -> Iterator[Callable[[str, Callable[[str], bool]], str]]:
    """`mkdocs serve` on the project; yields wait_for(path, condition) -> the page once condition holds."""
    project.write(
        "content/news/2026/secret.md",
        "---\ntitle: Secret plan\ndate: 2026-01-05\ntype: news\nsummary: s\ndraft: true\n---\nDraft text.\n",
    )
    project.write(
        "content/news/2026/embargoed.md",
        "---\ntitle: Embargoed release\ndate: 2026-12-01\ntype: press-release\nsummary: s\n---\nNot yet.\n",
    )
    project.write(
        "content/news/2026/embargoed.fr.md",
        "---\ntitle: Communiqué sous embargo\nsummary: s\n---\nPas encore.\n",
    )
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    env.update({"NEXTSOCIETY_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"})
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def wait_for(path: str, condition: Callable[[str], bool], timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        page = None
        while time.monotonic() < deadline:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            page = _get(f"http://127.0.0.1:{port}/{path}")
            if page is not None and condition(page):
                return page
            time.sleep(0.3)
        raise AssertionError(
            f"/{path} never showed what was expected:\n{page}\n{(tmp_path / 'serve.log').read_text()}"
        )

    try:
        yield wait_for
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def _banner(page: str) -> str:
    from bs4 import BeautifulSoup

    banner = BeautifulSoup(page, "lxml").select_one(".ns-preview")
    assert banner is not None, "no preview banner"
    return banner.get_text(" ", strip=True)


def _badges(page: str) -> dict[str, str]:
    """Each listed item's preview badge, by title."""
    from bs4 import BeautifulSoup

    badges = {}
    for entry in BeautifulSoup(page, "lxml").select(".ns-entry"):
        badge = entry.select_one(".ns-badge--draft, .ns-badge--scheduled")
        if badge is not None:
            badges[entry.select_one(".ns-entry__title").get_text(strip=True)] = badge.get_text()
    return badges


def test_preview_banners_and_reloads(preview, project: Project):
    draft = preview("news/2026/secret/", lambda page: "Secret plan" in page)
    assert STRINGS["preview.draft"]["en"] in _banner(draft)
    embargoed = preview("fr/news/2026/embargoed/", lambda page: "Communiqué sous embargo" in page)
    assert STRINGS["preview.scheduled"]["fr"] in _banner(embargoed)
    assert "1 décembre 2026" in _banner(embargoed) or "1er décembre 2026" in _banner(embargoed)
    listing = preview("news/", lambda page: "Embargoed release" in page)
    assert "Secret plan" in listing
    assert _badges(listing) == {
        "Embargoed release": STRINGS["preview.scheduled"]["en"],
        "Secret plan": STRINGS["preview.draft"]["en"],
    }
    assert _badges(preview("ar/news/", lambda page: "Secret plan" in page)) == {
        "Embargoed release": STRINGS["preview.scheduled"]["ar"],
        "Secret plan": STRINGS["preview.draft"]["ar"],
    }

    # content/: the page follows the edited Markdown.
    project.replace("content/news/2026/secret.md", "Draft text.", "Edited draft text.")
    preview("news/2026/secret/", lambda page: "Edited draft text." in page)
    # data/: a string of data/site.yml.
    project.replace("data/site.yml", STRINGS["preview.draft"]["en"], "Draft, edited in data")
    assert "Draft, edited in data" in _banner(
        preview("news/2026/secret/", lambda page: "Draft, edited in data" in page)
    )
    # overrides/: a template.
    project.replace(
        "overrides/news-item.html",
        "{% block page_body %}",
        '{% block page_body %}<p class="ns-reload-marker">reloaded</p>',
    )
    preview("news/2026/secret/", lambda page: "ns-reload-marker" in page)

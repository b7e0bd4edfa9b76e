"""`nextsociety serve` renders each page when the browser asks for it: a save shows on the
page, its listings and feeds at the next request, a data file on every page that shows it;
what needs every page (search) comes from a full build in the background, and the pages say
so while it runs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import feedparser
import pytest
import yaml
from nextsociety.cli.live import LiveSite

from tests.cli.conftest import BUILD_DATE, Project, fetch
from tests.cli.conftest import free_port as _free_port

STRINGS = yaml.safe_load(
    Path(__file__).resolve().parents[2].joinpath("data", "site.yml").read_text(encoding="utf-8")
)["strings"]
VISIT = (
    "---\ntitle: A visit to Barcelona\ndate: 2018-11-26\ntype: news\nsummary: The visit.\n"
    "partners: [accio]\n---\nThe delegation met the cluster.\n"
)
ACCIO = "Agencia per a la Competitivitat de l'Empresa - ACCIÓ"  # data/partners.yml
SHOWN = "Agencia per a la Competitivitat"  # the apostrophe is escaped in HTML


@pytest.fixture
def live(project: Project, tmp_path: Path) -> Iterator[Callable[..., str]]:
    """`nextsociety serve` on the project; yields wait_for(path, text, status=200)."""
    project.write("content/news/2018/visit.md", VISIT)
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    env["NEXTSOCIETY_BUILD_DATE"] = BUILD_DATE
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "nextsociety.cli", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project.root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

        def wait_for(path: str, text: str, status: int = 200, timeout: float = 90) -> str:
            deadline, answer = time.monotonic() + timeout, (0, "")
            while time.monotonic() < deadline:
                assert server.poll() is None, log_path.read_text()
                answer = fetch(f"http://127.0.0.1:{port}/{path}") or (0, "")
                if answer[0] == status and text in answer[1]:
                    return answer[1]
                time.sleep(0.2)
            raise AssertionError(f"/{path}: {answer[0]} {answer[1][:500]}\n{log_path.read_text()}")

        try:
            yield wait_for
        finally:
            server.terminate()
            server.wait(timeout=30)


def _generation(page: str) -> int:
    found = re.search(r'var seen = \{"generation": (\d+)', page)
    assert found, "no reload script in the page"
    return int(found.group(1))


def test_a_save_shows_on_the_page_its_listing_and_its_feed(live, project: Project):
    page = live("news/2018/visit/", "The delegation met the cluster.")
    before = _generation(page)

    project.replace("content/news/2018/visit.md", "met the cluster.", "met the Oasis500 team.")
    page = live("news/2018/visit/", "met the Oasis500 team.")
    assert _generation(page) > before  # the open page's script reloads it

    project.replace("content/news/2018/visit.md", "A visit to Barcelona", "A visit to Tunis")
    live("news/", "A visit to Tunis")
    live("fr/news/", "A visit to Tunis")  # the untranslated copy follows its original
    feed = feedparser.parse(live("feed.xml", "A visit to Tunis"))
    assert feed.bozo == 0 and "A visit to Tunis" in [entry.title for entry in feed.entries]
    assert "Oasis500" in feed.entries[0].content[0].value


def test_a_data_file_change_shows_on_every_page_that_shows_it(live, project: Project):
    live("partners/accio/", SHOWN)
    live("news/2018/visit/", SHOWN)
    project.replace("data/partners.yml", ACCIO, "ACCIÓ Catalonia")
    live("partners/accio/", "ACCIÓ Catalonia")
    assert SHOWN not in live("news/2018/visit/", "ACCIÓ Catalonia")
    live("fr/partners/", "ACCIÓ Catalonia")


def test_search_comes_from_the_full_build_and_the_pages_say_when_it_is_behind(
    live, project: Project
):
    notice = 'id="ns-preview-refreshing"'
    page = live("news/2018/visit/", notice)
    assert STRINGS["preview.refreshing"]["en"] in page
    arabic = live("ar/news/2018/visit/", notice)
    assert STRINGS["preview.refreshing"]["ar"] in arabic and 'dir="rtl"' in arabic
    entry = json.loads(live("pagefind/pagefind-entry.json", '"languages"', timeout=180))
    assert set(entry["languages"]) == {"en", "fr", "ar"}
    deadline = time.monotonic() + 60
    while not re.search(r'<p id="ns-preview-refreshing"[^>]* hidden', page):
        assert time.monotonic() < deadline, "the notice stays after the full build"
        time.sleep(0.5)  # the full build has ended: the notice is hidden
        page = live("news/2018/visit/", notice)


def test_an_unknown_address_answers_the_sites_404_page(live):
    live("news/2018/visit/", "The delegation")
    page = live("no/such/page/", "404", status=404)
    assert "THE NEXT SOCIETY" in page


def test_live_site_renders_only_the_page_asked_for(project: Project, tmp_path: Path, monkeypatch):
    """In-process: a load converts no page; asking for one renders it (and only it)."""
    monkeypatch.setenv("NEXTSOCIETY_BUILD_DATE", BUILD_DATE)
    monkeypatch.delenv("SITE_URL", raising=False)
    project.write("content/news/2018/visit.md", VISIT)
    monkeypatch.chdir(project.root)
    site = LiveSite(project.root, "mkdocs.yml", tmp_path / "live")
    site.load()

    def pages() -> list[str]:  # the web editor's page (admin/) is a static file, copied
        found = (tmp_path / "live").rglob("index.html")
        return [p.parent.name for p in found if "admin" not in p.parts]

    assert pages() == []
    found = site.answer("/news/2018/visit/")
    assert found is not None and "The delegation met the cluster." in found.read_text()
    assert pages() == ["visit"]
    assert site.answer("/news/2018/nothing-here/") is None
    generation = site.generation
    project.replace("content/news/2018/visit.md", "met the cluster", "met the agency")
    site.load()
    assert site.generation == generation + 1
    found = site.answer("/news/2018/visit/")
    assert found is not None and "met the agency" in found.read_text()

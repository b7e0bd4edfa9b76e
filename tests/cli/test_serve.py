"""`nextsociety serve`: while the project has problems, every URL lists them and reloads;
fixed, the site is served on the same address; broken again, the list comes back."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import BUILD_DATE, Project
from tests.cli.test_preview import _free_port

BROKEN = "---\ntitle: A visit\ndate: 2018-11-26\ntype: news\nsummary: s\npartners: [acio]\n---\nx\n"


def _fetch(url: str) -> tuple[int, str] | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@pytest.fixture
def serve(project: Project, tmp_path: Path) -> Iterator[str]:
    project.write("content/news/2018/visit.md", BROKEN)
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    env["NEXTSOCIETY_BUILD_DATE"] = BUILD_DATE
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "nextsociety.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _wait(url: str, expect: int, text: str, timeout: float = 90) -> str:
    deadline, answer = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        answer = _fetch(url)
        if answer is not None and answer[0] == expect and text in answer[1]:
            return answer[1]
        time.sleep(0.3)
    raise AssertionError(f"{url} never answered {expect} with {text!r}: {answer}")


def test_problems_on_every_url_then_the_site_then_problems_again(serve, project: Project):
    line = "content/news/2018/visit.md:6"
    for path in ("", "fr/news/", "any/thing/at/all.html"):
        page = _wait(serve + path, 503, line)
        assert "unknown partner id &#39;acio&#39;" in page and "did you mean" in page
        assert '<meta http-equiv="refresh"' in page
    project.replace("content/news/2018/visit.md", "[acio]", "[accio]")
    _wait(serve + "news/2018/visit/", 200, "A visit")
    project.replace("content/news/2018/visit.md", "summary: s", 'summary: ""')
    _wait(serve + "news/2018/visit/", 503, "content/news/2018/visit.md:5")


def test_stopping_the_preview_frees_its_address(project: Project, tmp_path: Path):
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    server = subprocess.Popen(
        [sys.executable, "-m", "nextsociety.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        env={**env, "NEXTSOCIETY_BUILD_DATE": BUILD_DATE},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(f"http://127.0.0.1:{port}/", 200, "THE NEXT SOCIETY")
    finally:
        server.terminate()
        server.wait(timeout=30)
    time.sleep(1)
    assert _fetch(f"http://127.0.0.1:{port}/") is None  # nothing answers any more

"""Shared fixtures: build tiny sites in tmp_path, and the real site once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# The real project's i18n configuration, reused by the tiny test sites.
REAL_CONFIG = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


class BuildResult:
    """A finished build: its output folder, its log, and helpers to read pages back."""

    def __init__(self, site: Path, log: str, returncode: int) -> None:
        self.site, self.log, self.returncode = site, log, returncode

    def html(self, url_path: str) -> str:
        """The HTML of a page by its URL path: 'fr/about/' -> site/fr/about/index.html."""
        path = self.site / url_path.lstrip("/")
        if url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def soup(self, url_path: str):  # -> bs4.BeautifulSoup
        from bs4 import BeautifulSoup

        return BeautifulSoup(self.html(url_path), "lxml")


def copy_project(target: Path) -> Path:
    """A copy of the real project (mkdocs.yml, content/, data/, overrides/) at `target`."""
    target.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("content", "data", "overrides"):
        shutil.copytree(REPO / name, target / name)
    (target / "cms").symlink_to(REPO / "cms")  # the web editor's installed package (/admin/)
    return target


def run_mkdocs_build(
    project: Path, site_dir: Path, env: Mapping[str, str] | None = None
) -> BuildResult:
    """`mkdocs build --strict` in a subprocess, as CI and the README run it."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=project,
        check=False,
    )
    return BuildResult(site_dir, proc.stdout + proc.stderr, proc.returncode)


def tiny_mkdocs_yml(
    site_url: str = "https://example.org/", nav: bool = True, extra_plugins: str = ""
) -> str:
    """An mkdocs.yml for a test site: the real theme and i18n settings, a small navigation."""
    i18n = REAL_CONFIG["plugins"][0]["nextsociety/i18n"]
    languages = {}
    for code, options in i18n["languages"].items():
        languages[code] = {k: v for k, v in options.items() if k != "nav"}
        if nav:
            languages[code]["nav"] = [{"Home": "index.md"}, {"About": "about.md"}]
    config = {
        "site_name": "Test",
        "site_url": site_url,
        "docs_dir": "content",
        "theme": {"name": "material", "custom_dir": str(REPO / "overrides"), "font": False},
        "extra": {"generator": False},
        "validation": {
            "omitted_files": "info",
            "absolute_links": "warn",
            "unrecognized_links": "warn",
            "anchors": "warn",
        },
        "plugins": [
            {
                "nextsociety/i18n": {
                    "default_language": "en",
                    "strings": str(REPO / "data" / "site.yml"),
                    "languages": languages,
                }
            }
        ],
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False) + extra_plugins


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., BuildResult]:
    """Write a tiny site (files relative to the project root) and build it with --strict."""

    def build(
        files: Mapping[str, str],
        mkdocs_yml: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> BuildResult:
        project = tmp_path / "project"
        write_project(project, files, mkdocs_yml or tiny_mkdocs_yml())
        return run_mkdocs_build(project, tmp_path / "site", env)

    return build


class CheckResult:
    """The problems `load_site()` finds in a project: what the build stops with, in-process."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        self.returncode = 1 if problems else 0
        self.log = "\n".join(problems)


def write_project(project: Path, files: Mapping[str, str], mkdocs_yml: str) -> None:
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    for name, text in files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def check_site(tmp_path: Path) -> Callable[..., CheckResult]:
    """Write a tiny site and validate it as the build's first step does, without building:
    milliseconds instead of a `mkdocs build` in a subprocess (tests/cli/test_same_problems.py
    proves the build reports exactly these problems)."""
    from nextsociety.model.site import load_site

    def check(files: Mapping[str, str], mkdocs_yml: str | None = None) -> CheckResult:
        project = tmp_path / "project"
        write_project(project, files, mkdocs_yml or tiny_mkdocs_yml())
        site, problems = load_site(project)
        assert (site is None) == bool(problems)
        return CheckResult([str(problem) for problem in problems])

    return check


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site from content/ and data/, built once per session with --strict."""
    result = run_mkdocs_build(REPO, tmp_path_factory.mktemp("real") / "site")
    assert result.returncode == 0, f"the real site does not build:\n{result.log}"
    return result


# -- fixtures of the browser and checker tests (tests/quality, tests/search) -----------------
# Defined once here: a second definition in another conftest would start a second Playwright
# session in the same thread, which its sync API refuses.


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
    from tests.quality.checks import VNU_JAR

    require(shutil.which("java") is not None, "java (Debian default-jre-headless)")
    require(VNU_JAR.is_file(), f"the Nu HTML Checker ({VNU_JAR})")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:  # one for the whole session
    """One headless Chromium for every browser test of the session."""
    from tests.quality import browser as _chromium
    from tests.quality.checks import AXE_JS

    require(
        _chromium.CHROMIUM.is_file(), f"Chromium ({_chromium.CHROMIUM}, Debian package chromium)"
    )
    require(AXE_JS.is_file(), f"axe-core ({AXE_JS})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = _chromium.launch(playwright)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def served_site(real_site: BuildResult) -> Iterator[str]:
    """The real site over HTTP on 127.0.0.1:<free port>, under site_url's path ('/' for the real site).

    Yields the URL of the site's home page, ending in '/'.
    """
    from tests.quality import browser as _chromium
    from tests.quality.conftest import SITE_URL

    with _chromium.serve(real_site.site, urlsplit(SITE_URL).path) as home:
        yield home

"""`nextsociety serve`: while the project has problems, every URL lists them and reloads;
fixed, the site is served on the same address; broken again, the list comes back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from nextsociety.cli.problem_page import problem_page
from nextsociety.model.errors import Problem

from tests.cli.conftest import (
    BUILD_DATE,
    Project,
    fetch,
    nextsociety,
    running_preview,
    wait_for,
)
from tests.conftest import REPO
from tests.i18n.test_typography import faults

STRINGS = yaml.safe_load((REPO / "data" / "site.yml").read_text(encoding="utf-8"))["strings"]

BROKEN = "---\ntitle: A visit\ndate: 2018-11-26\ntype: news\nsummary: s\npartners: [acio]\n---\nx\n"


@pytest.fixture
def serve(project: Project, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The preview of a broken project, in the language `request.param` names (else none)."""
    project.write("content/news/2018/visit.md", BROKEN)
    lang = getattr(request, "param", None)
    options = ["--lang", lang] if lang else []
    env = {"NEXTSOCIETY_BUILD_DATE": BUILD_DATE}
    with running_preview(project.root, env, tmp_path / "serve.log", *options) as home:
        yield home


def test_problems_on_every_url_then_the_site_then_problems_again(serve, project: Project):
    line = "content/news/2018/visit.md:6"
    for path in ("", "fr/news/", "any/thing/at/all.html"):
        page = wait_for(serve + path, 503, line)
        assert "unknown partner id &#39;acio&#39;" in page and "did you mean" in page
        assert '<meta http-equiv="refresh"' in page
    project.replace("content/news/2018/visit.md", "[acio]", "[accio]")
    wait_for(serve + "news/2018/visit/", 200, "A visit")
    project.replace("content/news/2018/visit.md", "summary: s", 'summary: ""')
    wait_for(serve + "news/2018/visit/", 503, "content/news/2018/visit.md:5")


def _text(code: str, key: str, count: int = 1) -> str:
    text = STRINGS[key][code]
    return text.format(count=count) if "{count}" in text else text


@pytest.mark.parametrize("serve", ["en", "fr", "ar"], indirect=True)
def test_the_problems_page_in_the_editors_language(serve, request):
    """Over HTTP, on any URL: the page's words from the string table in the language asked
    for, with its lang and direction; the problems, in English, marked as such."""
    code = request.node.callspec.params["serve"]
    page = BeautifulSoup(wait_for(serve + "fr/anything/", 503, "visit.md:6"), "lxml")
    html = page.find("html")
    assert (html["lang"], html["dir"]) == (code, "rtl" if code == "ar" else "ltr")
    assert page.title.get_text() == _text(code, "preview.problems.title")
    assert page.h1.get_text() == _text(code, "preview.problems.heading")
    assert [p.get_text() for p in page.select("main > p")] == [
        _text(code, "preview.problems.text"),
        _text(code, "preview.problems.legend"),
    ]
    (problem,) = page.select("main ol li")
    assert problem.find_parent("ol").attrs == {"lang": "en", "dir": "ltr"}
    assert " ".join(problem.get_text().split()) == (
        "content/news/2018/visit.md:6 unknown partner id 'acio' (did you mean 'accio'?)"
    )
    assert faults(str(page), code) == []  # French spaces before ':', none in en and ar
    if code == "fr":
        assert "corriger\u202f: 1" in page.title.get_text()


def test_an_unknown_language_is_refused_with_the_sites_languages(project: Project):
    result = nextsociety("serve", "--lang", "de", cwd=project.root)
    assert result.returncode == 1
    assert result.stderr == "nextsociety: --lang de: this site's languages are en, fr, ar\n"


PROBLEM = [Problem("content/a.md", 3, "unknown partner id 'acio'", "did you mean 'accio'?")]


def test_the_page_shows_while_the_string_table_is_broken(project: Project):
    """The table is read leniently; a language it lacks gives the default language's words,
    an unreadable table the problems alone, never an error instead of the page."""
    project.replace("data/site.yml", "    ar: مسودة — غير منشورة\n", "")  # another key broken
    page = BeautifulSoup(problem_page(project.root, "mkdocs.yml", "ar").render(PROBLEM), "lxml")
    assert page.h1.get_text() == _text("ar", "preview.problems.heading")
    heading = STRINGS["preview.problems.heading"]["ar"]
    project.replace("data/site.yml", f'    ar: "{heading}"\n', '    ar: "{number}"\n')
    page = BeautifulSoup(problem_page(project.root, "mkdocs.yml", "ar").render(PROBLEM), "lxml")
    assert (page.html["lang"], page.html["dir"]) == ("en", "ltr")
    assert page.h1.get_text() == _text("en", "preview.problems.heading")
    project.replace("data/site.yml", "strings:\n", "strings: [\n")
    for config in ("mkdocs.yml", "missing.yml"):
        page = BeautifulSoup(problem_page(project.root, config, "fr").render(PROBLEM), "lxml")
        assert page.title.get_text() == page.h1.get_text() == "⚠ 1"
        assert page.html["lang"] == "en" and page.select("main > p") == []
        assert "unknown partner id 'acio'" in page.select_one("ol li").get_text()


def test_a_table_without_the_pages_words_is_a_problem_of_the_project(project: Project):
    text = project.read("data/site.yml")
    start = text.index("  preview.problems.legend:")
    end = text.index("\n  ", text.index("    ar:", start)) + 1
    (project.root / "data/site.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    result = nextsociety("check", cwd=project.root)
    assert result.returncode == 1
    assert (
        "data/site.yml: no translation for 'preview.problems.legend', used in "
        "nextsociety/cli/problem_page.py:"
    ) in result.stdout, result.stdout


def test_stopping_the_preview_frees_its_address(project: Project, tmp_path: Path):
    env = {"NEXTSOCIETY_BUILD_DATE": BUILD_DATE}
    with running_preview(project.root, env, tmp_path / "serve.log") as home:
        wait_for(home, 200, "THE NEXT SOCIETY")
    time.sleep(1)
    assert fetch(home) is None  # nothing answers any more

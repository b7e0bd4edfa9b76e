"""Plain text is text: hostile titles, summaries, names and interface strings reach every page,
meta tag, JSON-LD block and feed as text, never as markup (issue: hostile input)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.conftest import BuildResult, copy_project, run_mkdocs_build

pytestmark = pytest.mark.slow

# Passes the front-matter check (no complete tag), breaks out of an attribute if unescaped.
ATTRIBUTE = (
    'x" onmouseover="alert(1) <img src=x onerror=alert(2)// <svg/onload=alert(3) &amp; {{7*7}}'
)
# Interface strings: complete tags too (static pages' titles follow the plain-text rules of
# front matter since the check refuses complete tags there, so they get ATTRIBUTE).
TAGS = "</title><script>alert(4)</script><img src=x onerror=alert(5)>"
STRING = "F " + TAGS + 'x" onmouseover="alert(6)'  # strings take no braces but placeholders


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


def set_key(path: Path, key: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(
        rf"^{key}: .*$", f"{key}: {quoted(value)}", text, count=1, flags=re.MULTILINE
    )
    assert count == 1, (path, key)
    path.write_text(new, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("hostile")
    project = copy_project(root / "project")
    news = project / "content" / "news" / "2018"
    for path in (
        news / "barcelona-benchmarking-visit.md",
        news / "barcelona-benchmarking-visit.fr.md",
    ):
        set_key(path, "title", "T " + ATTRIBUTE)
        set_key(path, "summary", "S " + ATTRIBUTE)
    event = project / "content" / "events" / "planned" / "benchmarking-visit-wallonia.md"
    set_key(event, "title", "E " + ATTRIBUTE)
    about = project / "content" / "about.md"
    set_key(about, "title", "A " + ATTRIBUTE)
    set_key(about, "description", "D " + ATTRIBUTE)
    strings = project / "data" / "site.yml"
    table = strings.read_text(encoding="utf-8")
    start = table.index("\n  feed.news.title:\n    en: ") + len("\n  feed.news.title:\n    en: ")
    end = table.index("\n", start)
    strings.write_text(table[:start] + quoted(STRING) + table[end:], encoding="utf-8")
    result = run_mkdocs_build(project, root / "site", env={"NEXTSOCIETY_BUILD_DATE": "2026-11-25"})
    assert result.returncode == 0, result.log
    return result


def injected(html: str) -> list[str]:
    """Markup that came from a text field: event handlers, scripts that are not ours."""
    soup = BeautifulSoup(html, "lxml")
    found = [
        f"<{el.name} {a}>" for el in soup.find_all(True) for a in el.attrs if a.startswith("on")
    ]
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.string)  # a broken JSON-LD block fails here
        elif "alert(" in (script.string or ""):
            found.append("<script>alert</script>")
    return found


def test_no_page_carries_markup_from_a_text_field(hostile_site: BuildResult):
    pages = sorted(hostile_site.site.rglob("*.html"))
    assert len(pages) > 150
    problems = {p.relative_to(hostile_site.site).as_posix(): injected(p.read_text()) for p in pages}
    assert not {page: found for page, found in problems.items() if found}


@pytest.mark.parametrize(
    ("url", "title", "description"),
    [
        ("news/2018/barcelona-benchmarking-visit/", "T " + ATTRIBUTE, "S " + ATTRIBUTE),
        ("fr/news/2018/barcelona-benchmarking-visit/", "T " + ATTRIBUTE, "S " + ATTRIBUTE),
        ("events/planned/benchmarking-visit-wallonia/", "E " + ATTRIBUTE, None),
        ("about/", "A " + ATTRIBUTE, "D " + ATTRIBUTE),
    ],
)
def test_text_fields_read_back_as_written(hostile_site: BuildResult, url, title, description):
    soup = hostile_site.soup(url)
    assert soup.title.get_text().startswith(title + " - ")
    assert (
        soup.select_one(".md-header__topic:last-child .md-ellipsis").get_text(strip=True) == title
    )
    if description:
        assert soup.find("meta", attrs={"name": "description"})["content"] == description


def test_interface_strings_are_text(hostile_site: BuildResult):
    soup = hostile_site.soup("news/")
    link = soup.find("link", attrs={"type": "application/atom+xml"})
    assert link["title"] == STRING


def test_feeds_carry_the_text(hostile_site: BuildResult):
    atom = feedparser.parse((hostile_site.site / "feed.xml").read_bytes())
    assert not atom.bozo, atom.bozo_exception
    assert atom.entries[0].title == "T " + ATTRIBUTE
    feed = json.loads((hostile_site.site / "feed.json").read_text(encoding="utf-8"))
    assert feed["items"][0]["title"] == "T " + ATTRIBUTE
    assert feed["items"][0]["summary"] == "S " + ATTRIBUTE


def test_markdown_from_data_files_is_sanitised():
    from nextsociety.render.markdown_text import markdown_html

    html = markdown_html(
        "About **us** [site](https://www.thenextsociety.co) [x](javascript:alert(1))\n\n"
        "<script>alert(2)</script><img src=x onerror=alert(3)>"
    )
    soup = BeautifulSoup(html, "lxml")
    assert soup.find("strong").get_text() == "us"
    assert soup.find("a", href="https://www.thenextsociety.co").get_text() == "site"
    assert not soup.find("script") and not injected(html)
    assert "javascript:" not in html

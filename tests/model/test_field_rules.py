"""Every field has a type and a rule: empty, overlong and out-of-range values are problems
with file and line, called in-process (issue: hostile input)."""

from __future__ import annotations

from pathlib import Path

import pytest
from nextsociety.model.schema import (
    MAX_SLUG_LENGTH,
    MAX_TEXT_LENGTH,
    check_plain_text,
    check_slug,
)
from nextsociety.model.site import load_site

from tests.conftest import copy_project


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "is empty"),
        ("   \t", "is empty"),
        ("x" * (MAX_TEXT_LENGTH + 1), f"longer than {MAX_TEXT_LENGTH} characters"),
        ("<b>bold</b>", "contains HTML markup"),
    ],
)
def test_plain_text_rules(value, message):
    assert message in (check_plain_text(value) or "")


def test_plain_text_that_is_fine():
    assert check_plain_text("R&D Maroc — 19–23 November 2018 < 2019") is None


def test_slug_length():
    assert check_slug("a" * MAX_SLUG_LENGTH) is None
    assert "longer than" in (check_slug("a" * (MAX_SLUG_LENGTH + 1)) or "")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.mark.parametrize("value", ["0", "-3", "ten", "true"])
def test_news_per_page_must_be_one_or_more(project: Path, value):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("per_page: 10", f"per_page: {value}"), encoding="utf-8")
    line = text[: text.index("per_page: 10")].count("\n") + 1

    site, problems = load_site(project)

    assert site is None
    assert [str(p) for p in problems] == [
        f"mkdocs.yml:{line}: nextsociety/news: 'per_page' must be a whole number, 1 or more"
    ]


def test_an_empty_title_is_a_problem(project: Path):
    item = project / "content" / "news" / "2018" / "barcelona-benchmarking-visit.fr.md"
    text = item.read_text(encoding="utf-8")
    start = text.index("\ntitle:") + 1
    item.write_text(text[:start] + 'title: "  "' + text[text.index("\n", start) :], "utf-8")

    site, problems = load_site(project)

    assert site is None
    assert [str(p) for p in problems] == [
        (
            "content/news/2018/barcelona-benchmarking-visit.fr.md:2: 'title' is empty "
            "(delete the translation to show the original with a notice, or write it)"
        )
    ]


@pytest.mark.parametrize(
    ("slug", "owner"),
    [
        ("press", "the page 'press/index.md'"),
        ("partners", "the page nextsociety/registry generates from data/partners.yml"),
    ],
)
def test_a_slug_may_not_take_another_pages_address(project: Path, slug, owner):
    about = project / "content" / "about.fr.md"
    about.write_text(f"---\nslug: {slug}\n" + about.read_text("utf-8")[4:], encoding="utf-8")

    site, problems = load_site(project)

    assert site is None
    assert [str(p) for p in problems] == [
        f"content/about.fr.md:2: 'slug': '{slug}' is the address of {owner}; choose another slug"
    ]


def test_a_slug_of_its_own_is_fine(project: Path):
    about = project / "content" / "about.fr.md"
    about.write_text("---\nslug: a-propos\n" + about.read_text("utf-8")[4:], encoding="utf-8")
    site, problems = load_site(project)
    assert problems == [] and site is not None
    assert site.paths["about.fr.md"] == "a-propos/"


@pytest.mark.parametrize("logo", ["../../../../etc/passwd", "/etc/passwd", "missing.png"])
def test_the_publisher_logo_is_a_file_in_content(project: Path, logo):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("per_page: 10", f"per_page: 10\n      logo: {logo}"), "utf-8")

    site, problems = load_site(project)

    assert site is None
    assert [p.message for p in problems] == [
        "nextsociety/news: 'logo' must be an image file in content/"
    ]

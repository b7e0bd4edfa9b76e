"""Markdown files: named `.md`, within size and nesting limits, or a problem with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from nextsociety.model.markdown_files import (
    MAX_INDENT_COLUMNS,
    MAX_QUOTE_DEPTH,
    name_problem,
    text_problems,
)
from nextsociety.model.site import load_site

from tests.conftest import REPO, copy_project


@pytest.mark.parametrize(
    ("name", "fixed"),
    [("x.fr.MD", "x.fr.md"), ("about.markdown", "about.md"), ("a.Md", "a.md"), ("b.mkd", "b.md")],
)
def test_markdown_must_be_named_md(name, fixed):
    problem = name_problem(name, f"content/{name}")
    assert problem is not None and problem.hint == f"rename it {fixed}"


@pytest.mark.parametrize("name", ["a.md", "image.png", "notes.txt", "x.fr.md"])
def test_other_names_pass(name):
    assert name_problem(name, name) is None


def test_nested_quotes_are_refused_with_the_line():
    text = "# Title\n\n" + "> " * (MAX_QUOTE_DEPTH + 1) + "deep\n"
    (problem,) = text_problems(text, "content/x.md")
    assert (problem.line, problem.message) == (
        3,
        f"quotes nested more than {MAX_QUOTE_DEPTH} levels deep",
    )


def test_deep_lists_are_refused_with_the_line():
    text = "".join("  " * level + "- item\n" for level in range(600))
    (problem,) = text_problems(text, "content/x.md")
    assert problem.line == MAX_INDENT_COLUMNS // 2 + 2


def test_ordinary_pages_pass():
    for path in (REPO / "content").rglob("*.md"):
        assert text_problems(path.read_text(encoding="utf-8"), str(path)) == []


def test_check_reports_a_misnamed_translation(tmp_path: Path):
    root = copy_project(tmp_path / "project")
    (root / "content" / "about.fr.MD").write_text("# À propos\n", encoding="utf-8")

    site, problems = load_site(root)

    assert site is None
    assert [str(p) for p in problems] == [
        "content/about.fr.MD: a Markdown file must end in '.md' (lowercase) (rename it about.fr.md)"
    ]

"""Nothing from outside the project reaches site/: links that leave it, dangle or loop are
refused by `nextsociety check` and by the build alike, naming the link (issue: hostile input)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from nextsociety.model.containment import is_inside, link_problems

from tests.cli.conftest import Project, nextsociety
from tests.conftest import run_mkdocs_build

SECRET = "root:x:0:0:secret-of-the-machine\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A private folder next to the project, with a file no site may publish."""
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "passwd").write_text(SECRET, encoding="utf-8")
    (folder / "item.md").write_text("---\ntitle: Leaked\n---\nsecret\n", encoding="utf-8")
    return folder


def link(project: Project, name: str, target: Path | str) -> str:
    path = project.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)
    return name


LINKS = {
    "file in the media kit": lambda o: ("content/press/media/passwd.txt", o / "passwd"),
    "folder": lambda o: ("content/private", o),
    "Markdown page": lambda o: ("content/leaked.md", o / "item.md"),
    "registry": lambda o: ("data/extra.yml", o / "passwd"),
    "template": lambda o: ("overrides/partials/leak.html", o / "passwd"),
    "dangling": lambda o: ("content/gone.txt", o / "no-such-file"),
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(LINKS))
def test_check_and_build_refuse_the_link(project: Project, outside: Path, tmp_path, kind):
    name, target = LINKS[kind](outside)
    link(project, name, target)

    checked = nextsociety("check", cwd=project.root)
    built = run_mkdocs_build(project.root, tmp_path / "site")

    assert checked.returncode == 1, checked.stdout
    assert f"{name}: symbolic link to" in checked.stdout
    assert built.returncode != 0 and f"{name}: symbolic link to" in built.log
    assert "Traceback" not in built.log + checked.stdout + checked.stderr
    published = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert not any(SECRET in p.read_text(errors="replace") for p in published)


def test_a_loop_and_a_link_inside_the_project(project: Project):
    link(project, "content/loop-a", project.root / "content" / "loop-b")
    link(project, "content/loop-b", project.root / "content" / "loop-a")
    link(project, "content/about-too.md", project.root / "content" / "about.md")  # inside: fine

    problems = [str(p) for p in link_problems(project.root, ["content", "data", "overrides"])]

    assert problems == [
        (
            f"content/loop-a: symbolic link to '{project.root}/content/loop-b' that loops "
            "(copy the file into the project instead of linking to it)"
        ),
        (
            f"content/loop-b: symbolic link to '{project.root}/content/loop-a' that loops "
            "(copy the file into the project instead of linking to it)"
        ),
    ]


def test_the_content_folder_itself_may_not_lead_outside(tmp_path: Path, outside: Path):
    (tmp_path / "project").mkdir()
    os.symlink(outside, tmp_path / "project" / "content")
    (problem,) = link_problems(tmp_path / "project", ["content"])
    assert problem.path == "content" and "outside the project" in problem.message


@pytest.mark.parametrize(
    ("path", "inside"),
    [
        ("images/visit.jpg", True),
        ("news/2018/../../images/a.png", True),
        ("../../../../etc/passwd", False),
        ("images/../../x", False),
        ("/etc/passwd", False),
        ("~/x.png", False),
        ("..\\..\\x.png", False),
    ],
)
def test_paths_written_in_files_stay_inside(path, inside):
    assert is_inside(path) is inside

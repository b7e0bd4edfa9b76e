"""A corpus of hostile and odd inputs, each run through `nextsociety check` and the build:
both must give the same verdict, a clean message naming the file (no traceback), in bounded
time, and a refused build publishes nothing (issue: hostile input)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import copy_project

pytestmark = pytest.mark.slow

TIMEOUT = 60  # seconds: a hang is a failure, not a slow test


def replace_in(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    expand = (lambda m: m.expand(new)) if "\\1" in new else (lambda m: new)
    changed, count = re.subn(pattern, expand, text, count=1, flags=re.MULTILINE)
    assert count == 1, (path, pattern)
    path.write_text(changed, encoding="utf-8")


NEWS = "content/news/2018/barcelona-benchmarking-visit.md"
EVENT = "content/events/planned/benchmarking-visit-wallonia.md"
VISIT = "content/events/2018/barcelona-benchmarking-visit.md"


def bomb(levels: int) -> str:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


# name -> (change to the project, what the messages must name: a file, or an option)
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "NUL in a registry": (
        lambda p: replace_in(p / "data/partners.yml", r"^(- id: .*)$", "\\1\x00"),
        "data/partners.yml",
    ),
    "ESC in a title": (
        lambda p: replace_in(p / NEWS, r"^title: \"", 'title: "\x1b[31m'),
        NEWS,
    ),
    "complex key": (
        lambda p: (p / "data/clusters.yml").write_text(
            "? [a, b]\n: 1\n" + (p / "data/clusters.yml").read_text("utf-8"), "utf-8"
        ),
        "data/clusters.yml",
    ),
    "alias bomb in front matter": (
        lambda p: replace_in(p / NEWS, r"^---\n", "---\n" + bomb(10)),
        NEWS,
    ),
    "invalid UTF-8": (
        lambda p: (p / "content/about.fr.md").write_bytes(b"# \xe0 propos\xff\n"),
        "content/about.fr.md",
    ),
    "dangling link": (
        lambda p: os.symlink(p / "nowhere", p / "content/gone.md"),
        "content/gone.md",
    ),
    "link out of the project": (
        lambda p: os.symlink("/etc/passwd", p / "content/passwd.txt"),
        "content/passwd.txt",
    ),
    "year 9999": (
        lambda p: replace_in(p / EVENT, r"^status: planned$", "status: planned\nstart: 9999-12-31"),
        EVENT,
    ),
    "a dated event ending in 9999": (
        lambda p: replace_in(p / VISIT, r"^end: .*$", "end: 9999-12-31"),
        VISIT,
    ),
    "lone surrogate": (
        lambda p: replace_in(p / NEWS, r"^title: \"", 'title: "\\ud800'),
        NEWS,
    ),
    "id of 300 characters": (
        lambda p: replace_in(p / "data/partners.yml", r"^- id: (.*)$", "- id: " + "a" * 300),
        "data/partners.yml",
    ),
    # MkDocs validates the plugin's typed options before any plugin runs: its message names
    # the option, not the line.
    "per_page 0": (
        lambda p: replace_in(p / "mkdocs.yml", r"per_page: 10", "per_page: 0"),
        "'per_page'",
    ),
    "slug of another page": (
        lambda p: replace_in(p / "content/about.fr.md", r"^---\n", "---\nslug: press\n"),
        "content/about.fr.md",
    ),
    "upper-case .MD": (
        lambda p: (p / "content/x.fr.MD").write_text("# X\n", "utf-8"),
        "content/x.fr.MD",
    ),
    "attribute access in a string": (
        lambda p: replace_in(p / "data/site.yml", r"\{year\}", "{year.__class__.__mro__}"),
        "data/site.yml",
    ),
    "a string key deleted": (
        lambda p: replace_in(
            p / "data/site.yml", r"^  news\.title:\n    en: .*\n    fr: .*\n    ar: .*\n", ""
        ),
        "no translation for 'news.title', used in ",
    ),
    "lists nested 600 levels": (
        lambda p: (p / "content/deep.md").write_text(
            "".join("  " * n + "- x\n" for n in range(600)), "utf-8"
        ),
        "content/deep.md",
    ),
    "unclosed front matter of a page": (
        lambda p: (p / "content/about.md").write_text("---\ntitle: About\n\n# About\n", "utf-8"),
        "content/about.md",
    ),
    "duplicate key in a page": (
        lambda p: replace_in(p / "content/about.md", r"^---\n", "---\ntitle: A\n"),
        "content/about.md",
    ),
    "front matter that is a scalar": (
        lambda p: (p / "content/about.fr.md").write_text("---\njust text\n---\n# X\n", "utf-8"),
        "content/about.fr.md",
    ),
    "empty title of a page": (
        lambda p: replace_in(p / "content/about.md", r"^title: .*$", 'title: "  "'),
        "content/about.md",
    ),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NEXTSOCIETY_BUILD_DATE": "2026-11-25"}
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_and_build_agree_cleanly(project: Path, tmp_path: Path, case: str):
    change, named = CASES[case]
    change(project)

    checked = run([sys.executable, "-m", "nextsociety.cli", "check"], project)
    site = tmp_path / "site"
    built = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], project)

    check_out, build_out = checked.stdout + checked.stderr, built.stdout + built.stderr
    assert "Traceback" not in check_out, check_out
    assert "Traceback" not in build_out, build_out
    assert checked.returncode == 1, check_out
    assert built.returncode != 0, build_out
    assert named in check_out and named in build_out, (check_out, build_out)
    assert not any(p.is_file() for p in site.rglob("*")), "a refused build published files"

"""CLI tests: a copy of the project's configuration and data in tmp_path, and `nextsociety` run as editors run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO

BUILD_DATE = "2026-11-25"


def nextsociety(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real entry point, in a subprocess: `python -m nextsociety.cli ARGS` in folder `cwd`."""
    full_env = {**os.environ, "NEXTSOCIETY_BUILD_DATE": BUILD_DATE, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "nextsociety.cli", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


class Project:
    """mkdocs.yml, data/ and overrides/ of the real site, with the real pages but no news or events."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def read(self, name: str) -> str:
        return (self.root / name).read_text(encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> int:
        """Replace the first `old` in a file; returns the line where it was (1-based)."""
        text = self.read(name)
        assert old in text, f"{old!r} not in {name}"
        line = text[: text.index(old)].count("\n") + 1
        (self.root / name).write_text(text.replace(old, new, 1), encoding="utf-8")
        return line

    def line_of(self, name: str, fragment: str) -> int:
        text = self.read(name)
        return text[: text.index(fragment)].count("\n") + 1


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "cms").symlink_to(REPO / "cms")  # the web editor's installed package (/admin/)
    shutil.copytree(
        REPO / "content", root / "content", ignore=shutil.ignore_patterns("news", "events")
    )
    return Project(root)

"""The real site builds the same on ProperDocs, the maintained fork of MkDocs 1.6 (docs/engines.md).

Material for MkDocs reaches its end of life on 5 May 2027 and MkDocs 1.6 gets no more releases;
ProperDocs runs MkDocs plugins and Material unchanged. Both builds are compared file by file:
the one difference allowed is Material's `<meta name="generator">`, which names the engine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, BuildResult
from tests.quality.checks import compare_trees

pytestmark = pytest.mark.slow

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def properdocs_build(site_dir: Path) -> subprocess.CompletedProcess[str]:
    """`properdocs build --strict` on the project's own mkdocs.yml."""
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"]
    return subprocess.run(
        [*command, "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        cwd=REPO,
        check=False,
    )


def without_generator(site: Path, copy: Path) -> Path:
    """A copy of a built site with the generator tag blanked in every page."""
    shutil.copytree(site, copy)
    for page in copy.rglob("*.html"):
        page.write_bytes(GENERATOR.sub(b'<meta name="generator">', page.read_bytes()))
    return copy


def test_properdocs_builds_the_real_site_like_mkdocs(real_site: BuildResult, tmp_path: Path):
    proc = properdocs_build(tmp_path / "properdocs")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr

    home = (tmp_path / "properdocs" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="generator" content="[^"]*ProperDocs 1\.6', home), (
        "not ProperDocs"
    )
    problems = compare_trees(
        without_generator(real_site.site, tmp_path / "a"),
        without_generator(tmp_path / "properdocs", tmp_path / "b"),
    )
    assert not problems, "ProperDocs and MkDocs build different sites:\n" + "\n".join(problems)

"""Gate 5: two builds of the same sources into two folders are byte-identical, file by file (no
build-time clock, random ids or hash-order in the output; dates come from the content)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, BuildResult, run_mkdocs_build, tiny_mkdocs_yml
from tests.quality.checks import compare_trees

pytestmark = pytest.mark.slow


def other_hash_seed() -> str:
    """A PYTHONHASHSEED unlike this process's, so that set and dict-of-set order changes between builds."""
    return "1" if os.environ.get("PYTHONHASHSEED") == "0" else "0"


def test_two_builds_are_byte_identical(real_site: BuildResult, tmp_path: Path) -> None:
    time.sleep(1.1)  # the second build starts in another second than the first one
    second = run_mkdocs_build(REPO, tmp_path / "site", env={"PYTHONHASHSEED": other_hash_seed()})
    assert second.returncode == 0, second.log

    problems = compare_trees(real_site.site, second.site)

    assert not problems, "the build is not reproducible; these files differ:\n" + "\n".join(
        problems
    )


def test_builds_at_other_times_of_the_same_day_are_byte_identical(
    real_site: BuildResult, tmp_path: Path
) -> None:
    """The build's "today" is an input (SOURCE_DATE_EPOCH, else the clock): embargo and event status
    follow the day on purpose, but nothing may depend on the time of day. MkDocs stamps
    sitemap.xml.gz with the build time; the i18n plugin rewrites it with a fixed one.
    """
    today = dt.datetime.now(dt.UTC).date()
    late = dt.datetime.combine(today, dt.time(23, 59, 59), tzinfo=dt.UTC)
    other_time = run_mkdocs_build(
        REPO, tmp_path / "site", env={"SOURCE_DATE_EPOCH": str(int(late.timestamp()))}
    )
    assert other_time.returncode == 0, other_time.log

    problems = compare_trees(real_site.site, other_time.site)

    assert not problems, "the output depends on the build time; these files differ:\n" + "\n".join(
        problems
    )


HOOK_WITH_A_CLOCK = """
import datetime

def on_post_page(output, page, config):
    return output.replace("</footer>", f"<p>Built {datetime.datetime.now().isoformat()}</p></footer>", 1)
"""


def test_reproducible_gate_can_fail(make_site, tmp_path: Path) -> None:
    """A build time in the footer makes every page differ, and the message names them."""
    files = {
        "content/index.md": "# Home\n",
        "content/about.md": "# About\n",
        "hooks.py": HOOK_WITH_A_CLOCK,
    }
    mkdocs_yml = tiny_mkdocs_yml(extra_plugins="hooks:\n  - hooks.py\n")
    first = make_site(files, mkdocs_yml)
    assert first.returncode == 0, first.log
    shutil.copytree(first.site, tmp_path / "first")
    second = make_site(files, mkdocs_yml)
    assert second.returncode == 0, second.log

    problems = compare_trees(tmp_path / "first", second.site)

    differing = {p.split(":")[0] for p in problems}
    assert {"index.html", "fr/about/index.html", "ar/index.html"} <= differing, problems
    assert any(
        p.startswith("fr/about/index.html: differs (from byte ") and "</p></footer>" in p
        for p in problems
    )
    assert not any(p.startswith("sitemap.xml:") for p in problems), problems


def test_compare_trees_names_missing_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "x").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x" / "only.html").write_text("1")
    (tmp_path / "b" / "new.html").write_text("2")

    assert compare_trees(tmp_path / "a", tmp_path / "b") == [
        "x/only.html: only in the first build",
        "new.html: only in the second build",
    ]

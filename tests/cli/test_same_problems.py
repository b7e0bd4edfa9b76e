"""One validation path: the build and `nextsociety check` report the same problems.

Both call `nextsociety.model.site.load_site()`; this proves it on one project broken in
every way at once (references, front matter, YAML, events, registries, strings, navigation,
slugs, images, body anchors, a generated page's path), running the build and the check in-process.
"""

from __future__ import annotations

import contextlib
import io
import logging

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from nextsociety.cli import main

from tests.cli import test_check as cases
from tests.cli.conftest import BUILD_DATE, Project

BREAKS = [
    cases._news_with_unknown_ids,
    cases._event,
    cases._partner_registry,
    cases._media_registry,
    cases._string_table,
    cases._navigation_and_page_slug,
    cases._body_anchors,
]


def _build_problems(project: Project, caplog: pytest.LogCaptureFixture) -> list[str]:
    """The problems `mkdocs build` stops with (its PluginError, logged, one per line)."""
    config = load_config(str(project.root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Abort, match="BuildError"):
        build(config)
    (error,) = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    head, *lines = error.splitlines()
    assert head == f"{len(lines)} problems in the content:", head
    return [line.strip() for line in lines]


def _check_problems(project: Project, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The problems `nextsociety check` prints (every line before its summary)."""
    monkeypatch.chdir(project.root)
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        assert main(["check"]) == 1
    *lines, summary = output.getvalue().splitlines()
    assert summary.startswith(f"{len(lines)} problems found"), summary
    return lines


def test_build_and_check_report_the_same_problems(project: Project, monkeypatch, caplog):
    monkeypatch.setenv("NEXTSOCIETY_BUILD_DATE", BUILD_DATE)
    expected = [line for breaks in BREAKS for line in breaks(project)]
    project.write("content/clusters/sectors.md", "# Sectors\n")  # a page the registry generates
    expected.append(
        "content/clusters/sectors.md: clashes with the page nextsociety/registry generates from "
        "data/clusters.yml (remove or rename the file)"
    )
    built = _build_problems(project, caplog)
    checked = _check_problems(project, monkeypatch)
    assert built == checked
    for line in expected:
        assert line in built, f"missing: {line}\n" + "\n".join(built)
    assert len(built) == len(set(built))

"""nextsociety/parallel: the languages' pages built in worker processes, the same site as one
process builds, and every warning or error of a worker reaches the build's result."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import REPO, BuildResult, run_mkdocs_build, tiny_mkdocs_yml
from tests.quality.checks import compare_trees

FORKED = "pages of fr, ar built side by side, one process each"
TWO_CORES = len(os.sched_getaffinity(0)) >= 2
PAGES = {
    "content/index.md": "# Home\n",
    "content/index.fr.md": "# Accueil\n",
    "content/about.md": "# About\n",
    "content/about.fr.md": "# À propos\n",
    "content/about.ar.md": "# من نحن\n",
}


def with_hook(hook: str) -> dict[str, str]:
    return {**PAGES, "hooks.py": "import logging, os\n\n" + hook}


PARALLEL_WITH_HOOK = tiny_mkdocs_yml(
    extra_plugins="- nextsociety/parallel:\n    parallel: !ENV [NEXTSOCIETY_PARALLEL, true]\n"
    "hooks:\n  - hooks.py\n"
)


def test_the_machine_has_two_cores() -> None:
    """The tests below see workers only where the build forks them (CI runners have 2+)."""
    assert TWO_CORES, "nextsociety/parallel forks only with two cores or more"


def test_parallel_build_is_byte_identical_to_one_process(
    real_site: BuildResult, tmp_path: Path
) -> None:
    assert FORKED in real_site.log, real_site.log
    serial = run_mkdocs_build(REPO, tmp_path / "site", env={"NEXTSOCIETY_PARALLEL": "false"})
    assert serial.returncode == 0, serial.log
    assert FORKED not in serial.log

    problems = compare_trees(real_site.site, serial.site)

    assert not problems, "one process and several build different sites:\n" + "\n".join(problems)
    assert (serial.site / "pagefind" / "pagefind-entry.json").is_file()


def test_a_warning_in_a_worker_fails_the_strict_build(make_site) -> None:
    hook = (
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    if page.file.src_uri == 'ar/about.md':\n"
        "        logging.getLogger('mkdocs.hooks').warning('a warning of the Arabic page')\n"
        "    return markdown\n"
    )
    result = make_site(with_hook(hook), PARALLEL_WITH_HOOK)

    assert FORKED in result.log
    assert "a warning of the Arabic page" in result.log
    assert result.returncode == 1, result.log
    assert "Aborted with 1 warnings in strict mode" in result.log


def test_an_error_in_a_worker_fails_the_build_with_its_message(make_site) -> None:
    hook = (
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    if page.file.src_uri == 'fr/about.md':\n"
        "        raise ValueError('the French page cannot be converted')\n"
        "    return markdown\n"
    )
    result = make_site(with_hook(hook), PARALLEL_WITH_HOOK)

    assert FORKED in result.log
    assert result.returncode == 1, result.log
    assert "ValueError: the French page cannot be converted" in result.log
    assert "in the worker process" in result.log  # its traceback, as a note


def test_a_worker_that_dies_fails_the_build(make_site) -> None:
    hook = (
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    if page.file.src_uri == 'fr/about.md':\n"
        "        os.kill(os.getpid(), 9)\n"
        "    return markdown\n"
    )
    result = make_site(with_hook(hook), PARALLEL_WITH_HOOK)

    assert result.returncode == 1, result.log
    assert "the process building the 'fr' pages stopped (signal 9)" in result.log


@pytest.mark.parametrize("parallel", ["true", "false"])
def test_each_page_is_written_once_by_its_language(make_site, parallel: str) -> None:
    """Every language's pages are there, whichever process wrote them."""
    hook = "def on_post_page(output, page, **kwargs):\n    return output\n"
    result = make_site(with_hook(hook), PARALLEL_WITH_HOOK, env={"NEXTSOCIETY_PARALLEL": parallel})

    assert result.returncode == 0, result.log
    assert (FORKED in result.log) == (parallel == "true")
    assert "À propos" in result.html("fr/about/")
    assert "من نحن" in result.html("ar/about/")
    assert "About" in result.html("about/")
    assert (result.site / "sitemap.xml").is_file() and (result.site / "404.html").is_file()

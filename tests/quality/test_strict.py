"""Gate 6: `mkdocs build --strict` is the only way the site is built — in the Makefile, in CI and
in the README — and a single warning fails it."""

from __future__ import annotations

import re

from tests.conftest import REPO, tiny_mkdocs_yml

# Every place that tells a person or a machine how to build the site.
BUILD_INSTRUCTIONS = ("README.md", "Makefile", ".ci/run", "docs/**/*.md", ".github/workflows/*.yml")
MKDOCS_BUILD = re.compile(r"mkdocs\s+build\b[^\n`]*")


def unstrict_builds(text: str) -> list[str]:
    """The `mkdocs build` commands of a text that lack --strict."""
    return [command for command in MKDOCS_BUILD.findall(text) if "--strict" not in command.split()]


def make_recipe(makefile: str, target: str) -> str:
    """The prerequisites and recipe lines of one Makefile target."""
    match = re.search(rf"^{re.escape(target)}:(.*\n(?:\t.*\n)*)", makefile, re.MULTILINE)
    assert match, f"Makefile has no `{target}` target"
    return match.group(1)


def test_every_build_command_is_strict() -> None:
    problems = []
    files = sorted({path for pattern in BUILD_INSTRUCTIONS for path in REPO.glob(pattern)})
    assert REPO / "README.md" in files and REPO / "Makefile" in files
    for path in files:
        name = path.relative_to(REPO).as_posix()
        problems += [
            f"{name}: `{command.strip()}` has no --strict"
            for command in unstrict_builds(path.read_text(encoding="utf-8"))
        ]
    assert not problems, "\n".join(problems)


def test_workflows_build_and_test_with_make() -> None:
    """A workflow that publishes the site builds it with `make build`; one that tests runs `make test`."""
    for path in sorted(REPO.glob(".github/workflows/*.yml")):
        text = path.read_text(encoding="utf-8")
        if "upload-pages-artifact" in text:
            assert re.search(r"run:\s*make build\b", text), (
                f"{path.name} publishes without `make build`"
            )
        if "pytest" in text:
            assert "make test" in text, f"{path.name} runs pytest without `make test`"


def test_makefile_builds_strict_and_tests_with_the_gates() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"mkdocs build --strict\b", make_recipe(makefile, "build"))
    test = make_recipe(makefile, "test")
    assert "pytest" in test, test
    deps = make_recipe(makefile, "test-deps") if "test-deps" in test else test
    assert "tests/install-deps.sh" in deps, (
        "`make test` must install Chromium, Java and the npm checkers first"
    )


def test_ci_runs_make_test() -> None:
    commands = [
        line.strip()
        for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert "make test" in commands, commands


def test_readme_gives_the_strict_build_and_make_test() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make build" in readme and "mkdocs build --strict" in readme
    assert "make test" in readme


def test_mkdocs_yml_is_strict_too() -> None:
    """`strict: true` in mkdocs.yml also makes a bare `mkdocs build` strict."""
    assert re.search(
        r"^strict:\s*true\s*$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE
    )


def test_strict_gate_can_fail() -> None:
    assert unstrict_builds("run `mkdocs build -d site` then `mkdocs build --strict`") == [
        "mkdocs build -d site"
    ]


def test_a_warning_fails_the_build(make_site) -> None:
    """Any warning logged during the build fails it. (load_site() now reports broken links and
    anchors itself, before MkDocs would warn: a hook logs the warning here.)"""
    hook = (
        "import logging\n\n"
        "log = logging.getLogger('mkdocs.plugins.test_hook')\n\n\n"
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    log.warning('something to fix in %s', page.file.src_uri)\n"
        "    return markdown\n"
    )
    result = make_site(
        {"hooks.py": hook, "content/index.md": "# Home\n", "content/about.md": "# About\n"},
        mkdocs_yml=tiny_mkdocs_yml() + "hooks: [hooks.py]\n",
    )

    assert result.returncode != 0, result.log
    assert "something to fix in index.md" in result.log, result.log
    assert "Aborted with" in result.log and "in strict mode" in result.log, result.log

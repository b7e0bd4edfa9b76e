"""The README's editor's guide works as written; workflows and pre-commit hooks call the README's commands."""

from __future__ import annotations

import re
import shlex
import textwrap

import yaml

from tests.cli.conftest import Project, nextsociety
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")


def section(title: str) -> str:
    return README.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def code_blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def workflow(name: str) -> dict:
    data = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


SETUP = code_blocks(section("Set-up and the two commands"), "sh")[0].splitlines()[0]


WORKFLOWS = ("deploy.yml", "test.yml", "upstream.yml", "preview.yml")


def test_the_readme_set_up_is_what_ci_runs():
    assert SETUP == "apt-get update && apt-get install -y make git python3-venv"
    for name in WORKFLOWS:
        for job_name, job in workflow(name)["jobs"].items():
            if "container" in job:
                assert runs(job)[0] == SETUP, (name, job_name)
                assert (
                    job["container"] == "debian:bookworm"
                )  # Debian with Python 3.11, as the README
    assert "make build" in section("Set-up and the two commands")
    assert "make test" in section("Set-up and the two commands")


def test_workflows_are_pinned_and_least_privileged():
    """What zizmor checks in `make lint`, stated for our workflows: actions pinned by commit SHA,
    no credentials left in the checkout, no permission at workflow level, each job its own."""
    for name in WORKFLOWS:
        data = workflow(name)
        assert data["permissions"] == {}, name
        for job_name, job in data["jobs"].items():
            assert "permissions" in job, (name, job_name)
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, (name, job_name)


def test_every_install_is_locked():
    """Workflows install through the Makefile, whose every `uv sync` is `--locked`."""
    syncs = re.findall(r"\$\(UV\) sync[^\n]*", MAKEFILE)
    assert syncs and all("--locked" in line for line in syncs), syncs
    assert re.search(r"^\tbash tests/install-deps.sh$", MAKEFILE, flags=re.MULTILINE)
    assert "npm ci" in (REPO / "tests" / "install-deps.sh").read_text(encoding="utf-8")
    for name in WORKFLOWS:
        for job in workflow(name)["jobs"].values():
            for command in runs(job):
                assert "pip install" not in command and "uv pip" not in command, command
                assert "uv sync" not in command or "--locked" in command, command


def test_deploy_workflow():
    data = workflow("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    # hourly: an embargo with a time goes out within the hour after it
    assert data["on"]["schedule"] == [{"cron": "5 * * * *"}]
    build = data["jobs"]["build"]
    assert build["permissions"] == {"contents": "read"}
    commands = runs(build)
    assert commands[1:] == [
        "make install-runtime",
        ".venv/bin/nextsociety check --format github",
        "make build",
    ]
    assert uses(build) == [
        "actions/checkout",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    step = next(step for step in build["steps"] if step.get("run") == "make build")
    assert step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"  # may carry a sub-path
    upload = next(
        step
        for step in build["steps"]
        if step.get("uses", "").startswith("actions/upload-pages-artifact")
    )
    assert upload["with"]["path"] == "site"
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert uses(deploy) == ["actions/deploy-pages"]


def test_test_workflow_runs_make_test_and_properdocs():
    data = workflow("test.yml")
    assert "pull_request" in data["on"]
    assert runs(data["jobs"]["test"])[-1] == "make test"
    assert "tests/test_engines.py" in runs(data["jobs"]["properdocs"])[-1]


def test_preview_workflow_builds_each_pull_request_and_removes_it_when_closed():
    """docs/web-editing.md: `pull_request` (never `pull_request_target`), the check's annotations,
    the site as an artifact linked on the pull request, deleted when it closes."""
    data = workflow("preview.yml")
    assert set(data["on"]) == {"pull_request"}
    assert set(data["on"]["pull_request"]["types"]) == {
        "opened",
        "synchronize",
        "reopened",
        "closed",
    }
    build = data["jobs"]["build"]
    assert build["if"] == "github.event.action != 'closed'"
    assert build["permissions"] == {"contents": "read"}
    assert runs(build)[1:] == [
        "make install-runtime",
        ".venv/bin/nextsociety check --format github",
        "make build",
    ]
    assert uses(build) == ["actions/checkout", "actions/upload-artifact"]
    upload = next(step for step in build["steps"] if step.get("id") == "upload")
    assert upload["with"]["path"] == "site" and upload["with"]["retention-days"] == 7
    name = upload["with"]["name"]
    comment, remove = data["jobs"]["comment"], data["jobs"]["remove"]
    assert comment["permissions"] == {"pull-requests": "write"} and not uses(comment)
    assert "checkout" not in str(comment) and "checkout" not in str(remove)  # no PR code runs
    assert remove["if"] == "github.event.action == 'closed'"
    assert remove["permissions"] == {"actions": "write"} and not uses(remove)
    assert remove["steps"][0]["env"]["NAME"] == name
    assert "-X DELETE" in runs(remove)[0]
    for job in data["jobs"].values():  # values reach shell commands through env, never inline
        assert all("${{" not in command for command in runs(job))


def test_upstream_workflow_tests_the_newest_versions_weekly():
    data = workflow("upstream.yml")
    assert data["on"]["schedule"]
    commands = runs(data["jobs"]["newest"])
    assert any("uv lock --upgrade" in command for command in commands)
    assert commands[-1] == "make test"


def test_dependabot_covers_every_ecosystem():
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(ecosystems) == {"uv", "npm", "github-actions"}
    assert all(update["schedule"]["interval"] == "weekly" for update in ecosystems.values())
    assert all(update["groups"] for update in ecosystems.values())
    assert set(ecosystems["npm"]["directories"]) == {"/tests", "/cms"}
    for directory in ecosystems["npm"]["directories"]:
        assert (REPO / directory.lstrip("/") / "package-lock.json").is_file()


def test_makefile_targets_the_workflows_and_hooks_use():
    targets = (
        ("install", "uv sync --locked"),
        ("install-runtime", "uv sync --locked --quiet --no-dev"),
        ("build", "mkdocs build --strict"),
        ("check", "nextsociety check"),
        ("lint", "ruff format --check"),
    )
    for target, recipe in targets:
        match = re.search(rf"^{target}:.*\n((?:\t.*\n)*)", MAKEFILE, flags=re.MULTILINE)
        assert match, target
        sync = re.search(r"^SYNC = (.*)$", MAKEFILE, flags=re.MULTILINE).group(1)
        assert recipe in match.group(1).replace("$(SYNC)", sync).replace("$(UV)", "uv"), target


def test_pre_commit_hooks():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks == [
        {
            "id": "nextsociety-check",
            "name": "nextsociety check",
            "description": hooks[0]["description"],
            "entry": "nextsociety check",  # the console script of this package
            "language": "python",
            "pass_filenames": False,
            "files": r"^(content/|data/|mkdocs\.yml$)",
        }
    ]
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (local,) = config["repos"]
    assert local["repo"] == "local"
    hooks_by_id = {hook["id"]: hook for hook in local["hooks"]}
    check = hooks_by_id["nextsociety-check"]
    assert check["entry"] == "make --silent check" and check["pass_filenames"] is False
    assert re.match(check["files"], "content/news/2018/x.md")
    assert re.match(check["files"], "data/partners.yml")
    assert not re.match(check["files"], "plugins/nextsociety/cli.py")
    # The same tools, at the versions of uv.lock, as `make lint`.
    assert hooks_by_id["ruff-check"]["entry"].startswith(".venv/bin/ruff check")
    assert hooks_by_id["ruff-format"]["entry"].startswith(".venv/bin/ruff format --check")
    assert hooks_by_id["mypy"]["entry"] == ".venv/bin/mypy"


def test_the_editors_guide_works_as_written(project: Project):
    guide = section("Editor's guide")
    commands = [
        line
        for block in code_blocks(guide, "sh")
        for line in block.splitlines()
        if line.startswith("nextsociety ")
    ]
    assert len(commands) >= 6
    for command in commands:
        result = nextsociety(*shlex.split(command)[1:], cwd=project.root)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
    partners = int(
        re.search(r"(\d+) partners", nextsociety("check", cwd=project.root).stdout).group(1)
    )
    (partner,) = code_blocks(guide, "yaml")
    with (project.root / "data" / "partners.yml").open("a", encoding="utf-8") as file:
        file.write("\n" + partner)
    result = nextsociety("check", cwd=project.root)
    assert result.returncode == 0, result.stdout
    assert f"{partners + 1} partners" in result.stdout
    # The mistake the guide shows is the one check reports.
    example = re.search(r"`(content/news/2026/[^`]+)`", guide).group(1)
    path, line, _ = example.split(":", 2)
    project.replace(path, "partners: []", "partners: [acio]")
    result = nextsociety("check", cwd=project.root)
    assert example in result.stdout.splitlines(), result.stdout
    assert project.line_of(path, "partners: [acio]") == int(line)


EDITORS = (REPO / "docs" / "editors.md").read_text(encoding="utf-8")


def test_the_readme_links_the_editors_guide():
    assert "[docs/editors.md](docs/editors.md)" in section("Editor's guide")


def _check_media_example(record: str, project: Project) -> None:
    """A media registry example of docs/editors.md, added with its file, passes the check."""
    name = yaml.safe_load(record)[0]["file"]
    (project.root / "data" / "media" / name).write_bytes(b"an image")
    registry = project.read("data/media.yml")
    project.write("data/media.yml", registry + record)
    result = nextsociety("check", cwd=project.root)
    assert result.returncode == 0, f"{record}\n{result.stdout}{result.stderr}"
    project.write("data/media.yml", registry)


def test_docs_editors_commands_work_as_written(project: Project):
    """Every `nextsociety` command of docs/editors.md but the preview, in order, succeeds; its
    front matter examples are accepted by the model."""
    commands = [
        line
        for block in code_blocks(EDITORS, "sh")
        for line in block.splitlines()
        if line.startswith("nextsociety ") and not line.startswith("nextsociety serve")
    ]
    assert [shlex.split(c)[1] for c in commands] == ["new", "check", "status", "status", "status"]
    for command in commands:
        result = nextsociety(*shlex.split(command)[1:], cwd=project.root)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
    fields = {"updated", "correction", "withdrawn", "date"}
    for block in code_blocks(EDITORS, "yaml"):
        if textwrap.dedent(block).startswith("- id:"):
            _check_media_example(textwrap.dedent(block), project)
            continue
        for line in block.splitlines():
            key = line.split(":", 1)[0]
            assert key in fields, line
    for topic in ("Schedule", "Preview", "pull request", "Publish", "Correct", "Withdraw", "Undo"):
        assert re.search(rf"^## \d+\. .*{topic}", EDITORS, flags=re.MULTILINE), topic
    assert "--host 0.0.0.0" in EDITORS and "git revert" in EDITORS


def test_the_preview_options_of_the_guides_are_the_commands():
    """Every `SERVE_ARGS="…"` and `nextsociety serve …` of the README and docs/editors.md is
    accepted by `nextsociety serve` as written (a renamed option fails here)."""
    from nextsociety.cli.main import build_parser

    written = [
        *re.findall(r'SERVE_ARGS="([^"]+)"', README + EDITORS),
        *re.findall(r"`nextsociety serve ([^`]+)`", README + EDITORS),
    ]
    written = [options for options in written if options != "--help"]
    assert {"--host 0.0.0.0", "--lang fr"} <= set(written), written
    for options in written:
        args = build_parser().parse_args(["serve", *shlex.split(options)])
        assert args.run.__name__ == "run_serve", options


def test_every_image_of_the_editors_guide_exists_decodes_and_says_what_it_shows():
    from PIL import Image

    prose = re.sub(r"```.*?```|`[^`]*`", "", EDITORS, flags=re.DOTALL)  # examples in code
    images = re.findall(r"!\[([^\]]*)\]\(([^)\s]+)\)", prose)
    assert len(images) >= 5, images
    for alt, target in images:
        path = REPO / "docs" / target
        assert alt.strip(), f"{target}: no text alternative"
        assert path.is_file(), f"{target}: no such file"
        with Image.open(path) as image:
            image.verify()  # a truncated or corrupt file fails here
        with Image.open(path) as image:
            image.load()
            assert image.format == "PNG" and image.width >= 600, (target, image.size)
        assert path.stat().st_size < 100_000, f"{target}: not optimised"

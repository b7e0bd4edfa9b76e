"""The README's editor's guide works as written; workflows and pre-commit hooks call the README's commands."""

from __future__ import annotations

import re
import shlex

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


def test_the_readme_set_up_is_what_ci_runs():
    assert SETUP == "apt-get update && apt-get install -y make git python3-venv"
    for name in ("deploy.yml", "test.yml"):
        jobs = workflow(name)["jobs"]
        first = next(iter(jobs.values()))
        assert runs(first)[0] == SETUP, name
        assert first["container"] == "debian:bookworm"  # Debian with Python 3.11, as the README says
    assert "make build" in section("Set-up and the two commands")
    assert "make test" in section("Set-up and the two commands")


def test_deploy_workflow():
    data = workflow("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["on"]["schedule"] == [{"cron": "0 5 * * *"}]  # embargoed items go out on their day
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = data["jobs"]["build"]
    commands = runs(build)
    assert commands[1:] == ["make install", ".venv/bin/nextsociety check --format github", "make build"]
    assert uses(build) == ["actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact"]
    step = next(step for step in build["steps"] if step.get("run") == "make build")
    assert step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"  # may carry a sub-path
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert uses(deploy) == ["actions/deploy-pages"]


def test_test_workflow_runs_make_test_on_pull_requests():
    data = workflow("test.yml")
    assert "pull_request" in data["on"]
    assert runs(data["jobs"]["test"])[-1] == "make test"


def test_makefile_targets_the_workflows_and_hooks_use():
    for target, recipe in (("install", None), ("build", "mkdocs build --strict"), ("check", "nextsociety check")):
        match = re.search(rf"^{target}: \$\(STAMP\)\n((?:\t.*\n)*)", MAKEFILE, flags=re.MULTILINE)
        assert match, target
        if recipe:
            assert recipe in match.group(1)


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
    (hook,) = local["hooks"]
    assert hook["entry"] == "make --silent check" and hook["pass_filenames"] is False
    assert re.match(hook["files"], "content/news/2018/x.md") and re.match(hook["files"], "data/partners.yml")
    assert not re.match(hook["files"], "plugins/nextsociety/cli.py")


def test_the_editors_guide_works_as_written(project: Project):
    guide = section("Editor's guide")
    commands = [line for block in code_blocks(guide, "sh") for line in block.splitlines() if line.startswith("nextsociety ")]
    assert len(commands) >= 6
    for command in commands:
        result = nextsociety(*shlex.split(command)[1:], cwd=project.root)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
    partners = int(re.search(r"(\d+) partners", nextsociety("check", cwd=project.root).stdout).group(1))
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

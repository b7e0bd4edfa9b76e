"""Tiny sites with the registry plugin: the real data/ registries, or small ones per test."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, BuildResult, run_mkdocs_build, tiny_mkdocs_yml

GOLDEN_BASE = REPO / "tests" / "golden" / "registry" / "_base"
LANGS = ("en", "fr", "ar")
PREFIX = {"en": "", "fr": "fr/", "ar": "ar/"}
PAGES = {
    "content/index.md": "# Home\n",
    "content/index.fr.md": "# Accueil\n",
    "content/index.ar.md": "# الرئيسية\n",
    "content/about.md": "# About\n",
}
REPO_URL = "https://example.org/nextsociety/"


def registry_yml(plugin_first: bool = False, **settings: object) -> str:
    """The tiny site's mkdocs.yml with the registry plugin (after i18n unless `plugin_first`)."""
    config = yaml.safe_load(tiny_mkdocs_yml())
    registry = {"nextsociety/registry": {"data_dir": "data"}}
    if plugin_first:
        config["plugins"].insert(0, registry)
    else:
        config["plugins"].append(registry)
    config.update(settings)
    config["theme"]["features"] = ["content.action.edit"]  # as in the real mkdocs.yml
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def base_data() -> dict[str, str]:
    """The small valid registry of the golden tests, as files of a tiny site."""
    return {f"data/{p.name}": p.read_text(encoding="utf-8") for p in GOLDEN_BASE.glob("*.yml")}


@pytest.fixture
def registry_site(make_site: Callable[..., BuildResult]) -> Callable[..., BuildResult]:
    """Build a tiny site whose data/ is the golden base registry with `data` files replacing it."""

    def build(
        data: Mapping[str, str] | None = None, mkdocs_yml: str | None = None, **settings: object
    ) -> BuildResult:
        files = {
            **PAGES,
            **base_data(),
            **{f"data/{name}": text for name, text in (data or {}).items()},
        }
        return make_site(files, mkdocs_yml=mkdocs_yml or registry_yml(**settings))

    return build


@pytest.fixture
def registry_check(check_site: Callable[..., Any]) -> Callable[..., Any]:
    """The problems of a tiny site whose data/ is the golden base registry with `data` files
    replacing it, validated in-process."""

    def check(data: Mapping[str, str] | None = None, **files: str) -> Any:
        pages = {**PAGES, **base_data(), **{f"data/{n}": t for n, t in (data or {}).items()}}
        return check_site(pages, mkdocs_yml=registry_yml())

    return check


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A tiny site with the project's real registries (data/*.yml), built once per session."""
    project = tmp_path_factory.mktemp("registry") / "project"
    for name, text in PAGES.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (project / "data").mkdir()
    for name in ("partners.yml", "clusters.yml", "contacts.yml"):
        (project / "data" / name).write_text(
            (REPO / "data" / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    config = registry_yml(repo_url=REPO_URL, edit_uri="edit/main/content/")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_mkdocs_build(project, project.parent / "site")
    assert result.returncode == 0, result.log
    return result


def real_records(name: str) -> list[dict]:
    return yaml.safe_load((REPO / "data" / name).read_text(encoding="utf-8"))


def page_path(lang: str, path: str) -> str:
    return PREFIX[lang] + path


def resolve(page_url: str, href: str) -> str:
    """A relative href on the page at `page_url` ('fr/partners/') as a site path ('fr/partners/accio/')."""
    parts = [p for p in page_url.split("/") if p]
    for piece in href.split("#")[0].split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts) + ("/" if href.split("#")[0].endswith("/") or not href else "")


def site_path(result: BuildResult, url: str) -> Path:
    return result.site / url / "index.html"

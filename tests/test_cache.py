"""nextsociety/cache: a page's converted Markdown is reused until the page, a page it links to
or the conversion's settings change; a conversion that warns is never kept.

The rules are tested in-process on MkDocs' own File, Files and Page objects; one build test
checks that a site built from the cache is the site built without it."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from nextsociety.plugins.cache import CachePlugin

from tests.conftest import run_mkdocs_build, tiny_mkdocs_yml, write_project
from tests.quality.checks import compare_trees

CONFIG = """\
site_name: Test
docs_dir: docs
markdown_extensions:
  - toc:
      permalink: true
validation:
  links:
    not_found: warn
    anchors: warn
"""
CACHE_PLUGIN = "- nextsociety/cache:\n    enabled: !ENV [NEXTSOCIETY_CACHE, true]\n"
PAGE = "# Visit\n\nSee [the call](call.md#dates) and [the rules](#rules).\n\n## Rules\n\nText.\n"


class Project:
    """A docs folder, its config and the cache plugin, converting pages as a build does."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "docs").mkdir(parents=True)
        (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
        self.write("call.md", "# Call\n\n## Dates\n")
        self.plugin = CachePlugin()
        self.plugin.load_config({})
        self.config: MkDocsConfig = load_config(str(root / "mkdocs.yml"))
        self.plugin.on_config(self.config)

    def write(self, name: str, text: str) -> None:
        (self.root / "docs" / name).write_text(text, encoding="utf-8")

    def files(self, **dest_uris: str) -> Files:
        names = sorted(path.name for path in (self.root / "docs").iterdir())
        return Files(
            [
                File(
                    name,
                    str(self.root / "docs"),
                    str(self.root / "site"),
                    True,
                    dest_uri=dest_uris.get(name.removesuffix(".md")),
                )
                for name in names
            ]
        )

    def convert(self, name: str, files: Files | None = None) -> Page:
        """One page as `mkdocs build` converts it (a new Page, as each build makes)."""
        files = files or self.files()
        file = files.get_file_from_path(name)
        assert file is not None
        page = Page(None, file, self.config)
        self.plugin.on_pre_page(page, config=self.config, files=files)
        page.read_source(self.config)
        page.render(self.config, files)
        return page

    def entries(self) -> list[Path]:
        folder = self.root / ".cache" / "nextsociety" / "pages"
        return sorted(folder.glob("*.json.z")) if folder.is_dir() else []


def what_render_made(page: Page) -> tuple[object, ...]:
    links = {file.src_uri: pairs for file, pairs in (page.links_to_anchors or {}).items()}
    toc = [(item.title, item.id, item.level, len(item.children)) for item in page.toc]
    return (page.content, toc, page.title, page.present_anchor_ids, links)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def test_a_page_is_converted_once_then_reused_as_it_was(project: Project) -> None:
    project.write("visit.md", PAGE)
    first = project.convert("visit.md")
    again = project.convert("visit.md")

    assert (project.plugin.converted, project.plugin.reused) == (1, 1)
    assert what_render_made(again) == what_render_made(first)
    assert 'href="../call/#dates"' in again.content and again.title == "Visit"
    assert again.toc.items[0].active  # as MkDocs marks its table of contents


def test_a_changed_page_is_converted_again(project: Project) -> None:
    project.write("visit.md", PAGE)
    project.convert("visit.md")
    project.write("visit.md", PAGE.replace("Text.", "New text."))

    page = project.convert("visit.md")

    assert (project.plugin.converted, project.plugin.reused) == (2, 0)
    assert "New text." in page.content


def test_a_page_is_converted_again_when_a_page_it_links_to_moves(project: Project) -> None:
    project.write("visit.md", PAGE)
    project.convert("visit.md")

    page = project.convert("visit.md", project.files(call="calls/2018/index.html"))

    assert project.plugin.reused == 0
    assert 'href="../calls/2018/#dates"' in page.content


def test_a_conversion_that_warns_is_not_kept(
    project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    project.write("visit.md", PAGE.replace("call.md", "calls.md"))
    with caplog.at_level(logging.WARNING):
        project.convert("visit.md")
        project.convert("visit.md")

    assert project.plugin.reused == 0 and project.entries() == []
    warnings = [r.getMessage() for r in caplog.records if "calls.md" in r.getMessage()]
    assert len(warnings) == 2  # given again by the second build: the link is still broken


def test_a_damaged_entry_is_converted_again(project: Project) -> None:
    project.write("visit.md", PAGE)
    project.convert("visit.md")
    (entry,) = project.entries()
    entry.write_bytes(b"not zlib")

    page = project.convert("visit.md")

    assert (project.plugin.converted, project.plugin.reused) == (2, 0)
    assert 'href="../call/#dates"' in page.content


def test_other_markdown_settings_are_other_entries(project: Project) -> None:
    project.write("visit.md", PAGE)
    project.convert("visit.md")
    project.config.mdx_configs["toc"]["permalink"] = False
    project.plugin.on_config(project.config)

    page = project.convert("visit.md")

    assert project.plugin.reused == 0 and "headerlink" not in page.content
    assert len(project.entries()) == 2


def test_entries_unused_for_max_age_days_are_removed(project: Project) -> None:
    project.write("visit.md", PAGE)
    project.write("other.md", "# Other\n")
    project.convert("visit.md")
    project.convert("other.md")
    old = time.time() - 31 * 86400
    os.utime(project.entries()[0], (old, old))

    project.plugin.on_post_build(config=project.config)

    assert len(project.entries()) == 1


def test_a_site_built_from_the_cache_is_the_site_built_without_it(tmp_path: Path) -> None:
    pages = {
        "content/index.md": "# Home\n\n[About](about.md)\n",
        "content/index.fr.md": "# Accueil\n",
        "content/about.md": "# About\n\n## Team\n",
        "content/about.ar.md": "# من نحن\n\n## الفريق\n",
    }
    project = tmp_path / "project"
    write_project(project, pages, tiny_mkdocs_yml(extra_plugins=CACHE_PLUGIN))
    cold = run_mkdocs_build(project, tmp_path / "cold")
    warm = run_mkdocs_build(project, tmp_path / "warm")
    without = run_mkdocs_build(project, tmp_path / "without", {"NEXTSOCIETY_CACHE": "false"})

    assert cold.returncode == warm.returncode == 0, cold.log + warm.log
    assert "6 pages: 6 converted, 0 from the cache" in cold.log
    assert "6 pages: 0 converted, 6 from the cache" in warm.log
    assert compare_trees(warm.site, cold.site) == []
    assert without.returncode == 0 and "from the cache" not in without.log
    assert compare_trees(warm.site, without.site) == []


def test_compiled_templates_are_loaded_from_disk_until_their_source_changes(
    tmp_path: Path,
) -> None:
    from jinja2 import DictLoader, Environment
    from nextsociety.plugins.cache import _CompiledOnDisk

    sources = {"page.html": "<p>{{ title }}</p>"}

    def environment() -> tuple[Environment, list[str]]:
        env = Environment(loader=DictLoader(sources))
        env.bytecode_cache = _CompiledOnDisk(None, tmp_path)
        compiled: list[str] = []
        compile_ = env.compile
        env.compile = lambda source, name=None, *a, **k: (  # type: ignore[method-assign]
            compiled.append(name) or compile_(source, name, *a, **k)
        )
        return env, compiled

    first, compiled = environment()
    assert first.get_template("page.html").render(title="Visit") == "<p>Visit</p>"
    assert compiled == ["page.html"]

    again, compiled = environment()
    assert again.get_template("page.html").render(title="Visit") == "<p>Visit</p>"
    assert compiled == []  # loaded, not compiled

    sources["page.html"] = "<h1>{{ title }}</h1>"
    changed, compiled = environment()
    assert changed.get_template("page.html").render(title="Visit") == "<h1>Visit</h1>"
    assert compiled == ["page.html"]

    for stored in (tmp_path / "templates").iterdir():
        stored.write_bytes(b"damaged")
    damaged, compiled = environment()
    assert damaged.get_template("page.html").render(title="Visit") == "<h1>Visit</h1>"
    assert compiled == ["page.html"]

"""The preview's site: pages rendered as the browser asks for them, a save shown in a second.

`mkdocs serve` builds the whole site again on every save: half a minute for a thousand items
in three languages. `nextsociety serve` instead loads the site again (the validated site, its
files and navigation; the files that did not change are not parsed again) and renders each
page when the browser asks for it: the saved item, then the listing or feed the editor opens
next, each up to date. What needs every page (the search index, release PDFs, social cards)
comes from a full build of the preview that runs after each save in the background, at low
priority (`FullBuild`); until it ends, the preview's pages say that search, PDFs and cards
show the site as it was before.

`LiveSite` drives MkDocs' own steps (the ones `mkdocs build` takes) for one page at a time;
it is what `nextsociety serve` serves (cli/serve.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page, build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from nextsociety.plugins.i18n import I18nPlugin

# What only the full build makes (search index, social cards): asked for, they come from it
# at once, without the preview writing its feeds and calendars first.
FROM_FULL_BUILD = ("pagefind/", "assets/cards/")
FULL_BUILD_DELAY = 2.0  # seconds of quiet after a save before the full build starts again


@dataclass
class _Build:
    """One load of the project: MkDocs' configuration, files, navigation and templates."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment
    doc_files: list[File]
    pages: dict[str, File]  # URL path ("news/2018/x/", "" for home) and output path -> page
    populated: set[str] = field(default_factory=set)  # src_uri of pages converted
    rendered: set[str] = field(default_factory=set)  # src_uri of pages written
    extras: bool = False  # feeds, calendars, sitemap, 404 pages written


class LiveSite:
    """The preview's site in `site_dir`: `load()` after every change, `answer()` per request."""

    def __init__(self, root: Path, config_file: str, site_dir: Path) -> None:
        self.root, self.config_file, self.site_dir = root, config_file, site_dir
        self.generation = 0  # one more at every load: the browser reloads when it changes
        self.changed = threading.Condition()
        self._lock = threading.RLock()  # MkDocs renders one page at a time
        self._build: _Build | None = None

    def load(self) -> None:
        """Load the project as it is now; pages are rendered again when next asked for."""
        with self._lock:
            self._build = _load(self.root / self.config_file, self.site_dir)
        with self.changed:
            self.generation += 1
            self.changed.notify_all()

    def notify(self) -> None:
        """Wake the browsers waiting for a change (the preview's notice comes or goes)."""
        with self.changed:
            self.changed.notify_all()

    def wait_for_change(self, changed: Callable[[], bool], timeout: float = 25.0) -> bool:
        """Block a browser's request until `changed()` says so, or `timeout` seconds."""
        with self.changed:
            return self.changed.wait_for(changed, timeout)

    def answer(self, url_path: str) -> Path | None:
        """The file of the site at `url_path` ("/fr/news/"), rendered first if it is a page
        not rendered since the last load; None if the site has no such file."""
        with self._lock:
            current = self._build
            if current is None:
                return None
            relative = url_path.lstrip("/")
            page = current.pages.get(relative)
            if page is not None:
                _render(current, page)
                return Path(page.abs_dest_path)
            known = current.files.get_file_from_path(relative) is not None
            if not known and not current.extras and not relative.startswith(FROM_FULL_BUILD):
                _write_extras(current)  # a feed, calendar, sitemap, 404 page…
            found = self.site_dir / relative
            if found.is_dir():
                found = found / "index.html"
            return found if found.is_file() else None

    def text(self, key: str, lang: str) -> str | None:
        """An interface string of the loaded site in `lang` (the preview's notice)."""
        with self._lock:
            if self._build is None:
                return None
            for plugin in self._build.config.plugins.values():
                if isinstance(plugin, I18nPlugin) and plugin.strings is not None:
                    return plugin.strings.get(key, lang)
            return None


def _load(config_file: Path, site_dir: Path) -> _Build:
    """MkDocs' steps of `build()` up to the pages: configuration, plugins, files, navigation."""
    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=False)
    for plugin in config.plugins.values():
        if isinstance(plugin, I18nPlugin):
            plugin.live = True  # pages one at a time: no search index, PDF or card of its own
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    env = config.plugins.on_env(env, config=config, files=files)
    files.copy_static_files(dirty=True)
    doc_files = list(files.documentation_pages())
    pages: dict[str, File] = {}
    for file in doc_files:
        url = "" if file.url == "./" else file.url  # the home page
        pages[url] = pages[file.dest_uri] = file
    return _Build(config, files, nav, env, doc_files, pages)


def _populate(build: _Build, file: File) -> Page:
    if file.page is None:
        Page(None, file, build.config)  # a page outside the navigation, as build() makes it
    assert file.page is not None
    if file.src_uri not in build.populated:
        _populate_page(file.page, build.config, build.files)
        build.populated.add(file.src_uri)
    return file.page


def _render(build: _Build, file: File) -> None:
    if file.src_uri in build.rendered:
        return
    page = _populate(build, file)
    _build_page(page, build.config, build.doc_files, build.nav, build.env)
    build.rendered.add(file.src_uri)


def _write_extras(build: _Build) -> None:
    """What `build()` writes after the pages: the theme's sitemap and 404 page, then every
    plugin's `on_post_build` (feeds, calendars, contact cards, the media kit's files). The
    pages the feeds carry are converted first."""
    for plugin in build.config.plugins.values():
        for src_uri in getattr(plugin, "feed_sources", list)():
            file = build.files.get_file_from_path(src_uri)
            if file is not None:
                _populate(build, file)
    for template in build.config.theme.static_templates:
        _build_theme_template(template, build.env, build.files, build.config, build.nav)
    build.config.plugins.on_post_build(config=build.config)
    build.extras = True


class FullBuild:
    """The preview built whole (drafts and scheduled items included), in the background at
    low priority, for what needs every page: the search index, release PDFs, social cards."""

    def __init__(self, root: Path, config_file: str, folder: Path) -> None:
        self.root, self.config_file, self.folder = root, config_file, folder
        self.ready: Path | None = None  # the last full build that ended well
        self.failed = False
        self._process: subprocess.Popen[bytes] | None = None
        self._target: Path | None = None
        self._due: float | None = None
        self._count = 0

    @property
    def running(self) -> bool:
        return self._process is not None or self._due is not None

    def start_soon(self) -> None:
        """After a change: start again once the files have been quiet for a moment."""
        self._stop_process()
        self._due = time.monotonic() + FULL_BUILD_DELAY

    def tick(self) -> None:
        """Start the build when it is due; take its result when it has ended."""
        if self._due is not None and time.monotonic() >= self._due:
            self._due = None
            self._start()
        if self._process is not None and self._process.poll() is not None:
            self._finish(self._process.returncode)

    def _start(self) -> None:
        self._count += 1
        self._target = self.folder / f"full-{self._count}"
        shutil.rmtree(self._target, ignore_errors=True)
        env = dict(os.environ)
        env["NO_MKDOCS_2_WARNING"] = "1"
        command = [sys.executable, "-m", "nextsociety.cli.live", self.config_file]
        self._process = subprocess.Popen(
            [*command, str(self._target)],
            cwd=self.root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.setpriority(os.PRIO_PROCESS, self._process.pid, 19)  # the editor's page goes first

    def _finish(self, returncode: int) -> None:
        self._process = None
        self.failed = returncode != 0
        if self.failed or self._target is None:
            return
        previous, self.ready = self.ready, self._target
        if previous is not None and previous != self.ready:
            shutil.rmtree(previous, ignore_errors=True)

    def _stop_process(self) -> None:
        if self._process is not None:
            if self._process.poll() is None:
                self._process.send_signal(signal.SIGTERM)
                self._process.wait(timeout=30)
            self._process = None
            if self._target is not None and self._target != self.ready:
                shutil.rmtree(self._target, ignore_errors=True)

    def stop(self) -> None:
        self._due = None
        self._stop_process()


def full_preview_build(config_file: str, site_dir: str) -> None:
    """`mkdocs serve`'s build (drafts and scheduled items shown) into `site_dir`, whole."""
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)


if __name__ == "__main__":
    full_preview_build(sys.argv[1], sys.argv[2])

"""The `nextsociety/pdf` plugin: each press release as a PDF in each of its languages.

List it after `nextsociety/news` (whose item view the PDF shows) and `nextsociety/media`
(whose images must be in `site/` before WeasyPrint reads them). While pages render, each
release's PDF document is made from `pdf-release.html` and the page's body; PDFs are made in
`on_post_build`, once the whole site is written, and cached outside `site/` by a hash of their
document (`cache_dir`), so a warm rebuild makes none. Each page links its PDF ("Download PDF").
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from nextsociety.model import urls
from nextsociety.plugins.i18n import site_services
from nextsociety.plugins.published import publish_cached
from nextsociety.plugins.services import SiteServices
from nextsociety.render.news import feed_html
from nextsociety.render.pdf import PdfError, pdf_key, write_pdf

log = get_plugin_logger("nextsociety/pdf")
PLUGIN_NAME = "nextsociety/pdf"
TEMPLATE = "pdf-release.html"


class PdfConfig(Config):
    enabled = c.Type(bool, default=True)  # off: no PDF, no link (`enabled: !ENV [PDF, true]`)
    cache_dir = c.Type(str, default=".cache/nextsociety")  # relative to mkdocs.yml, not in site/


class PdfPlugin(BasePlugin[PdfConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.services: SiteServices | None = None
        self._cache: Path | None = None
        self._env: Environment | None = None
        self._jobs: dict[str, str] = {}  # cache key -> the PDF's HTML, for PDFs not cached yet
        self._published: dict[str, str] = {}  # site path -> cache key
        self.made = 0  # PDFs made by the last build (the others came from the cache)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.services = site_services(config, PLUGIN_NAME)  # fails without the i18n plugin
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self._cache = root / self.config.cache_dir / "pdf"
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self._jobs, self._published, self.made = {}, {}, 0

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        self._env = env
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        values = cast("dict[str, Any]", context)  # TemplateContext is closed; we add keys
        view = values.get("news_item")
        if not self.config.enabled or view is None or not view.item.is_press_release:
            return context
        if values["i18n"].lang.code not in view.item.texts:
            return context  # a copy in another language: its original has the PDF
        path = urls.release_pdf_path(page.url, view.text.slug)
        values["release_pdf"] = path
        if self.services is not None and self.services.live:
            return context  # the preview's pages: the PDF comes from a full build
        assert self._env is not None and self._cache is not None
        url = page.canonical_url or ""
        body = feed_html(page.content or "", url)
        html = self._env.get_template(TEMPLATE).render(**values, pdf_body=body, pdf_url=url)
        key = pdf_key(html)
        self._published[path] = key
        if not (self._cache / f"{key}.pdf").is_file():
            self._jobs[key] = html
        return context

    # nextsociety/parallel: the PDFs a worker's releases need, made by the main process
    def page_work(self) -> tuple[dict[str, str], dict[str, str]]:
        return self._published, self._jobs

    def merge_page_work(self, work: tuple[dict[str, str], dict[str, str]]) -> None:
        published, jobs = work
        self._published.update(published)
        self._jobs.update(jobs)

    def _make(self, site_url: str, site_dir: Path) -> None:
        """The PDFs the cache lacks: in worker processes when there are several."""
        assert self._cache is not None
        jobs = [
            (html, site_url, site_dir, self._cache / f"{key}.pdf")
            for key, html in sorted(self._jobs.items())
        ]
        if len(jobs) < 2:
            for job in jobs:
                write_pdf(*job)
            return
        # forkserver: workers start from a clean process, not a copy of the build's threads
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(os.cpu_count() or 1, mp_context=context) as pool:
            for _ in pool.map(write_pdf, *zip(*jobs, strict=True), chunksize=8):
                pass

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self._cache is not None
        site_dir = Path(config.site_dir)
        site_url = config.site_url or ""
        try:
            self._make(site_url, site_dir)
        except (PdfError, OSError, BrokenProcessPool) as exc:
            raise PluginError(f"{PLUGIN_NAME}: a press release's PDF failed: {exc}") from None
        self.made = len(self._jobs)
        for path, key in sorted(self._published.items()):
            publish_cached(self._cache / f"{key}.pdf", site_dir / path)
        if self._published:
            cached = len(self._published) - self.made
            log.info(f"{len(self._published)} release PDFs: {self.made} made, {cached} cached")

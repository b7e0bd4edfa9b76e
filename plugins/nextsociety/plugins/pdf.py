"""The `nextsociety/pdf` plugin: each press release as a PDF in each of its languages.

List it after `nextsociety/news` (whose item view the PDF shows) and `nextsociety/media`
(whose images must be in `site/` before WeasyPrint reads them). While pages render, each
release's PDF gets a cache key from what it is made from (`_inputs`): the template, the
release's files and converted body, the records, strings and boilerplate it shows, the images
it embeds, WeasyPrint's version and the language. Only a release whose key is not in the cache
(`cache_dir`) has its document rendered from `pdf-release.html`; PDFs are made in
`on_post_build`, once the whole site is written, in worker processes. A warm rebuild renders
no document and makes no PDF. Each page links its PDF ("Download PDF").
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
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
from nextsociety.model.languages import Language
from nextsociety.plugins.i18n import site_services
from nextsociety.plugins.published import publish_cached
from nextsociety.plugins.services import SiteServices
from nextsociety.render.news import ItemView, feed_html
from nextsociety.render.pdf import PdfError, engine_version, file_digest, pdf_key, write_pdf

log = get_plugin_logger("nextsociety/pdf")
PLUGIN_NAME = "nextsociety/pdf"
TEMPLATE = "pdf-release.html"
_IMG_SRC = re.compile(r'<img\b[^>]*?\ssrc="([^"]*)"')


class PdfConfig(Config):
    enabled = c.Type(bool, default=True)  # off: no PDF, no link (`enabled: !ENV [PDF, true]`)
    cache_dir = c.Type(str, default=".cache/nextsociety")  # relative to mkdocs.yml, not in site/


class PdfPlugin(BasePlugin[PdfConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.services: SiteServices | None = None
        self._cache: Path | None = None
        self._env: Environment | None = None
        self._files: Files | None = None
        self._template = ""  # the source of pdf-release.html, as the theme finds it
        self._by_language: dict[str, str] = {}  # language -> what every release in it shows
        self._images: dict[str, Path] | None = None  # site-relative URL -> file, for digests
        self._jobs: dict[str, str] = {}  # cache key -> the PDF's HTML, for PDFs not cached yet
        self._published: dict[str, str] = {}  # site path -> cache key
        self.made = 0  # PDFs made by the last build (the others came from the cache)
        self.rendered = 0  # documents rendered from the template by the last build

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.services = site_services(config, PLUGIN_NAME)  # fails early without i18n
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self._cache = root / self.config.cache_dir / "pdf"
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self._jobs, self._published, self.made, self.rendered = {}, {}, 0, 0
        self._by_language, self._images = {}, None

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        self._env, self._files = env, files
        assert env.loader is not None
        self._template = env.loader.get_source(env, TEMPLATE)[0]
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
        key = pdf_key(*self._inputs(values, view, url, body, config.site_url or ""))
        self._published[path] = key
        if key not in self._jobs and not (self._cache / f"{key}.pdf").is_file():
            template = self._env.get_template(TEMPLATE)
            self._jobs[key] = template.render(**values, pdf_body=body, pdf_url=url)
            self.rendered += 1
        return context

    # nextsociety/parallel: the PDFs a worker's releases need, made by the main process
    def page_work(self) -> tuple[dict[str, str], dict[str, str]]:
        return self._published, self._jobs

    def merge_page_work(self, work: tuple[dict[str, str], dict[str, str]]) -> None:
        published, jobs = work
        self._published.update(published)
        self._jobs.update(jobs)
        self.rendered += len(jobs)  # a worker renders a document for each job it adds

    # -- the cache key: what the PDF is made from, without rendering it ------------------------

    def _inputs(
        self, values: dict[str, Any], view: ItemView, url: str, body: str, site_url: str
    ) -> list[str]:
        """Everything `pdf-release.html` shows of this release, as text (records by their
        `repr`: frozen dataclasses of plain values)."""
        assert self.services is not None
        sources = self.services.site.sources
        files = dict.fromkeys((view.text.src_uri, view.item.original.src_uri))
        images = ([site_url + view.lead.src] if view.lead else []) + _IMG_SRC.findall(body)
        return [
            self._language_inputs(values, values["i18n"].lang, site_url),
            url,
            *(f"{src_uri}\n{sources.get(src_uri, '')}" for src_uri in files),
            body,
            view.date,
            view.type_label,
            repr(view.contact),
            repr(view.lead),
            *(f"{image} {self._image_digest(image, site_url)}" for image in images),
        ]

    def _language_inputs(self, values: dict[str, Any], lang: Language, site_url: str) -> str:
        """What every release of a language shows: one hash per language and build."""
        found = self._by_language.get(lang.code)
        if found is None:
            assert self.services is not None
            strings = {
                key: texts.get(lang.code, "")
                for key, texts in self.services.strings.strings.items()
            }
            found = self._by_language[lang.code] = pdf_key(
                engine_version(),
                self._template,
                lang.code,
                site_url,
                values["config"].site_name,
                json.dumps(strings, sort_keys=True, ensure_ascii=False),
                json.dumps(values["press_texts"], sort_keys=True, ensure_ascii=False),
            )
        return found

    def _image_digest(self, url: str, site_url: str) -> str:
        """A hash of the file the build publishes at `url` (a media image's cached size, or a
        file of `docs_dir`); "" for a URL that names no such file (WeasyPrint then refuses it)."""
        if self._images is None:
            self._images = self._image_files()
        found = self._images.get(url.removeprefix(site_url).split("#")[0].split("?")[0])
        return file_digest(found) if found is not None else ""

    def _image_files(self) -> dict[str, Path]:
        assert self.services is not None
        images = {
            file.url: Path(file.abs_src_path)
            for file in self._files or []
            if file.abs_src_path and not file.is_documentation_page()
        }
        if self.services.media is not None:
            images.update((url, path) for url, path in self.services.media.published())
        return images

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

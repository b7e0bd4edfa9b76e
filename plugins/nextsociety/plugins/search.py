"""The `nextsociety/search` plugin: a Pagefind index per language, built after the site.

It replaces Material's lunr search (one index mixing languages, no Arabic stemming). Each
page that belongs in the index gets a `search_record` in its template context: the templates
mark its main content with `data-pagefind-body` and print its filters and result metadata
(`partials/ns-search-meta.html`). Listings, the press room and the untranslated copies of
pages get none, so Pagefind skips them. What Pagefind needs of each marked page (its search
document) is kept as the page is written; after the pages, the Pagefind binary shipped by the
`pagefind` package indexes them (offline), one index per `<html lang>`, each language in the
process that rendered it (nextsociety/parallel), and `nextsociety.pagefind` merges the
languages into one byte-reproducible bundle.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from nextsociety.model.events import Event
from nextsociety.pagefind import LanguageIndexes, PagefindError, discard_bundles, find_binary
from nextsociety.plugins.i18n import PageLanguage, site_services
from nextsociety.plugins.services import SiteServices
from nextsociety.render.search import (
    SearchRecord,
    cluster_record,
    event_record,
    news_record,
    page_record,
    partner_record,
    search_document,
)
from nextsociety.render.text import html_text

log = get_plugin_logger("nextsociety/search")
PLUGIN_NAME = "nextsociety/search"
# Never indexed inside a marked body: the "¶" permalinks of headings (Markdown toc extension).
EXCLUDE_SELECTORS = (".headerlink",)
# Indexed as pages: Markdown with Material's default template, the home page (its text above
# the latest news) and the press room (its text and the press contacts).
STATIC_TEMPLATES = (None, "home.html", "press.html")
# The partner and cluster directories, grouped by country: "Tunisie" finds the Tunisian ones.
DIRECTORY_TEMPLATES = ("partners.html", "clusters.html")


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)
    output_subdir = c.Type(str, default="pagefind")  # the search bundle, relative to site_dir


class SearchPlugin(BasePlugin[SearchConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.indexed_pages = 0  # pages that got a search record in the last build
        self._index: LanguageIndexes | None = None  # the pages' search documents
        self._more_bundles: list[Path] = []  # other processes' languages
        self.services: SiteServices | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        self.services = site_services(config, PLUGIN_NAME)
        try:
            find_binary()  # a clear message now rather than a failed service later
        except PagefindError as exc:
            hint = "or set `enabled: false` under the plugin in mkdocs.yml"
            raise PluginError(f"nextsociety/search: {exc} ({hint})") from None
        return config

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Templates show the search box when `search_bundle` is defined: where the UI is."""
        if self.config.enabled:
            env.globals["search_bundle"] = self.config.output_subdir.strip("/") + "/"
        return env

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        prefix = self.config.output_subdir.strip("/") + "/"
        for file in files:
            if file.dest_uri.startswith(prefix):
                raise PluginError(
                    f"{self._docs_dir()}/{file.src_uri}: '{prefix}' in the built site is "
                    "the search index of nextsociety/search; move the file or set the plugin's "
                    "output_subdir"
                )
        return files

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.indexed_pages = 0  # `mkdocs serve` rebuilds with the same plugin instance
        self._more_bundles = []
        if not self.config.enabled:
            return
        if self.services is not None and self.services.live:
            return  # the preview's pages come one by one: its index comes from a full build
        output = Path(config.site_dir, self.config.output_subdir)
        try:
            self._index = LanguageIndexes(output, EXCLUDE_SELECTORS)
        except PagefindError as exc:
            raise PluginError(f"{PLUGIN_NAME}: {exc}") from None

    @event_priority(-100)  # last: the page's final HTML, as it is written to site/
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # What Pagefind's `--site` pass indexed: the pages that mark a body to index.
        if self._index is not None and "data-pagefind-body" in output:
            self._index.add(search_document(output), page.file.dest_uri)
        return output

    # nextsociety/parallel: a worker's languages indexed, for the bundle the main process writes
    def page_work(self) -> tuple[list[Path], int]:
        if self._index is None:
            return [], self.indexed_pages
        try:
            return self._index.run(), self.indexed_pages
        except PagefindError as exc:
            self._index.close()
            raise PluginError(f"{PLUGIN_NAME}: {exc}") from None

    def merge_page_work(self, work: tuple[list[Path], int]) -> None:
        bundles, indexed = work
        self._more_bundles.extend(bundles)
        self.indexed_pages += indexed

    def on_build_error(self, error: Exception) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None
        discard_bundles(self._more_bundles)

    def _docs_dir(self) -> str:
        """The docs folder as editors see it in messages ('content')."""
        return self.services.site.config.docs_dir if self.services is not None else "docs"

    # Default priority, after the plugins listed before this one (mkdocs.yml puts it last):
    # the page context already holds their views (news_item, event, partner, cluster).
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if not self.config.enabled:
            return context
        values = cast("dict[str, Any]", context)
        record = self.record_of(values, page, config)
        values["search_record"] = record
        if record is not None:
            self.indexed_pages += 1
        return context

    def record_of(
        self, context: Mapping[str, Any], page: Page, config: MkDocsConfig
    ) -> SearchRecord | None:
        """The search record of a page, or None for a page that stays out of the index."""
        info: PageLanguage | None = context.get("i18n")
        if info is None or info.fallback_from is not None:
            return None  # an untranslated copy: the original's page is found instead
        assert self.services is not None
        lang, label = info.lang, info.t
        partners: Mapping[str, Any] = self.services.records("partners")
        if "news_item" in context:
            clusters = self.services.records("clusters")
            events: Mapping[str, Event] = self.services.events_by_id
            return news_record(context["news_item"].item, lang, label, partners, clusters, events)
        if "event" in context:
            return event_record(context["event"].event, lang, label, partners)
        if "partner" in context:
            return partner_record(context["partner"], lang, label)
        if "cluster" in context:
            return cluster_record(context["cluster"], lang, label, partners)
        if page.meta.get("template") in STATIC_TEMPLATES + DIRECTORY_TEMPLATES:
            return page_record(html_text(page.meta.get("title") or page.title), label)
        return None

    @event_priority(300)  # first: Pagefind indexes while the other plugins write their files
    def _start_index(self, *, config: MkDocsConfig) -> None:
        if self._index is not None and self.indexed_pages:
            self._index.start()

    @event_priority(-100)  # last: every plugin has written its HTML (404 pages, listings) by now
    def _write_bundle(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        index, self._index = self._index, None
        if index is None:  # the preview's pages (services.live)
            return
        output = Path(config.site_dir, self.config.output_subdir)
        if output.exists():
            shutil.rmtree(output)  # a rebuild under `mkdocs serve` leaves no stale chunks
        if self.indexed_pages == 0:
            index.close()
            discard_bundles(self._more_bundles)
            log.info("no page to index: the search index is not built")
            return
        try:
            languages = index.finish(self._more_bundles)
        except PagefindError as exc:
            raise PluginError(f"{PLUGIN_NAME}: {exc}") from None
        counts = ", ".join(f"{count} in '{code}'" for code, count in languages.items())
        log.info(f"Pagefind indexed {sum(languages.values())} pages: {counts}")

    on_post_build = CombinedEvent(_start_index, _write_bundle)

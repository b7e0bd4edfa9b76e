"""The `nextsociety/registry` plugin: partner and cluster pages from data/*.yml, in every language.

The registries are loaded and validated with the whole site by `load_site()`; this plugin
generates one page per record and one index per registry for each language, registers them
in the build's page index, and hands the records to the templates in overrides/. Other
plugins add links to partner and cluster pages through the shared `SiteServices.backlinks`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from nextsociety.model.backlinks import Backlink
from nextsociety.model.countries import country_name
from nextsociety.model.directory import by_country, by_sector, sort_by_name
from nextsociety.model.languages import Language
from nextsociety.model.registries import CLUSTERS_FILE, PARTNERS_FILE, Registries
from nextsociety.model.urls import (
    CLUSTERS_INDEX,
    PARTNERS_INDEX,
    SECTORS_INDEX,
    cluster_page_key,
    partner_page_key,
)
from nextsociety.plugins.i18n import site_services
from nextsociety.plugins.services import SiteServices

log = get_plugin_logger("nextsociety/registry")
PLUGIN_NAME = "nextsociety/registry"
CLUSTERS_HEADING = "registry.backlinks.clusters"


class RegistryConfig(Config):
    enabled = c.Type(bool, default=True)
    data_dir = c.Type(str, default="data")  # relative to mkdocs.yml


@dataclass(frozen=True)
class RegistryPage:
    """One generated page: its i18n key, language, template, title and the record it shows."""

    key: str
    lang: Language
    template: str
    title: str  # plain text
    source: str  # the data file it comes from, for "Edit this page"
    record_id: str | None = None


@dataclass(frozen=True)
class RegistryLinks:
    """URLs of registry pages in the language of the page being rendered (for templates)."""

    lang: str
    urls: Mapping[tuple[str, str], str]  # (page key, language code) -> site-relative URL

    def partner_url(self, partner_id: str) -> str:
        return self.urls[(partner_page_key(partner_id), self.lang)]

    def cluster_url(self, cluster_id: str) -> str:
        return self.urls[(cluster_page_key(cluster_id), self.lang)]

    def index_url(self, name: str) -> str:
        """`partners`, `clusters` or `sectors`: the listing page in this language."""
        key = {"partners": PARTNERS_INDEX, "clusters": CLUSTERS_INDEX, "sectors": SECTORS_INDEX}[
            name
        ]
        return self.urls[(key, self.lang)]

    def country_name(self, code: str) -> str:
        return country_name(code, self.lang)


class RegistryPlugin(BasePlugin[RegistryConfig]):
    """Generates /partners/, /partners/<id>/, /clusters/, /clusters/sectors/, /clusters/<id>/."""

    def __init__(self) -> None:
        self.services: SiteServices | None = None
        self.registries: Registries | None = None
        self.data_dir = Path("data")
        self._pages: dict[str, RegistryPage] = {}  # src_uri -> page
        self._urls: dict[tuple[str, str], str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.services = site_services(config, PLUGIN_NAME)
        self.registries = self.services.site.registries
        assert self.registries is not None  # load_site() loads them with this plugin
        self.data_dir = Path(config.config_file_path or ".").resolve().parent / self.config.data_dir
        log.debug(
            "%d partners, %d clusters, %d contacts",
            len(self.registries.partners),
            len(self.registries.clusters),
            len(self.registries.contacts),
        )
        return config

    @property
    def site(self) -> SiteServices:
        assert self.services is not None, "on_config has not run"
        return self.services

    # Default priority: after the i18n plugin has mapped translations (100), before it
    # copies untranslated pages (-100); every language of every page is registered here.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        self._pages, self._urls = {}, {}
        for lang in self.site.languages.languages:
            for page in self._pages_of(lang, self.site.translator(lang)):
                self._generate(files, config, page)
        self._link_clusters_to_partners()
        return files

    def _pages_of(self, lang: Language, t: Callable[[str], str]) -> list[RegistryPage]:
        """Every registry page of one language, indexes first."""
        assert self.registries is not None
        partners, clusters = self.registries.partners.values(), self.registries.clusters.values()
        return [
            RegistryPage(
                PARTNERS_INDEX, lang, "partners.html", t("registry.partners.title"), PARTNERS_FILE
            ),
            *(
                RegistryPage(
                    partner_page_key(p.id), lang, "partner.html", p.name, PARTNERS_FILE, p.id
                )
                for p in partners
            ),
            RegistryPage(
                CLUSTERS_INDEX, lang, "clusters.html", t("registry.clusters.title"), CLUSTERS_FILE
            ),
            RegistryPage(
                SECTORS_INDEX, lang, "sectors.html", t("registry.sectors.title"), CLUSTERS_FILE
            ),
            *(
                RegistryPage(
                    cluster_page_key(c.id), lang, "cluster.html", c.name, CLUSTERS_FILE, c.id
                )
                for c in clusters
            ),
        ]

    def _generate(self, files: Files, config: MkDocsConfig, page: RegistryPage) -> None:
        src_uri = page.lang.prefix + page.key  # load_site() refuses a source at this path
        # Plain text, as every front matter title: the i18n plugin escapes it for Material.
        meta = {
            "title": page.title,
            "template": page.template,
            "hide": ["toc"],
        }
        content = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
        file = File.generated(config, src_uri, content=content)
        file.edit_uri = self._edit_uri(page.source, config)  # "Edit this page" opens the YAML file
        files.append(file)
        self.site.pages.register(page.key, page.lang, file)
        self._pages[src_uri] = page
        self._urls[(page.key, page.lang.code)] = file.url

    def _edit_uri(self, name: str, config: MkDocsConfig) -> str:
        """The data file's path relative to the docs dir, as MkDocs joins it to `edit_uri`."""
        return Path(os.path.relpath(self.data_dir / name, config.docs_dir)).as_posix()

    def _link_clusters_to_partners(self) -> None:
        assert self.registries is not None
        for lang in self.site.languages.languages:
            for cluster in sort_by_name(self.registries.clusters.values(), lang.code):
                if cluster.partner:
                    self.site.backlinks.add(
                        partner_page_key(cluster.partner),
                        lang.code,
                        CLUSTERS_HEADING,
                        Backlink(
                            cluster.name, self._urls[(cluster_page_key(cluster.id), lang.code)]
                        ),
                    )

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if self.registries is not None:  # the footer of every page: how to join or follow
            general = [c for c in self.registries.contacts.values() if c.kind == "general"]
            cast("dict[str, Any]", context)["programme_contacts"] = general
        spec = self._pages.get(page.file.src_uri)
        if spec is None:
            return context
        cast("dict[str, Any]", context).update(self._template_values(spec, config))
        return context

    def _template_values(self, spec: RegistryPage, config: MkDocsConfig) -> dict[str, Any]:
        """What a registry template receives: records, listings and URLs in the page's language."""
        assert self.registries is not None
        code = spec.lang.code
        partners, clusters = self.registries.partners, self.registries.clusters
        values: dict[str, Any] = {
            "registry": RegistryLinks(code, self._urls),
            "backlinks": self.site.backlinks.sections(spec.key, code),
        }
        if spec.template == "partners.html":
            values["groups"] = by_country(partners.values(), code)
            values["partner_count"] = len(partners)
        elif spec.template == "partner.html":
            values["partner"] = partners[spec.record_id or ""]
        elif spec.template == "clusters.html":
            values["groups"] = by_country(clusters.values(), code)
            values["cluster_count"] = len(clusters)
        elif spec.template == "sectors.html":
            label = self.site.translator(spec.lang)
            values["groups"] = by_sector(
                clusters.values(),
                code,
                lambda sector: label(f"registry.sector.{sector}"),
                label("registry.sector.none"),
            )
        elif spec.template == "cluster.html":
            cluster = clusters[spec.record_id or ""]
            values["cluster"] = cluster
            values["cluster_partner"] = partners.get(cluster.partner) if cluster.partner else None
        return values

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        server.watch(str(self.data_dir))  # a saved registry rebuilds the preview
        return server

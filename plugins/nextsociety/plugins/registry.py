"""The `nextsociety/registry` plugin: partner and cluster pages from data/*.yml, in every language.

The registries are loaded and validated with the whole site by `load_site()`; this plugin
generates, for each registry that has pages (`RegistryKind.pages`), one page per record and
its listings in every language, registers them in the build's page index, and hands the
records to the templates in overrides/ (`<record>.html`, the index template of the registry).
Other plugins add links to record pages through the shared `SiteServices.backlinks`.
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
from nextsociety.model.directory import sort_by_name
from nextsociety.model.languages import Language
from nextsociety.model.registries.base import ExtraPage, Registries, RegistryKind, registry_kinds
from nextsociety.model.urls import record_page_key, registry_index_key, registry_page_key
from nextsociety.plugins.i18n import site_services
from nextsociety.plugins.services import SiteServices

log = get_plugin_logger("nextsociety/registry")
PLUGIN_NAME = "nextsociety/registry"


class RegistryConfig(Config):
    enabled = c.Type(bool, default=True)
    data_dir = c.Type(str, default="data")  # relative to mkdocs.yml


@dataclass(frozen=True)
class RegistryPage:
    """One generated page: its key, language, registry, template, title and record or listing."""

    key: str
    lang: Language
    kind: RegistryKind
    template: str
    title: str  # plain text
    record_id: str | None = None  # a record's page
    extra: ExtraPage | None = None  # a listing besides the index


@dataclass(frozen=True)
class RegistryLinks:
    """URLs of registry pages in the language of the page being rendered (for templates)."""

    lang: str
    urls: Mapping[tuple[str, str], str]  # (page key, language code) -> site-relative URL

    def record_url(self, registry: str, record_id: str) -> str:
        return self.urls[(record_page_key(registry, record_id), self.lang)]

    def partner_url(self, partner_id: str) -> str:
        return self.record_url("partners", partner_id)

    def cluster_url(self, cluster_id: str) -> str:
        return self.record_url("clusters", cluster_id)

    def index_url(self, name: str, page: str | None = None) -> str:
        """The index of registry `name` in this language, or its listing `page`; `sectors`
        stands for the clusters' listing by sector."""
        if name == "sectors":
            name, page = "clusters", "sectors"
        key = registry_index_key(name) if page is None else registry_page_key(name, page)
        return self.urls[(key, self.lang)]

    def country_name(self, code: str) -> str:
        return country_name(code, self.lang)


class RegistryPlugin(BasePlugin[RegistryConfig]):
    """Generates, for each registry with pages, /<registry>/ and /<registry>/<id>/ (and its
    other listings, such as /clusters/sectors/) in every language."""

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
        self._link_references()
        return files

    def _pages_of(self, lang: Language, t: Callable[[str], str]) -> list[RegistryPage]:
        """Every registry page of one language: per registry, its listings, then its records."""
        assert self.registries is not None
        pages = []
        for kind in registry_kinds():
            if not kind.pages:
                continue
            index = registry_index_key(kind.name)
            title = t(f"registry.{kind.name}.title")
            pages.append(RegistryPage(index, lang, kind, kind.index_template, title))
            for extra in kind.extra_pages:
                key = registry_page_key(kind.name, extra.name)
                pages.append(
                    RegistryPage(key, lang, kind, extra.template, t(extra.title), extra=extra)
                )
            for record in self.registries.get(kind.name).values():
                key = record_page_key(kind.name, record.id)
                template = f"{kind.record}.html"
                pages.append(RegistryPage(key, lang, kind, template, record.name, record.id))
        return pages

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
        file.edit_uri = self._edit_uri(page.kind.file, config)  # "Edit this page": the YAML file
        files.append(file)
        self.site.pages.register(page.key, page.lang, file)
        self._pages[src_uri] = page
        self._urls[(page.key, page.lang.code)] = file.url

    def _edit_uri(self, name: str, config: MkDocsConfig) -> str:
        """The data file's path relative to the docs dir, as MkDocs joins it to `edit_uri`."""
        return Path(os.path.relpath(self.data_dir / name, config.docs_dir)).as_posix()

    def _link_references(self) -> None:
        """A record that names another registry's record (a cluster's `partner:`) is listed
        on that record's page, under `registry.backlinks.<registry>`, sorted by name."""
        assert self.registries is not None
        for kind in registry_kinds():
            if not kind.references or not kind.pages:
                continue  # nothing to list, or no page to list it from
            heading = f"registry.backlinks.{kind.name}"
            for lang in self.site.languages.languages:
                for record in sort_by_name(self.registries.get(kind.name).values(), lang.code):
                    for field_name, target in kind.references.items():
                        target_id = getattr(record, field_name)
                        if not target_id:
                            continue
                        url = self._urls[(record_page_key(kind.name, record.id), lang.code)]
                        key = record_page_key(target, target_id)
                        self.site.backlinks.add(key, lang.code, heading, Backlink(record.name, url))

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if self.registries is not None:  # the footer of every page: how to join or follow
            general = [c for c in self.registries.contacts.values() if c.kind == "general"]
            cast("dict[str, Any]", context)["programme_contacts"] = general
        spec = self._pages.get(page.file.src_uri)
        if spec is None:
            return context
        cast("dict[str, Any]", context).update(self._template_values(spec))
        return context

    def _template_values(self, spec: RegistryPage) -> dict[str, Any]:
        """What a registry template receives: records, listings and URLs in the page's language.

        A record's page gets the record as `<record>` (`partner`), and each record it names
        as `<record>_<field>` (`cluster_partner`); an index gets `records` sorted by name.
        """
        assert self.registries is not None
        code, kind = spec.lang.code, spec.kind
        records = self.registries.get(kind.name)
        values: dict[str, Any] = {
            "registry_name": kind.name,
            "registry": RegistryLinks(code, self._urls),
            "backlinks": self.site.backlinks.sections(spec.key, code),
        }
        t = self.site.translator(spec.lang)
        if spec.record_id is not None:
            record = records[spec.record_id]
            values[kind.record] = record
            section = (f"registry.{kind.name}.title", registry_index_key(kind.name))
            values["breadcrumbs"] = self.site.breadcrumbs(spec.lang, section, record.name)
            for field_name, target in kind.references.items():
                target_id = getattr(record, field_name)
                named = self.registries.get(target).get(target_id) if target_id else None
                values[f"{kind.record}_{field_name}"] = named
        elif spec.extra is not None:
            values.update(spec.extra.values(tuple(records.values()), code, t))
        else:
            values["records"] = sort_by_name(records.values(), code)
            if kind.index_values is not None:
                values.update(kind.index_values(tuple(records.values()), code, t))
        return values

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        server.watch(str(self.data_dir))  # a saved registry rebuilds the preview
        return server

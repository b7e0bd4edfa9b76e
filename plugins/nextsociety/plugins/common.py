"""What several of our plugins need from MkDocs: the i18n plugin, the build date."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from nextsociety.model import site
from nextsociety.model.backlinks import Backlink
from nextsociety.model.languages import Language
from nextsociety.model.registries import cluster_page_key, partner_page_key
from nextsociety.plugins.i18n import I18nPlugin

BUILD_DATE_ENV = site.BUILD_DATE_ENV


def require_i18n(config: MkDocsConfig, name: str) -> I18nPlugin:
    """The i18n plugin, which must be listed before plugin `name` in mkdocs.yml."""
    names = list(config.plugins)
    if "nextsociety/i18n" not in names:
        raise PluginError(f"{name} needs the nextsociety/i18n plugin: add it to 'plugins' in mkdocs.yml")
    if names.index("nextsociety/i18n") > names.index(name):
        raise PluginError(f"list nextsociety/i18n before {name} under 'plugins' in mkdocs.yml")
    plugin = config.plugins["nextsociety/i18n"]
    assert isinstance(plugin, I18nPlugin)
    return plugin


def build_date() -> dt.date:
    """The build's "today" (see `site.build_date`): NEXTSOCIETY_BUILD_DATE, SOURCE_DATE_EPOCH or the clock."""
    try:
        return site.build_date()
    except ValueError as exc:
        raise PluginError(str(exc)) from None


def docs_shown(config: MkDocsConfig) -> str:
    """The docs folder as editors see it in messages ('content'), relative to mkdocs.yml."""
    root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    return os.path.relpath(config.docs_dir, root)


def registry_links(config: MkDocsConfig, kind: str, ids: Sequence[str], lang: Language) -> list[tuple[str, str]]:
    """(name, URL in `lang`) of partners or clusters (`kind`) by id, from the registry plugin."""
    registry = config.plugins.get("nextsociety/registry")
    records = getattr(getattr(registry, "registries", None), kind, None) or {}
    page_key = {"partners": partner_page_key, "clusters": cluster_page_key}[kind]
    links = []
    for record_id in ids:
        url = registry.url(page_key(record_id), lang.code) if registry is not None else None
        if record_id in records and url is not None:
            links.append((records[record_id].name, url))
    return links


def add_backlinks(config: MkDocsConfig, refs: Mapping[str, Sequence[str]], lang: Language, heading: str, link: Backlink) -> None:
    """List `link` on the partner and cluster pages named in `refs` ({"partners": ids, ...})."""
    registry = config.plugins.get("nextsociety/registry")
    if registry is None or not hasattr(registry, "backlinks"):
        return
    page_key = {"partners": partner_page_key, "clusters": cluster_page_key}
    for kind, ids in refs.items():
        for record_id in dict.fromkeys(ids):
            registry.backlinks.add(page_key[kind](record_id), lang.code, heading, link)

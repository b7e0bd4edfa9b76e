"""The `nextsociety/media` plugin: the media registry's images and the media kit.

It hands the build one `MediaLibrary` (render/media.py) through `SiteServices.media`: news
items, feeds and link previews take their images from it. Images are resized once and cached
outside `site/` (`cache_dir`), and every file of every asset is published under `media/<id>/`.
The media kit page (`kit_page`, a Markdown page with `template: media-kit.html` holding the fact
sheet) gets its logos, photos and downloads here, and each language gets its partner CSV and
one reproducible ZIP of the whole kit.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file
from mkdocs.utils.templates import TemplateContext

from nextsociety.model import urls
from nextsociety.model.frontmatter import split_front_matter
from nextsociety.model.languages import Language
from nextsociety.model.registries.media import MEDIA_FOLDER
from nextsociety.plugins.i18n import PageLanguage, site_services
from nextsociety.plugins.published import publish_cached
from nextsociety.plugins.services import SiteServices
from nextsociety.render.media import MediaError, MediaLibrary
from nextsociety.render.mediakit import (
    KitAsset,
    credits_text,
    file_size,
    kit_asset,
    kit_zip,
    partners_csv,
)

log = get_plugin_logger("nextsociety/media")
PLUGIN_NAME = "nextsociety/media"


class MediaConfig(Config):
    cache_dir = c.Type(str, default=".cache/nextsociety")  # relative to mkdocs.yml, not in site/
    kit_page = c.Type(str, default=urls.MEDIA_KIT)  # the media kit (template: media-kit.html)


class MediaPlugin(BasePlugin[MediaConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.services: SiteServices | None = None
        self.zips: dict[str, bytes] = {}  # language code -> the kit's ZIP, made once per build

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.services = site_services(config, PLUGIN_NAME)
        site = self.services.site.config
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        folder = root / (site.data_dir or "data") / MEDIA_FOLDER
        self.services.media = MediaLibrary(
            folder, root / self.config.cache_dir / "media", self.services.records("media")
        )
        return config

    @property
    def library(self) -> MediaLibrary:
        assert self.services is not None and self.services.media is not None, "on_config first"
        return self.services.media

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.zips = {}
        try:
            self.library.images()  # resize what the cache lacks, before pages ask for sizes
        except MediaError as exc:
            raise PluginError(f"{PLUGIN_NAME}: {exc}") from None
        if self.library.processed:
            log.info(f"{self.library.processed} media images resized (the others were cached)")

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        assert self.services is not None
        found = self.services.pages.key_of(page.file.src_uri)
        if found is None or found[0] != self.config.kit_page:
            return context
        values = cast("dict[str, Any]", context)  # TemplateContext is closed; we add keys
        info: PageLanguage = values["i18n"]
        values["media_kit"] = self._kit_view(info.lang)
        return context

    def _assets(self, lang: Language, kind: str) -> list[KitAsset]:
        assert self.services is not None
        t = self.services.translator(lang)
        return [kit_asset(i, lang.code, lang.locale, t) for i in self.library.images(kind)]

    def _kit_view(self, lang: Language) -> dict[str, Any]:
        assert self.services is not None
        t = self.services.translator(lang)
        archive = self._zip(lang)
        return {
            "logos": self._assets(lang, "logo"),
            "photos": self._assets(lang, "photo"),
            "zip_url": urls.media_kit_zip_url(lang),
            "zip_size": file_size(len(archive), lang.locale, t),
            "csv_url": urls.partners_csv_url(lang),
            "contacts_url": urls.page_url(urls.PRESS_INDEX, lang) + "#ns-contacts",
        }

    # -- the kit's files -----------------------------------------------------------------------

    def _zip(self, lang: Language) -> bytes:
        """The kit of `lang` in one ZIP, made once per build (the page shows its size)."""
        if lang.code not in self.zips:
            self.zips[lang.code] = kit_zip(self._kit_files(lang))
        return self.zips[lang.code]

    def _kit_files(self, lang: Language) -> dict[str, bytes]:
        assert self.services is not None
        t = self.services.translator(lang)
        files: dict[str, bytes] = {}
        names: dict[str, str] = {}
        for image in self.library.images():
            folder = "logos" if image.asset.kind == "logo" else "photos"
            name = f"{folder}/{posixpath.basename(image.original.url)}"
            files[name] = image.original.cached.read_bytes()
            names[image.asset.id] = name
        assets = self._assets(lang, "logo") + self._assets(lang, "photo")
        files["credits.txt"] = credits_text(assets, names, t).encode("utf-8")
        files["partners.csv"] = self._csv(lang)
        files.update(self._texts(lang))
        return files

    def _csv(self, lang: Language) -> bytes:
        assert self.services is not None
        partners = self.services.records("partners").values()
        return partners_csv(partners, lang.locale, self.services.translator(lang))

    def _texts(self, lang: Language) -> dict[str, bytes]:
        """The boilerplate and the kit page's own text (the fact sheet), as Markdown."""
        assert self.services is not None
        site = self.services.site
        texts: dict[str, bytes] = {}
        if site.press is not None:
            about = f"# {site.press.title[lang.code]}\n\n{site.press.body[lang.code]}"
            texts["about.md"] = about.encode("utf-8")
        source = _page_source(site.sources, self.config.kit_page, lang)
        if source is not None:
            body = split_front_matter(source, self.config.kit_page).body
            texts["fact-sheet.md"] = body.lstrip("\n").encode("utf-8")
        return texts

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.services is not None
        for url, cached in self.library.published():
            publish_cached(cached, Path(config.site_dir, url))
        if self.services.pages.variant(self.config.kit_page, self.services.languages.default):
            for lang in self.services.languages.languages:
                zip_path = os.path.join(config.site_dir, urls.media_kit_zip_url(lang))
                write_file(self._zip(lang), zip_path)
                write_file(
                    self._csv(lang), os.path.join(config.site_dir, urls.partners_csv_url(lang))
                )


def _page_source(sources: Mapping[str, str], key: str, lang: Language) -> str | None:
    """The page's Markdown in `lang` (`press/media-kit.fr.md`), else in the default language."""
    return sources.get(f"{key.removesuffix('.md')}.{lang.code}.md") or sources.get(key)

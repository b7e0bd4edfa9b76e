"""The `nextsociety/social` plugin: link previews for every page, in every language.

Each page gets its Open Graph and Twitter card properties (render/social.py) and an image:
the news item's lead image when it has one, else a generated social card (render/cards.py).
Cards are drawn in worker processes while MkDocs renders, and cached outside `site/` by a
hash of what they show (`cache_dir`), so a rebuild draws only the cards whose text changed;
each card is published once, at `assets/cards/<hash>.png`, however many pages share it.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, cast

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from nextsociety.model.languages import Language
from nextsociety.model.urls import absolute_url
from nextsociety.plugins.i18n import PageLanguage, site_services
from nextsociety.plugins.published import publish_cached
from nextsociety.plugins.services import SiteServices
from nextsociety.render.breadcrumbs import breadcrumb_jsonld
from nextsociety.render.cards import CARD_SIZE, CardError, CardFonts, CardText, card_key
from nextsociety.render.cards import render_card as draw_card
from nextsociety.render.social import SocialImage, SocialPage, social_meta
from nextsociety.render.text import html_text

log = get_plugin_logger("nextsociety/social")
PLUGIN_NAME = "nextsociety/social"
CARDS_FOLDER = "assets/cards"


class SocialConfig(Config):
    cards = c.Type(bool, default=True)  # generated cards; without them, pages have no og:image
    cache_dir = c.Type(str, default=".cache/nextsociety")  # relative to mkdocs.yml, not in site/
    # og:locale per language, in the form Open Graph knows ("ar_AR"); default: the language's
    # locale from the i18n plugin.
    locales = c.Type(dict, default={})


class SocialPlugin(BasePlugin[SocialConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.services: SiteServices | None = None
        self._fonts: CardFonts | None = None
        self._cache: Path | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._drawing: dict[str, Future[None]] = {}
        self._published: set[str] = set()  # card keys this build's pages use
        self.drawn = 0  # cards drawn by the last build (the others came from the cache)
        self._drawn_by_workers: set[str] = set()  # by nextsociety/parallel's workers

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.services = site_services(config, PLUGIN_NAME)
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self._cache = root / self.config.cache_dir / "cards"
        if self.config.cards:
            try:
                self._fonts = CardFonts.debian()
            except CardError as exc:
                raise PluginError(f"{PLUGIN_NAME}: {exc}") from None
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self._drawing, self._published, self.drawn = {}, set(), 0
        self._drawn_by_workers = set()

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        values = cast("dict[str, Any]", context)  # TemplateContext is closed; we add keys
        info: PageLanguage | None = values.get("i18n")
        if info is not None:
            values["social"] = social_meta(self._page(values, info, page, config))
        if values.get("breadcrumbs"):  # set by the news, events and registry plugins
            site_url = config.site_url or ""
            values["breadcrumbs_jsonld"] = breadcrumb_jsonld(
                values["breadcrumbs"], lambda url: absolute_url(site_url, url)
            )
        return context

    def _page(
        self, values: dict[str, Any], info: PageLanguage, page: Page, config: MkDocsConfig
    ) -> SocialPage:
        local = values["config"]  # the page's language's copy (site name, description)
        title = str(local.site_name) if page.is_homepage else html_text(page.title)
        description = html_text(page.meta.get("description")) or str(local.site_description or "")
        url = page.canonical_url or absolute_url(config.site_url or "", page.url)
        item = values.get("news_item")
        kind, date = self._kind_and_date(values, info)
        image = self._lead_image(item, config) or self._card(
            CardText(str(local.site_name), kind, title, date, info.lang.direction), config, title
        )
        return SocialPage(
            title=title,
            description=description,
            url=url,
            site_name=str(local.site_name),
            locale=self._locale(info.lang),
            alternate_locales=self._alternates(local, info.lang),
            image=image,
            published=item.item.published_iso if item is not None else None,
        )

    def _kind_and_date(self, values: dict[str, Any], info: PageLanguage) -> tuple[str, str]:
        """The page type and date a card shows: a news item's, an event's, else none."""
        if "news_item" in values:
            return str(values["news_item"].type_label), str(values["news_item"].date)
        if "event" in values:
            return str(info.t("events.title")), str(values["event"].entry.dates)
        return "", ""

    def _lead_image(self, item: Any, config: MkDocsConfig) -> SocialImage | None:
        """The news item's lead image (its web size), with its size and text."""
        lead = item.lead if item is not None else None
        if lead is None:
            return None
        url = absolute_url(config.site_url or "", lead.src)
        return SocialImage(url, lead.alt, lead.width, lead.height)

    def _card(self, text: CardText, config: MkDocsConfig, alt: str) -> SocialImage | None:
        if self._fonts is None or self._cache is None or _live(self.services):
            return None  # cards off (or the preview's pages): a link without a picture
        key = card_key(text, self._fonts)[:24]
        self._published.add(key)
        target = self._cache / f"{key}.png"
        if key not in self._drawing and not target.is_file():
            self._drawing[key] = self._workers().submit(_draw, text, self._fonts, target)
        url = absolute_url(config.site_url or "", f"{CARDS_FOLDER}/{key}.png")
        return SocialImage(url, alt, *CARD_SIZE)

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers start from a clean process, not a copy of the build's threads
            context = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=context)
        return self._pool

    def _locale(self, lang: Language) -> str:
        return str(self.config.locales.get(lang.code) or lang.locale)

    def _alternates(self, local: MkDocsConfig, lang: Language) -> list[str]:
        """The locales of the page's translations (its hreflang alternates, x-default aside)."""
        assert self.services is not None
        codes = self.services.languages.codes
        alternates = [entry["lang"] for entry in local.extra.get("alternate") or []]
        return [
            self._locale(self.services.languages.get(code))
            for code in alternates
            if code in codes and code != lang.code
        ]

    # nextsociety/parallel: the cards a worker's pages show, drawn before it reports
    def page_work(self) -> tuple[set[str], set[str]]:
        self._wait_for_cards()
        return self._published, set(self._drawing)

    def merge_page_work(self, work: tuple[set[str], set[str]]) -> None:
        published, drawn = work
        self._published |= published
        self._drawn_by_workers |= drawn

    def on_post_build(self, config: MkDocsConfig) -> None:
        self._wait_for_cards()
        self.drawn = len(self._drawing.keys() | self._drawn_by_workers)
        if not self._published or self._cache is None:
            return
        folder = Path(config.site_dir, CARDS_FOLDER)
        folder.mkdir(parents=True, exist_ok=True)
        for key in sorted(self._published):
            publish_cached(self._cache / f"{key}.png", folder / f"{key}.png")
        cached = len(self._published) - self.drawn
        log.info(
            f"{len(self._published)} social cards: {self.drawn} drawn, {cached} from the cache"
        )

    def _wait_for_cards(self) -> None:
        try:
            for future in self._drawing.values():
                future.result()
        except (CardError, OSError, BrokenProcessPool) as exc:  # a worker's error
            raise PluginError(f"{PLUGIN_NAME}: a social card could not be drawn: {exc}") from None
        finally:
            self._shutdown()

    def on_build_error(self, error: Exception) -> None:
        self._shutdown()

    def _shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _live(services: SiteServices | None) -> bool:
    return services is not None and services.live


def _draw(text: CardText, fonts: CardFonts, target: Path) -> None:
    """In a worker: draw one card into the cache (written whole, then renamed into place)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(draw_card(text, fonts))
    partial.replace(target)

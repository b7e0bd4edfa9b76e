"""What the plugins of one build share: the validated site and the services built from it.

The i18n plugin (first under `plugins:`) calls `load_site()` in `on_config` and creates one
`SiteServices`; every other plugin receives it with `nextsociety.plugins.i18n.site_services()`
in its own `on_config`. Plugins never look each other up: what one plugin makes for another
(page URLs, backlinks) goes through this object, and everything else comes from the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from nextsociety.model import urls
from nextsociety.model.backlinks import Backlink, Backlinks
from nextsociety.model.clock import utc_day
from nextsociety.model.events import Event
from nextsociety.model.languages import Language, LanguageSet
from nextsociety.model.news import NewsItem
from nextsociety.model.registries.contacts import Contact
from nextsociety.model.site import Site
from nextsociety.model.strings import StringTable
from nextsociety.model.translations import TranslationGroup, Variant
from nextsociety.model.urls import record_page_key
from nextsociety.render.breadcrumbs import Crumb
from nextsociety.render.media import (
    Figure,
    MediaError,
    MediaLibrary,
    file_figure,
    media_figure,
)
from nextsociety.render.news import Entry, news_entry, publication_status


@dataclass
class PageIndex:
    """Every page of every language by key: translations, fallback copies, generated pages."""

    languages: LanguageSet
    groups: dict[str, TranslationGroup] = field(default_factory=dict)
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)  # src_uri -> (key, code)

    def register(
        self, key: str, lang: Language, file: File, fallback_from: Language | None = None
    ) -> None:
        """Record `file` as the `lang` copy of the page `key`."""
        group = self.groups.setdefault(key, TranslationGroup(key))
        group.variants[lang.code] = Variant(lang, file.url, fallback_from)
        self.keys[file.src_uri] = (key, lang.code)

    def key_of(self, src_uri: str) -> tuple[str, Language] | None:
        """(page key, language) of a published page, e.g. 'fr/about.md' -> ('about.md', fr)."""
        found = self.keys.get(src_uri)
        return None if found is None else (found[0], self.languages.get(found[1]))

    def variant(self, key: str, lang: Language) -> Variant | None:
        """The `lang` copy of page `key` (translation or fallback copy), once files are mapped."""
        group = self.groups.get(key)
        return group.variants.get(lang.code) if group else None

    def url(self, key: str, lang: Language) -> str:
        """The site-relative URL of a page the build publishes (a defect if it does not)."""
        variant = self.variant(key, lang)
        assert variant is not None, f"no {lang.code} page for {key}"
        return variant.url


@dataclass
class SiteServices:
    """The validated site of one build and what every plugin computes from it."""

    site: Site
    preview: bool  # `mkdocs serve`: drafts and embargoed items are shown, with a banner
    pages: PageIndex
    # `nextsociety serve`: pages are rendered one at a time, as the browser asks for them; what
    # needs every page (search index, release PDFs, social cards) comes from a full build
    live: bool = False
    backlinks: Backlinks = field(default_factory=Backlinks)
    media: MediaLibrary | None = None  # the media registry's images: nextsociety/media sets it
    # (item key, language) -> Entry: listings, related items and neighbours show each many times
    _entries: dict[tuple[str, str], Entry] = field(default_factory=dict, repr=False)

    @property
    def now(self) -> dt.datetime:
        """The build's instant: embargoes with a time lift at it."""
        return self.site.now

    @property
    def build_date(self) -> dt.date:
        """The build's "today" (UTC): date-only embargoes, event status."""
        return utc_day(self.site.now)

    @property
    def languages(self) -> LanguageSet:
        return self.site.config.languages

    @property
    def strings(self) -> StringTable:
        return self.site.strings

    def translator(self, lang: Language) -> Callable[[str], str]:
        """`t(key)`: our interface string `key` in `lang` (for titles that plugins write)."""
        strings, code = self.site.strings, lang.code
        return lambda key: strings.get(key, code)

    # -- what is published -------------------------------------------------------------------

    def published_news(self) -> list[NewsItem]:
        """News items with a page, newest first: drafts and embargoed ones only in preview;
        withdrawn ones keep their page (with a notice)."""
        return [i for i in self.site.news if self.preview or i.is_public(self.now)]

    def listed_news(self) -> list[NewsItem]:
        """News items in listings, feeds, search and the sitemap: not withdrawn."""
        return [i for i in self.published_news() if i.withdrawn is None]

    @cached_property
    def withdrawn_keys(self) -> frozenset[str]:
        """Page keys of withdrawn items: their pages stay, out of the sitemap and search."""
        return frozenset(i.key for i in self.published_news() if i.withdrawn is not None)

    @cached_property
    def events_by_id(self) -> Mapping[str, Event]:
        return {event.id: event for event in self.site.events}

    # -- links between pages -------------------------------------------------------------------

    def news_entry(self, item: NewsItem, lang: Language) -> Entry:
        """One news item as listings and links show it, in `lang`."""
        entry = self._entries.get((item.key, lang.code))
        if entry is None:
            status = publication_status(item, self.now) if self.preview else None
            url = self.pages.url(item.key, lang)
            entry = news_entry(item, lang, self.translator(lang), url, status)
            self._entries[item.key, lang.code] = entry
        return entry

    def registry_links(
        self, registry: str, ids: Sequence[str], lang: Language
    ) -> list[tuple[str, str]]:
        """(name, URL in `lang`) of records of a registry (`partners`, `clusters`) by id."""
        records = self.records(registry)
        return [
            (records[record_id].name, self.pages.url(record_page_key(registry, record_id), lang))
            for record_id in ids
            if record_id in records
        ]

    def event_links(self, ids: Sequence[str], lang: Language) -> list[tuple[str, str]]:
        """(title in `lang`, URL) of events by id (news items reference them)."""
        events = self.events_by_id
        return [
            (events[i].text(lang).title, self.pages.url(events[i].key, lang))
            for i in ids
            if i in events
        ]

    def breadcrumbs(self, lang: Language, section: tuple[str, str], title: str) -> list[Crumb]:
        """Home › section › page, in `lang`; `section` is (string key of its name, page key)."""
        t = self.translator(lang)
        name, key = section
        return [
            Crumb(t("breadcrumbs.home"), self.pages.url(urls.HOME, lang)),
            Crumb(t(name), self.pages.url(key, lang)),
            Crumb(title, None),
        ]

    def records(self, registry: str) -> Mapping[str, Any]:
        """The records of a registry by id; empty without the registry plugin."""
        registries = self.site.registries
        return registries.get(registry) if registries is not None else {}

    def contact(self, contact_id: str | None) -> Contact | None:
        registries = self.site.registries
        if contact_id is None or registries is None:
            return None
        return registries.contacts.get(contact_id)

    # -- images ---------------------------------------------------------------------------------

    def lead_figure(self, item: NewsItem, lang: Language) -> Figure | None:
        """The item's lead image in `lang`: a media asset, or a file next to the item."""
        if item.image_media:
            return media_figure(self._media(item).image(item.image_media), lang.code)
        if item.image_file is None:
            return None
        text = item.texts.get(lang.code) or item.original
        alt = text.image_alt or item.original.image_alt or ""
        path = self.site.config.docs_path / item.image_file
        try:
            return file_figure(path, item.image_file, alt)
        except MediaError as exc:
            raise PluginError(f"{self.site.config.docs_dir}/{item.key}: {exc}") from None

    def gallery_figures(self, item: NewsItem, lang: Language) -> list[Figure]:
        if not item.gallery:
            return []
        library = self._media(item)
        return [media_figure(library.image(asset_id), lang.code) for asset_id in item.gallery]

    def _media(self, item: NewsItem) -> MediaLibrary:
        if self.media is None:
            raise PluginError(
                f"{item.key} shows images of the media registry: add 'nextsociety/media' under "
                "'plugins:' in mkdocs.yml"
            )
        return self.media

    def add_backlinks(
        self, refs: Mapping[str, Sequence[str]], lang: Language, heading: str, link: Backlink
    ) -> None:
        """List `link` on the record pages named in `refs` ({"partners": ids, ...})."""
        if self.site.registries is None:
            return
        for registry, ids in refs.items():
            for record_id in dict.fromkeys(ids):
                self.backlinks.add(record_page_key(registry, record_id), lang.code, heading, link)

"""The `nextsociety/news` plugin: news items, press room, archives, feeds and structured data.

News items are ordinary Markdown pages under `content/news/<year>/`; this plugin validates
their front matter (with the registries' ids), keeps drafts and embargoed items out of the
build, generates the listing pages of every language, and writes the feeds. Each item's
Markdown is converted once, by MkDocs; listings use front matter only, feeds reuse the HTML.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin, urlsplit

import markdown
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file
from mkdocs.utils.templates import TemplateContext

from nextsociety.model.backlinks import Backlink
from nextsociety.model.errors import DataError
from nextsociety.model.languages import Language
from nextsociety.model.news import NewsItem, NewsText, is_news_source, load_news
from nextsociety.model.press import load_press
from nextsociety.model.references import KnownIds, known_ids
from nextsociety.model.translations import absolute_url
from nextsociety.plugins.common import (
    add_backlinks,
    build_date,
    docs_shown,
    registry_links,
    require_i18n,
)
from nextsociety.plugins.i18n import I18nPlugin, PageLanguage
from nextsociety.render.archives import Pagination, group_by, neighbours, paginate, related_map
from nextsociety.render.dates import date_or_month, long_date
from nextsociety.render.feeds import Feed, FeedEntry, atom, json_feed
from nextsociety.render.jsonld import news_article

log = get_plugin_logger("nextsociety/news")
NEWS_HEADING = "registry.backlinks.news"
CONTACT_HEADING = "registry.backlinks.contact"  # the press contact belongs to this partner
_LINK_ATTR = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"#][^"]*|#[^"]*)"')


class NewsConfig(Config):
    enabled = c.Type(bool, default=True)
    per_page = c.Type(int, default=10)  # items per listing page
    feed_size = c.Type(int, default=50)  # newest items in each feed
    id_authority = c.Type(str, default="thenextsociety.co")  # for stable tag: URIs of feed entries
    publisher = c.Type(str, default="THE NEXT SOCIETY")
    logo = c.Optional(c.Type(str))  # an image in content/, for the publisher in JSON-LD and feeds
    press_page = c.Type(str, default="press/index.md")  # the press room (template: press.html)
    press_texts = c.Type(str, default="data/press.yml")  # the boilerplate, relative to mkdocs.yml


@dataclass(frozen=True)
class Entry:
    """One item as a listing, a related link or a previous/next link shows it."""

    title: str
    url: str  # site-relative
    lang: str  # the language the title is in (an untranslated item shows its original)
    dir: str  # that language's direction
    date: str  # localized
    date_iso: str
    type: str
    type_label: str
    summary: str


@dataclass(frozen=True)
class Listing:
    """What a listing page (all news, a year, a tag) shows."""

    kind: str  # "all", "year", "tag"
    title: str
    entries: Sequence[Entry]
    page: Pagination[Entry] | None = None
    previous_url: str | None = None
    next_url: str | None = None
    years: Sequence[tuple[int, str, int]] = ()  # (year, url, count)
    tags: Sequence[tuple[str, str, int]] = ()  # (label, url, count)


@dataclass(frozen=True)
class ItemView:
    """Everything a news item page shows besides its body."""

    item: NewsItem
    text: NewsText  # the text in the page's language (or the original, if untranslated)
    date: str
    updated: str | None
    type_label: str
    partners: Sequence[tuple[str, str]]  # (name, url)
    organisers: Sequence[tuple[str, str]]
    contact_organisation: Sequence[tuple[str, str]]  # the partner the press contact belongs to
    clusters: Sequence[tuple[str, str]]
    events: Sequence[tuple[str, str]]
    tags: Sequence[tuple[str, str]]  # (label, url)
    contact: Any | None  # the contact record from the registry
    related: Sequence[Entry]
    newer: Entry | None
    older: Entry | None
    jsonld: dict[str, Any]
    meta: dict[str, str]  # Open Graph / Twitter card properties
    status: str | None = None  # "draft" or "scheduled" (only under mkdocs serve)


@dataclass
class _BuildState:
    items: list[NewsItem] = field(default_factory=list)
    by_key: dict[str, NewsItem] = field(default_factory=dict)
    html: dict[tuple[str, str], str] = field(default_factory=dict)  # (key, lang) -> rendered body
    listings: dict[str, tuple[str, Any]] = field(default_factory=dict)  # src_uri -> (kind, arg)
    position: dict[str, int] = field(default_factory=dict)  # key -> index in items (newest first)
    related: dict[str, list[NewsItem]] = field(default_factory=dict)  # key -> related items
    archive_links: dict[str, Any] = field(default_factory=dict)  # language -> (years, tags)
    pages: list[Pagination[NewsItem]] = field(default_factory=list)  # the paginated news list


class NewsPlugin(BasePlugin[NewsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.preview = False
        self.build_date = dt.date.today()
        self.state = _BuildState()
        self._i18n: I18nPlugin | None = None
        self._files: Files | None = None
        self._docs_shown = "content"
        self.press_texts: dict[str, dict[str, str]] = {}

    # -- set-up ----------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.preview = command == "serve"  # drafts and embargoed items are shown, with a banner

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._i18n = require_i18n(config, "nextsociety/news")
        assert self.i18n.languages is not None
        root = Path(config.config_file_path or ".").resolve().parent
        self._docs_shown = docs_shown(config)
        try:
            boilerplate = load_press(root / self.config.press_texts, self.config.press_texts, self.i18n.languages.codes)
        except DataError as exc:
            raise PluginError(exc.report()) from None
        # Converted once per build, shown under every press release and in the press room.
        self.press_texts = {
            code: {"title": boilerplate.title[code], "body_html": markdown.markdown(boilerplate.body[code])}
            for code in self.i18n.languages.codes
        }
        self.build_date = build_date()
        return config

    @property
    def i18n(self) -> I18nPlugin:
        assert self._i18n is not None
        return self._i18n

    # -- files -----------------------------------------------------------------------------

    @event_priority(110)  # before i18n maps translations: unpublished items never reach it
    def _load_items(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.i18n.languages is not None
        self.state = _BuildState()
        sources = [(f.src_uri, f.content_string) for f in files.documentation_pages() if is_news_source(f.src_uri)]
        try:
            items = load_news(sources, self.i18n.languages, self._known_ids(config), content_dir=self._docs_shown)
        except DataError as exc:
            raise PluginError(exc.report()) from None
        hidden = [item for item in items if not item.is_public(self.build_date)]
        if not self.preview:
            for item in hidden:
                for text in item.texts.values():
                    files.remove(files.src_uris[text.src_uri])
            items = [item for item in items if item.is_public(self.build_date)]
        for item in items:
            if item.image and item.image.lstrip("/") not in files.src_uris:
                raise PluginError(f"{self._docs_shown}/{item.key}: image '{item.image}' is not a file in content/")
        self.state.items = items
        self.state.by_key = {item.key: item for item in items}
        self.state.position = {item.key: index for index, item in enumerate(items)}
        self.state.related = related_map(items, lambda item: item.key, NewsItem.references)
        return files

    def _known_ids(self, config: MkDocsConfig) -> KnownIds:
        registries = getattr(config.plugins.get("nextsociety/registry"), "registries", None)
        events = config.plugins.get("nextsociety/events")
        return known_ids(registries, getattr(events, "event_ids", ()), self.i18n.strings)

    def _generate_listings(self, files: Files, config: MkDocsConfig) -> Files:
        """The listing pages of every language: all news (paginated), years and tags."""
        assert self.i18n.languages is not None
        pages = self.state.pages = paginate(self.state.items, self.config.per_page)
        years = sorted({item.year for item in self.state.items}, reverse=True)
        tags = sorted({tag for item in self.state.items for tag in item.tags})
        for lang in self.i18n.languages.languages:
            plan: list[tuple[str, tuple[str, Any]]] = [("news/index.md", ("all", 1))]
            plan += [(f"news/page/{p.number}.md", ("all", p.number)) for p in pages[1:]]
            plan += [(f"news/{year}/index.md", ("year", year)) for year in years]
            plan += [(f"news/tags/{tag}.md", ("tag", tag)) for tag in tags]
            for key, listing in plan:
                uri = lang.prefix + key
                if uri in files.src_uris:
                    raise PluginError(f"content/{key} clashes with a generated news listing: remove or rename it")
                title = self._listing_title(listing, lang)
                file = File.generated(config, uri, content=f"---\ntemplate: news-list.html\ntitle: {_yaml_text(title)}\n---\n")
                files.append(file)
                self.i18n.register(key, lang, file)
                self.state.listings[uri] = listing
        self._files = files
        return files

    on_files = CombinedEvent(_load_items, event_priority(0)(_generate_listings))

    def _listing_title(self, listing: tuple[str, Any], lang: Language) -> str:
        kind, arg = listing
        t = self._t(lang)
        if kind == "year":
            return t("news.archive.year").format(year=arg)
        if kind == "tag":
            return t("news.archive.tag").format(tag=t(f"tag.{arg}"))
        return t("news.title") if arg == 1 else t("news.title.page").format(number=arg)

    def _t(self, lang: Language) -> Callable[[str], str]:
        return self.i18n.translator(lang)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Every URL is known now: list each item on the partner and cluster pages it mentions."""
        assert self.i18n.languages is not None
        for lang in self.i18n.languages.languages:
            for item in self.state.items:
                entry = self.entry(item, lang)
                link = Backlink(entry.title, entry.url, None if entry.lang == lang.code else entry.lang)
                partners = (*item.organisers, *item.partners)
                add_backlinks(config, {"partners": partners, "clusters": item.clusters}, lang, NEWS_HEADING, link)
                contact_of = {"partners": _contact_organisation(config, item)}
                add_backlinks(config, contact_of, lang, CONTACT_HEADING, link)
        return nav

    # -- pages -----------------------------------------------------------------------------

    def _item_of(self, page: Page) -> tuple[NewsItem, Language] | None:
        found = self.i18n.key_of(page.file.src_uri)
        if found is None or found[0] not in self.state.by_key:
            return None
        return self.state.by_key[found[0]], found[1]

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        found = self._item_of(page)
        if found is not None:
            item, lang = found
            text = item.texts.get(lang.code) or item.original
            page.meta.setdefault("template", "news-item.html")
            page.meta["description"] = text.summary
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        found = self._item_of(page)
        if found is not None and found[1].code in found[0].texts:
            self.state.html[(found[0].key, found[1].code)] = html  # reused by the feeds
        return html

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        values = cast("dict[str, Any]", context)  # TemplateContext is closed; we add keys
        info: PageLanguage = values["i18n"]
        lang = info.lang
        values["feeds"] = {
            "atom": lang.prefix + "feed.xml",
            "json": lang.prefix + "feed.json",
            "press": lang.prefix + "press/feed.xml",
        }
        values["press_texts"] = self.press_texts[lang.code]
        found = self._item_of(page)
        if found is not None:
            values["news_item"] = self._item_view(found[0], lang, page, config)
        listing = self.state.listings.get(page.file.src_uri)
        if listing is not None:
            values["news_list"] = self._listing_view(listing, lang)
        key_lang = self.i18n.key_of(page.file.src_uri)
        if key_lang is not None and key_lang[0] == self.config.press_page:
            values["press"] = self._press_view(lang, config)
        return context

    def entry(self, item: NewsItem, lang: Language) -> Entry:
        text = item.texts.get(lang.code) or item.original
        t = self._t(lang)
        variant = self.i18n.variant(item.key, lang)
        assert variant is not None, item.key
        return Entry(
            title=text.title,
            url=variant.url,
            lang=text.lang.code,
            dir=text.lang.direction,
            date=date_or_month(item.date, item.date_precision, lang.locale),
            date_iso=item.published.iso,
            type=item.type,
            type_label=t(f"news.type.{item.type}"),
            summary=text.summary,
        )

    def _listing_view(self, listing: tuple[str, Any], lang: Language) -> Listing:
        kind, arg = listing
        items = self.state.items
        title = self._listing_title(listing, lang)
        years, tags = self._archive_links(lang)
        if kind == "all":
            page = self.state.pages[arg - 1]
            entries = [self.entry(item, lang) for item in page.items]
            view = Pagination(page.number, page.count, entries)
            return Listing(
                kind,
                title,
                entries,
                page=view,
                previous_url=_page_url(lang, arg - 1) if page.has_previous else None,
                next_url=_page_url(lang, arg + 1) if page.has_next else None,
                years=years,
                tags=tags,
            )
        selected = [i for i in items if (i.year == arg if kind == "year" else arg in i.tags)]
        return Listing(kind, title, [self.entry(i, lang) for i in selected], years=years, tags=tags)

    def _archive_links(self, lang: Language) -> tuple[list[tuple[int, str, int]], list[tuple[str, str, int]]]:
        """Year and tag links with counts, computed once per language (every listing shows them)."""
        cached = self.state.archive_links.get(lang.code)
        if cached is None:
            items, t = self.state.items, self._t(lang)
            years = [(year, f"{lang.prefix}news/{year}/", len(group)) for year, group in group_by(items, lambda i: i.year).items()]
            tag_counts = group_by((tag for item in items for tag in item.tags), lambda tag: tag)
            tags = sorted((t(f"tag.{tag}"), f"{lang.prefix}news/tags/{tag}/", len(n)) for tag, n in tag_counts.items())
            cached = self.state.archive_links[lang.code] = (years, tags)
        return cached

    def _press_view(self, lang: Language, config: MkDocsConfig) -> dict[str, Any]:
        releases = [self.entry(item, lang) for item in self.state.items if item.is_press_release]
        registry = config.plugins.get("nextsociety/registry")
        contacts = list(getattr(getattr(registry, "registries", None), "contacts", {}).values()) if registry else []
        media = sorted(
            (f for f in (self._files or []) if f.src_uri.startswith("press/media/") and not f.is_documentation_page()),
            key=lambda f: f.src_uri,
        )
        return {"releases": releases, "contacts": contacts, "media": media}

    def _item_view(self, item: NewsItem, lang: Language, page: Page, config: MkDocsConfig) -> ItemView:
        t = self._t(lang)
        text = item.texts.get(lang.code) or item.original
        items = self.state.items
        newer, older = neighbours(self.state.position[item.key], items)
        site_url = config.site_url or ""
        url = absolute_url(site_url, page.url)
        image = absolute_url(site_url, item.image.lstrip("/")) if item.image else None
        logo = absolute_url(site_url, self.config.logo) if self.config.logo else None
        registry = config.plugins.get("nextsociety/registry")
        partners = registry_links(config, "partners", item.partners, lang)
        organisers = registry_links(config, "partners", item.organisers, lang)
        contact_organisation = registry_links(config, "partners", _contact_organisation(config, item), lang)
        clusters = registry_links(config, "clusters", item.clusters, lang)
        events_plugin = config.plugins.get("nextsociety/events")
        events = events_plugin.links(item.events, lang) if events_plugin is not None and hasattr(events_plugin, "links") else []
        # ISO 8601 with the source's precision: "2018-11" when only the month is known
        modified = item.updated.isoformat() if item.updated else item.published.iso
        jsonld = news_article(
            url=url,
            headline=text.title,
            description=text.summary,
            lang=text.lang.code,
            published=item.published.iso,
            modified=modified,
            publisher_name=self.config.publisher,
            publisher_url=absolute_url(site_url, lang.prefix),
            logo_url=logo,
            image_url=image,
            about=[{"@type": "Organization", "name": name} for name, _ in (*organisers, *partners)],
        )
        meta = {
            "og:type": "article",
            "og:title": text.title,
            "og:description": text.summary,
            "og:url": page.canonical_url or url,
            "og:site_name": self.config.publisher,
            "og:locale": str(lang.locale),
            "article:published_time": item.published.iso,
            "article:modified_time": modified,
            "twitter:card": "summary_large_image" if image else "summary",
            "twitter:title": text.title,
            "twitter:description": text.summary,
        }
        if image:
            meta["og:image"] = image
            meta["twitter:image"] = image
            meta["og:image:alt"] = text.image_alt or item.original.image_alt or ""
        status = None
        if item.draft:
            status = "draft"
        elif item.date > self.build_date:
            status = "scheduled"
        return ItemView(
            item=item,
            text=text,
            date=date_or_month(item.date, item.date_precision, lang.locale),
            updated=long_date(item.updated, lang.locale) if item.updated else None,
            type_label=t(f"news.type.{item.type}"),
            partners=partners,
            organisers=organisers,
            contact_organisation=contact_organisation,
            clusters=clusters,
            events=events,
            tags=[(t(f"tag.{tag}"), f"{lang.prefix}news/tags/{tag}/") for tag in item.tags],
            contact=_record(registry, "contacts", item.contact) if item.contact else None,
            related=[self.entry(other, lang) for other in self.state.related[item.key]],
            newer=self.entry(newer, lang) if newer else None,
            older=self.entry(older, lang) if older else None,
            jsonld=jsonld,
            meta=meta,
            status=status,
        )

    # -- feeds -----------------------------------------------------------------------------

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.i18n.languages is not None and self.i18n.strings is not None
        site_url = config.site_url or ""
        for lang in self.i18n.languages.languages:
            t = self._t(lang)
            translated = [item for item in self.state.items if lang.code in item.texts and item.is_public(self.build_date)]
            for path, title_key, selection in (
                ("", "feed.news.title", translated),
                ("press/", "feed.press.title", [i for i in translated if i.is_press_release]),
            ):
                home = absolute_url(site_url, lang.prefix + (path or "news/"))
                feed = Feed(
                    id=f"tag:{self.config.id_authority},2017:{lang.code}/{path or 'news/'}feed",
                    title=t(title_key),
                    subtitle=t("feed.subtitle"),
                    lang=lang.code,
                    home_url=home,
                    atom_url=absolute_url(site_url, f"{lang.prefix}{path}feed.xml"),
                    json_url=absolute_url(site_url, f"{lang.prefix}{path}feed.json"),
                    author=self.config.publisher,
                    entries=[self._feed_entry(item, lang, site_url, t) for item in selection[: self.config.feed_size]],
                    icon=absolute_url(site_url, self.config.logo) if self.config.logo else None,
                )
                write_file(atom(feed), os.path.join(config.site_dir, lang.prefix, path, "feed.xml"))
                write_file(json_feed(feed), os.path.join(config.site_dir, lang.prefix, path, "feed.json"))

    def _feed_entry(self, item: NewsItem, lang: Language, site_url: str, t: Any) -> FeedEntry:
        text = item.texts[lang.code]
        variant = self.i18n.variant(item.key, lang)
        assert variant is not None
        url = absolute_url(site_url, variant.url)
        body = self.state.html.get((item.key, lang.code), "")
        return FeedEntry(
            # tag: URI from the item's path and date: stable when the title or slug changes
            id=f"tag:{self.config.id_authority},{item.published.iso}:{item.key[:-3]}/{lang.code}",
            url=url,
            title=text.title,
            summary=text.summary,
            content_html=_absolute_links(body, url),
            # RFC 3339 needs a day: a month-only date has no `published`, and `updated` (required
            # by Atom) is the month's last day, where the item sorts
            published=item.date if item.date_precision == "day" else None,
            updated=item.updated or item.date,
            categories=[t(f"news.type.{item.type}")] + [t(f"tag.{tag}") for tag in item.tags],
            image=absolute_url(site_url, item.image.lstrip("/")) if item.image else None,
        )


def _contact_organisation(config: MkDocsConfig, item: NewsItem) -> tuple[str, ...]:
    """The partner id of the item's press contact's organisation, when contacts.yml gives one."""
    contact = _record(config.plugins.get("nextsociety/registry"), "contacts", item.contact) if item.contact else None
    organisation = getattr(contact, "organisation", None)
    return (organisation,) if organisation else ()


def _record(registry: Any, kind: str, record_id: str) -> Any:
    records = getattr(getattr(registry, "registries", None), kind, None) or {}
    return records.get(record_id)


def _page_url(lang: Language, number: int) -> str:
    return f"{lang.prefix}news/" if number == 1 else f"{lang.prefix}news/page/{number}/"


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _absolute_links(html: str, base: str) -> str:
    """Feed readers show content away from the site: make every link and image absolute."""

    def fix(match: re.Match[str]) -> str:
        url = match["url"]
        if urlsplit(url).scheme or url.startswith("//"):
            return match.group(0)
        return f'{match["attr"]}="{urljoin(base, url)}"'

    return _LINK_ATTR.sub(fix, html)

"""The `nextsociety/news` plugin: news items, press room, archives, feeds and structured data.

News items are ordinary Markdown pages under `<docs_dir>/news/<year>/`, validated with the
whole site by `load_site()`; this plugin keeps drafts and embargoed items out of the build,
generates the listing pages of every language, and writes the feeds. Each item's
Markdown is converted once, by MkDocs; listings use front matter only, feeds reuse the HTML.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file
from mkdocs.utils.templates import TemplateContext

from nextsociety.model import urls
from nextsociety.model.backlinks import Backlink
from nextsociety.model.languages import Language
from nextsociety.model.news import NewsItem
from nextsociety.model.translations import localized_src_uri
from nextsociety.model.urls import absolute_url
from nextsociety.plugins.i18n import PageLanguage, site_services
from nextsociety.plugins.press import boilerplate_html, contact_cards, press_room
from nextsociety.plugins.services import SiteServices
from nextsociety.render.archives import Pagination, group_by, neighbours, paginate, related_map
from nextsociety.render.dates import date_or_month, long_date
from nextsociety.render.feeds import (
    Feed,
    FeedEntry,
    FeedImage,
    FeedPageText,
    atom,
    feed_stylesheet,
    json_feed,
)
from nextsociety.render.news import (
    Correction,
    Entry,
    ItemView,
    Listing,
    Outdated,
    Publisher,
    article_metadata,
    correction,
    correction_html,
    embargo_text,
    feed_html,
    print_links,
    publication_status,
    withdrawn_view,
)

log = get_plugin_logger("nextsociety/news")
PLUGIN_NAME = "nextsociety/news"
NEWS_HEADING = "registry.backlinks.news"
HOME_ITEMS = 3  # the latest press releases and news the home page shows
CONTACT_HEADING = "registry.backlinks.contact"  # the press contact belongs to this partner


class _Positive(c.Type):
    """A whole number, 1 or more (a listing of 0 items per page would never end)."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise c.ValidationError(f"must be a whole number, 1 or more, not {value!r}")
        return int(number)


class NewsConfig(Config):
    per_page = _Positive(default=10)  # items per listing page
    feed_size = _Positive(default=50)  # newest items in each feed
    id_authority = c.Type(str, default="thenextsociety.co")  # for stable tag: URIs of feed entries
    publisher = c.Type(str, default="THE NEXT SOCIETY")
    logo = c.Optional(c.Type(str))  # an image in content/, for the publisher in JSON-LD and feeds
    press_page = c.Type(str, default=urls.PRESS_INDEX)  # the press room (template: press.html)
    press_texts = c.Type(str, default="data/press.yml")  # the boilerplate, relative to mkdocs.yml


@dataclass
class _BuildState:
    items: list[NewsItem] = field(default_factory=list)
    by_key: dict[str, NewsItem] = field(default_factory=dict)
    html: dict[tuple[str, str], str] = field(default_factory=dict)  # (key, lang) -> rendered body
    # language -> feed ("news", "press") -> its entries, newest first
    feeds: dict[str, dict[str, list[NewsItem]]] = field(default_factory=dict)
    in_feeds: set[tuple[str, str]] = field(default_factory=set)  # (key, lang) of feed entries
    listings: dict[str, tuple[str, Any]] = field(default_factory=dict)  # src_uri -> (kind, arg)
    position: dict[str, int] = field(default_factory=dict)  # key -> index in items (newest first)
    releases: list[NewsItem] = field(default_factory=list)  # the press releases, newest first
    release_position: dict[str, int] = field(default_factory=dict)  # key -> index in releases
    related: dict[str, list[NewsItem]] = field(default_factory=dict)  # key -> related items
    archive_links: dict[str, Any] = field(default_factory=dict)  # language -> (years, tags)
    pages: list[Pagination[NewsItem]] = field(default_factory=list)  # the paginated news list
    withdrawn: dict[str, NewsItem] = field(default_factory=dict)  # key -> withdrawn item


class NewsPlugin(BasePlugin[NewsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.state = _BuildState()
        self.services: SiteServices | None = None
        self._files: Files | None = None
        self.press_texts: dict[str, dict[str, str]] = {}

    # -- set-up ----------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.services = site_services(config, PLUGIN_NAME)
        boilerplate = self.site.site.press
        assert boilerplate is not None  # load_site() loads the press texts with this plugin
        self.press_texts = boilerplate_html(boilerplate, self.site.languages.codes)
        return config

    @property
    def site(self) -> SiteServices:
        assert self.services is not None, "on_config has not run"
        return self.services

    # -- files -----------------------------------------------------------------------------

    @event_priority(110)  # before i18n maps translations: unpublished items never reach it
    def _load_items(self, files: Files, config: MkDocsConfig) -> Files:
        self.state = _BuildState()
        published = {item.key for item in self.site.published_news()}
        for item in self.site.site.news:
            if item.key not in published:
                for text in item.texts.values():
                    files.remove(files.src_uris[text.src_uri])
        items = self.site.listed_news()  # a withdrawn item keeps its page, and only that
        withdrawn = self.site.withdrawn_keys
        self.state.withdrawn = {i.key: i for i in self.site.site.news if i.key in withdrawn}
        self.state.items = items
        self.state.by_key = {item.key: item for item in items}
        self.state.position = {item.key: index for index, item in enumerate(items)}
        self.state.releases = [item for item in items if item.is_press_release]
        self.state.release_position = {i.key: n for n, i in enumerate(self.state.releases)}
        self.state.related = related_map(items, lambda item: item.key, NewsItem.references)
        self.state.feeds = {
            lang.code: self._feed_selections(lang) for lang in self.site.languages.languages
        }
        self.state.in_feeds = {
            (item.key, code)
            for code, selections in self.state.feeds.items()
            for selection in selections.values()
            for item in selection
        }
        return files

    def _feed_selections(self, lang: Language) -> dict[str, list[NewsItem]]:
        """The entries of a language's two feeds, newest first: all news, press releases."""
        translated = [
            item
            for item in self.state.items
            if lang.code in item.texts and item.is_listed(self.site.now)
        ]
        releases = [item for item in translated if item.is_press_release]
        size = self.config.feed_size
        return {"news": translated[:size], "press": releases[:size]}

    def _generate_listings(self, files: Files, config: MkDocsConfig) -> Files:
        """The listing pages of every language: all news (paginated), years and tags."""
        pages = self.state.pages = paginate(self.state.items, self.config.per_page)
        years = sorted({item.year for item in self.state.items}, reverse=True)
        tags = sorted({tag for item in self.state.items for tag in item.tags})
        for lang in self.site.languages.languages:
            plan: list[tuple[str, tuple[str, Any]]] = [(urls.news_list_key(1), ("all", 1))]
            plan += [(urls.news_list_key(p.number), ("all", p.number)) for p in pages[1:]]
            plan += [(urls.news_year_key(year), ("year", year)) for year in years]
            plan += [(urls.news_tag_key(tag), ("tag", tag)) for tag in tags]
            for key, listing in plan:
                uri = lang.prefix + key
                title = self._listing_title(listing, lang)
                file = File.generated(
                    config,
                    uri,
                    content=f"---\ntemplate: news-list.html\ntitle: {_yaml_text(title)}\n---\n",
                )
                files.append(file)
                self.site.pages.register(key, lang, file)
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
        return self.site.translator(lang)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Every URL is known now: list each item on the partner and cluster pages it mentions."""
        for lang in self.site.languages.languages:
            for item in self.state.items:
                entry = self.entry(item, lang)
                link = Backlink(
                    entry.title, entry.url, None if entry.lang == lang.code else entry.lang
                )
                partners = (*item.organisers, *item.partners)
                self.site.add_backlinks(
                    {"partners": partners, "clusters": item.clusters}, lang, NEWS_HEADING, link
                )
                contact_of = {"partners": _contact_organisation(self.site, item)}
                self.site.add_backlinks(contact_of, lang, CONTACT_HEADING, link)
        return nav

    # -- pages -----------------------------------------------------------------------------

    def _item_of(self, page: Page) -> tuple[NewsItem, Language] | None:
        found = self.site.pages.key_of(page.file.src_uri)
        if found is None or found[0] not in self.state.by_key:
            return None
        return self.state.by_key[found[0]], found[1]

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        key_lang = self.site.pages.key_of(page.file.src_uri)
        if key_lang is not None and key_lang[0] == urls.HOME:
            page.meta.setdefault("template", "home.html")  # the latest news under the text
        found = self._item_of(page)
        if found is not None:
            item, lang = found
            text = item.texts.get(lang.code) or item.original
            page.meta.setdefault("template", "news-item.html")
            page.meta["description"] = text.summary
        if self._withdrawn_of(page) is not None:
            page.meta["template"] = "news-withdrawn.html"
            return ""  # the text is withdrawn: nothing of it is converted, shown or indexed
        return markdown

    def _withdrawn_of(self, page: Page) -> NewsItem | None:
        found = self.site.pages.key_of(page.file.src_uri)
        return self.state.withdrawn.get(found[0]) if found is not None else None

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        found = self._item_of(page)
        # Kept for the feeds, only for their entries: not every page's HTML for the whole build.
        if found is not None and (found[0].key, found[1].code) in self.state.in_feeds:
            self.state.html[(found[0].key, found[1].code)] = html
        return html

    def feed_sources(self) -> list[str]:
        """The pages whose HTML the feeds carry (their source paths): `nextsociety serve`
        converts them before it writes the feeds."""
        languages = self.site.languages
        return sorted(
            localized_src_uri(key, languages.get(code)) for key, code in self.state.in_feeds
        )

    # nextsociety/parallel: a worker's feed entries, for the feeds the main process writes
    def page_work(self) -> dict[tuple[str, str], str]:
        return self.state.html

    def merge_page_work(self, work: dict[tuple[str, str], str]) -> None:
        self.state.html.update(work)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        values = cast("dict[str, Any]", context)  # TemplateContext is closed; we add keys
        info: PageLanguage = values["i18n"]
        lang = info.lang
        values["feeds"] = {
            "atom": urls.feed_url(lang, "news", "xml"),
            "json": urls.feed_url(lang, "news", "json"),
            "press": urls.feed_url(lang, "press", "xml"),
            "press_json": urls.feed_url(lang, "press", "json"),
        }
        values["press_texts"] = self.press_texts[lang.code]
        found = self._item_of(page)
        if found is not None:
            item = found[0]
            values["news_item"] = self._item_view(item, lang, page, config)
            section = (
                ("press.releases", self.config.press_page)
                if item.is_press_release
                else ("news.title", urls.NEWS_INDEX)
            )
            title = (item.texts.get(lang.code) or item.original).title
            values["breadcrumbs"] = self.site.breadcrumbs(lang, section, title)
        withdrawn = self._withdrawn_of(page)
        if withdrawn is not None:
            values["news_withdrawn"] = withdrawn_view(withdrawn, lang, self._t(lang))
        listing = self.state.listings.get(page.file.src_uri)
        if listing is not None:
            values["news_list"] = self._listing_view(listing, lang)
        key_lang = self.site.pages.key_of(page.file.src_uri)
        if key_lang is not None and key_lang[0] == self.config.press_page:
            values["press"] = press_room(self.site, self.state.items, self._files or [], lang)
        if key_lang is not None and key_lang[0] == urls.HOME:
            latest = self.state.items[:HOME_ITEMS]
            values["home_news"] = [self.entry(item, lang) for item in latest]
            values["home_links"] = {
                "press": urls.page_url(urls.PRESS_INDEX, lang),
                "news": urls.page_url(urls.NEWS_INDEX, lang),
                "events": urls.page_url(urls.EVENTS_INDEX, lang),
            }
        return context

    def entry(self, item: NewsItem, lang: Language) -> Entry:
        return self.site.news_entry(item, lang)

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
                previous_url=urls.page_url(urls.news_list_key(arg - 1), lang)
                if page.has_previous
                else None,
                next_url=urls.page_url(urls.news_list_key(arg + 1), lang)
                if page.has_next
                else None,
                years=years,
                tags=tags,
            )
        selected = [i for i in items if (i.year == arg if kind == "year" else arg in i.tags)]
        return Listing(kind, title, [self.entry(i, lang) for i in selected], years=years, tags=tags)

    def _archive_links(
        self, lang: Language
    ) -> tuple[list[tuple[int, str, int]], list[tuple[str, str, int]]]:
        """Year and tag links with counts, computed once per language (every listing shows them)."""
        cached = self.state.archive_links.get(lang.code)
        if cached is None:
            items, t = self.state.items, self._t(lang)
            years = [
                (year, urls.page_url(urls.news_year_key(year), lang), len(group))
                for year, group in group_by(items, lambda i: i.year).items()
            ]
            tag_counts = group_by((tag for item in items for tag in item.tags), lambda tag: tag)
            tags = sorted(
                (t(f"tag.{tag}"), urls.page_url(urls.news_tag_key(tag), lang), len(n))
                for tag, n in tag_counts.items()
            )
            cached = self.state.archive_links[lang.code] = (years, tags)
        return cached

    def _neighbours(self, item: NewsItem) -> tuple[NewsItem | None, NewsItem | None]:
        """The newer and older item: a press release's among the press releases."""
        if item.is_press_release:
            return neighbours(self.state.release_position[item.key], self.state.releases)
        return neighbours(self.state.position[item.key], self.state.items)

    def _item_view(
        self, item: NewsItem, lang: Language, page: Page, config: MkDocsConfig
    ) -> ItemView:
        t = self._t(lang)
        text = item.texts.get(lang.code) or item.original
        newer, older = self._neighbours(item)
        site_url = config.site_url or ""
        url = absolute_url(site_url, page.url)
        lead = self.site.lead_figure(item, lang)
        image = absolute_url(site_url, lead.src) if lead is not None else None
        logo = absolute_url(site_url, self.config.logo) if self.config.logo else None
        partners = self.site.registry_links("partners", item.partners, lang)
        organisers = self.site.registry_links("partners", item.organisers, lang)
        contact_organisation = self.site.registry_links(
            "partners", _contact_organisation(self.site, item), lang
        )
        clusters = self.site.registry_links("clusters", item.clusters, lang)
        events = self.site.event_links(item.events, lang)
        publisher = Publisher(self.config.publisher, absolute_url(site_url, lang.prefix), logo)
        jsonld = article_metadata(
            item,
            text,
            url,
            image,
            [name for name, _ in (*organisers, *partners)],
            publisher,
        )
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
            tags=[
                (t(f"tag.{tag}"), urls.page_url(urls.news_tag_key(tag), lang)) for tag in item.tags
            ],
            contact=self.site.contact(item.contact),
            related=[self.entry(other, lang) for other in self.state.related[item.key]],
            newer=self.entry(newer, lang) if newer else None,
            older=self.entry(older, lang) if older else None,
            jsonld=jsonld,
            status=publication_status(item, self.site.now) if self.site.preview else None,
            embargo=embargo_text(item, lang),
            all_releases_url=urls.page_url(self.config.press_page, lang)
            if item.is_press_release
            else None,
            correction=correction(item, lang),
            outdated=self._outdated(item, lang),
            lead=lead,
            gallery=self.site.gallery_figures(item, lang),
            print_links=print_links(page.content or "", url),
        )

    def _outdated(self, item: NewsItem, lang: Language) -> Outdated | None:
        """The notice of a translation that predates the original's last update."""
        if not item.is_outdated(lang) or item.updated is None:
            return None
        original = item.original.lang
        return Outdated(
            date=long_date(item.updated, lang.locale),
            language=lang.locale.languages.get(original.code, original.code),
            url=self.site.pages.url(item.key, original),
        )

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # `{{ contact | contact_card | url }}`: the contact's vCard, by the URL module's rule.
        env.filters["contact_card"] = lambda contact: urls.contact_card_url(contact.id)
        return env

    # -- feeds and contact cards ------------------------------------------------------------

    def on_post_build(self, config: MkDocsConfig) -> None:
        for path, card in contact_cards(self.site).items():
            write_file(card.encode("utf-8"), os.path.join(config.site_dir, path))
        site_url = config.site_url or ""
        authority = self.config.id_authority
        for lang in self.site.languages.languages:
            t = self._t(lang)
            self._write_feed_stylesheet(lang, config)
            for name, selection in self.state.feeds[lang.code].items():
                atom_url, json_url = (
                    urls.feed_url(lang, name, "xml"),
                    urls.feed_url(lang, name, "json"),
                )
                home = urls.feed_home_url(lang, name)
                feed = Feed(
                    id=f"tag:{authority},2017:{lang.code}/{home[len(lang.prefix) :]}feed",
                    title=t(f"feed.{name}.title"),
                    subtitle=t(f"feed.{name}.subtitle"),
                    lang=lang.code,
                    home_url=absolute_url(site_url, home),
                    atom_url=absolute_url(site_url, atom_url),
                    json_url=absolute_url(site_url, json_url),
                    author=self.config.publisher,
                    entries=[self._feed_entry(item, lang, site_url, t) for item in selection],
                    icon=absolute_url(site_url, self.config.logo) if self.config.logo else None,
                    stylesheet=urlsplit(site_url).path.rstrip("/")
                    + "/"
                    + urls.feed_stylesheet_url(lang),
                )
                write_file(atom(feed), os.path.join(config.site_dir, atom_url))
                write_file(json_feed(feed), os.path.join(config.site_dir, json_url))

    def _write_feed_stylesheet(self, lang: Language, config: MkDocsConfig) -> None:
        """The page a reader sees on opening one of the language's Atom feeds in a browser."""
        t = self._t(lang)
        text = FeedPageText(
            lang=lang.code,
            direction=lang.direction,
            explanation=t("feed.page.explanation"),
            address=t("feed.page.address"),
            entries=t("feed.page.entries"),
            website=t("feed.page.website"),
        )
        path = os.path.join(config.site_dir, urls.feed_stylesheet_url(lang))
        write_file(feed_stylesheet(text), path)

    def _feed_entry(self, item: NewsItem, lang: Language, site_url: str, t: Any) -> FeedEntry:
        text, authority = item.texts[lang.code], self.config.id_authority
        url = absolute_url(site_url, self.site.pages.url(item.key, lang))
        body = feed_html(self.state.html.get((item.key, lang.code), ""), url)
        note = correction(item, lang)
        if note is not None:  # the correction first, as the page shows it
            body = correction_html(note, self._correction_text(note, lang)) + body
        lead = self.site.lead_figure(item, lang)
        return FeedEntry(
            # tag: URI from the item's path and date: stable when the title or slug changes
            id=f"tag:{authority},{item.published.iso}:{item.key[:-3]}/{lang.code}",
            url=url,
            title=text.title,
            summary=text.summary,
            content_html=body,
            # RFC 3339 needs a day: a month-only date has no `published`, and `updated` (required
            # by Atom) is the month's last day, where the item sorts
            published=(item.publish_at or item.date) if item.date_precision == "day" else None,
            updated=text.updated or item.publish_at or item.date,  # this language's last update
            categories=[t(f"news.type.{item.type}")] + [t(f"tag.{tag}") for tag in item.tags],
            image=FeedImage(absolute_url(site_url, lead.src), lead.mime, lead.length)
            if lead is not None
            else None,
        )

    def _correction_text(self, note: Correction, lang: Language) -> str:
        """ "Updated on 11 December 2026 — correction: …" in `lang`."""
        strings = self.site.strings
        if note.note is None:
            return strings.format("news.updated.on", lang.code, date=note.date)
        return strings.format("news.correction", lang.code, date=note.date, note=note.note)


def _contact_organisation(site: SiteServices, item: NewsItem) -> tuple[str, ...]:
    """The partner id of the item's press contact's organisation, when contacts.yml gives one."""
    contact = site.contact(item.contact)
    organisation = contact.organisation if contact is not None else None
    return (organisation,) if organisation else ()


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

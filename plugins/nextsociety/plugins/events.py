"""The `nextsociety/events` plugin: event pages, the events archive and iCalendar files.

Events are Markdown pages under `content/events/`; this plugin validates their front matter
against the registries, generates `/events/` and `/events/<year>/` in every language, lists
events on partner and cluster pages, and writes `/events/<id>.ics` and
`/events/calendar.ics` per language (texts in that language).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file
from mkdocs.utils.templates import TemplateContext

from nextsociety.model.backlinks import Backlink
from nextsociety.model.countries import country_name
from nextsociety.model.errors import DataError
from nextsociety.model.events import Event, is_event_source, load_events
from nextsociety.model.languages import Language
from nextsociety.model.references import known_ids
from nextsociety.model.translations import absolute_url
from nextsociety.plugins.common import (
    add_backlinks,
    build_date,
    docs_shown,
    registry_links,
    require_i18n,
)
from nextsociety.plugins.i18n import I18nPlugin
from nextsociety.render.archives import group_by
from nextsociety.render.calendar import CalendarEvent, calendar
from nextsociety.render.dates import date_or_month, date_range

EVENTS_HEADING = "registry.backlinks.events"
VISITS_HEADING = "registry.backlinks.visits"
ANNOUNCED = "announced"  # the status shown for a planned event announced over a year ago


class EventsConfig(Config):
    enabled = c.Type(bool, default=True)
    id_authority = c.Type(str, default="thenextsociety.co")  # calendar UIDs: <id>@<authority>


@dataclass(frozen=True)
class EventEntry:
    """One event as listings and links show it."""

    id: str
    title: str
    url: str
    lang: str  # the title's language
    dir: str
    dates: str  # localized range, or "dates to be announced"
    date_iso: str | None
    status: str
    status_label: str
    place: str  # "Barcelona, Spain" in the page's language


@dataclass(frozen=True)
class EventView:
    entry: EventEntry
    event: Event
    summary: str
    venue: str | None
    region: str | None
    country: str
    hosts: Sequence[tuple[str, str]]  # (name, url)
    clusters: Sequence[tuple[str, str]]
    visits: Sequence[tuple[str, str]]
    country_partners: Sequence[tuple[str, str]]  # planned, no host named: partners in its country
    news: Sequence[Any]  # news Entry records that reference the event
    ics_url: str | None
    calendar_url: str


class EventsPlugin(BasePlugin[EventsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.by_key: dict[str, Event] = {}
        self.by_id: dict[str, Event] = {}
        self.build_date = dt.date.today()
        self._i18n: I18nPlugin | None = None
        self._listings: dict[str, tuple[str, int | None]] = {}  # src_uri -> ("all"|"year", year)

    @property
    def i18n(self) -> I18nPlugin:
        assert self._i18n is not None
        return self._i18n

    @property
    def event_ids(self) -> set[str]:
        """The ids news items may reference (read by the news plugin)."""
        return set(self.by_id)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._i18n = require_i18n(config, "nextsociety/events")
        names = list(config.plugins)
        if "nextsociety/news" in names and names.index("nextsociety/news") < names.index("nextsociety/events"):
            raise PluginError("list nextsociety/events before nextsociety/news under 'plugins' in mkdocs.yml")
        self.build_date = build_date()
        return config

    # -- files -----------------------------------------------------------------------------

    @event_priority(120)  # before news items are validated: they reference event ids
    def _load_events(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.i18n.languages is not None
        known = known_ids(getattr(config.plugins.get("nextsociety/registry"), "registries", None))
        sources = [(f.src_uri, f.content_string) for f in files.documentation_pages() if is_event_source(f.src_uri)]
        try:
            self.events = load_events(sources, self.i18n.languages, known, content_dir=docs_shown(config))
        except DataError as exc:
            raise PluginError(exc.report()) from None
        self.by_key = {event.key: event for event in self.events}
        self.by_id = {event.id: event for event in self.events}
        return files

    def _generate_listings(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.i18n.languages is not None
        self._listings = {}
        years = sorted({event.year for event in self.events if event.year is not None}, reverse=True)
        for lang in self.i18n.languages.languages:
            plan: list[tuple[str, tuple[str, int | None]]] = [("events/index.md", ("all", None))]
            plan += [(f"events/{year}/index.md", ("year", year)) for year in years]
            for key, listing in plan:
                uri = lang.prefix + key
                if uri in files.src_uris:
                    raise PluginError(f"content/{key} clashes with a generated events listing: remove or rename it")
                title = self._t(lang, "events.title") if listing[0] == "all" else self._t(lang, "events.archive.year").format(year=listing[1])
                file = File.generated(config, uri, content=f'---\ntemplate: events-list.html\ntitle: "{title}"\n---\n')
                files.append(file)
                self.i18n.register(key, lang, file)
                self._listings[uri] = listing
        return files

    on_files = CombinedEvent(_load_events, event_priority(0)(_generate_listings))

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Every URL is known now: list each event on the pages of its hosts and clusters."""
        assert self.i18n.languages is not None
        for lang in self.i18n.languages.languages:
            for event in reversed(self.events):  # newest first on the partner page
                entry = self.entry(event, lang)
                link = Backlink(entry.title, entry.url, None if entry.lang == lang.code else entry.lang)
                refs = {"partners": event.hosts, "clusters": event.clusters}
                add_backlinks(config, refs, lang, EVENTS_HEADING, link)
                add_backlinks(config, {"clusters": event.visits}, lang, VISITS_HEADING, link)
        return nav

    # -- pages -----------------------------------------------------------------------------

    def _t(self, lang: Language, key: str) -> str:
        return self.i18n.translator(lang)(key)

    def _event_of(self, page: Page) -> tuple[Event, Language] | None:
        found = self.i18n.key_of(page.file.src_uri)
        if found is None or found[0] not in self.by_key:
            return None
        return self.by_key[found[0]], found[1]

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        found = self._event_of(page)
        if found is not None:
            event, lang = found
            page.meta.setdefault("template", "event.html")
            page.meta["description"] = event.text(lang).summary
        return markdown

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        values = cast("dict[str, Any]", context)  # TemplateContext is closed; we add keys
        lang: Language = values["i18n"].lang
        found = self._event_of(page)
        if found is not None:
            values["event"] = self._view(found[0], lang, config)
        listing = self._listings.get(page.file.src_uri)
        if listing is not None:
            values["events_list"] = self._listing(listing, lang)
        return context

    def place(self, event: Event, lang: Language) -> str:
        text = event.text(lang)
        area = text.city or event.location.city or text.region or event.location.region
        country = country_name(event.location.country, lang.code)
        return self._t(lang, "events.place").format(area=area, country=country) if area else country

    def entry(self, event: Event, lang: Language) -> EventEntry:
        text = event.text(lang)
        variant = self.i18n.variant(event.key, lang)
        assert variant is not None, event.key
        status = event.status
        if event.start_day:
            dates = date_range(event.start_day, event.end_day, lang.locale)
        elif event.announced is not None and event.is_stale_announcement(self.build_date):
            status = ANNOUNCED
            month = date_or_month(event.announced.day, event.announced.precision, lang.locale)
            dates = self._t(lang, "events.announced").format(month=month)
        else:
            dates = self._t(lang, "events.tba")
        return EventEntry(
            id=event.id,
            title=text.title,
            url=variant.url,
            lang=text.lang.code,
            dir=text.lang.direction,
            dates=dates,
            date_iso=event.start_day.isoformat() if event.start_day else None,
            status=status,
            status_label=self._t(lang, f"events.status.{status}"),
            place=self.place(event, lang),
        )

    def links(self, ids: Sequence[str], lang: Language) -> list[tuple[str, str]]:
        """(title, url) of events by id, in `lang` (for news items that reference them)."""
        return [(entry.title, entry.url) for entry in (self.entry(self.by_id[i], lang) for i in ids if i in self.by_id)]

    def _listing(self, listing: tuple[str, int | None], lang: Language) -> dict[str, Any]:
        kind, year = listing
        today = self.build_date
        upcoming = [e for e in self.events if e.is_upcoming(today)]
        announced = [e for e in self.events if e.is_stale_announcement(today)]
        past = [e for e in reversed(self.events) if not e.is_upcoming(today) and not e.is_stale_announcement(today)]
        years = [(y, f"{lang.prefix}events/{y}/", len(group)) for y, group in group_by(
            sorted((e for e in self.events if e.year), key=lambda e: -(e.year or 0)), lambda e: e.year).items()]
        if kind == "year":
            selected = [e for e in self.events if e.year == year]
            return {"kind": kind, "title": self._t(lang, "events.archive.year").format(year=year),
                    "entries": [self.entry(e, lang) for e in selected], "years": years}
        past_groups = [(y, [self.entry(e, lang) for e in group]) for y, group in group_by(past, lambda e: e.year).items()]
        return {
            "kind": kind,
            "title": self._t(lang, "events.title"),
            "upcoming": [self.entry(e, lang) for e in upcoming],
            "announced": [self.entry(e, lang) for e in announced],
            "past": past_groups,
            "years": years,
            "calendar_url": f"{lang.prefix}events/calendar.ics",
        }

    def _view(self, event: Event, lang: Language, config: MkDocsConfig) -> EventView:
        news = config.plugins.get("nextsociety/news")

        mentioned = []
        if news is not None and hasattr(news, "state"):
            mentioned = [news.entry(item, lang) for item in news.state.items if event.id in item.events]
        text = event.text(lang)
        country_partners: list[tuple[str, str]] = []
        if event.status == "planned" and not event.hosts:
            partners = getattr(getattr(config.plugins.get("nextsociety/registry"), "registries", None), "partners", None) or {}
            same_country = [p.id for p in partners.values() if p.country == event.location.country]
            country_partners = registry_links(config, "partners", same_country, lang)
        return EventView(
            entry=self.entry(event, lang),
            event=event,
            summary=text.summary,
            venue=text.venue or event.location.venue,
            region=(text.region or event.location.region) if (text.city or event.location.city) else None,
            country=country_name(event.location.country, lang.code),
            hosts=registry_links(config, "partners", event.hosts, lang),
            clusters=registry_links(config, "clusters", event.clusters, lang),
            visits=registry_links(config, "clusters", event.visits, lang),
            country_partners=country_partners,
            news=mentioned,
            ics_url=f"{lang.prefix}events/{event.id}.ics" if event.is_dated else None,
            calendar_url=f"{lang.prefix}events/calendar.ics",
        )

    # -- calendars -------------------------------------------------------------------------

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.i18n.languages is not None
        site_url = config.site_url or ""
        for lang in self.i18n.languages.languages:
            dated = [e for e in self.events if e.is_dated]
            items = {e.id: self._calendar_event(e, lang, site_url) for e in dated}
            folder = os.path.join(config.site_dir, lang.prefix, "events")
            name = self._t(lang, "events.calendar.name")
            for event_id, item in items.items():
                write_file(calendar(f"{name} — {item.title}", lang.code, [item]), os.path.join(folder, f"{event_id}.ics"))
            write_file(calendar(name, lang.code, list(items.values())), os.path.join(folder, "calendar.ics"))

    def _calendar_event(self, event: Event, lang: Language, site_url: str) -> CalendarEvent:
        entry = self.entry(event, lang)
        text = event.text(lang)
        url = absolute_url(site_url, entry.url)
        venue = text.venue or event.location.venue
        location = self._t(lang, "punctuation.list").join(part for part in (venue, self.place(event, lang)) if part)
        assert event.start is not None and event.start_day is not None
        return CalendarEvent(
            uid=f"{event.id}@{self.config.id_authority}",
            title=text.title,
            description=f"{text.summary}\n\n{url}",
            location=location,
            url=url,
            status=event.status,
            start=event.start,
            end=event.end,
            stamp=event.updated or event.start_day,
        )

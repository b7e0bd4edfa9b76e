"""The `nextsociety/events` plugin: event pages, the events archive and iCalendar files.

Events are Markdown pages under `<docs_dir>/events/`, validated with the whole site by
`load_site()`; this plugin generates `/events/` and `/events/<year>/` in every language, lists
events on partner and cluster pages, and writes `/events/<id>.ics` and
`/events/calendar.ics` per language (texts in that language).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file
from mkdocs.utils.templates import TemplateContext

from nextsociety.model import urls
from nextsociety.model.backlinks import Backlink
from nextsociety.model.countries import country_name
from nextsociety.model.events import Event
from nextsociety.model.languages import Language
from nextsociety.model.urls import absolute_url
from nextsociety.plugins.i18n import site_services
from nextsociety.plugins.services import SiteServices
from nextsociety.render.archives import group_by
from nextsociety.render.calendar import CalendarEvent, calendar
from nextsociety.render.dates import date_or_month, date_range

PLUGIN_NAME = "nextsociety/events"
EVENTS_HEADING = "registry.backlinks.events"
VISITS_HEADING = "registry.backlinks.visits"
ANNOUNCED = "announced"  # the status shown for a planned event announced over a year ago


class EventsConfig(Config):
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
        self.services: SiteServices | None = None
        self.events: tuple[Event, ...] = ()
        self.by_key: dict[str, Event] = {}
        self._listings: dict[str, tuple[str, int | None]] = {}  # src_uri -> ("all"|"year", year)

    @property
    def site(self) -> SiteServices:
        assert self.services is not None, "on_config has not run"
        return self.services

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.services = site_services(config, PLUGIN_NAME)
        self.events = self.services.site.events
        self.by_key = {event.key: event for event in self.events}
        return config

    # -- files -----------------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._listings = {}
        years = sorted(
            {event.year for event in self.events if event.year is not None}, reverse=True
        )
        for lang in self.site.languages.languages:
            plan: list[tuple[str, tuple[str, int | None]]] = [(urls.EVENTS_INDEX, ("all", None))]
            plan += [(urls.events_year_key(year), ("year", year)) for year in years]
            for key, listing in plan:
                uri = lang.prefix + key
                title = (
                    self._t(lang, "events.title")
                    if listing[0] == "all"
                    else self._t(lang, "events.archive.year").format(year=listing[1])
                )
                file = File.generated(
                    config,
                    uri,
                    content=f"---\ntemplate: events-list.html\ntitle: {json.dumps(title)}\n---\n",
                )
                files.append(file)
                self.site.pages.register(key, lang, file)
                self._listings[uri] = listing
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Every URL is known now: list each event on the pages of its hosts and clusters."""
        for lang in self.site.languages.languages:
            for event in reversed(self.events):  # newest first on the partner page
                entry = self.entry(event, lang)
                link = Backlink(
                    entry.title, entry.url, None if entry.lang == lang.code else entry.lang
                )
                refs = {"partners": event.hosts, "clusters": event.clusters}
                self.site.add_backlinks(refs, lang, EVENTS_HEADING, link)
                self.site.add_backlinks({"clusters": event.visits}, lang, VISITS_HEADING, link)
        return nav

    # -- pages -----------------------------------------------------------------------------

    def _t(self, lang: Language, key: str) -> str:
        return self.site.translator(lang)(key)

    def _event_of(self, page: Page) -> tuple[Event, Language] | None:
        found = self.site.pages.key_of(page.file.src_uri)
        if found is None or found[0] not in self.by_key:
            return None
        return self.by_key[found[0]], found[1]

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
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
            values["event"] = self._view(found[0], lang)
            section = ("events.title", urls.EVENTS_INDEX)
            title = found[0].text(lang).title
            values["breadcrumbs"] = self.site.breadcrumbs(lang, section, title)
        listing = self._listings.get(page.file.src_uri)
        if listing is not None:
            values["events_list"] = self._listing(listing, lang)
        key_lang = self.site.pages.key_of(page.file.src_uri)
        if key_lang is not None and key_lang[0] == urls.HOME:
            values["home_event"] = self._home_event(lang)
        return context

    def _home_event(self, lang: Language) -> tuple[str, EventEntry] | None:
        """The next dated event, else the latest one held: (heading key, entry)."""
        today = self.site.build_date
        dated = [event for event in self.events if event.start_day is not None]
        upcoming = [event for event in dated if event.is_upcoming(today)]
        if upcoming:
            return "home.next_event", self.entry(upcoming[0], lang)
        return ("home.latest_event", self.entry(dated[-1], lang)) if dated else None

    def place(self, event: Event, lang: Language) -> str:
        text = event.text(lang)
        area = text.city or event.location.city or text.region or event.location.region
        country = country_name(event.location.country, lang.code)
        return self._t(lang, "events.place").format(area=area, country=country) if area else country

    def entry(self, event: Event, lang: Language) -> EventEntry:
        text = event.text(lang)
        status = event.status
        if event.start_day:
            dates = date_range(event.start_day, event.end_day, lang.locale)
        elif event.announced is not None and event.is_stale_announcement(self.site.build_date):
            status = ANNOUNCED
            month = date_or_month(event.announced.day, event.announced.precision, lang.locale)
            dates = self._t(lang, "events.announced").format(month=month)
        else:
            dates = self._t(lang, "events.tba")
        return EventEntry(
            id=event.id,
            title=text.title,
            url=self.site.pages.url(event.key, lang),
            lang=text.lang.code,
            dir=text.lang.direction,
            dates=dates,
            date_iso=event.start_day.isoformat() if event.start_day else None,
            status=status,
            status_label=self._t(lang, f"events.status.{status}"),
            place=self.place(event, lang),
        )

    def _listing(self, listing: tuple[str, int | None], lang: Language) -> dict[str, Any]:
        kind, year = listing
        today = self.site.build_date
        upcoming = [e for e in self.events if e.is_upcoming(today)]
        announced = [e for e in self.events if e.is_stale_announcement(today)]
        past = [
            e
            for e in reversed(self.events)
            if not e.is_upcoming(today) and not e.is_stale_announcement(today)
        ]
        years = [
            (y, urls.page_url(urls.events_year_key(y or 0), lang), len(group))
            for y, group in group_by(
                sorted((e for e in self.events if e.year), key=lambda e: -(e.year or 0)),
                lambda e: e.year,
            ).items()
        ]
        if kind == "year":
            selected = [e for e in self.events if e.year == year]
            return {
                "kind": kind,
                "title": self._t(lang, "events.archive.year").format(year=year),
                "entries": [self.entry(e, lang) for e in selected],
                "years": years,
            }
        past_groups = [
            (
                y,
                urls.page_url(urls.events_year_key(y or 0), lang),
                [self.entry(e, lang) for e in group],
            )
            for y, group in group_by(past, lambda e: e.year).items()
        ]
        return {
            "kind": kind,
            "title": self._t(lang, "events.title"),
            "upcoming": [self.entry(e, lang) for e in upcoming],
            "announced": [self.entry(e, lang) for e in announced],
            "past": past_groups,
            "years": years,
            "calendar_url": urls.calendar_url(lang),
        }

    def _view(self, event: Event, lang: Language) -> EventView:
        mentioned = [
            self.site.news_entry(item, lang)
            for item in self.site.listed_news()
            if event.id in item.events
        ]
        text = event.text(lang)
        country_partners: list[tuple[str, str]] = []
        if event.status == "planned" and not event.hosts:
            partners = self.site.records("partners")
            same_country = [p.id for p in partners.values() if p.country == event.location.country]
            country_partners = self.site.registry_links("partners", same_country, lang)
        return EventView(
            entry=self.entry(event, lang),
            event=event,
            summary=text.summary,
            venue=text.venue or event.location.venue,
            region=(text.region or event.location.region)
            if (text.city or event.location.city)
            else None,
            country=country_name(event.location.country, lang.code),
            hosts=self.site.registry_links("partners", event.hosts, lang),
            clusters=self.site.registry_links("clusters", event.clusters, lang),
            visits=self.site.registry_links("clusters", event.visits, lang),
            country_partners=country_partners,
            news=mentioned,
            ics_url=urls.event_calendar_url(event.id, lang) if event.is_dated else None,
            calendar_url=urls.calendar_url(lang),
        )

    # -- calendars -------------------------------------------------------------------------

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_url = config.site_url or ""
        for lang in self.site.languages.languages:
            dated = [e for e in self.events if e.is_dated]
            items = {e.id: self._calendar_event(e, lang, site_url) for e in dated}
            name = self._t(lang, "events.calendar.name")
            for event_id, item in items.items():
                ics = calendar(f"{name} — {item.title}", lang.code, [item])
                write_file(
                    ics, os.path.join(config.site_dir, urls.event_calendar_url(event_id, lang))
                )
            ics = calendar(name, lang.code, list(items.values()))
            write_file(ics, os.path.join(config.site_dir, urls.calendar_url(lang)))

    def _calendar_event(self, event: Event, lang: Language, site_url: str) -> CalendarEvent:
        entry = self.entry(event, lang)
        text = event.text(lang)
        url = absolute_url(site_url, entry.url)
        venue = text.venue or event.location.venue
        location = self._t(lang, "punctuation.list").join(
            part for part in (venue, self.place(event, lang)) if part
        )
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

"""What the search index holds about a page besides its text: result metadata and filter values.

Pagefind reads these from `data-pagefind-meta` / `data-pagefind-filter` attributes that the
templates print from a `SearchRecord`; this module computes the record from the model, in the
page's language (type labels from the string table, country names from CLDR, dates from Babel).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from nextsociety.model.countries import country_name
from nextsociety.model.events import Event
from nextsociety.model.languages import Language
from nextsociety.model.news import NewsItem
from nextsociety.model.registries.clusters import Cluster
from nextsociety.model.registries.partners import Partner
from nextsociety.render.dates import date_or_month, date_range

# The string-table key of each kind's label: news types reuse the badge labels of news items.
TYPE_LABELS = {
    "press-release": "news.type.press-release",
    "news": "news.type.news",
    "event": "search.type.event",
    "partner": "search.type.partner",
    "cluster": "search.type.cluster",
    "page": "search.type.page",
}
# Pagefind weighs an h1 7 (text 1); the title of a release or news item weighs more, so that a
# journalist's query finds the release before the short registry pages that share a word.
HEADING_WEIGHT = 7.0
NEWS_TITLE_WEIGHT = 10.0  # Pagefind's maximum

Label = Callable[[str], str]  # a string-table lookup in the page's language


@dataclass(frozen=True)
class SearchRecord:
    """One indexed page: what a result shows (title, date, type) and what the filters select on."""

    kind: str  # a key of TYPE_LABELS
    title: str
    type_label: str
    date: str | None = None  # localized, as the page shows it
    year: int | None = None
    countries: tuple[str, ...] = ()  # CLDR names in the page's language
    partners: tuple[str, ...] = ()  # partner names

    @property
    def filters(self) -> list[tuple[str, str]]:
        """(filter key, value) pairs; a key may repeat (several countries or partners)."""
        pairs = [("type", self.type_label)]
        if self.year is not None:
            pairs.append(("year", str(self.year)))
        pairs += [("country", name) for name in self.countries]
        pairs += [("partner", name) for name in self.partners]
        return pairs

    @property
    def title_weight(self) -> float:
        """The `data-pagefind-weight` of the page's h1."""
        return NEWS_TITLE_WEIGHT if self.kind in ("news", "press-release") else HEADING_WEIGHT

    @property
    def meta(self) -> list[tuple[str, str]]:
        """(metadata key, value) pairs returned with each result."""
        pairs = [("title", self.title), ("type", self.type_label)]
        if self.date:
            pairs.append(("date", self.date))
        return pairs


def news_record(
    item: NewsItem,
    lang: Language,
    label: Label,
    partners: Mapping[str, Partner],
    clusters: Mapping[str, Cluster],
    events: Mapping[str, Event],
) -> SearchRecord:
    """A news item or press release; its countries are where its events took place, then the
    home countries of the partners and clusters it names."""
    text = item.text(lang) or item.original
    countries = [events[e].location.country for e in item.events if e in events]
    named = (*item.organisers, *item.partners)
    countries += [partners[p].country for p in named if p in partners]
    countries += [clusters[c].country for c in item.clusters if c in clusters]
    return SearchRecord(
        kind=item.type,
        title=text.title,
        type_label=label(TYPE_LABELS[item.type]),
        date=date_or_month(item.date, item.date_precision, lang.locale),
        year=item.year,
        countries=_country_names(countries, lang),
        partners=_partner_names(named, partners),
    )


def event_record(
    event: Event, lang: Language, label: Label, partners: Mapping[str, Partner]
) -> SearchRecord:
    """An event: where it takes place, who hosts it, and its dates once they are fixed."""
    start = event.start_day
    return SearchRecord(
        kind="event",
        title=event.text(lang).title,
        type_label=label(TYPE_LABELS["event"]),
        date=date_range(start, event.end_day, lang.locale) if start else None,
        year=event.year,
        countries=_country_names([event.location.country], lang),
        partners=_partner_names(event.hosts, partners),
    )


def partner_record(partner: Partner, lang: Language, label: Label) -> SearchRecord:
    return SearchRecord(
        kind="partner",
        title=partner.name,
        type_label=label(TYPE_LABELS["partner"]),
        countries=_country_names([partner.country], lang),
        partners=(partner.name,),
    )


def cluster_record(
    cluster: Cluster, lang: Language, label: Label, partners: Mapping[str, Partner]
) -> SearchRecord:
    """A cluster; the partner filter finds the clusters a partner supports."""
    return SearchRecord(
        kind="cluster",
        title=cluster.name,
        type_label=label(TYPE_LABELS["cluster"]),
        countries=_country_names([cluster.country], lang),
        partners=_partner_names([cluster.partner] if cluster.partner else [], partners),
    )


def page_record(title: str, label: Label) -> SearchRecord:
    """A static Markdown page (home, about, programme)."""
    return SearchRecord(kind="page", title=title, type_label=label(TYPE_LABELS["page"]))


def _country_names(codes: Iterable[str], lang: Language) -> tuple[str, ...]:
    return tuple(dict.fromkeys(country_name(code, lang.code) for code in codes))


def _partner_names(ids: Iterable[str], partners: Mapping[str, Partner]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(partners[i].name for i in ids if i in partners))


_CONTENT_START = '<div class="md-content"'  # Material's content column (base.html)
_CONTENT_END = "</article>"
_HTML_TAG = re.compile(r"<html\b[^>]*>")
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
_SEARCH_META = re.compile(r"<meta [^>]*\bdata-pagefind-[^>]*>")


def search_document(html: str) -> str:
    """What Pagefind needs of a page: its `<html lang>`, title, filter and meta tags, and
    Material's content column, where every `data-pagefind-body` of ours is; not the rest of
    the head, the header, navigation, table of contents and footer, two thirds of the page,
    which Pagefind would parse and drop. A page without that column is sent whole."""
    body = html.find("<body")
    start = html.find(_CONTENT_START, body)
    end = html.find(_CONTENT_END, start)
    opening = _HTML_TAG.search(html, 0, body)
    if body < 0 or start < 0 or end < 0 or opening is None:
        return html
    head = html[opening.end() : body]
    title = _TITLE.search(head)
    tags = "".join(_SEARCH_META.findall(head))
    body_tag_end = html.index(">", body) + 1
    return (
        f"{opening.group()}<head>{title.group() if title else ''}{tags}</head>"
        f"{html[body:body_tag_end]}{html[start : end + len(_CONTENT_END)]}</div></body></html>"
    )

"""The search record of each kind of page: result metadata and filter values, per language."""

from __future__ import annotations

import datetime as dt

from nextsociety.model.events import Event, EventText, Location
from nextsociety.model.languages import parse_languages
from nextsociety.model.news import NewsItem, NewsText
from nextsociety.model.registries.clusters import Cluster
from nextsociety.model.registries.partners import Partner
from nextsociety.render.search import (
    cluster_record,
    event_record,
    news_record,
    page_record,
    partner_record,
    search_document,
)

LANGS = parse_languages(
    "en",
    {
        "en": {"name": "English", "site_name": "S", "locale": "en_GB"},
        "fr": {"name": "Français", "site_name": "S"},
        "ar": {"name": "العربية", "site_name": "S"},
    },
)
EN, FR, AR = (LANGS.get(code) for code in ("en", "fr", "ar"))
LABELS = {
    "en": {
        "news.type.press-release": "Press release",
        "news.type.news": "News",
        "search.type.event": "Event",
        "search.type.partner": "Partner",
        "search.type.cluster": "Cluster",
        "search.type.page": "Page",
    },
    "fr": {"news.type.press-release": "Communiqué de presse", "search.type.event": "Événement"},
    "ar": {"news.type.press-release": "بيان صحفي"},
}
PARTNERS = {
    "accio": Partner("accio", "ACCIÓ", "ES", "agency"),
    "anima": Partner("anima", "ANIMA Investment Network", "FR", "network"),
}
CLUSTERS = {
    "secpho": Cluster("secpho", "SECPHO", "ES", True, partner="accio"),
    "menara": Cluster("menara", "Menara Cluster", "MA", True),
}
EVENT = Event(
    id="visit",
    key="events/2018/visit.md",
    status="held",
    location=Location("ES", city="Barcelona"),
    start=dt.date(2018, 11, 19),
    end=dt.date(2018, 11, 23),
    hosts=("accio", "unknown-host"),
    texts={"en": EventText(EN, "events/2018/visit.md", "Benchmarking visit", "S.")},
)


def label(lang: str):
    return lambda key: LABELS[lang][key]


def release(type_: str = "press-release") -> NewsItem:
    texts = {
        code: NewsText(LANGS.get(code), f"news/2018/x{suffix}.md", title, "S.", "x")
        for code, suffix, title in (("en", "", "Off to Barcelona"), ("ar", ".ar", "إلى برشلونة"))
    }
    return NewsItem(
        key="news/2018/x.md",
        date=dt.date(2018, 11, 30),
        type=type_,
        partners=("anima", "accio"),
        clusters=("menara", "secpho"),
        events=("visit",),
        texts=texts,
    )


def test_a_press_release_has_its_type_year_date_countries_and_partners_in_the_page_language() -> (
    None
):
    record = news_record(release(), AR, label("ar"), PARTNERS, CLUSTERS, {"visit": EVENT})

    assert record.kind == "press-release"
    assert record.title == "إلى برشلونة"
    assert record.filters == [
        ("type", "بيان صحفي"),
        ("year", "2018"),
        ("country", "إسبانيا"),  # the event's place first, then partners' and clusters' countries
        ("country", "فرنسا"),
        ("country", "المغرب"),
        ("partner", "ANIMA Investment Network"),
        ("partner", "ACCIÓ"),
    ]
    assert record.meta == [
        ("title", "إلى برشلونة"),
        ("type", "بيان صحفي"),
        ("date", "30 نوفمبر 2018"),
    ]


def test_an_untranslated_item_keeps_its_original_title() -> None:
    record = news_record(release(), FR, label("fr"), PARTNERS, CLUSTERS, {})

    assert record.title == "Off to Barcelona"
    assert ("country", "Espagne") in record.filters  # ACCIÓ and SECPHO; the event is not known here
    assert ("date", "30 novembre 2018") in record.meta


def test_release_titles_weigh_more_than_other_headings() -> None:
    weights = {
        "press-release": news_record(
            release(), EN, label("en"), PARTNERS, CLUSTERS, {}
        ).title_weight,
        "news": news_record(release("news"), EN, label("en"), PARTNERS, CLUSTERS, {}).title_weight,
        "partner": partner_record(PARTNERS["accio"], EN, label("en")).title_weight,
    }

    assert weights == {"press-release": 10.0, "news": 10.0, "partner": 7.0}


def test_an_event_has_its_date_range_country_and_known_hosts() -> None:
    record = event_record(EVENT, FR, label("fr"), PARTNERS)

    assert record.filters == [
        ("type", "Événement"),
        ("year", "2018"),
        ("country", "Espagne"),
        ("partner", "ACCIÓ"),
    ]
    assert ("date", "19–23 novembre 2018") in record.meta
    assert record.title == "Benchmarking visit"  # no French text: the original's


def test_an_event_without_dates_has_no_year_and_no_date() -> None:
    planned = Event(
        id="p",
        key="events/planned/p.md",
        status="planned",
        location=Location("IT"),
        texts=EVENT.texts,
    )

    record = event_record(planned, EN, label("en"), PARTNERS)

    assert [key for key, _ in record.filters] == ["type", "country"]
    assert [key for key, _ in record.meta] == ["title", "type"]


def test_registry_records_filter_by_country_and_partner() -> None:
    partner = partner_record(PARTNERS["anima"], EN, label("en"))
    cluster = cluster_record(CLUSTERS["secpho"], EN, label("en"), PARTNERS)
    alone = cluster_record(CLUSTERS["menara"], EN, label("en"), PARTNERS)

    assert partner.filters == [
        ("type", "Partner"),
        ("country", "France"),
        ("partner", "ANIMA Investment Network"),
    ]
    assert cluster.filters == [("type", "Cluster"), ("country", "Spain"), ("partner", "ACCIÓ")]
    assert alone.filters == [("type", "Cluster"), ("country", "Morocco")]


def test_a_static_page_is_a_page() -> None:
    record = page_record("About THE NEXT SOCIETY", label("en"))

    assert record.filters == [("type", "Page")]
    assert record.meta == [("title", "About THE NEXT SOCIETY"), ("type", "Page")]


def test_pagefind_gets_the_head_and_the_content_column_only() -> None:
    page = (
        '<html lang="fr"><head><title>T</title>'
        '<meta content="2018" data-pagefind-filter="Année[content]"></head>'
        '<body dir="ltr"><header>Navigation</header><nav>Menu</nav>'
        '<div class="md-content" data-md-component="content"><article>'
        "<h1 data-pagefind-body>Titre</h1></article></div><footer>Pied</footer></body></html>"
    )
    sent = search_document(page)
    assert sent.startswith('<html lang="fr"><head><title>T</title><meta content="2018"')
    assert "<h1 data-pagefind-body>Titre</h1></article>" in sent
    assert "Navigation" not in sent and "Menu" not in sent and "Pied" not in sent
    assert search_document("<html><body><p>no content column</p></body></html>") == (
        "<html><body><p>no content column</p></body></html>"
    )

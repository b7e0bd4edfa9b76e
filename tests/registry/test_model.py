"""Unit tests for the registry model: countries, collation, bidi runs, listings, backlinks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from nextsociety.model.backlinks import Backlink, Backlinks
from nextsociety.model.bidi import segments
from nextsociety.model.collation import collation_key
from nextsociety.model.countries import country_hint, country_name, is_country
from nextsociety.model.directory import by_country, sort_by_name
from nextsociety.model.records import LocalizedText
from nextsociety.model.registries.base import load_registries
from nextsociety.model.registries.clusters import SECTORS, Cluster, by_sector
from nextsociety.model.registries.partners import KINDS, Partner

from tests.conftest import REPO
from tests.registry.test_golden import languages

STRINGS = yaml.safe_load((REPO / "data" / "site.yml").read_text(encoding="utf-8"))["strings"]
TEMPLATES = [
    REPO / "overrides" / name
    for name in ("partners.html", "partner.html", "clusters.html", "sectors.html", "cluster.html")
]
TEMPLATES.append(REPO / "overrides" / "partials" / "registry.html")


def partner(id_: str, name: str, country: str = "FR") -> Partner:
    return Partner(id=id_, name=name, country=country, kind="agency")


def test_country_codes_are_iso_only():
    assert is_country("GB") and is_country("PS") and is_country("TN")
    assert (
        not is_country("UK")
        and not is_country("EU")
        and not is_country("gb")
        and not is_country("001")
    )


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("UK", "did you mean 'GB' (United Kingdom)?"),
        ("Morocco", "did you mean 'MA' (Morocco)?"),
        ("tn", "did you mean 'TN' (Tunisia)?"),
        ("Marocco", "did you mean 'MA' (Morocco)?"),
        ("Q1", "use a two-letter ISO 3166-1 code, such as 'FR' for France"),
    ],
)
def test_unknown_country_hint(value, hint):
    assert country_hint(value) == hint


def test_country_names_come_from_cldr():
    assert [country_name("EG", lang) for lang in ("en", "fr", "ar")] == ["Egypt", "Égypte", "مصر"]


def test_french_collation_is_not_code_point_order():
    names = ["Tunisie", "Égypte", "Espagne", "Algérie", "ANIMA", "Agence"]
    assert sorted(names, key=collation_key("fr")) == [
        "Agence",
        "Algérie",
        "ANIMA",
        "Égypte",
        "Espagne",
        "Tunisie",
    ]
    assert sorted(names) != sorted(names, key=collation_key("fr"))


def test_arabic_collation_ignores_vowel_marks():
    # A short vowel (fatha, U+064E) sorts after every letter by code point; UCA ignores it.
    names = ["علي", "عَبد"]
    assert sorted(names) == ["علي", "عَبد"]
    assert sorted(names, key=collation_key("ar")) == ["عَبد", "علي"]


def test_sort_by_name_breaks_ties_by_id():
    records = [partner("b", "Same"), partner("a", "Same"), partner("c", "Other")]
    assert [r.id for r in sort_by_name(records, "fr")] == ["c", "a", "b"]


def test_groups_are_sorted_by_localized_country_name():
    records = [partner("t", "T", "TN"), partner("e", "E", "EG"), partner("b", "B", "BE")]
    assert [g.label for g in by_country(records, "fr")] == ["Belgique", "Égypte", "Tunisie"]
    assert [g.key for g in by_country(records, "en")] == ["BE", "EG", "TN"]
    assert [g.label for g in by_country(records, "ar")] == ["بلجيكا", "تونس", "مصر"]


def test_sector_groups_put_clusters_without_sector_last():
    clusters = [
        Cluster("a", "A", "TN", True, sector="water"),
        Cluster("b", "B", "TN", True),
        Cluster("c", "C", "TN", True, sector="beauty"),
    ]
    groups = by_sector(clusters, "en", lambda key: key.title(), "Unknown")
    assert [(g.key, g.label, [c.id for c in g.items]) for g in groups] == [
        ("beauty", "Beauty", ["c"]),
        ("water", "Water", ["a"]),
        ("", "Unknown", ["b"]),
    ]


def test_latin_runs_are_isolated_only_in_rtl_text():
    parts = segments("شريك في THE NEXT SOCIETY، مع R&D Maroc.", "rtl")
    assert [(p.text, p.isolate) for p in parts] == [
        ("شريك في ", False),
        ("THE NEXT SOCIETY", True),
        ("، مع ", False),
        ("R&D Maroc", True),
        (".", False),
    ]
    assert [(p.text, p.isolate) for p in segments("THE NEXT SOCIETY", "ltr")] == [
        ("THE NEXT SOCIETY", False)
    ]


def test_localized_text_falls_back_to_the_default_language():
    text = LocalizedText((("en", "Hello"), ("ar", "مرحبا")), "en")
    assert (text.in_language("fr").text, text.in_language("fr").is_fallback) == ("Hello", True)
    assert text.in_language("fr").direction == "ltr"
    assert (text.in_language("ar").text, text.in_language("ar").is_fallback) == ("مرحبا", False)
    assert text.in_language("ar").direction == "rtl"


def test_paragraphs_split_on_blank_lines():
    text = LocalizedText((("en", "One\nline.\n\nTwo."),), "en")
    assert text.in_language("en").paragraphs == ("One line.", "Two.")


def test_backlinks_keep_sections_in_order_and_ignore_repeats():
    links = Backlinks()
    links.add("partners/a.md", "fr", "registry.backlinks.clusters", Backlink("C", "fr/clusters/c/"))
    links.add("partners/a.md", "fr", "news.backlinks", Backlink("N", "fr/news/n/", lang="en"))
    links.add("partners/a.md", "fr", "registry.backlinks.clusters", Backlink("C", "fr/clusters/c/"))
    sections = links.sections("partners/a.md", "fr")
    assert [(s.heading, len(s.links)) for s in sections] == [
        ("registry.backlinks.clusters", 1),
        ("news.backlinks", 1),
    ]
    assert links.sections("partners/a.md", "en") == ()


def test_the_real_registries_load_with_the_seed_facts():
    registries = load_registries(REPO / "data", languages())
    assert len(registries.partners) == 31 and len(registries.clusters) == 17
    assert registries.partners["accio"].country == "ES"
    assert registries.partners["mowgli-foundation"].country == "GB"
    assert all(p.website is None for p in registries.partners.values())  # the seed gives none
    assert {c.id for c in registries.clusters.values() if not c.cluster_booster_track} == {
        "solartys",
        "secpho",
        "catalan-water-partnership",
        "femac",
        "catalonia-gourmet",
        "beauty-cluster-barcelona",
    }
    press = registries.contacts["inmaculada-ruiz"]
    assert (press.phone, press.email, press.kind) == (
        "+33 4 96 11 67 69",
        "inmaculada.ruiz@anima.coop",
        "press",
    )
    assert registries.contacts["the-next-society"].email == "welcome@thenextsociety.co"


def test_every_kind_and_sector_is_translated():
    for key in [f"registry.kind.{k}" for k in KINDS] + [f"registry.sector.{s}" for s in SECTORS]:
        assert set(STRINGS[key]) == {"en", "fr", "ar"}, key


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_every_string_a_template_uses_is_translated(template: Path):
    keys = re.findall(
        r"""i18n\.t\(\s*["']([a-z0-9_.\-]+)["']""", template.read_text(encoding="utf-8")
    )
    keys += re.findall(
        r"""["'](registry\.[a-z0-9_.\-]+)["']""", template.read_text(encoding="utf-8")
    )
    assert keys
    for key in keys:
        if key.endswith("."):
            continue  # a prefix completed with a kind or sector, checked above
        assert key in STRINGS and set(STRINGS[key]) == {"en", "fr", "ar"}, key


def test_serve_watches_the_data_folder(tmp_path):
    from nextsociety.plugins.registry import RegistryPlugin

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    plugin = RegistryPlugin()
    plugin.data_dir = tmp_path / "data"
    server = Server()
    plugin.on_serve(server, config=None, builder=lambda: None)  # type: ignore[arg-type]
    assert server.watched == [str(tmp_path / "data")]

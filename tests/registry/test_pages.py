"""Build tests on the real registries: every page in every language, listed once, in order."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.registry.conftest import LANGS, PREFIX, REPO_URL, real_records, resolve, site_path

PARTNERS = real_records("partners.yml")
CLUSTERS = real_records("clusters.yml")


def listed(soup, index: str) -> list[tuple[str, str]]:
    """(record id, href) of every entry of an index page, in page order."""
    return [
        (li["data-ns-record"], li.a["href"])
        for li in soup.select(f'[data-ns-index="{index}"] li[data-ns-record]')
    ]


def group_labels(soup, index: str) -> list[str]:
    return [
        section.find(["h2", "h3"]).contents[0].strip()
        for section in soup.select(f'[data-ns-index="{index}"] section[data-ns-group]')
    ]


def names_in_group(soup, index: str, code: str) -> list[str]:
    section = soup.select_one(f'[data-ns-index="{index}"] section[data-ns-group="{code}"]')
    return [bdi.get_text() for bdi in section.select("li bdi")]


def test_the_seed_has_31_partners_and_17_clusters():
    assert len(PARTNERS) == 31
    assert len(CLUSTERS) == 17
    assert sum(c["cluster_booster_track"] for c in CLUSTERS) == 11


@pytest.mark.parametrize("lang", LANGS)
def test_every_partner_has_a_page_listed_exactly_once(seed_site, lang):
    index_url = PREFIX[lang] + "partners/"
    entries = listed(seed_site.soup(index_url), "partners")
    ids = [record_id for record_id, _ in entries]
    assert Counter(ids) == Counter(p["id"] for p in PARTNERS)  # each once, none missing
    for record_id, href in entries:
        assert resolve(index_url, href) == f"{PREFIX[lang]}partners/{record_id}/"
        assert site_path(seed_site, f"{PREFIX[lang]}partners/{record_id}").is_file()
    pages = [p for p in (seed_site.site / PREFIX[lang] / "partners").iterdir() if p.is_dir()]
    assert len(pages) == 31


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("index", ["clusters", "sectors"])
def test_every_cluster_has_a_page_listed_exactly_once(seed_site, lang, index):
    index_url = PREFIX[lang] + ("clusters/" if index == "clusters" else "clusters/sectors/")
    entries = listed(seed_site.soup(index_url), index)
    assert Counter(record_id for record_id, _ in entries) == Counter(c["id"] for c in CLUSTERS)
    for record_id, href in entries:
        assert resolve(index_url, href) == f"{PREFIX[lang]}clusters/{record_id}/"
        assert site_path(seed_site, f"{PREFIX[lang]}clusters/{record_id}").is_file()


def test_french_partners_are_grouped_and_sorted_by_french_rules(seed_site):
    soup = seed_site.soup("fr/partners/")
    # Code-point order would put "Égypte" after "Tunisie" and "ANIMA" before "Agence".
    assert group_labels(soup, "partners") == [
        "Algérie",
        "Belgique",
        "Égypte",
        "Espagne",
        "France",
        "Grèce",
        "Italie",
        "Jordanie",
        "Liban",
        "Maroc",
        "Palestine",  # the press release's name (CLDR: "Territoires palestiniens")
        "Royaume-Uni",
        "Tunisie",
    ]
    assert names_in_group(soup, "partners", "FR") == [
        "Agence Régionale d'Innovation et d'Internationalisation",
        "ANIMA Investment Network",
        "Big Booster",
        "Forum Euro-méditerranéen des Instituts de Sciences Economiques",
        "France Clusters",
        "Institut de la Méditerranée",
        "Kedge Business School",
    ]


def test_arabic_partners_are_grouped_by_arabic_country_names_in_arabic_order(seed_site):
    soup = seed_site.soup("ar/partners/")
    assert soup.html["lang"] == "ar"
    assert soup.body["dir"] == "rtl"
    assert group_labels(soup, "partners") == [
        "إسبانيا",
        "إيطاليا",
        "الأردن",
        "الجزائر",
        "المغرب",
        "المملكة المتحدة",
        "اليونان",
        "بلجيكا",
        "تونس",
        "فرنسا",
        "فلسطين",  # the press release's name (CLDR: "الأراضي الفلسطينية")
        "لبنان",
        "مصر",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_country_headings_count_their_partners(seed_site, lang):
    soup = seed_site.soup(PREFIX[lang] + "partners/")
    expected = Counter(p["country"] for p in PARTNERS)
    for section in soup.select('[data-ns-index="partners"] section[data-ns-group]'):
        count = section.select_one(".ns-count").get_text()
        assert count == f"({expected[section['data-ns-group']]})"
        assert len(section.select("li")) == expected[section["data-ns-group"]]


def test_clusters_by_sector_in_french(seed_site):
    soup = seed_site.soup("fr/clusters/sectors/")
    labels = group_labels(soup, "sectors")
    assert labels[0] == "Ameublement" and labels[-1] == "Secteur non précisé"
    assert labels.index("Énergie solaire") < labels.index("Huile d’olive")
    assert names_in_group(soup, "sectors", "solar-energy") == ["Solar Energy Cluster (Solartys)"]


def test_partner_page_shows_facts_and_isolated_latin_names_in_arabic(seed_site):
    soup = seed_site.soup("ar/partners/accio/")
    assert soup.h1.bdi.get_text() == "Agencia per a la Competitivitat de l'Empresa - ACCIÓ"
    facts = [dd.get_text(strip=True) for dd in soup.select("dl.ns-facts dd")]
    assert facts == ["إسبانيا", "وكالة"]
    description = soup.select_one(".ns-description__text")
    assert "THE NEXT SOCIETY" in [bdi.get_text() for bdi in description.select("bdi")]
    assert not soup.select("[data-ns-fallback-notice]")  # the Arabic text exists


def test_cluster_page_shows_region_sector_and_programme(seed_site):
    soup = seed_site.soup("fr/clusters/solartys/")
    facts = [dd.get_text(strip=True) for dd in soup.select("dl.ns-facts dd")]
    # no events plugin here: the visit that makes it a host cluster is tested on the real site
    assert facts == ["Espagne", "Catalogne", "Énergie solaire", "Non participant"]
    member = seed_site.soup("clusters/oasis500/")
    assert member.select_one("[data-ns-booster-track]")["data-ns-booster-track"] == "true"


def test_partner_without_links_has_no_empty_sections(seed_site):
    soup = seed_site.soup("partners/berytech/")
    assert not soup.select("section.ns-backlinks")
    assert not soup.select("section.ns-description")


def test_generated_pages_are_translations_of_each_other(seed_site):
    soup = seed_site.soup("fr/partners/accio/")
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "en": "https://example.org/partners/accio/",
        "fr": "https://example.org/fr/partners/accio/",
        "ar": "https://example.org/ar/partners/accio/",
        "x-default": "https://example.org/partners/accio/",
    }
    assert "https://example.org/ar/clusters/secpho/" in seed_site.html("sitemap.xml")


def test_edit_this_page_opens_the_yaml_file(seed_site):
    partner = seed_site.soup("fr/partners/accio/").select_one('a[rel="edit"]')
    assert partner["href"] == REPO_URL + "edit/main/data/partners.yml"
    index = seed_site.soup("clusters/sectors/").select_one('a[rel="edit"]')
    assert index["href"] == REPO_URL + "edit/main/data/clusters.yml"


def test_navigation_has_partners_and_clusters_in_each_language():
    from tests.conftest import REAL_CONFIG

    languages = REAL_CONFIG["plugins"][0]["nextsociety/i18n"]["languages"]
    for options in languages.values():
        targets = [next(iter(entry.values())) for entry in options["nav"]]
        assert "partners/index.md" in targets and "clusters/index.md" in targets


def test_the_build_has_no_warning(seed_site):
    assert "WARNING" not in seed_site.log


@pytest.mark.parametrize("lang", LANGS)
def test_record_pages_have_no_previous_or_next_page(seed_site, lang):
    # MkDocs' own neighbours of a page outside the navigation would cross languages.
    for url in ("partners/rd-maroc/", "clusters/solartys/", "clusters/sectors/"):
        assert not seed_site.soup(PREFIX[lang] + url).select(".md-footer__link")


def test_titles_with_ampersand_are_escaped_once(seed_site):
    soup = seed_site.soup("partners/rd-maroc/")
    assert soup.title.get_text() == "R&D Maroc - THE NEXT SOCIETY"
    assert (
        soup.select_one(".md-header__topic:last-child .md-ellipsis").get_text(strip=True)
        == "R&D Maroc"
    )

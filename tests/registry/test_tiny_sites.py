"""Build tests on small registries: escaping, backlinks, fallback marking, and failing builds."""

from __future__ import annotations

import pytest

from tests.registry.conftest import LANGS, PREFIX, registry_yml, resolve

PARTNERS = """
- id: tom-and-jerry
  name: Tom & Jerry <3 &lt;script&gt;alert(1)&lt;/script&gt;
  country: FR
  kind: agency
  description:
    en: Fish & Chips <3 for everyone.

- id: acme
  name: Acme
  country: TN
  kind: network
  website: https://acme.example.org/?a=1&b=2
  description:
    en: Only in English.
    ar: بالعربية مع Acme Network.

- id: lonely
  name: Lonely
  country: TN
  kind: network
"""
CLUSTERS = """
- id: olive
  name: Olive & Oil Cluster
  country: TN
  sector: olive-oil
  cluster_booster_track: true
  partner: acme

- id: water
  name: Water Cluster
  country: ES
  region: {en: Catalonia}
  cluster_booster_track: false
  partner: acme
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    from tests.conftest import run_mkdocs_build
    from tests.registry.conftest import PAGES

    project = tmp_path_factory.mktemp("tiny") / "project"
    files = {**PAGES, "data/partners.yml": PARTNERS, "data/clusters.yml": CLUSTERS}
    files["data/contacts.yml"] = (
        "- id: press\n  kind: press\n  name: Press\n  email: press@example.org\n"
    )
    for name, text in files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip("\n"), encoding="utf-8")
    (project / "mkdocs.yml").write_text(registry_yml(), encoding="utf-8")
    result = run_mkdocs_build(project, project.parent / "site")
    assert result.returncode == 0, result.log
    assert "WARNING" not in result.log
    return result


NAME = "Tom & Jerry <3 &lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.mark.parametrize("lang", LANGS)
def test_names_with_ampersand_and_angle_brackets_are_shown_as_text(tiny, lang):
    url = PREFIX[lang] + "partners/tom-and-jerry/"
    soup = tiny.soup(url)
    assert soup.h1.get_text() == NAME
    assert soup.title.get_text().startswith(NAME + " - ")
    assert not [s for s in soup.find_all("script") if "alert(1)" in s.get_text()]
    html = tiny.html(url)
    assert "&lt;script&gt;alert(1)" not in html.replace("&amp;lt;script&amp;gt;alert(1)", "")
    index = tiny.soup(PREFIX[lang] + "partners/")
    assert NAME in [bdi.get_text() for bdi in index.select('[data-ns-index="partners"] bdi')]


def test_description_with_ampersand_is_text(tiny):
    soup = tiny.soup("partners/tom-and-jerry/")
    assert soup.select_one(".ns-description__text p").get_text() == "Fish & Chips <3 for everyone."


def test_website_is_an_external_link(tiny):
    link = tiny.soup("fr/partners/acme/").select_one("dl.ns-facts a[rel~=external]")
    assert link["href"] == "https://acme.example.org/?a=1&b=2"
    assert "noopener" in link["rel"]


@pytest.mark.parametrize("lang", LANGS)
def test_partner_page_lists_the_clusters_that_name_it(tiny, lang):
    url = PREFIX[lang] + "partners/acme/"
    sections = tiny.soup(url).select("section.ns-backlinks")
    assert [s["data-ns-backlinks"] for s in sections] == ["registry.backlinks.clusters"]
    links = [(a.get_text(), resolve(url, a["href"])) for a in sections[0].select("a")]
    assert links == [
        ("Olive & Oil Cluster", f"{PREFIX[lang]}clusters/olive/"),
        ("Water Cluster", f"{PREFIX[lang]}clusters/water/"),
    ]
    cluster_url = PREFIX[lang] + "clusters/olive/"
    partner = tiny.soup(cluster_url).select_one("dl.ns-facts a bdi")
    assert partner.get_text() == "Acme"
    assert resolve(cluster_url, partner.parent["href"]) == url


def test_partner_without_clusters_has_no_backlink_section(tiny):
    assert not tiny.soup("fr/partners/lonely/").select("section.ns-backlinks")


def test_untranslated_description_falls_back_to_english_marked(tiny):
    soup = tiny.soup("fr/partners/acme/")
    notice = soup.select_one("[data-ns-fallback-notice]")
    assert (
        notice.get_text(strip=True)
        == "Ce texte n’est pas encore disponible en français\u202f; il est affiché en anglais."
    )
    text = soup.select_one(".ns-description__text")
    assert (text["lang"], text["dir"], text.get_text(strip=True)) == (
        "en",
        "ltr",
        "Only in English.",
    )


def test_translated_description_is_not_marked(tiny):
    soup = tiny.soup("ar/partners/acme/")
    assert not soup.select("[data-ns-fallback-notice], [data-ns-fallback]")
    text = soup.select_one(".ns-description__text")
    assert not text.has_attr("lang")
    assert [bdi.get_text() for bdi in text.select("bdi")] == ["Acme Network"]
    english = tiny.soup("partners/acme/")
    assert not english.select("[data-ns-fallback-notice]")


def test_arabic_fallback_notice_is_in_arabic(tiny):
    soup = tiny.soup("ar/partners/tom-and-jerry/")
    assert "الإنجليزية" in soup.select_one("[data-ns-fallback-notice]").get_text()
    assert soup.select_one(".ns-description__text")["dir"] == "ltr"


def test_untranslated_region_is_marked_english(tiny):
    region = tiny.soup("fr/clusters/water/").select_one("dl.ns-facts [data-ns-fallback]")
    assert (region["lang"], region.get_text()) == ("en", "Catalonia")


# -- failing builds: file, line and hint, every problem at once, no traceback ---------------

BAD_PARTNERS = """
- id: acme
  name: Acme
  countrry: FR
  kind: network

- id: beta
  name: Beta
  country: UK
  kind: network

- id: acme
  name: Acme again
  country: TN
  kind: network
"""


def test_misspelled_key_unknown_country_and_duplicate_id_fail_the_build(registry_check):
    result = registry_check({"partners.yml": BAD_PARTNERS})
    assert result.returncode != 0
    assert (
        "data/partners.yml:3: unknown key 'countrry' in partner (did you mean 'country'?)"
        in result.log
    )
    assert (
        "data/partners.yml:8: unknown country code 'UK' (did you mean 'GB' (United Kingdom)?)"
        in result.log
    )
    assert (
        "data/partners.yml:11: the id 'acme' is used twice (first used on line 1; each partner needs its own id)"
        in result.log
    )


def test_markup_in_a_name_is_refused(registry_check):
    bad = "- id: x\n  name: <script>alert(1)</script>\n  country: FR\n  kind: agency\n"
    result = registry_check({"partners.yml": bad})
    assert result.returncode != 0
    assert "data/partners.yml:2: 'name': contains HTML markup" in result.log


def test_cluster_pointing_to_unknown_partner_suggests_the_closest(registry_check):
    clusters = (
        "- id: c\n  name: C\n  country: TN\n  cluster_booster_track: true\n  partner: beta-netwrk\n"
    )
    result = registry_check({"clusters.yml": clusters})
    assert result.returncode != 0
    assert (
        "data/clusters.yml:5: cluster 'c' refers to the unknown partner 'beta-netwrk' (did you mean 'beta-network'?)"
        in result.log
    )


def test_registry_listed_before_i18n_is_a_clear_error(registry_site):
    result = registry_site(mkdocs_yml=registry_yml(plugin_first=True))
    assert result.returncode != 0
    assert "list nextsociety/i18n before nextsociety/registry" in result.log
    assert "Traceback" not in result.log


def test_a_content_page_at_a_generated_path_is_an_error(check_site):
    from tests.registry.conftest import PAGES, base_data

    files = {**PAGES, **base_data(), "content/partners/index.md": "# Partners\n"}
    result = check_site(files, mkdocs_yml=registry_yml())
    assert result.returncode != 0
    assert (
        "content/partners/index.md: clashes with the page nextsociety/registry generates"
        in result.log
    )


def test_other_plugins_find_registry_urls_and_add_backlinks(tmp_path):
    """The API a news or events plugin uses: the URL of a page, `add_backlinks` for a partner."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files
    from nextsociety.model.backlinks import Backlink
    from nextsociety.model.urls import cluster_page_key, partner_page_key
    from nextsociety.plugins.i18n import site_services

    from tests.registry.conftest import PAGES, base_data

    for name, text in {**PAGES, **base_data()}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(registry_yml(), encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins.on_config(config)
    config.plugins.on_files(Files([]), config=config)
    services = site_services(config, "nextsociety/registry")
    fr, ar = services.languages.get("fr"), services.languages.get("ar")
    assert services.pages.url(partner_page_key("acme-agency"), fr) == "fr/partners/acme-agency/"
    assert services.pages.url(cluster_page_key("olive-cluster"), ar) == "ar/clusters/olive-cluster/"
    assert services.pages.variant(partner_page_key("nobody"), fr) is None
    assert services.registry_links("partners", ["acme-agency", "nobody"], fr) == [
        ("Acme Agency", "fr/partners/acme-agency/")
    ]
    link = Backlink("News", "fr/news/x/")
    services.add_backlinks({"partners": ["acme-agency"]}, fr, "news.title", link)
    sections = services.backlinks.sections(partner_page_key("acme-agency"), "fr")
    assert [section.heading for section in sections] == ["news.title"]

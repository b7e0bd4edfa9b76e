"""Issue 15, truth of content: every date, place and organisation the release, event and partner
pages show comes from the seed press release or an editor-written data file; nothing invented."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, BuildResult, run_mkdocs_build

# The seed press release every fact must trace to, kept with the tests (a copy of the project's
# ../shared/seeds/000_958d191f4b3181d1.txt, checked below while that folder exists).
SEED = REPO / "tests" / "fixtures" / "seed-press-release.txt"
SHARED_SEED = REPO.parent / "shared" / "seeds" / "000_958d191f4b3181d1.txt"
RELEASE = "news/2018/barcelona-benchmarking-visit/"
PLANNED = ("wallonia", "region-sud", "piedmont")
PREFIXES = ("", "fr/", "ar/")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# The SHA-256 of the programme's press release (shared/seeds/000_958d191f4b3181d1.txt): the copy
# in tests/fixtures is that text, byte for byte, wherever the suite runs.
SEED_SHA256 = "cf8fdbda63d38c6c630d4f01e41791dda26fc3b1993702b11fde12a07bb3b5e5"


def test_the_seed_copy_is_the_seed() -> None:
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256
    if SHARED_SEED.exists():  # beside the project on the developers' machines
        assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def normal(text: str) -> str:
    """Compare names without case, accents, quotes or spacing differences ("Région"/"Region SUD")."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def editor_data() -> str:
    """The editor-written data files and front matter: the other allowed source of facts."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((REPO / "data").glob("*.yml"))]
    for path in sorted((REPO / "content").rglob("*.md")):
        texts.append(path.read_text(encoding="utf-8").split("---\n")[1])
    return "\n".join(texts)


def english_pages(site: BuildResult) -> dict[str, object]:
    """The release, every event and every partner page, in English (the seed's language)."""
    urls = [RELEASE, "events/2018/barcelona-benchmarking-visit/"]
    urls += [f"events/planned/benchmarking-visit-{slug}/" for slug in PLANNED]
    urls += [
        f"partners/{p.name}/" for p in sorted((site.site / "partners").iterdir()) if p.is_dir()
    ]
    return {url: site.soup(url) for url in urls}


def shown_dates(soup) -> list[str]:
    """Dates the page states, except when the page itself last changed (its own metadata)."""
    for node in soup.select(".ns-last-updated"):
        node.decompose()
    article = soup.select_one("article") or soup
    pattern = rf"(?:\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?\s+)?(?:{'|'.join(MONTHS)})\s+\d{{4}}"
    return re.findall(pattern, article.get_text(" "))


def test_every_date_shown_is_in_the_seed(real_site: BuildResult) -> None:
    seed = seed_text()
    # the seed's dates: "19 to 23 November 2018" (days and month) and the years 2017-2020
    seed_days = {
        (int(d), m, int(y))
        for a, b, m, y in re.findall(rf"(\d+) to (\d+) ({'|'.join(MONTHS)}) (\d{{4}})", seed)
        for d in (a, b)
    }
    seed_months = {(m, int(y)) for _, m, y in seed_days}
    checked = 0
    for url, soup in english_pages(real_site).items():
        for date in shown_dates(soup):
            month, year = re.findall(rf"({'|'.join(MONTHS)})\s+(\d{{4}})", date)[0]
            assert (month, int(year)) in seed_months, f"{url}: '{date}' is not in the seed"
            for day in re.findall(r"^\d{1,2}|(?<=[–-])\s*\d{1,2}", date):
                assert (int(day), month, int(year)) in seed_days, (
                    f"{url}: day {day} of '{date}' is not in the seed"
                )
            checked += 1
    assert checked >= 3  # the release's month, the visit's range on the event page, …


def test_the_release_has_no_invented_day_or_dateline(real_site: BuildResult) -> None:
    seed_text()
    for prefix in PREFIXES:
        soup = real_site.soup(prefix + RELEASE)
        assert not soup.select(".ns-dateline"), prefix
        assert soup.select_one(".ns-item__meta time")["datetime"] == "2018-11"
        blocks = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
        (data,) = [block for block in blocks if block["@type"] == "NewsArticle"]
        assert data["datePublished"] == "2018-11"
        assert soup.select_one('meta[property="article:published_time"]')["content"] == "2018-11"
        json_feed = json.loads((real_site.site / prefix / "feed.json").read_text(encoding="utf-8"))
        assert "date_published" not in json_feed["items"][0]
        atom = (real_site.site / prefix / "feed.xml").read_text(encoding="utf-8")
        assert "<published>" not in atom and ",2018-11:news/2018/" in atom
    everything = "\n".join(p.read_text(encoding="utf-8") for p in real_site.site.rglob("*.html"))
    for invented in ("30 November 2018", "30 novembre 2018", "30 نوفمبر 2018", "2018-11-30"):
        assert invented not in everything, invented


def test_every_place_shown_is_in_the_seed_or_the_editors_data(real_site: BuildResult) -> None:
    seed, data = normal(seed_text()), normal(editor_data())
    for url, soup in english_pages(real_site).items():
        if not url.startswith("events/"):
            continue
        facts = dict(
            zip(
                [dt_.get_text(strip=True) for dt_ in soup.select("dl.ns-facts dt")],
                soup.select("dl.ns-facts dd"),
            )
        )
        for part in re.split(r",|\(|\)", facts["Place"].get_text(" ")):
            if part.strip():
                assert normal(part) in seed or normal(part) in data, (
                    f"{url}: place '{part.strip()}'"
                )


def test_every_organisation_shown_is_in_the_seed(real_site: BuildResult) -> None:
    seed = normal(seed_text())
    for url, soup in english_pages(real_site).items():
        names = [
            a.get_text(" ", strip=True)
            for a in soup.select("article a[href]")
            if re.search(r"(partners|clusters)/[a-z0-9-]+/$", a["href"])
        ]
        names += (
            [h1.get_text(" ", strip=True) for h1 in soup.select("article h1")]
            if url.startswith("partners/")
            else []
        )
        for name in names:
            assert normal(name) in seed, f"{url}: '{name}' is not named in the seed"


def test_relations_say_what_the_seed_says(real_site: BuildResult) -> None:
    seed = seed_text()
    organised = re.search(r"were organised by (.*?)\.\n", seed)
    assert organised is not None
    release = real_site.soup(RELEASE)
    headings = {
        section.h2.get_text(strip=True): [a.get_text(strip=True) for a in section.select("a")]
        for section in release.select(".ns-item__mentions")
    }
    assert "Partners mentioned" not in headings
    organisers = headings["Organised by"]
    assert organisers and all(name.split(" - ")[-1] in organised.group(1) for name in organisers)
    assert not any("ANIMA" in name for names in headings.values() for name in names)
    # ANIMA: the press contact's organisation (the seed gives an anima.coop address)
    contact = release.select_one(".ns-item__contact")
    assert "anima.coop" in seed and "ANIMA Investment Network" in contact.get_text()
    anima = real_site.soup("partners/anima-investment-network/")
    assert [s["data-ns-backlinks"] for s in anima.select("[data-ns-backlinks]")] == [
        "registry.backlinks.contact"
    ]
    # planned sessions: the seed names no host agency
    for slug in PLANNED:
        for prefix in PREFIXES:
            soup = real_site.soup(f"{prefix}events/planned/benchmarking-visit-{slug}/")
            assert soup.select_one(".ns-hosts-unnamed"), (prefix, slug)
            headings = [h.get_text(strip=True) for h in soup.select(".ns-item__mentions h2")]
            assert not any(
                h in ("Organised by", "Organisé par", "الجهات المنظمة") for h in headings
            )
    assert (
        "Other Benchmarking Visit and Training sessions will be hosted by regional agencies" in seed
    )
    assert "will be hosted by regional agencies" in real_site.html(
        "events/planned/benchmarking-visit-piedmont/"
    )
    # Catalan clusters the visit went to are visited host clusters
    solartys = real_site.soup("clusters/solartys/")
    assert (
        solartys.select_one("[data-ns-booster-track]").get_text(strip=True)
        == "Host cluster visited during a benchmarking visit"
    )


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_programme_address_and_account_are_in_every_footer(
    real_site: BuildResult, prefix: str
) -> None:
    seed = seed_text()
    assert "welcome@thenextsociety.co" in seed and "@TheNext_Society" in seed
    for url in ("", "about/", "press/", RELEASE):
        footer = real_site.soup(prefix + url).select_one("footer .ns-follow")
        assert footer is not None, prefix + url
        assert footer.select_one('a[href="mailto:welcome@thenextsociety.co"]')
        assert (
            footer.select_one('a[href="https://x.com/TheNext_Society"]').get_text()
            == "@TheNext_Society"
        )
    press = real_site.soup(prefix + "press/")
    assert "@TheNext_Society" in press.select_one("article").get_text()


# -- country names as the seed gives them ------------------------------------------------------

SEED_NAMES = {
    "PS": ("Palestine", "Palestine", "فلسطين"),
    "GB": ("United Kingdom", "Royaume-Uni", "المملكة المتحدة"),
}
CLDR_NAMES = ("Palestinian Territories", "Territoires palestiniens", "الأراضي الفلسطينية")


def test_no_page_index_or_calendar_shows_cldrs_name_for_palestine(real_site: BuildResult) -> None:
    outputs = [
        p
        for p in real_site.site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json", ".ics")
    ]
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        for name in CLDR_NAMES:
            assert name not in text, f"{path.relative_to(real_site.site)} shows CLDR's '{name}'"


@pytest.mark.parametrize(("index", "prefix"), list(enumerate(PREFIXES)))
def test_every_place_that_shows_a_country_uses_the_seeds_name(
    real_site: BuildResult, index: int, prefix: str
) -> None:
    palestine, united_kingdom = SEED_NAMES["PS"][index], SEED_NAMES["GB"][index]
    partner = real_site.soup(prefix + "partners/arabreneur/")
    assert partner.select_one("dl.ns-facts dd").get_text(strip=True) == palestine
    assert (
        real_site.soup(prefix + "partners/mowgli-foundation/")
        .select_one("dl.ns-facts dd")
        .get_text(strip=True)
        == united_kingdom
    )
    cluster = real_site.soup(prefix + "clusters/house-of-furniture/")
    assert cluster.select_one("dl.ns-facts dd").get_text(strip=True) == palestine
    groups = [
        h.get_text(" ", strip=True)
        for h in real_site.soup(prefix + "partners/").select("[data-ns-group] h2")
    ]
    assert any(g.startswith(palestine) for g in groups) and any(
        g.startswith(united_kingdom) for g in groups
    )
    # search filters (Pagefind metadata) of the cluster page
    filters = " ".join(m.get("content", "") for m in cluster.select("meta[data-pagefind-filter]"))
    assert palestine in filters


def test_events_validate_countries_like_the_registries() -> None:
    from nextsociety.model.countries import is_country
    from nextsociety.model.errors import DataError
    from nextsociety.model.events import load_events
    from nextsociety.model.languages import parse_languages
    from nextsociety.model.references import KnownIds

    languages = parse_languages(
        "en",
        yaml.safe_load("en: {name: English, site_name: S}\nfr: {name: Français, site_name: S}"),
    )
    for code in ("EU", "ZZ", "UK"):
        assert not is_country(code)
        source = f"---\ntitle: T\nsummary: S\nstatus: held\nstart: 2018-11-19\nlocation:\n  country: {code}\n---\nx\n"
        with pytest.raises(DataError) as caught:
            load_events([("events/2018/e.md", source)], languages, KnownIds())
        assert f"content/events/2018/e.md:7: unknown country code '{code}'" in caught.value.report()


# -- status on the day of the build ------------------------------------------------------------


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC).timestamp()))


def section_titles(site: BuildResult, prefix: str, section: str) -> list[str]:
    soup = site.soup(prefix + "events/")
    return [
        a.get_text(strip=True)
        for a in soup.select(f'section[aria-labelledby="ns-{section}"] .ns-entry__title a')
    ]


@pytest.fixture(scope="module")
def site_in_november_2018(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = run_mkdocs_build(
        REPO,
        tmp_path_factory.mktemp("nov2018") / "site",
        env={"SOURCE_DATE_EPOCH": epoch(dt.date(2018, 11, 26))},
    )
    assert result.returncode == 0, result.log
    return result


def test_built_in_november_2018_the_planned_sessions_are_upcoming(
    site_in_november_2018: BuildResult,
) -> None:
    assert len(section_titles(site_in_november_2018, "", "upcoming")) == 3
    assert not section_titles(site_in_november_2018, "", "announced")
    soup = site_in_november_2018.soup("fr/events/planned/benchmarking-visit-piedmont/")
    assert soup.select_one(".ns-badge").get_text(strip=True) == "Prévu"
    assert "Dates à préciser" in soup.select_one("dl.ns-facts").get_text()
    # the release is dated "November 2018": published once the month is over, not on a guessed day
    assert not (site_in_november_2018.site / RELEASE).exists()


@pytest.mark.parametrize(
    ("prefix", "text"),
    [
        ("", "Announced in November 2018 — no dates published"),
        ("fr/", "Annoncé en novembre 2018 — aucune date publiée"),
        ("ar/", "أُعلن عنها في نوفمبر 2018 — لم تُنشر مواعيدها"),
    ],
)
def test_built_today_the_2018_plans_are_announced_not_upcoming(
    real_site: BuildResult, prefix: str, text: str
) -> None:
    today = dt.date.today()
    if today < dt.date(2019, 12, 1):
        pytest.skip("the plans of November 2018 are less than a year old")
    assert not section_titles(real_site, prefix, "upcoming")
    assert len(section_titles(real_site, prefix, "announced")) == 3
    for slug in PLANNED:
        facts = real_site.soup(f"{prefix}events/planned/benchmarking-visit-{slug}/").select_one(
            "dl.ns-facts"
        )
        assert text in facts.get_text(), (prefix, slug)
        assert (
            "Upcoming" not in facts.get_text() and "Dates to be announced" not in facts.get_text()
        )


def test_the_build_date_is_source_date_epoch_unless_the_test_date_is_set() -> None:
    from nextsociety.model.clock import build_date

    assert build_date({"SOURCE_DATE_EPOCH": epoch(dt.date(2018, 11, 26))}) == dt.date(2018, 11, 26)
    assert build_date(
        {"SOURCE_DATE_EPOCH": "1", "NEXTSOCIETY_BUILD_DATE": "2020-01-02"}
    ) == dt.date(2020, 1, 2)
    assert build_date({}) == dt.datetime.now(dt.UTC).date()  # the clock's UTC day
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH='soon' is not a number"):
        build_date({"SOURCE_DATE_EPOCH": "soon"})


def test_the_build_instant_has_a_time_and_a_zone() -> None:
    from nextsociety.model.clock import build_instant

    late = dt.datetime(2026, 12, 10, 8, 59, 30, tzinfo=dt.UTC)
    assert build_instant({"SOURCE_DATE_EPOCH": str(int(late.timestamp()))}) == late
    assert build_instant({"NEXTSOCIETY_BUILD_DATE": "2026-12-10T09:59:30+01:00"}) == late
    assert build_instant({"NEXTSOCIETY_BUILD_DATE": "2026-12-10"}) == late.replace(
        hour=0, minute=0, second=0
    )
    with pytest.raises(ValueError, match="has no time zone"):
        build_instant({"NEXTSOCIETY_BUILD_DATE": "2026-12-10T10:00:00"})


def test_pages_say_when_their_content_last_changed(real_site: BuildResult) -> None:
    git = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%cI", "--", "content/about.fr.md"],
        capture_output=True,
        text=True,
        check=False,
    )
    if git.returncode != 0 or not git.stdout.strip():
        pytest.skip("not a git checkout")
    shown = real_site.soup("fr/about/").select_one(".ns-last-updated time")
    assert shown["datetime"] == git.stdout.strip()[:10]
    assert shown.get_text().endswith(git.stdout.strip()[:4])
    partner = real_site.soup("ar/partners/accio/").select_one(".ns-last-updated time")
    data = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%cI", "--", "data/partners.yml"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert partner["datetime"] == data.stdout.strip()[:10]


def test_a_contacts_organisation_and_handle_are_validated(tmp_path: Path) -> None:
    from nextsociety.model.errors import DataError
    from nextsociety.model.registries import load_registries

    from tests.registry.test_golden import case_data, languages

    data = case_data("valid", tmp_path)
    contacts = data / "contacts.yml"
    good = (
        contacts.read_text(encoding="utf-8")
        + "  organisation: alpha\n  twitter: '@TheNext_Society'\n"
    )
    first_partner = yaml.safe_load((data / "partners.yml").read_text(encoding="utf-8"))[0]["id"]
    contacts.write_text(
        good.replace("organisation: alpha", f"organisation: {first_partner}"), encoding="utf-8"
    )
    (contact,) = load_registries(data, languages()).contacts.values()
    assert (contact.organisation, contact.twitter_url) == (
        first_partner,
        "https://x.com/TheNext_Society",
    )
    for wrong, message in [
        (
            good.replace("@TheNext_Society", "TheNext Society"),
            "'TheNext Society' is not an X (Twitter) handle",
        ),
        (good, "contact 'press-officer' refers to the unknown partner 'alpha'"),
    ]:
        contacts.write_text(wrong, encoding="utf-8")
        with pytest.raises(DataError) as caught:
            load_registries(data, languages())
        assert message in caught.value.report()

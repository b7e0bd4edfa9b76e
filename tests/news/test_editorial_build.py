"""The editorial workflow on built pages and feeds, parsed back: an embargo with a time, a
correction and the outdated translation, a withdrawn release."""

from __future__ import annotations

import feedparser

from tests.cli.conftest import nextsociety
from tests.news.conftest import BUILD_DATE, news_file
from tests.news.test_news_build import entry_titles

TIMED = "2026-12-10T10:00:00+01:00"  # 09:00 UTC


def _public_everywhere(result, path: str) -> bool:
    feed = feedparser.parse((result.site / "feed.xml").read_bytes())
    sitemap = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    shown = [
        (result.site / path / "index.html").is_file(),
        "Timed" in entry_titles(result, "news/"),
        any(entry.title == "Timed" for entry in feed.entries),
        f"/{path}</loc>" in sitemap,
    ]
    assert len(set(shown)) == 1, shown  # all or nothing
    return shown[0]


def test_an_embargo_with_a_time_one_minute_before_and_after(news_site):
    files = {"content/news/2026/timed.md": news_file("Timed", TIMED)}
    before = news_site(files, env={"NEXTSOCIETY_BUILD_DATE": "2026-12-10T08:59:00+00:00"})
    assert before.returncode == 0, before.log
    assert not _public_everywhere(before, "news/2026/timed/")
    after = news_site(files, env={"NEXTSOCIETY_BUILD_DATE": "2026-12-10T09:01:00+00:00"})
    assert after.returncode == 0, after.log
    assert _public_everywhere(after, "news/2026/timed/")
    entry = feedparser.parse((after.site / "feed.xml").read_bytes()).entries[0]
    assert entry.published == "2026-12-10T09:00:00Z"


CORRECTED = news_file(
    "Visit",
    "2018-11-26",
    extra="updated: 2018-11-28\ncorrection: The number of clusters was wrong.\n",
    body="Eleven clusters.\n",
)


def test_a_correction_on_the_page_and_in_the_feed_and_the_outdated_translation(news_site):
    result = news_site(
        {
            "content/news/2018/visit.md": CORRECTED,
            "content/news/2018/visit.fr.md": "---\ntitle: Visite\nsummary: s\n---\nOnze.\n",
            "content/news/2018/visit.ar.md": (
                "---\ntitle: زيارة\nsummary: s\nupdated: 2018-11-29\n---\nأحد عشر.\n"
            ),
        }
    )
    assert result.returncode == 0, result.log
    note = result.soup("news/2018/visit/").select_one(".ns-item__correction")
    assert note.get_text() == (
        "Updated on 28 November 2018 — correction: The number of clusters was wrong."
    )
    assert note.select_one("time")["datetime"] == "2018-11-28"
    entry = feedparser.parse((result.site / "feed.xml").read_bytes()).entries[0]
    assert entry.updated == "2018-11-28T00:00:00Z"
    assert "Updated on 28 November 2018 — correction: The number" in entry.content[0].value
    french = result.soup("fr/news/2018/visit/")
    notice = french.select_one(".ns-outdated")
    assert "L’original en anglais a été mis à jour le 28 novembre 2018\u202f;" in notice.get_text()
    assert notice.select_one("a")["href"] == "../../../../news/2018/visit/"
    arabic = result.soup("ar/news/2018/visit/")
    assert arabic.select_one(".ns-outdated") is None  # updated after the original
    assert arabic.select_one(".ns-item__correction").get_text() == "حُدّث في 29 نوفمبر 2018"


def test_status_flags_the_translations_the_site_shows_as_outdated(news_site, tmp_path):
    """`nextsociety status` marks exactly the languages whose built page carries the notice."""
    unchanged = news_file("Other", "2018-11-20")  # no `updated:`: nothing is outdated
    result = news_site(
        {
            "content/news/2018/visit.md": CORRECTED,
            "content/news/2018/visit.fr.md": "---\ntitle: Visite\nsummary: s\n---\nOnze.\n",
            "content/news/2018/visit.ar.md": (
                "---\ntitle: زيارة\nsummary: s\nupdated: 2018-11-28\n---\nأحد عشر.\n"
            ),
            "content/news/2018/other.md": unchanged,
            "content/news/2018/other.fr.md": "---\ntitle: Autre\nsummary: s\n---\nTexte.\n",
        }
    )
    assert result.returncode == 0, result.log
    status = nextsociety(
        "status", "--root", str(tmp_path / "project"), cwd=tmp_path, env=BUILD_DATE
    )
    assert status.returncode == 0, status.stdout + status.stderr
    rows = {
        line.split()[0]: line.split()[1:]
        for line in status.stdout.split("\n\n")[1].splitlines()[1:]
    }
    assert rows == {
        "news/2018/visit": ["original", "unstamped*", "unstamped"],
        "news/2018/other": ["original", "unstamped", "missing"],
    }
    for key in ("visit", "other"):
        for code, state in zip(("en", "fr", "ar"), rows[f"news/2018/{key}"]):
            prefix = "" if code == "en" else f"{code}/"
            notice = result.soup(f"{prefix}news/2018/{key}/").select_one(".ns-outdated")
            assert (notice is not None) == state.endswith("*"), (key, code)
    assert (
        "* Shown on the site as outdated (older than the original's `updated:`; correct the "
        "translation, then give it its own `updated:`, that day or later):\n"
        "  news/2018/visit — fr (original updated 2018-11-28)\n"
    ) in status.stdout
    assert "1 shown as outdated (*)" in status.stdout


def test_a_withdrawn_release_keeps_its_url_with_a_notice_and_leaves_everything_else(news_site):
    withdrawn = news_file(
        "Withdrawn one", "2018-11-26", extra="withdrawn: Published by mistake.\n", body="Gone.\n"
    )
    result = news_site(
        {
            "content/news/2018/gone.md": withdrawn,
            "content/news/2018/gone.fr.md": (
                "---\ntitle: Retiré\nsummary: s\nwithdrawn: Publié par erreur.\n---\nParti.\n"
            ),
            "content/news/2018/kept.md": news_file("Kept", "2018-11-20"),
        }
    )
    assert result.returncode == 0, result.log
    for path, lang, reason in (
        ("news/2018/gone/", "en", "Reason: Published by mistake."),
        ("fr/news/2018/gone/", "fr", "Motif\u202f: Publié par erreur."),
        ("ar/news/2018/gone/", "ar", "السبب: Published by mistake."),
    ):
        page = result.soup(path)
        notice = page.select_one(".ns-withdrawn")
        assert reason in notice.get_text(" ", strip=True), notice
        assert "Gone." not in str(page) and "Parti." not in str(page)
        assert page.select_one("[data-pagefind-body]") is None
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert entry_titles(result, "news/") == ["Kept"]
    titles = [e.title for e in feedparser.parse((result.site / "feed.xml").read_bytes()).entries]
    assert titles == ["Kept"]
    assert "/news/2018/gone/" not in (result.site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_editorial_notices_are_valid_html(news_site, vnu):
    """The correction line, the outdated notice and the withdrawn page, through the Nu checker."""
    from tests.quality.checks import check_html_valid

    result = news_site(
        {
            "content/news/2018/visit.md": CORRECTED,
            "content/news/2018/visit.fr.md": "---\ntitle: Visite\nsummary: s\n---\nOnze.\n",
            "content/news/2018/gone.md": news_file(
                "Gone", "2018-11-20", extra="withdrawn: Published by mistake.\n"
            ),
        }
    )
    assert result.returncode == 0, result.log
    pages = [result.site / p for p in ("news/2018/visit", "fr/news/2018/visit", "news/2018/gone")]
    for page in pages:
        assert check_html_valid(page) == [], page

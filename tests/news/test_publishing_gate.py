"""The editorial workflow's rules, checked in-process with `load_site()` on small projects:
nothing unfinished goes online, embargoes with a time, corrections and withdrawals.
"""

from __future__ import annotations

import datetime as dt

from nextsociety.model.site import load_site

from tests.conftest import tiny_mkdocs_yml, write_project
from tests.news.conftest import BASE_PAGES, NEWS_PLUGIN, news_file

TRANSLATION_HINT = "(delete the translation to show the original with a notice, or write it)"
TODO_AR = '---\ntitle: "TODO: the Arabic title"\nsummary: "TODO: the Arabic summary."\n---\n'


def test_a_published_translation_still_saying_todo_fails_with_line_and_hint(news_check):
    result = news_check(
        {
            "content/news/2018/a.md": news_file("A", "2018-11-01"),
            "content/news/2018/a.ar.md": TODO_AR + "\nTODO: the Arabic text.\n",
            "content/news/2018/b.md": news_file("B", "2018-11-01"),
            "content/news/2018/b.fr.md": "---\ntitle: B\nsummary: s\n---\n\nText.\n\nTODO: end\n",
        }
    )
    assert result.problems == [
        "content/news/2018/a.ar.md:2: still has TODO text to write, and is published "
        + TRANSLATION_HINT,
        "content/news/2018/b.fr.md:8: still has TODO text to write, and is published "
        + TRANSLATION_HINT,
    ]


def test_a_published_original_saying_todo_fails(news_check):
    result = news_check(
        {"content/news/2018/a.md": news_file("A", "2018-11-01", body="\nTODO: write it\n")}
    )
    assert result.problems == [
        (
            "content/news/2018/a.md:8: still has TODO text to write, and is published "
            "(write it, or put back 'draft: true' to keep the item off the site)"
        )
    ]


def test_todo_text_is_reported_in_the_same_run_as_another_problem(news_check):
    """The issue's case: the French title emptied and the Arabic file still the template. The
    empty title stops the news from loading; the Arabic TODO is still reported with it, and
    drafts, scheduled items and unreadable originals still are not."""
    timed = news_file("D", "2099-01-10T10:00:00+01:00", body="TODO: text\n")
    result = news_check(
        {
            "content/news/2018/a.md": news_file("A", "2018-11-01"),
            "content/news/2018/a.fr.md": '---\ntitle: ""\nsummary: "TODO: résumé"\n---\nTexte.\n',
            "content/news/2018/a.ar.md": TODO_AR,
            "content/news/2018/b.md": news_file("B", "2018-11-01", extra="draft: true\n"),
            "content/news/2018/b.ar.md": TODO_AR,
            "content/news/2099/c.md": news_file("C", "2099-01-10", body="TODO: text\n"),
            "content/news/2099/d.md": timed,
            "content/news/2018/f.md": news_file("F", "2018-11-02T10:00:00+01:00", body="TODO\n"),
            "content/news/2018/e.md": "---\ntitle: [broken\n---\nTODO: text\n",
        }
    )
    todo = "still has TODO text to write, and is published"
    assert result.problems == [
        f"content/news/2018/a.ar.md:2: {todo} {TRANSLATION_HINT}",
        f"content/news/2018/a.fr.md:2: 'title' is empty {TRANSLATION_HINT}",
        f"content/news/2018/a.fr.md:3: {todo} {TRANSLATION_HINT}",
        (
            "content/news/2018/e.md:3: malformed YAML: expected ',' or ']', but got '<stream end>' "
            "(check the indentation and quote values that contain ':' or '#')"
        ),
        (
            f"content/news/2018/f.md:7: {todo} (write it, or put back 'draft: true' to keep the "
            "item off the site)"
        ),
    ]


def test_drafts_and_scheduled_items_may_still_say_todo(news_check):
    draft = news_file("A", "2018-11-01", extra="draft: true\n", body="TODO: text\n")
    scheduled = news_file("B", "2027-01-10", body="TODO: text\n")  # the build: 2026-11-25
    result = news_check(
        {
            "content/news/2018/a.md": draft,
            "content/news/2018/a.ar.md": TODO_AR,
            "content/news/2027/b.md": scheduled,
            "content/news/2027/b.ar.md": TODO_AR,
        }
    )
    assert result.problems == []


def test_an_empty_translated_title_or_summary_fails(news_check):
    result = news_check(
        {
            "content/news/2018/a.md": news_file("A", "2018-11-01"),
            "content/news/2018/a.fr.md": '---\ntitle: ""\nsummary: " "\n---\nTexte.\n',
        }
    )
    assert result.problems == [
        f"content/news/2018/a.fr.md:2: 'title' is empty {TRANSLATION_HINT}",
        f"content/news/2018/a.fr.md:3: 'summary' is empty {TRANSLATION_HINT}",
    ]


def load(tmp_path, files, now):
    project = tmp_path / "gate"
    write_project(project, {**BASE_PAGES, **files}, tiny_mkdocs_yml(extra_plugins=NEWS_PLUGIN))
    return load_site(project, now=now)


def test_an_embargo_with_a_time_lifts_at_that_instant(tmp_path):
    files = {"content/news/2026/a.md": news_file("A", "2026-12-10T10:00:00+01:00")}
    release = dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC)
    site, problems = load(tmp_path, files, release)
    assert problems == [] and site is not None
    (item,) = site.news
    assert item.date == dt.date(2026, 12, 10) and item.publish_at == release
    minute = dt.timedelta(minutes=1)
    assert not item.is_public(release - minute)
    assert item.is_public(release) and item.is_public(release + minute)


def test_a_date_alone_lifts_at_midnight_utc_of_that_day(tmp_path):
    site, _ = load(tmp_path, {"content/news/2026/a.md": news_file("A", "2026-12-10")}, None)
    assert site is not None
    (item,) = site.news
    midnight = dt.datetime(2026, 12, 10, tzinfo=dt.UTC)
    assert not item.is_public(midnight - dt.timedelta(seconds=1)) and item.is_public(midnight)


def test_a_time_without_a_zone_is_an_error_with_a_hint(news_check):
    result = news_check(
        {
            "content/news/2026/a.md": news_file("A", "2026-12-10T10:00:00"),
            "content/news/2026/b.md": news_file("B", "'2026-12-10 10:00'"),
        }
    )
    hint = (
        "(add the offset, e.g. 2026-12-10T10:00:00+01:00 for 10:00 in Brussels in winter, "
        "or give the day alone)"
    )
    assert result.problems == [
        f"content/news/2026/a.md:3: 'date': 2026-12-10 10:00:00 has a time but no time zone {hint}",
        f"content/news/2026/b.md:3: 'date': 2026-12-10 10:00 has a time but no time zone {hint}",
    ]


def test_a_translation_repeats_the_original_instant_or_nothing(news_check):
    result = news_check(
        {
            "content/news/2026/a.md": news_file("A", "2026-12-10T10:00:00+01:00"),
            "content/news/2026/a.fr.md": "---\ntitle: A\nsummary: s\ndate: 2026-12-10\n---\nx\n",
        }
    )
    assert result.problems == [
        (
            "content/news/2026/a.fr.md:4: date 2026-12-10 differs from the original's "
            "2026-12-10T10:00:00+01:00 (use 2026-12-10T10:00:00+01:00 or remove the line)"
        )
    ]


def test_a_correction_needs_its_day_and_only_the_original_withdraws(news_check):
    result = news_check(
        {
            "content/news/2018/a.md": news_file("A", "2018-11-01", extra="correction: A name\n"),
            "content/news/2018/a.fr.md": "---\ntitle: A\nsummary: s\nwithdrawn: Erreur\n---\nx\n",
        }
    )
    assert result.problems == [
        (
            "content/news/2018/a.fr.md:4: only the original withdraws an item; a translation gives "
            "the reason in its language (add 'withdrawn:' to the original, or remove the line here)"
        ),
        (
            "content/news/2018/a.md:6: a 'correction' needs 'updated:', the day of the correction "
            "(add e.g. updated: 2026-12-11)"
        ),
    ]


def test_translations_older_than_the_original_update_are_outdated(tmp_path):
    original = news_file("A", "2018-11-01", extra="updated: 2018-11-05\ncorrection: A name\n")
    files = {
        "content/news/2018/a.md": original,
        "content/news/2018/a.fr.md": "---\ntitle: A\nsummary: s\n---\nx\n",
        "content/news/2018/a.ar.md": "---\ntitle: A\nsummary: s\nupdated: 2018-11-06\n---\nx\n",
    }
    site, problems = load(tmp_path, files, None)
    assert problems == [] and site is not None
    (item,) = site.news
    languages = site.config.languages
    assert [item.is_outdated(languages.get(code)) for code in ("en", "fr", "ar")] == [
        False,
        True,
        False,
    ]

"""`nextsociety new`: files that pass `check` and build, in the right folder, never overwritten."""

from __future__ import annotations

import pytest
import yaml
from nextsociety.scaffold import slugify

from tests.cli.conftest import BUILD_DATE, Project, nextsociety
from tests.conftest import run_mkdocs_build

SLUG = "benchmarking-visit-to-tunis-and-sfax"


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_a_press_release_in_three_languages_checks_builds_and_publishes(project: Project, tmp_path):
    result = nextsociety(
        "new",
        "news",
        "Benchmarking visit to Tunis & Sfax",
        "--type",
        "press-release",
        "--date",
        "2026-11-20",
        "--lang",
        "en,fr,ar",
        cwd=project.root,
    )
    assert result.returncode == 0, result.stderr
    folder = project.root / "content" / "news" / "2026"
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{SLUG}.ar.md",
        f"{SLUG}.fr.md",
        f"{SLUG}.md",
    ]
    assert f"content/news/2026/{SLUG}.fr.md" in result.stdout
    original = front_matter(project.read(f"content/news/2026/{SLUG}.md"))
    assert original["title"] == "Benchmarking visit to Tunis & Sfax"
    assert original["type"] == "press-release" and str(original["date"]) == "2026-11-20"
    assert original["contact"] == "inmaculada-ruiz"  # the press contact of data/contacts.yml
    assert original["draft"] is True and original["summary"].startswith("TODO")
    french = front_matter(project.read(f"content/news/2026/{SLUG}.fr.md"))
    assert set(french) == {"title", "summary", "translated_from"}
    assert "TODO" in project.read(f"content/news/2026/{SLUG}.md").split("---\n")[2]

    check = nextsociety("check", cwd=project.root)
    assert check.returncode == 0, check.stdout
    assert "1 draft" in check.stdout and "warning" not in check.stdout  # a draft is not published

    build = run_mkdocs_build(
        project.root, tmp_path / "site", {"NEXTSOCIETY_BUILD_DATE": BUILD_DATE}
    )
    assert build.returncode == 0, build.log
    assert not (tmp_path / "site" / "news" / "2026").exists()  # a draft stays out

    # Published with its TODO text: the check and the build refuse, on the lines to write.
    project.replace(f"content/news/2026/{SLUG}.md", "draft: true", "")
    build = run_mkdocs_build(
        project.root, tmp_path / "site", {"NEXTSOCIETY_BUILD_DATE": BUILD_DATE}
    )
    assert build.returncode == 1
    check = nextsociety("check", cwd=project.root)
    assert check.returncode == 1
    for name in (f"{SLUG}.md:5", f"{SLUG}.fr.md:2", f"{SLUG}.ar.md:2"):
        assert f"content/news/2026/{name}: still has TODO text to write" in check.stdout
        assert f"content/news/2026/{name}: still has TODO text to write" in build.log
    # Written in English; the translations deleted: shown from the original, with a notice.
    project.replace(f"content/news/2026/{SLUG}.md", "TODO: one or two", "One or two")
    project.replace(f"content/news/2026/{SLUG}.md", "TODO: write the text", "The text")
    for lang in ("fr", "ar"):
        (project.root / f"content/news/2026/{SLUG}.{lang}.md").unlink()
    build = run_mkdocs_build(
        project.root, tmp_path / "site", {"NEXTSOCIETY_BUILD_DATE": BUILD_DATE}
    )
    assert build.returncode == 0, build.log
    for prefix in ("", "fr/", "ar/"):
        assert (tmp_path / "site" / prefix / "news" / "2026" / SLUG / "index.html").is_file()


def test_a_dated_and_a_planned_event_check_and_build(project: Project, tmp_path):
    dated = nextsociety(
        "new",
        "event",
        "Benchmarking visit to Tunis",
        "--start",
        "2027-02-10",
        "--end",
        "2027-02-12",
        "--country",
        "tn",
        "--city",
        "Tunis",
        cwd=project.root,
    )
    assert dated.returncode == 0, dated.stderr
    planned = nextsociety(
        "new",
        "event",
        "Benchmarking visit to Piedmont",
        "--planned",
        "--country",
        "IT",
        "--lang",
        "fr",
        cwd=project.root,
    )
    assert planned.returncode == 0, planned.stderr
    event = front_matter(project.read("content/events/2027/benchmarking-visit-to-tunis.md"))
    assert (str(event["start"]), str(event["end"]), event["status"]) == (
        "2027-02-10",
        "2027-02-12",
        "confirmed",
    )
    assert event["location"] == {"city": "Tunis", "country": "TN"}
    assert (
        front_matter(project.read("content/events/planned/benchmarking-visit-to-piedmont.md"))[
            "status"
        ]
        == "planned"
    )
    assert (project.root / "content/events/planned/benchmarking-visit-to-piedmont.fr.md").is_file()
    assert not (
        project.root / "content/events/planned/benchmarking-visit-to-piedmont.ar.md"
    ).exists()

    check = nextsociety("check", cwd=project.root)
    assert check.returncode == 0, check.stdout
    assert "2 events (1 planned)" in check.stdout
    assert (
        "content/events/2027/benchmarking-visit-to-tunis.md:3: warning: still has TODO text to write"
        in check.stdout
    )

    build = run_mkdocs_build(
        project.root, tmp_path / "site", {"NEXTSOCIETY_BUILD_DATE": BUILD_DATE}
    )
    assert build.returncode == 0, build.log
    assert (
        tmp_path / "site" / "fr" / "events" / "2027" / "benchmarking-visit-to-tunis" / "index.html"
    ).is_file()
    assert (tmp_path / "site" / "events" / "benchmarking-visit-to-tunis.ics").is_file()


def test_an_event_with_times(project: Project):
    result = nextsociety(
        "new",
        "event",
        "Webinar",
        "--start",
        "2027-03-01 10:00",
        "--end",
        "2027-03-01 12:30",
        "--timezone",
        "Europe/Madrid",
        "--country",
        "ES",
        "--lang",
        "en",
        cwd=project.root,
    )
    assert result.returncode == 0, result.stderr
    text = project.read("content/events/2027/webinar.md")
    assert "start: 2027-03-01 10:00\nend: 2027-03-01 12:30\ntimezone: Europe/Madrid\n" in text
    assert nextsociety("check", cwd=project.root).returncode == 0


def test_never_overwrites(project: Project):
    first = nextsociety("new", "news", "A visit", "--date", "2026-11-20", cwd=project.root)
    assert first.returncode == 0, first.stderr
    project.replace("content/news/2026/a-visit.md", "TODO: write the text here", "Our own text")
    again = nextsociety("new", "news", "A visit", "--date", "2026-11-21", cwd=project.root)
    assert again.returncode == 1
    assert again.stderr == (
        "nextsociety: content/news/2026/a-visit.md already exists: nothing was written. "
        "Choose another title, or another file name with --slug.\n"
    )
    assert "Our own text" in project.read("content/news/2026/a-visit.md")
    assert (
        nextsociety(
            "new",
            "news",
            "A visit",
            "--date",
            "2026-11-21",
            "--slug",
            "a-second-visit",
            cwd=project.root,
        ).returncode
        == 0
    )


def test_an_event_id_is_unique_across_years(project: Project):
    assert (
        nextsociety(
            "new", "event", "Visit", "--planned", "--country", "IT", cwd=project.root
        ).returncode
        == 0
    )
    clash = nextsociety(
        "new", "event", "Visit", "--start", "2027-05-01", "--country", "IT", cwd=project.root
    )
    assert clash.returncode == 1
    assert (
        "An event with the id 'visit' already exists (content/events/planned/visit.md): nothing was written."
        in clash.stderr
    )
    assert not (project.root / "content" / "events" / "2027").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["news", "X", "--date", "2026-13-01"],
            "--date '2026-13-01' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25.",
        ),
        (
            ["news", "X", "--lang", "en,de"],
            "The site has no language 'de': use en, fr, ar, separated by commas.",
        ),
        (
            ["news", "زيارة"],
            "The title has no Latin letters or digits to make a file name from: give one with --slug, e.g. --slug barcelona-visit.",
        ),
        (
            ["news", "X", "--slug", "Visit 2"],
            "--slug 'Visit 2' is not a slug (lowercase ASCII letters, digits and single hyphens).",
        ),
        (
            ["news", "<b>X</b>"],
            "The title contains HTML markup; write plain text (it is shown as text, never as HTML).",
        ),
        (
            ["event", "X", "--country", "ES"],
            "Give the event's first day with --start YYYY-MM-DD, or use --planned while its dates are not fixed.",
        ),
        (
            ["event", "X", "--start", "2027-01-01"],
            "Say in which country the event takes place with --country and its two-letter code, e.g. --country ES for Spain.",
        ),
        (
            ["event", "X", "--start", "2027-01-01", "--country", "UK"],
            "'UK' is not a two-letter country code: did you mean 'GB' (United Kingdom)?",
        ),
        (
            ["event", "X", "--planned", "--start", "2027-01-01", "--country", "ES"],
            "A planned event has no dates yet: leave out --start and --end, or leave out --planned.",
        ),
        (
            ["event", "X", "--start", "2027-01-02", "--end", "2027-01-01", "--country", "ES"],
            "Nothing was written: the event ends (2027-01-01) before it starts (2027-01-02).",
        ),
        (
            [
                "event",
                "X",
                "--start",
                "2027-01-02",
                "--end",
                "2027-01-02 10:00",
                "--country",
                "ES",
                "--timezone",
                "Europe/Madrid",
            ],
            "Nothing was written: 'start' and 'end' must both be dates or both be date-times.",
        ),
        (
            ["event", "X", "--start", "2127-01-02", "--country", "ES"],
            "Nothing was written: 'start': 2127-01-02 is outside 1990–2100; check the year.",
        ),
        (
            ["event", "X", "--start", "2027-01-02 10:00", "--country", "ES"],
            "--start has a time, so the event needs a time zone: add e.g. --timezone Europe/Madrid.",
        ),
    ],
)
def test_mistakes_are_explained_and_nothing_is_written(project: Project, args, message):
    result = nextsociety("new", *args, cwd=project.root)
    assert result.returncode == 1
    assert result.stderr == f"nextsociety: {message}\n"
    assert not (project.root / "content" / "news").exists()
    assert not (project.root / "content" / "events").exists()


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Benchmarking Visit in Barcelona", "benchmarking-visit-in-barcelona"),
        ("Visite à Barcelone & Gérone", "visite-a-barcelone-and-gerone"),
        (
            "The partners' 2nd meeting — Straße, Øresund, Łódź",
            "the-partners-2nd-meeting-strasse-oresund-lodz",
        ),
        ("  Dates & Palm Cluster!  ", "dates-and-palm-cluster"),
        (
            "THE NEXT SOCIETY Cluster Booster Track off to a great start with the 1st Benchmarking Visit",
            "the-next-society-cluster-booster-track-off-to-a-great-start",
        ),
        ("زيارة", ""),
    ],
)
def test_slugs_are_ascii_stable_and_short(title, slug):
    assert slugify(title) == slug
    assert len(slug) <= 60

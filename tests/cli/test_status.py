"""`nextsociety status`: translated, missing, outdated; scheduled items and drafts; stamping."""

from __future__ import annotations

from nextsociety.translation_status import content_hash, stamped

from tests.cli.conftest import Project, nextsociety


def news(title: str, date: str, body: str = "Text.\n", extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\ndate: {date}\ntype: news\nsummary: The summary.\n{extra}---\n{body}"
    )


def translation(title: str, mark: str | None) -> str:
    stamp = f'translated_from: "{mark}"\n' if mark else ""
    return f"---\ntitle: {title}\nsummary: Le résumé.\n{stamp}---\nTexte.\n"


def table(stdout: str) -> dict[str, list[str]]:
    """item -> [en, fr, ar] from the status table."""
    rows = {}
    for line in stdout.split("\n\n")[1].splitlines():
        item, *states = line.split()
        rows[item] = states
    return rows


def fixture(project: Project) -> None:
    current = content_hash("Up to date", "The summary.", "Text.\n")
    project.write("content/news/2018/current.md", news("Up to date", "2018-11-30"))
    project.write("content/news/2018/current.fr.md", translation("À jour", current))
    # The original changed after its translation was stamped:
    old = content_hash("Changed", "The summary.", "Old text.\n")
    project.write("content/news/2018/changed.md", news("Changed", "2018-11-01", body="New text.\n"))
    project.write("content/news/2018/changed.fr.md", translation("Changé", old))
    project.write("content/news/2018/changed.ar.md", translation("تغيّر", None))
    project.write("content/news/2026/embargoed.md", news("Embargoed", "2026-12-01"))
    project.write(
        "content/news/2026/secret.md", news("Secret", "2026-01-01", extra="draft: true\n")
    )
    project.write(
        "content/events/planned/visit.md",
        "---\ntitle: A visit\nsummary: s\nstatus: planned\nlocation:\n  country: IT\n---\nx\n",
    )
    project.write(
        "content/events/planned/visit.fr.md",
        "---\ntitle: 'TODO: the French title'\nsummary: s\n---\nx\n",
    )


def test_translations_scheduled_items_and_drafts(project: Project):
    fixture(project)
    project.write("content/news/2026/timed.md", news("Timed", "2026-12-10T10:00:00+01:00"))
    result = nextsociety("status", cwd=project.root, env={"TZ": "Asia/Tokyo"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert table(result.stdout) == {
        "item": ["en", "fr", "ar"],
        "news/2026/timed": ["original", "missing", "missing"],
        "news/2026/embargoed": ["original", "missing", "missing"],
        "news/2026/secret": ["original", "missing", "missing"],
        "news/2018/current": ["original", "translated", "missing"],
        "news/2018/changed": ["original", "outdated", "unstamped"],
        "events/planned/visit": ["original", "todo", "missing"],
    }
    out = result.stdout
    scheduled = out.split(
        "Scheduled (embargoed: published by the first hourly build after the time shown; "
        "a date alone is 00:00 UTC that day; now is 2026-11-25 00:00 UTC):\n"
    )[1]
    assert scheduled.startswith(
        "  2026-12-01  news/2026/embargoed — Embargoed\n"
        "  2026-12-10 09:00 UTC (2026-12-10 18:00 JST here)  news/2026/timed — Timed\n\n"
    )
    drafts = out.split("Drafts (never published while they say `draft: true`):\n")[1]
    assert drafts.startswith("  news/2026/secret — Secret\n\n")
    assert "To do: 8 missing, 1 outdated, 1 unstamped, 1 todo." in out
    assert "  nextsociety status --stamp content/news/2018/changed.fr.md\n" in out
    assert "  nextsociety status --stamp content/news/2018/changed.ar.md\n" in out


def test_stamping_makes_an_outdated_translation_current(project: Project):
    fixture(project)
    before = project.read("content/news/2018/changed.fr.md")
    result = nextsociety(
        "status",
        "--stamp",
        "content/news/2018/changed.fr.md",
        "content/news/2018/changed.ar.md",
        cwd=project.root,
    )
    assert result.returncode == 0, result.stderr
    mark = content_hash("Changed", "The summary.", "New text.\n")
    assert (
        result.stdout.splitlines()[0]
        == f'Stamped content/news/2018/changed.fr.md as up to date with content/news/2018/changed.md (translated_from: "{mark}").'
    )
    after = project.read("content/news/2018/changed.fr.md")
    assert after.replace(mark, "") == before.replace(
        content_hash("Changed", "The summary.", "Old text.\n"), ""
    )  # one value changed
    assert f'translated_from: "{mark}"\n---\n' in project.read("content/news/2018/changed.ar.md")
    assert table(nextsociety("status", cwd=project.root).stdout)["news/2018/changed"] == [
        "original",
        "translated",
        "translated",
    ]
    assert nextsociety("check", cwd=project.root).returncode == 0
    # Editing the original's body makes both outdated again; whitespace alone does not.
    project.replace("content/news/2018/changed.md", "New text.\n", "New text.  \n\n")
    assert table(nextsociety("status", cwd=project.root).stdout)["news/2018/changed"] == [
        "original",
        "translated",
        "translated",
    ]
    project.replace("content/news/2018/changed.md", "New text.", "Newer text.")
    assert table(nextsociety("status", cwd=project.root).stdout)["news/2018/changed"] == [
        "original",
        "outdated",
        "outdated",
    ]


def test_stamp_refuses_what_is_not_a_translation(project: Project):
    fixture(project)
    original = nextsociety("status", "--stamp", "content/news/2018/changed.md", cwd=project.root)
    assert original.returncode == 1
    assert (
        original.stderr
        == "nextsociety: content/news/2018/changed.md is an original, not a translation: stamp its translations (e.g. content/news/2018/changed.fr.md).\n"
    )
    page = nextsociety("status", "--stamp", "content/about.fr.md", cwd=project.root)
    assert (
        page.stderr
        == "nextsociety: content/about.fr.md is not a news item or an event: only those record which original they translate.\n"
    )


def test_stamped_sets_or_replaces_one_line():
    assert (
        stamped("---\ntitle: T\n---\nBody\n", "abc")
        == '---\ntitle: T\ntranslated_from: "abc"\n---\nBody\n'
    )
    assert (
        stamped('---\ntitle: T\ntranslated_from: "old"  # note\nslug: t\n---\n---\n', "abc")
        == '---\ntitle: T\ntranslated_from: "abc"\nslug: t\n---\n---\n'
    )
    assert stamped("Body\n", "abc") == '---\ntranslated_from: "abc"\n---\nBody\n'


def test_status_on_the_real_site():
    from tests.conftest import REPO

    result = nextsociety("status", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "news/2018/barcelona-benchmarking-visit" in result.stdout


def test_status_needs_valid_content(project: Project):
    project.write("content/news/2018/x.md", news("X", "2018-13-01"))
    result = nextsociety("status", cwd=project.root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/news/2018/x.md:3: 'date': '2018-13-01' is not a date (write it as YYYY-MM-DD, e.g. 2018-11-26)",
        "`nextsociety status` needs content without problems: fix the ones above first.",
    ]

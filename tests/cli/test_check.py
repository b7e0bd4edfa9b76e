"""`nextsociety check`: the real site passes; every kind of mistake is reported with its exact line."""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest

from tests.cli.conftest import Project, nextsociety
from tests.conftest import REPO

NEWS = """\
---
title: A visit
date: 2018-11-30
type: press-release
summary: What happened.
partners: [accio]
events: [barcelona-visit]
contact: inmaculada-ruiz
tags: [cluster-booster-track]
---
Text.
"""
EVENT = """\
---
title: A visit
summary: What happens.
status: held
start: 2018-11-19
end: 2018-11-23
location:
  city: Barcelona
  country: ES
hosts: [accio]
---
Text.
"""


def test_the_real_site_passes_in_well_under_a_second():
    started = time.perf_counter()
    result = nextsociety("check", cwd=REPO)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: no problems in content/ and data/ — "), result.stdout
    assert "partners" in result.stdout and "events" in result.stdout
    # The whole process, Python start-up included: about 0.2 s on a developer machine.
    assert elapsed < 3, f"nextsociety check took {elapsed:.2f} s"


def test_a_valid_fixture_passes_with_counts(project: Project):
    project.write("content/events/2018/barcelona-visit.md", EVENT)
    project.write("content/news/2018/visit.md", NEWS)
    result = nextsociety("check", cwd=project.root)
    assert result.returncode == 0, result.stdout
    assert (
        "1 news item (1 press release, 0 scheduled, 0 drafts), 1 event (0 planned)" in result.stdout
    )
    assert result.stderr == ""


def _news_with_unknown_ids(project: Project) -> list[str]:
    project.write("content/events/2018/barcelona-visit.md", EVENT)
    project.write(
        "content/news/2018/visit.md",
        NEWS.replace("[accio]", "[acio]")
        .replace("[barcelona-visit]", "[barcelona-vist]")
        .replace("inmaculada-ruiz", "inmaculada"),
    )
    return [
        "content/news/2018/visit.md:6: unknown partner id 'acio' (did you mean 'accio'?)",
        "content/news/2018/visit.md:7: unknown event id 'barcelona-vist' (did you mean 'barcelona-visit'?)",
        "content/news/2018/visit.md:8: unknown contact 'inmaculada' (did you mean 'inmaculada-ruiz'?)",
    ]


def _news_front_matter(project: Project) -> list[str]:
    project.write(
        "content/news/2018/visit.md",
        NEWS.replace("events: [barcelona-visit]\n", "")
        .replace("type: press-release", "type: pressrelease")
        .replace("date: 2018-11-30", "date: 2018-13-01"),
    )
    project.write("content/news/2018/orphan.fr.md", "---\ntitle: Seul\nsummary: s\n---\nx\n")
    return [
        "content/news/2018/visit.md:3: 'date': '2018-13-01' is not a date (write it as YYYY-MM-DD, e.g. 2018-11-26)",
        "content/news/2018/visit.md:4: unknown type 'pressrelease' (did you mean 'press-release'?)",
        "content/news/2018/orphan.fr.md: a Français translation without its original (create content/news/2018/orphan.md first)",
    ]


def _malformed_yaml(project: Project) -> list[str]:
    project.write("content/news/2018/visit.md", "---\ntitle: A: visit\ndate: 2018-11-30\n---\nx\n")
    return [
        "content/news/2018/visit.md:2: malformed YAML: mapping values are not allowed here (check the indentation and quote values that contain ':' or '#')"
    ]


def _event(project: Project) -> list[str]:
    project.write(
        "content/events/2018/visit.md",
        EVENT.replace("end: 2018-11-23", "end: 2018-11-18").replace(
            "hosts: [accio]", "hosts: [acio]"
        ),
    )
    return [
        "content/events/2018/visit.md:6: the event ends (2018-11-18) before it starts (2018-11-19)",
        "content/events/2018/visit.md:10: unknown partner id 'acio' (did you mean 'accio'?)",
    ]


def _partner_registry(project: Project) -> list[str]:
    line = (
        project.replace("data/partners.yml", "  country: TN\n", "  country: TN\n  contry: TN\n") + 1
    )
    return [f"data/partners.yml:{line}: unknown key 'contry' in partner (did you mean 'country'?)"]


def _media_registry(project: Project) -> list[str]:
    line = project.replace("data/media.yml", "  file: wordmark.svg\n", "  file: wordmarks.svg\n")
    return [
        f"data/media.yml:{line}: media asset 'wordmark': no file 'wordmarks.svg' in data/media/ (did you mean 'wordmark.svg'?)"
    ]


def _string_table(project: Project) -> list[str]:
    line = project.line_of("data/site.yml", "  untranslated.title:")
    project.replace("data/site.yml", "    ar: لم تُترجم بعد\n", "")
    return [
        f"data/site.yml:{line}: string 'untranslated.title' has no 'ar' text (every string needs every language)"
    ]


def _navigation_and_page_slug(project: Project) -> list[str]:
    line = project.replace("mkdocs.yml", "- About: about.md", "- About: abuot.md")
    project.replace("content/about.fr.md", "---\n", "---\nslug: À propos\n")
    return [
        f"mkdocs.yml:{line}: the English navigation points to 'abuot.md', which does not exist (create content/abuot.md, or fix the path: it is relative to content/)",
        "content/about.fr.md:2: 'slug': 'À propos' is not a slug (lowercase ASCII letters, digits and single hyphens)",
    ]


def _missing_image(project: Project) -> list[str]:
    project.write(
        "content/news/2018/visit.md",
        NEWS.replace(
            "events: [barcelona-visit]\n", "image: media/visit.jpg\nimage_alt: The group\n"
        ),
    )
    return [
        "content/news/2018/visit.md:7: image 'media/visit.jpg' is not a file in content/ (put the image next to the item and give its file name (or a path from content/ starting with '/'))"
    ]


def _body_anchors(project: Project) -> list[str]:
    """Anchors resolved on the page each language's link leads to: the French programme page's
    headings are French, an Arabic anchor is compared as written (not percent-encoded)."""
    fr, ar = "content/press/index.fr.md", "content/press/index.ar.md"
    programme = "../programme/cluster-booster-track.md"
    fr_text = project.read(fr) + f"\n[Étapes]({programme}#etapes-du-programme)\n"
    project.write(fr, fr_text)
    anchor = "المراحل-التالية"  # of '## المراحل التالية'
    project.write(ar, project.read(ar) + f"\n[المراحل]({programme}#{quote(anchor)})\n")
    written = "content/programme/cluster-booster-track"
    return [
        (
            f"{fr}:{fr_text.count(chr(10))}: link '{programme}#etapes-du-programme': "
            f"{written}.fr.md has no anchor '#etapes-du-programme' "
            f"(did you mean {programme}#les-etapes-du-programme?)"
        ),
        (
            f"{ar}:{project.read(ar).count(chr(10))}: link '{programme}#{quote(anchor)}': "
            f"{written}.ar.md has no anchor '#{quote(anchor)}' "
            f"(write the anchor as it reads: {programme}#{anchor})"
        ),
    ]


@pytest.mark.parametrize(
    "breaks",
    [
        _news_with_unknown_ids,
        _news_front_matter,
        _malformed_yaml,
        _event,
        _partner_registry,
        _media_registry,
        _string_table,
        _navigation_and_page_slug,
        _missing_image,
        _body_anchors,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_each_kind_of_mistake_fails_with_its_exact_line(project: Project, breaks):
    expected = breaks(project)
    result = nextsociety("check", cwd=project.root)
    assert result.returncode == 1, result.stdout
    lines = result.stdout.splitlines()
    for line in expected:
        assert line in lines, f"missing: {line}\n{result.stdout}"
    assert len(lines) == len(expected) + 1, result.stdout  # nothing else, and the summary
    count = len(expected)
    assert lines[-1].startswith(f"{count} problem{'s' if count > 1 else ''} found: fix ")
    assert "Traceback" not in result.stderr


def test_every_problem_of_every_file_at_once(project: Project):
    """A broken registry does not hide the news item's mistakes, nor flood it with false ones."""
    expected = (
        _partner_registry(project)
        + _string_table(project)
        + _news_with_unknown_ids(project)
        + _event(project)
    )
    result = nextsociety("check", cwd=project.root)
    assert result.returncode == 1
    assert sorted(result.stdout.splitlines()[:-1]) == sorted(expected), result.stdout


def test_a_broken_registry_hides_no_link_to_a_written_page(project: Project):
    """With partners.yml unreadable, partner pages are unknown: a link to one is not reported
    (no cascade), nor any link that finds no page; an anchor missing on a written page is."""
    expected = _partner_registry(project)
    about = project.read("content/about.md")
    line = about.count("\n") + 2
    project.write(
        "content/about.md",
        about + "\n[ACCIÓ](partners/accio.md) [Press](press/index.md#contacts)\n",
    )
    result = nextsociety("check", cwd=project.root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:-1] == [
        (
            f"content/about.md:{line}: link 'press/index.md#contacts': content/press/index.md "
            "has no anchor '#contacts' (anchors come from the page's headings: #press)"
        ),
        *expected,
    ], result.stdout


def test_github_annotations(project: Project):
    _news_with_unknown_ids(project)
    line = project.replace("mkdocs.yml", "- About: about.md", "- About: abuot.md")
    result = nextsociety("check", "--format", "github", cwd=project.root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        "::error file=content/news/2018/visit.md,line=6,title=nextsociety check::unknown partner id 'acio' (did you mean 'accio'?)"
        in lines
    )
    assert (
        f"::error file=mkdocs.yml,line={line},title=nextsociety check::the English navigation points to 'abuot.md', which does not exist (create content/abuot.md, or fix the path: it is relative to content/)"
        in lines
    )
    assert lines[-1].startswith("4 problems found")


def test_github_annotation_of_a_file_without_line_and_with_commas(project: Project):
    project.write("content/news/2018/a,b.fr.md", "---\ntitle: T\nsummary: s\n---\n")
    result = nextsociety("check", "--format", "github", cwd=project.root)
    assert (
        "::error file=content/news/2018/a%2Cb.fr.md,title=nextsociety check::a Français translation without its original (create content/news/2018/a,b.md first)"
        in result.stdout.splitlines()
    )


def test_unwritten_text_of_a_published_item_is_a_warning(project: Project):
    project.write(
        "content/events/planned/visit.md",
        EVENT.replace("summary: What happens.", "summary: 'TODO: write it'").replace(
            "status: held\nstart: 2018-11-19\nend: 2018-11-23\n", "status: planned\n"
        ),
    )
    result = nextsociety("check", cwd=project.root)
    assert result.returncode == 0, result.stdout
    assert (
        result.stdout.splitlines()[0]
        == "content/events/planned/visit.md:3: warning: still has TODO text to write (it is published with the next build)"
    )
    assert result.stdout.rstrip().endswith("(1 warning above).")
    github = nextsociety("check", "--format", "github", cwd=project.root)
    assert github.stdout.startswith(
        "::warning file=content/events/planned/visit.md,line=3,title=nextsociety check::still has TODO"
    )


def test_found_from_a_subfolder_or_with_root(project: Project, tmp_path):
    assert nextsociety("check", cwd=project.root / "content" / "press").returncode == 0
    assert nextsociety("check", "--root", str(project.root), cwd=tmp_path).returncode == 0
    lost = nextsociety("check", cwd=tmp_path)
    assert lost.returncode == 1
    assert (
        lost.stderr
        == "nextsociety: There is no mkdocs.yml in this folder or above it: run nextsociety in the site's folder, or name it with --root.\n"
    )


@pytest.mark.parametrize(
    "command", [[], ["check"], ["new"], ["new", "news"], ["new", "event"], ["status"]]
)
def test_help_of_every_command(command):
    result = nextsociety(*command, "--help", cwd=REPO)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: nextsociety")

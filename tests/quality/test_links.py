"""Gate 1: every internal href and src of the built site resolves, #fragments included, in every
language; external links are listed (printed with -rA / on failure), never fetched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, BuildResult, run_mkdocs_build
from tests.quality.checks import check_links
from tests.quality.conftest import LANGUAGES, SITE_URL


@pytest.mark.slow
def test_every_internal_link_resolves(real_site: BuildResult) -> None:
    report = check_links(real_site.site, SITE_URL)
    external = "\n".join(
        f"  {url}  (from {', '.join(sorted(pages)[:3])})"
        for url, pages in sorted(report.external.items())
    )
    print(f"{report.checked} links checked; external links, not fetched:\n{external or '  none'}")
    assert not report.dead, f"{len(report.dead)} dead internal links:\n" + "\n".join(report.dead)
    assert report.checked > 0


@pytest.mark.slow
def test_every_internal_link_resolves_under_a_sub_path(tmp_path: Path) -> None:
    """The real site built for a sub-path (as GitHub Pages serves it): no link escapes the sub-path."""
    site_url = "https://example.org/nextsociety/"
    result = run_mkdocs_build(REPO, tmp_path / "site", env={"SITE_URL": site_url})
    assert result.returncode == 0, result.log

    report = check_links(result.site, site_url)

    assert not report.dead, f"{len(report.dead)} dead internal links:\n" + "\n".join(report.dead)


def test_every_language_was_checked(real_site: BuildResult) -> None:
    """The link check covers each language's pages (a language missing from the output is a fault too)."""
    for language in LANGUAGES[1:]:
        assert (real_site.site / language / "index.html").is_file(), f"no /{language}/ home page"


def test_links_gate_can_fail(make_site, tmp_path: Path) -> None:
    """A dead link, a dead #fragment and a dead absolute link under site_url are reported with their page."""
    result = make_site(
        {"content/index.md": "# Home\n\nWelcome.\n", "content/about.md": "# About\n\nText.\n"}
    )
    assert result.returncode == 0, result.log
    page = result.site / "fr" / "about" / "index.html"
    html = page.read_text(encoding="utf-8")
    broken = (
        '<a href="../missing/">gone</a> <a href="../#no-such-id">no anchor</a>'
        ' <img src="https://example.org/ar/nothing.png" alt="x">'
        ' <a href="mailto:press@example.org">m</a> <a href="https://elsewhere.example/">out</a>'
    )
    page.write_text(html.replace("</article>", broken + "</article>", 1), encoding="utf-8")

    report = check_links(result.site, "https://example.org/")

    dead = "\n".join(report.dead)
    assert "fr/about/index.html: href='../missing/' -> /fr/missing/ does not exist" in dead
    assert (
        "fr/about/index.html: href='../#no-such-id' -> fr/index.html has no id 'no-such-id'" in dead
    )
    assert (
        "fr/about/index.html: src='https://example.org/ar/nothing.png' -> /ar/nothing.png does not exist"
        in dead
    )
    assert len(report.dead) == 3, dead  # mailto: ignored, the external link listed instead
    assert report.external == {"https://elsewhere.example/": {"fr/about/index.html"}}


def test_links_gate_checks_the_base_path(make_site) -> None:
    """Under a sub-path site_url, a root-absolute link that leaves the sub-path is dead."""
    result = make_site(
        {
            "content/index.md": '# Home\n\n<a href="/about/">root link</a>\n',
            "content/about.md": "# About\n",
        }
    )
    assert result.returncode == 0, result.log

    dead = check_links(result.site, "https://example.org/sub/").dead

    assert any(
        line.startswith("index.html: href='/about/' leaves the site's base path /sub/")
        for line in dead
    ), dead

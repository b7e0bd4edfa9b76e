"""Gate 2: the Nu HTML Checker (vnu.jar from npm) finds no error in any built page, in one Java run.

The only message accepted is listed, with the reason, in checks.VNU_KNOWN_ERRORS.
"""

from __future__ import annotations

import pytest

from tests.conftest import BuildResult
from tests.quality.checks import check_html_valid, html_pages

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("vnu")]


def test_every_page_is_valid_html(real_site: BuildResult) -> None:
    assert html_pages(real_site.site), "the site has no HTML page"
    problems = check_html_valid(real_site.site)
    assert not problems, f"{len(problems)} HTML errors:\n" + "\n".join(problems)


def test_html_gate_can_fail(real_site: BuildResult, tmp_path) -> None:
    """An <img> without alt and a duplicated id in a copy of a real page are reported with the page."""
    site = tmp_path / "site"
    page = site / "fr" / "index.html"
    page.parent.mkdir(parents=True)
    html = real_site.html("fr/")
    broken = '<img src="x.png"><p id="twice">a</p><p id="twice">b</p>'
    page.write_text(html.replace("</article>", broken + "</article>", 1), encoding="utf-8")

    problems = "\n".join(check_html_valid(site))

    assert "An “img” element must have an “alt” attribute" in problems, problems
    assert "Duplicate ID “twice”" in problems, problems
    assert all(line.startswith("fr/index.html:") for line in problems.splitlines()), problems


def test_html_gate_keeps_the_known_material_error_narrow(tmp_path) -> None:
    """The accepted Material messages are filtered only on Material's own markup, not on ours."""
    page = tmp_path / "ours.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="checkbox" id="ours" autocomplete="off"><label for="ours">ours</label>'
        '<nav><label class="md-nav__title" for="__toc">TOC</label><label for="nothing">x</label></nav>'
        "</body></html>",
        encoding="utf-8",
    )

    problems = check_html_valid(tmp_path)

    assert len(problems) == 2, problems
    assert (
        problems[0].startswith("ours.html:1: Attribute “autocomplete”")
        and 'id="ours"' in problems[0]
    )
    assert (
        problems[1].startswith("ours.html:1: The value of the “for” attribute")
        and "nothing" in problems[1]
    )

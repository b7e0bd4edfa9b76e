"""Gate 3: axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on one page of every template, in
every language, at desktop (1280 px) and mobile (375 px) widths, in headless Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import BuildResult
from tests.quality import browser as chromium
from tests.quality.checks import template_samples
from tests.quality.conftest import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_no_axe_violations_on_any_template(
    real_site: BuildResult, served_site: str, browser
) -> None:
    samples = template_samples(real_site.site, LANGUAGES)
    for language in LANGUAGES:
        assert any(kind.startswith(f"{language} ") for kind in samples), f"no page in {language}"
    problems = chromium.axe_problems_of(browser, served_site, samples)
    print(f"axe ran on {len(samples)} pages x 2 widths:", *sorted(samples.values()), sep="\n  ")
    assert not problems, f"{len(problems)} accessibility violations:\n" + "\n".join(problems)


def test_accessibility_gate_can_fail(real_site: BuildResult, browser, tmp_path: Path) -> None:
    """An <img> without alt and an unlabelled link in a copy of the Arabic home page are reported."""
    site = tmp_path / "site"
    shutil.copytree(real_site.site, site)
    page = site / "ar" / "index.html"
    html = page.read_text(encoding="utf-8")
    broken = '<img src="../assets/images/favicon.png"><a href="./"><span></span></a>'
    page.write_text(html.replace("</article>", broken + "</article>", 1), encoding="utf-8")

    with chromium.serve(site) as home:
        problems = chromium.axe_problems_of(browser, home, {"ar /": "/ar/"})

    assert any(p.startswith("/ar/ [ar /] desktop: image-alt") for p in problems), problems
    assert any(p.startswith("/ar/ [ar /] mobile: link-name") for p in problems), problems

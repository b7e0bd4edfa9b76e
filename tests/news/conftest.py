"""Tiny sites with the news plugin, and a generator of news items."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import REPO, tiny_mkdocs_yml

NEWS_PLUGIN = f"""- nextsociety/news:
    press_texts: {REPO / "data" / "press.yml"}
"""
BASE_PAGES = {
    "content/index.md": "# Home\n",
    "content/index.fr.md": "# Accueil\n",
    "content/index.ar.md": "# الرئيسية\n",
    "content/about.md": "# About\n",
    "content/press/index.md": "---\ntemplate: press.html\n---\n# Press\n",
}
BUILD_DATE = {"NEXTSOCIETY_BUILD_DATE": "2026-11-25"}


def news_file(
    title: str,
    date: str,
    type_: str = "news",
    summary: str = "A summary.",
    extra: str = "",
    body: str = "Body text.\n",
) -> str:
    return f'---\ntitle: "{title}"\ndate: {date}\ntype: {type_}\nsummary: "{summary}"\n{extra}---\n{body}'


def many_items(count: int, start: dt.date = dt.date(2018, 1, 1)) -> dict[str, str]:
    files = {}
    for n in range(count):
        day = start + dt.timedelta(days=n)
        files[f"content/news/{day.year}/item-{n:02d}.md"] = news_file(
            f"Item {n:02d}", day.isoformat()
        )
    return files


@pytest.fixture
def news_site(make_site):
    def build(files: dict[str, str], env: dict[str, str] | None = None, plugin: str = NEWS_PLUGIN):
        return make_site(
            {**BASE_PAGES, **files},
            mkdocs_yml=tiny_mkdocs_yml(extra_plugins=plugin),
            env={**BUILD_DATE, **(env or {})},
        )

    return build


@pytest.fixture
def news_check(check_site):
    """The problems of a tiny site with the news plugin, validated in-process."""

    def check(files: dict[str, str]):
        return check_site(
            {**BASE_PAGES, **files}, mkdocs_yml=tiny_mkdocs_yml(extra_plugins=NEWS_PLUGIN)
        )

    return check

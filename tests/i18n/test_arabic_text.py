"""Arabic text done right: Latin runs of body headings isolated at render time, `<bdi>` in
plain-text fields, readable heading anchors, the permalink tooltip in Arabic."""

from __future__ import annotations

import yaml
from nextsociety.model.anchors import heading_slug
from nextsociety.model.site import load_site
from nextsociety.render.headings import isolate_heading_runs

from tests.conftest import REPO, tiny_mkdocs_yml, write_project
from tests.news.conftest import BASE_PAGES, NEWS_PLUGIN, news_file

STRINGS = yaml.safe_load((REPO / "data" / "site.yml").read_text(encoding="utf-8"))["strings"]
ARABIC_PAGE = (
    "# حول\n\n"
    "## الخطوات القادمة\n\n"
    "## زيارة Tunis & Sfax (2027)\n\n"
    "## برنامج <bdi>Cluster Booster Track</bdi>\n\n"
    "Text with Tunis.\n"
)


def test_latin_runs_in_headings_are_isolated_once():
    html = (
        '<h2 id="a">زيارة Tunis &amp; Sfax (2027)<a class="headerlink" href="#a" '
        'title="t">¶</a></h2><p>Tunis</p><h3>برنامج <bdi>Cluster</bdi></h3>'
    )
    assert isolate_heading_runs(html) == (
        '<h2 id="a">زيارة <bdi>Tunis &amp; Sfax</bdi> (2027)<a class="headerlink" href="#a" '
        'title="t">¶</a></h2><p>Tunis</p><h3>برنامج <bdi>Cluster</bdi></h3>'
    )


def test_anchors_keep_ascii_slugs_and_give_arabic_headings_their_letters():
    assert heading_slug("Présentation du programme", "-") == "presentation-du-programme"
    assert heading_slug("الخطوات القادمة", "-") == "الخطوات-القادمة"
    assert heading_slug("الصحافة", "-") == "الصحافة"  # one word: no ASCII, not even a hyphen
    assert heading_slug("برنامج Cluster Booster Track", "-") == "برنامج-cluster-booster-track"


def test_arabic_pages_built(make_site):
    result = make_site(
        {
            "content/index.md": "# Home\n",
            "content/about.md": "# About\n\n## Next steps\n",
            "content/about.ar.md": ARABIC_PAGE,
        },
        mkdocs_yml=tiny_mkdocs_yml() + "markdown_extensions:\n  - toc:\n      permalink: true\n",
    )
    assert result.returncode == 0, result.log
    page = result.soup("ar/about/")
    headings = page.select("article h2")
    assert [h["id"] for h in headings] == [
        "الخطوات-القادمة",
        "زيارة-tunis-sfax-2027",
        "برنامج-cluster-booster-track",
    ]
    assert [b.get_text() for b in headings[1].select("bdi")] == ["Tunis & Sfax"]
    assert [b.get_text() for b in headings[2].select("bdi")] == ["Cluster Booster Track"]
    assert page.select_one("article p").select("bdi") == []  # body text is the writer's
    permalink = headings[0].select_one("a.headerlink")
    assert permalink["href"] == "#الخطوات-القادمة"
    assert permalink["title"] == STRINGS["toc.permalink_title"]["ar"]
    english = result.soup("about/").select_one("article h2")
    assert english["id"] == "next-steps" and english.select("bdi") == []


def test_bdi_is_accepted_in_a_summary_and_removed(tmp_path):
    files = {
        **BASE_PAGES,
        "content/news/2018/a.md": news_file("A", "2018-11-01"),
        "content/news/2018/a.ar.md": (
            "---\ntitle: زيارة\nsummary: زارت <bdi>THE NEXT SOCIETY</bdi> برشلونة.\n---\nنص.\n"
        ),
    }
    write_project(tmp_path / "p", files, tiny_mkdocs_yml(extra_plugins=NEWS_PLUGIN))
    site, problems = load_site(tmp_path / "p")
    assert problems == [] and site is not None
    assert site.news[0].texts["ar"].summary == "زارت THE NEXT SOCIETY برشلونة."

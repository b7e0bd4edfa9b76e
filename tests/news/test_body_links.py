"""Links and images in Markdown bodies: `load_site()` (so `nextsociety check` and the build)
reports what the build would refuse, with file and line, in every language; anchors too."""

from __future__ import annotations

import json
from urllib.parse import quote

from nextsociety.model.anchors import PageAnchors
from nextsociety.model.body_links import page_sources
from nextsociety.model.site import generated_pages, load_site

from tests.conftest import tiny_mkdocs_yml
from tests.news.conftest import BASE_PAGES, NEWS_PLUGIN, news_file

BODY = (
    "Intro.\n\n"
    "[About](../../about.md) and [the press room](../../press/index.md#press).\n\n"
    "[Missing](missing.md)\n\n"
    "![A photo](nope.png)\n\n"
    "[Press](../../press/)\n\n"
    "[Absolute](/about/)\n\n"
    "```\n[not a link](in-code.md)\n```\n\n"
    "[Web](https://example.org/) [mail](mailto:a@b.c) [anchor](#top)\n\n"
    "[ref]: ../../abuot.md\n"
)


def test_broken_links_and_images_with_file_and_line(news_check):
    result = news_check({"content/news/2018/a.md": news_file("A", "2018-11-01", body=BODY)})
    assert result.problems == [
        (
            "content/news/2018/a.md:11: link 'missing.md' does not resolve (the build looks for "
            "news/2018/missing.md) (paths are relative to this file's folder (news/2018/))"
        ),
        (
            "content/news/2018/a.md:13: image 'nope.png' does not resolve (the build looks for "
            "news/2018/nope.png) (paths are relative to this file's folder (news/2018/))"
        ),
        (
            "content/news/2018/a.md:15: link to the folder '../../press/' "
            "(link to the Markdown file: ../../press/index.md)"
        ),
        (
            "content/news/2018/a.md:17: absolute link '/about/': the site may be published under a "
            "sub-path (write the path of the Markdown file, relative to this file "
            "(e.g. ../../about.md))"
        ),
        (
            "content/news/2018/a.md:23: link '#top': this page has no anchor '#top' "
            "(the page has no headings or ids to link to)"
        ),
        (
            "content/news/2018/a.md:25: link '../../abuot.md' does not resolve "
            "(the build looks for abuot.md) (paths are relative to this file's folder "
            "(news/2018/); did you mean ../../about.md?)"
        ),
    ]


def test_each_language_resolves_in_its_own_tree_and_shares_the_images(news_check):
    result = news_check(
        {
            "content/news/2018/a.md": news_file("A", "2018-11-01", body="![Photo](photo.png)\n"),
            "content/news/2018/a.fr.md": (
                "---\ntitle: A\nsummary: s\n---\n![Photo](photo.png) [À propos](../../about.md)\n"
                "[Presse](../../presse.md)\n"
            ),
            "content/news/2018/photo.png": "not really a PNG",
        }
    )
    # the image next to the item serves every language (and the Arabic untranslated copy)
    assert result.problems == [
        (
            "content/news/2018/a.fr.md:6: link '../../presse.md' does not resolve (the build "
            "looks for fr/presse.md) (paths are relative to this file's folder (news/2018/); "
            "did you mean ../../press/index.md?)"
        )
    ]


def test_a_link_to_a_draft_does_not_resolve_and_a_draft_is_not_checked(news_check):
    result = news_check(
        {
            "content/news/2018/a.md": news_file("A", "2018-11-01", body="[B](b.md)\n"),
            "content/news/2018/b.md": news_file(
                "B", "2018-11-02", extra="draft: true\n", body="[x](gone.md)\n"
            ),
        }
    )
    assert [problem.split(" (")[0] for problem in result.problems] == [
        "content/news/2018/a.md:7: link 'b.md' does not resolve"
    ]


def test_no_cascade_from_a_broken_original(news_check):
    result = news_check(
        {
            "content/news/2018/a.md": "---\ntitle: [unclosed\n---\nText.\n",
            "content/news/2018/a.fr.md": "---\ntitle: A\nsummary: s\n---\nTexte.\n",
            "content/news/2018/a.ar.md": "---\ntitle: A\nsummary: s\n---\nنص.\n",
        }
    )
    assert len(result.problems) == 1, result.problems
    assert result.problems[0].startswith("content/news/2018/a.md:3: malformed YAML")


ARABIC_HEADING = "الخطوات القادمة"
ARABIC_ANCHOR = "الخطوات-القادمة"


def test_anchors_are_checked_in_every_language_on_the_page_the_link_leads_to(news_check):
    result = news_check(
        {
            # untranslated: also built as fr/about.md and ar/about.md
            "content/about.md": (
                "# About\n\n## Next steps\n\n"
                "[Steps](#next-steps) [Gone](#gone) [Stesp](#next-stesp)\n\n"
                "[Press](press/index.md#press) [Missing](press/index.md#missing)\n"
            ),
            # the French press page has its own heading, so its own anchor
            "content/press/index.fr.md": "---\ntemplate: press.html\n---\n# Presse\n",
            "content/steps.md": "# Steps\n\n## Next steps\n",
            "content/steps.ar.md": (
                f"# الخطوات\n\n## {ARABIC_HEADING}\n\n"
                f"[a](#{ARABIC_ANCHOR}) [b](#{quote(ARABIC_ANCHOR)}) [c](#_1)\n\n"
                f"[d](about.md#next-steps) [e](news/index.md#latest)\n"
            ),
        }
    )
    assert result.problems == [
        (
            "content/about.md:5: link '#gone': this page has no anchor '#gone' (anchors come "
            "from the page's headings: #about, #next-steps)"
        ),
        (
            "content/about.md:5: link '#next-stesp': this page has no anchor '#next-stesp' "
            "(did you mean #next-steps?)"
        ),
        (
            "content/about.md:7: link 'press/index.md#missing': content/press/index.md has no "
            "anchor '#missing' (anchors come from the page's headings: #press)"
        ),
        (
            "content/about.md:7: link 'press/index.md#press': content/press/index.fr.md has no "
            "anchor '#press' (its Français copy links to fr/press/index.md) (untranslated, this "
            "file is also published under fr/, where the link leads to the Français page; did "
            "you mean press/index.md#presse?)"
        ),
        (
            f"content/steps.ar.md:5: link '#{quote(ARABIC_ANCHOR)}': this page has no anchor "
            f"'#{quote(ARABIC_ANCHOR)}' (write the anchor as it reads: #{ARABIC_ANCHOR})"
        ),
        (
            "content/steps.ar.md:5: link '#_1': this page has no anchor '#_1' (anchors come "
            "from the page's headings: #الخطوات, #الخطوات-القادمة)"
        ),
        (
            "content/steps.ar.md:7: link 'news/index.md#latest': the page ar/news/index.md is "
            "generated and has no anchors (link to the page without '#latest')"
        ),
    ]


def test_anchors_from_attributes_raw_html_and_repeated_headings_not_from_code(check_site):
    page = (
        "# Page\n\n## Same\n\n## Same\n\n## Custom {#custom-id}\n\n"
        '<a name="old-name"></a>\n\n<div id="box" markdown="1">x</div>\n\n'
        "```\n## In code\n```\n\n"
        "[a](#same) [b](#same_1) [c](#custom-id) [d](#old-name) [e](#box)\n\n"
        "[f](#same_2) [g](#custom) [h](#in-code)\n"
    )
    result = check_site(
        {**BASE_PAGES, "content/page.md": page},
        mkdocs_yml=tiny_mkdocs_yml() + "markdown_extensions:\n  - attr_list\n",
    )
    assert [problem.split(" (")[0] for problem in result.problems] == [
        "content/page.md:19: link '#custom': this page has no anchor '#custom'",
        "content/page.md:19: link '#in-code': this page has no anchor '#in-code'",
        "content/page.md:19: link '#same_2': this page has no anchor '#same_2'",
    ]


def test_a_withdrawn_item_shows_no_text_so_no_anchor(news_check):
    result = news_check(
        {
            "content/news/2018/gone.md": news_file(
                "Gone", "2018-11-01", extra="withdrawn: By mistake.\n", body="## Details\n"
            ),
            "content/about.md": "# About\n\n[Details](news/2018/gone.md#details)\n",
        }
    )
    assert result.problems == [
        (
            "content/about.md:3: link 'news/2018/gone.md#details': content/news/2018/gone.md is "
            "withdrawn, its page shows no text (link to the page without '#details')"
        )
    ]


HOOK = """\
import json
from pathlib import Path

found = {}


def on_page_content(html, page, config, files):
    found[page.file.src_uri] = sorted(page.present_anchor_ids or ())
    return html


def on_post_build(config):
    Path(config.config_file_path).with_name("anchors.json").write_text(json.dumps(found))
"""


def test_the_anchors_found_are_those_mkdocs_finds_on_every_page(make_site, tmp_path):
    """MkDocs records each page's ids while it builds (a hook reads them): the model finds the
    same ones, page by page, in every language, without MkDocs."""
    files = {
        **BASE_PAGES,
        "hooks.py": HOOK,
        "content/about.md": "# About\n\n## Next steps {#next}\n\n## Next steps\n",
        "content/about.ar.md": f"# حول\n\n## {ARABIC_HEADING}\n\n## برنامج <bdi>CBT</bdi>\n",
        "content/raw.md": '# Raw\n\n<span id="here"></span>\n\n    <b id="code">x</b>\n',
        "content/news/2018/a.md": news_file("A", "2018-11-01", body="## Détails & co\n"),
    }
    yml = tiny_mkdocs_yml(extra_plugins=NEWS_PLUGIN) + (
        "hooks: [hooks.py]\nmarkdown_extensions:\n  - attr_list\n  - toc:\n      permalink: true\n"
    )
    result = make_site(files, mkdocs_yml=yml, env={"NEXTSOCIETY_BUILD_DATE": "2026-11-25"})
    assert result.returncode == 0, result.log
    project = tmp_path / "project"
    built = json.loads((project / "anchors.json").read_text(encoding="utf-8"))
    site, problems = load_site(project)
    assert site is not None, problems
    anchors = PageAnchors(site.config.markdown)
    pages = page_sources(site.sources, site.config.languages, ())
    assert set(pages) < set(built)
    for path, src_uri in pages.items():
        assert sorted(anchors.anchors(site.sources[src_uri]) or ()) == built[path], path
    assert built["ar/about.md"] == sorted([ARABIC_ANCHOR, "برنامج-cbt", "حول"])
    assert "here" in built["raw.md"] and "code" in built["raw.md"]  # as MkDocs reads raw HTML
    generated = generated_pages(site.config, site.registries, site.events, site.news)
    for lang in site.config.languages.languages:
        for key in generated:
            assert built[lang.prefix + key] == [], key  # generated pages have none

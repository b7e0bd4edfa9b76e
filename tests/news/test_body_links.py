"""Links and images in Markdown bodies: `load_site()` (so `nextsociety check` and the build)
reports what the build would refuse, with file and line, in every language."""

from __future__ import annotations

from tests.news.conftest import news_file

BODY = (
    "Intro.\n\n"
    "[About](../../about.md) and [the press room](../../press/index.md#contacts).\n\n"
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

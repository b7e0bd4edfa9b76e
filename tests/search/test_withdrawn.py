"""A withdrawn item keeps its page but leaves the search index (in every language)."""

from __future__ import annotations

from tests.conftest import tiny_mkdocs_yml
from tests.news.conftest import BASE_PAGES, BUILD_DATE, NEWS_PLUGIN, news_file
from tests.search.conftest import SEARCH_PLUGIN, fragments


def test_a_withdrawn_item_is_not_indexed(make_site):
    result = make_site(
        {
            **BASE_PAGES,
            "content/news/2018/gone.md": news_file(
                "Gone", "2018-11-26", extra="withdrawn: Published by mistake.\n"
            ),
            "content/news/2018/kept.md": news_file("Kept", "2018-11-20"),
        },
        mkdocs_yml=tiny_mkdocs_yml(extra_plugins=NEWS_PLUGIN + SEARCH_PLUGIN),
        env=BUILD_DATE,
    )
    assert result.returncode == 0, result.log
    # English only: untranslated copies (fr/, ar/ here) are never indexed anyway
    urls = set(fragments(result.site, "en"))
    assert "/news/2018/kept/" in urls and "/news/2018/gone/" not in urls, urls
    assert (result.site / "news/2018/gone/index.html").is_file()

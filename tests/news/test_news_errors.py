"""Every validation error of news front matter: file, line, hint; all reported together.

Checked in-process with `load_site()`, the build's first step, on small fixture projects.
"""

from __future__ import annotations

from tests.news.conftest import news_file


def test_all_errors_reported_together_with_lines(news_check):
    result = news_check(
        {
            "content/news/2018/a.md": "---\ntitle: A\ndate: 2018-13-01\ntype: news\nsummary: s\n---\nx\n",
            "content/news/2018/b.md": "---\ntitle: B\ndate: 2018-11-01\ntype: pressrelease\nsummary: s\n---\nx\n",
            "content/news/2018/c.md": "---\ndate: 2018-11-01\ntype: news\nsummary: s\n---\nx\n",
            "content/news/2018/d.md": "---\ntitle: D\ndate: 2018-11-01\ntype: news\nsummary: s\npartners: [acio]\ntags: [benchmarking]\n---\nx\n",
            "content/news/2018/e.md": news_file("E", "2018-11-01"),
            "content/news/2018/e.fr.md": "---\ntitle: E\nsummary: s\ndate: 2018-11-02\ntype: press-release\n---\nx\n",
            "content/news/2019/f.md": news_file("F", "2018-05-05"),
            "content/news/2018/g.md": news_file("G", "2018-11-01", extra="titel: typo\n"),
        }
    )
    assert result.returncode != 0
    log = result.log
    expected = [
        "content/news/2018/a.md:3: 'date': '2018-13-01' is not a date (write it as YYYY-MM-DD, e.g. 2018-11-26)",
        "content/news/2018/b.md:4: unknown type 'pressrelease' (did you mean 'press-release'?)",
        "content/news/2018/c.md:2: a news item's front matter is missing the required key 'title'",
        "content/news/2018/d.md:6: unknown partner id 'acio'",
        "content/news/2018/d.md:7: unknown tag 'benchmarking' (did you mean 'benchmarking-visit'?)",
        "content/news/2018/e.fr.md:4: date 2018-11-02 differs from the original's 2018-11-01 (use 2018-11-01 or remove the line)",
        "content/news/2018/e.fr.md:5: type 'press-release' differs from the original's 'news' (remove the line)",
        "content/news/2019/f.md:3: dated 2018 but filed under news/2019/ (move it to news/2018/)",
        "content/news/2018/g.md:6: unknown key 'titel' in a news item's front matter (did you mean 'title'?)",
    ]
    for line in expected:
        assert line in log, f"missing: {line}\n{log}"


def test_two_items_with_the_same_url_in_one_language(news_check):
    result = news_check(
        {
            "content/news/2018/one.md": news_file("One", "2018-11-01"),
            "content/news/2018/two.md": news_file("Two", "2018-11-02", extra="slug: one\n"),
        }
    )
    assert result.returncode != 0
    assert (
        "content/news/2018/two.md: same English URL /news/2018/one/ as content/news/2018/one.md"
        in result.log
    )


def test_translation_without_original(news_check):
    result = news_check(
        {"content/news/2018/lonely.fr.md": "---\ntitle: Seul\nsummary: s\n---\nx\n"}
    )
    assert result.returncode != 0
    assert (
        "content/news/2018/lonely.fr.md: a Français translation without its original (create content/news/2018/lonely.md first)"
        in result.log
    )


def test_html_in_a_title_is_rejected(news_check):
    result = news_check(
        {"content/news/2018/x.md": news_file("<script>alert(1)</script>", "2018-11-01")}
    )
    assert result.returncode != 0
    assert "content/news/2018/x.md:2: 'title': contains HTML markup" in result.log

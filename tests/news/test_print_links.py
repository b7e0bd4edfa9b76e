"""A printed item lists where its links go: `print_links` gives, in order, the address of each
link the print stylesheet numbers (anchors within the page are not links to print)."""

from __future__ import annotations

from nextsociety.render.news import print_links

BASE = "https://example.org/fr/news/2018/visit/"


def test_links_in_order_made_absolute():
    html = (
        '<h2 id="a">A<a class="headerlink" href="#a">¶</a></h2>'
        '<p><a href="../../../programme/">programme</a>, <a title="x" href="https://acc.io/?a=1&amp;b=2">'
        'ACCIÓ</a>, <a href="mailto:x@example.org">x</a><sup><a href="#fn:1">1</a></sup>'
        '<a href="">empty</a> <img src="photo.jpg" alt=""></p>'
    )
    assert print_links(html, BASE) == [
        "https://example.org/fr/programme/",
        "https://acc.io/?a=1&b=2",
        "mailto:x@example.org",
    ]


def test_a_body_without_links_prints_no_list():
    assert print_links('<p>Text, <code>a href="x"</code>.</p>', BASE) == []

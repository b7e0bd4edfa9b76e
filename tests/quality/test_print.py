"""A printed press release, in Chromium's print emulation and as a PDF: masthead, the page's
address, the text with its links written out, an end mark, the contact and the boilerplate;
no navigation (issue: press room, part 1)."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import REPO

SITE = "https://www.thenextsociety.co/"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STRINGS = yaml.safe_load((REPO / "data" / "site.yml").read_text(encoding="utf-8"))["strings"]
RELEASE = "news/2018/barcelona-benchmarking-visit/"
HIDDEN = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".ns-item__related"]


def shown(page, selector: str) -> bool:
    return page.evaluate(
        "s => { const e = document.querySelector(s); return !!e && e.getClientRects().length > 0; }",
        selector,
    )


@pytest.mark.parametrize("prefix", ["", "fr/", "ar/"])
def test_a_printed_release(browser, served_site: str, prefix: str):
    lang = prefix.strip("/") or "en"
    page = browser.new_page()
    try:
        page.goto(served_site + prefix + RELEASE)
        assert not shown(page, ".ns-print__masthead")  # on screen: not there
        assert not shown(page, ".ns-print__links")
        page.emulate_media(media="print")
        for selector in HIDDEN:
            assert not shown(page, selector), selector
        for selector in (
            ".ns-print__masthead",
            ".ns-print__url",
            ".ns-print__end",
            ".ns-contact",
            ".ns-boilerplate",
        ):
            assert shown(page, selector), selector
        assert page.inner_text(".ns-print__end") == STRINGS["print.end"][lang]
        url = page.inner_text(".ns-print__url")
        assert url == f"https://www.thenextsociety.co/{prefix}{RELEASE}"
        masthead = page.text_content(".ns-print__masthead")
        assert (
            "THE NEXT SOCIETY" in masthead and STRINGS["news.type.press-release"][lang] in masthead
        )
        # each link of the text is numbered, and its address printed under the text
        links = page.eval_on_selector_all(
            ".ns-item__body a[href]:not([href^='#'])",
            "els => els.map(e => [e.href, getComputedStyle(e, '::after').content])",
        )
        listed = page.eval_on_selector_all(
            ".ns-print__links li", "els => els.map(e => e.innerText)"
        )
        assert links and len(links) == len(listed)
        for (href, mark), address in zip(links, listed, strict=True):
            assert mark == '"\u00a0[" counter(ns-link) "]"'
            assert address.startswith(SITE) and urlsplit(address).path == urlsplit(href).path
        assert shown(page, ".ns-print__links")
        reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
        assert 1 <= len(reader.pages) <= 3, len(reader.pages)
        printed = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
        for number, address in enumerate(listed, 1):
            assert f"[{number}]" in printed and address in printed.replace(" ", "")
    finally:
        page.close()

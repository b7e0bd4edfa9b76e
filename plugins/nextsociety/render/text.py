"""HTML that MkDocs hands over as a page's title or description, as plain text; a page's language."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]*>")


def html_text(value: object) -> str:
    """The text of an HTML value: tags removed, entities decoded, every space kept as written
    (Jinja's `striptags` would turn French narrow no-break spaces into plain ones)."""
    return html.unescape(_TAG.sub("", str(value))) if value else ""


_HTML_LANG = re.compile(r"<html[^>]*?\slang=\"([^\"]*)\"")


def html_lang(page: str) -> str | None:
    """The `lang` of a page's `<html>` element (looked for in its first 2,000 characters), as
    Pagefind and browsers read it; None when it has none."""
    match = _HTML_LANG.search(page, 0, 2000)
    return match.group(1) if match else None

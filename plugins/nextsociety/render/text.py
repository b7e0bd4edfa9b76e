"""HTML that MkDocs hands over as a page's title or description, as plain text."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]*>")


def html_text(value: object) -> str:
    """The text of an HTML value: tags removed, entities decoded, every space kept as written
    (Jinja's `striptags` would turn French narrow no-break spaces into plain ones)."""
    return html.unescape(_TAG.sub("", str(value))) if value else ""

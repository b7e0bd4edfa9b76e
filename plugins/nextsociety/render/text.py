"""HTML that MkDocs hands over as a page's title or description, as plain text."""

from __future__ import annotations

from markupsafe import Markup


def html_text(value: object) -> str:
    """The text of an HTML value: entities decoded; tags, if any, removed. Jinja's `striptags`
    alone would also turn every space into a plain one, the narrow no-break spaces of French
    typography included, so it is used only where there are tags."""
    html = str(value or "")
    return Markup(html).striptags() if "<" in html else Markup(html).unescape()

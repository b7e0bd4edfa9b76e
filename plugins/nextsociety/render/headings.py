"""Headings of Markdown pages: Latin runs isolated in right-to-left text.

Their anchors come from `model.anchors.heading_slug` (the toc extension's `slugify`, set by
the i18n plugin), which link checks use too.
"""

from __future__ import annotations

import html
import re

from nextsociety.model.bidi import segments

_HEADING = re.compile(r"(<h([1-6])\b[^>]*>)(.*?)(</h\2>)", re.DOTALL)
_TAG = re.compile(r"(<[^>]+>)")
# Inside these, text is left alone: already isolated, code, the permalink sign.
_KEEP = re.compile(r"<(bdi|code|a class=\"headerlink\")\b")


def isolate_heading_runs(page_html: str) -> str:
    """Wrap each Latin run of every heading's text in <bdi> (for right-to-left pages), so that
    punctuation and numbers around a Latin name keep their place."""
    return _HEADING.sub(
        lambda m: m.group(1) + _isolate(m.group(3)) + m.group(4),
        page_html,
    )


def _isolate(inner: str) -> str:
    parts = _TAG.split(inner)
    depth = 0
    out = []
    for part in parts:
        if part.startswith("<"):
            if _KEEP.match(part):
                depth += 1
            elif depth and re.match(r"</(bdi|code|a)>", part):
                depth -= 1
            out.append(part)
        elif depth or not part:
            out.append(part)
        else:
            text = html.unescape(part)
            out.append(
                "".join(
                    f"<bdi>{html.escape(s.text, quote=False)}</bdi>"
                    if s.isolate
                    else html.escape(s.text, quote=False)
                    for s in segments(text, "rtl")
                )
            )
    return "".join(out)

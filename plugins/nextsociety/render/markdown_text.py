"""Markdown written in data files (the press boilerplate), as HTML that is safe to show.

Data files are edited like content, by people the site trusts to write text, not code: the
rendered HTML goes through nh3 (the Ammonia sanitiser), which keeps text formatting and links
and drops scripts, event-handler attributes and `javascript:` URLs.
"""

from __future__ import annotations

import markdown
import nh3


def markdown_html(text: str) -> str:
    """`text` rendered as Markdown, then sanitised."""
    return nh3.clean(markdown.markdown(text), link_rel="noopener")

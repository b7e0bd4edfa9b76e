"""Markdown written in data files (the press boilerplate), as HTML that is safe to show.

Data files are edited like content, by people the site trusts to write text, not code: the
rendered HTML goes through nh3 (the Ammonia sanitiser), which keeps text formatting and links
and drops scripts, event-handler attributes and `javascript:` URLs.
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup


def markdown_html(text: str) -> Markup:
    """`text` rendered as Markdown, then sanitised: markup templates print as it is."""
    return Markup(nh3.clean(markdown.markdown(text), link_rel="noopener"))

"""The publishing gate: nothing unfinished goes online.

A news item public at the build's instant (not a draft, embargo lifted) must have its text
written in every language it has: a title, summary or body line that still says TODO is an
error of the build and of `nextsociety check`. Drafts and scheduled items may say TODO (the
check warns about scheduled ones); events have no draft mode, so the check only warns.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable, Mapping, Sequence

from nextsociety.model.errors import Problem
from nextsociety.model.events import Event
from nextsociety.model.news import TRANSLATION_HINT, NewsItem
from nextsociety.model.placeholders import PLACEHOLDER, placeholder_line

ORIGINAL_HINT = "write it, or put back 'draft: true' to keep the item off the site"


def publishing_problems(
    news: Sequence[NewsItem], sources: Mapping[str, str], docs_dir: str, now: dt.datetime
) -> list[Problem]:
    """Errors: files of items public at `now` that still have text to write."""
    problems = []
    for item in news:
        if not item.is_public(now):
            continue
        for text in item.texts.values():
            line = placeholder_line(sources[text.src_uri])
            if line is not None:
                hint = ORIGINAL_HINT if text is item.original else TRANSLATION_HINT
                shown = posixpath.join(docs_dir, text.src_uri)
                message = f"still has {PLACEHOLDER} text to write, and is published"
                problems.append(Problem(shown, line, message, hint))
    return problems


def placeholder_warnings(
    news: Sequence[NewsItem],
    events: Sequence[Event],
    sources: Mapping[str, str],
    docs_dir: str,
    now: dt.datetime,
) -> list[Problem]:
    """Warnings: scheduled items and events (no draft mode) that still have text to write."""
    scheduled = [
        (text.src_uri, "it goes online when its embargo lifts")
        for item in news
        if not item.draft and not item.is_public(now)
        for text in item.texts.values()
    ]
    published = [
        (text.src_uri, "it is published with the next build")
        for event in events
        for text in event.texts.values()
    ]
    return list(_warnings(scheduled + published, sources, docs_dir))


def _warnings(
    files: list[tuple[str, str]], sources: Mapping[str, str], docs_dir: str
) -> Iterable[Problem]:
    for src_uri, when in files:
        line = placeholder_line(sources[src_uri])
        if line is not None:
            message = f"still has {PLACEHOLDER} text to write"
            yield Problem(posixpath.join(docs_dir, src_uri), line, message, when)

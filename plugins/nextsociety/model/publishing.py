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

from nextsociety.model.clock import utc_day
from nextsociety.model.errors import DataError, Problem, ProblemCollector
from nextsociety.model.events import Event
from nextsociety.model.frontmatter import split_front_matter
from nextsociety.model.languages import LanguageSet
from nextsociety.model.news import TRANSLATION_HINT, NewsItem, is_news_source, parse_publication
from nextsociety.model.placeholders import PLACEHOLDER, placeholder_line
from nextsociety.model.translations import split_language

ORIGINAL_HINT = "write it, or put back 'draft: true' to keep the item off the site"


def publishing_problems(
    news: Sequence[NewsItem], sources: Mapping[str, str], docs_dir: str, now: dt.datetime
) -> list[Problem]:
    """Errors: files of items public at `now` that still have text to write."""
    files = [
        (text.src_uri, text is item.original)
        for item in news
        if item.is_public(now)
        for text in item.texts.values()
    ]
    return _unfinished(files, sources, docs_dir)


def unloaded_publishing_problems(
    sources: Mapping[str, str], languages: LanguageSet, docs_dir: str, now: dt.datetime
) -> list[Problem]:
    """The same gate while the news items could not be loaded (a file of one of them has
    another problem): an item whose original gives a readable date and no `draft:` is public
    as its date says, so that a file still saying TODO is reported in the same run as that
    other problem, not after it is fixed."""
    by_key: dict[str, list[str]] = {}
    for src_uri in sources:
        if is_news_source(src_uri):
            by_key.setdefault(split_language(src_uri, languages)[0], []).append(src_uri)
    files = [
        (src_uri, src_uri == key)
        for key, src_uris in by_key.items()
        if key in sources and _public_as_written(sources[key], now)
        for src_uri in sorted(src_uris)
    ]
    return _unfinished(files, sources, docs_dir)


def _public_as_written(text: str, now: dt.datetime) -> bool:
    try:
        meta = split_front_matter(text, "").meta
    except DataError:
        return False
    if "draft" in meta and meta["draft"] is not False:
        return False
    when = parse_publication(meta.get("date"), "", 0, ProblemCollector())
    if when is None:
        return False
    day, instant = when
    return instant <= now if instant is not None else day.day <= utc_day(now)


def _unfinished(
    files: Iterable[tuple[str, bool]], sources: Mapping[str, str], docs_dir: str
) -> list[Problem]:
    """(src_uri, is the original) of public files -> those that still say TODO."""
    problems = []
    for src_uri, original in files:
        line = placeholder_line(sources[src_uri])
        if line is not None:
            hint = ORIGINAL_HINT if original else TRANSLATION_HINT
            shown = posixpath.join(docs_dir, src_uri)
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

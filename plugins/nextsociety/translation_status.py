"""Which translations of news items and events are up to date: `nextsociety status`.

A translation records the version of the original it was made from in its front matter,
`translated_from: <hash>`: a short hash of the original's title, summary and body. When the
original changes, the hash no longer matches and the translation is *outdated* until it is
updated and stamped again (`nextsociety status --stamp FILE`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from nextsociety.model.frontmatter import split_front_matter
from nextsociety.model.languages import LanguageSet

HASH_LENGTH = 12  # hex digits: a typo-proof, unambiguous version mark, not a security measure

ORIGINAL, TRANSLATED, OUTDATED, MISSING, UNSTAMPED, TODO = (
    "original",
    "translated",
    "outdated",
    "missing",
    "unstamped",
    "todo",
)
NOTICE_MARK = "*"  # after the state of a translation the site shows as outdated
STATE_HELP = {
    TRANSLATED: "up to date with the original",
    OUTDATED: "the original changed after this translation was made: update it, then stamp it",
    MISSING: "no translation: the original is shown with a notice in that language",
    UNSTAMPED: "no 'translated_from:' line, so nobody knows which version it follows: stamp it",
    TODO: "the file still has TODO text to write",
}
_STAMP_LINE = re.compile(r"^translated_from:.*$", re.MULTILINE)
_FENCE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)


def _normalized(text: str) -> str:
    """Trailing spaces and blank lines at either end do not make a new version."""
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def content_hash(title: str, summary: str, body: str) -> str:
    data = "\n\0".join(_normalized(part) for part in (title, summary, body))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def source_hash(text: str, path: str) -> str:
    """The version mark of an original file, from its front matter title and summary and
    its body.
    """
    source = split_front_matter(text, path)
    return content_hash(
        str(source.meta.get("title") or ""), str(source.meta.get("summary") or ""), source.body
    )


def stamped(text: str, mark: str) -> str:
    """`text` (a translation) with `translated_from: <mark>` set in its front matter."""
    line = f'translated_from: "{mark}"'  # quoted: an all-digit hash would read as a number
    fences = list(_FENCE.finditer(text))
    if not text.startswith("---") or len(fences) < 2:
        return f"---\n{line}\n---\n{text}"
    start, end = fences[0].end(), fences[1].start()
    block = text[start:end]
    block = (
        _STAMP_LINE.sub(line, block, count=1) if _STAMP_LINE.search(block) else block + line + "\n"
    )
    return text[:start] + block + text[end:]


@dataclass(frozen=True)
class Row:
    """One news item or event: its state in each language, and its publication status."""

    key: str  # news/2018/<slug>.md
    title: str
    states: Mapping[str, str]  # language code -> ORIGINAL, TRANSLATED, …
    files: Mapping[str, str]  # language code -> src_uri of the file, when there is one
    publication: str | None = None  # "draft" or "scheduled"
    date: dt.date | None = None
    publish_at: dt.datetime | None = None  # a scheduled item's embargo instant, when it has one
    # the languages whose page says "the original was updated since" (older than its
    # `updated:`, `NewsItem.is_outdated`), and that day
    noticed: tuple[str, ...] = ()
    updated: dt.date | None = None


def rows(
    records: list[Any],
    languages: LanguageSet,
    sources: Mapping[str, str],
    has_placeholder: Callable[[str], bool],
    now: dt.datetime,
) -> list[Row]:
    """A row per news item or event (records with `.key`, `.texts`, `.original`)."""
    codes = languages.codes
    result = []
    for record in records:
        original_text = sources[record.key]
        mark = source_hash(original_text, record.key)
        states: dict[str, str] = {}
        files: dict[str, str] = {}
        for code in codes:
            text = record.texts.get(code)
            if text is None:
                states[code] = MISSING
                continue
            files[code] = text.src_uri
            source = sources[text.src_uri]
            if has_placeholder(source):
                states[code] = TODO
            elif text.src_uri == record.key:
                states[code] = ORIGINAL
            elif not text.translated_from:
                states[code] = UNSTAMPED
            else:
                states[code] = TRANSLATED if str(text.translated_from) == mark else OUTDATED
        publication, date, instant = None, None, None
        if getattr(record, "draft", False):
            publication = "draft"
        elif hasattr(record, "is_released") and not record.is_released(now):
            publication, date, instant = "scheduled", record.date, record.publish_at
        is_outdated = getattr(record, "is_outdated", None)  # news items: events have no update
        noticed = tuple(
            lang.code for lang in languages.languages if is_outdated and is_outdated(lang)
        )
        result.append(
            Row(
                record.key,
                record.original.title,
                states,
                files,
                publication,
                date,
                instant,
                noticed,
                getattr(record, "updated", None),
            )
        )
    return result

"""Split Markdown front matter from the body, keeping line numbers for errors."""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from nextsociety.model.errors import DataError, Problem
from nextsociety.model.yamlio import LineDict, parse_yaml

_FENCE = re.compile(r"^---[ \t]*\r?\n", re.MULTILINE)


@dataclass(frozen=True)
class MarkdownSource:
    """A Markdown file's front matter (with lines) and its body."""

    path: str
    meta: LineDict
    body: str
    body_line: int  # the line where the body starts, for messages about it


# Sources parsed once per text: a build's checks read each file's front matter more than
# once, and the preview loads the whole site again on every save (only changed files are
# parsed again). Results are shared: nothing changes a MarkdownSource or its meta.
SOURCES_REMEMBERED = 1 << 16


def split_front_matter(text: str, path: str) -> MarkdownSource:
    """Parse `---` YAML front matter at the top of `text`; an absent block gives empty meta."""
    try:
        source = _split_once(text)
    except DataError:
        return _split(text, path)  # the same error, naming the file
    return source if source.path == path else dataclasses.replace(source, path=path)


def forget_sources() -> None:
    """Let go of the texts remembered: a build parses each once, then needs them no more."""
    _split_once.cache_clear()


@functools.lru_cache(maxsize=SOURCES_REMEMBERED)
def _split_once(text: str) -> MarkdownSource:
    return _split(text, "")


def _split(text: str, path: str) -> MarkdownSource:
    text = text.lstrip("\ufeff")
    empty = LineDict()
    empty.line, empty.key_lines = 1, {}
    if not _FENCE.match(text):
        return MarkdownSource(path, empty, text, 1)
    start = _FENCE.match(text)
    assert start is not None
    end = _FENCE.search(text, start.end())
    closing = re.compile(r"^---[ \t]*$", re.MULTILINE).search(text, start.end())
    if end is None and closing is None:
        raise DataError(
            [Problem(path, 1, "front matter is not closed", "add a line '---' after the last key")]
        )
    stop = (
        end if end is not None and (closing is None or end.start() <= closing.start()) else closing
    )
    assert stop is not None
    yaml_text = text[start.end() : stop.start()]
    meta = parse_yaml(yaml_text, path, first_line=2)
    if meta is None:
        meta = empty
    if not isinstance(meta, LineDict):
        raise DataError([Problem(path, 2, "front matter must be a mapping of keys to values")])
    body = text[stop.end() :]
    body_line = text.count("\n", 0, stop.end()) + 1
    return MarkdownSource(path, meta, body, body_line)

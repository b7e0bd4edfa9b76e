"""Text an editor still has to write: the `TODO` that `nextsociety new` puts in new files.

Published text must not say TODO: `load_site()` refuses it in anything public at the build's
instant (`publishing_problems`), and `nextsociety status` shows such files as `todo`.
"""

from __future__ import annotations

from nextsociety.model.errors import DataError
from nextsociety.model.frontmatter import split_front_matter

PLACEHOLDER = "TODO"
TEXT_FIELDS = ("title", "summary")


def placeholder_line(text: str) -> int | None:
    """The first line of a Markdown file whose title, summary or body line starts with TODO."""
    try:
        source = split_front_matter(text, "")
    except DataError:
        return None
    for key in TEXT_FIELDS:
        value = source.meta.get(key)
        if isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER):
            return source.meta.line_of(key)
    for number, line in enumerate(source.body.splitlines()):
        if line.lstrip().startswith(PLACEHOLDER):
            return source.body_line + number
    return None


def has_placeholder(text: str) -> bool:
    """Whether a file still has text to write."""
    return placeholder_line(text) is not None

"""Limits on the Markdown files under content/, each a documented Problem, not a crash.

Python-Markdown recurses into nested blocks: a file of hundreds of nested quotes or lists
exhausts the interpreter's stack or takes minutes, and a 5 MB page is no page anyone reads.
MkDocs also builds `.markdown`, `.mkd`… files that the site's checks would not see, and copies
`x.fr.MD` as a file, publishing its raw text: only `.md`, in lowercase, is content.
"""

from __future__ import annotations

import functools
import re

from nextsociety.model.errors import Problem

MAX_MARKDOWN_CHARACTERS = 1_000_000
MAX_QUOTE_DEPTH = 20  # `>` markers at the start of one line
MAX_INDENT_COLUMNS = 120  # about 30 levels of nested lists

# Every extension MkDocs reads as Markdown, and their case variants.
_MARKDOWN_SUFFIX = re.compile(r"\.(md|markdown|mdown|mkdn|mkd)$", re.IGNORECASE)
_QUOTES = re.compile(r"^[ \t]*((?:>[ \t]*)+)", re.MULTILINE)
_INDENT = re.compile(r"^[ \t]+(?=\S)", re.MULTILINE)


def is_markdown_name(name: str) -> bool:
    """Whether MkDocs (or an editor) would take `name` for Markdown, whatever its case."""
    return bool(_MARKDOWN_SUFFIX.search(name))


def name_problem(name: str, shown: str) -> Problem | None:
    """A Markdown file not named `*.md` is refused: it would be published or built unchecked."""
    if not is_markdown_name(name) or name.endswith(".md"):
        return None
    fixed = _MARKDOWN_SUFFIX.sub(".md", name)
    return Problem(
        shown, None, "a Markdown file must end in '.md' (lowercase)", f"rename it {fixed}"
    )


def text_problems(text: str, shown: str) -> list[Problem]:
    """Size and nesting limits of one Markdown file, with the first line over a limit."""
    if len(text) <= MAX_MARKDOWN_CHARACTERS and _within_limits(text):
        return []
    return _text_problems(text, shown)


@functools.lru_cache(maxsize=1 << 16)
def _within_limits(text: str) -> bool:
    """Whether a text has no problem (remembered: the preview reads every file on each save)."""
    return not _text_problems(text, "")


def _text_problems(text: str, shown: str) -> list[Problem]:
    if len(text) > MAX_MARKDOWN_CHARACTERS:
        return [
            Problem(
                shown,
                None,
                f"longer than {MAX_MARKDOWN_CHARACTERS:,} characters",
                "split it into several pages",
            )
        ]
    for match in _QUOTES.finditer(text):
        if match.group(1).count(">") > MAX_QUOTE_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            message = f"quotes nested more than {MAX_QUOTE_DEPTH} levels deep"
            return [Problem(shown, line, message, "use fewer '>' at the start of the line")]
    for match in _INDENT.finditer(text):
        if len(match.group().expandtabs(4)) > MAX_INDENT_COLUMNS:
            line = text.count("\n", 0, match.start()) + 1
            message = f"indented more than {MAX_INDENT_COLUMNS} columns (lists nested too deeply)"
            return [Problem(shown, line, message, "nest lists fewer levels deep")]
    return []

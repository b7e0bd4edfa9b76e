"""Problems as editors read them: `path:line: message (hint)`, or GitHub annotations."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from nextsociety.model.errors import Problem


def report(problems: Sequence[Problem], output: str, root: Path, level: str) -> None:
    for problem in problems:
        if output == "github":
            print(_annotation(problem, root, level))
        else:
            print(
                f"{problem}"
                if level == "error"
                else f"{_where(problem)}: warning: {_what(problem)}"
            )


def _annotation(problem: Problem, root: Path, level: str) -> str:
    """A GitHub Actions workflow command: the message shows on the file's line in the
    pull request.
    """
    path = os.path.relpath(root / problem.path)  # relative to the workflow's working directory
    where = f"file={_escape(path, True)}" + (f",line={problem.line}" if problem.line else "")
    return f"::{level} {where},title=nextsociety check::{_escape(_what(problem), False)}"


def _escape(value: str, is_property: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if is_property else value


def _where(problem: Problem) -> str:
    return f"{problem.path}:{problem.line}" if problem.line else problem.path


def _what(problem: Problem) -> str:
    return f"{problem.message} ({problem.hint})" if problem.hint else problem.message

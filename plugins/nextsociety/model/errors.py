"""One error type for everything an editor can get wrong, always with file and line."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file: printed as `path:line: message (hint)`."""

    path: str
    line: int | None
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class DataError(Exception):
    """Raised with every problem found in one run, so the editor fixes them all at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted_problems(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        return f"{head} in the content:\n" + "\n".join(f"  {p}" for p in self.problems)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once, by file, line and message: the order every report uses."""
    return sorted(set(problems), key=_sort_key)


def _sort_key(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)


class ProblemCollector:
    """Collects problems while validating; `raise_if_any()` ends the run with all of them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, line: int | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(path, line, message, hint))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataError(self.problems)


def closest(value: object, candidates: Iterable[str]) -> str | None:
    """The valid name an editor most likely meant, for a 'did you mean' hint."""
    matches = difflib.get_close_matches(str(value), list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(value: object, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest candidate, or None when nothing is close."""
    match = closest(value, candidates)
    return f"did you mean '{match}'?" if match else None

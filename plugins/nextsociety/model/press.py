"""The press texts (data/press.yml): the "About THE NEXT SOCIETY" boilerplate in every language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from nextsociety.model.errors import ProblemCollector, did_you_mean
from nextsociety.model.strings import every_language
from nextsociety.model.yamlio import LineDict, load_yaml


@dataclass(frozen=True)
class Boilerplate:
    title: Mapping[str, str]  # language -> plain text
    body: Mapping[str, str]  # language -> Markdown


def load_press(path: Path, display_path: str, languages: Iterable[str]) -> Boilerplate:
    codes = tuple(languages)
    problems = ProblemCollector()
    data = load_yaml(path, display_path)
    block = data.get("boilerplate") if isinstance(data, LineDict) else None
    if not isinstance(block, LineDict):
        problems.add(
            display_path,
            getattr(data, "line", 1),
            "expected 'boilerplate:' with 'title:' and 'body:'",
        )
        problems.raise_if_any()
    assert isinstance(block, LineDict)
    texts: dict[str, dict[str, str]] = {}
    for key in block:
        if key not in ("title", "body"):
            problems.add(
                display_path,
                block.line_of(key),
                f"unknown key '{key}'",
                did_you_mean(key, ("title", "body")),
            )
    for key in ("title", "body"):
        line = block.line_of(key) if key in block else block.line
        checked = every_language(
            block.get(key), codes, display_path, line, f"'boilerplate: {key}'", problems
        )
        if checked is not None:
            texts[key] = checked
    problems.raise_if_any()
    return Boilerplate(title=texts["title"], body=texts["body"])

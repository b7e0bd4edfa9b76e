"""The translation table for every string our templates show (data/site.yml, `strings:`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nextsociety.model.errors import ProblemCollector, did_you_mean
from nextsociety.model.yamlio import LineDict, load_yaml


class MissingString(KeyError):
    """A template asked for a key the table does not have: a template bug, not an editor's."""


@dataclass(frozen=True)
class StringTable:
    strings: Mapping[str, Mapping[str, str]]  # key -> language -> text

    def get(self, key: str, lang: str) -> str:
        try:
            return self.strings[key][lang]
        except KeyError:
            raise MissingString(
                f"no translation for '{key}' in '{lang}': add it under 'strings:' in data/site.yml"
            ) from None


def load_strings(path: Path, display_path: str, languages: Iterable[str]) -> StringTable:
    """Every key must have a text in every language: a missing one is an error with its line."""
    codes = tuple(languages)
    problems = ProblemCollector()
    data = load_yaml(path, display_path)
    raw = data.get("strings") if isinstance(data, LineDict) else None
    if not isinstance(raw, LineDict):
        problems.add(display_path, getattr(data, "line", 1), "expected a mapping 'strings:' of key -> {en, fr, ar}")
        problems.raise_if_any()
    assert isinstance(raw, LineDict)
    table: dict[str, dict[str, str]] = {}
    for key, texts in raw.items():
        checked = every_language(texts, codes, display_path, raw.line_of(key), f"string '{key}'", problems)
        if checked is not None:
            table[str(key)] = checked
    problems.raise_if_any()
    return StringTable(table)


def every_language(
    texts: Any, codes: tuple[str, ...], path: str, line: int, what: str, problems: ProblemCollector
) -> dict[str, str] | None:
    """A `{language: text}` mapping that must give a text in every language and no other."""
    if not isinstance(texts, LineDict):
        problems.add(path, line, f"{what} must map each language to its text")
        return None
    for lang in codes:
        if not isinstance(texts.get(lang), str) or not texts[lang].strip():
            problems.add(path, line, f"{what} has no '{lang}' text", "every string needs every language")
    for lang in texts:
        if lang not in codes:
            problems.add(path, texts.line_of(lang), f"{what}: unknown language '{lang}'", did_you_mean(lang, codes))
    return {str(k): str(v) for k, v in texts.items()}

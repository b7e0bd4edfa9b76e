"""The translation table for every string our templates show (data/site.yml, `strings:`)."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nextsociety.model.errors import DataError, Problem, ProblemCollector, did_you_mean
from nextsociety.model.yamlio import LineDict, load_yaml


class MissingString(KeyError):
    """A template asked for a key the table does not have: a template bug, not an editor's."""


# The values each string is given where it is shown (templates and plugins). A string may use
# these `{name}` placeholders and no others; every other string takes none. Checked at load, so
# that formatting can neither fail during a build nor reach anything but these values.
PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "untranslated.notice": frozenset({"language"}),
    "registry.fallback.notice": frozenset({"language"}),
    "news.title.page": frozenset({"number"}),
    "news.page_of": frozenset({"number", "count"}),
    "news.archive.year": frozenset({"year"}),
    "news.archive.tag": frozenset({"tag"}),
    "events.archive.year": frozenset({"year"}),
    "preview.scheduled.text": frozenset({"date"}),
    "preview.problems.title": frozenset({"count"}),
    "preview.problems.heading": frozenset({"count"}),
    "events.place": frozenset({"area", "country"}),
    "events.announced": frozenset({"month"}),
    "events.country_partners": frozenset({"country"}),
    "page.updated": frozenset({"date"}),
    "news.updated.on": frozenset({"date"}),
    "news.correction": frozenset({"date", "note"}),
    "news.outdated": frozenset({"date", "language"}),
    "news.withdrawn.notice": frozenset({"reason"}),
    "media.pixels": frozenset({"width", "height"}),
    "media.kilobytes": frozenset({"size"}),
    "media.megabytes": frozenset({"size"}),
}


def placeholder_problem(text: str, allowed: frozenset[str]) -> tuple[str, str] | None:
    """What is wrong with the `{name}` placeholders of `text`, and a hint; None when nothing."""
    if not allowed:
        if "{" in text or "}" in text:
            return "braces in a string that takes no placeholders", "remove '{' and '}'"
        return None
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
        specs = [(spec, conv) for _, field, spec, conv in string.Formatter().parse(text) if field]
    except ValueError:
        return "a '{' or '}' without its pair", "write '{{' or '}}' for a brace shown as text"
    names = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
    for field in fields:
        if not field.isidentifier() or field not in allowed:
            return f"unknown placeholder '{{{field}}}'", f"this string's placeholders: {names}"
    if any(spec or conv for spec, conv in specs):
        return "a placeholder with a format (':' or '!')", f"write the placeholder alone: {names}"
    return None


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

    def format(self, key: str, lang: str, **values: str) -> str:
        """The string `key` in `lang`, its placeholders (checked at load) filled with `values`."""
        text = self.get(key, lang)
        return text.format(**values) if key in PLACEHOLDERS else text


def load_strings(path: Path, display_path: str, languages: Iterable[str]) -> StringTable:
    """Every key must have a text in every language: a missing one is an error with its line."""
    codes = tuple(languages)
    problems = ProblemCollector()
    data = load_yaml(path, display_path)
    raw = data.get("strings") if isinstance(data, LineDict) else None
    if not isinstance(raw, LineDict):
        problems.add(
            display_path,
            getattr(data, "line", 1),
            "expected a mapping 'strings:' of key -> {en, fr, ar}",
        )
        problems.raise_if_any()
    assert isinstance(raw, LineDict)
    table: dict[str, dict[str, str]] = {}
    for key, texts in raw.items():
        checked = every_language(
            texts, codes, display_path, raw.line_of(key), f"string '{key}'", problems
        )
        if checked is not None:
            table[str(key)] = checked
            _check_placeholders(str(key), checked, raw, display_path, problems)
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
            problems.add(
                path, line, f"{what} has no '{lang}' text", "every string needs every language"
            )
    for lang in texts:
        if lang not in codes:
            problems.add(
                path,
                texts.line_of(lang),
                f"{what}: unknown language '{lang}'",
                did_you_mean(lang, codes),
            )
    return {str(k): str(v) for k, v in texts.items()}


def _check_placeholders(
    key: str, texts: Mapping[str, str], table: LineDict, path: str, problems: ProblemCollector
) -> None:
    allowed = PLACEHOLDERS.get(key, frozenset())
    raw = table[key]
    used: dict[str, frozenset[str]] = {}
    for lang, text in texts.items():
        line = raw.line_of(lang) if isinstance(raw, LineDict) else None
        wrong = placeholder_problem(text, allowed)
        if wrong:
            problems.add(path, line, f"string '{key}' ({lang}): {wrong[0]}", wrong[1])
        else:
            used[lang] = frozenset(f for _, f, _, _ in string.Formatter().parse(text) if f)
    if len(set(used.values())) > 1:
        sets = "; ".join(f"{lang}: {sorted(names)}" for lang, names in used.items())
        problems.add(
            path,
            table.line_of(key),
            f"string '{key}' uses different placeholders in different languages ({sets})",
            "every language shows the same values",
        )


# `i18n.t("news.title")` in a template, `t("news.title")` or `_t(lang, "news.title")` in code;
# not Material's own `lang.t("select.language")`.
_KEY_USE = re.compile(r"""(?<!lang\.)\bt\(\s*(?:lang,\s*)?["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")


def used_keys(files: Iterable[tuple[Path, str]]) -> dict[str, tuple[str, int]]:
    """Every string key written literally in templates or code, with where it is first used:
    (file on disk, the name to show). A key the table lacks would fail the build mid-page."""
    found: dict[str, tuple[str, int]] = {}
    for path, shown in files:
        text = path.read_text(encoding="utf-8")
        for match in _KEY_USE.finditer(text):
            found.setdefault(match.group(1), (shown, text.count("\n", 0, match.start()) + 1))
    return found


def keys_used_in(text: str) -> list[str]:
    """The string keys a template or module names (`t("key")`), in order."""
    return list(dict.fromkeys(_KEY_USE.findall(text)))


def readable_texts(path: Path, display_path: str, keys: Iterable[str], lang: str) -> dict[str, str]:
    """The texts of `keys` in `lang` that the table gives in a usable form, read even while
    other entries of it have problems: the preview lists those problems in these words. A
    file that cannot be read as YAML gives none."""
    try:
        data = load_yaml(path, display_path)
    except DataError:
        return {}
    raw = data.get("strings") if isinstance(data, Mapping) else None
    found: dict[str, str] = {}
    for key in keys:
        texts = raw.get(key) if isinstance(raw, Mapping) else None
        text = texts.get(lang) if isinstance(texts, Mapping) else None
        allowed = PLACEHOLDERS.get(key, frozenset())
        if isinstance(text, str) and text.strip() and placeholder_problem(text, allowed) is None:
            found[key] = text
    return found


def missing_key_problems(
    table: StringTable, files: Iterable[tuple[Path, str]], display_path: str
) -> list[Problem]:
    """Keys used by templates or code that the table does not have, with where they are used."""
    return [
        Problem(
            display_path,
            None,
            f"no translation for '{key}', used in {where}:{line}",
            "add it under 'strings:' in every language",
        )
        for key, (where, line) in sorted(used_keys(files).items())
        if key not in table.strings
    ]

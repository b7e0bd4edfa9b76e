"""Markdown sources of one kind (news items, events): parsed, grouped with their translations."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from nextsociety.model.errors import DataError, ProblemCollector
from nextsociety.model.frontmatter import split_front_matter
from nextsociety.model.languages import Language, LanguageSet
from nextsociety.model.translations import split_language
from nextsociety.model.yamlio import LineDict


@dataclass(frozen=True)
class SourceFile:
    src_uri: str  # relative to the docs folder: news/2018/x.fr.md
    shown: str  # as messages name it: content/news/2018/x.fr.md
    lang: Language
    meta: LineDict


@dataclass
class SourceGroup:
    """An original (default language) and its translations, in the configured language order."""

    key: str
    original: SourceFile
    translations: list[SourceFile] = field(default_factory=list)


def group_sources(
    sources: Iterable[tuple[str, str]],
    languages: LanguageSet,
    content_dir: str,
    path_re: re.Pattern[str],
    misplaced: tuple[str, str | None],
    problems: ProblemCollector,
) -> list[SourceGroup]:
    """Parse each (src_uri, text); a file whose path does not match `path_re` gets the
    `misplaced` (message, hint), a translation without its original gets its own problem."""
    originals: dict[str, SourceFile] = {}
    translations: dict[str, list[SourceFile]] = {}
    unreadable: set[str] = set()  # originals whose front matter fails: their own problem
    for src_uri, text in sorted(sources):
        shown = posixpath.join(content_dir, src_uri)
        key, lang = split_language(src_uri, languages)
        if not path_re.match(key):
            problems.add(shown, None, *misplaced)
            continue
        try:
            meta = split_front_matter(text, shown).meta
        except DataError as exc:
            problems.extend(exc.problems)
            if lang is languages.default:
                unreadable.add(key)
            continue
        source = SourceFile(src_uri, shown, lang, meta)
        if lang is languages.default:
            originals[key] = source
        else:
            translations.setdefault(key, []).append(source)
    groups = []
    for key, original in sorted(originals.items()):
        translated = sorted(
            translations.pop(key, []), key=lambda s: languages.codes.index(s.lang.code)
        )
        groups.append(SourceGroup(key, original, translated))
    for key, orphans in sorted(translations.items()):
        if key in unreadable:
            continue  # not orphans: their original's front matter is broken, and reported
        for orphan in orphans:
            problems.add(
                orphan.shown,
                None,
                f"a {orphan.lang.name} translation without its original",
                f"create {posixpath.join(content_dir, key)} first",
            )
    return groups

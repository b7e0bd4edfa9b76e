"""Links and images in Markdown bodies, resolved the way the build resolves them.

MkDocs (with `validation:` set to warn and `--strict`) stops the build on a relative link
whose target is not among the built files, on an absolute link ("/about/") and on a link to
a folder ("press/"). Each language's copy of a page is built at `<prefix><key>`, so a link
resolves against that language's tree: its pages (translations and copies of untranslated
originals), the generated pages, and the static files, shared by every language.
`load_site()` reports each such link with its file and line, in every language at once.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from nextsociety.model.errors import DataError, Problem, closest
from nextsociety.model.frontmatter import SOURCES_REMEMBERED, split_front_matter
from nextsociety.model.languages import Language, LanguageSet
from nextsociety.model.translations import split_language

# [text](target "title"), ![alt](target), and reference definitions: [id]: target
_INLINE = re.compile(r"(?P<image>!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?(?P<target>[^)\s>]*)>?")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<target>\S+?)>?(?:\s|$)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"`+[^`]*`+")


@dataclass(frozen=True)
class BodyLink:
    line: int  # in the file
    target: str  # as written
    image: bool


def body_links(text: str) -> tuple[BodyLink, ...]:
    """Every link and image target of a Markdown file, outside code, with its line."""
    return _body_links_once(text)


def forget_body_links() -> None:
    """Let go of the texts remembered (see frontmatter.SOURCES_REMEMBERED)."""
    _body_links_once.cache_clear()


@functools.lru_cache(maxsize=SOURCES_REMEMBERED)
def _body_links_once(text: str) -> tuple[BodyLink, ...]:
    return tuple(_find_body_links(text))


def _find_body_links(text: str) -> Iterator[BodyLink]:
    try:
        source = split_front_matter(text, "")
    except DataError:
        return
    fenced = False
    for number, line in enumerate(source.body.splitlines(), start=source.body_line):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or line.startswith(("    ", "\t")):
            continue
        line = _CODE_SPAN.sub("", line)
        for match in _INLINE.finditer(line):
            yield BodyLink(number, match["target"], bool(match["image"]))
        reference = _REFERENCE.match(line)
        if reference:
            yield BodyLink(number, reference["target"], False)


def built_paths(
    sources: Collection[str],
    generated: Collection[str],
    statics: Collection[str],
    languages: LanguageSet,
    unpublished: Collection[str],
) -> frozenset[str]:
    """Every page and file of the build, by path relative to the docs folder: each language's
    pages under its prefix (translations, copies of untranslated originals, generated pages),
    and the static files at their own path and under every language's prefix: translations
    share the original's images (the i18n plugin publishes an alias of each file there)."""
    keys = {split_language(src_uri, languages) for src_uri in sources if src_uri not in unpublished}
    originals = {key for key, lang in keys if lang is languages.default}
    paths: set[str] = set()
    for lang in languages.languages:
        own = {key for key, other in keys if other is lang}
        paths.update(lang.prefix + key for key in (*originals, *own, *generated))
        paths.update(lang.prefix + path for path in statics)
    return frozenset(paths)


def static_files(docs_path: Path) -> set[str]:
    """Every file under the docs folder but Markdown, hidden ones skipped as MkDocs does."""
    found = set()
    for folder, dirs, files in os.walk(docs_path):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        relative = Path(folder).relative_to(docs_path).as_posix()
        for name in files:
            if not name.startswith(".") and not name.endswith(".md"):
                found.add(name if relative == "." else f"{relative}/{name}")
    return found


def body_link_problems(
    sources: Mapping[str, str],
    built: Collection[str],
    languages: LanguageSet,
    docs_dir: str,
    unpublished: Collection[str],
) -> list[Problem]:
    """Links and images that the build would refuse, in every language a file is built in:
    its own, and for an original, each language it is copied to untranslated."""
    problems: set[Problem] = set()
    for src_uri, text in sources.items():
        if src_uri in unpublished:
            continue
        key, lang = split_language(src_uri, languages)
        built_in = [lang]
        if lang is languages.default:
            built_in += [
                other
                for other in languages.languages[1:]
                if _translation_of(key, other) not in sources
            ]
        shown = posixpath.join(docs_dir, src_uri)
        for link in body_links(text):
            for copy in built_in:
                tree = _Tree(built, copy, tuple(o.prefix for o in languages.languages if o.prefix))
                problem = _link_problem(link, key, tree, shown, copy is not lang)
                if problem is not None:
                    problems.add(problem)
                    break  # one problem per link: the first language that fails
    return sorted(problems)


def _translation_of(key: str, lang: Language) -> str:
    return key[: -len(".md")] + f".{lang.code}.md"


@dataclass(frozen=True)
class _Tree:
    """The built site as one language's pages reach it."""

    built: Collection[str]
    lang: Language
    prefixes: tuple[str, ...]  # every language folder ('fr/', 'ar/')

    def reachable(self, path: str) -> bool:
        """A page of this language, or a static file (not another language's page)."""
        if self.lang.prefix:
            return path.startswith(self.lang.prefix) or not path.endswith(".md")
        return not path.startswith(self.prefixes) or not path.endswith(".md")


def _link_problem(link: BodyLink, key: str, tree: _Tree, shown: str, copy: bool) -> Problem | None:
    target, lang, built = link.target, tree.lang, tree.built
    what = "image" if link.image else "link"
    parts = urlsplit(target)
    if parts.scheme or target.startswith(("//", "#")) or not parts.path:
        return None
    if target.startswith("/"):
        return Problem(
            shown,
            link.line,
            f"absolute {what} '{target}': the site may be published under a sub-path",
            "write the path of the Markdown file, relative to this file (e.g. ../../about.md)",
        )
    path = posixpath.normpath(
        posixpath.join(posixpath.dirname(lang.prefix + key), unquote(parts.path))
    )
    if path in built:
        return None
    if parts.path.endswith("/") and posixpath.join(path, "index.md") in built:
        hint = f"link to the Markdown file: {parts.path}index.md"
        return Problem(shown, link.line, f"{what} to the folder '{target}'", hint)
    message = f"{what} '{target}' does not resolve (the build looks for {path})"
    if copy:  # untranslated, the file is built again under the language's folder
        message = f"{what} '{target}' does not resolve in its {lang.name} copy ({path})"
        hint = (
            f"untranslated, this file is also published under {lang.prefix}, and its paths "
            "are followed from there"
        )
        return Problem(shown, link.line, message, hint)
    folder = posixpath.dirname(key)
    return Problem(
        shown,
        link.line,
        message,
        f"paths are relative to this file's folder ({folder + '/' if folder else 'the top'})"
        + _suggestion(path, posixpath.dirname(lang.prefix + key), tree),
    )


def _suggestion(path: str, base: str, tree: _Tree) -> str:
    """The file of the closest name that this language's page can reach, written relative to
    the page's folder `base`, as the editor writes links."""
    stem, ext = posixpath.splitext(posixpath.basename(path))
    candidates: dict[str, str] = {}
    for other in sorted(tree.built):
        if other.endswith(ext) and tree.reachable(other):
            candidates.setdefault(_name(other), other)
    match = closest(stem, candidates)
    if match is None:
        return ""
    return f"; did you mean {posixpath.relpath(candidates[match], base or '.')}?"


def _name(path: str) -> str:
    """What an editor calls a file: its name without extension; a folder's index, the folder's."""
    folder, name = posixpath.split(path)
    stem = posixpath.splitext(name)[0]
    return posixpath.basename(folder) if stem == "index" and folder else stem

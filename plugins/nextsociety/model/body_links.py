"""Links and images in Markdown bodies, resolved the way the build resolves them.

MkDocs (with `validation:` set to warn and `--strict`) stops the build on a relative link
whose target is not among the built files, on an absolute link ("/about/") and on a link to
a folder ("press/"). Each language's copy of a page is built at `<prefix><key>`, so a link
resolves against that language's tree: its pages (translations and copies of untranslated
originals), the generated pages, and the static files, shared by every language.
`load_site()` reports each such link with its file and line, in every language at once.

A link's `#anchor` must be an id of the page it leads to in that language (`model/anchors.py`):
the same link in an original and in its untranslated copy may lead to pages whose headings, so
anchors, differ. MkDocs (`validation: anchors: warn`) stops on those too, without a line.
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

from nextsociety.model.anchors import PageAnchors
from nextsociety.model.errors import DataError, Problem, closest
from nextsociety.model.frontmatter import SOURCES_REMEMBERED, split_front_matter
from nextsociety.model.languages import Language, LanguageSet
from nextsociety.model.translations import split_language

# [text](target "title"), ![alt](target), and reference definitions: [id]: target
_INLINE = re.compile(r"(?P<image>!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?(?P<target>[^)\s>]*)>?")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<target>\S+?)>?(?:\s|$)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_LISTED = 6  # anchors named in a hint


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
    if "[" not in source.body:
        return  # no link, no image, no reference definition
    fenced = False
    for number, line in enumerate(source.body.splitlines(), start=source.body_line):
        if ("`" in line or "~" in line) and _FENCE.match(line):
            fenced = not fenced
        if fenced or "[" not in line or line.startswith(("    ", "\t")):
            continue
        if "`" in line:
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


def page_sources(
    sources: Collection[str], languages: LanguageSet, unpublished: Collection[str]
) -> dict[str, str]:
    """Built page path -> the src_uri whose Markdown is converted there: each language's own
    file, else (an untranslated copy) the original's."""
    pages: dict[str, str] = {}
    for src_uri in sorted(sources):
        if src_uri in unpublished:
            continue
        key, lang = split_language(src_uri, languages)
        pages[lang.prefix + key] = src_uri
        if lang is languages.default:
            for other in languages.languages[1:]:
                pages.setdefault(other.prefix + key, src_uri)
    return pages


@dataclass(frozen=True)
class AnchorTargets:
    """What a link's `#anchor` is checked against: the Markdown converted at each built page
    (`pages`: path -> src_uri), and the pages that convert none: withdrawn items (their text
    is not shown) and generated pages (every built page with no source)."""

    sources: Mapping[str, str]
    pages: Mapping[str, str]
    anchors: PageAnchors
    withdrawn: Collection[str]  # src_uris

    def of(self, path: str) -> frozenset[str] | None:
        """The ids of the page built at `path`; None when not checked (a static file, or
        extensions that cannot be loaded)."""
        src_uri = self.pages.get(path)
        if src_uri is None:
            return frozenset() if path.endswith(".md") else None
        if src_uri in self.withdrawn:
            return frozenset()
        return self.anchors.anchors(self.sources[src_uri])


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
    anchors: AnchorTargets | None = None,
    complete: bool = True,
) -> list[Problem]:
    """Links and images that the build would refuse, in every language a file is built in:
    its own, and for an original, each language it is copied to untranslated; with `anchors`,
    links whose `#anchor` is not on the page they lead to. Not `complete` (`built` lacks the
    pages of what could not be loaded), a link that finds no page is not reported."""
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
                prefixes = tuple(o.prefix for o in languages.languages if o.prefix)
                tree = _Tree(built, copy, prefixes, docs_dir, anchors, complete)
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
    docs_dir: str = "docs"
    anchors: AnchorTargets | None = None
    complete: bool = True  # False: pages of a registry or of events that did not load are missing

    def reachable(self, path: str) -> bool:
        """A page of this language, or a static file (not another language's page)."""
        if self.lang.prefix:
            return path.startswith(self.lang.prefix) or not path.endswith(".md")
        return not path.startswith(self.prefixes) or not path.endswith(".md")


def _link_problem(link: BodyLink, key: str, tree: _Tree, shown: str, copy: bool) -> Problem | None:
    target, lang, built = link.target, tree.lang, tree.built
    what = "image" if link.image else "link"
    parts = urlsplit(target)
    if parts.scheme or target.startswith("//"):
        return None
    if not parts.path:  # '#anchor' on this page (or '?query')
        return (
            _anchor_problem(link, lang.prefix + key, tree, shown, copy) if parts.fragment else None
        )
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
        return _anchor_problem(link, path, tree, shown, copy) if parts.fragment else None
    if parts.path.endswith("/") and posixpath.join(path, "index.md") in built:
        hint = f"link to the Markdown file: {parts.path}index.md"
        return Problem(shown, link.line, f"{what} to the folder '{target}'", hint)
    if not tree.complete:
        return None  # perhaps a page of what did not load: its own problems come first
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


def _anchor_problem(
    link: BodyLink, path: str, tree: _Tree, shown: str, copy: bool
) -> Problem | None:
    """A link whose `#anchor` is not an id of the page it leads to (`path`), in this language."""
    ids = tree.anchors.of(path) if tree.anchors is not None else None
    anchor = urlsplit(link.target).fragment
    if ids is None or anchor in ids:
        return None
    assert tree.anchors is not None
    what = "image" if link.image else "link"
    src_uri = tree.anchors.pages.get(path)
    own = src_uri is not None and posixpath.join(tree.docs_dir, src_uri) == shown
    same_page = own and (link.target.startswith("#") or not copy)
    if src_uri is None:
        message = f"{what} '{link.target}': the page {path} is generated and has no anchors"
        return Problem(shown, link.line, message, f"link to the page without '#{anchor}'")
    page = "this page" if same_page else posixpath.join(tree.docs_dir, src_uri)
    if src_uri in tree.anchors.withdrawn:
        message = f"{what} '{link.target}': {page} is withdrawn, its page shows no text"
        return Problem(shown, link.line, message, f"link to the page without '#{anchor}'")
    message = f"{what} '{link.target}': {page} has no anchor '#{anchor}'"
    if copy:
        message += f" (its {tree.lang.name} copy links to {path})"
    hint = _anchor_hint(link.target, anchor, ids)
    if copy:
        hint = (
            f"untranslated, this file is also published under {tree.lang.prefix}, where the link "
            f"leads to the {tree.lang.name} page; {hint}"
        )
    return Problem(shown, link.line, message, hint)


def _anchor_hint(target: str, anchor: str, ids: frozenset[str]) -> str:
    """The anchor meant, written as the build compares it (letter for letter, not
    percent-encoded); else the page's anchors, which come from its headings."""
    page = target[: -len(anchor) - 1]
    if unquote(anchor) in ids:
        return f"write the anchor as it reads: {page}#{unquote(anchor)}"
    match = closest(unquote(anchor), ids)
    if match is not None:
        return f"did you mean {page}#{match}?"
    if not ids:
        return "the page has no headings or ids to link to"
    shown = ", ".join(f"#{name}" for name in sorted(ids)[:_LISTED])
    more = f" and {len(ids) - _LISTED} more" if len(ids) > _LISTED else ""
    return f"anchors come from the page's headings: {shown}{more}"

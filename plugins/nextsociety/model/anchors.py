"""Where a link's `#anchor` may lead: the ids of a page, found the way MkDocs finds them.

MkDocs (with `validation: anchors: warn` and `--strict`) stops the build on a link to
`page.md#missing` or `#missing` when the page's converted Markdown has no element with that
id (nor an `<a name>`): the toc extension's heading ids, attr_list's `{#id}`, ids written in
raw HTML. Pages generated without Markdown (listings, registry pages) have none. Here a page's
body is converted with the Markdown extensions and settings of mkdocs.yml, plus MkDocs' own
(toc, tables, fenced_code), the toc's `slugify` being `heading_slug` unless mkdocs.yml names
another, as the i18n plugin sets it; only pages that a link with an anchor targets are
converted, each once.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import markdown
from markdown import htmlparser
from markdown.extensions.toc import slugify, slugify_unicode
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from nextsociety.model.errors import DataError
from nextsociety.model.frontmatter import split_front_matter

# What MkDocs loads before the extensions of mkdocs.yml (its `markdown_extensions` builtins).
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


def heading_slug(value: str, separator: str) -> str:
    """The toc extension's `slugify`: ASCII when that loses no letter, else Unicode.

    The toc's default keeps ASCII only: an Arabic heading got the anchor `_1`. This keeps that
    ASCII slug wherever it loses no letter (English, French: anchors do not change), and
    otherwise the heading's own letters ("الخطوات-القادمة"), which browsers show as written and
    percent-encode on the wire.
    """
    ascii_slug = slugify(value, separator)
    unicode_slug = slugify_unicode(value, separator)
    folded = unicodedata.normalize("NFKD", unicode_slug).encode("ascii", "ignore").decode()
    # an empty ASCII slug ("حول": nothing folds) would become `_1` too
    return ascii_slug if ascii_slug and folded == ascii_slug else unicode_slug


@dataclass(frozen=True)
class MarkdownSettings:
    """The Markdown extensions of the build and their settings, as MkDocs passes them."""

    extensions: tuple[str, ...] = BUILTIN_EXTENSIONS
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def markdown_settings(raw: Any) -> MarkdownSettings:
    """mkdocs.yml's `markdown_extensions` (a list of names or `{name: settings}`, or one
    mapping), after MkDocs' own; a shape MkDocs refuses is left to MkDocs' message."""
    entries = [{name: value} for name, value in raw.items()] if isinstance(raw, Mapping) else raw
    names = list(BUILTIN_EXTENSIONS)
    configs: dict[str, dict[str, Any]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, str):
            name, options = entry, None
        elif isinstance(entry, Mapping) and len(entry) == 1:
            ((name, options),) = entry.items()
        else:
            continue
        if name not in names:
            names.append(str(name))
        if isinstance(options, Mapping):
            configs[str(name)] = dict(options)
    toc = configs.setdefault("toc", {})
    toc.setdefault("slugify", heading_slug)  # what the i18n plugin sets
    return MarkdownSettings(tuple(names), configs)


class _AnchorIds(Treeprocessor):
    """Every `id`, and `name` of `<a>`, after the toc extension has given headings theirs
    (MkDocs' own collector, at the toc's priority, registered after it)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.ids: set[str] = set()

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if anchor := element.get("id"):
                self.ids.add(anchor)
            if element.tag == "a" and (anchor := element.get("name")):
                self.ids.add(anchor)


class _RawHtmlIds(Preprocessor):
    """Ids written in raw HTML, read before Markdown stashes the HTML away (as MkDocs does)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        parser = _IdParser()
        parser.feed("\n".join(lines))
        parser.close()
        self.ids = parser.ids
        return lines


class _IdParser(htmlparser.htmlparser.HTMLParser):  # type: ignore[name-defined]
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: Sequence[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)
        super().handle_starttag(tag, attrs)


class PageAnchors:
    """The anchors of Markdown files, by their text; each converted once, when first asked.

    `anchors(text)` is None when the build's Markdown extensions cannot be loaded: MkDocs stops
    on that with its own message, and anchors are not checked.
    """

    def __init__(self, settings: MarkdownSettings) -> None:
        self.settings = settings
        self._md: markdown.Markdown | None = None
        self._failed = False
        self._found: dict[str, frozenset[str]] = {}

    def anchors(self, text: str) -> frozenset[str] | None:
        found = self._found.get(text)
        if found is not None:
            return found
        md = self._markdown()
        if md is None:
            return None
        try:
            body = split_front_matter(text, "").body
        except DataError:  # its own problem is reported; MkDocs would not build it either
            body = text
        md.reset()
        md.convert(body)
        collector = md.treeprocessors["nextsociety_anchor_ids"]
        raw_html = md.preprocessors["nextsociety_raw_html_ids"]
        assert isinstance(collector, _AnchorIds) and isinstance(raw_html, _RawHtmlIds)
        found = frozenset(collector.ids | raw_html.ids)
        collector.ids = set()
        self._found[text] = found
        return found

    def _markdown(self) -> markdown.Markdown | None:
        if self._md is None and not self._failed:
            try:
                md = markdown.Markdown(
                    extensions=list(self.settings.extensions),
                    extension_configs={k: dict(v) for k, v in self.settings.configs.items()},
                )
            except Exception:  # noqa: BLE001 - any extension's failure: MkDocs reports it
                self._failed = True
                return None
            md.preprocessors.register(_RawHtmlIds(md), "nextsociety_raw_html_ids", 21)
            md.treeprocessors.register(_AnchorIds(md), "nextsociety_anchor_ids", 5)
            self._md = md
        return self._md

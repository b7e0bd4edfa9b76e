"""Which file is which language of which page, and where each language's copy is published.

A page is identified by its *key*: its path in the default language (`about.md`). Its French
source is `about.fr.md`; it is published under `fr/`, at its own `slug:` if it sets one.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from nextsociety.model.languages import Language, LanguageSet


def split_language(src_uri: str, languages: LanguageSet) -> tuple[str, Language]:
    """`about.fr.md` -> ('about.md', fr); `about.md` -> ('about.md', default language)."""
    stem, ext = posixpath.splitext(src_uri)
    base, dot, suffix = stem.rpartition(".")
    if dot and suffix in languages.codes:
        return base + ext, languages.get(suffix)
    return src_uri, languages.default


def localized_src_uri(key: str, lang: Language) -> str:
    """The path a language's copy pretends to have in the docs dir, so relative links stay in that
    language."""
    return lang.prefix + key


def localized_dest_uri(key: str, lang: Language, slug: str | None) -> str | None:
    """The output path when a copy sets its own `slug`, else None (MkDocs' default)."""
    if not slug:
        return None
    parent = posixpath.dirname(key)
    return posixpath.join(lang.prefix + parent, slug, "index.html")


@dataclass
class Variant:
    """One language's copy of a page, and whether it is a real translation or a fallback copy."""

    lang: Language
    url: str  # site-relative URL, as MkDocs' File.url ("fr/about/")
    fallback_from: Language | None = None  # set when the content is another language's

    @property
    def is_translation(self) -> bool:
        return self.fallback_from is None


@dataclass
class TranslationGroup:
    """All language copies of one page."""

    key: str
    variants: dict[str, Variant] = field(default_factory=dict)

    def translations(self, languages: LanguageSet) -> list[Variant]:
        """Real translations (no fallback copies), in the configured language order."""
        return [
            self.variants[code]
            for code in languages.codes
            if code in self.variants and self.variants[code].is_translation
        ]

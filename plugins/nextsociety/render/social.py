"""Open Graph and Twitter card properties of a page, for link previews. No MkDocs.

Every page gets them: title, description, canonical URL, type (`article` with its published
time for news and press releases, else `website`), site name, locale in the full form Open
Graph uses with an alternate per translation, and an image with its size and text: the item's
lead image when it has one, else the page's generated social card (render/cards.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SocialImage:
    url: str  # absolute
    alt: str
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class SocialPage:
    title: str
    description: str
    url: str  # the canonical URL, absolute
    site_name: str
    locale: str  # "fr_FR"
    alternate_locales: Sequence[str]  # the locales of the page's translations
    image: SocialImage | None  # None: no picture (cards off and no lead image)
    # News items and press releases are articles: ISO 8601 with the precision the source gives
    # ("2018-11" when only the month is known; never an invented day).
    published: str | None = None


def social_meta(page: SocialPage) -> list[tuple[str, str, str]]:
    """(attribute, name, content) of each `<meta>`: `property` for Open Graph, `name` for X."""
    og = [
        ("og:type", "article" if page.published else "website"),
        ("og:title", page.title),
        ("og:description", page.description),
        ("og:url", page.url),
        ("og:site_name", page.site_name),
        ("og:locale", page.locale),
        *(("og:locale:alternate", locale) for locale in page.alternate_locales),
    ]
    image = page.image
    if image is not None:
        og += [("og:image", image.url), ("og:image:alt", image.alt)]
        if image.width and image.height:
            og += [("og:image:width", str(image.width)), ("og:image:height", str(image.height))]
    if page.published:
        og.append(("article:published_time", page.published))
    twitter = [
        ("twitter:card", "summary_large_image" if image is not None else "summary"),
        ("twitter:title", page.title),
        ("twitter:description", page.description),
    ]
    if image is not None:
        twitter += [("twitter:image", image.url), ("twitter:image:alt", image.alt)]
    return [("property", name, value) for name, value in og] + [
        ("name", name, value) for name, value in twitter
    ]

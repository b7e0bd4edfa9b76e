"""schema.org structured data for news items (JSON-LD), as plain dictionaries."""

from __future__ import annotations

from typing import Any


def news_article(
    *,
    url: str,
    headline: str,
    description: str,
    lang: str,
    published: str,  # ISO 8601, as precise as the source: 2018-11-30 or 2018-11
    modified: str,
    publisher_name: str,
    publisher_url: str,
    logo_url: str | None,
    image_url: str | None,
    about: list[dict[str, str]],
) -> dict[str, Any]:
    organisation: dict[str, Any] = {
        "@type": "Organization",
        "name": publisher_name,
        "url": publisher_url,
    }
    if logo_url:
        organisation["logo"] = {"@type": "ImageObject", "url": logo_url}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": headline,
        "description": description,
        "inLanguage": lang,
        "datePublished": published,
        "dateModified": modified,
        "author": organisation,
        "publisher": organisation,
    }
    if image_url:
        data["image"] = [image_url]
    if about:
        data["about"] = about
    return data

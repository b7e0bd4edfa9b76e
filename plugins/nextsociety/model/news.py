"""News items and press releases: front matter validated into records, one per item.

An item is `content/news/<year>/<slug>.md` (the default language) plus its translations
`<slug>.fr.md`, `<slug>.ar.md`. References (partners, clusters, events, contact) and the
publication fields (date, type, draft, image) belong to the original; a translation carries
its own texts and may repeat `date` and `type` only with the same values.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from nextsociety.model import urls
from nextsociety.model.clock import utc_day
from nextsociety.model.errors import ProblemCollector, did_you_mean
from nextsociety.model.languages import Language, LanguageSet
from nextsociety.model.references import (
    DateOrMonth,
    KnownIds,
    check_refs,
    parse_date,
    parse_date_or_month,
)
from nextsociety.model.schema import Field, check_plain_text, check_record, check_slug
from nextsociety.model.sources import SourceFile, SourceGroup, group_sources
from nextsociety.model.yamlio import LineDict, LineList

NEWS_DIR = "news"
NEWS_TYPES = ("news", "press-release")
_PATH_RE = re.compile(r"^news/(?P<year>\d{4})/(?P<slug>[^/]+)\.md$")

# Fields of the original (default-language) file, and of a translation.
ORIGINAL_FIELDS: dict[str, Field] = {
    "title": Field(str, required=True, check=check_plain_text),
    "date": Field((dt.date, str), required=True),
    "type": Field(str, required=True),
    "summary": Field(str, required=True, check=check_plain_text),
    "dateline": Field(str, check=check_plain_text),
    "partners": Field(list),
    "organisers": Field(list),  # partners the release names as organisers
    "clusters": Field(list),
    "events": Field(list),
    "contact": Field(str),
    "tags": Field(list),
    "image": Field(str),  # a media id (data/media.yml), or a file: see `image_file()`
    "image_alt": Field(str, check=check_plain_text),  # for an image file
    "gallery": Field(list),  # media ids
    "updated": Field((dt.date, str)),
    "correction": Field(str, check=check_plain_text),  # what the update of `updated:` corrected
    "withdrawn": Field(str, check=check_plain_text),  # why it was withdrawn: the page says so
    "draft": Field(bool),
    "slug": Field(str, check=check_slug),
}
TRANSLATION_FIELDS: dict[str, Field] = {
    "title": Field(str, required=True, check=check_plain_text),
    "summary": Field(str, required=True, check=check_plain_text),
    "date": Field((dt.date, str)),
    "type": Field(str),
    "dateline": Field(str, check=check_plain_text),
    "image_alt": Field(str, check=check_plain_text),
    "updated": Field((dt.date, str)),
    "correction": Field(str, check=check_plain_text),
    "withdrawn": Field(str, check=check_plain_text),  # the reason in this language
    "slug": Field(str, check=check_slug),
    "translated_from": Field(str),  # content hash of the original this translation follows
}
# What to do about a translation without its text (the publishing gate says the same).
TRANSLATION_HINT = "delete the translation to show the original with a notice, or write it"
# Reference fields and the registry each one points into.
REFERENCE_FIELDS = {
    "partners": "partner",
    "organisers": "partner",
    "clusters": "cluster",
    "events": "event",
}


@dataclass(frozen=True)
class NewsText:
    """One language's text of an item."""

    lang: Language
    src_uri: str  # the file in content/, e.g. news/2018/x.fr.md
    title: str
    summary: str
    slug: str
    dateline: str | None = None
    image_alt: str | None = None
    translated_from: str | None = None
    updated: dt.date | None = None  # when this language's text was last corrected
    correction: str | None = None  # what that update corrected, in this language
    withdrawn: str | None = None  # why the item was withdrawn, in this language


@dataclass(frozen=True)
class NewsItem:
    key: str  # the original's path: news/2018/<slug>.md; identifies the item in every language
    date: dt.date  # the day it sorts and is published on: a month-only date's last day
    type: str
    partners: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    contact: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None  # a media id, or a file path as written (see `image_file`)
    updated: dt.date | None = None
    draft: bool = False
    texts: Mapping[str, NewsText] = field(default_factory=dict)  # language code -> text
    organisers: tuple[str, ...] = ()  # partners the item names as organisers (not just named)
    date_precision: str = "day"  # "month" when front matter gives only the month (2018-11)
    publish_at: dt.datetime | None = None  # the embargo's instant when `date:` has a time
    withdrawn: str | None = None  # why it was withdrawn: its page stays, with a notice
    gallery: tuple[str, ...] = ()  # media ids

    @property
    def image_media(self) -> str | None:
        """The lead image's media id, when `image:` names one."""
        return self.image if self.image and not is_image_path(self.image) else None

    @property
    def image_file(self) -> str | None:
        """The lead image file's path under docs_dir, when `image:` gives a file."""
        return image_file(self.key, self.image) if self.image else None

    @property
    def published(self) -> DateOrMonth:
        """The publication date with the precision the front matter gives."""
        return DateOrMonth(self.date, self.date_precision)

    @property
    def published_iso(self) -> str:
        """ISO 8601 of the publication: the instant with its offset, else the day or month."""
        return self.publish_at.isoformat() if self.publish_at else self.published.iso

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def is_press_release(self) -> bool:
        return self.type == "press-release"

    @property
    def original(self) -> NewsText:
        return next(iter(self.texts.values()))

    def text(self, lang: Language) -> NewsText | None:
        return self.texts.get(lang.code)

    def is_public(self, now: dt.datetime) -> bool:
        """Published at the build's instant `now`: not a draft, and its embargo has lifted."""
        return not self.draft and self.is_released(now)

    def is_released(self, now: dt.datetime) -> bool:
        """The embargo has lifted: at `publish_at`, else on its day (UTC) at 00:00."""
        if self.publish_at is not None:
            return self.publish_at <= now
        return self.date <= utc_day(now)

    def is_listed(self, now: dt.datetime) -> bool:
        """In listings, feeds, search and the sitemap: public and not withdrawn."""
        return self.is_public(now) and self.withdrawn is None

    def is_outdated(self, lang: Language) -> bool:
        """A translation older than the original's last correction (`updated:`)."""
        text = self.texts.get(lang.code)
        if text is None or text is self.original or self.updated is None:
            return False
        return (text.updated or self.published.first_day) < self.updated

    def references(self) -> set[tuple[str, str]]:
        """(kind, id) pairs, for finding related items."""
        refs = {("partner", p) for p in (*self.partners, *self.organisers)} | {
            ("cluster", c) for c in self.clusters
        }
        refs |= {("event", e) for e in self.events} | {("tag", t) for t in self.tags}
        return refs


def is_image_path(value: str) -> bool:
    """`image:` is a file when it has a '.' or a '/'; otherwise the id of a media asset (ids are
    slugs, which have neither)."""
    return "." in value or "/" in value


def image_file(key: str, value: str) -> str | None:
    """Where an image file named in an item's front matter is, under docs_dir: next to the
    item (`photo.jpg`), or from docs_dir when it starts with '/' (`/images/photo.jpg`)."""
    if not is_image_path(value):
        return None
    if value.startswith("/"):
        return value.lstrip("/")
    return posixpath.join(posixpath.dirname(key), value)


def is_news_source(src_uri: str) -> bool:
    return src_uri.startswith(NEWS_DIR + "/") and src_uri.endswith(".md")


def load_news(
    sources: Iterable[tuple[str, str]],
    languages: LanguageSet,
    known: KnownIds,
    content_dir: str = "content",
) -> list[NewsItem]:
    """Validate every news source (src_uri, text); all problems of the run are raised together."""
    problems = ProblemCollector()
    misplaced = (
        "a news item must be at news/<year>/<slug>.md",
        "e.g. news/2018/barcelona-visit.md",
    )
    items: list[NewsItem] = []
    for group in group_sources(sources, languages, content_dir, _PATH_RE, misplaced, problems):
        item = _load_item(group, languages, known, problems)
        if item is not None:
            items.append(item)
    _check_unique_urls(items, languages, content_dir, problems)
    problems.raise_if_any()
    return sorted(items, key=lambda i: (i.date, i.key), reverse=True)


def _load_item(
    group: SourceGroup, languages: LanguageSet, known: KnownIds, problems: ProblemCollector
) -> NewsItem | None:
    key, shown, meta = group.key, group.original.shown, group.original.meta
    before = len(problems.problems)
    values = (
        check_record(
            meta, ORIGINAL_FIELDS, shown, meta.line, problems, "a news item's front matter"
        )
        or {}
    )
    match = _PATH_RE.match(key)
    assert match is not None
    when = parse_publication(values.get("date"), shown, meta.line_of("date"), problems)
    published = when[0] if when else None
    updated = parse_date(values.get("updated"), shown, meta.line_of("updated"), "updated", problems)
    item_type = values.get("type")
    if item_type is not None and item_type not in NEWS_TYPES:
        problems.add(
            shown,
            meta.line_of("type"),
            f"unknown type '{item_type}'",
            did_you_mean(item_type, NEWS_TYPES) or "use news or press-release",
        )
    if published is not None and str(published.day.year) != match["year"]:
        problems.add(
            shown,
            meta.line_of("date"),
            f"dated {published.day.year} but filed under news/{match['year']}/",
            f"move it to news/{published.day.year}/",
        )
    _check_updated(meta, values, published, updated, shown, problems)
    file_slug = match["slug"]
    if check_slug(file_slug):
        problems.add(
            shown,
            None,
            f"the file name '{file_slug}' is not a slug",
            "use lowercase ASCII letters, digits and hyphens",
        )
    refs = {
        fname: check_refs(meta, values, fname, kind, known, shown, problems)
        for fname, kind in REFERENCE_FIELDS.items()
    }
    contact = values.get("contact")
    if contact is not None and contact not in known.contacts:
        problems.add(
            shown,
            meta.line_of("contact"),
            f"unknown contact '{contact}'",
            did_you_mean(contact, known.contacts) or "see data/contacts.yml",
        )
    tags = _check_tags(meta, values, known, shown, problems)
    _check_lead_image(meta, values, known, shown, problems)
    gallery = check_refs(meta, values, "gallery", "media", known, shown, problems)
    default = languages.default
    texts = {default.code: _text(default, key, values, file_slug, updated)}
    for source in group.translations:
        translated = _load_translation(source, when, item_type, values, file_slug, problems)
        texts[source.lang.code] = translated
    if len(problems.problems) > before or when is None or item_type is None:
        return None
    return NewsItem(
        key=key,
        date=when[0].day,
        date_precision=when[0].precision,
        publish_at=when[1],
        type=item_type,
        partners=refs["partners"],
        organisers=refs["organisers"],
        clusters=refs["clusters"],
        events=refs["events"],
        contact=contact,
        tags=tags,
        image=values.get("image"),
        gallery=gallery,
        updated=updated,
        draft=bool(values.get("draft", False)),
        withdrawn=values.get("withdrawn"),
        texts=texts,
    )


Publication = tuple[DateOrMonth, dt.datetime | None]  # the day (or month), and the instant


def parse_publication(
    value: Any, path: str, line: int, problems: ProblemCollector
) -> Publication | None:
    """`date:` a day, a month, or an instant with its time zone (2026-12-10T10:00:00+01:00).

    A time without a zone is an error: "10:00" in Brussels and in Amman are different instants.
    """
    instant = value
    if isinstance(value, str) and _TIME_RE.match(value):
        try:
            instant = dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    if not isinstance(instant, dt.datetime):
        published = parse_date_or_month(value, path, line, "date", problems)
        return (published, None) if published else None
    if instant.tzinfo is None:
        problems.add(
            path,
            line,
            f"'date': {value} has a time but no time zone",
            "add the offset, e.g. 2026-12-10T10:00:00+01:00 for 10:00 in Brussels in winter, "
            "or give the day alone",
        )
        return None
    day = parse_date(instant.date(), path, line, "date", problems)
    return (DateOrMonth(day), instant) if day else None


_TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d")


def _check_updated(
    meta: LineDict,
    values: Mapping[str, Any],
    published: DateOrMonth | None,
    updated: dt.date | None,
    shown: str,
    problems: ProblemCollector,
) -> None:
    """`updated:` is not before `date:`; a `correction:` says what an update corrected."""
    if published is not None and updated is not None and updated < published.first_day:
        problems.add(shown, meta.line_of("updated"), "'updated' is before 'date'")
    if values.get("correction") and "updated" not in values:
        problems.add(
            shown,
            meta.line_of("correction"),
            "a 'correction' needs 'updated:', the day of the correction",
            "add e.g. updated: 2026-12-11",
        )


def _load_translation(
    source: SourceFile,
    when: Publication | None,
    item_type: str | None,
    original: Mapping[str, Any],
    file_slug: str,
    problems: ProblemCollector,
) -> NewsText:
    """One translation's text; `date` and `type`, when repeated, are the original's."""
    shown, meta = source.shown, source.meta
    what, hint = "a translation's front matter", TRANSLATION_HINT
    values = check_record(meta, TRANSLATION_FIELDS, shown, meta.line, problems, what, hint) or {}
    own = parse_publication(values.get("date"), shown, meta.line_of("date"), problems)
    if own is not None and when is not None and own != when:
        iso = _publication_text(when)
        problems.add(
            shown,
            meta.line_of("date"),
            f"date {_publication_text(own)} differs from the original's {iso}",
            f"use {iso} or remove the line",
        )
    if values.get("type") is not None and values["type"] != item_type:
        problems.add(
            shown,
            meta.line_of("type"),
            f"type '{values['type']}' differs from the original's '{item_type}'",
            "remove the line",
        )
    if values.get("withdrawn") and not original.get("withdrawn"):
        problems.add(
            shown,
            meta.line_of("withdrawn"),
            "only the original withdraws an item; a translation gives the reason in its language",
            "add 'withdrawn:' to the original, or remove the line here",
        )
    if _needs_alt(original) and not values.get("image_alt"):
        problems.add(
            shown,
            meta.line,
            f"no 'image_alt': the image needs a text in {source.lang.name} for readers who "
            "cannot see it",
            "add 'image_alt:' with what the image shows, in this language",
        )
    updated = parse_date(values.get("updated"), shown, meta.line_of("updated"), "updated", problems)
    _check_updated(meta, values, when[0] if when else None, updated, shown, problems)
    return _text(source.lang, source.src_uri, values, file_slug, updated)


def _publication_text(when: Publication) -> str:
    return when[1].isoformat() if when[1] is not None else when[0].iso


def _needs_alt(values: Mapping[str, Any]) -> bool:
    """A published item's image file needs its text in every language (a media asset has its
    own, in data/media.yml)."""
    image = values.get("image")
    return bool(image) and is_image_path(str(image)) and not values.get("draft")


def _check_lead_image(
    meta: LineDict,
    values: Mapping[str, Any],
    known: KnownIds,
    path: str,
    problems: ProblemCollector,
) -> None:
    image = values.get("image")
    if not image:
        return
    if not is_image_path(image):
        if image not in known.media:
            problems.add(
                path,
                meta.line_of("image"),
                f"unknown media id '{image}'",
                did_you_mean(image, known.media)
                or "use the id of an asset in data/media.yml, or a file name such as photo.jpg",
            )
        elif values.get("image_alt"):
            problems.add(
                path,
                meta.line_of("image_alt"),
                f"'image_alt' is for an image file: the text of '{image}' is its 'alt' in "
                "data/media.yml",
                "remove the line, or write the text there",
            )
    elif not values.get("image_alt"):
        problems.add(
            path,
            meta.line_of("image"),
            "an image needs 'image_alt', a text for readers who cannot see it",
        )


def _text(
    lang: Language,
    src_uri: str,
    values: Mapping[str, Any],
    file_slug: str,
    updated: dt.date | None,
) -> NewsText:
    return NewsText(
        lang=lang,
        src_uri=src_uri,
        title=str(values.get("title", "")),
        summary=str(values.get("summary", "")),
        slug=str(values.get("slug") or file_slug),
        dateline=values.get("dateline"),
        image_alt=values.get("image_alt"),
        translated_from=values.get("translated_from"),
        updated=updated,
        correction=values.get("correction"),
        withdrawn=values.get("withdrawn"),
    )


def _check_tags(
    meta: LineDict,
    values: Mapping[str, Any],
    known: KnownIds,
    path: str,
    problems: ProblemCollector,
) -> tuple[str, ...]:
    raw = values.get("tags") or []
    tags: list[str] = []
    for index, tag in enumerate(raw):
        line = raw.line_of(index) if isinstance(raw, LineList) else meta.line_of("tags")
        if not isinstance(tag, str) or check_slug(tag):
            problems.add(
                path,
                line,
                f"tag {tag!r} is not a slug",
                "tags are lowercase ASCII words joined by hyphens",
            )
        elif tag not in known.tags:
            problems.add(
                path,
                line,
                f"unknown tag '{tag}'",
                did_you_mean(tag, known.tags)
                or f"add 'tag.{tag}' with its three translations to data/site.yml",
            )
        elif tag not in tags:
            tags.append(tag)
    return tuple(tags)


def _check_unique_urls(
    items: list[NewsItem], languages: LanguageSet, content_dir: str, problems: ProblemCollector
) -> None:
    for lang in languages.languages:
        seen: dict[str, str] = {}
        for item in items:
            text = item.texts.get(lang.code)
            if text is None:
                continue
            url = item_url(item, text)
            shown = posixpath.join(content_dir, text.src_uri)
            if url in seen:
                problems.add(
                    shown,
                    None,
                    f"same {lang.name} URL /{url} as {seen[url]}",
                    "give one of them another slug",
                )
            else:
                seen[url] = shown


def item_url(item: NewsItem, text: NewsText) -> str:
    """Site-relative URL of one language's page of an item: fr/news/2018/<slug>/."""
    return text.lang.prefix + urls.news_item_path(item.year, text.slug)

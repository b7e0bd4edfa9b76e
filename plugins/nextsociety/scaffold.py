"""New news items and events for `nextsociety new`: file names, folders and starting texts.

Pure functions: they return {path: text}; the command line checks and writes the files.
Every text they produce passes validation; what the editor still has to write says TODO.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from babel import Locale

from nextsociety.model.events import PLANNED_DIR
from nextsociety.model.languages import Language, LanguageSet
from nextsociety.model.placeholders import PLACEHOLDER
from nextsociety.translation_status import content_hash

SLUG_LENGTH = 60  # characters; a slug is cut at a word boundary
# Latin letters that Unicode does not decompose into an ASCII letter plus accents.
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
        "&": " and ",
    }
)


def slugify(title: str, max_length: int = SLUG_LENGTH) -> str:
    """'Visite à Barcelone & Gérone' -> 'visite-a-barcelone-and-gerone'; '' when nothing is Latin.

    Titles are English (slugs never come from a translated title), so decomposing accents
    (NFKD) and a few special letters is enough; no transliteration library is needed.
    """
    text = unicodedata.normalize("NFKD", title.translate(_LETTERS))
    text = text.encode("ascii", "ignore").decode("ascii").lower().replace("'", "")
    slug = ""
    for word in re.findall(r"[a-z0-9]+", text):
        candidate = f"{slug}-{word}" if slug else word[:max_length]
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug


@dataclass(frozen=True)
class NewFile:
    path: str  # relative to the project root: content/news/2026/x.fr.md
    text: str
    lang: Language


def news_item_files(
    docs_dir: str,
    languages: LanguageSet,
    codes: Sequence[str],
    slug: str,
    title: str,
    date: dt.date,
    item_type: str,
    contact: str | None,
) -> list[NewFile]:
    """The original (a draft) and one translation per other language in `codes`."""
    folder = posixpath.join(docs_dir, "news", str(date.year))
    original_body = f"\n{PLACEHOLDER}: write the text here, in Markdown.\n"
    summary = (
        f"{PLACEHOLDER}: one or two sentences saying what happened "
        "(shown in listings, feeds and search results)."
    )
    lines = [
        f"title: {_quoted(title)}",
        f"date: {date.isoformat()}",
        f"type: {item_type}",
        f"summary: {_quoted(summary)}",
        "partners: []  # partner ids the text names (shown as 'Partners named in the release')",
        "organisers: []  # partner ids the text names as organisers, e.g. [accio, france-clusters]",
        "clusters: []  # cluster ids from data/clusters.yml",
        (
            "events: []  # event ids: file names in content/events/, e.g. "
            "[barcelona-benchmarking-visit]"
        ),
        "tags: []  # tags with a 'tag.<id>' label in data/site.yml, e.g. [cluster-booster-track]",
        (
            "# image: <id>  # the lead photo: an id of data/media.yml (its alt, caption and credit "
            "are there), or a file next to this item (photo.jpg) with image_alt: in every language"
        ),
        "# gallery: [<id>, <id>]  # more photos of data/media.yml",
    ]
    if contact:
        lines.append(f"contact: {contact}  # the press contact, from data/contacts.yml")
    lines.append(
        "draft: true  # delete this line to publish (on the date above, or at once if it has "
        "passed)"
    )
    return _with_translations(folder, slug, lines, original_body, title, summary, languages, codes)


def event_files(
    docs_dir: str,
    languages: LanguageSet,
    codes: Sequence[str],
    slug: str,
    title: str,
    start: dt.date | dt.datetime | None,
    end: dt.date | dt.datetime | None,
    timezone: str | None,
    country: str,
    city: str | None,
) -> list[NewFile]:
    """A dated event in events/<year>/, or a planned one (no dates yet) in events/planned/."""
    year = start.year if start is not None else None
    folder = posixpath.join(docs_dir, "events", str(year) if year else PLANNED_DIR)
    body = (
        f"\n{PLACEHOLDER}: describe the event here, in Markdown: programme, who takes part, "
        "how to register.\n"
    )
    summary = (
        f"{PLACEHOLDER}: one or two sentences on the event "
        "(shown in listings, calendars and search results)."
    )
    lines = [
        f"title: {_quoted(title)}",
        f"summary: {_quoted(summary)}",
        (
            f"status: {'confirmed' if start is not None else 'planned'}  "
            "# planned, confirmed, held "
            "or cancelled"
        ),
    ]
    if start is not None:
        lines.append(f"start: {_moment(start)}")
    if end is not None:
        lines.append(f"end: {_moment(end)}")
    if timezone:
        lines.append(f"timezone: {timezone}")
    lines.append("location:")
    lines.append(f"  city: {_quoted(city)}" if city else "  # city: Barcelona")
    lines.append(f"  country: {country}  # ISO 3166-1 code")
    if start is None:
        lines.append(
            "# announced: YYYY-MM  # when a source announced it; a year later, still undated, "
            "it leaves 'Upcoming'"
        )
    lines += [
        (
            "hosts: []  # partner ids from data/partners.yml that host it, "
            "only when a source names them"
        ),
        "clusters: []  # cluster ids from data/clusters.yml that take part",
    ]
    return _with_translations(folder, slug, lines, body, title, summary, languages, codes)


def _with_translations(
    folder: str,
    slug: str,
    front_matter: list[str],
    body: str,
    title: str,
    summary: str,
    languages: LanguageSet,
    codes: Iterable[str],
) -> list[NewFile]:
    """The original, then a translation per other language in `codes`, stamped with the original's
    version."""
    original = NewFile(
        posixpath.join(folder, f"{slug}.md"), _markdown(front_matter, body), languages.default
    )
    stamp = content_hash(title, summary, body)
    translations = [lang for lang in languages.languages[1:] if lang.code in codes]
    return [original] + [
        NewFile(
            posixpath.join(folder, f"{slug}.{lang.code}.md"),
            _translation(lang, title, original.path, stamp),
            lang,
        )
        for lang in translations
    ]


def _translation(lang: Language, title: str, original_path: str, stamp: str) -> str:
    name = Locale.parse("en").languages.get(lang.code, lang.code)
    lines = [
        f"title: {_quoted(f'{PLACEHOLDER}: the {name} title (English: {title})')}",
        f"summary: {_quoted(f'{PLACEHOLDER}: the {name} summary.')}",
        (
            f'translated_from: "{stamp}"  '
            "# the version of the original translated; see `nextsociety "
            "status`"
        ),
    ]
    return _markdown(lines, f"\n{PLACEHOLDER}: the {name} text of {original_path}.\n")


def _markdown(front_matter: list[str], body: str) -> str:
    return "---\n" + "\n".join(front_matter) + "\n---\n" + body


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _moment(value: dt.date | dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, dt.datetime) else value.isoformat()

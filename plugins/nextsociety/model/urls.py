"""Every URL rule of the site in one place: page keys of generated pages, and their URLs.

A page is known by its *key*, its path in the default language under docs_dir
(`news/2018/index.md`); a language's copy of it is published under the language's prefix
(`fr/news/2018/`). Plugins generate pages at the keys below, templates and feeds link to
the URLs below, and `load_site()` checks navigation targets and clashes against them, so a
URL scheme changes here and nowhere else.
"""

from __future__ import annotations

import posixpath

from nextsociety.model.languages import Language

# -- registries ------------------------------------------------------------------------------

PARTNERS_INDEX = "partners/index.md"
CLUSTERS_INDEX = "clusters/index.md"
SECTORS_INDEX = "clusters/sectors.md"


def partner_page_key(partner_id: str) -> str:
    return f"partners/{partner_id}.md"


def cluster_page_key(cluster_id: str) -> str:
    return f"clusters/{cluster_id}.md"


def record_page_key(registry: str, record_id: str) -> str:
    """The page of one record of a registry (`partners`, `clusters`, …): `<registry>/<id>.md`."""
    return f"{registry}/{record_id}.md"


def registry_index_key(registry: str) -> str:
    return f"{registry}/index.md"


def registry_page_key(registry: str, name: str) -> str:
    """Another listing of a registry, e.g. `clusters/sectors.md`."""
    return f"{registry}/{name}.md"


# -- news ------------------------------------------------------------------------------------

NEWS_DIR = "news"
NEWS_INDEX = "news/index.md"


def news_list_key(number: int) -> str:
    """Page `number` of the list of all news (1 is the news home)."""
    return NEWS_INDEX if number == 1 else f"news/page/{number}.md"


def news_year_key(year: int) -> str:
    return f"news/{year}/index.md"


def news_tag_key(tag: str) -> str:
    return f"news/tags/{tag}.md"


def news_item_path(year: int, slug: str) -> str:
    """Where a news item's page is published, without the language prefix: news/2018/<slug>/."""
    return f"news/{year}/{slug}/"


HOME = "index.md"  # each language's home page


# -- press room -------------------------------------------------------------------------------

PRESS_INDEX = "press/index.md"
MEDIA_KIT_DIR = "press/media/"  # every file under it is listed in the press room
MEDIA_KIT = "press/media-kit.md"  # the media kit page of each language: /press/media-kit/


def media_file_url(asset_id: str, name: str) -> str:
    """A file of a media asset (its original or a size), one for every language."""
    return f"media/{asset_id}/{name}"


def media_kit_zip_url(lang: Language) -> str:
    """The whole media kit of one language in one ZIP file."""
    return f"{lang.prefix}press/media-kit/the-next-society-media-kit-{lang.code}.zip"


def partners_csv_url(lang: Language) -> str:
    """The partners as CSV, countries and kinds in the language's words."""
    return f"{lang.prefix}press/media-kit/partners.csv"


def release_pdf_path(page_url: str, slug: str) -> str:
    """A press release's PDF, in the folder of its page in that language: `<page>/<slug>.pdf`."""
    return f"{page_url}{slug}.pdf"


def contact_card_url(contact_id: str) -> str:
    """A contact's vCard, one file for every language (its roles carry their languages)."""
    return f"press/contacts/{contact_id}.vcf"


# -- events ----------------------------------------------------------------------------------

EVENTS_INDEX = "events/index.md"


def events_year_key(year: int) -> str:
    return f"events/{year}/index.md"


def event_calendar_url(event_id: str, lang: Language) -> str:
    """One event's iCalendar file."""
    return f"{lang.prefix}events/{event_id}.ics"


def calendar_url(lang: Language) -> str:
    """Every dated event in one iCalendar file."""
    return f"{lang.prefix}events/calendar.ics"


# -- feeds -----------------------------------------------------------------------------------

FEED_SECTIONS = {"news": "", "press": "press/"}  # feed name -> folder of its files


def feed_url(lang: Language, feed: str = "news", kind: str = "xml") -> str:
    """`feed.xml` (Atom) or `feed.json` (JSON Feed) of all news, or of press releases."""
    return f"{lang.prefix}{FEED_SECTIONS[feed]}feed.{kind}"


def feed_stylesheet_url(lang: Language) -> str:
    """The XSLT every Atom feed of a language is shown with in a browser."""
    return f"{lang.prefix}feed.xsl"


def feed_home_url(lang: Language, feed: str = "news") -> str:
    """The page a feed stands for: the news list, or the press room."""
    return lang.prefix + (FEED_SECTIONS[feed] or "news/")


# -- any page --------------------------------------------------------------------------------


def slug_path(key: str, slug: str) -> str:
    """Where a page that sets `slug:` is published: beside its key, in folder `slug`."""
    return posixpath.join(posixpath.dirname(key), slug) + "/"


def page_url(key: str, lang: Language) -> str:
    """The site-relative URL of page `key` in `lang` (directory URLs): 'fr/news/2018/'."""
    stem = key.removesuffix(".md")
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return lang.prefix + (stem + "/" if stem else "")


def absolute_url(site_url: str, url: str) -> str:
    """`https://host/sub/` + `fr/about/` -> `https://host/sub/fr/about/` (site_url may
    have a path).
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + ("" if url in (".", "./") else url)

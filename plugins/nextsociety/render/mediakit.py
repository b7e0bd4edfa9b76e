"""The media kit of one language: what its page lists, its partner CSV, and its ZIP.

The ZIP is reproducible: entries in sorted order, each with the same fixed timestamp and
permissions, compressed with fixed settings, so two builds of one commit give the same bytes.
"""

from __future__ import annotations

import csv
import io
import posixpath
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from babel import Locale
from babel.numbers import format_decimal

from nextsociety.model.countries import country_name
from nextsociety.model.records import LocalizedValue
from nextsociety.model.registries.partners import Partner
from nextsociety.render.media import ImageFile, MediaImage

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a ZIP can say: no build clock in the file
ZIP_MODE = 0o100644 << 16  # a regular file, rw-r--r--


@dataclass(frozen=True)
class Download:
    label: str  # "High resolution", in the page's language
    url: str  # site-relative
    dimensions: str  # "1781 × 200 px", or "" for a vector file
    size: str  # "18 kB"


@dataclass(frozen=True)
class KitAsset:
    """One asset as the media kit lists it."""

    id: str
    preview: ImageFile  # the thumbnail (or the SVG itself)
    alt: LocalizedValue
    caption: LocalizedValue
    credit: str
    licence: str
    downloads: Sequence[Download]


def kit_asset(
    image: MediaImage, lang: str, locale: Locale | str, t: Callable[[str], str]
) -> KitAsset:
    downloads = [_download(t("media.original"), image.original, locale, t)]
    if image.renditions:
        downloads.append(_download(t("media.web"), image.web, locale, t))
    asset = image.asset
    return KitAsset(
        id=asset.id,
        preview=image.thumb,
        alt=asset.alt.in_language(lang),
        caption=asset.caption.in_language(lang),
        credit=asset.credit,
        licence=asset.licence,
        downloads=downloads,
    )


def _download(
    label: str, file: ImageFile, locale: Locale | str, t: Callable[[str], str]
) -> Download:
    dimensions = ""
    if file.width and file.height:
        dimensions = t("media.pixels").format(
            width=format_decimal(file.width, locale=locale, group_separator=False),
            height=format_decimal(file.height, locale=locale, group_separator=False),
        )
    suffix = posixpath.splitext(file.url)[1].lstrip(".").upper()
    return Download(f"{label} {suffix}", file.url, dimensions, file_size(file.size, locale, t))


def file_size(size: int, locale: Locale | str, t: Callable[[str], str]) -> str:
    """'18 kB' / '18 ko' / '18 ك.ب': kilobytes (1,000 bytes) below a megabyte, else megabytes."""
    if size < 1_000_000:
        return t("media.kilobytes").format(
            size=format_decimal(max(1, round(size / 1000)), locale=locale)
        )
    return t("media.megabytes").format(size=format_decimal(round(size / 1e6, 1), locale=locale))


def partners_csv(
    partners: Iterable[Partner], locale: Locale | str, t: Callable[[str], str]
) -> bytes:
    """Name, country, kind and website of every partner; UTF-8 with CRLF line ends (RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([t("csv.name"), t("csv.country"), t("csv.kind"), t("csv.website")])
    for partner in partners:
        writer.writerow(
            [
                partner.name,
                country_name(partner.country, str(locale)),
                t(f"registry.kind.{partner.kind}"),
                partner.website or "",
            ]
        )
    return out.getvalue().encode("utf-8")


def credits_text(
    assets: Sequence[KitAsset], names: Mapping[str, str], t: Callable[[str], str]
) -> str:
    """Every file of the kit with its caption, credit and licence, as plain text."""
    colon = t("punctuation.colon")
    lines = [t("media.kit.credits"), ""]
    for asset in assets:
        lines += [
            names[asset.id],
            f"  {asset.caption.text}",
            f"  {t('media.credit')}{colon}{asset.credit}",
            f"  {t('media.licence')}{colon}{asset.licence}",
            "",
        ]
    return "\n".join(lines)


def kit_zip(files: Mapping[str, bytes]) -> bytes:
    """A ZIP of `files` (name -> bytes): sorted, fixed dates and modes, the same bytes each time."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = ZIP_MODE
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever machine builds it
            archive.writestr(info, files[name], compresslevel=9)
    return out.getvalue()

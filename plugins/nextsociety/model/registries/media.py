"""Media assets: photos and logos journalists may use (data/media.yml, files in data/media/).

Each record names one file of the media folder (`data/media/` beside the registries), its text
for readers who cannot see it (`alt`) and its `caption`, per language with the default
language required (a missing translation shows the default text, marked with its language,
as a missing page translation does), and who made it (`credit`) and on what terms it may be
used (`licence`), both required. The file must be in the media folder (checked with the
other registry problems, so a broken partners.yml does not hide it); images are resized and
cached by `render/media.py`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nextsociety.model.containment import is_inside
from nextsociety.model.errors import did_you_mean
from nextsociety.model.records import (
    LocalizedText,
    RecordFile,
    check_name,
    check_vocabulary,
    has_required,
    parse_localized,
    parse_records,
)
from nextsociety.model.registries.base import RegistryKind
from nextsociety.model.schema import Field, check_slug
from nextsociety.model.yamlio import LineDict

MEDIA_FOLDER = "media"  # beside the registries: data/media/
MEDIA_KINDS = ("photo", "logo")
RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")  # resized with Pillow
VECTOR_SUFFIXES = (".svg",)  # published as they are


def check_media_file(value: Any) -> str | None:
    text = str(value)
    if not is_inside(text) or text.startswith("./"):
        return f"'{value}' must be a path inside the media folder, such as visit-2018.jpg"
    if posixpath.splitext(text)[1].lower() not in RASTER_SUFFIXES + VECTOR_SUFFIXES:
        kinds = ", ".join(RASTER_SUFFIXES + VECTOR_SUFFIXES)
        return f"'{value}' is not an image file the site publishes ({kinds})"
    return None


MEDIA_FIELDS = {
    "id": Field(str, required=True, check=check_slug),
    "kind": Field(str, required=True),
    "file": Field(str, required=True, check=check_media_file),
    "alt": Field(dict, required=True),
    "caption": Field(dict, required=True),
    "credit": Field(str, required=True, check=check_name),
    "licence": Field(str, required=True, check=check_name),
}


@dataclass(frozen=True)
class MediaAsset:
    id: str
    kind: str  # one of MEDIA_KINDS
    file: str  # relative to the media folder
    alt: LocalizedText  # what the image shows, for readers who cannot see it
    caption: LocalizedText
    credit: str  # who made it: "© Name / Organisation"
    licence: str  # on what terms it may be used
    line: int = 0  # the line of `file:` in the registry (for problems found later)

    @property
    def is_raster(self) -> bool:
        return posixpath.splitext(self.file)[1].lower() in RASTER_SUFFIXES


def parse_media(
    data: Any, file: RecordFile
) -> tuple[tuple[MediaAsset, ...], dict[str, int] | None]:
    present = _files_in(file.folder / MEDIA_FOLDER) if file.folder is not None else None

    def build(values: dict[str, Any], raw: LineDict) -> MediaAsset | None:
        check_vocabulary(values, "kind", MEDIA_KINDS, raw, file)
        _check_file_exists(values, raw, file, present)
        alt = parse_localized(values, "alt", raw, file)
        caption = parse_localized(values, "caption", raw, file)
        if not has_required(values, MEDIA_FIELDS) or alt is None or caption is None:
            return None
        return MediaAsset(
            id=values["id"],
            kind=values["kind"],
            file=values["file"],
            alt=alt,
            caption=caption,
            credit=values["credit"].strip(),
            licence=values["licence"].strip(),
            line=raw.line_of("file"),
        )

    return parse_records(data, file, MEDIA_FIELDS, "media asset", build)


def _check_file_exists(
    values: dict[str, Any], raw: LineDict, file: RecordFile, present: set[str] | None
) -> None:
    name = values.get("file")
    if present is None or not isinstance(name, str) or name in present:
        return
    folder = posixpath.join(posixpath.dirname(file.path), MEDIA_FOLDER)
    file.add(
        raw.line_of("file"),
        f"media asset '{values.get('id')}': no file '{name}' in {folder}/",
        did_you_mean(name, present) or f"put the file in {folder}/",
    )


def _files_in(folder: Path) -> set[str]:
    """Every file under `folder`, as paths relative to it."""
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


# Media have no pages of their own: news items show them, the media kit lists them all.
REGISTRY = RegistryKind(
    name="media",
    record="media asset",
    parse=parse_media,
    order=40,
    pages=False,
    optional=True,  # a project without data/media.yml has no media
)

"""Images of the media registry, resized with Pillow once and cached by their content.

Each raster image gets a web size (at most 1600 px wide) in WebP and JPEG, a thumbnail in both,
and its original as the high-resolution download; an SVG is published as it is. Results are
cached outside `site/` in a folder named by a hash of the file's bytes and of the processing
settings (`MEDIA_VERSION`), so a rebuild only reads the sizes back, and an edited photo gets
new renditions. Output is deterministic: no metadata is copied but the colour profile, and the
encoders run with fixed settings.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import posixpath
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

from nextsociety.model import urls
from nextsociety.model.records import LocalizedValue
from nextsociety.model.registries.media import MediaAsset

MEDIA_VERSION = "1"  # part of every cache key: bump it when processing changes
WEB_WIDTH = 1600
THUMB_WIDTH = 480
JPEG_QUALITY = 85
WEBP_QUALITY = 80
# name -> (width limit, format, suffix)
RENDITIONS = {
    "web-jpeg": (WEB_WIDTH, "JPEG", "jpg"),
    "web-webp": (WEB_WIDTH, "WEBP", "webp"),
    "thumb-jpeg": (THUMB_WIDTH, "JPEG", "jpg"),
    "thumb-webp": (THUMB_WIDTH, "WEBP", "webp"),
}


class MediaError(Exception):
    """A media file cannot be read as an image."""


@dataclass(frozen=True)
class ImageFile:
    """One published file of an asset."""

    url: str  # site-relative
    width: int
    height: int
    size: int  # bytes
    cached: Path  # where its bytes are


@dataclass(frozen=True)
class MediaImage:
    """An asset with its published files: the original, and for a raster image its sizes."""

    asset: MediaAsset
    original: ImageFile
    renditions: Mapping[str, ImageFile]  # RENDITIONS' names; empty for an SVG

    @property
    def web(self) -> ImageFile:
        return self.renditions.get("web-jpeg", self.original)

    @property
    def web_webp(self) -> ImageFile | None:
        return self.renditions.get("web-webp")

    @property
    def thumb(self) -> ImageFile:
        return self.renditions.get("thumb-jpeg", self.original)

    @property
    def thumb_webp(self) -> ImageFile | None:
        return self.renditions.get("thumb-webp")

    def files(self) -> Iterator[ImageFile]:
        yield self.original
        yield from self.renditions.values()


def content_key(data: bytes) -> str:
    return hashlib.sha256(MEDIA_VERSION.encode() + b"\x1f" + data).hexdigest()[:24]


class MediaLibrary:
    """Every asset of the registry, processed on first use and cached by content."""

    def __init__(self, folder: Path, cache: Path, assets: Mapping[str, MediaAsset]) -> None:
        self.folder, self.cache, self.assets = folder, cache, assets
        self._images: dict[str, MediaImage] = {}
        self.processed = 0  # images resized by this library (the others came from the cache)

    def image(self, asset_id: str) -> MediaImage:
        found = self._images.get(asset_id)
        if found is None:
            found = self._images[asset_id] = self._load(self.assets[asset_id])
        return found

    def images(self, kind: str | None = None) -> list[MediaImage]:
        """Every asset (of `kind`), in the registry's order."""
        return [self.image(i) for i, a in self.assets.items() if kind in (None, a.kind)]

    def _load(self, asset: MediaAsset) -> MediaImage:
        source = self.folder / asset.file
        data = source.read_bytes()
        folder = self.cache / content_key(data)
        suffix = posixpath.splitext(asset.file)[1].lower()
        original_url = urls.media_file_url(asset.id, f"{asset.id}{suffix}")
        if not asset.is_raster:
            original = ImageFile(original_url, 0, 0, len(data), source)
            return MediaImage(asset, original, {})
        index = folder / "index.json"
        if not index.is_file():
            _process(data, asset.file, folder)
            self.processed += 1
        sizes = json.loads(index.read_text(encoding="utf-8"))
        width, height = sizes["original"]
        original = ImageFile(original_url, width, height, len(data), source)
        renditions = {
            name: _cached_file(asset.id, name, suffix_, folder, sizes[name])
            for name, (_limit, _format, suffix_) in RENDITIONS.items()
        }
        return MediaImage(asset, original, renditions)

    def published(self) -> Iterator[tuple[str, Path]]:
        """(site path, cached file) of every file of every asset, for copying into site/."""
        for image in self.images():
            for file in image.files():
                yield file.url, file.cached


def _cached_file(asset_id: str, name: str, suffix: str, folder: Path, size: list[int]) -> ImageFile:
    cached = folder / f"{name}.{suffix}"
    url = urls.media_file_url(asset_id, f"{asset_id}-{name.split('-')[0]}.{suffix}")
    return ImageFile(url, size[0], size[1], cached.stat().st_size, cached)


def _process(data: bytes, name: str, folder: Path) -> None:
    """Write every rendition and their sizes into `folder` (complete, then renamed in place)."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened)
            image.load()
    except (OSError, SyntaxError, ValueError) as exc:
        raise MediaError(f"{name} cannot be read as an image: {exc}") from None
    partial = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
    partial.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, tuple[int, int]] = {"original": image.size}
    profile = image.info.get("icc_profile")
    flat = _flatten(image)
    for rendition, (limit, fmt, suffix) in RENDITIONS.items():
        resized = _fit(flat, limit)
        options = {"quality": JPEG_QUALITY, "optimize": True, "progressive": True}
        if fmt == "WEBP":
            options = {"quality": WEBP_QUALITY, "method": 4}
        if profile:
            options["icc_profile"] = profile
        resized.save(partial / f"{rendition}.{suffix}", format=fmt, **options)
        sizes[rendition] = resized.size
    (partial / "index.json").write_text(json.dumps(sizes, sort_keys=True), encoding="utf-8")
    if folder.exists():  # another build made it meanwhile
        shutil.rmtree(partial)
        return
    partial.replace(folder)


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency, and logos are read on a white page."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def _fit(image: Image.Image, width: int) -> Image.Image:
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


@dataclass(frozen=True)
class Figure:
    """An image as a page shows it in one language: a media asset's, or a file's."""

    src: str  # site-relative: the web size, or the file
    alt: str
    alt_lang: str | None  # the alt text's language when it is not the page's (a fallback)
    width: int | None = None
    height: int | None = None
    webp: str | None = None  # the same size in WebP
    caption: LocalizedValue | None = None
    credit: str | None = None
    licence: str | None = None
    original: str | None = None  # the high-resolution download
    mime: str = "image/jpeg"  # of `src`
    length: int = 0  # bytes of `src`, 0 when unknown


def media_figure(image: MediaImage, lang: str) -> Figure:
    """A media asset's figure in `lang`: its web size, alt and caption (or the default
    language's, marked as such), credit and licence."""
    alt = image.asset.alt.in_language(lang)
    web = image.web
    return Figure(
        src=web.url,
        alt=alt.text,
        alt_lang=alt.lang if alt.is_fallback else None,
        width=web.width or None,
        height=web.height or None,
        webp=image.web_webp.url if image.web_webp else None,
        caption=image.asset.caption.in_language(lang),
        credit=image.asset.credit,
        licence=image.asset.licence,
        original=image.original.url,
        mime=_MIME.get(posixpath.splitext(web.url)[1], "image/jpeg"),
        length=web.size,
    )


def file_figure(path: Path, url: str, alt: str) -> Figure:
    """An image file next to a news item: its size read from the file's header."""
    stat = path.stat()
    width, height = _image_size(path, stat.st_mtime_ns, stat.st_size)
    mime = _MIME.get(posixpath.splitext(url)[1].lower(), "image/jpeg")
    return Figure(url, alt, None, width, height, mime=mime, length=stat.st_size)


@lru_cache(maxsize=4096)
def _image_size(path: Path, mtime_ns: int, length: int) -> tuple[int, int]:
    """Read once per file version (pages, feeds and previews all ask for the same image)."""
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, SyntaxError, ValueError) as exc:
        raise MediaError(f"{path.name} cannot be read as an image: {exc}") from None


_MIME = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
}

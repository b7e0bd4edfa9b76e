"""Media images resized with Pillow: sizes decoded back, formats, the cache, determinism."""

from __future__ import annotations

import io
from pathlib import Path

from nextsociety.model.records import LocalizedText
from nextsociety.model.registries.media import MediaAsset
from nextsociety.render.media import MediaLibrary
from PIL import Image


def asset(asset_id: str, file: str, kind: str = "photo") -> MediaAsset:
    text = LocalizedText((("en", "A text"),), "en")
    return MediaAsset(asset_id, kind, file, text, text, "Test Photographer", "CC BY 4.0")


def write_images(folder: Path) -> dict[str, MediaAsset]:
    folder.mkdir(parents=True)
    gradient = Image.radial_gradient("L").resize((2400, 1200))
    photo = Image.merge(
        "RGB",
        (
            gradient,
            gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
            Image.new("L", (2400, 1200), 90),
        ),
    )
    photo.save(folder / "wide.jpg", quality=95)
    logo = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    logo.paste((64, 81, 181, 255), (10, 10, 290, 90))
    logo.save(folder / "logo.png")
    (folder / "mark.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    return {
        "wide": asset("wide", "wide.jpg"),
        "logo": asset("logo", "logo.png", "logo"),
        "mark": asset("mark", "mark.svg", "logo"),
    }


def decoded(path: Path) -> Image.Image:
    image = Image.open(io.BytesIO(path.read_bytes()))
    image.load()
    return image


def test_sizes_formats_and_urls(tmp_path):
    assets = write_images(tmp_path / "media")
    library = MediaLibrary(tmp_path / "media", tmp_path / "cache", assets)
    wide = library.image("wide")
    assert (wide.original.width, wide.original.height) == (2400, 1200)
    assert (wide.web.width, wide.web.height) == (1600, 800)
    assert wide.web.url == "media/wide/wide-web.jpg"
    assert wide.original.url == "media/wide/wide.jpg"
    web, webp, thumb = (
        decoded(wide.web.cached),
        decoded(wide.web_webp.cached),
        decoded(wide.thumb.cached),
    )
    assert (web.format, web.size) == ("JPEG", (1600, 800))
    assert (webp.format, webp.size) == ("WEBP", (1600, 800))
    assert (thumb.format, thumb.size) == ("JPEG", (480, 240))
    logo = library.image("logo")
    assert logo.web.width == 300  # never enlarged
    assert min(decoded(logo.web.cached).getpixel((0, 0))) > 245  # flattened on white
    mark = library.image("mark")
    assert mark.renditions == {} and mark.original.url == "media/mark/mark.svg"
    assert library.processed == 2


def test_a_rebuild_reads_the_cache_and_output_is_deterministic(tmp_path):
    assets = write_images(tmp_path / "media")
    first = MediaLibrary(tmp_path / "media", tmp_path / "cache", assets)
    files = {url: path.read_bytes() for url, path in first.published()}
    again = MediaLibrary(tmp_path / "media", tmp_path / "cache", assets)
    assert {url: path.read_bytes() for url, path in again.published()} == files
    assert again.processed == 0
    elsewhere = MediaLibrary(tmp_path / "media", tmp_path / "other-cache", assets)
    assert {url: path.read_bytes() for url, path in elsewhere.published()} == files
    assert elsewhere.processed == 2


def test_an_edited_photo_gets_new_sizes(tmp_path):
    assets = write_images(tmp_path / "media")
    MediaLibrary(tmp_path / "media", tmp_path / "cache", assets).image("wide")
    Image.new("RGB", (800, 600), (1, 2, 3)).save(tmp_path / "media" / "wide.jpg")
    library = MediaLibrary(tmp_path / "media", tmp_path / "cache", assets)
    assert library.image("wide").web.width == 800 and library.processed == 1

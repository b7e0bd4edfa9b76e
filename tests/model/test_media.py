"""The media registry (data/media.yml) and the images news items name: every bad input is a
problem with file, line and hint, found by `load_site()` in-process on fixture projects.

Photos are small images generated with Pillow here: the project has no real photos.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from nextsociety.model.site import load_site
from PIL import Image

from tests.conftest import write_project
from tests.news.conftest import BASE_PAGES, NEWS_PLUGIN, news_file
from tests.registry.conftest import base_data, registry_yml

PHOTO = """\
- id: visit-group
  kind: photo
  file: visit-group.jpg
  alt:
    en: Cluster managers in a workshop room
    fr: Des gestionnaires de clusters dans une salle d’atelier
  caption:
    en: A training workshop
  credit: Test Photographer
  licence: CC BY 4.0
"""


def jpeg(size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (120, 80, 40)).save(out, format="JPEG")
    return out.getvalue()


def media_yml() -> str:
    config = yaml.safe_load(registry_yml())
    config["plugins"].append(yaml.safe_load(NEWS_PLUGIN)[0])
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


@pytest.fixture
def media_check(tmp_path: Path) -> Callable[..., Any]:
    """Problems of a project with registries, news and a media folder (bytes per file)."""

    def check(media: str, files: dict[str, str] | None = None, photos: Any = None) -> list[str]:
        project = tmp_path / "project"
        pages = {**BASE_PAGES, **base_data(), "data/media.yml": media, **(files or {})}
        write_project(project, pages, media_yml())
        for name, data in (photos if photos is not None else {"visit-group.jpg": jpeg()}).items():
            target = project / "data" / "media" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        site, problems = load_site(project)
        assert (site is None) == bool(problems)
        return [str(problem) for problem in problems]

    return check


def test_a_valid_registry_loads(media_check, tmp_path):
    assert media_check(PHOTO) == []
    site, _ = load_site(tmp_path / "project")
    assert site is not None and site.registries is not None
    asset = site.registries.get("media")["visit-group"]
    assert asset.credit == "Test Photographer"
    assert asset.alt.in_language("fr").text.startswith("Des gestionnaires")
    fallback = asset.caption.in_language("ar")
    assert fallback.is_fallback and fallback.lang == "en"


def test_without_media_yml_there_are_no_media(check_site):
    result = check_site({**BASE_PAGES, **base_data()}, mkdocs_yml=media_yml())
    assert result.problems == []


def test_missing_file_names_the_line_and_the_closest_file(media_check):
    problems = media_check(PHOTO.replace("visit-group.jpg", "visit-grup.jpg"))
    assert problems == [
        (
            "data/media.yml:3: media asset 'visit-group': no file 'visit-grup.jpg' in data/media/"
            " (did you mean 'visit-group.jpg'?)"
        )
    ]


def test_missing_credit_and_licence(media_check):
    text = PHOTO.replace("  credit: Test Photographer\n", "").replace("  licence: CC BY 4.0\n", "")
    problems = media_check(text)
    assert any(
        p.startswith("data/media.yml:1: ") and "missing the required key 'credit'" in p
        for p in problems
    ), problems
    assert any("missing the required key 'licence'" in p for p in problems), problems


def test_html_in_a_caption(media_check):
    problems = media_check(PHOTO.replace("A training workshop", "A <b>training</b> workshop"))
    assert problems == [
        (
            "data/media.yml:8: 'caption': the 'en' text contains HTML markup; write plain text "
            "(it is shown as text, never as HTML)"
        )
    ]


def test_alt_without_the_default_language(media_check):
    text = PHOTO.replace("    en: Cluster managers in a workshop room\n", "")
    problems = media_check(text)
    assert problems == [
        (
            "data/media.yml:5: 'alt' has no 'en' text (the 'en' text is shown where a translation "
            "is missing)"
        )
    ]


def test_misspelt_licence_key_and_unknown_kind(media_check):
    problems = media_check(
        PHOTO.replace("licence:", "license:").replace("kind: photo", "kind: foto")
    )
    assert "data/media.yml:2: unknown kind 'foto' (did you mean 'photo'?)" in problems
    assert any(p.startswith("data/media.yml:10: unknown key 'license'") for p in problems), problems


def test_a_file_that_is_not_an_image(media_check):
    problems = media_check(PHOTO.replace("visit-group.jpg", "notes.txt"))
    assert len(problems) == 1 and problems[0].startswith("data/media.yml:3: 'file': 'notes.txt'")


def item(extra: str) -> dict[str, str]:
    return {"content/news/2018/visit.md": news_file("Visit", "2018-11-30", extra=extra)}


def test_news_item_names_a_media_id_and_a_gallery(media_check, tmp_path):
    assert media_check(PHOTO, item("image: visit-group\ngallery: [visit-group]\n")) == []
    site, _ = load_site(tmp_path / "project")
    assert site is not None
    (news,) = site.news
    assert news.image_media == "visit-group" and news.gallery == ("visit-group",)


def test_unknown_image_id_in_a_news_item(media_check):
    problems = media_check(PHOTO, item("image: visit-grop\ngallery: [visit-group, crowd]\n"))
    assert problems == [
        (
            "content/news/2018/visit.md:6: unknown media id 'visit-grop' (did you mean "
            "'visit-group'?)"
        ),
        "content/news/2018/visit.md:7: unknown media id 'crowd' (see the media registry)",
    ]


def test_image_file_next_to_the_item_needs_alt_in_every_language(media_check, tmp_path):
    files = {
        **item("image: photo.jpg\nimage_alt: The group\n"),
        "content/news/2018/visit.fr.md": "---\ntitle: Visite\nsummary: Résumé.\n---\nx\n",
        "content/news/2018/visit.ar.md": (
            "---\ntitle: زيارة\nsummary: ملخص.\nimage_alt: المجموعة\n---\nx\n"
        ),
    }
    files["content/news/2018/photo.jpg"] = "an image file"  # the model checks it is there
    problems = media_check(PHOTO, files)
    assert problems == [
        (
            "content/news/2018/visit.fr.md:2: no 'image_alt': the image needs a text in Français "
            "for readers who cannot see it (add 'image_alt:' with what the image shows, in this "
            "language)"
        )
    ]
    del files["content/news/2018/photo.jpg"]
    files["content/news/2018/visit.fr.md"] = files["content/news/2018/visit.ar.md"]
    assert media_check(PHOTO, files) == [
        (
            "content/news/2018/visit.md:6: image 'photo.jpg' is not a file in content/ (put the "
            "image next to the item and give its file name (or a path from content/ starting "
            "with '/'))"
        )
    ]


def test_a_draft_may_wait_for_its_translations_alt(media_check):
    files = {
        **item("image: /photo.jpg\nimage_alt: The group\ndraft: true\n"),
        "content/news/2018/visit.fr.md": "---\ntitle: Visite\nsummary: Résumé.\n---\nx\n",
    }
    problems = media_check(PHOTO, files)
    assert problems == [
        (
            "content/news/2018/visit.md:6: image '/photo.jpg' is not a file in content/ (put the "
            "image next to the item and give its file name (or a path from content/ starting "
            "with '/'))"
        )
    ]


def test_image_alt_with_a_media_id(media_check):
    problems = media_check(PHOTO, item("image: visit-group\nimage_alt: The group\n"))
    assert problems == [
        (
            "content/news/2018/visit.md:7: 'image_alt' is for an image file: the text of "
            "'visit-group' is its 'alt' in data/media.yml (remove the line, or write the text there)"
        )
    ]

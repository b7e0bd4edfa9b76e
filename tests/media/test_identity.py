"""The typographic identity: the committed wordmark and icons are what render/identity.py makes
from the font (regenerated here and compared), at the sizes browsers and devices ask for."""

from __future__ import annotations

import csv
import io
import tomllib
import xml.etree.ElementTree as ET
import zipfile

import pytest
import yaml
from nextsociety.render.cards import CardError, CardFonts
from nextsociety.render.identity import ICON_PNGS, NAME, font_digest, identity_files
from PIL import Image

from tests.conftest import REPO

SVG = "data/media/wordmark.svg"
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def generated() -> dict[str, bytes]:
    try:
        CardFonts.debian()
    except CardError as exc:
        pytest.skip(str(exc))
    return identity_files()


def test_committed_files_are_the_scripts_output(generated):
    same_font = f"sha256:{font_digest()}".encode() in (REPO / SVG).read_bytes()
    for path, data in generated.items():
        committed = (REPO / path).read_bytes()
        if path.endswith(".svg") and same_font:
            assert committed == data, f"{path}: run python -m nextsociety.render.identity"
        elif path.endswith(".svg"):  # another Noto release: the same name, other outlines
            assert ET.fromstring(committed).find(f"{SVG_NS}title").text == NAME
        else:  # PNGs: the same size (another FreeType may antialias edges a level apart)
            ours, theirs = Image.open(io.BytesIO(data)), Image.open(io.BytesIO(committed))
            assert ours.size == theirs.size, path


def test_the_script_is_deterministic(generated):
    assert identity_files() == generated


def test_svgs_are_the_name_as_paths_with_a_title(generated):
    for path in ("overrides/assets/images/wordmark-white.svg", "data/media/wordmark.svg"):
        root = ET.fromstring(generated[path])
        namespace = "{http://www.w3.org/2000/svg}"
        assert root.find(f"{namespace}title").text == NAME
        assert root.find(f"{namespace}text") is None, "letters are paths, no font is needed"
        assert root.find(f"{namespace}path").get("d").startswith("M")


def test_logo_credit_and_licence_are_what_their_sources_say(generated):
    """Nothing invented: the generated logos are credited to the programme by the name the seed
    gives it, under the licence the repository declares (the only terms anyone has written)."""
    seed = (REPO / "tests" / "fixtures" / "seed-press-release.txt").read_text(encoding="utf-8")
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assets = yaml.safe_load((REPO / "data" / "media.yml").read_text(encoding="utf-8"))
    made = {path.removeprefix("data/media/") for path in generated if path.startswith("data/")}
    logos = [asset for asset in assets if asset["file"] in made]
    assert {asset["file"] for asset in logos} == made, "each generated file is in the registry"
    assert NAME in seed
    for asset in logos:
        assert asset["credit"] == NAME, asset["id"]
        assert asset["licence"] == pyproject["project"]["license"], asset["id"]


def test_icon_sizes(generated):
    for name, size in ICON_PNGS.items():
        image = Image.open(io.BytesIO(generated[f"overrides/assets/images/{name}"]))
        assert image.format == "PNG" and image.size == (size, size)
        assert image.getpixel((size // 2, size // 8))[:3] == (64, 81, 181)  # indigo


@pytest.mark.slow
def test_every_page_shows_the_wordmark_and_the_icons(real_site):
    for page in ("", "fr/press/", "ar/press/media-kit/"):
        soup = real_site.soup(page)
        logo = soup.select_one("a.md-logo img")
        assert logo["src"].endswith("assets/images/wordmark-white.svg")
        assert logo["alt"] == "THE NEXT SOCIETY"
        icons = {(link["rel"][0], link.get("sizes")) for link in soup.find_all("link", rel=True)}
        assert {("icon", None), ("icon", "32x32"), ("apple-touch-icon", "180x180")} <= icons


@pytest.mark.slow
def test_real_media_kit_without_photos_says_where_to_get_them(real_site):
    for prefix, words in (
        ("", "photos are available from the press contact"),
        ("fr/", "des photos sont disponibles auprès du contact presse"),
        ("ar/", "يمكن الحصول على الصور من جهة الاتصال الصحفية"),
    ):
        soup = real_site.soup(f"{prefix}press/media-kit/")
        assert words in soup.select_one(".ns-kit__no-photos").get_text()
        assert len(soup.select(".ns-kit__asset")) == 4  # the wordmark and the icon, SVG and PNG
        press = real_site.soup(f"{prefix}press/")
        assert press.select_one('#ns-media ~ p a[href="media-kit/"]') is not None


@pytest.mark.slow
def test_real_media_kit_zip_holds_the_kit_in_each_language(real_site):
    seed = (REPO / "tests" / "fixtures" / "seed-press-release.txt").read_text(encoding="utf-8")
    partners = seed.split("partners' community", 1)[1].split("Join or follow")[0].count("(")
    for code, prefix in (("en", ""), ("fr", "fr/"), ("ar", "ar/")):
        page = f"{prefix}press/media-kit/"
        link = real_site.soup(page).select_one('a[href$=".zip"][download]')
        archive = zipfile.ZipFile(real_site.site / page / link["href"])
        assert archive.namelist() == [
            "about.md",
            "credits.txt",
            "fact-sheet.md",
            "logos/icon-png.png",
            "logos/icon.svg",
            "logos/wordmark-png.png",
            "logos/wordmark.svg",
            "partners.csv",
        ]
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.read("logos/wordmark.svg") == (REPO / SVG).read_bytes()
        rows = list(csv.reader(io.StringIO(archive.read("partners.csv").decode("utf-8"))))
        assert len(rows) == 1 + partners == 32, code  # a header, then the seed's partners
        credits = archive.read("credits.txt").decode("utf-8")
        assert credits.count("THE NEXT SOCIETY") == 4 and credits.count("EUPL-1.2") == 4

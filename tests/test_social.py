"""Link previews: every page of the real site, in every language, carries its Open Graph and
Twitter card properties and a 1200×630 card that decodes; cards are cached outside site/, so a
second build draws none (issue: press room, part 1)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import BuildResult, copy_project, run_mkdocs_build

pytestmark = pytest.mark.slow

SITE = "https://www.thenextsociety.co/"
LOCALES = {"en": "en_GB", "fr": "fr_FR", "ar": "ar_AR"}


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if not {"pagefind", "admin"} & set(p.parts))


def meta(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    pattern = r'<meta (?:property|name)="((?:og|twitter|article):[a-z_:]+)" content="([^"]*)">'
    for name, content in re.findall(pattern, html):
        found.setdefault(name, []).append(content)
    return found


def test_every_page_has_its_preview(real_site: BuildResult):
    checked = 0
    for path in pages(real_site.site):
        html = path.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([a-z]+)"', html).group(1)
        props = meta(html)
        where = path.relative_to(real_site.site).as_posix()
        for name in (
            "og:title",
            "og:description",
            "og:url",
            "og:type",
            "og:site_name",
            "og:image",
            "og:image:alt",
            "twitter:card",
        ):
            assert props.get(name) and props[name][0].strip(), (where, name)
        assert props["og:locale"] == [LOCALES[lang]], where
        # a translation of the page is announced in hreflang and as an alternate locale
        translations = re.findall(r'<link rel="alternate" href="[^"]*" hreflang="([a-z]+)">', html)
        alternates = [LOCALES[code] for code in translations if code != lang]
        assert sorted(props.get("og:locale:alternate", [])) == sorted(alternates), where
        assert props["twitter:card"] == ["summary_large_image"], where
        canonical = re.search(r'<link rel="canonical" href="([^"]*)">', html)
        assert canonical and props["og:url"] == [canonical.group(1)], where
        assert props["og:url"][0].startswith(SITE) and props["og:image"][0].startswith(SITE)
        assert props["twitter:image"] == props["og:image"], where
        assert props["twitter:title"] == props["og:title"], where
        image = real_site.site / props["og:image"][0][len(SITE) :]
        assert image.is_file(), (where, image)
        with Image.open(image) as decoded:  # the size the page announces is the file's
            size = (str(decoded.width), str(decoded.height))
        assert (props["og:image:width"], props["og:image:height"]) == ([size[0]], [size[1]]), where
        checked += 1
    assert checked > 150


def test_a_release_is_an_article_with_its_translations(real_site: BuildResult):
    html = real_site.html("ar/news/2018/barcelona-benchmarking-visit/")
    props = meta(html)
    assert props["og:type"] == ["article"]
    assert props["article:published_time"][0].startswith("2018-11")
    assert sorted(props["og:locale:alternate"]) == ["en_GB", "fr_FR"]
    assert props["og:image:width"] == ["1200"] and props["og:image:height"] == ["630"]
    card = Image.open(io.BytesIO((real_site.site / props["og:image"][0][len(SITE) :]).read_bytes()))
    assert (card.format, card.size) == ("PNG", (1200, 630))


def test_home_title_names_the_site_once(real_site: BuildResult):
    for url in ("", "fr/", "ar/"):
        assert real_site.soup(url).title.get_text() == "THE NEXT SOCIETY"
    assert meta(real_site.html(""))["og:type"] == ["website"]


def test_a_second_build_draws_no_card_and_makes_no_pdf(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    first = run_mkdocs_build(project, tmp_path / "one")
    second = run_mkdocs_build(project, tmp_path / "two")
    assert first.returncode == 0 and second.returncode == 0, first.log + second.log
    drawn = re.search(r"(\d+) social cards: (\d+) drawn, (\d+) from the cache", first.log)
    again = re.search(r"(\d+) social cards: (\d+) drawn, (\d+) from the cache", second.log)
    assert drawn and again and int(drawn.group(2)) == int(drawn.group(1)) > 100
    assert int(again.group(2)) == 0 and again.group(3) == drawn.group(1)
    # the release PDFs too, made by the languages' worker processes (nextsociety/parallel)
    assert "3 release PDFs: 3 made, 0 cached" in first.log
    assert "3 release PDFs: 0 made, 3 cached" in second.log
    assert (project / ".cache" / "nextsociety" / "cards").is_dir()
    one = sorted(p.name for p in (tmp_path / "one" / "assets" / "cards").iterdir())
    two = sorted(p.name for p in (tmp_path / "two" / "assets" / "cards").iterdir())
    assert one == two

"""Release PDFs cost nothing on a warm build: the cache key comes from what a PDF is made of
(the release's files, the records and images it shows, the template, WeasyPrint's version, the
language), so an unchanged release renders no document and makes no PDF; a change to any of
those inputs makes that release's PDF again, in the languages it touches (issue 16).

Builds run in this process (mkdocs' own `build`), so the test sees every render of
`pdf-release.html` through Jinja itself, not only what the plugin says it did."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from nextsociety.plugins import pdf as pdf_plugin
from pypdf import PdfReader

from tests.conftest import write_project
from tests.media.test_media_build import MEDIA_YML, config, photo
from tests.news.conftest import BASE_PAGES, BUILD_DATE, news_file
from tests.registry.conftest import base_data

pytestmark = pytest.mark.slow

RELEASE = "content/news/2018/visit"
FILES = {
    **BASE_PAGES,
    f"{RELEASE}.md": news_file(
        "Visit", "2018-11-30", "press-release", extra="image: visit\ncontact: press-officer\n"
    ),
    f"{RELEASE}.fr.md": "---\ntitle: Visite\nsummary: Résumé.\n---\nLe texte.\n",
    f"{RELEASE}.ar.md": "---\ntitle: زيارة\nsummary: ملخص.\n---\nالنص.\n",
    "data/media.yml": MEDIA_YML,
}
PDFS = {
    code: f"{prefix}news/2018/visit/visit.pdf"
    for code, prefix in (("en", ""), ("fr", "fr/"), ("ar", "ar/"))
}


class Builds:
    """One project built again and again, each time into a new site/ with the same cache."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.project, self.root, self.count = root / "project", root, 0
        self.renders: list[str] = []  # the address of each release document Jinja rendered
        render = jinja2.Template.render

        def spy(template: jinja2.Template, *args: object, **values: object) -> str:
            if template.name == pdf_plugin.TEMPLATE:
                self.renders.append(str(values["pdf_url"]))
            return render(template, *args, **values)

        monkeypatch.setattr(jinja2.Template, "render", spy)
        monkeypatch.setenv(*next(iter(BUILD_DATE.items())))
        write_project(self.project, {**FILES, **base_data()}, config())
        (self.project / "data/media").mkdir(parents=True, exist_ok=True)
        (self.project / "data/media/visit.jpg").write_bytes(photo((800, 600), "JPEG"))
        (self.project / "data/media/hall.png").write_bytes(photo((80, 60), "PNG"))

    @property
    def cache(self) -> dict[str, int]:
        """The cached PDFs and their modification times."""
        folder = self.project / ".cache" / "nextsociety" / "pdf"
        return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}

    def build(self) -> tuple[Path, pdf_plugin.PdfPlugin, list[str]]:
        """Build once: the site, the PDF plugin, and the languages whose document was rendered."""
        self.count += 1
        self.renders = []
        site = self.root / f"site{self.count}"
        mkdocs_config = load_config(str(self.project / "mkdocs.yml"), site_dir=str(site))
        mkdocs_config.plugins.on_startup(command="build", dirty=False)
        build(mkdocs_config)
        plugin = mkdocs_config.plugins["nextsociety/pdf"]
        assert isinstance(plugin, pdf_plugin.PdfPlugin)
        prefixes = {"https://example.org/fr/": "fr", "https://example.org/ar/": "ar"}
        rendered = sorted(
            next((code for p, code in prefixes.items() if url.startswith(p)), "en")
            for url in self.renders
        )
        return site, plugin, rendered

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.project / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")


def pdf_bytes(site: Path) -> dict[str, bytes]:
    return {code: (site / path).read_bytes() for code, path in PDFS.items()}


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_warm_build_renders_nothing_and_a_change_renders_what_it_touches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    builds = Builds(tmp_path, monkeypatch)
    cold_site, plugin, rendered = builds.build()
    assert rendered == ["ar", "en", "fr"] and (plugin.made, plugin.rendered) == (3, 3)
    cold, cache = pdf_bytes(cold_site), builds.cache
    assert len(cache) == 3

    warm_site, plugin, rendered = builds.build()
    assert rendered == [] and (plugin.made, plugin.rendered) == (0, 0)
    assert builds.cache == cache, "no cached PDF was written again"
    assert pdf_bytes(warm_site) == cold

    # the French text: only the French PDF
    builds.edit(f"{RELEASE}.fr.md", "Le texte.", "Le texte corrigé.")
    site, plugin, rendered = builds.build()
    assert rendered == ["fr"] and plugin.made == 1
    again = pdf_bytes(site)
    assert again["en"] == cold["en"] and again["ar"] == cold["ar"] and again["fr"] != cold["fr"]
    assert "Le texte corrigé." in pdf_text(site / PDFS["fr"])

    # the original's front matter (the date, shown in every language): every PDF
    builds.edit(f"{RELEASE}.md", "date: 2018-11-30", "date: 2018-11-29")
    assert builds.build()[2] == ["ar", "en", "fr"]

    # a record the PDFs show (the press contact's phone)
    builds.edit("data/contacts.yml", "+33 4 00 00 00 00", "+33 4 00 00 00 01")
    site, _plugin, rendered = builds.build()
    assert rendered == ["ar", "en", "fr"]
    assert "+33 4 00 00 00 01" in pdf_text(site / PDFS["ar"])

    # the lead image's bytes, under the same name
    (builds.project / "data/media/visit.jpg").write_bytes(photo((900, 600), "JPEG"))
    site, _plugin, rendered = builds.build()
    assert rendered == ["ar", "en", "fr"]
    before = pdf_bytes(site)

    # another WeasyPrint: every PDF made again, and (the same one, in truth) to the same bytes
    monkeypatch.setattr(pdf_plugin, "engine_version", lambda: "weasyprint 999 pydyf 0")
    site, _plugin, rendered = builds.build()
    assert rendered == ["ar", "en", "fr"] and pdf_bytes(site) == before
    assert builds.build()[2] == []


def test_a_body_image_is_an_input_of_the_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    builds = Builds(tmp_path, monkeypatch)
    builds.edit(f"{RELEASE}.md", "Body text.", "Body text.\n\n![A programme](programme.jpg)")
    (builds.project / "content/news/2018/programme.jpg").write_bytes(photo((300, 200), "JPEG"))
    assert builds.build()[2] == ["ar", "en", "fr"]
    assert builds.build()[2] == []
    (builds.project / "content/news/2018/programme.jpg").write_bytes(photo((310, 200), "JPEG"))
    assert builds.build()[2] == ["en"]  # the translations have their own text, without it

"""Every URL rule lives in `nextsociety.model.urls`: change the news scheme there, nothing breaks."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from nextsociety.model import urls

from tests.conftest import tiny_mkdocs_yml
from tests.news.conftest import BASE_PAGES, BUILD_DATE, NEWS_PLUGIN, news_file
from tests.quality.checks import check_links

FILES = {
    **BASE_PAGES,
    "content/news/2018/visit.md": news_file(
        "Visit",
        "2018-11-26",
        "press-release",
        extra="tags: [benchmarking-visit]\n",
        body="See [the other one](../2017/launch.md).\n",
    ),
    "content/news/2018/visit.fr.md": "---\ntitle: Visite\nsummary: s\nslug: visite\n---\nx\n",
    "content/news/2017/launch.md": news_file(
        "Launch", "2017-05-01", extra="tags: [benchmarking-visit]\n"
    ),
}


def _build(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name, text in FILES.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text(tiny_mkdocs_yml(extra_plugins=NEWS_PLUGIN), "utf-8")
    site = tmp_path / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return site


def test_a_new_news_url_scheme_is_one_change_and_leaves_no_dead_link(tmp_path, monkeypatch):
    monkeypatch.setenv(*next(iter(BUILD_DATE.items())))
    monkeypatch.setattr(urls, "news_item_path", lambda year, slug: f"releases/{year}-{slug}/")
    site = _build(tmp_path)
    assert (site / "releases/2018-visit/index.html").is_file()
    assert (site / "fr/releases/2018-visite/index.html").is_file()
    assert (site / "ar/releases/2018-visit/index.html").is_file()  # untranslated copy
    assert not (site / "news/2018/visit").exists()
    listing = (site / "news/index.html").read_text(encoding="utf-8")
    assert 'href="../releases/2018-visit/"' in listing
    feed = (site / "fr/feed.xml").read_text(encoding="utf-8")
    assert "https://example.org/fr/releases/2018-visite/" in feed
    report = check_links(site, "https://example.org/")
    assert report.checked > 100
    assert report.dead == []


def test_the_default_scheme_is_news_year_slug(tmp_path, monkeypatch):
    monkeypatch.setenv(*next(iter(BUILD_DATE.items())))
    site = _build(tmp_path)
    assert (site / "news/2018/visit/index.html").is_file()
    assert (site / "fr/news/2018/visite/index.html").is_file()
    assert check_links(site, "https://example.org/").dead == []

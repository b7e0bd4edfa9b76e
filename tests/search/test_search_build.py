"""Build tests of the search: the Pagefind bundle per language, what is indexed and how."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REAL_CONFIG, BuildResult
from tests.search.conftest import LANGUAGES, PREFIX, fragments, t

RELEASE = "news/2018/barcelona-benchmarking-visit/"
EVENT = "events/2018/barcelona-benchmarking-visit/"
# Pages of the real site that list other pages: never in the index. (The press room is: its
# text and its contacts; a journalist searches the press officer's name. So are the partner
# and cluster directories, grouped by country: a journalist searches a country.)
LISTINGS = [
    "news/",
    "news/2018/",
    "news/tags/benchmarking-visit/",
    "events/",
    "events/2018/",
    "clusters/sectors/",
]


def marked_pages(site: Path, lang: str) -> set[str]:
    """URLs of the pages of one language that carry data-pagefind-body."""
    root = site / PREFIX[lang] if PREFIX[lang] else site
    urls = set()
    for path in root.rglob("index.html"):
        relative = path.relative_to(site).parent.as_posix()
        if lang == "en" and relative.split("/")[0] in ("fr", "ar"):
            continue
        if "data-pagefind-body" in path.read_text(encoding="utf-8"):
            urls.add("/" if relative == "." else f"/{relative}/")
    return urls


def head_filters(soup: BeautifulSoup) -> dict[str, list[str]]:
    """Our filter <meta> tags by canonical key (nextsociety:filter-<key>)."""
    found: dict[str, list[str]] = {}
    for meta in soup.select('head meta[name^="nextsociety:filter-"]'):
        found.setdefault(meta["name"].removeprefix("nextsociety:filter-"), []).append(
            meta["content"]
        )
    return found


def test_mkdocs_build_writes_one_index_per_language(real_site: BuildResult) -> None:
    bundle = real_site.site / "pagefind"
    entry = (bundle / "pagefind-entry.json").read_text(encoding="utf-8")
    languages = json.loads(entry)["languages"]

    assert sorted(languages) == sorted(LANGUAGES)
    for code, language in languages.items():
        assert language["wasm"] == code  # each language has its own stemmer
        assert (bundle / f"pagefind.{language['hash']}.pf_meta").is_file()
        assert (bundle / f"wasm.{code}.pagefind").is_file()
        assert list((bundle / "index").glob(f"{code}_*.pf_index"))
        assert list((bundle / "filter").glob(f"{code}_*.pf_filter"))
        assert (
            language["page_count"]
            == len(fragments(real_site.site, code))
            == len(marked_pages(real_site.site, code))
        )
    assert (bundle / "pagefind-component-ui.js").is_file()  # the UI is served from the site itself


def test_material_lunr_search_is_not_built(real_site: BuildResult) -> None:
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in REAL_CONFIG["plugins"]]

    assert "search" not in plugins and "material/search" not in plugins
    assert plugins[-1] == "nextsociety/search"
    assert not (real_site.site / "search").exists()  # no search/search_index.json
    assert 'data-md-component="search"' not in real_site.html("")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_press_release_is_indexed_with_its_filters_and_metadata(
    real_site: BuildResult, lang: str
) -> None:
    fragment = fragments(real_site.site, lang)["/" + PREFIX[lang] + RELEASE]
    spain = {"en": "Spain", "fr": "Espagne", "ar": "إسبانيا"}[lang]
    date = {"en": "November 2018", "fr": "novembre 2018", "ar": "نوفمبر 2018"}[lang]  # month only
    press_release = t("news.type.press-release", lang)

    filters = fragment["filters"]
    assert filters[t("search.filter.type", lang)] == [press_release]
    assert filters[t("search.filter.year", lang)] == ["2018"]
    assert spain in filters[t("search.filter.country", lang)]
    # the organisers; ANIMA is only the press contact's organisation, not a partner of the item
    assert "France Clusters" in filters[t("search.filter.partner", lang)]
    assert "ANIMA Investment Network" not in filters[t("search.filter.partner", lang)]
    assert fragment["meta"]["type"] == press_release
    assert fragment["meta"]["date"] == date
    assert fragment["meta"]["title"] == " ".join(
        real_site.soup(PREFIX[lang] + RELEASE).h1.get_text().split()
    )
    assert re.search(
        {"en": "Barcelona", "fr": "Barcelone", "ar": "برشلونة"}[lang], fragment["content"]
    )


def test_events_partners_clusters_and_static_pages_have_their_filters(
    real_site: BuildResult,
) -> None:
    expected = {
        EVENT: {
            "type": ["Event"],
            "year": ["2018"],
            "country": ["Spain"],
            "partner": ["France Clusters"],
        },
        "partners/accio/": {"type": ["Partner"], "country": ["Spain"]},
        "clusters/secpho/": {"type": ["Cluster"], "country": ["Spain"]},
        "about/": {"type": ["Page"]},
        "": {"type": ["Page"]},
        "partners/": {"type": ["Page"]},
        "clusters/": {"type": ["Page"]},
    }
    for url, wanted in expected.items():
        found = head_filters(real_site.soup(url))
        for key, values in wanted.items():
            assert set(values) <= set(found.get(key, [])), (url, key, found)
        assert "/" + url in fragments(real_site.site, "en"), url


def test_listings_404_and_the_press_room_are_not_indexed(real_site: BuildResult) -> None:
    for lang in LANGUAGES:
        indexed = fragments(real_site.site, lang)
        for listing in LISTINGS:
            url = PREFIX[lang] + listing
            assert "data-pagefind-body" not in real_site.html(url), url
            assert not head_filters(real_site.soup(url)), url
            assert "/" + url not in indexed
        assert "data-pagefind-body" not in (real_site.site / PREFIX[lang] / "404.html").read_text(
            encoding="utf-8"
        )


def test_navigation_header_footer_and_boilerplate_are_not_indexed(real_site: BuildResult) -> None:
    soup = real_site.soup(RELEASE)
    for marked in soup.select("[data-pagefind-body]"):
        assert marked.find_parent("article") is not None, marked.name
        assert not marked.select("nav, footer, .md-sidebar, .ns-boilerplate, .ns-item__related")
    content = fragments(real_site.site, "en")["/" + RELEASE]["content"]
    about_boilerplate = soup.select_one(".ns-boilerplate h2").get_text(strip=True)
    for outside in (
        "Skip to content",
        "Français",
        "العربية",
        "co-funded by the European Union",
        about_boilerplate,
    ):
        assert outside not in content, outside
    assert "Table of contents" not in fragments(real_site.site, "en")["/about/"]["content"]


def test_release_titles_weigh_most(real_site: BuildResult) -> None:
    assert real_site.soup(RELEASE).h1["data-pagefind-weight"] == "10.0"


def test_untranslated_copies_are_not_indexed(search_site) -> None:
    """`mkdocs build` alone writes the index; /fr/about/ (English text) stays out of the French one."""
    result = search_site()
    assert result.returncode == 0, result.log

    assert "data-pagefind-body" in result.html("about/")
    assert "data-pagefind-body" not in result.html("fr/about/")
    assert "data-ns-untranslated" in result.html("fr/about/")
    assert set(fragments(result.site, "en")) == {"/", "/about/"}
    assert set(fragments(result.site, "fr")) == {"/fr/"}
    assert set(fragments(result.site, "ar")) == {"/ar/"}
    assert "Pagefind indexed 4 pages: 1 in 'ar', 2 in 'en', 1 in 'fr'" in result.log
    assert "WARNING" not in result.log


def test_the_index_is_byte_identical_from_build_to_build(search_site) -> None:
    """Pagefind 1.5.2 writes filter values and languages in random order; the plugin sorts them."""
    first = search_site()
    assert first.returncode == 0, first.log
    bundle = files_of(first.site / "pagefind")
    for seed in ("1", "2"):
        again = search_site(env={"PYTHONHASHSEED": seed})
        assert again.returncode == 0, again.log

        other = files_of(again.site / "pagefind")

        assert sorted(other) == sorted(bundle)
        assert [name for name in bundle if bundle[name] != other[name]] == []


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_a_content_file_in_the_search_folder_is_an_error(search_site) -> None:
    result = search_site({"content/pagefind/notes.txt": "mine"})

    assert result.returncode != 0
    assert (
        "content/pagefind/notes.txt: 'pagefind/' in the built site is the search index"
        in result.log
    )


def test_mkdocs_serve_builds_the_index_too(search_site, tmp_path: Path) -> None:
    result = search_site()  # writes tmp_path/project
    assert result.returncode == 0, result.log
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--no-livereload",
        "-a",
        f"127.0.0.1:{port}",
    ]
    with log.open("wb") as output:
        serve = subprocess.Popen(
            command, cwd=tmp_path / "project", stdout=output, stderr=subprocess.STDOUT
        )
    try:
        entry = None
        for _ in range(120):
            try:
                url = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
                with urllib.request.urlopen(url, timeout=2) as answer:
                    entry = answer.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
    finally:
        serve.terminate()
        serve.wait(timeout=30)
    assert entry is not None, "mkdocs serve never served the search index:\n" + log.read_text(
        errors="replace"
    )
    assert '"fr":{"hash":"fr_' in entry


def test_the_header_override_is_materials_with_our_search() -> None:
    """overrides/partials/header.html is Material's, but for the search: re-sync it on upgrades."""
    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(
        encoding="utf-8"
    )
    theirs = theirs.replace(" | e }}", " }}")  # ours is autoescaped, like all of overrides/
    ours = (
        Path(__file__).resolve().parents[2] / "overrides" / "partials" / "header.html"
    ).read_text(encoding="utf-8")
    search_block = re.compile(
        r'\n *\{% if "material/search" in config\.plugins %\}.*?\{% endif %\}\n *\{% endif %\}\n',
        re.DOTALL,
    )
    our_block = re.compile(r"\n *\{#- nextsociety: .*?\{% endif %\}\n", re.DOTALL)
    comment = re.compile(r"^\{#-.*?-#\}\n", re.DOTALL)

    assert search_block.search(theirs), (
        "Material's header no longer has its search block where we expect it"
    )
    assert comment.sub("", search_block.sub("\n", theirs), count=1) == comment.sub(
        "", our_block.sub("\n", ours), count=1
    )


@pytest.mark.parametrize(
    ("plugin", "bundle"),
    [
        ("- nextsociety/search\n", "pagefind/"),
        ("- nextsociety/search:\n    output_subdir: find\n", "find/"),
        ("- nextsociety/search:\n    enabled: false\n", None),
    ],
)
def test_the_search_box_follows_the_plugin_settings(make_site, plugin, bundle) -> None:
    """Templates learn where the search UI is from the plugin (`search_bundle`), not by
    looking the plugin up in the configuration: no box when it is disabled."""
    from tests.conftest import tiny_mkdocs_yml
    from tests.search.conftest import TINY_PAGES

    result = make_site(TINY_PAGES, tiny_mkdocs_yml(extra_plugins=plugin))
    assert result.returncode == 0, result.log
    for lang in LANGUAGES:
        soup = result.soup(PREFIX[lang])
        box = soup.select_one("[data-ns-search]")
        stylesheet = soup.select_one("link[href$='ns-search.css']")
        if bundle is None:
            assert box is None and stylesheet is None
        else:
            assert box["data-ns-bundle"].endswith(bundle), box["data-ns-bundle"]
            assert stylesheet is not None


def test_the_press_room_is_found_by_the_press_officers_name(real_site) -> None:
    from tests.search.conftest import fragments

    for lang in ("en", "fr", "ar"):
        pages = fragments(real_site.site, lang)
        press = [url for url, fragment in pages.items() if url.rstrip("/").endswith("press")]
        assert press, lang
        assert "Ruiz" in pages[press[0]]["content"], lang

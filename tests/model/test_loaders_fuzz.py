"""Property tests of the loaders: for any generated front matter, strings table or registry,
loading gives a model or a list of problems with file and line — never an exception, and fast.
(Hypothesis generates the documents; the examples are seeded by the test's name.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nextsociety.model.errors import DataError
from nextsociety.model.languages import parse_languages
from nextsociety.model.news import load_news
from nextsociety.model.references import KnownIds
from nextsociety.model.registries import load_registries
from nextsociety.model.strings import load_strings

LANGUAGES = parse_languages(
    "en",
    {
        "en": {"name": "English", "site_name": "S", "locale": "en_GB"},
        "fr": {"name": "Français", "site_name": "S"},
        "ar": {"name": "العربية", "site_name": "S"},
    },
)
KNOWN = KnownIds(partners={"accio"}, clusters={"menara"}, contacts={"press"}, tags={"visit"})
FAST = settings(
    max_examples=150,
    deadline=1000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x10FFFF), max_size=40
) | st.sampled_from(["", " ", "{", "{year}", "<b>x</b>", "accio", "2018-11", "\u202f:", "ع"])
SCALAR = (
    TEXT
    | st.integers(-(10**20), 10**20)
    | st.booleans()
    | st.none()
    | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
NEWS_KEYS = st.sampled_from(
    [
        "title",
        "date",
        "type",
        "summary",
        "partners",
        "clusters",
        "events",
        "contact",
        "tags",
        "draft",
        "image",
        "image_alt",
        "gallery",
        "slug",
        "updated",
        "dateline",
        "other",
    ]
)


def as_yaml(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def assert_problems_have_places(error: DataError, prefix: str) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.path.startswith(prefix), problem
        assert problem.line is None or problem.line >= 1, problem


@FAST
@given(st.dictionaries(NEWS_KEYS, VALUE, max_size=10), st.sampled_from(["", ".fr", ".ar"]))
def test_news_front_matter(meta, suffix):
    source = f"news/2018/item{suffix}.md", "---\n" + as_yaml(meta) + "---\nBody.\n"
    try:
        load_news([source], LANGUAGES, KNOWN)
    except DataError as error:
        assert_problems_have_places(error, "content/news/2018/item")


@FAST
@given(
    st.dictionaries(
        TEXT,
        st.dictionaries(st.sampled_from(["en", "fr", "ar", "de"]), VALUE, max_size=4),
        max_size=6,
    )
)
def test_strings_table(tmp_path_factory, table):
    path = Path(tmp_path_factory.mktemp("strings")) / "site.yml"
    path.write_text(as_yaml({"strings": table}), encoding="utf-8")
    try:
        load_strings(path, "data/site.yml", ("en", "fr", "ar"))
    except DataError as error:
        assert_problems_have_places(error, "data/site.yml")


REGISTRY_KEYS = st.sampled_from(
    ["id", "name", "country", "kind", "website", "description", "sector", "x"]
)


@FAST
@given(st.lists(st.dictionaries(REGISTRY_KEYS, VALUE, max_size=6), max_size=4))
def test_partners_registry(tmp_path_factory, records):
    folder = Path(tmp_path_factory.mktemp("data"))
    (folder / "partners.yml").write_text(as_yaml(records), encoding="utf-8")
    (folder / "clusters.yml").write_text("[]\n", encoding="utf-8")
    (folder / "contacts.yml").write_text("[]\n", encoding="utf-8")
    try:
        load_registries(folder, LANGUAGES, "data")
    except DataError as error:
        assert_problems_have_places(error, "data/")


MEDIA_KEYS = st.sampled_from(
    ["id", "kind", "file", "alt", "caption", "credit", "licence", "license", "x"]
)


@FAST
@given(st.lists(st.dictionaries(MEDIA_KEYS, VALUE, max_size=7), max_size=4))
def test_media_registry(tmp_path_factory, records):
    folder = Path(tmp_path_factory.mktemp("data"))
    (folder / "media.yml").write_text(as_yaml(records), encoding="utf-8")
    for name in ("partners.yml", "clusters.yml", "contacts.yml"):
        (folder / name).write_text("[]\n", encoding="utf-8")
    try:
        load_registries(folder, LANGUAGES, "data")
    except DataError as error:
        assert_problems_have_places(error, "data/")

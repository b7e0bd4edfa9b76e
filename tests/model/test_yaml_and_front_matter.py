"""Unit tests for the line-keeping YAML loader, front matter and language mapping."""

from __future__ import annotations

import pytest
from nextsociety.model.errors import DataError, Problem, did_you_mean
from nextsociety.model.frontmatter import split_front_matter
from nextsociety.model.languages import parse_languages
from nextsociety.model.translations import localized_dest_uri, split_language
from nextsociety.model.urls import absolute_url
from nextsociety.model.yamlio import parse_yaml

LANGS = parse_languages(
    "en",
    {
        "en": {"name": "English", "site_name": "S"},
        "fr": {"name": "Français", "site_name": "S"},
        "ar": {"name": "العربية", "site_name": "S"},
    },
)


def test_lines_of_keys_and_items():
    data = parse_yaml("a: 1\nlist:\n  - x\n  - {b: 2}\n", "f.yml")
    assert data.line == 1 and data.line_of("list") == 2
    assert data["list"].line_of(1) == 4
    assert data["list"][1].line == 4


def test_duplicate_key_is_an_error_with_both_lines():
    with pytest.raises(DataError) as err:
        parse_yaml("id: a\nname: x\nid: b\n", "data/p.yml")
    assert (
        str(err.value.problems[0])
        == "data/p.yml:3: the key 'id' is written twice (first written on line 1; keep one)"
    )


def test_malformed_yaml_gives_its_line():
    with pytest.raises(DataError) as err:
        parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "x.yml")
    problem = err.value.problems[0]
    assert (
        problem.path == "x.yml"
        and problem.line == 3
        and problem.message.startswith("malformed YAML")
    )


def test_front_matter_lines_are_file_lines():
    source = split_front_matter("---\ntitle: T\nslug: s\n---\n# Body\n", "a.md")
    assert source.meta["slug"] == "s" and source.meta.line_of("slug") == 3
    assert source.body == "# Body\n" and source.body_line == 5


def test_no_front_matter_and_unclosed_front_matter():
    assert split_front_matter("# Just a page\n", "a.md").meta == {}
    with pytest.raises(DataError, match="front matter is not closed"):
        split_front_matter("---\ntitle: T\n# Body\n", "a.md")


def test_split_language_and_destinations():
    assert split_language("about.fr.md", LANGS) == ("about.md", LANGS.get("fr"))
    assert split_language("news/2018/x.ar.md", LANGS) == ("news/2018/x.md", LANGS.get("ar"))
    assert split_language("v1.2.md", LANGS) == ("v1.2.md", LANGS.default)
    assert (
        localized_dest_uri("programme/track.md", LANGS.get("fr"), "parcours")
        == "fr/programme/parcours/index.html"
    )
    assert localized_dest_uri("about.md", LANGS.get("fr"), None) is None


def test_direction_comes_from_cldr():
    assert [lang.direction for lang in LANGS.languages] == ["ltr", "ltr", "rtl"]
    assert [lang.prefix for lang in LANGS.languages] == ["", "fr/", "ar/"]


def test_absolute_url_keeps_the_sub_path():
    assert absolute_url("https://h/sub", "fr/a/") == "https://h/sub/fr/a/"
    assert absolute_url("https://h/sub/", "./") == "https://h/sub/"


def test_problem_formatting_and_hint():
    assert str(
        Problem(
            "data/x.yml", 4, "unknown key 'countrry'", did_you_mean("countrry", ["country", "name"])
        )
    ) == ("data/x.yml:4: unknown key 'countrry' (did you mean 'country'?)")
    with pytest.raises(DataError) as err:
        parse_languages("de", {"en": {"name": "English", "site_name": "S"}})
    assert "default_language 'de' is not among the languages" in str(err.value)

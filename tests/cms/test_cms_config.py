"""The web editor's configuration says what the model says: same fields, same required flags, the
options and patterns of `nextsociety check`, and a configuration Sveltia CMS itself accepts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
import yaml
from nextsociety.model import events as event_model
from nextsociety.model import news as news_model
from nextsociety.model.countries import country_codes
from nextsociety.model.errors import ProblemCollector
from nextsociety.model.records import RecordFile
from nextsociety.model.references import tag_ids
from nextsociety.model.registries.base import registry_kind
from nextsociety.model.site import Site, load_site
from nextsociety.model.yamlio import load_yaml
from nextsociety.render.cms import (
    CHECK_PATTERNS,
    DATE_PATTERNS,
    NOT_EDITED,
    REGISTRY_FIELDS,
    CmsSettings,
    cms_config,
    site_context,
)

from tests.conftest import REPO

PACKAGE = REPO / "cms" / "node_modules" / "@sveltia" / "cms"
SETTINGS = CmsSettings("thenextsociety/website", "main", "https://www.thenextsociety.co/")


@pytest.fixture(scope="module")
def site() -> Site:
    site, problems = load_site(REPO)
    assert site is not None, problems
    return site


@pytest.fixture(scope="module", params=["en", "fr", "ar"])
def config(request: pytest.FixtureRequest, site: Site) -> dict[str, Any]:
    lang = site.config.languages.get(request.param)
    return cms_config(site_context(site, lang), SETTINGS, "content", "data")


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {field["name"]: field for field in fields}


def record_fields(config: dict[str, Any], registry: str) -> dict[str, dict[str, Any]]:
    (listing,) = collection(config, registry)["files"][0]["fields"]
    assert listing["root"] is True and listing["widget"] == "list"
    return by_name(listing["fields"])


def option_values(field: dict[str, Any]) -> set[str]:
    return {option["value"] for option in field["options"]}


def test_sveltia_accepts_the_configuration(config: dict[str, Any]) -> None:
    """Validated with the JSON schema shipped in the pinned package (what the CMS checks too)."""
    schema = json.loads((PACKAGE / "schema" / "sveltia-cms.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(config))
    assert not errors, [(list(e.path), e.message[:200]) for e in errors[:5]]
    # The same schema refuses a typo: the check above can fail.
    broken = json.loads(json.dumps(config))
    broken["collections"][0]["fields"][0]["requierd"] = True
    assert list(jsonschema.Draft7Validator(schema).iter_errors(broken))


def test_the_layout_is_ours(config: dict[str, Any], site: Site) -> None:
    i18n = config["i18n"]
    assert i18n["structure"] == "multiple_files" and i18n["default_locale"] == "en"
    assert i18n["omit_default_locale_from_file_path"] is True  # x.md, x.fr.md, x.ar.md
    assert i18n["locales"] == ["en", "fr", "ar"]
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["auth_methods"] == ["token"]  # no OAuth proxy configured
    with_proxy = cms_config(
        site_context(site, site.config.languages.default),
        CmsSettings("o/r", "main", "https://x.org/", auth_url="https://auth.example.org"),
        "content",
        "data",
    )
    assert with_proxy["backend"]["base_url"] == "https://auth.example.org"
    assert with_proxy["backend"]["auth_methods"] == ["oauth", "token"]
    news = collection(config, "press-releases")
    assert news["folder"] == "content/news" and news["path"].endswith("/{{slug}}")
    assert news["filter"] == {"field": "type", "value": "press-release"}


@pytest.mark.parametrize("name", ["press-releases", "news"])
def test_news_fields_are_the_models(config: dict[str, Any], name: str) -> None:
    fields = by_name(collection(config, name)["fields"])
    original, translation = news_model.ORIGINAL_FIELDS, news_model.TRANSLATION_FIELDS
    assert set(fields) == (set(original) | set(translation) | {"body"}) - NOT_EDITED
    for key, field in original.items():
        assert fields[key]["required"] is field.required, key
    for key, spec in fields.items():
        # A translation writes only what TRANSLATION_FIELDS allows; `date` and `type` once.
        translated = key in translation and key not in ("date", "type") or key == "body"
        assert bool(spec.get("i18n")) is translated, key


def test_event_fields_are_the_models(config: dict[str, Any]) -> None:
    fields = by_name(collection(config, "events")["fields"])
    expected = set(event_model.ORIGINAL_FIELDS) | set(event_model.TRANSLATION_FIELDS)
    expected -= set(event_model.LOCATION_FIELDS) | NOT_EDITED
    assert set(fields) == expected | {"body"}
    for key, field in event_model.ORIGINAL_FIELDS.items():
        assert fields[key]["required"] is field.required, key
    location = by_name(fields["location"]["fields"])
    for key, field in event_model.LOCATION_FIELDS.items():
        assert location[key]["required"] is field.required, key
    assert option_values(location["country"]) == set(country_codes())
    assert option_values(fields["status"]) == set(event_model.EVENT_STATUSES)
    planned = by_name(collection(config, "planned-events")["fields"])
    assert "start" not in planned and planned["status"]["default"] == "planned"


@pytest.mark.parametrize("registry", sorted(REGISTRY_FIELDS))
def test_registry_fields_are_the_models(config: dict[str, Any], registry: str) -> None:
    fields = record_fields(config, registry)
    assert set(fields) == set(REGISTRY_FIELDS[registry])
    for key, field in REGISTRY_FIELDS[registry].items():
        assert fields[key]["required"] is field.required, (registry, key)


def test_options_are_what_check_accepts(config: dict[str, Any], site: Site) -> None:
    registries = site.registries
    assert registries is not None
    news = by_name(collection(config, "news")["fields"])
    assert option_values(news["partners"]) == set(registries.partners)
    assert option_values(news["organisers"]) == set(registries.partners)
    assert option_values(news["clusters"]) == set(registries.clusters)
    assert option_values(news["contact"]) == set(registries.contacts)
    assert option_values(news["events"]) == {event.id for event in site.events}
    assert option_values(news["tags"]) == tag_ids(site.strings.strings)
    assert option_values(news["type"]) == set(news_model.NEWS_TYPES)
    assert news["partners"]["multiple"] is True and news["contact"]["multiple"] is False
    clusters = record_fields(config, "clusters")
    assert option_values(clusters["partner"]) == set(registries.partners)
    assert option_values(clusters["country"]) == set(country_codes())


# -- what the editor lets through, the model accepts; what it refuses, the model refuses -------


def parse_registry(registry: str, yaml_text: str, tmp_path) -> list[str]:
    """Problems of the model's own parser for a registry file with this text."""
    path = tmp_path / f"{registry}.yml"
    path.write_text(yaml_text, encoding="utf-8")
    problems = ProblemCollector()
    file = RecordFile(f"data/{registry}.yml", ("en", "fr", "ar"), problems)
    registry_kind(registry).parse(load_yaml(path, file.path), file)
    return [str(problem) for problem in problems.problems]


VALID = {
    "partners": {"id": "x-one", "name": "X", "country": "FR", "kind": "agency"},
    "clusters": {"id": "x-one", "name": "X", "country": "FR", "cluster_booster_track": True},
    "contacts": {"id": "x-one", "kind": "press", "name": "X", "email": "x@example.org"},
}
# Fields whose options come from another registry: checked across files, by load_registries.
CROSS_FILE = {"partner", "organisation"}


def select_cases(config: dict[str, Any]) -> Iterator[tuple[str, str, str, bool]]:
    """(registry, field, value, allowed by the editor) for every select field of a registry."""
    for registry in REGISTRY_FIELDS:
        for key, field in record_fields(config, registry).items():
            if field.get("widget") != "select" or key in CROSS_FILE:
                continue
            for value in sorted(option_values(field))[:3] + sorted(option_values(field))[-2:]:
                yield registry, key, value, True
            yield registry, key, "not-an-option", False


def test_select_options_agree_with_the_model(config: dict[str, Any], tmp_path) -> None:
    cases = list(select_cases(config))
    assert {(registry, key) for registry, key, _, _ in cases} >= {
        ("partners", "kind"),
        ("partners", "country"),
        ("clusters", "sector"),
        ("contacts", "kind"),
    }
    for registry, key, value, allowed in cases:
        record = {**VALID[registry], key: value}
        problems = parse_registry(registry, yaml.safe_dump([record]), tmp_path)
        assert (not problems) is allowed, (registry, key, value, problems)


EXAMPLES = {
    "slug": (["barcelona-visit", "a1"], ["Barcelona", "a--b", "-a", "é"]),
    "text": (["Tunis", "L’été à Tunis"], ["", "  ", "<b>Tunis</b>", "a<br/>b"]),
    "url": (["https://www.thenextsociety.co/", "https://x.org/a?b=c"], ["http://x.org", "ftp://x"]),
    "email": (["welcome@thenextsociety.co"], ["welcome", "a@b", "a b@c.org"]),
    "phone": (["+33 4 96 11 67 69", "+33496116769"], ["04 96 11 67 69", "+33-4"]),
    "twitter": (["@TheNext_Society"], ["TheNext_Society", "@a-b"]),
}


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_patterns_agree_with_the_models_checks(kind: str) -> None:
    """Each pattern the editor applies accepts and refuses exactly what the model's check does."""
    checks = [check for check, (_, key) in CHECK_PATTERNS.items() if key == f"cms.pattern.{kind}"]
    assert checks
    good, bad = EXAMPLES[kind]
    for check in checks:
        pattern = CHECK_PATTERNS[check][0]
        for value in good:
            assert check(value) is None and re.search(pattern, value), (kind, value)
        for value in bad:
            assert check(value) is not None and not re.search(pattern, value), (kind, value)


def test_date_patterns_agree_with_the_model(site: Site) -> None:
    from nextsociety.model.news import parse_publication

    pattern = DATE_PATTERNS["date"][0]
    for value in ("2018-11-26", "2018-11", "2026-12-10T10:00:00+01:00", "2026-12-10T09:00Z"):
        problems = ProblemCollector()
        assert parse_publication(value, "x.md", 1, problems) and re.search(pattern, value), value
    for value in ("26/11/2018", "2018", "November 2018", "2026-12-10T10:00:00"):
        problems = ProblemCollector()
        parse_publication(value, "x.md", 1, problems)
        assert problems.problems and not re.search(pattern, value), value

"""A new registry takes five files and no list to update: its module (schema and record),
its data file, its record template, its strings, and this test.

The fixture project adds `funders`, whose records name a partner: the module is placed
beside the real registries (a folder added to the `nextsociety.model.registries` package,
as a file in plugins/nextsociety/model/registries/ would be), and nothing else in the
generator is told about it. The build gives it an index and a page per record in every
language, lists each funder on its partner's page, and validates it like any registry.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from nextsociety.model import registries as registry_package
from nextsociety.model.registries.base import registry_kinds
from nextsociety.model.site import load_site

from tests.conftest import REPO, write_project
from tests.quality.checks import check_links
from tests.registry.conftest import PAGES, base_data, registry_yml

# 1. The registry's module: its records, their schema, and its declaration.
FUNDERS_PY = '''
"""Who funds the programme (data/funders.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nextsociety.model.records import (
    RecordFile, check_country, has_required, organisation_fields, parse_records,
)
from nextsociety.model.registries.base import RegistryKind
from nextsociety.model.schema import Field

FUNDER_FIELDS = {**organisation_fields(), "partner": Field(str)}


@dataclass(frozen=True)
class Funder:
    id: str
    name: str
    country: str
    partner: str | None = None


def parse_funders(data: Any, file: RecordFile) -> Any:
    def build(values: dict[str, Any], raw: Any) -> Funder | None:
        check_country(values, raw, file)
        if not has_required(values, FUNDER_FIELDS):
            return None
        return Funder(values["id"], values["name"], values["country"], values.get("partner"))

    return parse_records(data, file, FUNDER_FIELDS, "funder", build)


REGISTRY = RegistryKind(
    name="funders", record="funder", parse=parse_funders, references={"partner": "partners"}
)
'''
# 2. Its data.
FUNDERS_YML = """\
- id: union-fund
  name: Union Fund
  country: BE
  partner: acme-agency
- id: lone-fund
  name: Lone Fund
  country: FR
"""
# 3. The template of a funder's page.
FUNDER_HTML = """\
{% extends "main.html" %}
{% block content %}
  {% import "partials/registry.html" as ui with context %}
  {% autoescape true %}
    <h1>{{ ui.name(funder.name) }}</h1>
    {% if funder_partner %}
      <p class="ns-funder-partner"><a href="{{ registry.partner_url(funder_partner.id) | url }}">{{ ui.name(funder_partner.name) }}</a></p>
    {% endif %}
    <p><a href="{{ registry.index_url('funders') | url }}">{{ i18n.t("registry.funders.title") }}</a></p>
  {% endautoescape %}
{% endblock %}
"""
# 4. Its strings: the index title, and the heading of the list on a partner's page.
STRINGS = {
    "registry.funders.title": {"en": "Funders", "fr": "Financeurs", "ar": "الممولون"},
    "registry.backlinks.funders": {"en": "Funded by", "fr": "Financé par", "ar": "بتمويل من"},
}


@pytest.fixture
def funders_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    modules = tmp_path / "registries"
    modules.mkdir()
    (modules / "funders.py").write_text(FUNDERS_PY, encoding="utf-8")
    monkeypatch.setattr(registry_package, "__path__", [*registry_package.__path__, str(modules)])
    registry_kinds.cache_clear()
    overrides = tmp_path / "overrides"
    shutil.copytree(REPO / "overrides", overrides)
    (overrides / "funder.html").write_text(FUNDER_HTML, encoding="utf-8")
    strings = yaml.safe_load((REPO / "data" / "site.yml").read_text(encoding="utf-8"))
    strings["strings"].update(STRINGS)
    strings_file = tmp_path / "site.yml"
    strings_file.write_text(yaml.safe_dump(strings, allow_unicode=True), encoding="utf-8")
    config = yaml.safe_load(registry_yml())
    config["theme"]["custom_dir"] = str(overrides)
    i18n = config["plugins"][0]["nextsociety/i18n"]
    i18n["strings"] = str(strings_file)
    i18n["languages"]["en"]["nav"].append({"Funders": "funders/index.md"})
    project = tmp_path / "project"
    files = {**PAGES, **base_data(), "data/funders.yml": FUNDERS_YML}
    write_project(project, files, yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    yield project
    registry_kinds.cache_clear()


def test_the_extra_registry_builds_pages_lists_and_backlinks(funders_project: Path):
    site_dir = funders_project.parent / "site"
    config = load_config(str(funders_project / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)

    def soup(path: str) -> BeautifulSoup:
        return BeautifulSoup((site_dir / path / "index.html").read_text("utf-8"), "lxml")

    index = soup("funders")
    assert [a.get_text() for a in index.select("[data-ns-index=funders] a")] == [
        "Lone Fund",
        "Union Fund",
    ]
    assert soup("fr/funders").select_one("h1").get_text() == "Financeurs"
    assert (
        soup("ar/funders/union-fund").select_one(".ns-funder-partner a").get_text() == "Acme Agency"
    )
    partner = soup("partners/acme-agency")
    (section,) = partner.select("[data-ns-backlinks='registry.backlinks.funders']")
    assert section.select_one("h2").get_text() == "Funded by"
    assert [a.get_text() for a in section.select("a")] == ["Union Fund"]
    assert check_links(site_dir, "https://example.org/").dead == []


def test_the_extra_registry_is_validated_like_the_others(funders_project: Path):
    data = funders_project / "data" / "funders.yml"
    data.write_text(FUNDERS_YML.replace("acme-agency", "acme-agncy").replace("FR", "XX"), "utf-8")
    site, problems = load_site(funders_project)
    assert site is None
    assert [str(p) for p in problems] == [
        (
            "data/funders.yml:4: funder 'union-fund' refers to the unknown partner 'acme-agncy' "
            "(did you mean 'acme-agency'?)"
        ),
        (
            "data/funders.yml:7: unknown country code 'XX' (use a two-letter ISO 3166-1 code, "
            "such as 'FR' for France)"
        ),
    ]

"""Golden tests for the registry loader: small YAML cases in tests/golden/registry/ and the
exact report each one gives (see the README there)."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from nextsociety.model.errors import DataError
from nextsociety.model.languages import LanguageSet, parse_languages
from nextsociety.model.registries.base import Registries, load_registries

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "registry"
BASE = GOLDEN / "_base"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir() and p.name not in ("_base", "valid"))


def languages() -> LanguageSet:
    return parse_languages(
        "en",
        {code: {"name": code, "site_name": "Test"} for code in ("en", "fr", "ar")},
    )


def case_data(case: str, tmp_path: Path) -> Path:
    """The base registry with the case's files laid over it."""
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    for path in (GOLDEN / case).iterdir():
        if path.name.endswith(".deleted"):
            (data / path.name.removesuffix(".deleted")).unlink()
        elif path.suffix == ".yml":
            shutil.copy(path, data / path.name)
    return data


def as_plain(registries: Registries) -> dict[str, list[dict]]:
    return json.loads(
        json.dumps(
            {
                name: [dataclasses.asdict(record) for record in getattr(registries, name).values()]
                for name in ("partners", "clusters", "contacts")
            },
            ensure_ascii=False,
        )
    )


def check_golden(path: Path, actual: str) -> None:
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run with UPDATE_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8")


def test_base_registry_loads_into_records(tmp_path: Path) -> None:
    registries = load_registries(case_data("valid", tmp_path), languages())
    actual = yaml.safe_dump(as_plain(registries), allow_unicode=True, sort_keys=False)
    check_golden(GOLDEN / "valid" / "expected.yml", actual)


@pytest.mark.parametrize("case", CASES)
def test_bad_registry_reports_every_problem_with_its_line(case: str, tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_registries(case_data(case, tmp_path), languages())
    check_golden(GOLDEN / case / "expected.txt", caught.value.report() + "\n")


def test_every_case_has_its_expected_report() -> None:
    missing = [case for case in CASES if not (GOLDEN / case / "expected.txt").exists()]
    assert not missing
    assert len(CASES) >= 15
